"""Extracting many articles and building the graph files, one bad article costing only itself.

`extract_items` reads every input (kg.io) and extracts each document; an input that cannot be
read, an empty article, or an article on which the extractor fails comes out as a Skipped
entry with its reason, and the run goes on. `build` writes graph.ttl, graph.html and
report.json; every input it was given or found is in the report, built or skipped.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import GraphError, InputError, KGError
from kg.files import generation
from kg.io import Limits, Skipped, read_inputs, shown
from kg.model import DocumentResult

if TYPE_CHECKING:
    from rdflib import Graph

PathArg = str | os.PathLike[str]

GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"
REPORT_FILE = "report.json"


def extract_items(paths: Iterable[PathArg], limits: Limits | None = None,
                  explain: bool = False) -> Iterator[DocumentResult | Skipped]:
    """Each article's result, in input order, or a Skipped entry saying why it has none.

    Language-resource and setting errors (KGError) are not an article's fault and end the run;
    any other exception inside one document skips that document only.
    """
    from kg.extract.pipeline import extract_document

    for item in read_inputs(paths, limits):
        if isinstance(item, Skipped):
            yield item
            continue
        if not item.text.strip():
            yield Skipped(item.id, "empty article")
            continue
        try:
            yield extract_document(item, explain=explain)
        except KGError:
            raise
        except (RecursionError, Exception) as exc:
            yield Skipped(item.id, f"the extractor failed on this article ({type(exc).__name__}: "
                                   f"{' '.join(str(exc).split())[:200]}); the other articles were read, "
                                   "please report this one")


class Extraction(list[DocumentResult]):
    """kg.extract's results (a list), with `skipped`: the inputs left out and why."""

    skipped: tuple[Skipped, ...] = ()


def extract(paths: Iterable[PathArg], limits: Limits | None = None, explain: bool = False) -> Extraction:
    """Every article's result; InputError only when no article at all could be extracted.
    `explain`: each result's notes say what each stage found in each sentence."""
    out = Extraction()
    skipped: list[Skipped] = []
    for item in extract_items(paths, limits, explain=explain):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            out.append(item)
    out.skipped = tuple(skipped)
    if not out and skipped:
        more = f" (and {len(skipped) - 1} more input(s) left out)" if len(skipped) > 1 else ""
        raise InputError(skipped[0].message + more)
    return out


@dataclass(frozen=True)
class DocumentReport:
    """What a build did with one article (or why it skipped it)."""

    path: str
    title: str = ""
    sentences: int = 0
    entities: int = 0
    facts: dict[str, int] = field(default_factory=dict)  # status → count
    skipped: str = ""  # why the input was left out; empty when it was built
    replaced: int = 0  # characters replaced by U+FFFD on input

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


class NothingBuilt(InputError):
    """No input gave an article; `report` lists every input and why it was left out (it was
    written to report.json; the graph files were left as they were)."""

    def __init__(self, message: str, report: BuildReport) -> None:
        super().__init__(message)
        self.report = report


def _document_report(result: DocumentResult) -> DocumentReport:
    doc = result.document
    return DocumentReport(
        path=doc.id,
        title=doc.title,
        sentences=len(result.sentences),
        entities=len(result.entities),
        facts=dict(sorted(Counter(f.status for f in result.facts).items())),
        replaced=doc.replaced,
    )


def _unwritable(folder: Path) -> Callable[[OSError], GraphError]:
    def error(exc: OSError) -> GraphError:
        return GraphError(f"cannot write to {shown(folder)} ({exc.strerror}); choose a writable --out folder")

    return error


def _report_text(report: BuildReport) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _add_isolated(graph: Graph, results: list[DocumentResult], incremental: bool,
                  skipped: list[DocumentReport]) -> list[DocumentResult]:
    """Add each document's triples; a document whose conversion fails is skipped, not the build."""
    from kg.rdf.to_rdf import add_results, replace_document

    kept = []
    for result in results:
        try:
            if incremental:
                replace_document(graph, result)
            else:
                add_results(graph, [result])
        except KGError:
            raise
        except Exception as exc:
            skipped.append(DocumentReport(result.document.id, skipped=(
                f"its facts could not be written as RDF ({type(exc).__name__}: "
                f"{' '.join(str(exc).split())[:200]}); please report this article")))
            continue
        kept.append(result)
    return kept


