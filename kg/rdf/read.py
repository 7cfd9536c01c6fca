"""Reading a built graph: entity labels and types, the relations between entities.

Shared by the visualiser (kg.viz.view), the analytics (kg.stats) and anyone reading a graph
from Python; plain functions over an rdflib Graph, no rendering.
"""

from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.namespaces import IND

__all__ = ["HELPER_PREDICATES", "entity_labels", "entity_types", "local_name", "relation_predicates"]

HELPER_PREDICATES = frozenset({IND.mentionedIn})  # links to documents, not relations between entities
_NOT_ENTITY_CLASSES = {IND.Document}


def local_name(iri: Node) -> str:
    text = str(iri)
    for sep in ("#", "/"):
        if sep in text:
            text = text.rsplit(sep, 1)[1]
    return text


def entity_labels(graph: Graph, node: Node, prop: URIRef = RDFS.label) -> tuple[str, str]:
    """(Arabic, English) labels; a missing one falls back to an untagged or any label."""
    ar = en = other = ""
    for value in graph.objects(node, prop):
        if not isinstance(value, Literal):
            continue
        lang = (value.language or "").lower()
        if lang.startswith("ar") and not ar:
            ar = str(value)
        elif lang.startswith("en") and not en:
            en = str(value)
        elif not other:
            other = str(value)
    ar = ar or other or en
    en = en or other
    return ar, en


def _class_depth(graph: Graph, cls: URIRef) -> int:
    seen = {cls}
    frontier = [cls]
    depth = 0
    while frontier:
        nxt = [
            p
            for c in frontier
            for p in graph.objects(c, RDFS.subClassOf)
            if isinstance(p, URIRef) and p not in seen
        ]
        if not nxt:
            break
        seen.update(nxt)
        frontier = nxt
        depth += 1
    return depth


def entity_types(graph: Graph) -> dict[URIRef, str]:
    """Every entity IRI → local name of its most specific ind: class (deepest in rdfs:subClassOf;
    ties broken by name). Documents, assertions and ontology terms are not entities."""
    ind = str(IND)
    candidates: dict[URIRef, list[URIRef]] = defaultdict(list)
    for subject, cls in graph.subject_objects(RDF.type):
        if (
            isinstance(subject, URIRef)
            and isinstance(cls, URIRef)
            and str(cls).startswith(ind)
            and cls not in _NOT_ENTITY_CLASSES
            and not str(subject).startswith(ind)
        ):
            candidates[subject].append(cls)
    depths: dict[URIRef, int] = {}
    result: dict[URIRef, str] = {}
    for subject, classes in candidates.items():
        for cls in classes:
            if cls not in depths:
                depths[cls] = _class_depth(graph, cls)
        best = sorted(classes, key=lambda c: (-depths[c], local_name(c)))[0]
        result[subject] = local_name(best)
    return result


def relation_predicates(graph: Graph) -> set[URIRef]:
    """The ontology's relations between entities (object properties in ind:, minus helpers)."""
    ind = str(IND)
    return {
        p
        for p in graph.subjects(RDF.type, OWL.ObjectProperty)
        if isinstance(p, URIRef) and str(p).startswith(ind) and p not in HELPER_PREDICATES
    }
