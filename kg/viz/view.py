"""Graph → view model: a plain, JSON-able dict that the renderer draws and tests check exactly.

Compute, don't render: nothing here knows HTML or pyvis. The input is an rdflib Graph in the
schema of spec/RDF_SCHEMA.md (entities, documents, assertion nodes, ontology labels).

    view = build_view(graph, focus="إنفيديا", depth=1, max_nodes=150)
    view["nodes"]   [{id, key, label_ar, label_en, type, colour, shape, size, degree, centrality,
                      wikidata, wikidata_url, documents, alt_labels, search}]
    view["edges"]   [{id, from, to, predicate, label_ar, label_en, colour, arrows, dashes,
                      claimed, status, confidence, documents, evidence: [...]}]
    view["legend"]  {types: [...], predicates: [...]}
    view["filters"] {predicates, types, documents, statuses, show_not_claimed, confidence}
    view["hidden"]  {nodes, edges}: left out because of max_nodes
    view["total"]   {nodes, edges}: before max_nodes
    view["focus"]   {query, depth, ids} or None

Edges come from rdf:Statement assertion nodes grouped by (subject, predicate, object); a
symmetric predicate's two directions are one edge. An edge is `claimed` when any of its
assertions has a claimed status (asserted/reported/planned); edges with only denied/negated/
hypothetical assertions are dashed, and the viewer hides them until the user asks for them.
Plain triples between entities with no assertion node still become edges (without evidence).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, SKOS
from rdflib.term import Node

from kg.errors import UnknownEntityError
from kg.model import ASSERTED_STATUSES, NOT_ASSERTED_STATUSES
from kg.namespaces import IND, WD
from kg.rdf.read import HELPER_PREDICATES, entity_labels, entity_types, local_name, relation_predicates

__all__ = [
    "DEFAULT_TYPE_STYLE",
    "PREDICATE_PALETTE",
    "TYPE_STYLES",
    "UnknownEntityError",
    "build_view",
    "entity_labels",
    "entity_types",
    "local_name",
    "normalise_name",
    "relation_predicates",
]


# type → (colour, vis-network shape); shapes keep the label under the node
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Company": ("#1f77b4", "dot"),
    "GovernmentBody": ("#8c1c13", "square"),
    "Organization": ("#9467bd", "square"),
    "Person": ("#ff7f0e", "star"),
    "Chip": ("#17becf", "hexagon"),
    "Software": ("#2ca02c", "diamond"),
    "AIModel": ("#e377c2", "diamond"),
    "Device": ("#8c564b", "triangle"),
    "Service": ("#bcbd22", "triangleDown"),
    "Product": ("#7f7f7f", "triangle"),
    "Country": ("#d62728", "square"),
    "City": ("#f4a261", "square"),
    "Place": ("#a0785a", "square"),
    "Market": ("#006d77", "hexagon"),
}
DEFAULT_TYPE_STYLE = ("#555555", "dot")

# predicates get colours in the order of their local names among the ontology's relations,
# so a predicate keeps its colour from one view of the same ontology to the next
PREDICATE_PALETTE = (
    "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#a65628", "#f781bf", "#1b9e77",
    "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#386cb0", "#bf5b17", "#666666",
    "#1f78b4", "#33a02c", "#fb9a99", "#cab2d6", "#b15928", "#8dd3c7", "#fdb462", "#80b1d3",
)  # fmt: skip

_MIN_SIZE, _MAX_SIZE = 12.0, 40.0

# ---------------------------------------------------------------------------------------------
# Arabic name normalisation (search and focus only; labels are shown as written)

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
        "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك",
        "«": " ", "»": " ", '"': " ", "“": " ", "”": " ", "'": " ",
    }
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def normalise_name(text: str) -> str:
    """Fold a name for matching: no diacritics/tatweel, one alef, ya for alef maqsura,
    ha for teh marbuta, case-folded Latin, single spaces. (render.py mirrors this in JS.)"""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", _DIACRITICS.sub("", text))
    text = text.translate(_FOLD).casefold()
    return _SPACES.sub(" ", text).strip()


def _int(graph: Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    if isinstance(value, Literal):
        try:
            return int(value.toPython())
        except (TypeError, ValueError, OverflowError):  # ill-typed, or a legal "INF"
            return None
    return None


def _str(graph: Graph, node: Node, prop: URIRef) -> str:
    value = graph.value(node, prop)
    return "" if value is None else str(value)


def _float(graph: Graph, node: Node, prop: URIRef, default: float) -> float:
    value = graph.value(node, prop)
    if isinstance(value, Literal):
        try:
            return float(value.toPython())
        except (TypeError, ValueError):
            return default
    return default


def _documents(graph: Graph) -> dict[URIRef, dict[str, str]]:
    docs: dict[URIRef, dict[str, str]] = {}
    for doc in graph.subjects(RDF.type, IND.Document):
        if isinstance(doc, URIRef):
            title_ar, _ = entity_labels(graph, doc, DCTERMS.title)
            docs[doc] = {
                "id": str(doc),
                "path": _str(graph, doc, IND.path) or local_name(doc),
                "title": title_ar,
            }
    return docs


def _span(start: int | None, end: int | None, offset: int, length: int) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    lo, hi = max(0, start - offset), min(length, end - offset)
    return (lo, hi) if hi > lo else None


def _evidence(graph: Graph, assertion: Node, docs: dict[URIRef, dict[str, str]]) -> dict[str, Any]:
    sentence = _str(graph, assertion, IND.sentence)
    offset = _int(graph, assertion, IND.sentenceStart) or 0
    highlights = []
    for kind, start_p, end_p in (
        ("evidence", IND.evidenceStart, IND.evidenceEnd),
        ("trigger", IND.triggerStart, IND.triggerEnd),
    ):
        span = _span(_int(graph, assertion, start_p), _int(graph, assertion, end_p), offset, len(sentence))
        if span:
            highlights.append({"kind": kind, "start": span[0], "end": span[1]})
    doc = graph.value(assertion, PROV.wasDerivedFrom)
    doc_info = docs.get(doc, {}) if isinstance(doc, URIRef) else {}
    amount = _str(graph, assertion, IND.amountText)
    if not amount and graph.value(assertion, IND.amount) is not None:
        amount = f"{_str(graph, assertion, IND.amount)} {_str(graph, assertion, IND.currency)}".strip()
    status = _str(graph, assertion, IND.status) or "asserted"
    return {
        "id": str(assertion),
        "sentence": sentence,
        "sentence_start": offset,
        "highlights": highlights,
        "trigger": _str(graph, assertion, IND.trigger),
        "document": doc_info.get("id", str(doc) if doc is not None else ""),
        "path": doc_info.get("path", ""),
        "title": doc_info.get("title", ""),
        "status": status,
        "claimed": status in ASSERTED_STATUSES,
        "confidence": round(_float(graph, assertion, IND.confidence, 0.5), 4),
        "attribution": _str(graph, assertion, IND.attribution),
        "amount": amount,
        "date": _str(graph, assertion, IND.date),
        "stake": _str(graph, assertion, IND.stake),
        "rule": _str(graph, assertion, IND.rule),
    }


def _edge_id(subject: str, predicate: str, obj: str) -> str:
    return "e" + hashlib.sha1(f"{subject}|{predicate}|{obj}".encode()).hexdigest()[:12]


# ---------------------------------------------------------------------------------------------
# the view


def build_view(
    graph: Graph, *, focus: str | None = None, depth: int = 1, max_nodes: int = 150
) -> dict[str, Any]:
    """The view model of `graph` (see the module docstring). `focus` + `depth` restrict it to
    the ego network of the entity named `focus` (any label or altLabel, normalised);
    `max_nodes` keeps the most connected part and counts the rest in view["hidden"]."""
    types = entity_types(graph)
    docs = _documents(graph)
    relations = relation_predicates(graph)
    symmetric = {p for p in graph.subjects(RDF.type, OWL.SymmetricProperty) if isinstance(p, URIRef)}

    # --- edges from assertion nodes, grouped by (s, p, o); symmetric pairs are unordered
    groups: dict[tuple[URIRef, URIRef, URIRef], list[dict[str, Any]]] = defaultdict(list)

    def key(s: URIRef, p: URIRef, o: URIRef) -> tuple[URIRef, URIRef, URIRef]:
        if p in symmetric and str(o) < str(s):
            return (o, p, s)
        return (s, p, o)

    for assertion in graph.subjects(RDF.type, RDF.Statement):
        s = graph.value(assertion, RDF.subject)
        p = graph.value(assertion, RDF.predicate)
        o = graph.value(assertion, RDF.object)
        if not (isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)):
            continue
        if s not in types or o not in types or p in HELPER_PREDICATES:
            continue
        groups[key(s, p, o)].append(_evidence(graph, assertion, docs))
    for s, p, o in graph.triples((None, None, None)):
        if p in relations and s in types and o in types and isinstance(o, URIRef):
            assert isinstance(s, URIRef) and isinstance(p, URIRef)
            groups.setdefault(key(s, p, o), [])

    predicate_colour = _predicate_colours(graph, relations | {p for _, p, _ in groups})
    edges: list[dict[str, Any]] = []
    for (s, p, o), evidence in groups.items():
        evidence.sort(key=lambda e: (e["path"], e["sentence_start"], e["id"]))
        claimed_ev = [e for e in evidence if e["claimed"]]
        claimed = bool(claimed_ev) or not evidence  # a plain triple is a claim
        chosen = claimed_ev or evidence
        statuses = {e["status"] for e in chosen}
        # the edge's status: the strongest one among its (claimed, if any) assertions
        order = [*ASSERTED_STATUSES, *NOT_ASSERTED_STATUSES, *sorted(statuses)]
        status = next((st for st in order if st in statuses), "asserted")
        label_ar, label_en = entity_labels(graph, p)
        edges.append(
            {
                "id": _edge_id(str(s), str(p), str(o)),
                "from": str(s),
                "to": str(o),
                "predicate": local_name(p),
                "label_ar": label_ar or local_name(p),
                "label_en": label_en or local_name(p),
                "colour": predicate_colour[p],
                "arrows": p not in symmetric,
                "symmetric": p in symmetric,
                "dashes": not claimed,
                "claimed": claimed,
                "status": status,
                "confidence": max((e["confidence"] for e in chosen), default=1.0),
                "documents": sorted({e["document"] for e in evidence if e["document"]}),
                "evidence": evidence,
            }
        )
    edges.sort(key=lambda e: (e["from"], e["predicate"], e["to"]))

    # --- structure (all entities, all edges) for centrality, focus and truncation
    full = nx.MultiGraph()
    full.add_nodes_from(str(n) for n in types)
    full.add_edges_from((e["from"], e["to"], e["id"]) for e in edges)
    simple = nx.Graph(full)
    centrality = nx.degree_centrality(simple) if simple.number_of_nodes() > 1 else {}

    focus_info: dict[str, Any] | None = None
    keep: set[str] = set(full.nodes)
    if focus is not None:
        centres = _find_focus(graph, types, focus, simple)
        keep = set()
        for centre in centres:
            keep |= set(nx.ego_graph(simple, centre, radius=max(0, depth), undirected=True).nodes)
        focus_info = {"query": focus, "depth": depth, "ids": sorted(centres)}

    sub = full.subgraph(keep)
    total_nodes, total_edges = sub.number_of_nodes(), sub.number_of_edges()
    if max_nodes >= 0 and len(keep) > max_nodes:
        keep = _most_connected(sub, max_nodes)
    kept_edges = [e for e in edges if e["from"] in keep and e["to"] in keep]

    # --- nodes
    degrees = dict(full.degree())
    top = max(centrality.values(), default=0.0) or 1.0
    mentions: dict[str, set[str]] = defaultdict(set)
    for mentioned, doc in graph.subject_objects(IND.mentionedIn):
        mentions[str(mentioned)].add(str(doc))
    for e in edges:
        for doc_id in e["documents"]:
            mentions[e["from"]].add(doc_id)
            mentions[e["to"]].add(doc_id)

    nodes: list[dict[str, Any]] = []
    for entity in sorted(keep):
        iri = URIRef(entity)
        label_ar, label_en = entity_labels(graph, iri)
        alt = sorted({str(a) for a in graph.objects(iri, SKOS.altLabel)})
        names = [n for n in (label_ar, label_en, *alt) if n]
        qid = ""
        for same in graph.objects(iri, OWL.sameAs):
            if str(same).startswith(str(WD)):
                qid = str(same)[len(str(WD)) :]
                break
        type_name = types[iri]
        colour, shape = TYPE_STYLES.get(type_name, DEFAULT_TYPE_STYLE)
        cent = centrality.get(entity, 0.0)
        nodes.append(
            {
                "id": entity,
                "key": local_name(iri),
                "label_ar": label_ar or local_name(iri),
                "label_en": label_en or label_ar or local_name(iri),
                "type": type_name,
                "colour": colour,
                "shape": shape,
                "degree": degrees.get(entity, 0),
                "centrality": round(cent, 4),
                "size": round(_MIN_SIZE + (_MAX_SIZE - _MIN_SIZE) * cent / top, 1),
                "wikidata": qid,
                "wikidata_url": f"https://www.wikidata.org/wiki/{qid}" if qid else "",
                "documents": sorted(mentions.get(entity, ())),
                "alt_labels": alt,
                "search": sorted({normalise_name(n) for n in names} - {""}),
            }
        )

    # --- legend and filters (for what is shown)
    type_counts = Counter(n["type"] for n in nodes)
    type_legend = []
    for type_name in sorted(type_counts):
        colour, shape = TYPE_STYLES.get(type_name, DEFAULT_TYPE_STYLE)
        t_ar, t_en = entity_labels(graph, IND[type_name])
        type_legend.append(
            {
                "type": type_name,
                "label_ar": t_ar or type_name,
                "label_en": t_en or type_name,
                "colour": colour,
                "shape": shape,
                "count": type_counts[type_name],
            }
        )
    pred_counts = Counter(e["predicate"] for e in kept_edges)
    pred_legend = []
    seen_preds: dict[str, dict[str, Any]] = {}
    for e in kept_edges:
        seen_preds.setdefault(e["predicate"], e)
    for name in sorted(seen_preds):
        e = seen_preds[name]
        pred_legend.append(
            {
                "predicate": name,
                "label_ar": e["label_ar"],
                "label_en": e["label_en"],
                "colour": e["colour"],
                "symmetric": e["symmetric"],
                "count": pred_counts[name],
            }
        )
    shown_docs = {d for n in nodes for d in n["documents"]} | {d for e in kept_edges for d in e["documents"]}
    doc_filter = sorted(
        (info for iri, info in docs.items() if str(iri) in shown_docs), key=lambda d: (d["path"], d["id"])
    )
    shown_statuses = sorted({ev["status"] for e in kept_edges for ev in e["evidence"]})
    confidences = [e["confidence"] for e in kept_edges]

    return {
        "nodes": nodes,
        "edges": kept_edges,
        "legend": {"types": type_legend, "predicates": pred_legend},
        "filters": {
            "predicates": sorted(pred_counts),
            "types": sorted(type_counts),
            "documents": doc_filter,
            "statuses": shown_statuses,
            "claimed_statuses": list(ASSERTED_STATUSES),
            "not_claimed_statuses": list(NOT_ASSERTED_STATUSES),
            "show_not_claimed": False,
            "confidence": {
                "min": min(confidences, default=0.0),
                "max": max(confidences, default=1.0),
            },
        },
        "hidden": {"nodes": total_nodes - len(nodes), "edges": total_edges - len(kept_edges)},
        "total": {"nodes": total_nodes, "edges": total_edges},
        "focus": focus_info,
    }


def _predicate_colours(graph: Graph, predicates: Iterable[URIRef]) -> dict[URIRef, str]:
    ordered = sorted(set(predicates), key=lambda p: (local_name(p), str(p)))
    return {p: PREDICATE_PALETTE[i % len(PREDICATE_PALETTE)] for i, p in enumerate(ordered)}


def _most_connected(graph: nx.MultiGraph, max_nodes: int) -> set[str]:
    """The `max_nodes` nodes of the most connected part: whole components from the largest
    (ties: more edges first), and the best-connected nodes (by degree) of the first one that
    does not fit."""
    components = sorted(
        (sorted(c) for c in nx.connected_components(graph)),
        key=lambda c: (-len(c), -graph.subgraph(c).number_of_edges(), c[0]),
    )
    degree = dict(graph.degree())
    ranked = [node for component in components for node in sorted(component, key=lambda n: (-degree[n], n))]
    return set(ranked[:max_nodes])


def _find_focus(graph: Graph, types: dict[URIRef, str], name: str, simple: nx.Graph) -> list[str]:
    wanted = normalise_name(name)
    names: dict[str, set[str]] = defaultdict(set)  # normalised name → entity IRIs
    display: dict[str, str] = {}
    for entity in types:
        label_ar, label_en = entity_labels(graph, entity)
        for value in (label_ar, label_en, *(str(a) for a in graph.objects(entity, SKOS.altLabel))):
            if value:
                names[normalise_name(value)].add(str(entity))
                display.setdefault(normalise_name(value), value)
        if label_ar:
            display[normalise_name(label_ar)] = label_ar
    if wanted and wanted in names:
        return sorted(names[wanted])
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.5)
    if not close:
        by_degree = sorted(types, key=lambda e: (-simple.degree(str(e)) if str(e) in simple else 0, str(e)))
        close = [normalise_name(entity_labels(graph, e)[0]) for e in by_degree[:5]]
    suggestions = ", ".join(display.get(c, c) for c in close if c) or "(the graph has no entities)"
    raise UnknownEntityError(f"no entity named '{name}' in the graph; try one of: {suggestions}")
