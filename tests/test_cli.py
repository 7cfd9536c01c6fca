"""The `kg` command, end to end through typer's CliRunner: output, files and exact exit codes.

Extraction rules keep improving, so these tests rely only on facts any version must find
(«إنفيديا» invests in «أوبن إيه آي» from a plain sentence; Jensen Huang is Nvidia's CEO).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from typer.main import get_command
from typer.testing import CliRunner

import kg
from kg.cli import app
from kg.errors import GraphError
from kg.namespaces import KGR
from kg.rdf.store import READ_ONLY_MESSAGE

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "openai-nvidia-chips.ar.txt"
GOLD = Path(__file__).parent / "fixtures" / "gold"
FIXTURE_ARTICLE = Path(__file__).parent / "fixtures" / "articles" / "nvidia-openai.txt"
ISSUE_QUERY = "SELECT ?who WHERE { ?who ind:investsIn ?x . ?x rdfs:label 'OpenAI'@en }"

ARTICLE = """\
إنفيديا تستثمر في أوبن إيه آي

استثمرت شركة «إنفيديا» الأمريكية مليار دولار في شركة «أوبن إيه آي».
وقال جنسن هوانغ، الرئيس التنفيذي لشركة «إنفيديا»، إن الصفقة تدعم صناعة الرقائق.
"""

runner = CliRunner()


def run(*args: str | os.PathLike[str]):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [os.fspath(a) for a in args])


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    (folder / "nvidia-openai.ar.txt").write_text(ARTICLE, encoding="utf-8")
    if SEED.exists():
        shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture(scope="module")
def built(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built") / "out"
    result = run("build", articles, "--out", out)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def graph_file(built: Path) -> Path:
    return built / "graph.ttl"


# ----------------------------------------------------------------------------- help and version


COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_all_commands_are_there() -> None:
    assert COMMANDS == ["build", "eval", "eval-ner", "export", "extract", "query", "stats", "viz"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    example = result.stdout.split("Example:", 1)[1]
    assert f"kg {name}" in example


def test_top_level_help_and_version() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    for name in COMMANDS:
        assert name in result.stdout
    version = run("--version")
    assert version.exit_code == 0
    assert version.stdout == f"kg {kg.__version__}\n"


def test_usage_errors_keep_exit_code_2() -> None:
    result = run("stats", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr
    assert "Traceback" not in result.output


# ----------------------------------------------------------------------------- extract


def test_extract_jsonl(articles: Path) -> None:
    result = run("extract", articles / "nvidia-openai.ar.txt")
    assert result.exit_code == 0, result.output
    assert "إنفيديا" in result.stdout  # ensure_ascii=False
    recs = [json.loads(line) for line in result.stdout.splitlines()]
    kinds = [r["kind"] for r in recs]
    assert kinds == sorted(kinds, key=lambda k: k != "entity")  # entity lines, then triple lines
    triples = [(r["subject"]["key"], r["predicate"], r["object"]["key"])
               for r in recs if r["kind"] == "triple"]
    assert ("Nvidia", "investsIn", "OpenAI") in triples
    assert any(p == "ceoOf" and o == "Nvidia" for _, p, o in triples)  # «الرئيس التنفيذي لشركة»
    assert {r["doc"] for r in recs} == {str(articles / "nvidia-openai.ar.txt")}


def test_extract_table(articles: Path) -> None:
    result = run("extract", articles / "nvidia-openai.ar.txt", "--format", "table")
    assert result.exit_code == 0, result.output
    header, rule, *rows = result.stdout.splitlines()
    assert header.split() == ["subject", "predicate", "object", "status", "conf", "document"]
    assert set(rule) == {"-", " "}
    assert any("إنفيديا" in row and "investsIn" in row and "أوبن إيه آي" in row for row in rows)


def test_extract_missing_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("extract", "nope.txt")
    assert result.exit_code == 2
    assert result.stderr == "Error: input nope.txt not found; check the path\n"
    assert result.stdout == ""


def test_extract_bad_format_is_a_usage_error(articles: Path) -> None:
    result = run("extract", articles, "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value" in result.stderr


# ----------------------------------------------------------------------------- build


def test_build_writes_the_three_files(built: Path, articles: Path) -> None:
    for name in ("graph.ttl", "graph.html", "report.json"):
        assert (built / name).is_file()
    assert not [p for p in built.iterdir() if p.name.endswith(".tmp")]
    report = json.loads((built / "report.json").read_text(encoding="utf-8"))
    docs = {Path(d["path"]).name: d for d in report["documents"]}
    ours = docs["nvidia-openai.ar.txt"]
    assert ours["skipped"] == "" and ours["sentences"] >= 3 and ours["entities"] >= 2
    assert ours["facts"].get("asserted", 0) >= 1
    assert report["totals"]["documents"] == len(list(articles.glob("*.txt")))
    assert report["predicates"]["investsIn"] >= 1
    assert set(report["timings"]) == {"extract", "rdf", "write", "total"}
    Graph().parse(built / "graph.ttl", format="turtle")


def test_build_prints_a_summary(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run("build", articles / "nvidia-openai.ar.txt", "--out", out)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("built 1 document(s), 0 skipped: ")
    assert " entities, " in lines[0] and " facts" in lines[0]
    assert lines[1:] == [f"  {out / name}" for name in ("graph.ttl", "graph.html", "report.json")]
    assert result.stderr == ""


def test_build_skips_a_bad_input_among_good_ones(articles: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8 \x00")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", articles / "nvidia-openai.ar.txt", bad, empty, tmp_path / "nope.txt", "--out", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built 1 document(s), 3 skipped: ")
    assert f"Warning: skipped {bad}: {bad} is not UTF-8 text" in result.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    skipped = {Path(d["path"]).name: d["skipped"] for d in report["documents"] if d["skipped"]}
    assert skipped["empty.txt"] == "empty article"
    assert skipped["nope.txt"] == f"input {tmp_path / 'nope.txt'} not found; check the path"
    assert "not UTF-8" in skipped["bad.txt"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_build_with_only_bad_inputs_fails_keeps_the_graph_and_reports_why(built: Path,
                                                                            tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = _snapshot(out)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = run("build", empty, tmp_path / "nope.txt", "--out", out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines == [
        f"Warning: skipped {empty}: empty article",
        f"Warning: skipped {tmp_path / 'nope.txt'}: input {tmp_path / 'nope.txt'} not found; check the path",
        f"Error: no article could be built (2 input(s) skipped, each reason is in {out / 'report.json'}); "
        "give readable, non-empty articles",
    ]
    after = _snapshot(out)
    assert {k: v for k, v in after.items() if k != "report.json"} == {
        k: v for k, v in before.items() if k != "report.json"}
    report = json.loads(after["report.json"])
    assert report["totals"]["inputs"] == 2 and report["totals"]["documents"] == 0
    assert [d["skipped"] for d in report["documents"]] == [
        "empty article", f"input {tmp_path / 'nope.txt'} not found; check the path"]

    result = run("build", tmp_path / "nope.txt", "--out", out)
    assert result.exit_code == 2
    assert result.stderr == f"Error: input {tmp_path / 'nope.txt'} not found; check the path\n"
    assert {k: v for k, v in _snapshot(out).items() if k != "report.json"} == {
        k: v for k, v in before.items() if k != "report.json"}


def test_a_build_failing_while_writing_keeps_the_old_files(
    built: Path, articles: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.viz import render

    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = _snapshot(out)

    def broken(view: object, path: Path, **_: object) -> Path:
        Path(path).write_text("half a page", encoding="utf-8")
        raise GraphError(f"cannot write the graph page {path}: disk full; choose a writable --out path")

    monkeypatch.setattr(render, "render_html", broken)
    result = run("build", articles / "nvidia-openai.ar.txt", "--out", out)
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: cannot write the graph page ")
    assert _snapshot(out) == before  # no temporary file left behind either


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write anywhere")
def test_a_build_into_an_unwritable_folder_keeps_the_old_files(built: Path, articles: Path,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = _snapshot(out)
    out.chmod(0o555)
    try:
        result = run("build", articles / "nvidia-openai.ar.txt", "--out", out)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: cannot write to {out} (")
    assert _snapshot(out) == before


def test_build_out_is_a_file(articles: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("build", articles / "nvidia-openai.ar.txt", "--out", blocker / "out")
    assert result.exit_code == 4
    assert result.stderr.startswith(f"Error: cannot write to {blocker / 'out'} (")
    assert result.stderr.endswith("; choose a writable --out folder\n")


def test_incremental_build_replaces_a_document(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    article = articles / "nvidia-openai.ar.txt"
    assert run("build", article, "--out", out).exit_code == 0
    first = Graph().parse(out / "graph.ttl", format="turtle")
    result = run("build", article, "--out", out, "--incremental")
    assert result.exit_code == 0, result.output
    again = Graph().parse(out / "graph.ttl", format="turtle")
    assert len(again) == len(first)


# ----------------------------------------------------------------------------- the built graph


def test_the_issue_query_finds_nvidia(graph_file: Path) -> None:
    result = run("query", ISSUE_QUERY, "--graph", graph_file)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].strip() == "who"
    assert "kgr:Nvidia" in result.stdout.split()
    as_csv = run("query", ISSUE_QUERY, "--graph", graph_file, "--format", "csv")
    assert as_csv.exit_code == 0
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0] == ["who"]
    assert [str(KGR["Nvidia"])] in rows[1:]


def test_every_relation_triple_reaches_its_sentence(graph_file: Path) -> None:
    graph = kg.load_graph(graph_file)
    relations = """
        SELECT (COUNT(*) AS ?n) WHERE {
          ?s ?p ?o . ?p a owl:ObjectProperty . FILTER(?p != ind:mentionedIn)
          FILTER(STRSTARTS(STR(?p), STR(ind:)))
        }"""
    assert int(next(iter(kg.query(graph, relations)))[0]) > 0  # type: ignore[index]
    orphans = """
        SELECT ?s ?p ?o WHERE {
          ?s ?p ?o . ?p a owl:ObjectProperty . FILTER(?p != ind:mentionedIn)
          FILTER(STRSTARTS(STR(?p), STR(ind:)))
          FILTER NOT EXISTS {
            ?a a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
               ind:sentence ?sentence .
            FILTER(STRLEN(STR(?sentence)) > 0)
          }
        }"""
    assert list(kg.query(graph, orphans)) == []


def test_the_page_holds_no_web_address(built: Path) -> None:
    html = (built / "graph.html").read_text(encoding="utf-8").lower()
    assert "http://" not in html and "https://" not in html
    assert "إنفيديا" in (built / "graph.html").read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- query


def test_query_from_a_file_as_json(graph_file: Path) -> None:
    rq = ROOT / "ontology" / "queries" / "who-invests-in.rq"
    result = run("query", "--file", rq, "--graph", graph_file, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert "investorLabel" in data["head"]["vars"]
    assert any(b["investorLabel"]["value"] == "إنفيديا" for b in data["results"]["bindings"])


def test_query_refuses_updates(graph_file: Path) -> None:
    result = run("query", "INSERT DATA { kgr:a kgr:b kgr:c }", "--graph", graph_file)
    assert result.exit_code == 5
    assert result.stderr == f"Error: {READ_ONLY_MESSAGE}\n"
    assert result.stdout == ""


def test_query_syntax_error(graph_file: Path) -> None:
    result = run("query", "SELECT ?x WHERE {", "--graph", graph_file)
    assert result.exit_code == 5
    assert result.stderr.startswith("Error: SPARQL syntax error at line 1")
    assert result.stderr.count("\n") == 1


def test_query_needs_a_query(graph_file: Path) -> None:
    result = run("query", "--graph", graph_file)
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for 'QUERY': no query given; pass the SPARQL text as an argument "
        "or a file with --file\n"
    )
    both = run("query", "ASK {}", "--file", graph_file, "--graph", graph_file)
    assert both.exit_code == 2
    assert "not both" in both.stderr


def test_query_file_not_found(graph_file: Path, tmp_path: Path) -> None:
    result = run("query", "--file", tmp_path / "q.rq", "--graph", graph_file)
    assert result.exit_code == 5
    assert result.stderr.startswith(f"Error: cannot read query file {tmp_path / 'q.rq'} (")


def test_malformed_graph_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is @not turtle .\n", encoding="utf-8")
    for args in (("query", "ASK {}"), ("stats",), ("export",), ("viz",)):
        result = run(*args, "--graph", bad)
        assert result.exit_code == 4, args
        assert result.stderr.startswith(f"Error: graph file {bad} is not valid Turtle (line 1")
        assert result.stderr.endswith("; rebuild it with 'kg build'\n")
        assert result.stderr.count("\n") == 1


def test_missing_graph_file(tmp_path: Path) -> None:
    result = run("stats", "--graph", tmp_path / "none.ttl")
    assert result.exit_code == 4
    missing = tmp_path / "none.ttl"
    assert result.stderr == f"Error: graph file {missing} not found; build one with 'kg build'\n"


# ----------------------------------------------------------------------------- export


def test_export_to_stdout_and_file(graph_file: Path, tmp_path: Path) -> None:
    result = run("export", "--graph", graph_file, "--format", "nt")
    assert result.exit_code == 0, result.output
    original = Graph().parse(graph_file, format="turtle")
    assert len(Graph().parse(data=result.stdout, format="nt")) == len(original)

    target = tmp_path / "g.jsonld"
    result = run("export", "--graph", graph_file, "--format", "jsonld", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    assert len(kg.load_graph(target)) == len(original)  # quiet about rdflib's own deprecations


@pytest.mark.parametrize("fmt", ["turtle", "xml", "trig"])
def test_export_formats(graph_file: Path, fmt: str) -> None:
    result = run("export", "--graph", graph_file, "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_export_unknown_format(graph_file: Path) -> None:
    result = run("export", "--graph", graph_file, "--format", "csv")
    assert result.exit_code == 4
    assert result.stderr == (
        "Error: unknown graph format 'csv'; choose one of turtle, ttl, nt, ntriples, xml, rdfxml, "
        "jsonld, json-ld, trig\n"
    )


# ----------------------------------------------------------------------------- viz


def test_viz_writes_a_page(graph_file: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = run("viz", "--graph", graph_file, "-o", target, "--focus", "إنفيديا", "--depth", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"wrote {target}\n"
    html = target.read_text(encoding="utf-8")
    assert "إنفيديا" in html and "https://" not in html.lower()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_viz_unknown_focus(graph_file: Path, tmp_path: Path) -> None:
    result = run("viz", "--graph", graph_file, "-o", tmp_path / "p.html", "--focus", "Zzzzz")
    assert result.exit_code == 7
    assert result.stderr.startswith("Error: no entity named 'Zzzzz' in the graph")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "p.html").exists()


def test_viz_bad_depth(graph_file: Path) -> None:
    result = run("viz", "--graph", graph_file, "--depth", "-1")
    assert result.exit_code == 2


# ----------------------------------------------------------------------------- stats


def test_stats_table_and_json(graph_file: Path) -> None:
    result = run("stats", "--graph", graph_file)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("documents   ")
    assert "facts by predicate:" in result.stdout and "investsIn" in result.stdout
    data = json.loads(run("stats", "--graph", graph_file, "--format", "json").stdout)
    assert data["facts_by_predicate"]["investsIn"] >= 1
    assert data["documents"] >= 1


# ----------------------------------------------------------------------------- eval


def test_eval_prints_scores() -> None:
    result = run("eval", "--gold", GOLD, FIXTURE_ARTICLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("nvidia-openai: P=")
    assert "per predicate:" in result.stdout
    assert "\nALL triples P=" in result.stdout
    assert "missed:   Nvidia investsIn OpenAI" not in result.stdout


def test_eval_json_and_min_f1() -> None:
    result = run("eval", "--gold", GOLD, FIXTURE_ARTICLE, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["predicates"]["investsIn"]["tp"] == 1
    assert set(report["docs"]) == {"nvidia-openai"}

    low = run("eval", "--gold", GOLD, FIXTURE_ARTICLE, "--min-f1", "1.01")
    assert low.exit_code == 1
    assert low.stderr == f"F1 {report['triples']['f1']:.3f} is below --min-f1 1.01\n"
    assert run("eval", "--gold", GOLD, FIXTURE_ARTICLE, "--min-f1", "0").exit_code == 0


def test_eval_bad_gold_dir(tmp_path: Path) -> None:
    result = run("eval", "--gold", tmp_path / "nope", FIXTURE_ARTICLE)
    assert result.exit_code == 6
    assert result.stderr == (
        f"Error: gold folder {tmp_path / 'nope'} not found; pass the folder that holds the NAME.jsonl "
        "gold files\n"
    )


def test_eval_malformed_gold_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "nvidia-openai.jsonl").write_text('{"s": "Nvidia", "p": "investsIn", "o": "OpenAI"}\n{"s": 1}\n',
                                              encoding="utf-8")
    result = run("eval", "--gold", gold, FIXTURE_ARTICLE)
    assert result.exit_code == 6
    assert result.stderr.startswith(f'Error: gold file {gold / "nvidia-openai.jsonl"} line 2: no "s" string')


def test_eval_needs_gold() -> None:
    result = run("eval", FIXTURE_ARTICLE)
    assert result.exit_code == 2
    assert "--gold" in result.stderr


# ----------------------------------------------------------------------------- unexpected errors


def test_an_unexpected_error_is_one_line_and_exit_70(graph_file: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(graph: object) -> dict[str, object]:
        raise RuntimeError("boom")

    monkeypatch.setattr(kg, "stats", boom)
    result = run("stats", "--graph", graph_file)
    assert result.exit_code == 70
    assert result.stderr == "Error: internal error: RuntimeError: boom (please report)\n"
    assert "Traceback" not in result.output
