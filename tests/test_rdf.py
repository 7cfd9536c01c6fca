"""The RDF layer: facts → triples with provenance, and the store (load, save, query, render)."""

from __future__ import annotations

import csv
import io
import json
import logging
import socket
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

import kg
from kg.errors import GraphError, QueryError
from kg.model import Amount, Document, DocumentResult, Entity, Fact, Mention, Sentence
from kg.namespaces import IND, KGR, WD
from kg.ontology import industry_graph
from kg.rdf.store import (
    FORMATS,
    format_for_path,
    format_result,
    load_graph,
    new_graph,
    query,
    save_graph,
)
from kg.rdf.to_rdf import (
    AddStats,
    add_results,
    assertion_iri,
    document_iri,
    entity_iri,
    remove_document,
    replace_document,
)
from kg.stats import graph_stats
from kg.viz.view import build_view

# XSD is not imported by name: pytest probes module globals and rdflib's XSD namespace warns
XSD_INTEGER = namespace.XSD.integer
XSD_DECIMAL = namespace.XSD.decimal

# ---------------------------------------------------------------- hand-made documents

TEXT_A = (
    "أعلنت شركة إنفيديا استثمار 100 مليار دولار في أوبن إيه آي. ونفت مايكروسوفت استحواذها على أوبن إيه آي."
)
TEXT_B = "وقالت مصادر مطلعة إن أوبن إيه آي تتعاون مع مايكروسوفت."


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _sentences(doc_id: str, text: str) -> tuple[Sentence, ...]:
    out, start = [], 0
    for index, piece in enumerate(p for p in text.split(". ")):
        body = piece if piece.endswith(".") else piece + "."
        out.append(Sentence(doc_id, index, start, start + len(body), body))
        start += len(body) + 1
    return tuple(out)


def _mention(text: str, part: str, key: str, type_: str, after: int = 0) -> Mention:
    start, end = _span(text, part, after)
    return Mention(start, end, text[start:end], key, type_, "gazetteer")


def _entity(
    key: str, label: str, label_en: str, type_: str, mentions: tuple[Mention, ...], qid: str = ""
) -> Entity:
    return Entity(key, label, label_en, type_, known=bool(qid), wikidata=qid, mentions=mentions)


def doc_a() -> DocumentResult:
    doc_id = "seeds/a.ar.txt"
    sents = _sentences(doc_id, TEXT_A)
    nvidia = _entity(
        "Nvidia",
        "إنفيديا",
        "Nvidia",
        "Company",
        (_mention(TEXT_A, "إنفيديا", "Nvidia", "Company"),),
        "Q182477",
    )
    openai = _entity(
        "OpenAI",
        "أوبن إيه آي",
        "OpenAI",
        "Company",
        (
            _mention(TEXT_A, "أوبن إيه آي", "OpenAI", "Company"),
            _mention(TEXT_A, "أوبن إيه آي", "OpenAI", "Company", after=60),
        ),
        "Q21708200",
    )
    microsoft = _entity(
        "Microsoft",
        "مايكروسوفت",
        "Microsoft",
        "Company",
        (_mention(TEXT_A, "مايكروسوفت", "Microsoft", "Company"),),
    )
    invest = Fact(
        subject=nvidia,
        predicate="investsIn",
        object=openai,
        doc_id=doc_id,
        sentence=sents[0],
        span=(_span(TEXT_A, "إنفيديا")[0], _span(TEXT_A, "أوبن إيه آي")[1]),
        trigger="استثمار",
        trigger_span=_span(TEXT_A, "استثمار"),
        status="asserted",
        confidence=0.85,
        rule="verb-svo",
        amount=Amount("100 مليار دولار", 100e9, "USD", *_span(TEXT_A, "100 مليار دولار")),
    )
    acquire_start = _span(TEXT_A, "مايكروسوفت")[0]
    denied = Fact(
        subject=microsoft,
        predicate="acquires",
        object=openai,
        doc_id=doc_id,
        sentence=sents[1],
        span=(acquire_start, _span(TEXT_A, "أوبن إيه آي", acquire_start)[1]),
        trigger="استحواذها",
        trigger_span=_span(TEXT_A, "استحواذها"),
        status="denied",
        confidence=0.7,
        rule="noun-of",
    )
    doc = Document(
        doc_id, TEXT_A, title="إنفيديا تستثمر في أوبن إيه آي", url="https://example.com/a", date="2024-09-26"
    )
    return DocumentResult(doc, sents, (nvidia, openai, microsoft), (invest, denied))


