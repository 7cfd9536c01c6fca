"""Analytics over a built graph: plain data, no printing.

    graph_stats(graph) -> {
        "entities": 7, "entities_by_type": {"Company": 3, ...},
        "facts": 5, "facts_by_predicate": {"investsIn": 1, ...},      # claimed plain triples
        "assertions": 8, "assertions_by_status": {"asserted": 6, ...},
        "documents": 2,
        "central_companies": [{"id", "label_ar", "label_en", "degree", "betweenness"}, ...],
        "communities": [["أوبن إيه آي", "مايكروسوفت", ...], ...],
    }

Centrality is measured on the undirected graph of claimed facts between all entities (a company
linked through a person or a product still counts as connected); the ranking keeps companies only
(degree, then betweenness, then label). Communities come from greedy modularity on the undirected
company graph (claimed facts whose both ends are companies); single companies are left out. A symmetric
relation written in both directions is one fact.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from kg.namespaces import IND
from kg.rdf.read import entity_labels, entity_types, local_name, relation_predicates

__all__ = ["graph_stats"]

COMPANY_TYPES = frozenset({"Company"})
TOP = 10


def graph_stats(graph: Graph, *, top: int = TOP) -> dict[str, Any]:
    types = entity_types(graph)
    relations = relation_predicates(graph)

    symmetric = set(graph.subjects(RDF.type, OWL.SymmetricProperty))
    found: set[tuple[URIRef, URIRef, URIRef]] = set()
    for s, p, o in graph.triples((None, None, None)):
        if p in relations and s in types and o in types:
            assert isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(o, URIRef)
            if p in symmetric and str(o) < str(s):  # one fact, whichever direction was written
                s, o = o, s
            found.add((s, p, o))
    facts = sorted(found)
    statuses = Counter(
        str(graph.value(a, IND.status) or "asserted") for a in graph.subjects(RDF.type, RDF.Statement)
    )

    undirected = nx.Graph()
    undirected.add_nodes_from(types)
    undirected.add_edges_from((s, o) for s, _, o in facts if s != o)
    companies = [e for e, t in types.items() if t in COMPANY_TYPES]
    betweenness = nx.betweenness_centrality(undirected) if undirected.number_of_edges() else {}

    def label(entity: URIRef) -> str:
        ar, en = entity_labels(graph, entity)
        return ar or en or local_name(entity)

    ranked = sorted(
        companies,
        key=lambda c: (-undirected.degree(c), -betweenness.get(c, 0.0), label(c), str(c)),
    )
    central = []
    for company in ranked[:top]:
        ar, en = entity_labels(graph, company)
        central.append(
            {
                "id": str(company),
                "label_ar": ar or local_name(company),
                "label_en": en or ar or local_name(company),
                "degree": undirected.degree(company),
                "betweenness": round(betweenness.get(company, 0.0), 4),
            }
        )

    company_graph = undirected.subgraph(companies)
    communities: list[list[str]] = []
    if company_graph.number_of_edges():
        connected = company_graph.subgraph([n for n in company_graph if company_graph.degree(n) > 0])
        for group in greedy_modularity_communities(connected):
            if len(group) > 1:
                communities.append(sorted(label(c) for c in group))
    communities.sort(key=lambda g: (-len(g), g))

    return {
        "entities": len(types),
        "entities_by_type": dict(sorted(Counter(types.values()).items())),
        "facts": len(facts),
        "facts_by_predicate": dict(sorted(Counter(local_name(p) for _, p, _ in facts).items())),
        "assertions": sum(statuses.values()),
        "assertions_by_status": dict(sorted(statuses.items())),
        "documents": len(set(graph.subjects(RDF.type, IND.Document))),
        "central_companies": central,
        "communities": communities,
    }
