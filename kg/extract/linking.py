"""Mentions → entities: stable keys, labels and types.

Known names keep their ontology key. A new name gets a key transliterated from its
normalised Arabic spelling with camel-tools (or from its Latin spelling), so the same
name in another article lands on the same node and a rebuild changes nothing.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

try:
    from camel_tools.utils.charmap import CharMapper
except ImportError:  # camel-tools is installed apart: kg.text.normalize says what is missing, and how
    import kg.text.normalize  # noqa: F401  (raises the ResourceError)

    raise

from kg.extract.types import Cand
from kg.model import Entity, Mention
from kg.text.normalize import normalize, strip_diacritics


@lru_cache(maxsize=1)
def _translit() -> CharMapper:
    return CharMapper.builtin_mapper("ar2safebw")


def mint_key(name: str, type_: str | None = None) -> str:
    """A stable IRI local name for an unlisted entity."""
    norm = normalize(name)
    if re.search(r"[\u0600-\u06FF]", norm):
        norm = _translit()(norm)
    else:
        norm = name  # Latin names keep their capitals: LoopPay, not Looppay
    words = re.findall(r"[A-Za-z0-9]+", norm)
    key = "".join(w[:1].upper() + w[1:] for w in words) or "Entity"
    if key[0].isdigit():
        key = "E" + key
    if type_ == "Market":
        key = "Market_" + key
    return key


def build_entities(cands: list[Cand], types: dict[str, str | None], labels: dict[str, tuple[str, str, str]],
                   keep: set[str]) -> tuple[Entity, ...]:
    """One Entity per key in `keep`; `labels` holds (ar, en, wikidata) for known keys."""
    by_key: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        if c.key and c.key in keep:
            by_key[c.key].append(c)
    out = []
    for key in sorted(by_key):
        ms = sorted(by_key[key], key=lambda c: c.start)
        if key in labels:
            ar, en, wd = labels[key]
            known = True
        else:
            forms = Counter(strip_diacritics(c.text) for c in ms if c.is_named)
            if not forms:
                continue
            ar = max(forms, key=lambda f: (len(f.split()) if ms[0].type == "Person" else forms[f], len(f)))
            en = ar if re.fullmatch(r"[\x00-\x7F]+", ar) else ""
            wd, known = "", False
        mentions = tuple(Mention(c.start, c.end, c.text, key, types.get(key) or c.type or "Company",
                                 c.source) for c in ms)
        out.append(Entity(key, ar, en, types.get(key) or ms[0].type or "Company", known, wd, mentions))
    return tuple(out)
