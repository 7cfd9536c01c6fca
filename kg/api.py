"""The library API, one function a job; `kg/__init__.py` hands these names on.

Functions that take a graph also accept the path of a graph file. Heavy libraries (rdflib,
pyvis, camel-tools) are imported inside the functions, so importing the API stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, overload

from kg.errors import GraphError, KGError

if TYPE_CHECKING:
    from pathlib import Path

    from rdflib import Graph
    from rdflib.query import Result

    from kg.build import BuildReport, Extraction
    from kg.model import DocumentResult

PathArg = str | os.PathLike[str]


# ---------------------------------------------------------------------------------- extraction


def extract(paths: Iterable[PathArg], *, explain: bool = False) -> Extraction:
    """Read the articles at `paths` (.txt, .jsonl(.gz), folders) and extract each one.

    Returns a list of DocumentResult whose `skipped` names every input left out and why (an
    unreadable file, a bad JSON Lines record, an article the extractor failed on); InputError
    only when no article at all could be extracted. `explain`: each result's `notes` trace, per
    sentence, the mentions found, trigger hits, each frame tried and why it fired or failed, and
    the facts (kg.extract.trace.format_notes prints them as `kg extract --explain` does).
    """
    from kg.build import extract as _extract

    return _extract(paths, explain=explain)


def records(result: DocumentResult) -> list[dict[str, Any]]:
    """The JSON Lines records of one result: its entity records, then its triple records."""
    from kg.extract.jsonl import records as to_records

    return to_records(result)


# ---------------------------------------------------------------------------------- build


def build(
    paths: Iterable[PathArg],
    out_dir: PathArg,
    *,
    graph: Graph | None = None,
    incremental: bool = False,
) -> BuildReport:
    """Extract the articles at `paths` and write out_dir/graph.ttl, graph.html and report.json.

    A bad input among good ones is skipped and listed in the report. When no article can be
    built, report.json is still written and NothingBuilt (an InputError) is raised, leaving the
    graph files as they were. `graph`: add into this graph instead of a new one. `incremental`:
    add into the graph already in out_dir/graph.ttl (a re-built article replaces its earlier
    version). Outputs are moved into place only when all are ready.
    """
    from kg.build import build as _build

    return _build(paths, out_dir, graph=graph, incremental=incremental)


# ---------------------------------------------------------------------------------- graphs


def load_graph(path: PathArg) -> Graph:
    """Read a graph file (.ttl .nt .rdf .jsonld .trig); GraphError when it is missing or bad."""
    from kg.rdf.store import load_graph as _load

    return _load(path)


def _graph(graph: Graph | PathArg) -> Graph:
    if isinstance(graph, str | os.PathLike):
        return load_graph(graph)
    return graph


def query(graph: Graph | PathArg, text: str, *, allow_service: bool = False) -> Result:
    """Run a read-only SPARQL query (project prefixes predeclared); QueryError when it is
    malformed or an UPDATE. A SERVICE clause sends the query to another server (or reads a
    local file), so it is refused unless `allow_service`."""
    from kg.rdf.store import query as _query

    return _query(_graph(graph), text, allow_service=allow_service)


def format_result(result: Result, fmt: str = "table") -> str:
    """A query result as text: table, csv, tsv or json (a CONSTRUCT result as Turtle)."""
    from kg.rdf.store import format_result as _format

    return _format(result, fmt)


@overload
def export(graph: Graph | PathArg, fmt: str, path: None = None) -> str: ...
@overload
def export(graph: Graph | PathArg, fmt: str, path: PathArg) -> Path: ...
def export(graph: Graph | PathArg, fmt: str, path: PathArg | None = None) -> str | Path:
    """Serialise the graph as turtle, nt, xml, jsonld or trig: written atomically to `path` (the
    path is returned), or returned as text when no path is given."""
    import tempfile
    from pathlib import Path

    from kg.rdf.store import save_graph

    g = _graph(graph)
    if path is not None:
        return save_graph(g, path, fmt)
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        return save_graph(g, Path(tmp) / "graph", fmt).read_text(encoding="utf-8")


def viz(
    graph: Graph | PathArg,
    path: PathArg,
    focus: str | None = None,
    depth: int = 1,
    max_nodes: int = 150,
) -> Path:
    """Write the interactive graph page (self-contained HTML) to `path`; `focus` names an entity
    whose neighbourhood of `depth` steps is drawn (UnknownEntityError lists close names)."""
    from pathlib import Path

    from kg.files import write_file
    from kg.viz.render import render_html
    from kg.viz.view import build_view

    if depth < 0:
        raise KGError(f"depth must be 0 or more, not {depth}")
    if max_nodes < 1:
        raise KGError(f"max_nodes must be 1 or more, not {max_nodes}")
    view = build_view(_graph(graph), focus=focus, depth=depth, max_nodes=max_nodes)
    target = Path(path)

    def unwritable(exc: OSError) -> GraphError:
        return GraphError(f"cannot write the graph page {target} ({exc.strerror}); choose a writable path")

    return write_file(target, lambda temp: render_html(view, temp), unwritable)


def stats(graph: Graph | PathArg) -> dict[str, Any]:
    """Counts, central companies and communities of a graph, as a plain dict."""
    from kg.stats import graph_stats

    return graph_stats(_graph(graph))


# ---------------------------------------------------------------------------------- evaluation


def evaluate(gold_dir: PathArg, paths: Iterable[PathArg]) -> dict[str, Any]:
    """Extract the articles and score them against a gold folder: kg.extract, then kg.eval.

    Only the gold documents that one of the articles belongs to are scored; articles without a
    gold file are listed under "unscored". EvalError when no article has a gold file.
    """
    from kg.errors import EvalError
    from kg.eval import doc_name, load_gold
    from kg.eval import score_records as _score

    gold = load_gold(gold_dir)
    recs: list[dict[str, Any]] = []
    scored: list[str] = []
    unscored: list[str] = []
    for result in extract(paths):
        name = doc_name(result.document.id, gold)
        if name is None:
            unscored.append(result.document.id)
            continue
        scored.append(name)
        recs.extend(records(result))
    if not scored:
        raise EvalError(f"none of the articles has a gold file in {gold_dir}; an article NAME.txt is "
                        "scored against NAME.jsonl there")
    report = _score(gold, recs, docs=scored)
    report["unscored"] = unscored
    return report


def evaluate_ner(path: PathArg, *, sentences_per_document: int = 20) -> dict[str, Any]:
    """Score the mention layer (mentions and linking, every recogniser) on an IOB2 CoNLL file:
    exact-span P/R/F1 per tag (PERS, ORG, LOC, MISC), micro over PERS/ORG/LOC, macro over all four.

    The file's sentences are read as articles of `sentences_per_document` sentences (tokens joined
    by spaces), so names found once count in the sentences around them, as in a real article.
    Project types map to the tags: Person → PERS, any organisation → ORG, any place → LOC, any
    product → MISC; untyped names (a quoted name no signal typed) are not counted.
    """
    from kg.eval import read_conll, score_spans
    from kg.extract.pipeline import document_mentions
    from kg.model import Document
    from kg.ontology import is_a

    def tag(type_: str) -> str:
        for cls, name in (("Person", "PERS"), ("Organization", "ORG"), ("Place", "LOC"), ("Product", "MISC")):
            if type_ and is_a(type_, cls):
                return name
        return ""

    gold = read_conll(path)
    predicted: list[set[tuple[int, int, str]]] = []
    for first in range(0, len(gold), sentences_per_document):
        chunk = gold[first:first + sentences_per_document]
        text, starts = "", []  # each sentence on its own line; each token's character span
        for sent in chunk:
            spans = []
            for token in sent.tokens:
                spans.append((len(text), len(text) + len(token)))
                text += token + " "
            text = text[:-1] + "\n"
            starts.append(spans)
        found = document_mentions(Document(f"{path}#{first}", text))
        for spans in starts:
            lo, hi = spans[0][0], spans[-1][1]
            mine: set[tuple[int, int, str]] = set()
            for start, end, type_ in found:
                label = tag(type_)
                if label and lo <= start < hi:
                    i = next(k for k, (a, b) in enumerate(spans) if start < b)
                    j = next((k for k, (a, b) in enumerate(spans) if end <= b), len(spans) - 1) + 1
                    mine.add((i, j, label))
            predicted.append(mine)
    return score_spans(gold, predicted)


def score_records(gold_dir: PathArg, recs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Score already-extracted JSON Lines records against a gold folder (see kg.eval)."""
    from kg.eval import score_records as _score

    return _score(gold_dir, recs)
