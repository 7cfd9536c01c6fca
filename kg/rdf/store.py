"""The graph store: make, load, save, query a graph and render query results.

Every expected failure is a GraphError (files) or QueryError (SPARQL) with a one-line
message that names the path or the problem and the fix.
"""

from __future__ import annotations

import json
import logging
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import DecimalException
from pathlib import Path
from typing import Any
from xml.parsers import expat
from xml.sax import SAXParseException

from pyparsing import ParseException
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.parser import PythonInputSource
from rdflib.plugins.parsers.notation3 import BadSyntax
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import GraphError, QueryError
from kg.files import write_file
from kg.namespaces import PREFIXES

__all__ = [
    "FORMATS",
    "RESULT_FORMATS",
    "SERVICE_MESSAGE",
    "format_for_path",
    "format_result",
    "load_graph",
    "new_graph",
    "query",
    "save_graph",
]

# user-facing name → (rdflib format, file suffix)
FORMATS: dict[str, tuple[str, str]] = {
    "turtle": ("turtle", ".ttl"),
    "ttl": ("turtle", ".ttl"),
    "nt": ("nt", ".nt"),
    "ntriples": ("nt", ".nt"),
    "xml": ("xml", ".rdf"),
    "rdfxml": ("xml", ".rdf"),
    "jsonld": ("json-ld", ".jsonld"),
    "json-ld": ("json-ld", ".jsonld"),
    "trig": ("trig", ".trig"),
}

# suffix → user-facing name (a few common aliases besides the canonical suffixes)
_SUFFIXES: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".trig": "trig",
}

_FORMAT_NAMES = {
    "turtle": "Turtle",
    "nt": "N-Triples",
    "xml": "RDF/XML",
    "json-ld": "JSON-LD",
    "trig": "TriG",
}

RESULT_FORMATS = ("table", "csv", "tsv", "json")

READ_ONLY_MESSAGE = (
    "kg query is read-only: SPARQL UPDATE (INSERT/DELETE/LOAD/CLEAR/DROP/CREATE/ADD/MOVE/COPY) "
    "is refused; edit the articles and rebuild instead"
)

SERVICE_MESSAGE = (
    "kg query does not run SERVICE clauses: they send the query to another server "
    "(or read local files); pass --allow-service to allow it"
)

# ---------------------------------------------------------------- rdflib's own noise

_QUIET: ContextVar[bool] = ContextVar("kg_rdflib_quiet", default=False)


class _QuietFilter(logging.Filter):
    """Drops rdflib.term's records while _quiet() is active in this thread/context.

    rdflib.term logs a warning with a full traceback for every ill-typed literal ("abc" as an
    xsd:integer: legal RDF, kept as it is) and for every IRI it thinks invalid (which
    load_graph reports itself); without a logging setup they would reach stderr."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _QUIET.get()


_TERM_LOGGER = logging.getLogger("rdflib.term")
if not any(isinstance(f, _QuietFilter) for f in _TERM_LOGGER.filters):
    _TERM_LOGGER.addFilter(_QuietFilter())


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence rdflib 7.6's own DeprecationWarnings (its TriG writer calls Dataset.contexts and
    its JSON-LD parser makes a ConjunctiveGraph), its "Serializing weird numerical" warning for
    ill-typed numbers (under `-W error` they would become failures) and rdflib.term's log."""
    token = _QUIET.set(True)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.filterwarnings("ignore", message="Serializing weird numerical", category=UserWarning)
            yield
    finally:
        _QUIET.reset(token)


def _bind_prefixes(graph: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, str(namespace), override=True, replace=True)


def new_graph(schema: Iterable[tuple[Node, Node, Node]] = ()) -> Graph:
    """An empty graph with the project prefixes bound, holding the `schema` triples given (a
    build passes the industry ontology, kg.ontology.industry_graph(): its classes and properties,
    never the gazetteer, so a built graph holds just the entities its articles talk about)."""
    graph = Graph()
    _bind_prefixes(graph)
    for triple in schema:
        graph.add(triple)
    _bind_prefixes(graph)  # the schema's own prefixes must not win
    return graph


def _valid_formats() -> str:
    return ", ".join(FORMATS)


def format_for_path(path: str | os.PathLike[str]) -> str:
    """The user-facing format name (a key of FORMATS) for a file, guessed from its suffix."""
    suffix = Path(path).suffix.lower()
    try:
        return _SUFFIXES[suffix]
    except KeyError:
        suffixes = ", ".join(sorted({s for _, s in FORMATS.values()}))
        raise GraphError(
            f"cannot tell the RDF format of {os.fspath(path)} from its suffix; use one of {suffixes}"
        ) from None


