"""Typed views of the Arabic resource files, normalised once and cached.

Everything the extractor knows about Arabic words comes from here; the rules in the other
modules hold no word lists of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kg.errors import ResourceError
from kg.resources import LINE, rule_ids, table, word_list
from kg.text.morphology import Clitic as Clitic  # the clitic table is the stemmer's; read here too
from kg.text.morphology import clitics as clitics
from kg.text.normalize import normalize, strip_diacritics


@dataclass(frozen=True)
class Pattern:
    """A word pattern: exact stem, stem + attached pronoun, or prefix when `wild`."""

    text: str
    wild: bool = False


@dataclass(frozen=True)
class Trigger:
    predicate: str
    forms: tuple[tuple[Pattern, ...], ...]
    preps: tuple[str, ...]  # normalised prepositions; "" means "none needed"
    frame: str
    window: int
    confidence: float
    fires: str
    expect: str
    not_: str
    line: int
    id: str = ""  # stable rule id (triggers.tsv `id`): ind:rule in the RDF, --explain, test ids


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    type: str
    keep: bool
    plural: bool
    id: str = ""


@dataclass(frozen=True)
class Title:
    words: tuple[str, ...]
    predicate: str  # ceoOf / executiveOf / founderOf / "-" (affiliation only)
    id: str = ""


@dataclass(frozen=True)
class PredicateRule:
    """What the rules do for one predicate (predicates.tsv); the defaults fit most predicates."""

    predicate: str
    domain: str = ""  # the class the subject must fit, when narrower than the ontology's domain
    range: str = ""  # the class the object must fit, when wider than the ontology's range
    market: bool = False  # the object is the noun phrase after the trigger, a Market
    details: frozenset[str] = frozenset()  # amount, date, stake
    officer: str = ""  # the predicate a title states when a function follows it


_DETAILS = frozenset({"amount", "date", "stake"})


@lru_cache(maxsize=1)
def predicate_rules() -> dict[str, PredicateRule]:
    from kg.ontology import properties

    known = properties()
    out: dict[str, PredicateRule] = {}
    for r in table("predicates.tsv", ("predicate", "domain", "range", "object", "details", "officer")):
        where = f"predicates.tsv line {r[LINE]}"
        if r["predicate"] not in known:
            raise ResourceError(f"{where}: unknown predicate {r['predicate']!r}; use one of "
                                f"{', '.join(sorted(known))}")
        details = frozenset() if r["details"] == "-" else frozenset(r["details"].split("|"))
        if not details <= _DETAILS or r["object"] not in ("name", "market"):
            raise ResourceError(f"{where}: details are amount|date|stake or -, and object is name or market")
        officer = "" if r["officer"] == "-" else r["officer"]
        if officer and officer not in known:
            raise ResourceError(f"{where}: unknown officer predicate {officer!r}")
        out[r["predicate"]] = PredicateRule(r["predicate"], "" if r["domain"] == "-" else r["domain"],
                                            "" if r["range"] == "-" else r["range"],
                                            r["object"] == "market", details, officer)
    return out


def predicate_rule(predicate: str) -> PredicateRule:
    return predicate_rules().get(predicate) or PredicateRule(predicate)


FRAMES = {"svo", "rel", "owned", "sell", "hire", "join", "alt", "market", "between", "members", "appos",
          "holding"}


def _norm_words(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).split())


@lru_cache(maxsize=1)
def pronoun_suffixes() -> tuple[str, ...]:
    return tuple(sorted((normalize(w) for w in word_list("pronoun_suffixes.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def prepositions() -> dict[str, str]:
    return {normalize(r["form"]): normalize(r["prep"]) for r in table("prepositions.tsv", ("form", "prep"))}


_CLASS_NAME = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")
AS_WRITTEN = "_as_written"  # a word class compared with the letters as written, not normalised


@lru_cache(maxsize=1)
def word_classes() -> dict[str, tuple[str, ...]]:
    """word_classes.tsv: class → its forms in file order, normalised (a class whose name ends in
    `_as_written` only loses its diacritics). A form twice in one class is refused."""
    out: dict[str, dict[str, str]] = {}
    for r in table("word_classes.tsv", ("class", "form", "note")):
        name, no = r["class"], r[LINE]
        if not _CLASS_NAME.fullmatch(name):
            raise ResourceError(f"word_classes.tsv line {no}: class {name!r} is not a snake_case name; "
                                "write it as words joined by _, e.g. clause_negation")
        form = strip_diacritics(r["form"]) if name.endswith(AS_WRITTEN) else normalize(r["form"])
        forms = out.setdefault(name, {})
        if form in forms:
            raise ResourceError(f"word_classes.tsv line {no}: {r['form']!r} is {form!r} once normalised, "
                                f"already in class {name} on line {forms[form]}; keep one row")
        forms[form] = no
    return {name: tuple(forms) for name, forms in out.items()}


@cache
def words_in_order(name: str) -> tuple[str, ...]:
    """The forms of a word class (word_classes.tsv) in file order."""
    classes = word_classes()
    if name not in classes:
        raise ResourceError(f"no word class {name!r} in word_classes.tsv; "
                            f"available: {', '.join(sorted(classes))}")
    return classes[name]


@cache
def words(name: str) -> frozenset[str]:
    """The forms of a word class (word_classes.tsv), e.g. words("clause_negation")."""
    return frozenset(words_in_order(name))


@lru_cache(maxsize=1)
def list_introducers() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({_norm_words(w) for w in word_list("list_introducers.txt")}, key=len, reverse=True))


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_list("common_words.txt"))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    return frozenset(normalize(w).replace(" ", "") for w in word_list("first_names.txt"))


@lru_cache(maxsize=1)
def generic_terms() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_list("generic_terms.txt"))


@lru_cache(maxsize=1)
def letter_names() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_list("letter_names.txt"))


@lru_cache(maxsize=1)
def public_offices() -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({_norm_words(w) for w in word_list("public_offices.txt")}, key=len, reverse=True))


@lru_cache(maxsize=1)
def role_verbs() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_list("role_verbs.txt"))


@lru_cache(maxsize=1)
def officer_functions() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_list("officer_functions.txt"))


@lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    rows = table("cues.tsv", ("id", "cue", "type", "keep", "plural"))
    ids = rule_ids("cues.tsv", rows)
    out = [Cue(_norm_words(r["cue"]), r["type"], r["keep"] == "yes", r["plural"] == "yes", rid)
           for r, rid in zip(rows, ids, strict=True)]
    return tuple(sorted(out, key=lambda c: -len(c.words)))


@lru_cache(maxsize=1)
def titles() -> tuple[Title, ...]:
    rows = table("titles.tsv", ("id", "title", "predicate"))
    ids = rule_ids("titles.tsv", rows)
    out = {_norm_words(r["title"]): Title(_norm_words(r["title"]), r["predicate"], rid)
           for r, rid in zip(rows, ids, strict=True)}
    return tuple(sorted(out.values(), key=lambda t: -len(t.words)))


@lru_cache(maxsize=1)
def status_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, set[tuple[str, ...]]] = {}
    for r in table("status.tsv", ("kind", "form")):
        out.setdefault(r["kind"], set()).add(_norm_words(r["form"]))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=1)
def amount_words() -> dict[str, dict[tuple[str, ...], str]]:
    out: dict[str, dict[tuple[str, ...], str]] = {}
    for r in table("amounts.tsv", ("kind", "form", "value")):
        out.setdefault(r["kind"], {})[_norm_words(r["form"])] = r["value"]
    return out


def _pattern(word: str) -> Pattern:
    if word.endswith("*"):
        return Pattern(word[:-1], True)
    return Pattern(word)


def _strip_article(words: tuple[str, ...]) -> tuple[str, ...]:
    # the matcher strips clitics from text words, so a form is stored without its article
    first = words[0]
    if first.startswith("ال") and len(first) > 4:
        first = first[2:]
    return (first, *words[1:])


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    from kg.ontology import properties  # the predicate list lives in the ontology

    known = properties()
    rows = table("triggers.tsv", ("id", "predicate", "forms", "frame", "window", "confidence"))
    rule_ids("triggers.tsv", rows)
    out = []
    for r in rows:
        line = int(r[LINE])
        if not r["id"].startswith(r["predicate"] + "."):
            raise ResourceError(f"triggers.tsv line {r[LINE]}: id {r['id']!r} must start with its "
                                f"predicate ({r['predicate']}.…)")
        if r["predicate"] not in known:
            raise ResourceError(f"triggers.tsv line {line}: unknown predicate {r['predicate']!r}; "
                                f"use one of {', '.join(sorted(known))}")
        if r["frame"] not in FRAMES:
            raise ResourceError(f"triggers.tsv line {line}: unknown frame {r['frame']!r}; "
                                f"use one of {', '.join(sorted(FRAMES))}")
        forms = []
        for form in r["forms"].split("|"):
            words = _norm_words(form.replace("*", "\u2217"))
            if words:
                words = tuple(w.replace("\u2217", "*") for w in words)
                forms.append(tuple(_pattern(w) for w in _strip_article(words)))
        preps = tuple(normalize(p).strip() for p in r["prep"].split("|")) if r["prep"] else ("",)
        try:
            window, conf = int(r["window"]), float(r["confidence"])
        except ValueError:
            raise ResourceError(f"triggers.tsv line {line}: window must be an integer and "
                                "confidence a number") from None
        out.append(Trigger(r["predicate"], tuple(forms), preps, r["frame"], window, conf,
                           r.get("fires", ""), r.get("expect", ""), r.get("not", ""), line, r["id"]))
    return tuple(out)


def _by_first_word(items: tuple[Any, ...]) -> dict[str, list[tuple[int, Any]]]:
    """Phrases indexed by their first word, keeping their priority order (longest first)."""
    index: dict[str, list[tuple[int, Any]]] = {}
    for order, item in enumerate(items):
        index.setdefault(item.words[0], []).append((order, item))
    return index


@lru_cache(maxsize=1)
def cue_index() -> dict[str, list[tuple[int, Cue]]]:
    return _by_first_word(cues())


@lru_cache(maxsize=1)
def title_index() -> dict[str, list[tuple[int, Title]]]:
    return _by_first_word(titles())


@lru_cache(maxsize=1)
def letter_sounds() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """letter_sounds.tsv: Arabic letter → its sound class, and Latin letter or letter pair → the
    classes it may write (c: s or k)."""
    arabic: dict[str, str] = {}
    latin: dict[str, set[str]] = {}
    for r in table("letter_sounds.tsv", ("sound", "arabic", "latin")):
        for letter in r["arabic"].split():
            arabic[normalize(letter) or letter] = r["sound"]
        for unit in r["latin"].lower().split():
            latin.setdefault(unit, set()).add(r["sound"])
    return arabic, {u: frozenset(s) for u, s in latin.items()}
