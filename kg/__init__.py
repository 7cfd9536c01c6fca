"""arabic-kg: a knowledge-graph builder for Arabic technology news.

The library API (the `kg` command is a thin skin over it)::

    import kg
    results = kg.extract(["article.txt"])               # list[DocumentResult]
    report = kg.build(["articles/"], "out")             # out/graph.ttl, graph.html, report.json
    graph = kg.load_graph("out/graph.ttl")
    print(kg.format_result(kg.query(graph, "SELECT ?s WHERE { ?s ind:investsIn ?o }")))
    kg.export(graph, "jsonld", "out/graph.jsonld")
    kg.viz(graph, "focus.html", focus="إنفيديا", depth=2)
    kg.stats(graph)                                      # plain dict
    kg.evaluate("gold/", ["articles/"])                  # precision, recall, F1

Functions that take a graph also accept the path of a graph file. Every expected failure is a
KGError subclass (see kg.errors) whose message names the problem and the fix.

Heavy libraries (rdflib, pyvis, camel-tools) are imported only when a function needs them, so
`import kg` and `kg --help` stay fast.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import types
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from kg.errors import EvalError, GraphError, InputError, KGError, QueryError, ResourceError
from kg.model import Amount, Document, DocumentResult, Entity, Fact, Mention, Sentence

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.query import Result

    from kg.viz.view import UnknownEntityError

__version__ = "0.1.0"

__all__ = [
    "Amount",
    "BuildReport",
    "Document",
    "DocumentReport",
    "DocumentResult",
    "Entity",
    "EvalError",
    "Fact",
    "GraphError",
    "InputError",
    "KGError",
    "Mention",
    "QueryError",
    "ResourceError",
    "Sentence",
    "UnknownEntityError",
    "__version__",
    "build",
    "evaluate",
    "export",
    "extract",
    "format_result",
    "load_graph",
    "query",
    "records",
    "score_records",
    "stats",
    "viz",
]

PathArg = str | os.PathLike[str]

GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"
REPORT_FILE = "report.json"


# kg.extract, kg.viz and kg.stats are both API functions and subpackages/modules. Importing a
# submodule binds its name on the parent package, which would replace the function; this guard
# keeps the functions. `from kg.viz.view import build_view` works as ever; the dotted form
# `kg.viz.view` (after `import kg.viz.view`) does not, since `kg.viz` is the function.
_FUNCTIONS_OVER_MODULES = frozenset({"extract", "stats", "viz"})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FUNCTIONS_OVER_MODULES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    # UnknownEntityError lives with the visualiser (networkx, rdflib); import it only when asked
    if name == "UnknownEntityError":
        from kg.viz.view import UnknownEntityError

        return UnknownEntityError
    raise AttributeError(f"module 'kg' has no attribute '{name}'")


# ---------------------------------------------------------------------------------- extraction


def extract(paths: Iterable[PathArg]) -> list[DocumentResult]:
    """Read the articles at `paths` (.txt, .jsonl(.gz), folders) and extract each one.

    Raises InputError naming the first file that cannot be read.
    """
    from kg.extract.pipeline import extract_document
    from kg.io import read_documents

    return [extract_document(doc) for doc in read_documents(list(paths))]


def records(result: DocumentResult) -> list[dict[str, Any]]:
    """The JSON Lines records of one result: its entity records, then its triple records."""
    from kg.extract.jsonl import records as to_records

    return to_records(result)


# ---------------------------------------------------------------------------------- build


@dataclass(frozen=True)
class DocumentReport:
    """What a build did with one article (or why it skipped it)."""

    path: str
    title: str = ""
    sentences: int = 0
    entities: int = 0
    facts: dict[str, int] = field(default_factory=dict)  # status → count
    skipped: str = ""  # why the input was left out; empty when it was built

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class BuildReport:
    """The outcome of kg.build: files written, per-document counts, totals, timings."""

    out_dir: str
    files: dict[str, str]  # "graph" / "html" / "report" → path
    documents: tuple[DocumentReport, ...]
    totals: dict[str, Any]
    predicates: dict[str, int]  # predicate → facts extracted (any status)
    timings: dict[str, float]  # seconds per stage
    incremental: bool = False

    @property
    def built(self) -> tuple[DocumentReport, ...]:
        return tuple(d for d in self.documents if not d.skipped)

    @property
    def skipped(self) -> tuple[DocumentReport, ...]:
        return tuple(d for d in self.documents if d.skipped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out_dir": self.out_dir,
            "files": dict(self.files),
            "incremental": self.incremental,
            "totals": dict(self.totals),
            "predicates": dict(self.predicates),
            "timings": dict(self.timings),
            "documents": [d.to_dict() for d in self.documents],
        }


def _collect(paths: Iterable[PathArg]) -> tuple[list[DocumentResult], list[DocumentReport]]:
    """Extract every readable article; unreadable inputs and empty articles become skip entries."""
    from kg.extract.pipeline import extract_document
    from kg.io import expand, read_documents

    results: list[DocumentResult] = []
    skipped: list[DocumentReport] = []
    for raw in paths:
        try:
            files = expand([raw])
        except InputError as exc:
            skipped.append(DocumentReport(os.fspath(raw), skipped=str(exc)))
            continue
        for file in files:
            try:
                for doc in read_documents([file]):
                    if not doc.text.strip():
                        skipped.append(DocumentReport(doc.id, skipped="empty article"))
                        continue
                    results.append(extract_document(doc))
            except InputError as exc:  # a bad file (or a bad line of JSON Lines) among good ones
                skipped.append(DocumentReport(str(file), skipped=str(exc)))
    return results, skipped


def _document_report(result: DocumentResult) -> DocumentReport:
    doc = result.document
    return DocumentReport(
        path=doc.id,
        title=doc.title,
        sentences=len(result.sentences),
        entities=len(result.entities),
        facts=dict(sorted(Counter(f.status for f in result.facts).items())),
    )


def _umask_mode() -> int:
    """The mode a plainly created file gets (mkstemp makes 0600 files; outputs are to share)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _unwritable(folder: Path, exc: OSError) -> GraphError:
    return GraphError(f"cannot write to {folder} ({exc.strerror}); choose a writable --out folder")


