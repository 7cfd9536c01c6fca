"""Tokens with offsets into the original text, a normalised form and clitic readings.

camel-tools' word tokeniser splits punctuation the same way but returns no offsets; we
tokenise with an equivalent pattern that keeps them, and normalise with camel-tools.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kg.text.normalize import normalize

# a word: letters/digits with marks, joined by inner dots, hyphens or apostrophes
# (Internet.org, أودي.أيه.جي, 2.8, Wi-Fi); everything else is a one-character token
_TOKEN = re.compile(
    r"[\w\u0610-\u061A\u064B-\u065F\u0670\u0640]+(?:[.\-'’][\w\u0610-\u061A\u064B-\u065F\u0670\u0640]+)*"
    r"|%|[^\s\w]"
)
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0621-\u064A]")


@dataclass(frozen=True)
class Token:
    i: int  # index in the sentence
    text: str
    start: int
    end: int
    norm: str

    @cached_property
    def is_word(self) -> bool:
        return any(ch.isalnum() for ch in self.norm)

    @cached_property
    def is_latin(self) -> bool:
        return bool(_LATIN.search(self.text)) and not _ARABIC.search(self.text)

    @property
    def is_number(self) -> bool:
        return bool(self.norm) and self.norm.replace(".", "").replace(",", "").isdigit()


# «النحل.وأكد»: a full stop with no space before a conjunction ends a sentence, while
# «أودي.أيه.جي» and «Internet.org» are single names
_RUN_ON = re.compile(r"(?<=[\u0621-\u064A]{2})\.(?=[وف][\u0621-\u064A]{2})")
# «لـKayano»: a proclitic (one to three Arabic letters, perhaps a tatweel) glued to a Latin
# name is two tokens, as «لـ«Kayano»» is
_CLITIC_LATIN = re.compile(r"^([\u0621-\u064A]{1,3}\u0640*)(?=[A-Za-z])")
# «د.عبدالله», «م.أنس»: an abbreviated title (doctor, engineer, professor) glued to the name
# with its full stop is three tokens, so the name reads as a name
_ABBREVIATED_TITLE = re.compile(r"^\u0648?[\u062f\u0645\u0623](?=\.[\u0621-\u064A]{2})")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of `text`; offsets are shifted by `offset` (the sentence start)."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        pieces = [(m.start(), word)]
        if word.count(".") == 1 and _RUN_ON.search(word):
            dot = word.index(".")
            pieces = [(m.start(), word[:dot]), (m.start() + dot, "."), (m.start() + dot + 1, word[dot + 1:])]
        elif (title := _ABBREVIATED_TITLE.match(word)) is not None and word.count(".") == 1:
            cut = title.end()
            pieces = [(m.start(), word[:cut]), (m.start() + cut, "."), (m.start() + cut + 1, word[cut + 1:])]
        elif (glued := _CLITIC_LATIN.match(word)) is not None:
            cut = glued.end()
            pieces = [(m.start(), word[:cut]), (m.start() + cut, word[cut:])]
        for start, piece in pieces:
            norm = normalize(piece)
            if not norm and piece != "\u0640":
                continue
            out.append(Token(len(out), piece, offset + start, offset + start + len(piece), norm))
    return out
