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
from kg.extract import trace
from kg.extract.frames import apply_trigger
from kg.extract.linking import build_entities, mint_key
from kg.extract.mentions import Gazetteer, MentionFinder
from kg.extract.places import member_nationality_facts, nationality_facts, note_group_nationality
from kg.extract.possession import possession_facts
from kg.extract.recognizers import Recognizer, default_recognizers, merge
from kg.extract.relations import role_facts
from kg.extract.roles import RoleHit, find_roles, title_person_spans
from kg.extract.types import Cand, DocState, RawFact, Ref, SentCtx
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
                ref = c.ref or Ref(key=mint_key(c.text), type="Person", label_ar=c.text, label_en="",
                                   wikidata="", known=False)
                gaz.add(c.text, ref)
                words = c.norm.split()
                if len(words) >= 2:
                    if len(words) >= 3 and words[-2] in lx.words("patronymic"):
                        gaz.add(" ".join(words[-2:]), ref)
                    if len(words[-1]) >= 3 and not is_common(words[-1]):
                        gaz.add(words[-1], ref)
            elif c.ref is None and c.type is not None and c.source in ("cue", "quoted", "latin", "ner",
                                                                         "acronym"):
                gaz.add(c.text, Ref(key=mint_key(c.text, c.type), type=c.type, label_ar=c.text, label_en="",
                                    wikidata="", known=False))
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


def _topic(c: Cand, key: str) -> Cand:
    """The article's main company standing in for the anaphor `c`."""
    return Cand(sent=c.sent, i=c.i, j=c.j, start=c.start, end=c.end, text=c.text, norm=c.norm, type="Company",
                source="topic", key=key)


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
            target = _topic(c, str(key))
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
                earlier = next((x for x in reversed(state.subjects) if x.key == key), None)
                target = earlier or _topic(c, str(key))
        if target is not None:
            out.append(replace(c, key=target.key, type=state.types.get(target.key) or "Company"))
    return out


def extract_document(doc: Document, recognizers: tuple[Recognizer, ...] | None = None,
                     explain: bool = False) -> DocumentResult:
    """Extract entities and facts from one document. `recognizers` add mentions to the rules'
    (default: those enabled by KG_NER); `explain` fills the result's notes with what each stage
    found in each sentence, and why rules gave nothing (kg.extract.trace)."""
    with trace.tracing(explain) as notes:
        result = _extract(doc, recognizers)
    return replace(result, notes=tuple(notes)) if explain else result


def _note_mentions(sent: int, cands: list[Cand]) -> None:
    if not cands:
        return
    for c in cands:
        what = f"«{c.text}» {c.type or 'untyped'}, found by {c.source}"
        if c.anaphor:
            what += f" (anaphor → {c.key or 'unresolved'})"
        elif c.key:
            what += f" → {c.key}"
        trace.note(sent, "mentions", what)


def _note_raw(raw: list[RawFact], start: int) -> None:
    """Facts from rules written in code (nationality, possession), which note nothing themselves."""
    for r in raw[start:]:
        if not r.rule.startswith(("locatedIn.nationality", "develops.possession")):
            continue
        trace.note(r.sent, "frames", f"fired: {r.subject.text or r.subject.key} {r.predicate} "
                   f"{r.object.text or r.object.key}", r.rule)


def _note_roles(sent: int, tk: list[Token], hits: list[RoleHit], made: list[RawFact]) -> None:
    for h in hits:
        holder = h.person.text if h.person is not None else "the sentence's person"
        org = h.org.text if h.org is not None else "the sentence's organisation"
        words = " ".join(t.text for t in tk[h.i:h.j])
        trace.note(sent, "roles", f"«{words}»: {holder} of {org} ({h.predicate})", h.rule)
    for r in made:
        trace.note(sent, "roles", f"fired: {r.subject.text} {r.predicate} {r.object.text or r.object.key}",
                   r.rule)


def _note_facts(facts: list[Fact]) -> None:
    for f in facts:
        extra = [f"{k} {v}" for k, v in (("by", f.attribution), ("date", f.date), ("stake", f.stake)) if v]
        if f.amount is not None:
            extra.append(f"amount {f.amount.text}")
        details = "".join(f", {e}" for e in extra)
        trace.note(f.sentence.index, "facts", f"{_named(f.subject)} {f.predicate} {_named(f.object)}: "
                   f"{f.status} (confidence {f.confidence:.2f}{details})", f.rule)


def _named(e: Entity) -> str:
    return f"{e.label} ({e.key})" if e.label and e.label != e.key else e.key


def _extract(doc: Document, recognizers: tuple[Recognizer, ...] | None) -> DocumentResult:
    domain, range_, labels = _ontology()
    explain = trace.active()
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
        ctx = SentCtx(sentence=s, toks=tk, cands=cands)
        hits = find_roles(tk, cands)
        before = len(raw)
        raw.extend(role_facts(ctx, state, hits))
        if explain:
            _note_mentions(s.index, cands)
            _note_roles(s.index, tk, hits, raw[before:])
        before = len(raw)
        note_group_nationality(ctx, state)
        for trig in lx.triggers():
            found = apply_trigger(ctx, state, trig)
            raw.extend(found)
            if trig.frame == "members":
                raw.extend(member_nationality_facts(ctx, state, found))
        raw.extend(nationality_facts(ctx, state))
        raw.extend(possession_facts(ctx, state))
        if explain:
            _note_raw(raw, before)
        subj = _sentence_subject(cands, state)
        if subj is not None:
            state.subjects.append(subj)
        linked.append(cands)

    facts = _facts(doc, sents, toks, raw, state)
    if explain:
        _note_facts(facts)
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

        fact = Fact(subject=ent(s_cand), predicate=r.predicate, object=ent(o_cand), doc_id=doc.id,
                    sentence=sent, span=(start, end), trigger=doc.text[trig_start:trig_end],
                    trigger_span=(trig_start, trig_end), status=claim.status, confidence=r.confidence,
                    rule=r.rule, attribution=claim.attribution, amount=amount, date=date, stake=stake,
                    subject_span=(s_cand.start, s_cand.end), object_span=(o_cand.start, o_cand.end))
        key = (s_cand.key, r.predicate, o_cand.key, r.sent)
        old = seen.get(key)
        claimed = ("asserted", "reported")
        if old is None or (old.status not in claimed and fact.status in claimed):
            seen[key] = fact
    return list(seen.values())
