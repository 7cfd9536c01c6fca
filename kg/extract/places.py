"""Nationality adjectives on organisations: «نوكيا الفنلندية» ⇒ Nokia locatedIn Finland.

Countries and their demonyms come from the ontology (ind:demonym). Only the feminine form
counts: a company agrees in the feminine (الشركة الأمريكية), while «محرك جوجل الألماني»
describes a product, not where Google is.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.mentions import Cand
from kg.extract.relations import DocState, RawFact, SentCtx
from kg.extract.words import QUOTE_CLOSE
from kg.text.normalize import normalize


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
        if not c.key or st.types.get(c.key, c.type) not in ("Company", "Organization"):
            continue
        if c.anaphor and any(x.key and x.key != c.key and x.i < c.i and not x.anaphor
                             and st.types.get(x.key, x.type) == "Company" for x in ctx.cands):
            continue  # «… من شركة نوكيا، تعود الشركة الفنلندية»: which company is unclear
        k = c.j
        while k < len(ctx.toks) and ctx.toks[k].text in QUOTE_CLOSE:
            k += 1
        if k >= len(ctx.toks):
            continue
        hit = forms.get(ctx.toks[k].norm)
        if hit is None:
            continue
        t = ctx.toks[k]
        country = Cand(c.sent, k, k + 1, t.start, t.end, t.text, t.norm, "Country", "demonym", "",
                       key=hit[0])
        st.types.setdefault(hit[0], "Country")
        out.append(RawFact(c, "locatedIn", country, k, k + 1, 0.8, "nationality", ctx.sentence.index))
    return out
