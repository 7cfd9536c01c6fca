"""The extraction pipeline for one document, wired in one place.

text → sentences → tokens → mentions (two passes: names found once are names everywhere
in the document) → linking and anaphora → roles and trigger relations → facts with status,
attribution, amount, date and stake.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract import status as st_mod
from kg.extract.frames import apply_trigger
from kg.extract.linking import build_entities, mint_key
from kg.extract.mentions import Cand, Gazetteer, MentionFinder, Ref
from kg.extract.places import member_nationality_facts, nationality_facts, note_group_nationality
from kg.extract.possession import possession_facts
from kg.extract.recognizers import Recognizer, default_recognizers, merge
from kg.extract.relations import DocState, RawFact, SentCtx, role_facts
from kg.extract.roles import find_roles, title_person_spans
from kg.extract.words import QUOTE_CLOSE, QUOTE_OPEN, is_common, readings
from kg.model import Document, DocumentResult, Entity, Fact, Mention, Sentence
from kg.text.normalize import strip_diacritics
from kg.text.sentences import split_sentences
from kg.text.tokens import Token, tokenize


@lru_cache(maxsize=1)
def _ontology() -> tuple[dict[str, str], dict[str, str], dict[str, tuple[str, str, str]]]:
    from kg.ontology import known_entities, properties

    props = properties()
    labels = {e.key: (e.label_ar, e.label_en, e.wikidata) for e in known_entities()}
    return ({p: i.domain for p, i in props.items()}, {p: i.range for p, i in props.items()}, labels)


def _mentions(finder: MentionFinder, sents: list[Sentence], toks: list[list[Token]],
              extra: tuple[Recognizer, ...] = ()) -> list[list[Cand]]:
    out = []
    for s, tk in zip(sents, toks, strict=True):
        cands = finder.find(s.index, tk, s.text, s.start)
        for rec in extra:
            cands = merge(cands, rec.find(s.index, tk, s.text, s.start))
        covered = {k for c in cands for k in range(c.i, c.j)}
        for i, j in title_person_spans(tk, cands):
            if not any(k in covered for k in range(i, j)):
                cands.append(finder.person(s.index, tk, s.text, s.start, i, j))
                covered.update(range(i, j))
        cands.sort(key=lambda c: c.i)
        out.append(cands)
    return out


def _doc_gazetteer(all_cands: list[list[Cand]]) -> Gazetteer:
    """Names found with a cue, a title or a given name, to be recognised everywhere in the document."""
    gaz = Gazetteer()
    for cands in all_cands:
        for c in cands:
            if c.anaphor:
                continue
            if c.type == "Person" and (c.source in ("person", "title") or c.ref is not None):
                ref = c.ref or Ref(mint_key(c.text), "Person", c.text, "", "", False)
                gaz.add(c.text, ref)
                words = c.norm.split()
                if len(words) >= 2:
                    if len(words) >= 3 and words[-2] in ("بن", "ابن"):
                        gaz.add(" ".join(words[-2:]), ref)
                    if len(words[-1]) >= 3 and not is_common(words[-1]):
                        gaz.add(words[-1], ref)
            elif c.ref is None and c.type is not None and c.source in ("cue", "quoted", "latin", "ner",
                                                                         "acronym"):
                gaz.add(c.text, Ref(mint_key(c.text, c.type), c.type, c.text, "", "", False))
    return gaz


def _spread_list_types(cands: list[Cand], toks: list[Token]) -> list[Cand]:
    """Untyped names coordinated with typed ones take their type («Cerebras» و«Groq»)."""
    seps = {"،", ",", "و"} | QUOTE_OPEN | set(QUOTE_CLOSE)
    out = list(cands)
    for _ in range(2):
        for n in range(len(out) - 1):
            a, b = out[n], out[n + 1]
            between = toks[a.j: b.i]
            if len(between) <= 4 and all(t.text in seps or t.norm in seps for t in between):
                if a.type and not b.type and a.type != "Person":
                    out[n + 1] = replace(b, type=a.type)
                elif b.type and not a.type and b.type != "Person":
                    out[n] = replace(a, type=b.type)
    return out


def _link(c: Cand) -> Cand:
    if c.anaphor:
        return c
    if c.ref is not None:
        return replace(c, key=c.ref.key, type=c.ref.type or c.type)
    return replace(c, key=mint_key(c.text, c.type))


def _sentence_subject(cands: list[Cand], state: DocState) -> Cand | None:
    for c in cands:
        if c.key and not c.prep:
            org = state.as_org(c) if c.type in (None, "Person") or state.fits(c, "Organization") else None
            if org is not None and state.types.get(org.key) not in (None, "Person"):
                return org
    return None


def _resolve_anaphors(cands: list[Cand], state: DocState) -> list[Cand]:
    """الشركة / شركته: the sentence's subject (or the company its speaker works for), else a
    company named earlier in the sentence, else the company an earlier sentence was about."""

    def company(c: Cand | None) -> bool:
        return c is not None and state.is_a(state.types.get(c.key) or c.type or "", "Company")

    out = []
    for c in cands:
        if not c.anaphor:
            out.append(c)
            continue
        target = None
        if c.anaphor == "topic" and state.topic() is not None:
            key = state.topic()
            target = Cand(c.sent, c.i, c.j, c.start, c.end, c.text, c.norm, "Company", "topic", key=str(key))
        if c.anaphor in ("the", "his"):
            first = next((x for x in cands if x.j <= c.i and x.key and not x.prep and not x.anaphor), None)
            if first is not None:
                org = state.as_org(first)
                target = org if company(org) else None
            if target is None:
                target = next((x for x in reversed(cands) if x.j <= c.i and x.key and not x.anaphor
                               and company(x)), None)
            if target is None:
                target = next((s for s in reversed(state.subjects[-3:]) if company(s)), None)
            if target is None and state.topic() is not None:
                key = state.topic()
                target = next((x for x in reversed(state.subjects) if x.key == key), None) or Cand(
                    c.sent, c.i, c.j, c.start, c.end, c.text, c.norm, "Company", "topic", key=str(key))
        if target is not None:
            out.append(replace(c, key=target.key, type=state.types.get(target.key) or "Company"))
    return out


def extract_document(doc: Document, recognizers: tuple[Recognizer, ...] | None = None) -> DocumentResult:
    """Extract entities and facts from one document. `recognizers` add mentions to the rules'
    (default: those enabled by KG_NER)."""
    domain, range_, labels = _ontology()
    from kg.ontology import is_a

    extra = default_recognizers() if recognizers is None else recognizers
    sents = split_sentences(doc.id, doc.text)
    toks = [tokenize(s.text, s.start) for s in sents]
    first = _mentions(MentionFinder(), sents, toks, extra)
    all_cands = _mentions(MentionFinder(_doc_gazetteer(first)), sents, toks, extra)

    state = DocState(is_a=is_a, domain=domain, range=range_)
    for tk in toks:
        for t in tk:
            state.word_counts.update({stem for stem, _ in readings(t.norm)})
    raw: list[RawFact] = []
    linked: list[list[Cand]] = []
    for s, tk, cands in zip(sents, toks, all_cands, strict=True):
        cands = [_link(c) for c in _spread_list_types(cands, tk)]
        for c in cands:
            if c.key and c.type and state.types.get(c.key) is None:
                state.types[c.key] = c.type
            if c.key and not c.anaphor and (state.types.get(c.key) or c.type) == "Company":
                state.company_counts[c.key] += 1
        # affiliations of named organisations first: «الشركة» may mean the speaker's company
        for h in find_roles(tk, cands):
            if h.person is not None and h.org is not None and h.org.key and h.predicate:
                state.affiliation.setdefault(h.person.key, h.org.key)
        cands = _resolve_anaphors(cands, state)
        ctx = SentCtx(s, tk, cands)
        raw.extend(role_facts(ctx, state, find_roles(tk, cands)))
        note_group_nationality(ctx, state)
        for trig in lx.triggers():
            found = apply_trigger(ctx, state, trig)
            raw.extend(found)
            if trig.frame == "members":
                raw.extend(member_nationality_facts(ctx, state, found))
        raw.extend(nationality_facts(ctx, state))
        raw.extend(possession_facts(ctx, state))
        subj = _sentence_subject(cands, state)
        if subj is not None:
            state.subjects.append(subj)
        linked.append(cands)

    facts = _facts(doc, sents, toks, raw, state)
    used = {f.subject.key for f in facts} | {f.object.key for f in facts}
    flat = [c for cands in linked for c in cands]
    markets: list[Cand] = []
    # places are kept when a fact uses them: datelines and passing mentions are not what the
    # graph is about
    keep = {c.key for c in flat if c.key and (c.ref is not None or c.type is not None)
            and not is_a(state.types.get(c.key) or c.type or "Company", "Place")} | used
    for f in facts:
        for e in (f.subject, f.object):
            state.types.setdefault(e.key, e.type)
    entities = build_entities(flat + markets, state.types, labels, keep)
    by_key = {e.key: e for e in entities}
    for f in facts:  # a market named only as an object still is an entity of the document
        for e in (f.subject, f.object):
            if e.key not in by_key:
                mention = Mention(*(f.object_span if e is f.object else f.subject_span) or (0, 0),
                                  e.label, e.key, e.type, "fact")
                if e.key in labels:
                    ar, en, wd = labels[e.key]
                    by_key[e.key] = Entity(e.key, ar, en, e.type, True, wd, (mention,))
                else:
                    by_key[e.key] = Entity(e.key, strip_diacritics(e.label), "", e.type, False, "",
                                           (mention,))
    entities = tuple(sorted(by_key.values(), key=lambda e: e.key))
    facts = [replace(f, subject=by_key.get(f.subject.key, f.subject),
                     object=by_key.get(f.object.key, f.object))
             for f in facts]
    return DocumentResult(doc, tuple(sents), entities, tuple(facts))


def _facts(doc: Document, sents: list[Sentence], toks: list[list[Token]], raw: list[RawFact],
           state: DocState) -> list[Fact]:
    seen: dict[tuple[str, str, str, int], Fact] = {}
    indexes: dict[int, st_mod.SentenceIndex] = {}
    for r in raw:
        s_cand, o_cand = r.subject, r.object
        if r.predicate == "dominates" or o_cand.type == "Market":
            o_cand = replace(o_cand, key=mint_key(o_cand.text, "Market"), type="Market")
        for c, slot in ((s_cand, state.domain[r.predicate]), (o_cand, state.range[r.predicate])):
            if state.types.get(c.key) is None and c.type is None:
                state.types[c.key] = "Company" if slot in ("Organization", "Company") else (
                    "Product" if slot == "Product" else slot)
        sent = sents[r.sent]
        tk = toks[r.sent]
        index = indexes.get(r.sent)
        if index is None:
            index = indexes[r.sent] = st_mod.SentenceIndex(tk, sent.text)
        claim = st_mod.claim(tk, r.trig_i, r.trig_j, sent.text, future=r.future,
                             is_role=r.role, index=index)
        trig_start, trig_end = tk[r.trig_i].start, tk[r.trig_j - 1].end
        start = min(s_cand.start, o_cand.start, trig_start)
        end = max(s_cand.end, o_cand.end, trig_end)
        money = date = stake = ""
        amount = None
        if r.predicate in ("investsIn", "acquires"):
            amount = index.amount(r.trig_i)
            date = index.date()
            stake = index.stake()
        del money

        def ent(c: Cand) -> Entity:
            t = state.types.get(c.key) or c.type or "Company"
            return Entity(c.key, c.text, "", t)

        fact = Fact(ent(s_cand), r.predicate, ent(o_cand), doc.id, sent, (start, end),
                    doc.text[trig_start:trig_end], (trig_start, trig_end), claim.status, r.confidence,
                    r.rule, claim.attribution, amount, date, stake, (s_cand.start, s_cand.end),
                    (o_cand.start, o_cand.end))
        key = (s_cand.key, r.predicate, o_cand.key, r.sent)
        old = seen.get(key)
        claimed = ("asserted", "reported")
        if old is None or (old.status not in claimed and fact.status in claimed):
            seen[key] = fact
    return list(seen.values())