def _rdflib_format(fmt: str) -> str:
    try:
        return FORMATS[fmt.lower()][0]
    except KeyError:
        raise GraphError(f"unknown graph format '{fmt}'; choose one of {_valid_formats()}") from None


def _one_line(text: str, limit: int = 200) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _parse_reason(exc: Exception) -> str:
    """rdflib's short reason for a parse failure, on one line."""
    if isinstance(exc, BadSyntax):
        return f"line {exc.lines + 1}: {exc._why}"
    if isinstance(exc, SAXParseException):
        return f"line {exc.getLineNumber()}: {exc.getMessage()}"
    return _one_line(str(exc)) or type(exc).__name__


def load_graph(path: str | os.PathLike[str]) -> Graph:
    """Read a graph file; the format comes from the suffix (.ttl .nt .rdf .jsonld .trig)."""
    shown = os.fspath(path)
    fmt = _rdflib_format(format_for_path(path))
    file = Path(path)
    if not file.exists():
        raise GraphError(f"graph file {shown} not found; build one with 'kg build'")
    if not file.is_file():
        raise GraphError(
            f"graph file {shown} is not a file; pass the path of a graph file such as out/graph.ttl"
        )
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise GraphError(
            f"graph file {shown} cannot be read ({exc.strerror}); check its permissions"
        ) from None
    source: bytes | object = data
    if fmt == "xml":
        _refuse_xml_entities(data, shown)
    elif fmt == "json-ld":
        source = _json_document(data, shown)
        _refuse_remote_contexts(source, shown)
    graph = Graph()
    _bind_prefixes(graph)
    try:
        with _quiet():
            _parse_into(graph, source, fmt)
    except Exception as exc:  # rdflib parsers raise many unrelated types
        raise GraphError(
            f"graph file {shown} is not valid {_FORMAT_NAMES[fmt]} ({_parse_reason(exc)}); "
            "rebuild it with 'kg build'"
        ) from None
    bad = _invalid_iri(graph)
    if bad is not None:
        line = _line_of(data, bad)
        where = f" (line {line})" if line else ""
        raise GraphError(f"graph file {shown} holds an invalid IRI {_show_iri(bad)}{where}; fix or remove it")
    return graph


# ---------------------------------------------------------------- load-time checks


class _Entity(Exception):
    def __init__(self, name: str) -> None:
        self.name = name


class _Root(Exception):
    pass


def _refuse_xml_entities(data: bytes, shown: str) -> None:
    """Refuse a DOCTYPE that declares entities, before rdflib's SAX parser sees the file.

    Nested entities ("billion laughs") expand to gigabytes, and external ones read files or
    URLs. Expat reads only the prolog here: it stops at the root element or the first entity
    declaration, so nothing is expanded or fetched. A file expat cannot read is left to rdflib,
    which reports the syntax error."""

    def entity(name: str, *_: object) -> None:
        raise _Entity(name)

    def root(*_: object) -> None:
        raise _Root

    parser = expat.ParserCreate()
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _Entity as declared:
        raise GraphError(
            f"graph file {shown} declares the XML entity '{declared.name}' in its DOCTYPE, which kg "
            "refuses (entities can expand without bound or read other files); write the values out "
            "and remove the <!ENTITY> declarations"
        ) from None
    except (_Root, expat.ExpatError):
        return


def _json_document(data: bytes, shown: str) -> Any:
    """The JSON of a JSON-LD file: rdflib then parses exactly the object that was checked."""
    try:
        text = (
            data.decode("utf-8-sig")
            if data.startswith(b"\xef\xbb\xbf")
            else data.decode(json.detect_encoding(data))
        )
        return json.loads(text)
    except (UnicodeDecodeError, LookupError) as exc:
        reason = _one_line(str(exc))
    except json.JSONDecodeError as exc:
        reason = f"line {exc.lineno}, column {exc.colno}: {exc.msg}"
    raise GraphError(
        f"graph file {shown} is not valid JSON-LD ({reason}); rebuild it with 'kg build'"
    ) from None