def doc_b() -> DocumentResult:
    doc_id = "seeds/b.ar.txt"
    sents = _sentences(doc_id, TEXT_B)
    openai = _entity(
        "OpenAI",
        "أوبن إيه آي",
        "OpenAI",
        "Company",
        (_mention(TEXT_B, "أوبن إيه آي", "OpenAI", "Company"),),
        "Q21708200",
    )
    microsoft = _entity(
        "Microsoft",
        "مايكروسوفت",
        "Microsoft",
        "Company",
        (_mention(TEXT_B, "مايكروسوفت", "Microsoft", "Company"),),
    )
    partner = Fact(
        subject=openai,
        predicate="partnersWith",
        object=microsoft,
        doc_id=doc_id,
        sentence=sents[0],
        span=(_span(TEXT_B, "أوبن إيه آي")[0], _span(TEXT_B, "مايكروسوفت")[1]),
        trigger="تتعاون",
        trigger_span=_span(TEXT_B, "تتعاون"),
        status="reported",
        confidence=0.6,
        rule="verb-with",
        attribution="مصادر مطلعة",
    )
    return DocumentResult(Document(doc_id, TEXT_B, source="مثال"), sents, (openai, microsoft), (partner,))


def built(*results: DocumentResult) -> Graph:
    graph = new_graph()
    add_results(graph, results)
    return graph


@pytest.fixture()
def graph() -> Graph:
    return built(doc_a(), doc_b())


# ---------------------------------------------------------------- identifiers


def test_iris_are_stable_and_in_the_resource_namespace() -> None:
    fact = doc_a().facts[0]
    assert entity_iri("Nvidia") == KGR["Nvidia"]
    assert document_iri("seeds/a.ar.txt") == document_iri("seeds/a.ar.txt")
    assert str(document_iri("seeds/a.ar.txt")).startswith(str(KGR) + "doc/")
    assert len(str(document_iri("x")).rsplit("/", 1)[1]) == 12
    assert assertion_iri(fact) == assertion_iri(doc_a().facts[0])
    assert assertion_iri(fact) != assertion_iri(replace(fact, span=(0, 5)))
    assert len(str(assertion_iri(fact)).rsplit("/", 1)[1]) == 16


# ---------------------------------------------------------------- facts → RDF


def test_add_results_counts() -> None:
    stats = add_results(new_graph(), [doc_a(), doc_b()])
    assert stats == AddStats(documents=2, entities=3, facts=3, assertions=3, claims=2)


def test_plain_triple_only_for_claims(graph: Graph) -> None:
    assert (KGR.Nvidia, IND.investsIn, KGR.OpenAI) in graph
    assert (KGR.OpenAI, IND.partnersWith, KGR.Microsoft) in graph  # reported is a claim
    assert (KGR.Microsoft, IND.acquires, KGR.OpenAI) not in graph  # denied is not
    denied = assertion_iri(doc_a().facts[1])
    assert graph.value(denied, IND.status) == Literal("denied")
    assert (denied, RDF.predicate, IND.acquires) in graph


def test_assertion_node_has_schema_properties(graph: Graph) -> None:
    fact = doc_a().facts[0]
    node = assertion_iri(fact)
    doc = document_iri(fact.doc_id)
    assert set(graph.objects(node, RDF.type)) == {RDF.Statement, PROV.Entity}
    assert graph.value(node, RDF.subject) == KGR.Nvidia
    assert graph.value(node, RDF.predicate) == IND.investsIn
    assert graph.value(node, RDF.object) == KGR.OpenAI
    assert graph.value(node, PROV.wasDerivedFrom) == doc
    assert graph.value(node, IND.sentence) == Literal(fact.sentence.text, lang="ar")
    for prop, value in [
        (IND.sentenceStart, fact.sentence.start),
        (IND.sentenceEnd, fact.sentence.end),
        (IND.evidenceStart, fact.span[0]),
        (IND.evidenceEnd, fact.span[1]),
        (IND.triggerStart, fact.trigger_span[0]),
        (IND.triggerEnd, fact.trigger_span[1]),
    ]:
        literal = graph.value(node, prop)
        assert isinstance(literal, Literal) and literal.datatype == XSD_INTEGER, prop
        assert literal.toPython() == value, prop
    assert TEXT_A[fact.trigger_span[0] : fact.trigger_span[1]] == str(graph.value(node, IND.trigger))
    assert graph.value(node, IND.status) == Literal("asserted")
    assert graph.value(node, IND.rule) == Literal("verb-svo")
    confidence = graph.value(node, IND.confidence)
    assert isinstance(confidence, Literal) and confidence.datatype == XSD_DECIMAL
    assert confidence.toPython() == Decimal("0.85")
    amount = graph.value(node, IND.amount)
    assert isinstance(amount, Literal) and amount.datatype == XSD_DECIMAL
    assert str(amount) == "100000000000.0"
    assert graph.value(node, IND.currency) == Literal("USD")
    assert graph.value(node, IND.amountText) == Literal("100 مليار دولار", lang="ar")
    # optional properties only when present
    assert graph.value(node, IND.attribution) is None
    reported = assertion_iri(doc_b().facts[0])
    assert graph.value(reported, IND.attribution) == Literal("مصادر مطلعة", lang="ar")
    assert graph.value(reported, IND.amount) is None


