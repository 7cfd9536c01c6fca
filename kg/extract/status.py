"""What a sentence claims about a relation: status, attribution, amount, date, stake.

Negation right before the trigger (لم، لن، ليس، عدم) → negated; a denial verb earlier in
the clause (نفى، نفت) → denied; a condition (إذا، لو) or a question (هل … ؟) →
hypothetical; intention or future (نيتها، تخطط، سـ) → planned; a source (أفادت مصادر،
نقلت رويترز) → reported, with the words recorded as attribution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import lexicon as lx
from kg.extract.words import readings
from kg.model import Amount
from kg.text.tokens import Token

_CLAUSE_NEGATION = {"لم", "لن", "ليس", "ليست", "ولم", "ولن", "فلم", "فلن"}
_CLAUSE_BREAK = {"لكن", "ولكن", "بل", "بينما", "وانما", "انما", "الا"}
_DENIAL_STOP = {"مؤكدا", "مؤكده", "واكد", "واكدت", "لكن", "ولكن", "بينما", "مشيرا", "مشيره", "؛"}


@dataclass(frozen=True)
class Claim:
    status: str
    attribution: str = ""


def _phrase_at(toks: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    if k + len(phrase) > len(toks):
        return False
    for n, w in enumerate(phrase):
        norm = toks[k + n].norm
        if norm != w and not any(stem == w for stem, _ in readings(norm)[1:]):
            return False
    return True


def _find(toks: list[Token], lo: int, hi: int, kind: str) -> int | None:
    """Index of the last phrase of `kind` starting in [lo, hi)."""
    found = None
    for k in range(max(0, lo), min(hi, len(toks))):
        for phrase in lx.status_words().get(kind, ()):
            if _phrase_at(toks, k, phrase):
                found = k
                break
    return found


def claim(toks: list[Token], trig_i: int, trig_j: int, sentence_text: str, future: bool = False,
          is_role: bool = False) -> Claim:
    attribution = ""
    a = _find(toks, 0, trig_i, "attribution")
    if a is not None:
        end = min(len(toks), a + 3)
        words = [t.text for t in toks[a:end] if t.is_word]
        attribution = " ".join(words)
    if is_role:
        return Claim("reported" if attribution else "asserted", attribution)
    if sentence_text.rstrip().endswith(("؟", "?")) or (toks and toks[0].norm in ("هل", "وهل")):
        return Claim("hypothetical", attribution)
    # negation immediately before the trigger (قد and كان may stand between)
    k = trig_i - 1
    while k >= 0 and toks[k].norm in ("قد", "يكن", "تكن", "بعد"):
        k -= 1
    if k >= 0 and any(_phrase_at(toks, k, p) for p in lx.status_words().get("negation", ()) if len(p) == 1):
        return Claim("negated", attribution)
    # «لم توقع «أرامكو» أي اتفاقية»: a verbal negation earlier in the same clause
    for m in range(max(0, trig_i - 7), trig_i):
        if toks[m].norm in _CLAUSE_NEGATION and not any(
                t.text in "،؛,:" or t.norm in _CLAUSE_BREAK for t in toks[m + 1: trig_i]):
            return Claim("negated", attribution)
    f = _find(toks, max(0, trig_i - 4), trig_i, "failure")
    if f is not None:
        return Claim("negated", attribution)  # «فشلت في الاستحواذ على …»: it did not happen
    d = _find(toks, 0, trig_i, "denial")
    if d is not None and not any(t.norm in _DENIAL_STOP for t in toks[d:trig_i]) and trig_i - d <= 14:
        return Claim("denied", attribution)
    c = _find(toks, max(0, trig_i - 10), trig_i, "conditional")
    if c is not None and not any(t.text in "،؛" for t in toks[c:trig_i]):
        return Claim("hypothetical", attribution)
    p = _find(toks, max(0, trig_i - 5), trig_i, "planned")
    if p is not None or future:
        return Claim("planned", attribution)
    return Claim("reported" if attribution else "asserted", attribution)


_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")


def amount(toks: list[Token], near: int) -> Amount | None:
    """The money amount in the sentence closest to token `near` (100 مليار دولار)."""
    words = lx.amount_words()
    scales = words.get("scale", {})
    currencies = words.get("currency", {})
    best: tuple[int, Amount] | None = None
    for k, t in enumerate(toks):
        if not _NUM.match(t.norm):
            continue
        value = float(t.norm.replace(",", "."))
        e = k + 1
        if e < len(toks) and (toks[e].norm,) in scales:
            value *= float(scales[(toks[e].norm,)])
            e += 1
        cur = None
        for length in (2, 1):
            key = tuple(x.norm for x in toks[e: e + length])
            stripped = tuple(readings(x)[-1][0] if i == 0 else x for i, x in enumerate(key))
            if key in currencies or stripped in currencies:
                cur = currencies.get(key) or currencies.get(stripped)
                e += length
                break
        if cur is None:
            continue
        amt = Amount(" ".join(x.text for x in toks[k:e]), value, cur, toks[k].start, toks[e - 1].end)
        dist = abs(k - near)
        if best is None or dist < best[0]:
            best = (dist, amt)
    return best[1] if best else None


def date(toks: list[Token]) -> str:
    months = lx.amount_words().get("month", {})
    for k in range(len(toks)):
        for length in (2, 1):
            key = tuple(x.norm for x in toks[k: k + length])
            stem_key = (readings(key[0])[-1][0], *key[1:]) if key else key
            if key in months or stem_key in months:
                e = k + length
                if e < len(toks) and re.fullmatch(r"(19|20)\d\d", toks[e].norm):
                    e += 1
                return " ".join(x.text for x in toks[k:e])
    for t in toks:
        if re.fullmatch(r"(19|20)\d\d", t.norm):
            return t.text
    return ""


def stake(toks: list[Token]) -> str:
    for k, t in enumerate(toks):
        if any(stem in ("حصه", "نسبه") for stem, _ in readings(t.norm)):
            for m in range(k + 1, min(len(toks), k + 5)):
                if _NUM.match(toks[m].norm):
                    nxt = " ".join(x.norm for x in toks[m + 1: m + 3])
                    if nxt.startswith("%") or nxt.startswith("في المئه") or nxt.startswith("في المائه"):
                        return toks[m].text + "%"
    return ""
