"""Part of the frames stage: nationality adjectives, «نوكيا الفنلندية» ⇒ Nokia locatedIn Finland.

Reads a sentence context and the document state; adds locatedIn `RawFact`s
(locatedIn.nationality, .list, .group). Countries and their demonyms come from the ontology
(ind:demonym). Only the feminine form counts: a company agrees in the feminine (الشركة
الأمريكية), while «محرك جوجل الألماني» describes a product, not where Google is.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract.mentions import inside_name
from kg.extract.types import Cand, DocState, RawFact, SentCtx
from kg.extract.words import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    field_adjective,
    pronoun_bases,
    readings,
    written_maqsura,
)
from kg.text.normalize import normalize
from kg.text.tokens import Token


@lru_cache(maxsize=1)
def feminine_demonyms() -> dict[str, tuple[str, str]]:
    """Normalised feminine adjective (with and without the article) → (country key, label)."""
    from kg.ontology import known_entities

    out: dict[str, tuple[str, str]] = {}
    for e in known_entities():
        if e.type != "Country":
            continue
        for d in e.demonyms:
            n = normalize(d)
            for form in (n + "ه", "ال" + n + "ه"):
                out.setdefault(form, (e.key, e.label_ar))
    return out


def nationality_facts(ctx: SentCtx, st: DocState) -> list[RawFact]:
    forms = feminine_demonyms()
    out = []
    for c in ctx.cands:
        typ = st.types.get(c.key, c.type)
        if not c.key or typ not in ("Company", None):
            continue  # a news agency («وكالة الأنباء الألمانية») or a body keeps its adjective as a name
        # a name of no type takes the adjective only after a company's cue or head noun
        hit, k = _after(ctx, c, forms) if typ == "Company" else (None, c.j)
        if hit is None and not c.anaphor:
            hit, k = _before(ctx, c, forms)
        if hit is None:
            continue
        if c.anaphor and c.key != st.topic():
            continue  # «الشركة الأمريكية» is sure only when it is the company the article is about
        t = ctx.toks[k]
        country = Cand(sent=c.sent, i=k, j=k + 1, start=t.start, end=t.end, text=t.text, norm=t.norm,
                       type="Country", source="demonym", prep="", key=hit[0])
        st.types.setdefault(hit[0], "Country")
        out.append(RawFact(subject=c, predicate="locatedIn", object=country, trig_i=k, trig_j=k + 1,
                           confidence=0.8, rule="locatedIn.nationality", sent=ctx.sentence.index, role=True))
        if k < c.i:  # «الصينية Xiaomi وHuawei»: the adjective before a list describes every member
            for member in _following_members(ctx, c):
                out.append(RawFact(subject=member, predicate="locatedIn", object=country, trig_i=k,
                                   trig_j=k + 1, confidence=0.75, rule="locatedIn.nationality.list",
                                   sent=ctx.sentence.index, role=True))
    return out


def _following_members(ctx: SentCtx, first: Cand) -> list[Cand]:
    members, last = [], first
    for c in ctx.cands:
        if c.i < last.j or not c.key:
            continue
        between = ctx.toks[last.j: c.i]
        if len(between) > 3 or not all(t.text in ("،", ",", "و") or t.text in QUOTE_OPEN
                                       or t.text in QUOTE_CLOSE or t.norm == "و" for t in between):
            break
        members.append(c)
        last = c
    return members


def _after(ctx: SentCtx, c: Cand, forms: dict[str, tuple[str, str]]) -> tuple[tuple[str, str] | None, int]:
    """«نوكيا الفنلندية»: the adjective right after the name, or after the adjectives of its
    field («نيكي الإعلامية اليابانية»)."""
    k = c.j
    while k < len(ctx.toks) and ctx.toks[k].text in QUOTE_CLOSE:
        k += 1
    start = k
    end = min(len(ctx.toks), start + 2)
    while k < end and ctx.toks[k].norm not in forms and field_adjective(ctx.toks[k].norm):
        k += 1
    if k > start and not (k < len(ctx.toks) and ctx.toks[k].norm in forms):
        k = start
    if k < len(ctx.toks) and ctx.toks[k].norm in forms:
        return forms[ctx.toks[k].norm], k
    return None, k


def _before(ctx: SentCtx, c: Cand, forms: dict[str, tuple[str, str]]) -> tuple[tuple[str, str] | None, int]:
    """«شركة أمن المعلومات الإسرائيلية أدالوم», «الشركة الصينية الصاعدة «Zuk»»: the adjective in
    the description between a cue word and the name."""
    from kg.extract.mentions import match_cue
    from kg.extract.words import is_ordinary

    k = c.i - 1
    while k >= 0 and ctx.toks[k].text in QUOTE_OPEN:
        k -= 1
    found: tuple[tuple[str, str] | None, int] = (None, k)
    for m in range(k, max(-1, k - 5), -1):
        t = ctx.toks[m]
        if match_cue(ctx.toks, m) is not None or (found[0] is not None and _company_head(t.norm)):
            return found  # (a head noun after the adjective, «الصينية العملاقة», is one more adjective)
        if t.norm in forms and found[0] is None:
            found = (forms[t.norm], m)
        elif found[0] is None and not t.norm.startswith("ال"):
            break  # between the adjective and the name stand only adjectives (الصاعدة)
        elif not (t.is_word and is_ordinary(t.norm)):
            break
    return None, k


def _company_head(norm: str) -> bool:
    """«منافستها الألمانية X»، «دار النشر البريطانية X»: a noun that stands for a company before
    its adjectives (company_head), with a pronoun on it or the article."""
    heads = lx.words("company_head")
    if norm in heads or norm.removeprefix("ال") in heads:
        return True
    # «منافستها»: the ة is written ت before the pronoun
    return any(b in heads for b in pronoun_bases(norm, lx.words_in_order("possessive_pronoun")))


@lru_cache(maxsize=1)
def all_demonyms() -> dict[str, tuple[str, str]]:
    """Masculine and feminine adjectives, with and without the article → country."""
    from kg.ontology import known_entities

    out: dict[str, tuple[str, str]] = dict(feminine_demonyms())
    for e in known_entities():
        if e.type == "Country":
            for d in e.demonyms:
                n = normalize(d)
                out.setdefault(n, (e.key, e.label_ar))
                out.setdefault("ال" + n, (e.key, e.label_ar))
    return out


@lru_cache(maxsize=1)
def place_adjectives() -> dict[str, tuple[str, str]]:
    """Every adjective of a known place, masculine or feminine, with or without the article →
    (place key, place type)."""
    from kg.ontology import is_a, known_entities

    out: dict[str, tuple[str, str]] = {}
    for e in known_entities():
        if is_a(e.type, "Place"):
            for d in e.demonyms:
                n = normalize(d)
                for form in (n, n + "ه", "ال" + n, "ال" + n + "ه"):
                    out.setdefault(form, (e.key, e.type))
    return out


def demonym_mentions(sent: int, toks: list[Token], cands: list[Cand]) -> list[Cand]:
    """The places a sentence names by their adjective alone («الشركة الأمريكية», «وبالسعودية»):
    mentions of the place for the document's entities, which no relation rule reads (the
    adjective inside a name, «وكالة الأنباء الألمانية», is that name's)."""
    forms = place_adjectives()
    out = []
    for k, t in enumerate(toks):
        if not t.is_word or inside_name(toks, k):
            continue
        # an adjective inside a name is the name's («وكالة الأنباء الألمانية»), but a state's own
        # body names its state («الحكومة المصرية», «وزارة الخارجية الفرنسية»)
        holder = next((c for c in cands if c.i <= k < c.j), None)
        if holder is not None and holder.type != "GovernmentBody":
            continue
        hit = next((forms[s] for s, _ in readings(t.norm) if s in forms), None)
        if hit is not None and not written_maqsura(t.text):  # «الرجل اليمنى»: the right leg
            out.append(Cand(sent=sent, i=k, j=k + 1, start=t.start, end=t.end, text=t.text, norm=t.norm,
                            type=hit[1], source="demonym", key=hit[0]))
    return out


