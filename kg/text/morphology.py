"""Word analysis behind one interface: camel-tools' morphology when its data is installed,
a built-in light stemmer (the clitic table in resources/ar/clitics.tsv) otherwise.

camel-tools downloads its data on first use (`MorphologyDB.builtin_db()` and even importing
`camel_tools.data` try the network when the catalogue is missing), so we look for the files
ourselves and import its morphology only when they are there. Choose with KG_MORPHOLOGY=
auto (default) | light | camel.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from kg.errors import ResourceError, SettingsError
from kg.resources import table
from kg.text.normalize import normalize

MORPHOLOGY_DB = Path("morphology_db", "calima-msa-r13", "morphology.db")
NER_MODEL = Path("ner", "arabert")


@dataclass(frozen=True)
class Reading:
    """One way to read a word: its stem and the proclitics read off it."""

    stem: str
    proclitics: tuple[str, ...] = ()  # kinds: conj, prep, art, fut
    proper_noun: bool = False


class Analyzer(Protocol):
    name: str

    def readings(self, norm: str) -> tuple[Reading, ...]:
        """Readings of a normalised word, the word itself first."""
        ...


def camel_data_dir() -> Path:
    env = os.environ.get("CAMELTOOLS_DATA")
    return Path(env).expanduser() if env else Path.home() / ".camel_tools"


def camel_data_present(component: Path = MORPHOLOGY_DB) -> bool:
    """True when camel-tools' catalogue and the component's files are installed (no network)."""
    root = camel_data_dir()
    try:
        return (root / "catalogue.json").is_file() and (root / "data" / component).exists()
    except OSError as exc:  # an unreadable folder raises instead of answering False
        raise ResourceError(f"cannot read camel-tools' data folder {root} ({exc.strerror}); fix its "
                            "permissions, point CAMELTOOLS_DATA elsewhere, or set KG_MORPHOLOGY=light "
                            "and leave KG_NER unset") from None


@dataclass(frozen=True)
class Clitic:
    form: str
    kinds: frozenset[str]  # conj, prep, art, fut

    @property
    def is_prep(self) -> bool:
        return "prep" in self.kinds


@lru_cache(maxsize=1)
def clitics() -> tuple[Clitic, ...]:
    rows = table("clitics.tsv", ("form", "kind"))
    out = [Clitic(normalize(r["form"]), frozenset(r["kind"].split("+"))) for r in rows]
    return tuple(sorted(out, key=lambda c: -len(c.form)))


class LightStemmer:
    """Strips the proclitics listed in clitics.tsv; every split is a possible reading."""

    name = "light"

    def readings(self, norm: str) -> tuple[Reading, ...]:
        out = [Reading(norm)]
        for c in clitics():
            if norm.startswith(c.form) and len(norm) - len(c.form) >= 2:
                out.append(Reading(norm[len(c.form):], tuple(sorted(c.kinds))))
        return tuple(out)


_CAMEL_KINDS = {"conj": "conj", "prep": "prep", "det": "art", "fut": "fut", "part": "prep"}


class CamelMorphology:
    """camel-tools' analyser: only the clitic splits it knows are kept, and proper nouns are marked."""

    name = "camel"

    def __init__(self, analyzer: Any = None) -> None:
        if analyzer is None:
            if not camel_data_present():
                raise ResourceError(f"camel-tools morphology data not found under {camel_data_dir()}; "
                                    "install it with 'camel_data -i morphology-db-msa-r13' or set "
                                    "KG_MORPHOLOGY=light")
            from camel_tools.morphology.analyzer import Analyzer as CamelAnalyzer
            from camel_tools.morphology.database import MorphologyDB

            path = camel_data_dir() / "data" / MORPHOLOGY_DB
            try:
                db = MorphologyDB(str(path), "a")
            except Exception as exc:  # unreadable or damaged: camel-tools raises many kinds
                raise ResourceError(f"camel-tools' morphology database {path} cannot be read "
                                    f"({type(exc).__name__}: {' '.join(str(exc).split())[:120]}); "
                                    "reinstall it with 'camel_data -i morphology-db-msa-r13' or set "
                                    "KG_MORPHOLOGY=light") from None
            analyzer = CamelAnalyzer(db, backoff="NOAN_PROP")
        self._analyzer = analyzer
        self._light = LightStemmer()

    def readings(self, norm: str) -> tuple[Reading, ...]:
        analyses = self._analyzer.analyze(norm) if norm else []
        if not analyses:
            return self._light.readings(norm)
        found: dict[tuple[str, tuple[str, ...]], bool] = {}
        for a in analyses:
            kinds, prefix = [], ""
            for feat in ("prc3", "prc2", "prc1", "prc0"):
                value = str(a.get(feat, "0"))
                if value in ("0", "na", ""):
                    continue
                form, _, kind = value.partition("_")
                kinds.append(_CAMEL_KINDS.get(kind, kind))
                prefix += _clitic_letters(form)
            stem = norm[len(prefix):] if prefix and norm.startswith(prefix) else norm
            key = (stem, tuple(sorted(set(kinds))) if stem != norm else ())
            found[key] = found.get(key, False) or a.get("pos") == "noun_prop"
        out = [Reading(norm, (), found.pop((norm, ()), False))]
        out += [Reading(stem, kinds, prop) for (stem, kinds), prop in found.items() if len(stem) >= 2]
        return tuple(out)


def _clitic_letters(form: str) -> str:
    """Buckwalter-ish clitic names (wa, bi, li, Al, sa) → normalised Arabic letters."""
    table = {"wa": "و", "fa": "ف", "bi": "ب", "li": "ل", "la": "ل", "ka": "ك", "Al": "ال", "sa": "س",
             "lil": "لل"}
    return table.get(form, "")


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    choice = os.environ.get("KG_MORPHOLOGY", "auto").strip().lower()
    if choice not in ("auto", "light", "camel"):
        raise SettingsError(f"KG_MORPHOLOGY={choice!r} is not a choice; use auto, light or camel")
    if choice == "camel" or (choice == "auto" and camel_data_present()):
        return CamelMorphology()
    return LightStemmer()