def test_entities_and_documents(graph: Graph) -> None:
    assert (KGR.Nvidia, RDF.type, IND.Company) in graph
    assert set(graph.objects(KGR.OpenAI, RDFS.label)) == {
        Literal("أوبن إيه آي", lang="ar"),
        Literal("OpenAI", lang="en"),
    }
    assert (KGR.Nvidia, OWL.sameAs, WD.Q182477) in graph
    assert graph.value(KGR.Microsoft, OWL.sameAs) is None
    assert set(graph.objects(KGR.OpenAI, IND.mentionedIn)) == {
        document_iri("seeds/a.ar.txt"),
        document_iri("seeds/b.ar.txt"),
    }
    assert list(graph.objects(KGR.OpenAI, SKOS.altLabel)) == []  # every mention equals the label
    doc = document_iri("seeds/a.ar.txt")
    assert set(graph.objects(doc, RDF.type)) == {IND.Document, PROV.Entity}
    assert graph.value(doc, IND.path) == Literal("seeds/a.ar.txt")
    assert graph.value(doc, DCTERMS.title) == Literal("إنفيديا تستثمر في أوبن إيه آي", lang="ar")
    assert graph.value(doc, IND.url) == Literal("https://example.com/a")


def test_alt_labels_are_distinct_mentions_other_than_the_label() -> None:
    result = doc_a()
    nvidia = result.entities[0]
    variant = Mention(0, 7, "انفيديا", "Nvidia", "Company", "gazetteer")
    nvidia = replace(nvidia, mentions=nvidia.mentions + (variant, variant))
    graph = built(replace(result, entities=(nvidia,) + result.entities[1:]))
    assert list(graph.objects(KGR.Nvidia, SKOS.altLabel)) == [Literal("انفيديا", lang="ar")]


def test_every_plain_relation_reaches_its_sentence(graph: Graph) -> None:
    unsupported = query(
        graph,
        """
        SELECT ?s ?p ?o WHERE {
          ?s ?p ?o .
          FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(ind:)) && ?p != ind:mentionedIn)
          FILTER NOT EXISTS {
            ?a a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
               ind:sentence ?sentence ; prov:wasDerivedFrom ?doc .
            ?doc ind:path ?path .
          }
        }""",
    )
    assert list(unsupported) == []
    rows = query(
        graph,
        """
        SELECT ?p ?sentence ?path WHERE {
          kgr:Nvidia ?p kgr:OpenAI .
          ?a rdf:subject kgr:Nvidia ; rdf:predicate ?p ; rdf:object kgr:OpenAI ;
             ind:sentence ?sentence ; prov:wasDerivedFrom/ind:path ?path .
        }""",
    )
    assert [(r[0], str(r[1]), str(r[2])) for r in rows] == [  # type: ignore[index]
        (IND.investsIn, doc_a().sentences[0].text, "seeds/a.ar.txt")
    ]


def test_re_adding_is_idempotent(graph: Graph) -> None:
    before = len(graph)
    stats = add_results(graph, [doc_b(), doc_a()])
    assert len(graph) == before
    assert stats.assertions == 3


