"""Stage 1, the gazetteer: names known before any article is read.

Reads the ontology's known entities (ontology/entities.ttl: labels, Arabic variants, types) and
indexes them by their squashed normalised spelling, so the mention finder can look a name up at
any token; `place_words` lists the single-word places and nationality adjectives that end a
name. Adds nothing to a document: the mention stage asks, and the linking stage grows a
document's own gazetteer (names found with a cue or a title) with the same class.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract.types import Ref
from kg.extract.words import is_common, readings
from kg.text.normalize import normalize
from kg.text.tokens import Token

_SQUASH = re.compile(r"[\s.\-_'’]")


def squash(text: str) -> str:
    return _SQUASH.sub("", text)


class Gazetteer:
    """Names indexed by their squashed normalised spelling; longest match wins."""

    def __init__(self) -> None:
        self.index: dict[str, Ref] = {}
        self.maxlen = 1
        self.heads: set[str] = set()  # the first two and three letters of every key: a quick test

    def add(self, label: str, ref: Ref) -> None:
        words = normalize(label).split()
        if not words:
            return
        variants = [words]
        if words[0].startswith("ال") and len(words[0]) > 4:
            variants.append([words[0][2:], *words[1:]])
        for w in variants:
            key = squash("".join(w))
            if len(key) < 2 or (len(w) == 1 and is_common(w[0]) and not _is_latin(key)):
                continue
            self.index.setdefault(key, ref)
            self.heads.update((key[:2], key[:3]))
            self.maxlen = max(self.maxlen, len(w))

    def match(self, toks: list[Token], i: int, end: int | None = None) -> tuple[int, Ref, str] | None:
        """(end token, ref, clitic form) of the longest name starting at token i."""
        end = len(toks) if end is None else end
        if i >= end or not any(squash(stem)[:3] in self.heads for stem, _ in readings(toks[i].norm)):
            return None
        for length in range(min(self.maxlen + 2, end - i), 0, -1):
            span = toks[i: i + length]
            if not all(t.is_word for t in span):
                continue
            rest = "".join(t.norm for t in span[1:])
            for stem, clitic in readings(span[0].norm):
                # «بديل» is a word, not ب + Dell: a short name read off a listed word is no match
                if clitic is not None and length == 1 and len(stem) <= 3 and is_ordinary_exact(span[0].norm):
                    continue
                ref = self.index.get(squash(stem + rest))
                if ref is not None:
                    return i + length, ref, clitic.form if clitic else ""
        return None


def is_ordinary_exact(norm: str) -> bool:
    from kg.extract.words import _vocabulary

    return norm in _vocabulary() or norm in lx.common_words()


def _is_latin(s: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9&]+", s))


@lru_cache(maxsize=1)
def known_gazetteer() -> Gazetteer:
    from kg.ontology import known_entities

    gaz = Gazetteer()
    for e in known_entities():
        ref = Ref(key=e.key, type=e.type, label_ar=e.label_ar, label_en=e.label_en, wikidata=e.wikidata,
                  known=True)
        for label in (e.label_ar, *e.alt_labels, e.label_en):
            if label:
                gaz.add(label, ref)
    return gaz


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Normalised single-word place names and nationality adjectives (they end a name)."""
    from kg.ontology import is_a, known_entities

    out: set[str] = set()
    for e in known_entities():
        if is_a(e.type, "Place"):
            for label in (e.label_ar, *e.alt_labels):
                w = normalize(label).split()
                if w:
                    out.add(w[0])
            for d in e.demonyms:
                n = normalize(d)
                out.update({n, n + "ه", "ال" + n, "ال" + n + "ه"})
    return frozenset(out)


def _is(type_: str, ancestor: str) -> bool:
    from kg.ontology import is_a

    return bool(type_) and is_a(type_, ancestor)


def is_a_place(type_: str) -> bool:
    return _is(type_, "Place")


def is_a_person(type_: str) -> bool:
    return type_ == "Person"


def is_a_product(type_: str) -> bool:
    return _is(type_, "Product")
