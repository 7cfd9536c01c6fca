"""The `kg` command: each command parses its arguments, makes one library call and prints.

Expected failures (kg.errors.KGError) print one line, `Error: <message>`, on stderr and exit with
the error's code (input 2, resource 3, graph 4, query 5, eval 6, unknown entity 7, settings 8,
other 1); usage errors keep click's code 2; output that cannot be written exits 74, Ctrl-C 130;
anything unexpected prints `Error: internal error: …` and exits 70. The console command enters
through kg._main, which guards what happens outside a command.
"""

from __future__ import annotations

import errno
import functools
import json
import unicodedata
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

import kg
from kg._main import INTERRUPTED_EXIT, OUTPUT_ERROR_EXIT, interrupted, output_failed, silence_stdout
from kg.errors import KGError

app = typer.Typer(
    name="kg",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

INTERNAL_ERROR_EXIT = 70
# writing to standard output failed: it is the output's fault, not the command's
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EDQUOT, errno.EFBIG, errno.EBADF}
# typer's exits and click's usage errors pass through for click to print (usage errors exit 2);
# ClickException is taken from whichever click typer uses (recent typers vendor their own copy)
_PASS_THROUGH: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort) + tuple(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, code: int) -> typer.Exit:
    line = " ".join(message.split())
    typer.echo(f"Error: {line}", err=True)
    return typer.Exit(code)


def _handle_errors(func: F) -> F:
    """Turn library errors into one `Error:` line and an exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except _PASS_THROUGH:
            raise
        except KGError as exc:
            raise _fail(str(exc), exc.exit_code) from None
        except BrokenPipeError:  # `kg … | head`: the reader left, nothing more to say
            silence_stdout()
            raise typer.Exit(1) from None
        except OSError as exc:
            if exc.errno not in _OUTPUT_ERRNOS:
                raise _fail(f"internal error: {type(exc).__name__}: {exc} (please report)",
                            INTERNAL_ERROR_EXIT) from None
            raise _fail(output_failed(exc), OUTPUT_ERROR_EXIT) from None
        except KeyboardInterrupt:
            raise _fail(interrupted(), INTERRUPTED_EXIT) from None
        except Exception as exc:
            raise _fail(f"internal error: {type(exc).__name__}: {exc} (please report)",
                        INTERNAL_ERROR_EXIT) from None

    return wrapper  # type: ignore[return-value]


# ---------------------------------------------------------------------------------- shared options


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


class ResultFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class StatsFormat(StrEnum):
    table = "table"
    json = "json"


Inputs = Annotated[
    list[Path],
    typer.Argument(metavar="PATH", help="Article files (.txt, .jsonl, .jsonl.gz) or folders of them.",
                   show_default=False),
]
GraphPath = Annotated[
    Path,
    typer.Option("--graph", "-g", help="The graph file to read (.ttl .nt .rdf .jsonld .trig), "
                 "e.g. out/graph.ttl from 'kg build'.", show_default=False),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kg {kg.__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Build a knowledge graph from Arabic technology news: extract facts with their sentences,
    write RDF, query it with SPARQL, draw it, score it against gold.

    \b
    Example:
        kg build seeds --out out
        kg query "SELECT ?who WHERE { ?who ind:investsIn ?x }" --graph out/graph.ttl
    """


# ---------------------------------------------------------------------------------- text tables


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(c) or unicodedata.category(c) == "Cf" else
               2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), "  ".join("-" * w for w in widths), *map(line, rows)]) + "\n"


def _warn_skipped(path: str, reason: str) -> None:
    # one line per input, whatever its name holds (a file name may contain a line break)
    shown = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in path)
    typer.echo(f"Warning: skipped {shown}: {' '.join(reason.split())}", err=True)


# ---------------------------------------------------------------------------------- commands


