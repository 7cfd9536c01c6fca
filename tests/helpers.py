"""Helpers shared by the extraction tests (imported as `helpers`; tests/ is on sys.path)."""

from __future__ import annotations

from kg.model import DocumentResult


def extract_text(text: str, doc_id: str = "t.txt") -> DocumentResult:
    """Run the extractor on one article given as a string."""
    from kg.extract.pipeline import extract_document
    from kg.model import Document

    return extract_document(Document(doc_id, text))


def triples(text: str, claims_only: bool = True) -> set[tuple[str, str, str]]:
    result = extract_text(text)
    return {(f.subject.key, f.predicate, f.object.key) for f in result.facts if f.is_claim or not claims_only}
