"""Stage 7, facts: what a sentence claims about each relation found in it.

Reads the raw facts, their sentences' tokens and the document state; adds `Fact`s with a
status, the attribution, and for investments and acquisitions the amount, date and stake.
Negation right before the trigger → negated; a denial verb earlier in the clause → denied; a
condition or a question → hypothetical; intention or future → planned; a source (أفادت مصادر،
نقلت رويترز) → reported, with the words recorded as attribution (status.tsv holds the words).
Each sentence's status phrases and amounts are found once (`SentenceIndex`), so a long sentence
with many facts costs linear time.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract import trace
from kg.extract.arguments import finite_verb
from kg.extract.linking import mint_key
from kg.extract.types import Cand, DocState, RawFact
from kg.extract.words import readings
from kg.model import Amount, Document, Entity, Fact, Sentence
from kg.text.tokens import Token


@lru_cache(maxsize=1)
def _denial_stop() -> frozenset[str]:
    """What ends a denial's reach: a semicolon, or a word that affirms what follows."""
    return _with_pronouns(lx.words("denial_stop")) | {"؛"}


@lru_cache(maxsize=1)
def _clause_break() -> frozenset[str]:
    return _with_pronouns(lx.words("clause_break"))


def _with_pronouns(words: frozenset[str]) -> frozenset[str]:
    """The words and the words with an attached pronoun: «لكنها أكدت» breaks the clause as «لكن» does."""
    return frozenset(words | {w + s for w in words for s in lx.pronoun_suffixes()})


@lru_cache(maxsize=1)
def _question_words() -> frozenset[str]:
    """Question words (status.tsv `question`) that open a sentence, also after و (وهل)."""
    forms = {p[0] for p in lx.status_words().get("question", ()) if len(p) == 1}
    return frozenset(forms | {"و" + w for w in forms})


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


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, dict[str, tuple[tuple[str, ...], ...]]]:
    """kind → first word → the phrases of that kind starting with it."""
    out: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for kind, phrases in lx.status_words().items():
        for phrase in phrases:
            out.setdefault(kind, {}).setdefault(phrase[0], []).append(phrase)
    return {kind: {w: tuple(ps) for w, ps in firsts.items()} for kind, firsts in out.items()}


class SentenceIndex:
    """Where each kind of status phrase starts in one sentence, found once.

    A sentence gives many facts, and each asks what stands before its trigger; scanning the
    sentence again for every fact made long sentences quadratic.
    """

    def __init__(self, toks: list[Token], text: str) -> None:
        self.toks = toks
        self.question = text.rstrip().endswith(("؟", "?")) or bool(toks and toks[0].norm in _question_words())
        self.starts: dict[str, list[int]] = {}
        firsts = _by_first_word()
        for k, t in enumerate(toks):
            # a conjunction may stand before a status word (وإذا، فلم), a preposition never does:
            # «وبلو» is و + ب + the name «بلو», not «لو»
            words = {t.norm} | {stem for stem, c in readings(t.norm)[1:]
                                if c is not None and not c.is_prep and "art" not in c.kinds}
            for kind, by_word in firsts.items():
                if any(_phrase_at(toks, k, p) for w in words for p in by_word.get(w, ())):
                    self.starts.setdefault(kind, []).append(k)
        self._amounts: list[tuple[int, Amount]] | None = None
        self._date: str | None = None
        self._stake: str | None = None

    def find(self, lo: int, hi: int, kind: str) -> int | None:
        """Index of the last phrase of `kind` starting in [lo, hi)."""
        starts = self.starts.get(kind, [])
        n = bisect_left(starts, min(hi, len(self.toks)))
        if n and starts[n - 1] >= max(0, lo):
            return starts[n - 1]
        return None

    def amount(self, near: int) -> Amount | None:
        if self._amounts is None:
            self._amounts = _amounts(self.toks)
        best: tuple[int, Amount] | None = None
        for k, amt in self._amounts:
            dist = abs(k - near)
            if best is None or dist < best[0]:
                best = (dist, amt)
        return best[1] if best else None

    def date(self) -> str:
        if self._date is None:
            self._date = date(self.toks)
        return self._date

    def stake(self) -> str:
        if self._stake is None:
            self._stake = stake(self.toks)
        return self._stake