def test_remove_document_removes_exactly_one_document() -> None:
    graph = built(doc_a(), doc_b())
    remove_document(graph, "seeds/a.ar.txt")
    only_b = built(doc_b())
    assert set(graph) == set(only_b)
    assert (KGR.Nvidia, None, None) not in graph  # only doc a used it
    assert (KGR.OpenAI, IND.mentionedIn, document_iri("seeds/b.ar.txt")) in graph
    remove_document(graph, "seeds/b.ar.txt")
    assert set(graph) == set()


def test_remove_document_keeps_plain_triple_supported_elsewhere() -> None:
    a = doc_a()
    invest = a.facts[0]
    other_id = "seeds/c.ar.txt"
    c = DocumentResult(
        Document(other_id, TEXT_A), a.sentences, a.entities[:2], (replace(invest, doc_id=other_id),)
    )
    graph = built(a, c)
    remove_document(graph, "seeds/a.ar.txt")
    assert (KGR.Nvidia, IND.investsIn, KGR.OpenAI) in graph
    assert (KGR.Microsoft, None, None) not in graph
    assert len(list(graph.subjects(RDF.type, RDF.Statement))) == 1
    remove_document(graph, other_id)
    assert (KGR.Nvidia, IND.investsIn, KGR.OpenAI) not in graph


def test_replace_document_drops_stale_facts() -> None:
    a = doc_a()
    graph = built(a, doc_b())
    changed = replace(a, facts=a.facts[1:])  # the investment was corrected away
    replace_document(graph, changed)
    assert (KGR.Nvidia, IND.investsIn, KGR.OpenAI) not in graph
    assert set(graph) == set(built(changed, doc_b()))


# ---------------------------------------------------------------- the store


def test_new_graph_binds_prefixes_and_adds_only_the_industry_ontology() -> None:
    empty = new_graph()
    assert len(empty) == 0
    assert dict(empty.namespaces())["ind"] == URIRef(str(IND))
    graph = new_graph(industry_graph())
    assert (IND.Company, RDF.type, OWL.Class) in graph
    assert (IND.investsIn, RDF.type, OWL.ObjectProperty) in graph
    assert (None, OWL.sameAs, None) not in graph  # no gazetteer entities
    assert dict(graph.namespaces())["kgr"] == URIRef(str(KGR))


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "jsonld", "trig"])
def test_save_load_round_trip(tmp_path: Path, fmt: str) -> None:
    graph = built(doc_a(), doc_b())
    path = tmp_path / "out" / f"graph{FORMATS[fmt][1]}"
    save_graph(graph, path)
    assert format_for_path(path) == fmt
    loaded = load_graph(path)
    assert len(loaded) == len(graph)
    assert isomorphic(loaded, graph)
    assert list(tmp_path.joinpath("out").iterdir()) == [path]  # no temp file left behind


def test_save_with_explicit_format_and_ontology(tmp_path: Path) -> None:
    graph = new_graph(industry_graph())
    add_results(graph, [doc_a()])
    path = tmp_path / "graph.data"
    save_graph(graph, path, fmt="ntriples")
    assert len(Graph().parse(path, format="nt")) == len(graph)


def test_save_unknown_format_lists_valid_ones(tmp_path: Path) -> None:
    with pytest.raises(GraphError) as info:
        save_graph(Graph(), tmp_path / "g.ttl", fmt="n3")
    assert str(info.value) == (
        "unknown graph format 'n3'; "
        "choose one of turtle, ttl, nt, ntriples, xml, rdfxml, jsonld, json-ld, trig"
    )


def test_save_failure_keeps_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(GraphError):
        save_graph(Graph(), path, fmt="bogus")
    assert path.read_text(encoding="utf-8") == "keep me"


def test_load_missing_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(GraphError) as info:
        load_graph("out/graph.ttl")
    assert str(info.value) == "graph file out/graph.ttl not found; build one with 'kg build'"


def test_load_malformed_turtle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.ttl").write_text("@prefix ind: <https://example.org/> .\nind:a ind:b .\n", encoding="utf-8")
    with pytest.raises(GraphError) as info:
        load_graph("bad.ttl")
    assert str(info.value) == (
        "graph file bad.ttl is not valid Turtle (line 2: objectList expected); rebuild it with 'kg build'"
    )