@app.command()
@_handle_errors
def extract(
    paths: Inputs,
    fmt: Annotated[
        ExtractFormat,
        typer.Option("--format", "-f", help="jsonl: one JSON object a line (entities, then triples, per "
                     "article); table: the triples, aligned."),
    ] = ExtractFormat.jsonl,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Print, per sentence, what each stage found: mentions (and which recogniser), "
        "titles, trigger hits, each frame tried and why it fired or failed (rule ids), and the facts "
        "with their status. Replaces the normal output.")] = False,
) -> None:
    """Extract entities and facts from articles and print them.

    \b
    Example:
        kg extract seeds/openai-nvidia-chips.ar.txt
        kg extract articles/ --format table
        kg extract seeds/openai-nvidia-chips.ar.txt --explain
    """
    from kg.build import extract_items
    from kg.extract.trace import format_notes

    results = []
    pending: list[kg.Skipped] = []  # held back until an article is read: a lone failure is the Error
    skipped = extracted = 0
    for item in extract_items(paths, explain=explain):
        if isinstance(item, kg.Skipped):
            skipped += 1
            if extracted:
                _warn_skipped(item.path, item.reason)
            else:
                pending.append(item)
            continue
        extracted += 1
        for held in pending:
            _warn_skipped(held.path, held.reason)
        pending.clear()
        if explain:
            typer.echo(format_notes(item.document.id, item.sentences, item.notes))
        elif fmt is ExtractFormat.jsonl:
            for rec in kg.records(item):
                typer.echo(json.dumps(rec, ensure_ascii=False))
        else:
            results.append(item)
    if fmt is ExtractFormat.table:
        rows = [[f.subject.label or f.subject.key, f.predicate, f.object.label or f.object.key, f.status,
                 f"{f.confidence:.2f}", Path(r.document.id).name]
                for r in results for f in r.facts]
        typer.echo(_table(["subject", "predicate", "object", "status", "conf", "document"], rows), nl=False)
    if len(pending) == 1:
        raise kg.InputError(pending[0].message)
    for held in pending:
        _warn_skipped(held.path, held.reason)
    if skipped and not extracted:
        raise kg.InputError(f"no article could be read ({skipped} input(s) skipped, each reason above); "
                            "give readable, non-empty articles")


@app.command()
@_handle_errors
def build(
    paths: Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("out"),
    incremental: Annotated[
        bool, typer.Option("--incremental", help="Add to the graph already in the output folder "
                           "(a re-built article replaces its earlier version).")
    ] = False,
) -> None:
    """Build the graph: write graph.ttl, graph.html and report.json to the output folder.

    Unreadable or empty articles are skipped (and listed in report.json); the build fails only
    when no article can be built, and then leaves earlier output files untouched.

    \b
    Example:
        kg build seeds --out out
        kg build news.jsonl.gz more/ --out out --incremental
    """
    try:
        report = kg.build(paths, out, incremental=incremental)
    except kg.NothingBuilt as exc:
        if len(exc.report.skipped) > 1:
            for doc in exc.report.skipped:
                _warn_skipped(doc.path, doc.skipped)
        raise
    totals = report.totals
    statuses = ", ".join(f"{n} {s}" for s, n in totals["facts_by_status"].items())
    typer.echo(f"built {totals['documents']} document(s), {totals['skipped']} skipped: "
               f"{totals['entities']} entities, {totals['facts']} facts"
               + (f" ({statuses})" if statuses else ""))
    for path in report.files.values():
        typer.echo(f"  {path}")
    for doc in report.skipped:
        _warn_skipped(doc.path, doc.skipped)


@app.command()
@_handle_errors
def query(
    text: Annotated[str | None, typer.Argument(metavar="QUERY", help="SPARQL query text.",
                                                show_default=False)] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the query from this file (.rq).",
                                              show_default=False)] = None,
    graph: GraphPath = Path("out/graph.ttl"),
    fmt: Annotated[ResultFormat, typer.Option("--format", "-f", help="Result format.")] = ResultFormat.table,
    allow_service: Annotated[bool, typer.Option(
        "--allow-service", help="Run SERVICE clauses: they send the query, and what it binds, to the "
        "server they name (or read a local file). Refused by default.")] = False,
) -> None:
    """Run a read-only SPARQL query on a graph (prefixes ind, kgr, rdf, rdfs, skos, owl, prov,
    dcterms, xsd and wd are predeclared).

    \b
    Example:
        kg query "SELECT ?who WHERE { ?who ind:investsIn ?x . ?x rdfs:label 'OpenAI'@en }" \\
            --graph out/graph.ttl
        kg query --file ontology/queries/who-invests-in.rq --graph out/graph.ttl --format csv
    """
    if text is not None and file is not None:
        raise typer.BadParameter("give the query either as an argument or with --file, not both",
                                 param_hint="'QUERY'")
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise kg.QueryError(f"cannot read query file {file} ({reason}); check the path") from None
    if text is None or not text.strip():
        raise typer.BadParameter("no query given; pass the SPARQL text as an argument or a file with --file",
                                 param_hint="'QUERY'")
    result = kg.query(kg.load_graph(graph), text, allow_service=allow_service)
    typer.echo(kg.format_result(result, fmt.value), nl=False)