def claim(toks: list[Token], trig_i: int, trig_j: int, sentence_text: str, future: bool = False,
          is_role: bool = False, index: SentenceIndex | None = None) -> Claim:
    """The status of the relation whose trigger is toks[trig_i:trig_j]; pass the sentence's
    `index` when asking for many triggers of one sentence."""
    ix = index if index is not None else SentenceIndex(toks, sentence_text)
    attribution = ""
    a = ix.find(0, trig_i, "attribution")
    if a is not None:
        end = min(len(toks), a + 3)
        words = [t.text for t in toks[a:end] if t.is_word]
        attribution = " ".join(words)
    if is_role:
        return Claim("reported" if attribution else "asserted", attribution)
    if ix.question:
        return Claim("hypothetical", attribution)
    # negation immediately before the trigger (قد and كان may stand between)
    k = trig_i - 1
    while k >= 0 and toks[k].norm in lx.words("negation_gap"):
        k -= 1
    if k >= 0 and any(_phrase_at(toks, k, p) for p in lx.status_words().get("negation", ()) if len(p) == 1):
        return Claim("negated", attribution)
    # «لم توقع «أرامكو» أي اتفاقية»: a verbal negation earlier in the same clause
    for m in range(max(0, trig_i - 7), trig_i):
        if toks[m].norm in lx.words("clause_negation") and not any(
                t.text in "،؛,:" or t.norm in _clause_break() for t in toks[m + 1: trig_i]):
            return Claim("negated", attribution)
    # «لا تعتزم X الاستثمار»: «لا» before an imperfect verb negates it («لا يزال» does not)
    for m in range(max(0, trig_i - 6), trig_i):
        if (toks[m].norm in lx.words("verb_negation") and m + 1 < len(toks)
                and toks[m + 1].norm not in lx.words("negation_idiom") and finite_verb(toks[m + 1].norm)
                and _one_clause(toks, m + 1, trig_i)):
            return Claim("negated", attribution)
    f = ix.find(max(0, trig_i - 4), trig_i, "failure")
    if f is not None:
        return Claim("negated", attribution)  # «فشلت في الاستحواذ على …»: it did not happen
    d = ix.find(0, trig_i, "denial")
    if d is not None and trig_i - d <= 14 and not any(t.norm in _denial_stop() for t in toks[d:trig_i]):
        return Claim("denied", attribution)
    c = ix.find(max(0, trig_i - 10), trig_i, "conditional")
    if c is not None and not any(t.text in "،؛" for t in toks[c:trig_i]):
        return Claim("hypothetical", attribution)
    # «… إذا تحسنت ظروف السوق»: a condition after the relation holds it too
    after = ix.find(trig_j, trig_j + 12, "conditional")
    if after is not None and _one_clause(toks, trig_j, after):
        return Claim("hypothetical", attribution)
    # «قد تدخل X في شراكة»: «قد» before an imperfect verb is "may"; «ربما»، «من المرجح»
    if ix.find(max(0, trig_i - 8), trig_i, "speculation") is not None or any(
            toks[m].norm in lx.words("speculation_particle") and m + 1 < len(toks)
            and finite_verb(toks[m + 1].norm) for m in range(max(0, trig_i - 6), trig_i)):
        return Claim("hypothetical", attribution)
    p = ix.find(max(0, trig_i - 5), trig_i, "planned")
    if p is not None or future:
        return Claim("planned", attribution)
    return Claim("reported" if attribution else "asserted", attribution)


def _one_clause(toks: list[Token], a: int, b: int) -> bool:
    """No clause mark among tokens [a, b): a status word there speaks of the same clause."""
    return not any(t.text in "،؛,:" for t in toks[a:b])


_NUM = re.compile(r"^\d+(?:[.,]\d+)?$")


    # an amount beyond this (after its scale word) is a misread number, not money: the largest deals
# are in the hundreds of billions, and a 309-digit number would become infinity
MAX_AMOUNT = 1e15
_MAX_DIGITS = 16


def _amounts(toks: list[Token]) -> list[tuple[int, Amount]]:
    """Every money amount of a sentence (100 مليار دولار), with the index of its number."""
    words = lx.amount_words()
    scales = words.get("scale", {})
    currencies = words.get("currency", {})
    out: list[tuple[int, Amount]] = []
    for k, t in enumerate(toks):
        if len(t.norm) > _MAX_DIGITS or not _NUM.match(t.norm):
            continue
        value: float | None = float(t.norm.replace(",", "."))
        e = k + 1
        if e < len(toks) and (toks[e].norm,) in scales:
            value = (value or 0.0) * float(scales[(toks[e].norm,)])
            e += 1
        cur = None
        for length in (2, 1):
            key = tuple(x.norm for x in toks[e: e + length])
            if len(key) < length:
                continue  # the sentence ends first («… مقابل 26 مليار دولار» with no full stop)
            stripped = tuple(readings(x)[-1][0] if i == 0 else x for i, x in enumerate(key))
            if key in currencies or stripped in currencies:
                cur = currencies.get(key) or currencies.get(stripped)
                e += length
                break
        if cur is None:
            continue
        if value is not None and not (0 <= value <= MAX_AMOUNT and math.isfinite(value)):
            value = None  # keep the words as evidence, claim no number
        text = " ".join(x.text for x in toks[k:e])
        out.append((k, Amount(text, value, cur, toks[k].start, toks[e - 1].end)))
    return out