def note_group_nationality(ctx: SentCtx, st: DocState) -> None:
    """Remember «تحالف شركات سيارات ألمانية»: the members named later share the nationality."""
    forms = all_demonyms()
    groups = lx.words("group_word")
    for i, t in enumerate(ctx.toks):
        if t.norm not in groups and not any(s in groups for s, _ in readings(t.norm)[1:]):
            continue
        for k in range(i + 1, min(len(ctx.toks), i + 5)):
            if ctx.toks[k].text in "،؛.":
                break
            if ctx.toks[k].norm in forms:
                st.group_country = (forms[ctx.toks[k].norm][0], ctx.sentence.index, k, k + 1)
                return


def member_nationality_facts(ctx: SentCtx, st: DocState, found: list[RawFact]) -> list[RawFact]:
    """Members of a consortium whose nationality an earlier sentence gave."""
    if st.group_country is None or not found:
        return []
    key, _sent, _i, _j = st.group_country
    members = {f.subject.key: f.subject for f in found} | {f.object.key: f.object for f in found}
    out = []
    for m in members.values():
        country = Cand(sent=m.sent, i=m.i, j=m.j, start=m.start, end=m.end, text="", norm="",
                       type="Country", source="demonym", prep="", key=key)
        st.types.setdefault(key, "Country")
        out.append(RawFact(subject=m, predicate="locatedIn", object=country, trig_i=found[0].trig_i,
                           trig_j=found[0].trig_j, confidence=0.6, rule="locatedIn.nationality.group",
                           sent=ctx.sentence.index))
    return out