@app.command()
@_handle_errors
def export(
    graph: GraphPath = Path("out/graph.ttl"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, nt, xml, jsonld or trig.")] = "turtle",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file "
                                                "(default: standard output).", show_default=False)] = None,
) -> None:
    """Export a graph in another RDF format.

    \b
    Example:
        kg export --graph out/graph.ttl --format jsonld -o out/graph.jsonld
        kg export --graph out/graph.ttl --format nt | wc -l
    """
    if output is None:
        typer.echo(kg.export(graph, fmt), nl=False)
    else:
        typer.echo(f"wrote {kg.export(graph, fmt, output)}")


@app.command()
@_handle_errors
def viz(
    graph: GraphPath = Path("out/graph.ttl"),
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML page to write.")] = Path(
        "graph.html"
    ),
    focus: Annotated[str | None, typer.Option("--focus", help="Draw only the neighbourhood of this entity "
                                              "(Arabic or English name).", show_default=False)] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Steps around --focus.")] = 1,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=1, help="Keep the most connected nodes "
                                           "up to this many.")] = 150,
) -> None:
    """Draw a graph as one self-contained interactive HTML page (works offline).

    \b
    Example:
        kg viz --graph out/graph.ttl -o graph.html
        kg viz --graph out/graph.ttl --focus إنفيديا --depth 2 -o nvidia.html
    """
    typer.echo(f"wrote {kg.viz(graph, output, focus=focus, depth=depth, max_nodes=max_nodes)}")


@app.command()
@_handle_errors
def stats(
    graph: GraphPath = Path("out/graph.ttl"),
    fmt: Annotated[StatsFormat, typer.Option("--format", "-f", help="Output format.")] = StatsFormat.table,
) -> None:
    """Print counts by type, predicate and status, the most central companies and communities.

    \b
    Example:
        kg stats --graph out/graph.ttl
        kg stats --graph out/graph.ttl --format json
    """
    data = kg.stats(graph)
    if fmt is StatsFormat.json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    lines = [f"documents   {data['documents']}", f"entities    {data['entities']}",
             f"facts       {data['facts']}", f"assertions  {data['assertions']}"]
    for title, key in (("entities by type", "entities_by_type"), ("facts by predicate", "facts_by_predicate"),
                       ("assertions by status", "assertions_by_status")):
        lines.append("")
        lines.append(f"{title}:")
        lines.extend(f"  {name:<24} {count}" for name, count in data[key].items())
    if data["central_companies"]:
        lines.append("")
        lines.append("central companies:")
        rows = [[c["label_ar"], c["label_en"], str(c["degree"]), f"{c['betweenness']:.4f}"]
                for c in data["central_companies"]]
        lines.append(_table(["company", "english", "degree", "betweenness"], rows).rstrip("\n"))
    if data["communities"]:
        lines.append("")
        lines.append("communities:")
        lines.extend(f"  {n}. {'، '.join(group)}" for n, group in enumerate(data["communities"], 1))
    typer.echo("\n".join(lines))


@app.command("eval")
@_handle_errors
def eval_(
    paths: Inputs,
    gold: Annotated[Path, typer.Option("--gold", help="Gold folder: NAME.jsonl (+ NAME.entities.json) "
                                       "per article NAME.txt.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    min_f1: Annotated[float | None, typer.Option("--min-f1", help="Exit 1 when the overall triple F1 is "
                                                 "below this.", show_default=False)] = None,
) -> None:
    """Score extraction against gold facts: precision, recall and F1 overall, per predicate and
    per document, with the missed and spurious facts.

    \b
    Example:
        kg eval --gold eval/dev/gold eval/dev/raw
        kg eval --gold eval/dev/gold eval/dev/raw --json --min-f1 0.6
    """
    from kg.eval import format_report

    report = kg.evaluate(gold, paths)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        typer.echo(format_report(report), nl=False)
    f1 = report["triples"]["f1"]
    if min_f1 is not None and f1 < min_f1:
        typer.echo(f"F1 {f1:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)


@app.command("eval-ner")
@_handle_errors
def eval_ner(
    conll: Annotated[Path, typer.Argument(metavar="FILE.conll", help="IOB2 gold: 'token<TAB>tag' a line, "
                                          "an empty line after each sentence.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the mention layer (every recogniser, then linking) on IOB2 gold: exact-span
    precision, recall and F1 per tag (PERS, ORG, LOC, MISC) and micro over PERS/ORG/LOC.

    \b
    Example:
        kg eval-ner ../shared/corpora/ner/anercorp_camel/test.conll
        kg eval-ner gold.conll --json
    """
    from kg.eval import format_ner_report

    report = kg.evaluate_ner(conll)
    if as_json:
        typer.echo(json.dumps(report, indent=1))
    else:
        typer.echo(format_ner_report(report), nl=False)


if __name__ == "__main__":
    from kg._main import main as _main

    _main()
