"""The JSON Lines view of extraction results (the format ../shared/eval/score.py reads)."""

from __future__ import annotations

from typing import Any

from kg.iris import resource_iri
from kg.model import DocumentResult, Entity, Fact


def _entity(e: Entity, mention: str = "") -> dict[str, Any]:
    return {"iri": resource_iri(e.key), "key": e.key, "label": e.label, "label_en": e.label_en,
            "mention": mention or e.label, "type": e.type}


def fact_record(f: Fact, doc: str, text: str) -> dict[str, Any]:
    s_mention = text[f.subject_span[0]: f.subject_span[1]] if f.subject_span else f.subject.label
    o_mention = text[f.object_span[0]: f.object_span[1]] if f.object_span else f.object.label
    rec: dict[str, Any] = {
        "kind": "triple", "doc": doc,
        "subject": _entity(f.subject, s_mention), "predicate": f.predicate,
        "object": _entity(f.object, o_mention),
        "sentence": f.sentence.text, "span": list(f.span), "confidence": f.confidence,
        "status": f.status, "trigger": f.trigger, "trigger_span": list(f.trigger_span), "rule": f.rule,
    }
    if f.attribution:
        rec["attribution"] = f.attribution
    if f.amount is not None:
        rec["amount"] = {"text": f.amount.text, "value": f.amount.value, "currency": f.amount.currency}
    if f.date:
        rec["date"] = f.date
    if f.stake:
        rec["stake"] = f.stake
    return rec


def records(result: DocumentResult) -> list[dict[str, Any]]:
    doc = result.document.id
    out: list[dict[str, Any]] = []
    for e in result.entities:
        out.append({"kind": "entity", "doc": doc, "iri": resource_iri(e.key), "key": e.key, "label": e.label,
                    "label_en": e.label_en, "type": e.type, "mentions": sorted({m.text for m in e.mentions})})
    for f in result.facts:
        out.append(fact_record(f, doc, result.document.text))
    return out