def build(
    paths: Iterable[PathArg],
    out_dir: PathArg,
    *,
    graph: Graph | None = None,
    incremental: bool = False,
    limits: Limits | None = None,
) -> BuildReport:
    """Extract the articles at `paths` and write out_dir/graph.ttl, graph.html and report.json.

    A bad input among good ones is skipped and listed in the report. When no article can be
    built, report.json is written all the same (every input with its reason) and NothingBuilt
    (an InputError) is raised; graph.ttl and graph.html are then left as they were.
    `graph`: add into this graph instead of a new one. `incremental`: add into the graph
    already in out_dir/graph.ttl (a re-built article replaces its earlier version). Outputs are
    written to temporary files first and moved into place only when all are ready.
    """
    started = time.perf_counter()
    path_list = list(paths)
    if not path_list:
        raise InputError("no input given; name the article files or folders to build")
    out = Path(out_dir)

    results: list[DocumentResult] = []
    skipped: list[DocumentReport] = []
    for item in extract_items(path_list, limits):
        if isinstance(item, Skipped):
            skipped.append(DocumentReport(item.path, skipped=item.reason))
        else:
            results.append(item)
    extracted = time.perf_counter()
    files = {"graph": str(out / GRAPH_FILE), "html": str(out / HTML_FILE), "report": str(out / REPORT_FILE)}

    if not results:
        report = _report(out, {"report": files["report"]}, [], skipped, None, incremental,
                         {"extract": round(extracted - started, 3), "total": round(extracted - started, 3)})
        with generation(out, (REPORT_FILE,), _unwritable(out)) as temps:
            temps[REPORT_FILE].write_text(_report_text(report), encoding="utf-8")
        if len(skipped) == 1 and skipped[0].skipped != "empty article":
            raise NothingBuilt(skipped[0].skipped if skipped[0].path in skipped[0].skipped
                               else f"{skipped[0].path}: {skipped[0].skipped}", report)
        raise NothingBuilt(f"no article could be built ({len(skipped)} input(s) skipped, each reason is "
                           f"in {files['report']}); give readable, non-empty articles", report)

    from kg.rdf.store import load_graph as _load
    from kg.rdf.store import new_graph, save_graph

    existing = out / GRAPH_FILE
    if graph is None:
        from kg.ontology import industry_graph

        graph = _load(existing) if incremental and existing.exists() else new_graph(industry_graph())
    results = _add_isolated(graph, results, incremental, skipped)
    converted = time.perf_counter()

    from kg.viz.render import render_html
    from kg.viz.view import build_view

    with generation(out, (GRAPH_FILE, HTML_FILE, REPORT_FILE), _unwritable(out)) as temps:
        save_graph(graph, temps[GRAPH_FILE], "turtle")
        render_html(build_view(graph), temps[HTML_FILE])
        written = time.perf_counter()
        report = _report(out, files, results, skipped, graph, incremental, {
            "extract": round(extracted - started, 3),
            "rdf": round(converted - extracted, 3),
            "write": round(written - converted, 3),
            "total": round(written - started, 3),
        })
        temps[REPORT_FILE].write_text(_report_text(report), encoding="utf-8")
    return report


def _report(out: Path, files: dict[str, str], results: list[DocumentResult], skipped: list[DocumentReport],
            graph: Graph | None, incremental: bool, timings: dict[str, float]) -> BuildReport:
    predicates = Counter(f.predicate for r in results for f in r.facts)
    statuses = Counter(f.status for r in results for f in r.facts)
    docs = [_document_report(r) for r in results] + skipped
    return BuildReport(
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
            "graph_triples": len(graph) if graph is not None else 0,
            "replaced_characters": sum(r.document.replaced for r in results),
        },
        predicates=dict(sorted(predicates.items())),
        timings=timings,
        incremental=incremental,
    )