def test_load_malformed_json_ld(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.jsonld").write_text("{oops", encoding="utf-8")
    with pytest.raises(GraphError) as info:
        load_graph("bad.jsonld")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("graph file bad.jsonld is not valid JSON-LD (")
    assert message.endswith("); rebuild it with 'kg build'")


def test_load_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="cannot tell the RDF format of .*graph.txt from its suffix"):
        load_graph(tmp_path / "graph.txt")


# ---------------------------------------------------------------- queries


def test_select_with_predeclared_prefixes(graph: Graph) -> None:
    result = query(graph, "SELECT ?o WHERE { kgr:Nvidia ind:investsIn ?o }")
    assert [row[0] for row in result] == [KGR.OpenAI]  # type: ignore[index]


def test_select_by_english_label(graph: Graph) -> None:
    result = query(
        graph, "SELECT ?x ?ar WHERE { ?x rdfs:label 'OpenAI'@en ; rdfs:label ?ar FILTER(lang(?ar)='ar') }"
    )
    assert [(row[0], str(row[1])) for row in result] == [(KGR.OpenAI, "أوبن إيه آي")]  # type: ignore[index]


def test_ask(graph: Graph) -> None:
    assert query(graph, "ASK { kgr:Nvidia ind:investsIn kgr:OpenAI }").askAnswer is True
    no = query(graph, "ASK { kgr:Microsoft ind:acquires kgr:OpenAI }")
    assert no.askAnswer is False
    assert format_result(no, "table") == "false\n"
    assert json.loads(format_result(no, "json")) == {"head": {}, "boolean": False}


def test_construct(graph: Graph) -> None:
    result = query(graph, "CONSTRUCT { ?s ind:investsIn ?o } WHERE { ?s ind:investsIn ?o }")
    assert result.graph is not None and len(result.graph) == 1
    turtle = format_result(result, "table")
    assert isomorphic(Graph().parse(data=turtle, format="turtle"), result.graph)
    assert "ind:investsIn" in turtle
    with pytest.raises(QueryError) as info:
        format_result(result, "csv")
    assert str(info.value) == (
        "format 'csv' does not apply to a CONSTRUCT result (a graph); use 'table', which prints it as Turtle"
    )


READ_ONLY = (
    "kg query is read-only: SPARQL UPDATE (INSERT/DELETE/LOAD/CLEAR/DROP/CREATE/ADD/MOVE/COPY) is refused; "
    "edit the articles and rebuild instead"
)


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { kgr:a ind:acquires kgr:b }",
        "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <http://x/g>",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_update_is_refused(graph: Graph, text: str) -> None:
    before = len(graph)
    with pytest.raises(QueryError) as info:
        query(graph, text)
    assert str(info.value) == READ_ONLY
    assert len(graph) == before


def test_syntax_error_is_one_line(graph: Graph) -> None:
    with pytest.raises(QueryError) as info:
        query(graph, "SELECT ?s\nWHERE {\n  ?s ?p \n}")
    assert str(info.value) == (
        "SPARQL syntax error at line 3, column 3: Expected SelectQuery; fix the query "
        "(the prefixes ind, kgr, rdfs, rdf, skos, prov, owl, xsd, dcterms and wd are predeclared)"
    )


def test_unknown_prefix_is_a_query_error(graph: Graph) -> None:
    with pytest.raises(QueryError, match="Unknown namespace prefix : foo"):
        query(graph, "SELECT ?s WHERE { ?s foo:bar ?o }")


# ---------------------------------------------------------------- result formats

LABELS = (
    "SELECT ?x ?label WHERE { ?x a ind:Company ; rdfs:label ?label FILTER(lang(?label)='ar') } ORDER BY ?x"
)


def test_format_table(graph: Graph) -> None:
    text = format_result(query(graph, LABELS), "table")
    assert text.splitlines() == [
        "x              label",
        "-------------  -----------",
        "kgr:Microsoft  مايكروسوفت",
        "kgr:Nvidia     إنفيديا",
        "kgr:OpenAI     أوبن إيه آي",
    ]


def test_format_csv(graph: Graph) -> None:
    rows = list(csv.reader(io.StringIO(format_result(query(graph, LABELS), "csv"))))
    assert rows[0] == ["x", "label"]
    assert rows[1] == [str(KGR.Microsoft), "مايكروسوفت"]
    assert len(rows) == 4


def test_format_tsv(graph: Graph) -> None:
    lines = format_result(query(graph, LABELS), "tsv").splitlines()
    assert lines[0] == "?x\t?label"
    assert lines[1] == f'<{KGR.Microsoft}>\t"مايكروسوفت"@ar'
    assert len(lines) == 4


def test_format_json(graph: Graph) -> None:
    data = json.loads(format_result(query(graph, LABELS), "json"))
    assert data["head"]["vars"] == ["x", "label"]
    bindings = data["results"]["bindings"]
    assert bindings[0]["x"] == {"type": "uri", "value": str(KGR.Microsoft)}
    assert bindings[0]["label"]["value"] == "مايكروسوفت"
    assert bindings[0]["label"]["xml:lang"] == "ar"


def test_unknown_result_format(graph: Graph) -> None:
    with pytest.raises(QueryError) as info:
        format_result(query(graph, LABELS), "xml")
    assert str(info.value) == "unknown result format 'xml'; choose one of table, csv, tsv, json"


def test_format_table_shortens_document_and_assertion_iris(graph: Graph) -> None:
    text = format_result(
        query(graph, "SELECT ?a ?doc WHERE { ?a ind:status 'denied' ; prov:wasDerivedFrom ?doc }"), "table"
    )
    denied = str(assertion_iri(doc_a().facts[1])).rsplit("/", 1)[1]
    doc = str(document_iri("seeds/a.ar.txt")).rsplit("/", 1)[1]
    assert text.splitlines()[2] == f"kgr:assertion/{denied}  kgr:doc/{doc}"


# ---------------------------------------------------------------- no network, no surprises


@contextmanager
def local_server(body: bytes, content_type: str) -> Iterator[tuple[str, list[str]]]:
    """A tiny HTTP server on 127.0.0.1 (a free port) that answers every request with `body`
    and records the paths (without query strings) it was asked for; it stops when the block ends."""
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        timeout = 5

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            requests.append(self.path.split("?")[0])
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 5
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(10)  # urllib (rdflib's SERVICE and context fetches) waits no longer
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        socket.setdefaulttimeout(previous)
        server.shutdown()
        server.server_close()
        thread.join(5)


@pytest.fixture(autouse=False)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to 127.0.0.1 go straight there, whatever proxy the environment names."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")


