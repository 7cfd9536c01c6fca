"""Facts → RDF with provenance, as /work/spec/RDF_SCHEMA.md describes.

Every identifier is derived from stable data (entity key, document id, fact span), so adding
the same document twice writes the same triples, and a document can be removed as a unit.

    add_results(graph, results)    write documents, entities, plain claim triples, assertion nodes
    remove_document(graph, doc_id) take one document's data out again
    replace_document(graph, result) remove, then add (re-processing a changed article)
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from kg.model import ASSERTED_STATUSES, DocumentResult, Entity, Fact
from kg.namespaces import IND, KGR, WD

_ARABIC = re.compile("[\u0600-\u06ff]")

__all__ = [
    "AddStats",
    "add_results",
    "assertion_iri",
    "document_iri",
    "entity_iri",
    "remove_document",
    "replace_document",
]


@dataclass(frozen=True)
class AddStats:
    """What one add_results call wrote (distinct nodes; facts counts Fact objects)."""

    documents: int = 0
    entities: int = 0
    facts: int = 0
    assertions: int = 0
    claims: int = 0  # distinct plain triples written for claimed facts


def _sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def entity_iri(key: str) -> URIRef:
    return KGR[key]


def document_iri(doc_id: str) -> URIRef:
    return KGR["doc/" + _sha1(doc_id)[:12]]


def assertion_iri(fact: Fact) -> URIRef:
    start, end = fact.span
    parts = (fact.doc_id, fact.subject.key, fact.predicate, fact.object.key, str(start), str(end))
    return KGR["assertion/" + _sha1("|".join(parts))[:16]]


def _decimal(value: float) -> Literal:
    """The canonical xsd:decimal form: no exponent, always a point ("100000000000.0", "0.85").

    repr() keeps the shortest exact form of the float; format 'f' avoids exponent notation
    (1E+11 is not a valid xsd:decimal). The point matters: rdflib's Turtle writer appends ".0"
    to a point-less decimal, so "100" would come back from a round trip as a different term.
    """
    lexical = format(Decimal(repr(float(value))), "f")
    if "." in lexical:
        lexical = lexical.rstrip("0")
    else:
        lexical += "."
    if lexical.endswith("."):
        lexical += "0"
    return Literal(lexical, datatype=XSD.decimal)


def _ar(text: str) -> Literal:
    return Literal(text, lang="ar")


def _name(text: str) -> Literal:
    """A name as a label: @ar when written in Arabic letters; a Latin name (LoopPay) is no Arabic
    text, so it gets no language tag."""
    return _ar(text) if _ARABIC.search(text) else Literal(text)


def _add_document(graph: Graph, result: DocumentResult) -> URIRef:
    doc = result.document
    node = document_iri(doc.id)
    graph.add((node, RDF.type, IND.Document))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, IND.path, Literal(doc.id)))
    if doc.title:
        graph.add((node, DCTERMS.title, _ar(doc.title)))
    if doc.url:
        graph.add((node, IND.url, Literal(doc.url)))
    if doc.date:
        graph.add((node, DCTERMS.date, Literal(doc.date)))
    if doc.source:
        graph.add((node, DCTERMS.source, Literal(doc.source)))
    return node


def _add_entity(graph: Graph, entity: Entity, doc: URIRef) -> URIRef:
    node = entity_iri(entity.key)
    graph.add((node, RDF.type, IND[entity.type]))
    if entity.label:
        graph.add((node, RDFS.label, _name(entity.label)))
    if entity.label_en:
        graph.add((node, RDFS.label, Literal(entity.label_en, lang="en")))
    names = {m.text for m in entity.mentions if m.is_name and m.text and m.text != entity.label}
    for text in sorted(names):
        graph.add((node, SKOS.altLabel, _name(text)))
    if entity.wikidata:
        graph.add((node, OWL.sameAs, WD[entity.wikidata]))
    graph.add((node, IND.mentionedIn, doc))
    return node


def _add_fact(graph: Graph, fact: Fact, doc: URIRef) -> tuple[URIRef, tuple[Node, Node, Node] | None]:
    s, p, o = entity_iri(fact.subject.key), IND[fact.predicate], entity_iri(fact.object.key)
    plain = None
    if fact.is_claim:
        plain = (s, p, o)
        graph.add(plain)
    node = assertion_iri(fact)
    sentence = fact.sentence
    triples: list[tuple[URIRef, URIRef, Node]] = [
        (node, RDF.type, RDF.Statement),
        (node, RDF.type, PROV.Entity),
        (node, RDF.subject, s),
        (node, RDF.predicate, p),
        (node, RDF.object, o),
        (node, PROV.wasDerivedFrom, doc),
        (node, IND.sentence, _ar(sentence.text)),
        (node, IND.sentenceStart, Literal(sentence.start)),
        (node, IND.sentenceEnd, Literal(sentence.end)),
        (node, IND.evidenceStart, Literal(fact.span[0])),
        (node, IND.evidenceEnd, Literal(fact.span[1])),
        (node, IND.trigger, Literal(fact.trigger)),
        (node, IND.triggerStart, Literal(fact.trigger_span[0])),
        (node, IND.triggerEnd, Literal(fact.trigger_span[1])),
        (node, IND.status, Literal(fact.status)),
        (node, IND.confidence, _decimal(fact.confidence)),
    ]
    if fact.rule:
        triples.append((node, IND.rule, Literal(fact.rule)))
    if fact.attribution:
        triples.append((node, IND.attribution, _ar(fact.attribution)))
    if fact.amount is not None:
        amount = fact.amount
        if amount.value is not None:
            triples.append((node, IND.amount, _decimal(amount.value)))
        if amount.currency:
            triples.append((node, IND.currency, Literal(amount.currency)))
        if amount.text:
            triples.append((node, IND.amountText, _ar(amount.text)))
    if fact.date:
        triples.append((node, IND.date, _ar(fact.date)))
    if fact.stake:
        triples.append((node, IND.stake, Literal(fact.stake)))
    for triple in triples:
        graph.add(triple)
    return node, plain


def add_results(graph: Graph, results: Iterable[DocumentResult]) -> AddStats:
    """Write each document, its entities and its facts into graph (idempotent)."""
    documents: set[URIRef] = set()
    entities: set[URIRef] = set()
    assertions: set[URIRef] = set()
    claims: set[tuple[Node, Node, Node]] = set()
    facts = 0
    for result in results:
        doc = _add_document(graph, result)
        documents.add(doc)
        # facts may name entities the result's entity list left out; the listed one wins
        by_key: dict[str, Entity] = {}
        for fact in result.facts:
            by_key.setdefault(fact.subject.key, fact.subject)
            by_key.setdefault(fact.object.key, fact.object)
        by_key.update((e.key, e) for e in result.entities)
        for entity in by_key.values():
            entities.add(_add_entity(graph, entity, doc))
        for fact in result.facts:
            facts += 1
            node, plain = _add_fact(graph, fact, doc)
            assertions.add(node)
            if plain is not None:
                claims.add(plain)
    return AddStats(
        documents=len(documents),
        entities=len(entities),
        facts=facts,
        assertions=len(assertions),
        claims=len(claims),
    )


def _supported(graph: Graph, s: Node, p: Node, o: Node) -> bool:
    """True when some assertion node still in graph claims (s, p, o)."""
    for node in graph.subjects(RDF.subject, s):
        if (node, RDF.predicate, p) in graph and (node, RDF.object, o) in graph:
            status = graph.value(node, IND.status)
            if status is not None and str(status) in ASSERTED_STATUSES:
                return True
    return False


def remove_document(graph: Graph, doc_id: str) -> None:
    """Remove one document's data; other documents' data is never touched.

    Removes the document node, its assertion nodes, the plain triples no remaining assertion
    supports, its ind:mentionedIn links, and entities left with no mention and no fact.
    Labels an entity picked up from this document stay while the entity is still used.
    """
    doc = document_iri(doc_id)
    plain: set[tuple[Node, Node, Node]] = set()
    candidates: set[Node] = set(graph.subjects(IND.mentionedIn, doc))
    for node in list(graph.subjects(PROV.wasDerivedFrom, doc)):
        if (node, RDF.type, RDF.Statement) not in graph:
            continue
        s, p, o = (
            graph.value(node, RDF.subject),
            graph.value(node, RDF.predicate),
            graph.value(node, RDF.object),
        )
        if s is not None and p is not None and o is not None:
            plain.add((s, p, o))
            candidates.update((s, o))
        graph.remove((node, None, None))
        graph.remove((None, None, node))
    for s, p, o in plain:
        if not _supported(graph, s, p, o):
            graph.remove((s, p, o))
    graph.remove((None, IND.mentionedIn, doc))
    for entity in candidates:
        if (entity, IND.mentionedIn, None) in graph:
            continue
        if (None, RDF.subject, entity) in graph or (None, RDF.object, entity) in graph:
            continue
        graph.remove((entity, None, None))
        graph.remove((None, None, entity))
    graph.remove((doc, None, None))


def replace_document(graph: Graph, result: DocumentResult) -> AddStats:
    """Remove what an earlier run wrote for this document, then add it afresh."""
    remove_document(graph, result.document.id)
    return add_results(graph, [result])
