"""Sentence splitting that respects Arabic punctuation.

Sentences end at . ! ? ؟ and line breaks. A full stop inside a token (2.8, Internet.org,
أودي.أيه.جي) does not end a sentence, nor does one after a one-letter abbreviation
(م. محمد, د. خالد). ؛ and ، are clause marks, not sentence ends: the
relation rules see them as tokens.

A run of text with no sentence end longer than MAX_SENTENCE_CHARS (a list pasted as one line,
a page with no punctuation) is cut at its last clause mark or space before that length: the
relation rules look at every pair of names in a sentence, so an unbounded sentence would make
extraction time grow with the square of its length. Real sentences are far shorter (in
SaudiNewsNet 13 of 306,000 are longer than 2,500 characters).
"""

from __future__ import annotations

import re

from kg.model import Sentence

_END = re.compile(r"[.!?؟](?![\w\u0600-\u06FF])|\n+|[.!?؟](?=\s)"
                  r"|(?<=[\u0621-\u064A]{2})\.(?=[وف][\u0621-\u064A]{2}[^.]*?(?:\s|$))")


def split_sentences(doc_id: str, text: str) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    for m in _END.finditer(text):
        if m.group() == "." and _initial(text, m.start()):
            continue  # «م. محمد العزاز», «د. خالد»: an abbreviated title or initial, no sentence end
        end = m.end() if m.group().strip() else m.start()
        _add(out, doc_id, text, start, end)
        start = m.end()
    _add(out, doc_id, text, start, len(text))
    return out


def _initial(text: str, dot: int) -> bool:
    """Whether the full stop at `dot` follows a word of one Arabic letter (an abbreviation)."""
    return dot >= 1 and "\u0621" <= text[dot - 1] <= "\u064a" and (dot == 1 or not text[dot - 2].isalnum())


MAX_SENTENCE_CHARS = 2500
_CLAUSE_MARKS = "،,؛;"


def _add(out: list[Sentence], doc_id: str, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut(text, start, start + MAX_SENTENCE_CHARS)
        _add(out, doc_id, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(doc_id, len(out), start, end, text[start:end]))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end an over-long sentence: after the last clause mark in its second half, else
    at the last space, else at the limit itself."""
    half = start + (limit - start) // 2
    mark = max(text.rfind(c, half, limit) for c in _CLAUSE_MARKS)
    if mark > start:
        return mark + 1
    space = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
    return space if space > start else limit
