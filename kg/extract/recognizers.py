"""The extension point for other entity recognisers.

A recogniser takes a sentence's tokens and returns mentions (`Cand`). The rules and
gazetteer of `MentionFinder` always run; extra recognisers (camel-tools' NER, a model of
your own) add the names they find where the rules found none. Enable camel-tools' NER with
KG_NER=camel when its model is installed (`camel_data -i ner-arabert`); it is never
downloaded for you.
"""

from __future__ import annotations

import os
from dataclasses import replace
from functools import lru_cache
from typing import Any, Protocol

from kg.errors import ResourceError, SettingsError
from kg.extract.types import Cand
from kg.text.morphology import NER_MODEL, camel_data_dir, camel_data_present
from kg.text.normalize import normalize
from kg.text.tokens import Token

_NER_TYPES = {"ORG": "Company", "PERS": "Person", "LOC": "Place"}


class Recognizer(Protocol):
    name: str

    def find(self, sent: int, toks: list[Token], text: str, offset: int) -> list[Cand]:
        ...


def merge(base: list[Cand], extra: list[Cand]) -> list[Cand]:
    """`base` plus the mentions of `extra` that overlap none of it; a person the given-name rule
    found ends where a person `extra` reads at the same word ends (`_person_span`)."""
    people = [c for c in extra if c.type == "Person"]
    base = list({(c.i, c.j): c for c in (_person_span(c, people) for c in base)}.values())
    taken = {k for c in base for k in range(c.i, c.j)}
    out = list(base)
    for c in extra:
        if not any(k in taken for k in range(c.i, c.j)):
            out.append(c)
            taken.update(range(c.i, c.j))
    return sorted(out, key=lambda c: c.i)


def _person_span(rule: Cand, people: list[Cand]) -> Cand:
    """A person the given-name rule found, with the span a model reads for the same person: the
    rule's window of words swallows what follows a name («طلعت زكريا يتقمص») and cuts long ones
    short; but a nisba the model leaves out is the name's (إسماعيل الغامدي), and a given name
    alone is no reading of a longer name (جيف ويات)."""
    from kg.extract.words import is_nisba

    if rule.source != "person":
        return rule
    for p in people:
        if p.i != rule.i or p.j == rule.j:
            continue  # where the name starts the rule knows best: its given name (كرونوس داتا رامي)
        if p.j < rule.j and (is_nisba(rule.norm.split()[-1]) or p.j - p.i == 1):
            return rule
        # the words as written, the rule's and then the model's past them; whether «و» is the
        # name's letter the rule knows best too (ورامي: و + رامي)
        written = rule.text + (p.text[rule.end - p.start:] if p.end > rule.end else "")
        text = written[: p.end - rule.start]
        return replace(rule, j=p.j, end=p.end, text=text, norm=normalize(text))
    return rule


class CamelNER:
    """camel-tools' NER (BIO tags over words) as a recogniser."""

    name = "camel-ner"

    def __init__(self, model: Any = None) -> None:
        if model is None:
            if not camel_data_present(NER_MODEL):
                raise ResourceError(f"camel-tools NER model not found under {camel_data_dir()}; "
                                    "install it with 'camel_data -i ner-arabert' or unset KG_NER")
            try:
                from camel_tools.ner import NERecognizer
            except ImportError as exc:  # the default install leaves out torch and transformers
                raise ResourceError(f"camel-tools' NER needs packages that are not installed ({exc.name}); "
                                    "install them with \"pip install 'arabic-kg[camel]'\" or unset "
                                    "KG_NER") from None
            model = NERecognizer(str(camel_data_dir() / "data" / NER_MODEL), use_gpu=False)
        self._model = model

    def find(self, sent: int, toks: list[Token], text: str, offset: int) -> list[Cand]:
        words = [t for t in toks if t.is_word]
        if not words:
            return []
        labels = self._model.predict_sentence([t.text for t in words])
        out: list[Cand] = []
        span: list[Token] = []
        kind = ""
        for tok, label in [*zip(words, labels, strict=True), (None, "O")]:
            if span and (tok is None or not str(label).startswith("I-")):
                start, end = span[0].start, span[-1].end
                surface = text[start - offset: end - offset]
                out.append(Cand(sent=sent, i=span[0].i, j=span[-1].i + 1, start=start, end=end,
                                text=surface, norm=normalize(surface), type=_NER_TYPES.get(kind),
                                source="ner"))
                span = []
            if tok is not None and str(label).startswith("B-"):
                span, kind = [tok], str(label)[2:]
            elif tok is not None and str(label).startswith("I-") and span:
                span.append(tok)
        return [c for c in out if c.type]


@lru_cache(maxsize=4)
def _loaded(choice: str) -> tuple[Recognizer, ...]:
    from kg.extract.crf import MODEL, CRFRecognizer

    if choice == "camel":
        return (CamelNER(),)
    if choice == "crf" or (choice == "auto" and MODEL.is_file()):
        return (CRFRecognizer(),)
    return ()


def default_recognizers() -> tuple[Recognizer, ...]:
    """The recognisers KG_NER names, loaded once: auto (the default: the trained CRF shipped with
    the package, when its file is there), crf, camel (camel-tools' NER, when its model is
    installed), off (the rules alone)."""
    choice = os.environ.get("KG_NER", "auto").strip().lower() or "auto"
    if choice in ("off", "none"):
        return ()
    if choice in ("auto", "crf", "camel"):
        return _loaded(choice)
    raise SettingsError(f"KG_NER={choice!r} is not a choice; use auto, crf, camel or off")
