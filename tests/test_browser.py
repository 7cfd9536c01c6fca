"""The rendered graph page, driven in headless Chromium (Debian's /usr/bin/chromium via Playwright).

Each test opens a fresh page on the file:// URL and fails on any console error, page error or
network request that is not file://. The screenshot lands in tests/artifacts/graph.png.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph
from test_viz import PLACEHOLDERS, placeholder_graph

from kg.namespaces import KGR
from kg.viz.render import render_html
from kg.viz.view import build_view

CHROMIUM = Path("/usr/bin/chromium")
FIXTURE = Path(__file__).parent / "fixtures" / "viz-small.ttl"
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


class Loaded:
    def __init__(self, page: Any, view: dict, problems: list[str]) -> None:
        self.page = page
        self.view = view
        self.problems = problems

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def visible(self) -> tuple[int, int]:
        nodes, edges = self.js("() => [kgVisible.nodes.length, kgVisible.edges.length]")
        return nodes, edges

    def edge_id(self, predicate: str) -> str:
        (edge,) = [e for e in self.view["edges"] if e["predicate"] == predicate]
        return str(edge["id"])


@pytest.fixture(scope="module")
def graph() -> Graph:
    return Graph().parse(FIXTURE, format="turtle")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _open(browser: Any, view: dict, path: Path) -> Iterator[Loaded]:
    render_html(view, path)
    page = browser.new_page(viewport={"width": 1400, "height": 850}, device_scale_factor=1)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: None if r.url.startswith("file:") else problems.append(f"request: {r.url}"))
    page.goto(path.as_uri())
    # the page's CSP forbids eval, so wait on an attribute rather than with wait_for_function
    page.wait_for_selector("body[data-ready='1']", state="attached", timeout=30_000)
    loaded = Loaded(page, view, problems)
    yield loaded
    assert problems == []
    assert page.evaluate("() => window.__pwned") is None
    page.close()


@pytest.fixture
def loaded(browser: Any, graph: Graph, tmp_path: Path) -> Iterator[Loaded]:
    yield from _open(browser, build_view(graph), tmp_path / "graph.html")


def test_datasets_match_the_view_model(loaded: Loaded) -> None:
    total = loaded.js("() => [kgData.nodes.length, kgData.edges.length]")
    assert total == [len(loaded.view["nodes"]), len(loaded.view["edges"])] == [7, 6]
    # the denied fact is hidden until asked for
    assert loaded.visible() == (7, 5)
    assert loaded.js("() => document.documentElement.dir") == "rtl"
    assert loaded.js("() => kgView.nodes.length") == 7
    assert loaded.page.get_by_test_id("hidden-note").is_hidden()
    # physics ran, then stopped
    assert loaded.js("() => kgNetwork.physics.physicsEnabled") is False


def _click_point(loaded: Loaded) -> tuple[str, float, float]:
    """A visible edge whose midpoint is on that edge (not a node, not another edge), in page coordinates."""
    found = loaded.js(
        """() => {
        const net = kgNetwork, rect = net.canvas.frame.canvas.getBoundingClientRect();
        for (const id of kgVisible.edges.getIds()) {
          const e = kgVisible.edges.get(id), pos = net.getPositions([e.from, e.to]);
          const mid = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
          const dom = net.canvasToDOM(mid);
          if (net.getNodeAt(dom) === undefined && net.getEdgeAt(dom) === id) {
            return [id, rect.left + dom.x, rect.top + dom.y];
          }
        }
        return null;
      }"""
    )
    assert found is not None, "no edge midpoint is clickable"
    return found[0], found[1], found[2]


def test_clicking_an_edge_shows_its_sentences(loaded: Loaded) -> None:
    edge_id, x, y = _click_point(loaded)
    loaded.page.mouse.click(x, y)
    panel = loaded.page.get_by_test_id("side-panel")
    assert panel.get_attribute("data-edge-id") == edge_id
    edge = next(e for e in loaded.view["edges"] if e["id"] == edge_id)
    sentences = panel.get_by_test_id("evidence-sentence").all_inner_texts()
    assert sentences == [ev["sentence"] for ev in edge["evidence"]]
    triggers = panel.locator("mark[data-kind='trigger']").all_inner_texts()
    assert triggers == [ev["trigger"] for ev in edge["evidence"]]
    assert edge["evidence"][0]["path"] in panel.inner_text()


def test_edge_panel_fields(loaded: Loaded) -> None:
    loaded.js("(id) => kgSelectEdge(id)", loaded.edge_id("investsIn"))
    panel = loaded.page.get_by_test_id("side-panel")
    text = panel.inner_text()
    for expected in ("100 مليار دولار", "مصادر مطلعة", "seeds/nvidia.ar.txt", "seeds/gulf.ar.txt", "منقول"):
        assert expected in text
    assert panel.get_by_test_id("panel-evidence").count() == 2
    statuses = panel.get_by_test_id("edge-status")
    assert [statuses.nth(i).get_attribute("data-status") for i in range(3)] == [
        "asserted",
        "reported",
        "asserted",
    ]


def test_predicate_filter_hides_its_edges(loaded: Loaded) -> None:
    assert loaded.visible() == (7, 5)
    loaded.page.get_by_test_id("filter-predicate-investsIn").uncheck()
    assert loaded.visible() == (7, 4)
    loaded.page.get_by_test_id("filter-not-claimed").check()
    assert loaded.visible() == (7, 5)
    loaded.page.get_by_test_id("filter-type-Person").uncheck()
    assert loaded.visible() == (6, 4)  # Jensen Huang and his ceoOf edge
    loaded.page.get_by_test_id("filter-predicate-investsIn").check()
    loaded.page.get_by_test_id("filter-type-Person").check()
    loaded.page.get_by_test_id("filter-confidence").fill("0.8")
    assert loaded.visible() == (7, 3)  # investsIn 0.9, ceoOf 0.85, partnersWith 0.8
    loaded.page.get_by_test_id("filter-confidence").fill("0")
    loaded.page.get_by_test_id("filter-document-0").uncheck()  # seeds/gulf.ar.txt
    # left: entities and relations of seeds/nvidia.ar.txt (incl. the denied one, shown now)
    assert loaded.visible() == (4, 4)


def test_search_focuses_a_node(loaded: Loaded) -> None:
    loaded.page.get_by_test_id("search-input").fill("انفيديا")  # no hamza: normalised match
    loaded.page.get_by_test_id("search-input").press("Enter")
    nvidia = str(KGR.Nvidia)
    assert loaded.page.get_by_test_id("side-panel").get_attribute("data-node-id") == nvidia
    assert loaded.js("() => kgNetwork.getSelectedNodes()") == [nvidia]
    centre = loaded.js("() => kgNetwork.getViewPosition()")
    pos = loaded.js("(id) => kgNetwork.getPositions([id])[id]", nvidia)
    assert abs(centre["x"] - pos["x"]) < 1 and abs(centre["y"] - pos["y"]) < 1
    assert loaded.page.get_by_test_id("wikidata-link").inner_text() == "Q182477"
    loaded.page.get_by_test_id("search-input").fill("سامسونج")
    loaded.page.get_by_test_id("search-input").press("Enter")
    assert loaded.page.get_by_test_id("search-status").inner_text() == "لا يوجد كيان بهذا الاسم"


def test_js_and_python_normalise_alike(loaded: Loaded) -> None:
    from kg.viz.view import normalise_name

    for text in ("إِنْفِيـدْيَا", "الهيئة السعودية", "مستشفى", "«OpenAI»", "  جنسن   هوانج "):
        assert loaded.js("(s) => kgNormalise(s)", text) == normalise_name(text)


def test_hostile_text_stays_text(loaded: Loaded) -> None:
    loaded.js("(id) => kgSelectEdge(id)", loaded.edge_id("develops"))
    panel = loaded.page.get_by_test_id("side-panel")
    text = panel.inner_text()
    assert "<script>window.__pwned=1</script>" in text
    assert '<img src=x onerror="window.__pwned=2">' in text
    assert panel.locator("img").count() == 0 and panel.locator("script").count() == 0
    assert loaded.js("() => window.__pwned") is None


def test_language_switch(loaded: Loaded) -> None:
    nvidia = str(KGR.Nvidia)
    assert loaded.js("(id) => kgData.nodes.get(id).label", nvidia) == "\u2068إنفيديا\u2069"
    loaded.page.get_by_test_id("lang-en").click()
    assert loaded.js("(id) => kgData.nodes.get(id).label", nvidia) == "\u2068Nvidia\u2069"
    assert "Company" in loaded.page.get_by_test_id("filter-types").inner_text()
    loaded.page.get_by_test_id("lang-ar").click()
    assert "شركة" in loaded.page.get_by_test_id("filter-types").inner_text()


def test_hidden_note(browser: Any, graph: Graph, tmp_path: Path) -> None:
    for loaded in _open(browser, build_view(graph, max_nodes=5), tmp_path / "small.html"):
        note = loaded.page.get_by_test_id("hidden-note")
        assert note.is_visible()
        assert "أُخفي 2 كيانًا من أصل 7" in note.inner_text()
        assert loaded.visible() == (5, 4)


def test_placeholders_in_article_text_keep_the_page_alive(browser: Any, graph: Graph, tmp_path: Path) -> None:
    view = build_view(placeholder_graph(graph))
    # _open fails on any page error, and waits for the page script to finish drawing
    for loaded in _open(browser, view, tmp_path / "placeholders.html"):
        assert loaded.visible() == (7, 5)
        positions = loaded.js("() => kgNetwork.getPositions()")
        assert sorted(positions) == sorted(n["id"] for n in view["nodes"])
        loaded.js("(id) => kgSelectNode(id)", str(KGR.Nvidia))
        title = loaded.page.get_by_test_id("panel-title").inner_text()
        assert title.endswith(" ".join(PLACEHOLDERS))


def test_clicking_a_hidden_relation_in_a_node_panel(loaded: Loaded) -> None:
    acquires = loaded.edge_id("acquires")  # denied: not in vis while "not claimed" is off
    assert loaded.js("(id) => kgVisible.edges.get(id)", acquires) is None
    loaded.js("(id) => kgSelectNode(id)", str(KGR.Microsoft))
    panel = loaded.page.get_by_test_id("side-panel")
    panel.locator(f"button[data-edge='{acquires}']").click()
    assert loaded.problems == []
    assert panel.get_attribute("data-edge-id") == acquires
    assert panel.get_by_test_id("edge-status").first.get_attribute("data-status") == "denied"
    assert panel.get_by_test_id("evidence-sentence").all_inner_texts() == [
        "ونفت مايكروسوفت أنها ستستحوذ على أوبن إيه آي."
    ]
    assert panel.get_by_test_id("panel-filtered").is_visible()
    assert loaded.js("() => kgNetwork.getSelectedEdges()") == []
    # shown, it is selected like any other edge
    loaded.page.get_by_test_id("filter-not-claimed").check()
    loaded.js("(id) => kgSelectEdge(id)", acquires)
    assert loaded.js("() => kgNetwork.getSelectedEdges()") == [acquires]
    assert panel.get_by_test_id("panel-filtered").count() == 0


def test_search_selects_a_filtered_node_without_error(loaded: Loaded) -> None:
    loaded.page.get_by_test_id("filter-type-Person").uncheck()
    loaded.page.get_by_test_id("search-input").fill("جنسن هوانغ")
    loaded.page.get_by_test_id("search-input").press("Enter")
    assert loaded.problems == []
    assert "(مخفي بالمرشحات)" in loaded.page.get_by_test_id("search-status").inner_text()
    panel = loaded.page.get_by_test_id("side-panel")
    assert panel.get_attribute("data-node-id") == str(KGR.Jensen_Huang)
    assert loaded.js("() => kgNetwork.getSelectedNodes()") == []


def test_screenshot(loaded: Loaded) -> None:
    loaded.page.get_by_test_id("filter-not-claimed").check()
    loaded.js("(id) => kgSelectEdge(id)", loaded.edge_id("investsIn"))
    time.sleep(0.2)
    ARTIFACTS.mkdir(exist_ok=True)
    loaded.page.screenshot(path=str(ARTIFACTS / "graph.png"))
    assert (ARTIFACTS / "graph.png").stat().st_size > 10_000
