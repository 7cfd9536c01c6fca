"""The extraction pipeline for one document: the stages, wired in one place and nothing else.

    text → sentences, tokens (kg.text)
         → 1 gazetteer (known names)      → 2 mentions (twice: names found once are names
           everywhere in the document)    → 3 linking (keys, list types, anaphors)
         → 4 arguments, 5 frames (trigger rows; nationality; possession), 6 roles (titles)
         → 7 facts (status, attribution, amount, date, stake) → linking: the document's entities
           (named mentions outside the byline and dateline, places named by their adjective)

Each stage's module says what it reads and what it adds; the working types are in
kg.extract.types; `explain` turns on kg.extract.trace.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kg.extract import trace
from kg.extract.facts import make_facts, note_facts
from kg.extract.frames import note_rule_facts, sentence_facts
from kg.extract.linking import (
    document_entities,
    document_gazetteer,
    document_state,
    link,
    note_mentions,
    register,
    resolve_anaphors,
    sentence_subject,
    spread_list_types,
)
from kg.extract.mentions import MentionFinder, find_mentions
from kg.extract.nationality import demonym_mentions
from kg.extract.recognizers import Recognizer, default_recognizers
from kg.extract.roles import appointed_roles, find_roles, note_affiliations, note_roles, role_facts
from kg.extract.types import Cand, RawFact, SentCtx
from kg.model import Document, DocumentResult
from kg.text.datelines import dateline_spans, inside
from kg.text.sentences import split_sentences
from kg.text.tokens import tokenize


@lru_cache(maxsize=1)
def _ontology() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str, str]]]:
    from kg.ontology import known_entities, properties

    props = properties()
    labels = {e.key: (e.label_ar, e.label_en, e.wikidata) for e in known_entities()}
    return ({p: i.domain for p, i in props.items()}, {p: i.range for p, i in props.items()}, labels)


def extract_document(doc: Document, recognizers: tuple[Recognizer, ...] | None = None,
                     explain: bool = False) -> DocumentResult:
    """Extract entities and facts from one document. `recognizers` add mentions to the rules'
    (default: those enabled by KG_NER); `explain` fills the result's notes with what each stage
    found in each sentence, and why rules gave nothing (kg.extract.trace)."""
    with trace.tracing(explain) as notes:
        result = _extract(doc, recognizers)
    return replace(result, notes=tuple(notes)) if explain else result


def _extract(doc: Document, recognizers: tuple[Recognizer, ...] | None) -> DocumentResult:
    from kg.ontology import is_a

    domain, range_, labels = _ontology()
    explain = trace.active()
    extra = default_recognizers() if recognizers is None else recognizers
    sents = split_sentences(doc.id, doc.text)
    toks = [tokenize(s.text, s.start) for s in sents]
    # mentions twice: a name found once with a cue or a title is a name everywhere in the document
    first = find_mentions(MentionFinder(), sents, toks, extra)
    all_cands = find_mentions(MentionFinder(document_gazetteer(first, toks)), sents, toks, extra)

    heads = dateline_spans(doc.text)  # who wrote it and where: no entity of the article
    all_cands = [[c for c in cands if not inside(heads, c.start, c.end)] for cands in all_cands]

    state = document_state(toks, is_a=is_a, domain=domain, range_=range_)
    raw: list[RawFact] = []
    linked: list[list[Cand]] = []
    passing: list[Cand] = []
    for s, tk, cands in zip(sents, toks, all_cands, strict=True):
        cands = [link(c) for c in spread_list_types(cands, tk)]
        passing += [c for c in demonym_mentions(s.index, tk, cands) if not inside(heads, c.start, c.end)]
        register(state, cands)
        note_affiliations(state, tk, cands)  # «الشركة» may mean the speaker's company
        cands = resolve_anaphors(cands, state)
        ctx = SentCtx(sentence=s, toks=tk, cands=cands)
        hits = find_roles(tk, cands)
        from_roles = role_facts(ctx, state, hits)
        from_frames = sentence_facts(ctx, state)
        from_roles += appointed_roles(ctx, state, hits, from_roles, from_frames)
        if explain:
            note_mentions(s.index, cands)
            note_roles(s.index, tk, hits, from_roles)
            note_rule_facts(from_frames, 0)
        raw += from_roles + from_frames
        subj = sentence_subject(cands, state, from_frames)
        if subj is not None:
            state.subjects.append(subj)
        linked.append(cands)

    facts = make_facts(doc, sents, toks, raw, state)
    if explain:
        note_facts(facts)
    entities, facts = document_entities([c for cands in linked for c in cands], passing, facts, state,
                                        labels)
    return DocumentResult(doc, tuple(sents), entities, tuple(facts))


def document_mentions(doc: Document, recognizers: tuple[Recognizer, ...] | None = None
                      ) -> list[tuple[int, int, str]]:
    """The named mentions of a document as (start, end, type) character spans: the mention and
    linking stages alone, as `kg eval-ner` scores them (anaphors are not names)."""
    extra = default_recognizers() if recognizers is None else recognizers
    sents = split_sentences(doc.id, doc.text)
    toks = [tokenize(s.text, s.start) for s in sents]
    first = find_mentions(MentionFinder(), sents, toks, extra)
    out = []
    finder = MentionFinder(document_gazetteer(first, toks))
    for tk, cands in zip(toks, find_mentions(finder, sents, toks, extra), strict=True):
        for c in (link(c) for c in spread_list_types(cands, tk)):
            if not c.anaphor:
                out.append((c.start, c.end, (c.ref.type if c.ref is not None else c.type) or ""))
    return out
