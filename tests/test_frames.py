"""The frames stage alone (kg.extract.frames): a hand-built sentence context for one frame, so a
failure here is the frame's, never the mention finder's or the linker's."""

from __future__ import annotations

import pytest

from kg.extract import lexicon as lx
from kg.extract import trace
from kg.extract.frames import apply_trigger
from kg.extract.types import Cand, DocState, SentCtx
from kg.model import Sentence
from kg.ontology import is_a, properties
from kg.text.tokens import Token, tokenize


def _state() -> DocState:
    props = properties()
    return DocState(is_a=is_a, domain={p: i.domain for p, i in props.items()},
                    range={p: i.range for p, i in props.items()})


def _ctx(text: str, names: dict[str, tuple[str, str]]) -> SentCtx:
    """The sentence `text` with a mention for each name in it (→ key, type), found by hand; a
    name may carry an attached preposition (لبيلسو) or و, as the mention finder reads them."""
    toks = tokenize(text, 0)
    cands = []
    for name, (key, typ) in names.items():
        words = [w.text for w in tokenize(name, 0)]
        for i in range(len(toks) - len(words) + 1):
            first, rest = toks[i].text, [t.text for t in toks[i + 1:i + len(words)]]
            clitic = first[: len(first) - len(words[0])]
            if rest == words[1:] and first.endswith(words[0]) and clitic in ("", "و", "ل", "ب"):
                j = i + len(words)
                cands.append(Cand(sent=0, i=i, j=j, start=toks[i].start + len(clitic), end=toks[j - 1].end,
                                  text=name, norm=" ".join(t.norm for t in toks[i:j]), type=typ,
                                  source="hand", prep=clitic if clitic in ("ل", "ب") else "", key=key))
    cands.sort(key=lambda c: c.i)
    return SentCtx(sentence=Sentence("t", 0, 0, len(text), text), toks=toks, cands=cands)


def _rule(rule_id: str) -> lx.Trigger:
    return next(t for t in lx.triggers() if t.id == rule_id)


def _found(ctx: SentCtx, rule_id: str) -> list[tuple[str, str, str, str]]:
    facts = apply_trigger(ctx, _state(), _rule(rule_id))
    return [(f.subject.key, f.predicate, f.object.key, f.rule) for f in facts]


COMPANIES = {"فالترا": ("Faltra", "Company"), "نوركس": ("Norks", "Company"), "بيلسو": ("Belso", "Company")}


@pytest.mark.parametrize("text, rule, fact", [
    # svo, verb first, with the object after its preposition
    ("استحوذت فالترا على نوركس أمس .", "acquires.acquire", ("Faltra", "acquires", "Norks")),
    # svo, subject first
    ("فالترا استحوذت على نوركس .", "acquires.acquire", ("Faltra", "acquires", "Norks")),
    # sell: the buyer after ل is the acquirer
    ("باعت فالترا شركة نوركس لبيلسو .", "acquires.sell", ("Belso", "acquires", "Norks")),
    # between: every pair of the members
    ("أعلن عن شراكة بين فالترا ونوركس .", "partnersWith.between", ("Faltra", "partnersWith", "Norks")),
    # rel: «X التي استحوذت عليها Y» → Y acquires X
    ("نتائج نوركس التي استحوذت عليها فالترا .", "acquires.relative", ("Faltra", "acquires", "Norks")),
])
def test_a_frame_finds_its_arguments(text: str, rule: str, fact: tuple[str, str, str]) -> None:
    assert (*fact, rule) in _found(_ctx(text, COMPANIES), rule)


def test_a_frame_that_finds_no_object_says_so() -> None:
    ctx = _ctx("استحوذت فالترا على الحصة .", COMPANIES)
    with trace.tracing() as notes:
        assert _found(ctx, "acquires.acquire") == []
    assert [(n.stage, n.rule) for n in notes] == [("triggers", "acquires.acquire"),
                                                 ("frames", "acquires.acquire")]
    assert notes[1].text.startswith("«استحوذت»: no fact: ")


def test_types_decide_the_slots() -> None:
    # a person cannot acquire a company: the frame leaves the sentence alone
    names = {"سامر": ("Samer", "Person"), "نوركس": ("Norks", "Company")}
    assert _found(_ctx("استحوذ سامر على نوركس .", names), "acquires.acquire") == []


def test_tokens_are_the_sentences_own() -> None:
    ctx = _ctx("استحوذت فالترا على نوركس .", COMPANIES)
    assert all(isinstance(t, Token) for t in ctx.toks) and [c.key for c in ctx.cands] == ["Faltra", "Norks"]