SERVICE_REFUSED = (
    "kg query does not run SERVICE clauses: they send the query to another server (or read local "
    "files); pass --allow-service to allow it"
)
SPARQL_JSON = json.dumps(
    {"head": {"vars": ["o"]}, "results": {"bindings": [{"o": {"type": "uri", "value": "urn:remote"}}]}}
).encode()


@pytest.mark.usefixtures("no_proxy")
def test_service_clause_is_refused_unless_allowed(graph: Graph) -> None:
    with local_server(SPARQL_JSON, "application/sparql-results+json") as (url, requests):
        text = f"SELECT ?o WHERE {{ kgr:Nvidia ind:investsIn ?x . SERVICE <{url}/sparql> {{ ?x ?p ?o }} }}"
        with pytest.raises(QueryError) as info:
            query(graph, text)
        assert str(info.value) == SERVICE_REFUSED
        nested = f"ASK {{ FILTER EXISTS {{ SELECT * {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }} }} }}"
        with pytest.raises(QueryError, match="does not run SERVICE clauses"):
            query(graph, nested)
        assert requests == []
        result = query(graph, text, allow_service=True)
        assert requests == ["/sparql"]
        assert [row[0] for row in result] == [URIRef("urn:remote")]  # type: ignore[index]


def test_service_file_url_is_refused(graph: Graph, tmp_path: Path) -> None:
    with pytest.raises(QueryError) as info:
        query(graph, f"SELECT * WHERE {{ SERVICE <{tmp_path.as_uri()}/x> {{ ?s ?p ?o }} }}")
    assert str(info.value) == SERVICE_REFUSED


def test_the_word_service_in_a_literal_is_no_clause(graph: Graph) -> None:
    text = "SELECT ?x WHERE { ?x rdfs:label ?l FILTER(?l != 'SERVICE <http://127.0.0.1:9/> { }') } LIMIT 1"
    assert len(list(query(graph, text))) == 1


CONTEXT_BODY = json.dumps({"@context": {"name": "urn:kg-test:name"}}).encode()