def amount(toks: list[Token], near: int) -> Amount | None:
    """The money amount in the sentence closest to token `near` (100 مليار دولار)."""
    return SentenceIndex(toks, "").amount(near)




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
        if any(stem in lx.words("stake_word") for stem, _ in readings(t.norm)):
            for m in range(k + 1, min(len(toks), k + 5)):
                if _NUM.match(toks[m].norm):
                    nxt = " ".join(x.norm for x in toks[m + 1: m + 3])
                    if nxt.startswith(("%", *lx.words_in_order("percent_phrase"))):
                        return toks[m].text + "%"
    return ""


def note_facts(facts: list[Fact]) -> None:
    for f in facts:
        extra = [f"{k} {v}" for k, v in (("by", f.attribution), ("date", f.date), ("stake", f.stake)) if v]
        if f.amount is not None:
            extra.append(f"amount {f.amount.text}")
        details = "".join(f", {e}" for e in extra)
        trace.note(f.sentence.index, "facts", f"{_named(f.subject)} {f.predicate} {_named(f.object)}: "
                   f"{f.status} (confidence {f.confidence:.2f}{details})", f.rule)


def _named(e: Entity) -> str:
    return f"{e.label} ({e.key})" if e.label and e.label != e.key else e.key


def make_facts(doc: Document, sents: list[Sentence], toks: list[list[Token]], raw: list[RawFact],
               state: DocState) -> list[Fact]:
    """Facts from the rules' raw relations: each with its status and attribution, and for the
    predicates that carry them its amount, date and stake; one fact per subject, predicate,
    object and sentence, a claimed reading winning over an unclaimed one."""
    seen: dict[tuple[str, str, str, int], Fact] = {}
    indexes: dict[int, SentenceIndex] = {}
    for r in raw:
        s_cand, o_cand = r.subject, r.object
        rule = lx.predicate_rule(r.predicate)
        if rule.market or o_cand.type == "Market":
            o_cand = replace(o_cand, key=mint_key(o_cand.text, "Market"), type="Market")
        for c, slot in ((s_cand, state.domain[r.predicate]), (o_cand, state.range[r.predicate])):
            if state.types.get(c.key) is None and c.type is None:
                state.types[c.key] = "Company" if slot in ("Organization", "Company") else (
                    "Product" if slot == "Product" else slot)
        sent = sents[r.sent]
        tk = toks[r.sent]
        index = indexes.get(r.sent)
        if index is None:
            index = indexes[r.sent] = SentenceIndex(tk, sent.text)
        said = claim(tk, r.trig_i, r.trig_j, sent.text, future=r.future, is_role=r.role, index=index)
        trig_start, trig_end = tk[r.trig_i].start, tk[r.trig_j - 1].end
        start = min(s_cand.start, o_cand.start, trig_start)
        end = max(s_cand.end, o_cand.end, trig_end)
        money = index.amount(r.trig_i) if "amount" in rule.details else None
        when = index.date() if "date" in rule.details else ""
        share = index.stake() if "stake" in rule.details else ""

        def ent(c: Cand) -> Entity:
            t = state.types.get(c.key) or c.type or "Company"
            return Entity(c.key, c.text, "", t)

        fact = Fact(subject=ent(s_cand), predicate=r.predicate, object=ent(o_cand), doc_id=doc.id,
                    sentence=sent, span=(start, end), trigger=doc.text[trig_start:trig_end],
                    trigger_span=(trig_start, trig_end), status=said.status, confidence=r.confidence,
                    rule=r.rule, attribution=said.attribution, amount=money, date=when, stake=share,
                    subject_span=(s_cand.start, s_cand.end), object_span=(o_cand.start, o_cand.end))
        if (fact.status in (*_CLAIMED, "planned") and r.predicate in lx.words("weighable_predicate")
                and index.find(max(0, r.trig_i - 2), r.trig_i, "weighing") is not None):
            # «تدرس X إمكانية الاستحواذ على Y»: X evaluates Y now; the purchase is not a claim
            weighing = replace(fact, predicate="evaluates", rule="evaluates.weighing",
                               status="reported" if said.attribution else "asserted")
            _keep(seen, weighing, r.sent)
            fact = replace(fact, status="hypothetical")
        _keep(seen, fact, r.sent)
    return list(seen.values())


_CLAIMED = ("asserted", "reported")


def _keep(seen: dict[tuple[str, str, str, int], Fact], fact: Fact, sent: int) -> None:
    """One fact per subject, predicate, object and sentence: a claimed reading wins."""
    key = (fact.subject.key, fact.predicate, fact.object.key, sent)
    old = seen.get(key)
    if old is None or (old.status not in _CLAIMED and fact.status in _CLAIMED):
        seen[key] = fact