def _remote_contexts(node: Any) -> Iterator[str]:
    """Every @context (and context @import) given by reference rather than inline, at any depth
    (scoped contexts in term definitions included): rdflib would fetch each one."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "@context":
                    for ref in value if isinstance(value, list) else [value]:
                        if isinstance(ref, str):
                            yield ref
                elif key == "@import" and isinstance(value, str):
                    yield value
                stack.append(value)
        elif isinstance(item, list):
            stack.extend(item)


def _refuse_remote_contexts(document: Any, shown: str) -> None:
    for ref in _remote_contexts(document):
        raise GraphError(
            f"graph file {shown} uses a remote @context {_one_line(ref)}; inline the context in "
            "the file (kg reads no other file or URL)"
        )


# RDF 1.1 IRIREF: no controls or space, none of <>"{}|^`\ (rdflib accepts them, then fails to write)
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _iris(graph: Graph) -> Iterable[URIRef]:
    for triple in graph:
        for term in triple:
            if isinstance(term, Literal):
                if term.datatype is not None:
                    yield term.datatype
            elif isinstance(term, URIRef):
                yield term


def _invalid_iri(graph: Graph) -> URIRef | None:
    """The first (in sorted order) IRI that cannot be written as Turtle or N-Triples."""
    bad = {iri for iri in _iris(graph) if _BAD_IRI.search(iri)}
    return min(bad) if bad else None


def _show_iri(iri: str, limit: int = 200) -> str:
    shown = "".join(c if " " <= c != "\x7f" else f"\\u{ord(c):04X}" for c in iri)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"<{shown}>"


def _line_of(data: bytes, iri: str) -> int | None:
    """Best effort: the line where the IRI is written, as it is or with \\u escapes."""
    text = data.decode("utf-8", errors="replace")
    forms = [
        iri,
        _BAD_IRI.sub(lambda m: f"\\u{ord(m.group()):04X}", iri),
        _BAD_IRI.sub(lambda m: f"\\u{ord(m.group()):04x}", iri),
        _BAD_IRI.sub(lambda m: f"\\U{ord(m.group()):08X}", iri),
        _BAD_IRI.sub(lambda m: f"\\U{ord(m.group()):08x}", iri),
    ]
    for form in forms:
        index = text.find(form)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return None


def _parse_into(graph: Graph, data: bytes | object, fmt: str) -> None:
    if fmt == "json-ld":  # the checked JSON itself (an object or a list), never bytes to reread
        graph.parse(source=PythonInputSource(data), format=fmt)
        return
    assert isinstance(data, bytes)
    if fmt != "trig":
        graph.parse(data=data, format=fmt)
        return
    # a TriG file may hold named graphs; the store works on their union
    dataset = Dataset()
    dataset.parse(data=data, format="trig")
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    for prefix, namespace in dataset.namespaces():
        graph.bind(prefix, namespace, override=False)


def _serialize(graph: Graph, fmt: str) -> bytes:
    with _quiet():
        if fmt != "trig":
            return graph.serialize(format=fmt, encoding="utf-8")
        # TriG serialises datasets: a plain Graph comes out as a graph named by a random blank
        # node, so put the triples in the default graph instead
        dataset = Dataset()
        for prefix, namespace in graph.namespaces():
            dataset.bind(prefix, namespace, override=True, replace=True)
        default = dataset.default_graph
        for triple in graph:
            default.add(triple)
        return dataset.serialize(format="trig", encoding="utf-8")


def save_graph(graph: Graph, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write graph to path atomically (an existing file survives any failure); returns the path."""
    target = Path(path)
    rdf_format = _rdflib_format(fmt if fmt is not None else format_for_path(path))
    bad = _invalid_iri(graph)
    if bad is not None:
        raise GraphError(
            f"the graph holds an invalid IRI {_show_iri(bad)}, which cannot be written as "
            f"{_FORMAT_NAMES[rdf_format]}; fix or remove it"
        )
    data = _serialize(graph, rdf_format)

    def unwritable(exc: OSError) -> GraphError:
        return GraphError(
            f"cannot write graph file {os.fspath(path)} ({exc.strerror}); choose a writable folder"
        )

    return write_file(target, lambda temp: temp.write_bytes(data), unwritable)


def _init_ns() -> dict[str, Any]:
    return dict(PREFIXES)