@pytest.mark.usefixtures("no_proxy")
@pytest.mark.parametrize(
    "shape",
    [
        lambda ref: {"@context": ref, "@id": "urn:x", "name": "n"},
        lambda ref: {"@context": [{"a": "urn:a"}, ref], "@id": "urn:x", "name": "n"},
        lambda ref: {"@context": {"@version": 1.1, "@import": ref}, "@id": "urn:x", "name": "n"},
        lambda ref: {
            "@context": {"p": {"@id": "urn:p", "@context": ref}},
            "@id": "urn:x",
            "p": {"name": "n"},
        },
        lambda ref: [{"@id": "urn:y"}, {"@id": "urn:x", "urn:p": {"@context": ref, "name": "n"}}],
    ],
    ids=["string", "list", "import", "scoped", "nested"],
)
def test_json_ld_remote_context_is_refused(tmp_path: Path, shape: Any) -> None:
    with local_server(CONTEXT_BODY, "application/ld+json") as (url, requests):
        path = tmp_path / "remote.jsonld"
        path.write_text(json.dumps(shape(f"{url}/c.jsonld")), encoding="utf-8")
        with pytest.raises(GraphError) as info:
            load_graph(path)
        assert str(info.value) == (
            f"graph file {path} uses a remote @context {url}/c.jsonld; "
            "inline the context in the file (kg reads no other file or URL)"
        )
        assert requests == []


@pytest.mark.parametrize("relative", [False, True], ids=["file-url", "relative-path"])
def test_json_ld_local_context_file_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    context = tmp_path / "context.jsonld"
    context.write_text(CONTEXT_BODY.decode(), encoding="utf-8")
    ref = "context.jsonld" if relative else context.as_uri()
    Path("g.jsonld").write_text(json.dumps({"@context": ref, "@id": "urn:x", "name": "n"}), encoding="utf-8")
    with pytest.raises(GraphError) as info:
        load_graph("g.jsonld")
    assert str(info.value) == (
        f"graph file g.jsonld uses a remote @context {ref}; "
        "inline the context in the file (kg reads no other file or URL)"
    )


def test_json_ld_inline_context_loads(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    document = [{"@context": {"name": "urn:kg-test:name"}, "@id": "urn:x", "name": "n"}]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert set(load_graph(path)) == {(URIRef("urn:x"), URIRef("urn:kg-test:name"), Literal("n"))}


RDF_XML = (
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    '<rdf:Description rdf:about="urn:a"><rdf:value>{value}</rdf:value></rdf:Description></rdf:RDF>\n'
)


def billion_laughs(levels: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lollollollol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)
    ]
    doctype = "<!DOCTYPE rdf:RDF [\n" + "\n".join(entities) + "\n]>\n"
    return '<?xml version="1.0"?>\n' + doctype + RDF_XML.format(value=f"&lol{levels};")


def test_xml_entities_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("laughs.rdf").write_text(billion_laughs(), encoding="utf-8")
    with pytest.raises(GraphError) as info:
        load_graph("laughs.rdf")
    assert str(info.value) == (
        "graph file laughs.rdf declares the XML entity 'lol0' in its DOCTYPE, which kg refuses "
        "(entities can expand without bound or read other files); write the values out and remove "
        "the <!ENTITY> declarations"
    )


def test_xml_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    path = tmp_path / "external.rdf"
    doctype = f'<!DOCTYPE rdf:RDF [<!ENTITY secret SYSTEM "{secret.as_uri()}">]>\n'
    path.write_text(doctype + RDF_XML.format(value="&secret;"), encoding="utf-8")
    with pytest.raises(GraphError, match="declares the XML entity 'secret' in its DOCTYPE"):
        load_graph(path)


def test_rdf_xml_without_entities_loads(tmp_path: Path) -> None:
    path = tmp_path / "plain.rdf"
    path.write_text(RDF_XML.format(value="x"), encoding="utf-8")
    assert set(load_graph(path)) == {(URIRef("urn:a"), RDF.value, Literal("x"))}
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF>\n' + RDF_XML.format(value="y"), encoding="utf-8"
    )
    assert set(load_graph(path)) == {(URIRef("urn:a"), RDF.value, Literal("y"))}


