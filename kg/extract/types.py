"""The working types of the extractor, shared by every stage (kg.extract.pipeline wires them).

Built with keyword arguments only: a mention has thirteen fields and a raw fact ten, and a
positional call is one slip away from putting a token index where a sentence index belongs.

    Ref       what a gazetteer name points to (a known entity, or a name found in the document)
    Cand      a mention in a sentence: token range, character span, type, how it was found, key
    SentCtx   one sentence as the relation rules see it: tokens and linked mentions
    RawFact   a relation a rule found, before status, attribution and amounts are read
    DocState  what the rules may ask about the rest of the document (types, affiliations,
              the subjects of earlier sentences, the article's main company)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from kg.extract import lexicon as lx
from kg.extract.words import is_common, looks_arabic
from kg.model import Sentence
from kg.text.tokens import Token


@dataclass(frozen=True, kw_only=True)
class Ref:
    """What a gazetteer entry points to."""

    key: str
    type: str
    label_ar: str
    label_en: str
    wikidata: str = ""
    known: bool = True


@dataclass(frozen=True, kw_only=True)
class Cand:
    """A mention found in a sentence (token range [i, j))."""

    sent: int
    i: int
    j: int
    start: int
    end: int
    text: str
    norm: str
    type: str | None
    source: str  # gazetteer, alias, quoted, latin, cue, designation, suffix, person, title, coref, crf …
    prep: str = ""  # preposition governing the mention ('' when none)
    ref: Ref | None = None
    anaphor: str = ""  # the, dual, his (possessive): resolved by the linker
    key: str = ""  # filled by the linker

    @property
    def is_named(self) -> bool:
        return not self.anaphor


@dataclass(kw_only=True)
class SentCtx:
    sentence: Sentence
    toks: list[Token]
    cands: list[Cand]  # linked: key set; anaphors resolved or dropped

    def cand_at(self, i: int) -> Cand | None:
        for c in self.cands:
            if c.i == i:
                return c
        return None

    def inside(self, i: int) -> bool:
        return any(c.i <= i < c.j for c in self.cands)


@dataclass(frozen=True, kw_only=True)
class RawFact:
    subject: Cand
    predicate: str
    object: Cand
    trig_i: int
    trig_j: int
    confidence: float
    rule: str
    sent: int
    future: bool = False  # the trigger carries the future prefix (ستستثمر)
    role: bool = False  # a standing fact (a title, a nationality): asserted or reported, never planned


@dataclass(kw_only=True)
class DocState:
    """What the relation rules may ask about the rest of the document."""

    is_a: Callable[[str, str], bool]
    domain: dict[str, str]
    range: dict[str, str]
    types: dict[str, str | None] = field(default_factory=dict)  # key -> type (None: untyped)
    affiliation: dict[str, str] = field(default_factory=dict)  # person key -> organisation key
    subjects: list[Cand] = field(default_factory=list)  # each earlier sentence's subject, latest last
    company_counts: Counter[str] = field(default_factory=Counter)  # named company mentions so far
    word_counts: Counter[str] = field(default_factory=Counter)  # every reading of every word in the document
    group_country: tuple[str, int, int, int] | None = None  # «تحالف شركات ألمانية»: key, sentence, token span

    def topic(self) -> str | None:
        """The company the document is about: the one named most, at least twice."""
        if not self.company_counts:
            return None
        key, count = self.company_counts.most_common(1)[0]
        return key if count >= 2 or len(self.company_counts) == 1 else None

    def fits(self, c: Cand, required: str) -> bool:
        """Whether the mention can fill a slot of class `required` ("A|B": either class)."""
        if "|" in required:
            return any(self.fits(c, r) for r in required.split("|"))
        t = self.types.get(c.key, c.type)
        if t is None:
            # an untyped quoted name made of ordinary words is a title or a slogan
            # («حق النسيان», «دولة وقادة»), not an organisation or a product
            words = c.norm.split()
            # one indefinite quoted word, though, is how news names a company with a word of the
            # language («وفرة», «بصمة»); a definite one is a concept («التقدمية»)
            # a letter's name, a digit or a Latin word marks a code, not a phrase («زد تي إل»,
            # «كوانتا إكس 5»)
            # a number first is a count, though («14 مبادرة»)
            coded = not words[0][:1].isdigit() and any(
                w in lx.letter_names() or any(ch.isdigit() or ch.isascii() and ch.isalpha() for ch in w)
                for w in words)
            # «سيرينا للاتصالات»: an unknown word and the field it works in is a company's name
            from kg.extract.gazetteer import is_ordinary_exact

            fielded = (len(words) > 1 and words[1].startswith("لل") and not words[0].startswith("ال")
                       and not is_ordinary_exact(words[0]))
            if c.source == "quoted" and all(w.replace(".", "").isdigit() for w in words):
                return False  # «130» وظيفة: a number in quotes is a count
            if c.source == "quoted" and not coded and not fielded and (
                    (len(words) > 1 and (any(w.startswith("ال") or looks_arabic(w) for w in words)
                                         or all(is_common(w) for w in words)))
                    or (len(words) == 1 and (is_common(words[0]) or words[0].startswith("ال")))):
                return False
            return required in ("Organization", "Company", "Product", "Software", "Service")
        return self.is_a(t, required)

    def allows(self, required: str, cls: str) -> bool:
        """Whether a slot of class `required` ("A|B": either) takes a `cls` (is_a over the union)."""
        return any(self.is_a(r, cls) for r in required.split("|"))

    def as_org(self, c: Cand) -> Cand | None:
        """The organisation a mention stands for: itself, or a person's employer."""
        if self.fits(c, "Organization"):
            return c
        org = self.affiliation.get(c.key)
        if org is not None:
            return Cand(sent=c.sent, i=c.i, j=c.j, start=c.start, end=c.end, text=c.text, norm=c.norm,
                        type=self.types.get(org) or "Company", source="affiliation", prep=c.prep, key=org)
        return None