@contextmanager
def _staged(out_dir: Path) -> Iterator[dict[str, Path]]:
    """Temporary files inside out_dir for the outputs; removed unless moved into place."""
    temps: dict[str, Path] = {}
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in (GRAPH_FILE, HTML_FILE, REPORT_FILE):
            handle, temp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp")
            os.close(handle)
            temps[name] = Path(temp)
    except OSError as exc:
        for staged in temps.values():
            staged.unlink(missing_ok=True)
        raise _unwritable(out_dir, exc) from None
    try:
        yield temps
    finally:
        for staged in temps.values():
            staged.unlink(missing_ok=True)


def build(
    paths: Iterable[PathArg],
    out_dir: PathArg,
    *,
    graph: Graph | None = None,
    incremental: bool = False,
) -> BuildReport:
    """Extract the articles at `paths` and write out_dir/graph.ttl, graph.html and report.json.

    A bad input among good ones is skipped and listed in the report; InputError when no article
    could be built. `graph`: add into this graph instead of a new one. `incremental`: add into
    the graph already in out_dir/graph.ttl (a re-built article replaces its earlier version).
    Outputs are written to temporary files first and moved into place only when all three are
    ready, so a failed build leaves the previous files as they were.
    """
    started = time.perf_counter()
    path_list = list(paths)
    if not path_list:
        raise InputError("no input given; name the article files or folders to build")
    out = Path(out_dir)

    results, skipped = _collect(path_list)
    extracted = time.perf_counter()
    if not results:
        if len(skipped) == 1 and skipped[0].skipped != "empty article":
            raise InputError(skipped[0].skipped)
        reasons = "; ".join(f"{d.path}: {d.skipped}" for d in skipped[:3])
        raise InputError(f"no article could be built ({reasons}); give readable, non-empty articles")

    from kg.rdf.store import load_graph as _load
    from kg.rdf.store import new_graph, save_graph
    from kg.rdf.to_rdf import add_results, replace_document

    existing = out / GRAPH_FILE
    if graph is None:
        graph = _load(existing) if incremental and existing.exists() else new_graph()
    if incremental:
        for result in results:
            replace_document(graph, result)
    else:
        add_results(graph, results)
    converted = time.perf_counter()

    from kg.viz.render import render_html
    from kg.viz.view import build_view

    predicates = Counter(f.predicate for r in results for f in r.facts)
    statuses = Counter(f.status for r in results for f in r.facts)
    docs = [_document_report(r) for r in results] + skipped
    files = {"graph": str(out / GRAPH_FILE), "html": str(out / HTML_FILE), "report": str(out / REPORT_FILE)}
    with _staged(out) as temps:
        save_graph(graph, temps[GRAPH_FILE], "turtle")
        render_html(build_view(graph), temps[HTML_FILE])
        written = time.perf_counter()
        report = BuildReport(
            out_dir=str(out),
            files=files,
            documents=tuple(docs),
            totals={
                "inputs": len(docs),
                "documents": len(results),
                "skipped": len(skipped),
                "sentences": sum(len(r.sentences) for r in results),
                "entities": len({e.key for r in results for e in r.entities}),
                "facts": sum(statuses.values()),
                "facts_by_status": dict(sorted(statuses.items())),
                "graph_triples": len(graph),
            },
            predicates=dict(sorted(predicates.items())),
            timings={
                "extract": round(extracted - started, 3),
                "rdf": round(converted - extracted, 3),
                "write": round(written - converted, 3),
                "total": round(written - started, 3),
            },
            incremental=incremental,
        )
        try:
            temps[REPORT_FILE].write_text(
                json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            mode = _umask_mode()
            for name in (GRAPH_FILE, HTML_FILE, REPORT_FILE):
                os.chmod(temps[name], mode)
            for name in (GRAPH_FILE, HTML_FILE, REPORT_FILE):
                os.replace(temps[name], out / name)
        except OSError as exc:
            raise _unwritable(out, exc) from None
    return report


# ---------------------------------------------------------------------------------- graphs


def load_graph(path: PathArg) -> Graph:
    """Read a graph file (.ttl .nt .rdf .jsonld .trig); GraphError when it is missing or bad."""
    from kg.rdf.store import load_graph as _load

    return _load(path)


def _graph(graph: Graph | PathArg) -> Graph:
    if isinstance(graph, str | os.PathLike):
        return load_graph(graph)
    return graph


def query(graph: Graph | PathArg, text: str) -> Result:
    """Run a read-only SPARQL query (project prefixes predeclared); QueryError when it is
    malformed or an UPDATE."""
    from kg.rdf.store import query as _query

    return _query(_graph(graph), text)


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
    from kg.viz.render import render_html
    from kg.viz.view import build_view

    if depth < 0:
        raise KGError(f"depth must be 0 or more, not {depth}")
    if max_nodes < 1:
        raise KGError(f"max_nodes must be 1 or more, not {max_nodes}")
    view = build_view(_graph(graph), focus=focus, depth=depth, max_nodes=max_nodes)
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        os.close(handle)
    except OSError as exc:
        raise GraphError(
            f"cannot write the graph page {target} ({exc.strerror}); choose a writable path"
        ) from None
    try:
        render_html(view, Path(temp))
        os.chmod(temp, _umask_mode())
        os.replace(temp, target)
    except OSError as exc:
        raise GraphError(
            f"cannot write the graph page {target} ({exc.strerror}); choose a writable path"
        ) from None
    finally:
        Path(temp).unlink(missing_ok=True)
    return target


def stats(graph: Graph | PathArg) -> dict[str, Any]:
    """Counts, central companies and communities of a graph, as a plain dict."""
    from kg.stats import graph_stats

    return graph_stats(_graph(graph))


# ---------------------------------------------------------------------------------- evaluation


def evaluate(gold_dir: PathArg, paths: Iterable[PathArg]) -> dict[str, Any]:
    """Extract the articles and score them against a gold folder (see kg.eval)."""
    from kg.eval import evaluate as _evaluate

    return _evaluate(gold_dir, paths)


def score_records(gold_dir: PathArg, recs: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Score already-extracted JSON Lines records against a gold folder (see kg.eval)."""
    from kg.eval import score_records as _score

    return _score(gold_dir, recs)
