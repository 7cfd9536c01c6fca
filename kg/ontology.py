"""The vocabulary loader: the one place that parses the ontology.

`ontology/industry.ttl` holds the classes, the relation predicates and the provenance terms;
`ontology/entities.ttl` holds the gazetteer of known entities. Extraction code gets plain
frozen dataclasses and dicts from here and never imports rdflib itself.

Both files are written against the default base IRI (https://w3id.org/arabic-kg/). When
KG_BASE_IRI selects another base, the default namespace IRIs are rewritten in the Turtle text
before parsing, so every IRI in the loaded graph uses `kg.namespaces.IND` / `KGR`.

The folder is `$KG_ONTOLOGY_DIR` when set; else, in a checkout (an editable install, or
PYTHONPATH), the `ontology/` folder next to the `kg` package; else the package data
`kg._ontology` that a wheel installs (pyproject.toml maps the repository's `ontology/` to that
package name).
Everything is parsed once and cached (functools.lru_cache); tests that change the folder call
`clear_caches()`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import ResourceError
from kg.namespaces import DEFAULT_IND, DEFAULT_KGR, IND, KGR, WD

ONTOLOGY_FILES = ("industry.ttl", "entities.ttl")


@dataclass(frozen=True)
class PropertyInfo:
    """A relation predicate (owl:ObjectProperty) of the ontology."""

    name: str  # local name, e.g. "investsIn"
    label_ar: str
    label_en: str
    comment: str
    domain: str  # class local name
    range: str  # class local name
    symmetric: bool
    inverse: str | None  # local name of the owl:inverseOf property, if any


@dataclass(frozen=True)
class KnownEntity:
    """An entity of the gazetteer (ontology/entities.ttl)."""

    key: str  # local name of the kgr: IRI, e.g. "Nvidia"
    type: str  # class local name, e.g. "Company"
    label_ar: str
    label_en: str
    alt_labels: tuple[str, ...]  # skos:altLabel values, Arabic and Latin, sorted
    wikidata: str  # "Q182477" or ""
    demonyms: tuple[str, ...]  # Countries only: masculine nationality adjectives, no article


ONTOLOGY_PACKAGE = "kg._ontology"  # ontology/ as installed by a wheel (pyproject.toml's package-dir)


def ontology_dir() -> Path:
    """The ontology folder: $KG_ONTOLOGY_DIR; else <checkout>/ontology next to this kg package
    when it is there (so a checkout run through PYTHONPATH reads its own files, not those of
    another checkout installed in editable mode); else the installed package data kg._ontology."""
    env = os.environ.get("KG_ONTOLOGY_DIR", "").strip()
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parent.parent / "ontology"
    if (checkout / "industry.ttl").is_file():
        return checkout
    try:
        installed = resources.files(ONTOLOGY_PACKAGE)
    except ModuleNotFoundError:
        return checkout  # not installed either: the error names the checkout's file
    return installed if isinstance(installed, Path) else checkout  # a wheel installs unzipped


def _display(path: Path) -> str:
    """The path as shown in messages: relative to the current folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _rewrite(text: str) -> str:
    """Move the default namespace IRIs to the configured base (KG_BASE_IRI)."""
    if str(IND) != DEFAULT_IND:
        text = text.replace(DEFAULT_IND, str(IND))
    if str(KGR) != DEFAULT_KGR:
        text = text.replace(DEFAULT_KGR, str(KGR))
    return text


