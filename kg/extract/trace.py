"""What the extractor did and why, sentence by sentence (`kg extract --explain`).

Stages note what they found or why a rule gave nothing into the tracer that `tracing()` makes
current; without one, `active()` is False and stages skip building their notes, so extraction
costs the same as ever. Notes are data (kg.model.Note); `format_notes` renders them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from kg.model import Note, Sentence

_CURRENT: ContextVar[list[Note] | None] = ContextVar("kg_trace", default=None)

# the order stages are printed in, within a sentence
STAGES = ("mentions", "roles", "triggers", "frames", "facts")


def active() -> bool:
    return _CURRENT.get() is not None


def note(sentence: int, stage: str, text: str, rule: str = "") -> None:
    notes = _CURRENT.get()
    if notes is not None:
        notes.append(Note(sentence, stage, " ".join(text.split()), rule))


@contextmanager
def tracing(enabled: bool = True) -> Iterator[list[Note]]:
    """Collect the notes of the block (an empty list when not enabled)."""
    notes: list[Note] = []
    token = _CURRENT.set(notes if enabled else None)
    try:
        yield notes
    finally:
        _CURRENT.reset(token)


def format_notes(doc_id: str, sentences: Iterable[Sentence], notes: Iterable[Note]) -> str:
    """The trace of one document: every sentence, then what each stage found in it."""
    by_sentence: dict[int, list[Note]] = {}
    for n in notes:
        by_sentence.setdefault(n.sentence, []).append(n)
    lines = [f"== {doc_id}"]
    for s in sentences:
        lines.append(f"[{s.index}] {' '.join(s.text.split())}")
        mine = by_sentence.get(s.index, [])
        for stage in STAGES:
            found = [n for n in mine if n.stage == stage]
            if not found:
                lines.append(f"  {stage:<9} none")
            for n in found:
                rule = f" [{n.rule}]" if n.rule else ""
                lines.append(f"  {stage:<9} {n.text}{rule}")
    return "\n".join(lines) + "\n"
