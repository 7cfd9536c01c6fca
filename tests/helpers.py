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
