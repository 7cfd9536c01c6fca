"""Helpers shared by the extraction tests (imported as `helpers`; tests/ is on sys.path)."""

from __future__ import annotations

from kg.model import DocumentResult


def extract_text(text: str, doc_id: str = "t.txt") -> DocumentResult:
    """Run the extractor on one article given as a string, with its trace (see `explain`)."""
    from kg.extract.pipeline import extract_document
    from kg.model import Document

    return extract_document(Document(doc_id, text), explain=True)


def explain(result: DocumentResult) -> str:
    """The extraction trace of a result, for assertion messages: which stage found what, and
    why each rule that was tried gave nothing."""
    from kg.extract.trace import format_notes

    return format_notes(result.document.id, result.sentences, result.notes)


def triples(text: str, claims_only: bool = True) -> set[tuple[str, str, str]]:
    result = extract_text(text)
    return {(f.subject.key, f.predicate, f.object.key) for f in result.facts if f.is_claim or not claims_only}


def labelled_facts(result: DocumentResult) -> set[tuple[str, str, str]]:
    """Every fact of a result as (subject label, predicate, object label), whatever its status."""
    return {(f.subject.label, f.predicate, f.object.label) for f in result.facts}


def mention_texts(result: DocumentResult) -> set[str]:
    """The normalised text of every mention the extractor found (read from its trace)."""
    import re

    from kg.text.normalize import normalize

    found = (re.match(r"«(.+?)» ", n.text) for n in result.notes if n.stage == "mentions")
    return {normalize(m.group(1)) for m in found if m}


def absent(text: str, *names: str, predicate: str | None = None,
           seen: str | None = None) -> set[tuple[str, str, str]]:
    """The claimed triples (of `predicate`, if given) of `text`, for a test that asserts an
    absence. An extractor that finds nothing passes any such test, so first check that it found
    every name in `names` (and, with `seen`, that the trace has a note of that stage, e.g. the
    title or trigger the sentence must not turn into a fact)."""
    from kg.text.normalize import normalize

    result = extract_text(text)
    missing = {n for n in names if normalize(n) not in mention_texts(result)}
    assert not missing, f"names not found: {missing}\n{explain(result)}"
    if seen is not None:
        assert any(n.stage == seen for n in result.notes), f"no {seen} note\n{explain(result)}"
    return {(f.subject.key, f.predicate, f.object.key) for f in result.facts
            if f.is_claim and (predicate is None or f.predicate == predicate)}


def assert_facts(text: str, *facts: tuple[str, str, str]) -> DocumentResult:
    """Extract `text` and assert that it states every one of `facts` (subject label, predicate,
    object label), whatever their status; the trace of the extraction is the failure message."""
    result = extract_text(text)
    missing = set(facts) - labelled_facts(result)
    assert not missing, f"not found: {missing}\n{explain(result)}"
    return result
