"""Sentence splitting that respects Arabic punctuation.

Sentences end at . ! ? ؟ and line breaks. A full stop inside a token (2.8, Internet.org,
أودي.أيه.جي) does not end a sentence. ؛ and ، are clause marks, not sentence ends: the
relation rules see them as tokens.
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
        end = m.end() if m.group().strip() else m.start()
        _add(out, doc_id, text, start, end)
        start = m.end()
    _add(out, doc_id, text, start, len(text))
    return out


def _add(out: list[Sentence], doc_id: str, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(doc_id, len(out), start, end, text[start:end]))
