"""Part of the frames stage: products named as a company's own, «سامسونج … هاتفها الذكي
«غالاكسي»», «نظام تشغيل مايكروسوفت الحديث ويندوز 10», «ساعة ذكية من أبل» ⇒ company develops product.

Reads a sentence context and the document state; adds develops `RawFact`s
(develops.possession.from|of|idafa|pronoun). A product cue carrying a possessive pronoun
(هاتفها، تطبيقها) belongs to the company the sentence is about; a product cue followed by a
company name (idafa) belongs to that company; a product followed by «من» and a company comes
from it.
"""

from __future__ import annotations

from kg.extract import lexicon as lx
from kg.extract.arguments import find_subject, list_from
from kg.extract.mentions import match_cue
from kg.extract.types import Cand, DocState, RawFact, SentCtx
from kg.extract.words import QUOTE_CLOSE, QUOTE_OPEN, readings


def _is_product(st: DocState, c: Cand) -> bool:
    t = st.types.get(c.key) or c.type
    return bool(t) and st.is_a(str(t), "Product")


def _is_company(st: DocState, c: Cand) -> bool:
    t = st.types.get(c.key) or c.type
    return t == "Company"


def _cue_before(ctx: SentCtx, k: int) -> tuple[int, bool] | None:
    """(start, possessive) of a product cue ending at token k-1, skipping adjectives (الذكي، الجديد)."""
    m = k - 1
    while m >= 0 and (ctx.toks[m].text in QUOTE_OPEN or (ctx.toks[m].norm.startswith("ال") and k - m <= 3)):
        m -= 1
    for start in (m, m - 1):
        if start < 0:
            continue
        cue = match_cue(ctx.toks, start)
        if cue is not None and cue[1] == m + 1 and cue[0].type != "Company" and not cue[0].keep:
            first = ctx.toks[start].norm
            suffixes = lx.words_in_order("product_owner_suffix")
            return start, first.endswith(suffixes) and first not in suffixes
    return None


def possession_facts(ctx: SentCtx, st: DocState) -> list[RawFact]:
    out: list[RawFact] = []
    cands = [c for c in ctx.cands if c.key]
    for n, p in enumerate(cands):
        if not _is_product(st, p) or (p.ref is None and p.norm.startswith("ال")):
            continue  # «سيارتها «السيدان»»: an Arabic definite noun is a kind, not a product name
        # «… من أبل»: the product comes from the company right after «من»
        k = p.j
        while k < len(ctx.toks) and ctx.toks[k].text in QUOTE_CLOSE:
            k += 1
        if k < len(ctx.toks) and ctx.toks[k].norm in lx.words("made_by_preposition"):
            owner = next((c for c in cands if c.i in (k + 1, k + 2) and _is_company(st, c)), None)
            if owner is not None:
                out.append(RawFact(subject=owner, predicate="develops", object=p, trig_i=k, trig_j=k + 1,
                                   confidence=0.65, rule="develops.possession.from",
                                   sent=ctx.sentence.index))
                continue
        # «أجهزة ماك لشركة آبل»: the product of a company, unless something is handed over to it
        # «بيع هواتف آيفون لشركة …»: a product handed over to a company is not its product
        if k < len(ctx.toks) and ctx.toks[k].norm in lx.words("of_company") and not any(
                any(s in lx.words("handover_verb") for s, _ in readings(t.norm))
                for t in ctx.toks[max(0, p.i - 4): p.i]):
            owner = next((c for c in cands if c.i == k + 1 and _is_company(st, c)), None)
            if owner is not None:
                out.append(RawFact(subject=owner, predicate="develops", object=p, trig_i=k, trig_j=k + 1,
                                   confidence=0.65, rule="develops.possession.of", sent=ctx.sentence.index))
                continue
        # «نظام تشغيل مايكروسوفت الحديث ويندوز»: cue, company, product
        prev = cands[n - 1] if n > 0 else None
        if prev is not None and _is_company(st, prev) and not prev.prep and all(
                t.norm.startswith("ال") or t.text in QUOTE_OPEN or t.text in QUOTE_CLOSE
                for t in ctx.toks[prev.j: p.i]) and p.i - prev.j <= 3:
            cue = _cue_before(ctx, prev.i)
            if cue is not None:
                out.append(RawFact(subject=prev, predicate="develops", object=p, trig_i=cue[0],
                                   trig_j=prev.i, confidence=0.7, rule="develops.possession.idafa",
                                   sent=ctx.sentence.index))
                continue
        # «هاتفها الذكي «غالاكسي»»: the owner is the company the sentence is about
        cue = _cue_before(ctx, p.i)
        if cue is not None and cue[1]:
            owner, conf = find_subject(ctx, st, cue[0], p, "Organization")
            if owner is not None and _is_company(st, owner):
                # «أجهزتها «ماك بوك» و«آيفون»»: every product of the list
                for q in list_from(ctx, st, p, "Product"):
                    out.append(RawFact(subject=owner, predicate="develops", object=q, trig_i=cue[0],
                                       trig_j=cue[0] + 1, confidence=round(0.7 * conf, 3),
                                       rule="develops.possession.pronoun", sent=ctx.sentence.index))
    return out