@pytest.mark.parametrize(
    ("name", "text", "iri"),
    [
        ("g.nt", "<urn:ok> <urn:b> <urn:c> .\n<urn:a\\u0020b> <urn:b> <urn:c> .\n", "<urn:a b>"),
        ("g.ttl", '<urn:ok> <urn:b> <urn:c> .\n<urn:a> <urn:b> "x"^^<urn:type\\u007Cx> .\n', "<urn:type|x>"),
        ("g.trig", "<urn:ok> <urn:b> <urn:c> .\n<urn:g> { <urn:a> <urn:b> <urn:c\\u003Ed> }\n", "<urn:c>d>"),
        ("g.rdf", RDF_XML.replace('"urn:a"', '"urn:a b"').format(value="x"), "<urn:a b>"),
    ],
)
def test_load_refuses_invalid_iri(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, iri: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text, encoding="utf-8")
    line = 1 if name.endswith(".rdf") else 2
    with pytest.raises(GraphError) as info:
        load_graph(name)
    assert str(info.value) == f"graph file {name} holds an invalid IRI {iri} (line {line}); fix or remove it"


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "jsonld", "trig"])
def test_export_refuses_invalid_iri(tmp_path: Path, fmt: str) -> None:
    graph = built(doc_a())
    graph.add((URIRef("urn:a b"), RDFS.label, Literal("x")))
    names = {"turtle": "Turtle", "nt": "N-Triples", "xml": "RDF/XML", "jsonld": "JSON-LD", "trig": "TriG"}
    message = (
        f"the graph holds an invalid IRI <urn:a b>, which cannot be written as {names[fmt]}; fix or remove it"
    )
    with pytest.raises(GraphError) as info:
        kg.export(graph, fmt)
    assert str(info.value) == message
    target = tmp_path / "graph.out"
    with pytest.raises(GraphError):
        kg.export(graph, fmt, target)
    assert not target.exists()


def test_construct_with_an_invalid_iri_is_a_query_error(graph: Graph) -> None:
    result = query(
        graph, "CONSTRUCT { ?s rdfs:seeAlso ?o } WHERE { BIND(kgr:Nvidia AS ?s) BIND(IRI('urn:a b') AS ?o) }"
    )
    with pytest.raises(QueryError) as info:
        format_result(result, "table")
    assert str(info.value) == (
        "the CONSTRUCT result holds an invalid IRI <urn:a b>, which Turtle cannot show; "
        "fix the query (or ask for a SELECT)"
    )


def test_ill_typed_literals_load_query_and_export_quietly(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    fact = doc_a().facts[0]
    start = fact.sentence.start
    good = new_graph(industry_graph())  # with the ontology: graph_stats needs the relation properties
    add_results(good, [doc_a(), doc_b()])
    text = kg.export(good, "nt")
    amount = f'"100000000000.0"^^<{XSD_DECIMAL}>'
    offset = f'"{start}"^^<{XSD_INTEGER}>'
    assert amount in text and offset in text
    text = text.replace(amount, f'"Infinity.0"^^<{XSD_DECIMAL}>').replace(offset, f'"abc"^^<{XSD_INTEGER}>')
    path = tmp_path / "ill.ttl"
    path.write_text(text, encoding="utf-8")
    node = assertion_iri(fact)
    caplog.set_level(logging.DEBUG)
    capfd.readouterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # `-W error` must not turn them into failures either
        graph = load_graph(path)
        value = graph.value(node, IND.amount)
        assert isinstance(value, Literal) and (str(value), value.datatype) == ("Infinity.0", XSD_DECIMAL)
        amounts = query(graph, "SELECT ?a ?v WHERE { ?a ind:amount ?v } ORDER BY DESC(?v)")
        for fmt in ("table", "csv", "tsv", "json"):
            assert "Infinity.0" in format_result(amounts, fmt)
        offsets = query(graph, "CONSTRUCT { ?a ind:sentenceStart ?v } WHERE { ?a ind:sentenceStart ?v }")
        assert '"abc"^^xsd:integer' in format_result(offsets, "table")
        with pytest.raises(
            QueryError, match=r'number that is not valid for its datatype \(such as "abc"\^\^xsd:integer\)'
        ):
            query(graph, "SELECT (SUM(?v) AS ?total) WHERE { ?a ind:amount ?v }")
        assert graph_stats(graph) == graph_stats(good)
        assert build_view(graph)
        for fmt in ("turtle", "nt", "xml", "jsonld", "trig"):
            saved = save_graph(graph, tmp_path / f"again{FORMATS[fmt][1]}")
            assert set(load_graph(saved)) == set(graph), fmt  # no blank nodes here
    out, err = capfd.readouterr()
    assert err == ""
    assert "Traceback" not in out
    assert [r for r in caplog.records if r.name.startswith("rdflib")] == []