def _has_service(algebra: object) -> bool:
    """Whether a translated query holds a SERVICE clause anywhere (in a sub-query or an EXISTS
    filter too); the word inside a string literal or an IRI is no clause."""
    stack = [algebra]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(dict.values(item))
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def query(graph: Graph, text: str, *, allow_service: bool = False) -> Result:
    """Run a read-only SPARQL query with the project prefixes predeclared.

    A SERVICE clause sends (part of) the query to another endpoint, or reads a file:// one, so
    it is refused unless allow_service is True; then it runs as rdflib runs it.
    """
    try:
        parsed = parseQuery(text)
    except ParseException as exc:
        try:
            parseUpdate(text)
        except Exception:
            raise QueryError(
                f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {_one_line(exc.msg)}; "
                "fix the query (the prefixes ind, kgr, rdfs, rdf, skos, prov, owl, xsd, dcterms "
                "and wd are predeclared)"
            ) from None
        raise QueryError(READ_ONLY_MESSAGE) from None
    try:
        with _quiet():
            prepared = translateQuery(parsed, initNs=_init_ns())
    except Exception as exc:  # rdflib raises plain Exception for e.g. unknown prefixes
        raise QueryError(f"SPARQL query failed: {_one_line(str(exc))}; fix the query") from None
    if not allow_service and _has_service(prepared.algebra):
        raise QueryError(SERVICE_MESSAGE)
    try:
        with _quiet():
            result = graph.query(prepared)
            if result.type == "SELECT":
                _ = result.bindings  # evaluate now so errors surface here, not while printing
    except (TypeError, ArithmeticError) as exc:  # rdflib computing with an ill-typed literal
        reason = "invalid decimal operation" if isinstance(exc, DecimalException) else str(exc)
        raise QueryError(
            f"SPARQL query failed: {_one_line(reason)}; if the graph holds a number that is not valid "
            'for its datatype (such as "abc"^^xsd:integer), fix that value or leave it out of the '
            "query, otherwise fix the query"
        ) from None
    except Exception as exc:  # rdflib raises plain Exception for many query errors
        raise QueryError(f"SPARQL query failed: {_one_line(str(exc))}; fix the query") from None
    return result


# ---------------------------------------------------------------- result formatting


def _short_iri(iri: URIRef) -> str:
    """kgr:Nvidia, kgr:assertion/86a4… for display: the longest project prefix that fits.

    rdflib's own n3(namespace_manager) gives up on local names with '/', which every
    document and assertion IRI has; a table is for reading, so those are shortened too.
    """
    text = str(iri)
    matches = [(str(ns), prefix) for prefix, ns in PREFIXES.items() if text.startswith(str(ns))]
    if matches:
        namespace, prefix = max(matches)  # the longest namespace wins (ind: over the base)
        local = text[len(namespace) :]
        if local and not any(c in local for c in ' <>"{}|^`\\#'):
            return f"{prefix}:{local}"
    return f"<{text}>"


def _table_cell(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return _short_iri(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    return " ".join(str(term).split())  # literals: the text itself, on one line


def _width(text: str) -> int:
    """Display width: combining marks (Arabic diacritics) take no column, wide glyphs two."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) == "Cf":
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    rows = [[_table_cell(row[i]) for i in range(len(names))] for row in result]  # type: ignore[index]
    widths = [max([_width(n)] + [_width(r[i]) for r in rows]) for i, n in enumerate(names)]
    lines = ["  ".join(_pad(n, w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def _tsv_escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )


def _tsv_term(term: Node | None) -> str:
    """A term as the W3C SPARQL 1.1 TSV format writes it (N-Triples syntax)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        quoted = f'"{_tsv_escape(str(term))}"'
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None:
            return f"{quoted}^^<{term.datatype}>"
        return quoted
    return str(term)


def _tsv(result: Result) -> str:
    names = [str(v) for v in result.vars or []]
    lines = ["\t".join(f"?{n}" for n in names)]
    for row in result:
        lines.append("\t".join(_tsv_term(row[i]) for i in range(len(names))))  # type: ignore[index]
    return "\n".join(lines) + "\n"


def _turtle(result: Result) -> str:
    graph = result.graph if result.graph is not None else Graph()
    bad = _invalid_iri(graph)
    if bad is not None:
        raise QueryError(
            f"the {result.type} result holds an invalid IRI {_show_iri(bad)}, which Turtle cannot "
            "show; fix the query (or ask for a SELECT)"
        )
    _bind_prefixes(graph)
    with _quiet():
        return graph.serialize(format="turtle")


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a query result: table, csv, tsv or json (W3C SPARQL 1.1 results formats)."""
    name = fmt.lower()
    if name not in RESULT_FORMATS:
        raise QueryError(f"unknown result format '{fmt}'; choose one of {', '.join(RESULT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        if name != "table":
            raise QueryError(
                f"format '{fmt}' does not apply to a {result.type} result (a graph); "
                "use 'table', which prints it as Turtle"
            )
        return _turtle(result)
    if result.type == "ASK":
        if name == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        return ("true" if result.askAnswer else "false") + "\n"
    if name == "table":
        return _table(result)
    if name == "tsv":
        return _tsv(result)
    if name == "csv":
        with _quiet():
            raw = result.serialize(format="csv", encoding="utf-8")
        return raw.decode("utf-8")  # type: ignore[union-attr]
    with _quiet():
        raw = result.serialize(format="json", encoding="utf-8")
    data: Mapping[str, Any] = json.loads(raw.decode("utf-8"))  # type: ignore[union-attr]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
