"""Bylines and datelines: the line heads that say who wrote an article and where, not what it is
about («سبق- الرياض:», «أحمد علي- سبق- القاهرة:», «عين اليوم – لندن»).

Arabic news writes them as short segments (one to three words) joined by dashes, ending in a
colon, or making up a whole line of at most four words (a longer dashed line is a headline:
«أبل - آيفون جديد بشاشة أكبر»), among the first lines of the article. Found by that form alone.
A name inside one is not an entity of the article (so the annotated gold reads them), and the
pipeline drops the mentions these spans cover. A wire agency's line («الرياض 25 شوال 1436 هـ …
واس») is not one: the gold keeps its place.
"""

from __future__ import annotations

import re

_WORD = r"[^\s:؛،,.\-–—()«»\"]+"
_SEGMENT = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
_DASH = r"[ \t]*[-–—][ \t]*"
# «سبق- الرياض:», «أيمن حسن- سبق:», «عين اليوم – بيروت» (alone on its line)
_DASHED = re.compile(rf"^[ \t]*{_SEGMENT}(?:{_DASH}{_SEGMENT}){{1,2}}[ \t]*(?::|$)", re.MULTILINE)
_WORDS = re.compile(_WORD)
_LINE_WORDS = 4
# a dateline heads the article: its first lines, never a paragraph deep in the text
_HEAD_LINES = 3


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the bylines and datelines among the first lines of `text`."""
    head_end = 0
    for _ in range(_HEAD_LINES):
        nl = text.find("\n", head_end)
        if nl < 0:
            head_end = len(text)
            break
        head_end = nl + 1
    out = []
    for m in _DASHED.finditer(text, 0, head_end):
        if m.group().rstrip().endswith(":") or len(_WORDS.findall(m.group())) <= _LINE_WORDS:
            out.append((m.start(), m.end()))
    return out


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
