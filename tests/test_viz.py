"""The view model (kg.viz.view) checked exactly on a small hand-written graph, and the page
(kg.viz.render) checked as text: self-contained and escaped."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDFS

from kg.errors import KGError
from kg.namespaces import IND, KGR
from kg.viz import render
from kg.viz.render import render_html, vis_network_assets
from kg.viz.view import UnknownEntityError, build_view, normalise_name

FIXTURE = Path(__file__).parent / "fixtures" / "viz-small.ttl"


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module")
def view(graph: Graph) -> dict:
    return build_view(graph)


def _edge(view: dict, predicate: str) -> dict:
    (edge,) = [e for e in view["edges"] if e["predicate"] == predicate]
    return edge


def _keys(view: dict) -> set[str]:
    return {n["key"] for n in view["nodes"]}


def test_counts(view: dict) -> None:
    assert len(view["nodes"]) == 7
    assert len(view["edges"]) == 6
    assert view["hidden"] == {"nodes": 0, "edges": 0}
    assert view["total"] == {"nodes": 7, "edges": 6}
    assert sorted(e["predicate"] for e in view["edges"]) == [
        "acquires", "ceoOf", "develops", "investsIn", "locatedIn", "partnersWith",
    ]  # fmt: skip


def test_view_is_plain_json(view: dict) -> None:
    assert json.loads(json.dumps(view)) == view


def test_nodes(view: dict) -> None:
    nodes = {n["key"]: n for n in view["nodes"]}
    nvidia = nodes["Nvidia"]
    assert nvidia["id"] == str(KGR.Nvidia)
    assert (nvidia["label_ar"], nvidia["label_en"]) == ("إنفيديا", "Nvidia")
    assert nvidia["type"] == "Company"  # most specific of Company ⊑ Organization
    assert (nvidia["colour"], nvidia["shape"]) == ("#1f77b4", "dot")
    assert nvidia["wikidata"] == "Q182477"
    assert nvidia["wikidata_url"] == "https://www.wikidata.org/wiki/Q182477"
    assert nvidia["alt_labels"] == ["إنفيديا", "انفيديا"]
    assert nvidia["search"] == ["nvidia", "انفيديا"]
    assert len(nvidia["documents"]) == 2
    assert nodes["GPT-5"]["label_en"] == "GPT-5" and nodes["GPT-5"]["wikidata"] == ""
    assert nodes["Jensen_Huang"]["shape"] == "star"
    # OpenAI has the most relations, so it is drawn biggest
    assert nodes["OpenAI"]["degree"] == 4
    assert max(view["nodes"], key=lambda n: n["size"])["key"] == "OpenAI"


def test_symmetric_edge_merges_both_directions_and_has_no_arrow(view: dict) -> None:
    partners = _edge(view, "partnersWith")
    assert partners["arrows"] is False and partners["symmetric"] is True
    assert {partners["from"], partners["to"]} == {str(KGR.Microsoft), str(KGR.OpenAI)}
    assert len(partners["evidence"]) == 2
    assert len(partners["documents"]) == 2
    assert _edge(view, "investsIn")["arrows"] is True
    assert (partners["label_ar"], partners["label_en"]) == ("شريك لـ", "partners with")


def test_denied_fact_is_a_dashed_not_claimed_edge(view: dict) -> None:
    acquires = _edge(view, "acquires")
    assert acquires["claimed"] is False
    assert acquires["dashes"] is True
    assert acquires["status"] == "denied"
    assert view["filters"]["show_not_claimed"] is False
    assert [e["predicate"] for e in view["edges"] if not e["claimed"]] == ["acquires"]


def test_evidence_highlights_are_relative_to_the_sentence(view: dict) -> None:
    invests = _edge(view, "investsIn")
    assert [ev["status"] for ev in invests["evidence"]] == ["reported", "asserted"]  # sorted by path
    reported, asserted = invests["evidence"]
    assert asserted["path"] == "seeds/nvidia.ar.txt"
    assert asserted["amount"] == "100 مليار دولار"
    assert asserted["confidence"] == 0.9
    spans = {h["kind"]: (h["start"], h["end"]) for h in asserted["highlights"]}
    sentence = asserted["sentence"]
    assert sentence[slice(*spans["trigger"])] == "استثمار" == asserted["trigger"]
    assert spans["evidence"] == (11, 60)
    assert sentence[slice(*spans["evidence"])] == "إنفيديا عن استثمار 100 مليار دولار في أوبن إيه آي"
    assert reported["attribution"] == "مصادر مطلعة"
    assert reported["date"] == "سبتمبر"
    assert reported["sentence_start"] == 0
    r_spans = {h["kind"]: (h["start"], h["end"]) for h in reported["highlights"]}
    assert reported["sentence"][slice(*r_spans["trigger"])] == "ستستثمر"
    assert invests["confidence"] == 0.9
    # a sentence further into its document: document offsets are shifted by ind:sentenceStart
    (ceo,) = _edge(view, "ceoOf")["evidence"]
    assert ceo["sentence_start"] == 117
    c_spans = {h["kind"]: (h["start"], h["end"]) for h in ceo["highlights"]}
    assert ceo["sentence"][slice(*c_spans["trigger"])] == "الرئيس التنفيذي"
    assert ceo["sentence"][slice(*c_spans["evidence"])] == "جنسن هوانغ، الرئيس التنفيذي لإنفيديا"


def test_legend_and_filters(view: dict) -> None:
    legend_types = {t["type"]: t for t in view["legend"]["types"]}
    assert set(legend_types) == {"AIModel", "Company", "Country", "GovernmentBody", "Person"}
    assert legend_types["Company"]["count"] == 3
    assert legend_types["Company"]["label_ar"] == "شركة"
    preds = {p["predicate"]: p for p in view["legend"]["predicates"]}
    assert len(preds) == 6 and preds["partnersWith"]["symmetric"] is True
    assert len({p["colour"] for p in preds.values()}) == 6
    assert [d["path"] for d in view["filters"]["documents"]] == ["seeds/gulf.ar.txt", "seeds/nvidia.ar.txt"]
    assert view["filters"]["statuses"] == ["asserted", "denied", "reported"]


@pytest.mark.parametrize("name", ["إنفيديا", "انفيديا", "إِنْفِيدْيَا", "NVIDIA", "nvidia"])
def test_focus_depth_1(graph: Graph, name: str) -> None:
    view = build_view(graph, focus=name, depth=1)
    assert _keys(view) == {"Nvidia", "OpenAI", "Jensen_Huang"}
    assert sorted(e["predicate"] for e in view["edges"]) == ["ceoOf", "investsIn"]
    assert view["focus"] == {"query": name, "depth": 1, "ids": [str(KGR.Nvidia)]}


def test_focus_depth_2(graph: Graph) -> None:
    view = build_view(graph, focus="Nvidia", depth=2)
    assert _keys(view) == {"Nvidia", "OpenAI", "Jensen_Huang", "Microsoft", "GPT-5"}
    assert len(view["edges"]) == 5
    assert view["hidden"] == {"nodes": 0, "edges": 0}


def test_focus_matches_teh_marbuta_and_alef_variants(graph: Graph) -> None:
    view = build_view(graph, focus="المملكه العربيه السعوديه", depth=1)
    assert _keys(view) == {"Saudi_Arabia", "SDAIA"}


def test_unknown_focus(graph: Graph) -> None:
    with pytest.raises(UnknownEntityError) as info:
        build_view(graph, focus="سامسونج")
    assert isinstance(info.value, KGError)
    assert str(info.value).startswith("no entity named 'سامسونج' in the graph; try one of: ")


def test_unknown_focus_suggests_close_names(graph: Graph) -> None:
    with pytest.raises(UnknownEntityError, match="try one of: .*مايكروسوفت"):
        build_view(graph, focus="مايكروسفت")


def test_max_nodes_keeps_the_largest_component(graph: Graph) -> None:
    view = build_view(graph, max_nodes=5)
    assert _keys(view) == {"Nvidia", "OpenAI", "Jensen_Huang", "Microsoft", "GPT-5"}
    assert view["hidden"] == {"nodes": 2, "edges": 1}
    assert len(view["edges"]) == 5


def test_max_nodes_inside_a_component_keeps_best_connected(graph: Graph) -> None:
    view = build_view(graph, max_nodes=3)
    assert _keys(view) == {"OpenAI", "Microsoft", "Nvidia"}
    assert sorted(e["predicate"] for e in view["edges"]) == ["acquires", "investsIn", "partnersWith"]
    assert view["hidden"] == {"nodes": 4, "edges": 3}


def test_empty_graph() -> None:
    view = build_view(Graph())
    assert view["nodes"] == [] and view["edges"] == []
    assert view["hidden"] == {"nodes": 0, "edges": 0}


def test_normalise_name() -> None:
    assert normalise_name("  إِنْفِيـدْيَا ") == "انفيديا"
    assert normalise_name("الهيئة") == "الهيئه"
    assert normalise_name("مستشفى") == "مستشفي"
    assert normalise_name("«OpenAI»") == "openai"


# ---- render_html


@pytest.fixture(scope="module")
def page(view: dict, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = render_html(view, tmp_path_factory.mktemp("viz") / "graph.html")
    return path.read_text(encoding="utf-8")


def test_page_is_self_contained(page: str) -> None:
    assert "http://" not in page.lower()
    assert "https://" not in page.lower()
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, flags=re.IGNORECASE)
    assert "vis.Network" in page  # vis-network is inlined
    assert '<html lang="ar" dir="rtl">' in page
    assert '<meta charset="utf-8">' in page


def test_page_escapes_article_text(page: str) -> None:
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert "\\u003cscript\\u003ewindow.__pwned=1\\u003c\\/script\\u003e" in page
    assert '\\u003cimg src=x onerror=\\"window.__pwned=2\\"\\u003e' in page


def test_page_embeds_the_view_model(page: str, view: dict) -> None:
    match = re.search(r'<script type="application/json" id="kg-view-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    assert json.loads(match.group(1)) == view


# every %%NAME%% of the page template: article text that contains one must stay text
PLACEHOLDERS = sorted(set(re.findall(r"%%[A-Z_]+%%", render._template())))


def placeholder_graph(graph: Graph) -> Graph:
    """A copy of `graph` whose labels, sentences and document titles end in every placeholder."""
    tail = " " + " ".join(PLACEHOLDERS)
    out = Graph()
    for s, p, o in graph:
        if p in (RDFS.label, IND.sentence, DCTERMS.title) and isinstance(o, Literal):
            o = Literal(str(o) + tail, lang=o.language)  # appended: the offsets stay right
        out.add((s, p, o))
    return out


def test_placeholders_in_article_text_stay_text(graph: Graph, tmp_path: Path) -> None:
    assert {"%%PAGE_JS%%", "%%VIS_JS%%", "%%VIEW_JSON%%", "%%TITLE%%"} <= set(PLACEHOLDERS)
    view = build_view(placeholder_graph(graph))
    title = "عنوان " + " ".join(PLACEHOLDERS)
    page = render_html(view, tmp_path / "graph.html", title=title).read_text(encoding="utf-8")
    match = re.search(r'<script type="application/json" id="kg-view-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    embedded = json.loads(match.group(1))
    assert embedded == view
    texts = [n["label_ar"] for n in embedded["nodes"]]
    texts += [d["title"] for d in embedded["filters"]["documents"]]
    texts += [ev["sentence"] for e in embedded["edges"] for ev in e["evidence"]]
    for text in texts:
        assert text.endswith(" ".join(PLACEHOLDERS))
    assert page.count(f"<title>{title}</title>") == 1
    assert page.count(f'<h1 id="kg-title">{title}</h1>') == 1
    vis_js, vis_css = vis_network_assets()
    assert page.count(vis_js) == 1
    assert page.count(vis_css) == 1
    assert page.count(render._page_js()) == 1
    assert page.count(render._page_css()) == 1


VIZ_DIR = Path(render.__file__).parent


def test_page_js_css_and_template_are_package_data_read_from_disk(page: str) -> None:
    js, css, html = (
        (VIZ_DIR / name).read_text(encoding="utf-8") for name in ("page.js", "page.css", "page.html")
    )
    assert len(js) > 10_000 and len(css) > 1_000 and "%%PAGE_JS%%" in html
    assert page.count(js) == 1
    assert page.count(css) == 1
    assert page.startswith(html[: html.index("%%")])
    assert page.endswith(html[html.rindex("%%") + 2 :])
    # the inlined files cannot close their own element early
    assert not re.search(r"</script", js, flags=re.IGNORECASE)
    assert not re.search(r"</style", css, flags=re.IGNORECASE)
    # read once per process, then served from the cache
    assert render._page_js() is render._page_js()
    pyproject = (VIZ_DIR.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"viz/*.js"' in pyproject and '"viz/*.css"' in pyproject


def test_render_py_holds_no_large_string_constants() -> None:
    tree = ast.parse(Path(render.__file__).read_text(encoding="utf-8"))
    strings = [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    assert strings  # the walk does see string constants (docstrings, messages)
    assert [(node.lineno, len(node.value)) for node in strings if len(node.value) > 2_000] == []


def test_page_shows_hidden_note_data(graph: Graph, tmp_path: Path) -> None:
    view = build_view(graph, max_nodes=5)
    text = render_html(view, tmp_path / "sub" / "g.html").read_text(encoding="utf-8")
    assert 'data-testid="hidden-note"' in text
    assert '"hidden":{"nodes":2,"edges":1}' in text


def test_edge_status_is_the_strongest_claim(view: dict) -> None:
    # one sentence asserts it, another reports it: the edge is asserted
    assert _edge(view, "investsIn")["status"] == "asserted"


# ---- kg.stats (shares the fixture)


def test_graph_stats(graph: Graph) -> None:
    from kg.stats import graph_stats

    stats = graph_stats(graph)
    assert stats["entities"] == 7
    assert stats["entities_by_type"] == {
        "AIModel": 1,
        "Company": 3,
        "Country": 1,
        "GovernmentBody": 1,
        "Person": 1,
    }
    # partnersWith is symmetric and written in both directions: one fact; the denied one is no fact
    assert stats["facts_by_predicate"] == {
        "ceoOf": 1, "develops": 1, "investsIn": 1, "locatedIn": 1, "partnersWith": 1,
    }  # fmt: skip
    assert stats["facts"] == 5
    assert stats["assertions_by_status"] == {"asserted": 6, "denied": 1, "reported": 1}
    assert stats["documents"] == 2
    assert [c["label_en"] for c in stats["central_companies"]] == ["OpenAI", "Nvidia", "Microsoft"]
    assert stats["central_companies"][0]["degree"] == 3
    assert stats["communities"] == [["أوبن إيه آي", "إنفيديا", "مايكروسوفت"]]
    assert json.loads(json.dumps(stats)) == stats