def _parse_into(graph: Graph, path: Path) -> None:
    shown = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ResourceError(
            f"{shown}: ontology file not found; restore it or set KG_ONTOLOGY_DIR to the ontology folder"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{shown}: cannot read ({exc}); fix the file or set KG_ONTOLOGY_DIR") from None
    try:
        graph.parse(data=_rewrite(text), format="turtle", publicID=path.as_uri())
    except Exception as exc:  # rdflib raises BadSyntax and assorted others
        line = getattr(exc, "lines", None)
        where = f" line {line + 1}" if isinstance(line, int) else ""
        why = str(getattr(exc, "_why", "") or exc).strip().split("\n")[0] or type(exc).__name__
        raise ResourceError(
            f"{shown}{where}: bad Turtle ({why}); fix the file or set KG_ONTOLOGY_DIR"
        ) from None


@lru_cache(maxsize=1)
def _industry() -> Graph:
    graph = Graph()
    _parse_into(graph, ontology_dir() / "industry.ttl")
    return graph


def industry_graph() -> Graph:
    """Classes and properties only (industry.ttl, base rewritten), a fresh copy each call: what a
    built graph carries, without the gazetteer."""
    copy = Graph()
    for triple in _industry():
        copy.add(triple)
    return copy


@lru_cache(maxsize=1)
def _graph() -> Graph:
    graph = Graph()
    for name in ONTOLOGY_FILES:
        _parse_into(graph, ontology_dir() / name)
    for prefix in ("ind", "kgr", "wd"):
        graph.bind(prefix, {"ind": IND, "kgr": KGR, "wd": WD}[prefix], override=True)
    return graph


def ontology_graph() -> Graph:
    """industry.ttl + entities.ttl as one graph.

    The files are parsed once (cached); each call returns a fresh copy, so callers may add to
    it freely.
    """
    copy = Graph()
    for prefix, ns in _graph().namespaces():
        copy.bind(prefix, ns, override=True)
    copy += _graph()
    return copy


def _local(term: object, namespace: str) -> str | None:
    if isinstance(term, URIRef) and str(term).startswith(namespace):
        return str(term)[len(namespace) :]
    return None


def _label(graph: Graph, subject: URIRef, lang: str, predicate: URIRef = RDFS.label) -> str:
    values = sorted(
        str(o) for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language == lang
    )
    return values[0] if values else ""


def properties() -> dict[str, PropertyInfo]:
    """The relation predicates (every owl:ObjectProperty in the ind: namespace), by local name.

    Parsed once; each call returns a new dict of the cached (frozen) PropertyInfo values.
    """
    return dict(_properties())


@lru_cache(maxsize=1)
def _properties() -> tuple[tuple[str, PropertyInfo], ...]:
    graph = _graph()
    ind = str(IND)
    result: dict[str, PropertyInfo] = {}
    for prop in sorted(set(graph.subjects(RDF.type, OWL.ObjectProperty)), key=str):
        name = _local(prop, ind)
        if name is None or not isinstance(prop, URIRef):
            continue
        inverse = _local(graph.value(prop, OWL.inverseOf), ind)
        if inverse is None:  # owl:inverseOf declared on the other side only
            inverse = _local(graph.value(None, OWL.inverseOf, prop), ind)
        result[name] = PropertyInfo(
            name=name,
            label_ar=_label(graph, prop, "ar"),
            label_en=_label(graph, prop, "en"),
            comment=_label(graph, prop, "en", RDFS.comment),
            domain=_local(graph.value(prop, RDFS.domain), ind) or "",
            range=_local(graph.value(prop, RDFS.range), ind) or "",
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
            inverse=inverse,
        )
    return tuple(result.items())


@lru_cache(maxsize=1)
def _classes() -> tuple[tuple[str, str | None], ...]:
    graph = _graph()
    ind = str(IND)
    found: dict[str, str | None] = {}
    for cls in sorted(set(graph.subjects(RDF.type, OWL.Class)), key=str):
        name = _local(cls, ind)
        if name is None:
            continue
        parents = sorted(p for p in (_local(o, ind) for o in graph.objects(cls, RDFS.subClassOf)) if p)
        found[name] = parents[0] if parents else None
    return tuple(found.items())


def classes() -> dict[str, str | None]:
    """Class local name -> direct superclass local name (None for a top class)."""
    return dict(_classes())


def is_a(cls: str, ancestor: str) -> bool:
    """True when `cls` is `ancestor` or a (transitive) subclass of it."""
    table = dict(_classes())
    seen: set[str] = set()
    current: str | None = cls
    while current is not None and current not in seen:
        if current == ancestor:
            return True
        seen.add(current)
        current = table.get(current)
    return False


@lru_cache(maxsize=1)
def _class_labels() -> tuple[tuple[str, tuple[str, str]], ...]:
    graph = _graph()
    return tuple(
        (name, (_label(graph, IND[name], "ar"), _label(graph, IND[name], "en"))) for name, _ in _classes()
    )


def class_labels() -> dict[str, tuple[str, str]]:
    """Class local name -> (Arabic label, English label)."""
    return dict(_class_labels())


@lru_cache(maxsize=1)
def known_entities() -> tuple[KnownEntity, ...]:
    """The gazetteer: every kgr: subject typed with an ontology class, sorted by key."""
    graph = _graph()
    ind, kgr, wd = str(IND), str(KGR), str(WD)
    class_table = dict(_classes())
    result: list[KnownEntity] = []
    for subject in sorted({s for s in graph.subjects(RDF.type, None) if isinstance(s, URIRef)}, key=str):
        key = _local(subject, kgr)
        if key is None:
            continue
        types = sorted(t for t in (_local(o, ind) for o in graph.objects(subject, RDF.type)) if t)
        if not types:
            continue
        # the most specific type: one that no other listed type is a subclass of
        specific = [t for t in types if not any(o != t and _subclass(class_table, o, t) for o in types)]
        wikidata = ""
        for same in graph.objects(subject, OWL.sameAs):
            qid = _local(same, wd)
            if qid:
                wikidata = qid
                break
        result.append(
            KnownEntity(
                key=key,
                type=specific[0] if specific else types[0],
                label_ar=_label(graph, subject, "ar"),
                label_en=_label(graph, subject, "en"),
                alt_labels=tuple(sorted({str(o) for o in graph.objects(subject, SKOS.altLabel)})),
                wikidata=wikidata,
                demonyms=tuple(sorted(str(o) for o in graph.objects(subject, IND.demonym))),
            )
        )
    return tuple(result)


def _subclass(table: dict[str, str | None], cls: str, ancestor: str) -> bool:
    current = table.get(cls)
    while current is not None:
        if current == ancestor:
            return True
        current = table.get(current)
    return False


def clear_caches() -> None:
    """Forget everything parsed (after changing KG_ONTOLOGY_DIR, e.g. in tests)."""
    for cached in (_graph, _industry, _properties, _classes, _class_labels, known_entities):
        cached.cache_clear()
