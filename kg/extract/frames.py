"""Stage 5, frames: where a trigger word (triggers.tsv) is, and where its arguments stand.

Reads a sentence context and the document state; adds `RawFact`s, each naming its rule id.
Each row of triggers.tsv names a frame (svo, rel, sell, between, members …); the frames are the
only place that knows Arabic word order around a trigger, and argument finding itself lives in
kg.extract.arguments. `sentence_facts` runs every trigger row and the relation rules written in
code: nationality adjectives (kg.extract.nationality) and a company's own products
(kg.extract.possession). When tracing, each trigger hit and why its frame fired or gave nothing
is noted.
"""

from __future__ import annotations

from functools import cache, lru_cache

from kg.extract import lexicon as lx
from kg.extract import trace
from kg.extract.arguments import (
    STOP,
    antecedent,
    find_object,
    find_subject,
    finite_verb,
    fit_slot,
    introducer_at,
    latent_name,
    list_from,
    list_link,
    list_sep,
    name_after,
    name_after_pronoun,
    perfect_verb,
    phrase_end,
)
from kg.extract.lexicon import Trigger
from kg.extract.mentions import match_cue
from kg.extract.types import Cand, DocState, RawFact, SentCtx
from kg.extract.words import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    has_pronoun_suffix,
    looks_verb,
    prep_of,
    preposition_with_pronoun,
    readings,
    word_matches,
)
from kg.text.tokens import Token


@lru_cache(maxsize=65536)
def _token_keys(norm: str) -> frozenset[str]:
    """Every base a trigger word could be read as: stems without clitics, and without a pronoun."""
    keys: set[str] = set()
    for stem, _clitic in readings(norm):
        keys.add(stem)
        for suf in lx.pronoun_suffixes():
            if stem.endswith(suf) and len(stem) > len(suf):
                base = stem[: -len(suf)]
                keys.add(base)
                if base.endswith("ت"):
                    keys.add(base[:-1] + "ه")
    return frozenset(keys)


@cache
def _first_words(trig: Trigger) -> tuple[frozenset[str], tuple[str, ...]]:
    exact = frozenset(f[0].text for f in trig.forms if not f[0].wild)
    wild = tuple(f[0].text for f in trig.forms if f[0].wild)
    return exact, wild


def trigger_matches(toks: list[Token], trig: Trigger,
                    names: dict[int, int] | None = None) -> list[tuple[int, int, bool]]:
    """(start, end, future) token ranges where the trigger occurs.

    In verb-first order the subject may stand inside a phrasal trigger («كشفت «سامسونغ» النقاب
    عن»): when a name (`names`: start → end token) follows the first word, the match goes on
    after it and starts there, so the name stands before the trigger as its subject."""
    names = names or {}
    exact, wild = _first_words(trig)
    out = []
    for i in range(len(toks)):
        keys = _token_keys(toks[i].norm)
        if not (keys & exact) and not any(k.startswith(w) for k in keys for w in wild):
            continue  # a quick test before the full match
        for form in trig.forms:
            first = word_matches(toks[i].norm, form[0])
            if first is False:
                continue
            future = first is not None and "fut" in getattr(first, "kinds", ())
            k = i + 1
            start = i
            if len(form) > 1 and k in names:
                k = names[k]
                while k < len(toks) and toks[k].text in QUOTE_CLOSE:
                    k += 1
                start = k
            if k + len(form) - 1 > len(toks):
                continue
            if all(word_matches(toks[k + n].norm, pat) is not False for n, pat in enumerate(form[1:])):
                out.append((start, k + len(form) - 1, future))
                break
    return out


def apply_trigger(ctx: SentCtx, state: DocState, trig: Trigger) -> list[RawFact]:
    dom = state.domain[trig.predicate]
    rng = state.range[trig.predicate]
    rule = lx.predicate_rule(trig.predicate)
    dom, rng = rule.domain or dom, rule.range or rng
    out: list[RawFact] = []
    names = {}
    for c in ctx.cands:
        if c.key and not c.prep:
            names[c.i - 1 if c.i > 0 and ctx.toks[c.i - 1].text in QUOTE_OPEN else c.i] = c.j
    explain = trace.active()
    for i, j, future in trigger_matches(ctx.toks, trig, names):
        words = " ".join(t.text for t in ctx.toks[i:j])
        if explain:
            trace.note(ctx.sentence.index, "triggers", f"«{words}» (tokens {i}–{j}), {trig.frame} frame",
                       trig.id)
        if ctx.inside(i):
            if explain:
                trace.note(ctx.sentence.index, "frames", f"«{words}»: no fact: the word is inside a name",
                           trig.id)
            continue
        if i > 0 and ctx.toks[i - 1].norm in lx.words("topic_preposition") and trig.frame == "svo":
            if explain:
                trace.note(ctx.sentence.index, "frames", f"«{words}»: no fact: the topic of talks "
                           f"({ctx.toks[i - 1].text} …), not a deal done", trig.id)
            continue  # «محادثات بشأن التعاون»
        if j < len(ctx.toks) and any(s in lx.words("negated_action") for s, _ in readings(ctx.toks[j].norm)):
            if explain:
                trace.note(ctx.sentence.index, "frames", f"«{words}»: no fact: followed by "
                           f"{'، '.join(lx.words_in_order('negated_action'))} (an agreement not to do it)",
                           trig.id)
            continue  # «اتفاق بعدم المنافسة» is an agreement not to compete
        frame = _FRAMES[trig.frame]
        _WHY.clear()
        found = frame(ctx, state, trig, i, j, dom, rng)
        fired = 0
        for subj, obj, conf in found:
            if subj.key == obj.key:
                continue
            fired += 1
            out.append(RawFact(subject=subj, predicate=trig.predicate, object=obj, trig_i=i, trig_j=j,
                               confidence=round(trig.confidence * conf, 3), rule=trig.id,
                               sent=ctx.sentence.index, future=future))
            if explain:
                trace.note(ctx.sentence.index, "frames", f"«{words}»: fired: {subj.text or subj.key} "
                           f"{trig.predicate} {obj.text or obj.key}", trig.id)
        if explain and not fired:
            why = _WHY[-1] if _WHY else ("subject and object are one entity" if found else
                                         "no argument fits the predicate's domain and range")
            trace.note(ctx.sentence.index, "frames", f"«{words}»: no fact: {why}", trig.id)
    return out


Found = list[tuple[Cand, Cand, float]]
_WHY: list[str] = []  # the last reason a frame gave nothing (read by apply_trigger when tracing)


def _no(reason: str) -> Found:
    _WHY.append(reason)
    return []


def _carries_pronoun(norm: str, trig: Trigger) -> bool:
    """The trigger word with an attached pronoun (منافستها، تنتجها)."""
    for stem, _ in readings(norm):
        for suf in lx.pronoun_suffixes():
            base = stem[: -len(suf)]
            if stem.endswith(suf) and any(f[-1].text in (base, base[:-1] + "ه" if base.endswith("ت") else "")
                                          for f in trig.forms):
                return True
    return False


def _pronoun_object(ctx: SentCtx, trig: Trigger, j: int) -> bool:
    """«تنتجها»: the verb carries its object as a pronoun. On a participle or noun the pronoun
    is the owner instead («منافستها بيكر هيوز»: its rival, Baker Hughes)."""
    last = ctx.toks[j - 1].norm
    if any(stem.startswith(lx.words_in_order("participle_prefix")) for stem, _ in readings(last)):
        return False
    return _carries_pronoun(last, trig)


def _joint(ctx: SentCtx, a: Cand, b: Cand) -> bool:
    """«شركتا «فيتبيت» و«غارمين»»: two names joined by و are joint arguments, not subject and object."""
    between = ctx.toks[a.j: b.i]
    return 0 < len(between) <= 4 and all(t.text in list_sep() or t.norm in list_sep() for t in between)


def _construct_noun(ctx: SentCtx, i: int, j: int, trig: Trigger) -> bool:
    """A verbal noun in construct after a deal's noun («صفقة استحواذ», «عملية شراء»): not a
    verb and carrying no pronoun; the name right after it is its agent."""
    word = ctx.toks[j - 1].norm
    if i == 0 or j - i != 1 or _carries_pronoun(word, trig) or ctx.toks[i - 1].text in QUOTE_CLOSE:
        return False
    deal = lx.words("deal_noun")
    if not any(stem in deal for stem, _ in readings(ctx.toks[i - 1].norm)):
        return False
    return not finite_verb(word) and not perfect_verb(word)


def _only_cue_between(ctx: SentCtx, a: int, b: int) -> bool:
    """Tokens [a, b) are a cue word and quote marks (شركة، «) and nothing else, at least one."""
    k = a
    while k < b and ctx.toks[k].text in QUOTE_OPEN:
        k += 1
    cue = match_cue(ctx.toks, k) if k < b else None
    if cue is None:
        return False
    k = cue[1]
    while k < b and ctx.toks[k].text in QUOTE_OPEN:
        k += 1
    return k == b


def _service_agent(ctx: SentCtx, st: DocState, c: Cand, j: int, dom: str) -> bool:
    """A service or platform named right after a company's verb, in the subject's place
    (استحوذت «تيك توك»، تبحث تيك توك): the company that runs it, which news names the same."""
    k = j
    while k < len(ctx.toks) and ctx.toks[k].text in QUOTE_OPEN:
        k += 1
    return c.i == k and st.fits(c, "Service") and any(st.is_a("Company", r) for r in dom.split("|"))


def _svo(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    if "" in trig.preps and _pronoun_object(ctx, trig, j):
        return _no("the verb carries its object as a pronoun")
    passive = _passive(ctx, st, trig, i, j, dom, rng)
    if passive:
        return passive
    # «بعد استحواذ جوجل على …», «مع إطلاق مايكروسوفت ويندوز»: a verbal noun inside a
    # prepositional phrase takes the name right after it as its agent
    governed = bool(prep_of(ctx.toks[i])) or (i > 0 and ctx.toks[i - 1].norm in lx.prepositions()) or (
        i > 0 and ctx.toks[i - 1].norm in lx.words("temporal_preposition"))
    if governed and _carries_pronoun(ctx.toks[j - 1].norm, trig):
        governed = False  # «على منافستها «بي جي»»: the pronoun owns the noun; what follows is apposition
    right_after = next((c for c in ctx.cands if j <= c.i <= j + 1 and c.key and not c.prep), None)
    if not governed and right_after is not None and _construct_noun(ctx, i, j, trig):
        governed = True  # «وافقت الهيئة على صفقة استحواذ X على Y»: X is the verbal noun's agent
    after_name = right_after.j if right_after is not None else len(ctx.toks)
    while after_name < len(ctx.toks) and ctx.toks[after_name].text in QUOTE_CLOSE:
        after_name += 1
    if governed and right_after is not None and "" in trig.preps and after_name < len(ctx.toks) and (
            prep_of(ctx.toks[after_name]) in lx.words("instrument_preposition")):
        # «وقعت X اتفاقية لتزويد Y بمعدات»: Y is what the noun acts on (supplied with something);
        # the one who does it is the clause's subject
        patient = fit_slot(st, right_after, rng)
        agent, aconf = find_subject(ctx, st, i, patient, dom)
        if patient is None or agent is None or agent.key == patient.key:
            return _no("the name after the verbal noun is its object, but no subject is named")
        return [(agent, patient, aconf)]
    subj, sconf = (None, 0.0) if governed and right_after is not None else find_subject(
        ctx, st, i, None, dom, direct_only=True)
    if subj is None:
        # verb first: «فرضت المفوضية الأوروبية غرامة على «جوجل»»: the first name after the verb
        first = next((c for c in ctx.cands if j <= c.i <= j + 3 and c.key and not c.prep), None)
        if first is not None and first.i > j and st.is_a(dom, "Organization"):
            # «تزود إنفيرا شركة ماجنيترا بـ…»: an unlisted word right after the verb, then the
            # object its cue introduces; said once, the word is still the subject
            lat = latent_name(ctx, j)
            if lat is not None and not lat.prep and _only_cue_between(ctx, lat.j, first.i):
                first = lat
        if first is None and j < len(ctx.toks) and st.is_a(dom, "Organization"):
            first = latent_name(ctx, j, state=st)  # «استحوذت هاليبرتون على …»
            if first is not None and first.prep:
                first = None
        # «استحوذت «تيك توك» على …»: a service in the subject's place stands for its company
        # (not after a verbal noun a preposition governs: «مع إطلاق «سحابة X»» launches the service)
        service = not governed and first is not None and fit_slot(st, first, dom) is None and _service_agent(
            ctx, st, first, j, dom)
        if first is not None and (service or fit_slot(st, first, dom) is not None):
            vs = first if service else fit_slot(st, first, dom)
            assert vs is not None
            # «استثمر X وY في Z»: every name of the list after the verb is a subject
            members = [first] if service else list_from(ctx, st, first, dom)
            subjects = [first] if service else [
                s for s in (fit_slot(st, m, dom) for m in members) if s is not None]
            after = members[-1].j if first.source != "latent" else first.j
            obj, how = find_object(ctx, st, after, trig, rng, exclude=vs.key)
            if trig.predicate in _symmetric() and len(subjects) > 1 and (
                    obj is None or _joint(ctx, first, obj)):
                # «وقعت X وY وZ اتفاقية»: the names after the verb, each with the others
                return [(a, b, 0.85) for n, a in enumerate(subjects) for b in subjects[n + 1:]
                        if a.key != b.key]
            if obj is not None and _joint(ctx, first, obj) and trig.predicate in _symmetric():
                return [(vs, obj, 0.85)]  # «تتنافس «X» و«Y»»: the pair after the verb, each with the other
            if obj is None or _joint(ctx, first, obj):
                # the name after the verb is its subject; the object is not named
                return _no("the name after the verb is its subject, but no object is named")
            return [(s, o, 0.95) for s in subjects for o in list_from(ctx, st, obj, rng) if o.key != s.key]
    obj, how = find_object(ctx, st, j, trig, rng, exclude=subj.key if subj else "")
    if obj is None and not how.startswith("pronoun"):
        pair = _joint_subjects(ctx, st, trig, i, subj, dom) if subj is not None else []
        return pair or _no("no object in the window after the trigger")
    if subj is None:
        subj, sconf = find_subject(ctx, st, i, obj, dom)
        if subj is None:
            return _no("no subject before the trigger or after it")
    if obj is None:
        agent = name_after_pronoun(ctx, j, trig)
        if agent is not None and fit_slot(st, agent, dom) is not None and agent.key != subj.key:
            subj, sconf = agent, 1.0  # «وقد استثمرت فيها «أرامكو»»: the name after the pronoun does it
        elif how == "pronoun here" and subj.j <= i and any(t.text in ("،", ",") for t in ctx.toks[subj.j: i]):
            # «نفت X أنباء عن شرائها Y، لكنها أكدت أنها وقعت معها»: a verb of a later clause with no
            # subject of its own is the sentence's topic's; its pronoun object is the other party
            topic = next((t for t in (fit_slot(st, c, dom) for c in ctx.cands if c.key and not c.prep)
                          if t is not None), None)
            subj = topic or subj
        obj = antecedent(ctx, st, i, rng, subj.key, here=how == "pronoun here")
        if obj is None:
            return _no("the object is a pronoun with no antecedent")
        return [(subj, obj, sconf * 0.8)]
    subjects = _list_before(ctx, st, subj, dom) if subj.j <= i else [subj]
    objects = list_from(ctx, st, obj, rng)
    subjects += _participants(ctx, st, objects[-1].j, dom)
    return [(s, o, sconf) for s in subjects for o in objects if o.key != s.key]


def _participants(ctx: SentCtx, st: DocState, k: int, dom: str) -> list[Cand]:
    """«… في Y، بمشاركة Z وW»: the parties a participation word adds after the object."""
    toks = ctx.toks
    while k < len(toks) and (toks[k].text in ("،", ",") or toks[k].text in QUOTE_CLOSE):
        k += 1
    if k >= len(toks) or toks[k].norm not in lx.words("participation_word"):
        return []
    first, _ = name_after(ctx, k + 1)
    if first is None or not first.key or fit_slot(st, first, dom) is None:
        return []
    return [s for s in (fit_slot(st, m, dom) for m in list_from(ctx, st, first, dom)) if s is not None]


def _list_before(ctx: SentCtx, st: DocState, last: Cand, required: str) -> list[Cand]:
    """«تتفاوض X وY مع Z»: the subject right before the trigger and the names the list joins to it
    before it (none governed by a preposition: «مع سامسونغ، وأبل تستثمر» is two clauses)."""
    members = [last]
    for c in reversed([c for c in ctx.cands if c.j <= last.i and c.key and not c.anaphor]):
        if c.prep or not list_link(ctx, ctx.toks[c.j: members[0].i], members[0]):
            break
        slot = fit_slot(st, c, required)
        if slot is None:
            break
        members.insert(0, slot)
    return members


def _agent_at(ctx: SentCtx, j: int) -> tuple[int, int] | None:
    """Where an agent phrase (من قبل) starts and ends in the clause after token `j`."""
    phrases = [tuple(p.split()) for p in lx.words_in_order("agent_phrase")]
    toks = ctx.toks
    for k in range(j, min(len(toks), j + 10)):
        if toks[k].text in STOP:
            return None
        end = phrase_end(toks, k, phrases)
        if end > k:
            return k, end
    return None


def _passive(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    """«تم الاستحواذ على Y من قبل X», «فُرضت على Y غرامة من قبل X»: the name after the agent
    phrase is the subject; the object is the name the trigger's preposition governs, after the
    trigger or right before it, or the words between the preposition and the agent phrase."""
    found = _agent_at(ctx, j)
    if found is None:
        return []
    phrase, a = found
    agent, a = name_after(ctx, a)
    if agent is None and a < len(ctx.toks):
        agent = latent_name(ctx, a)
    subj = fit_slot(st, agent, dom) if agent is not None and agent.key else None
    if subj is None:
        return []
    obj = next((c for c in ctx.cands if c.key and c.key != subj.key and c.prep in trig.preps and (
        j <= c.i < phrase or i - 3 <= c.i < i) and fit_slot(st, c, rng) is not None), None)
    if obj is None and j < len(ctx.toks) and prep_of(ctx.toks[j]) in trig.preps:
        obj = _bounded_name(ctx, j + 1 if ctx.toks[j].norm in lx.prepositions() else j, phrase)
    slot = fit_slot(st, obj, rng) if obj is not None else None
    return [(subj, slot, 0.9)] if slot is not None and slot.key != subj.key else []


def _bounded_name(ctx: SentCtx, k: int, end: int) -> Cand | None:
    """The one to three words between a preposition and the agent phrase («على نماء من قبل»):
    bounded on both sides, they are a name even when they are words of the language."""
    from kg.extract.linking import mint_key
    from kg.extract.words import is_common
    from kg.text.normalize import normalize

    words = [t for t in ctx.toks[k:end] if t.text not in QUOTE_OPEN and t.text not in QUOTE_CLOSE]
    if not 1 <= len(words) <= 3 or any(not t.is_word or is_common(t.norm) or t.norm in lx.prepositions()
                                       or looks_verb(t.norm) for t in words):
        return None
    start, stop = words[0].start, words[-1].end
    text = ctx.sentence.text[start - ctx.sentence.start: stop - ctx.sentence.start]
    return Cand(sent=ctx.sentence.index, i=words[0].i, j=words[-1].i + 1, start=start, end=stop, text=text,
                norm=normalize(text), type=None, source="latent", prep="", key=mint_key(text))


@lru_cache(maxsize=1)
def _symmetric() -> frozenset[str]:
    from kg.ontology import properties

    return frozenset(p for p, info in properties().items() if info.symmetric)


def _joint_subjects(ctx: SentCtx, st: DocState, trig: Trigger, i: int, subj: Cand, dom: str) -> Found:
    """«تجري «X» و«Y» محادثات»: a symmetric relation whose subject is a pair, right before the
    trigger, holds between the two («… بشأن التعاون» further on is what they talk about)."""
    if trig.predicate not in _symmetric() or i - subj.j > 2:
        return []
    members = _list_before(ctx, st, subj, dom)
    return [(a, b, 0.85) for n, a in enumerate(members) for b in members[n + 1:] if a.key != b.key]


def _rel(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    """«مشروع X الذي أطلقه «فيسبوك»», «شركة X التي استحوذت عليها «سامسونغ»»."""
    k = i - 1
    if k < 0 or ctx.toks[k].norm not in lx.words("relative_pronoun"):
        examples = "، ".join(lx.words_in_order("relative_pronoun")[:2])
        return _no(f"no relative pronoun ({examples}) before the trigger")
    stems = [p.text for f in trig.forms for p in f[:1]]
    on_verb = any(has_pronoun_suffix(ctx.toks[i].norm, s) for s in stems)
    nxt = ctx.toks[j] if j < len(ctx.toks) else None
    on_prep = nxt is not None and nxt.norm not in lx.prepositions() and any(
        has_pronoun_suffix(nxt.norm, p) for p in lx.words_in_order("resumptive_preposition"))
    if not (on_verb or on_prep):
        return _no("no pronoun on the verb or its preposition to point back")
    obj = next((c for c in reversed(ctx.cands) if c.j <= k and k - c.j <= 4 and c.key), None)
    start = j + 1 if on_prep else j
    subj = next((c for c in ctx.cands if start <= c.i <= start + 2 and c.key and not c.prep), None)
    if subj is None and on_prep:
        # «التي استحوذت عليها العام الماضي»: the subject is the sentence's
        subj = next((c for c in ctx.cands if c.j <= k and c.key and not c.prep and c is not obj
                     and c.i < (obj.i if obj else k)), None)
    if obj is None or subj is None:
        return _no("no named antecedent before the relative pronoun, or no subject after the verb")
    s, o = fit_slot(st, subj, dom), fit_slot(st, obj, rng)
    return [(s, o, 1.0)] if s and o and s.key != o.key else []


def _owned(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    obj = next((c for c in reversed(ctx.cands) if c.j <= i and i - c.j <= 2
                and all(t.text in QUOTE_CLOSE or not t.is_word for t in ctx.toks[c.j: i])), None)
    owner, _ = find_object(ctx, st, j, trig, dom)
    if obj is None or owner is None:
        return _no("no name right before the trigger, or no owner after it")
    o = fit_slot(st, obj, rng)
    return [(owner, o, 1.0)] if o else []


def _sell(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    buyer_at = next((c for c in ctx.cands if c.i >= j and c.key and c.prep == "ل"), None)
    if buyer_at is None:
        return _no("no buyer introduced by the preposition")
    direct = [c for c in ctx.cands if j <= c.i < buyer_at.i and c.key and not c.prep]
    if not direct:
        return _no("nothing named between the verb and the buyer")
    # «باعت «جوجل» شركة «موتورولا» لـ…»: with two names after the verb the first is the seller
    thing = direct[1] if len(direct) >= 2 else direct[0]
    buyer = fit_slot(st, buyer_at, dom)
    if fit_slot(st, thing, "Organization") is None:
        # «بيع هواتف «آيفون» لشركة …» sells products, it does not sell a company
        return _no("what is sold is no company (products are sold, companies acquired)")
    return [(buyer, thing, 0.9)] if buyer is not None else []


def _hire(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    person = next((c for c in ctx.cands if j <= c.i <= j + trig.window and c.key
                   and st.fits(c, "Person")), None)
    if person is None:
        return _no("no person in the window after the trigger")
    org, conf = find_subject(ctx, st, i, person, dom)
    return [(org, p, conf) for p in _appointees(ctx, st, person)] if org else []


def _appointees(ctx: SentCtx, st: DocState, first: Cand) -> list[Cand]:
    """«عينت X أحمد رئيسا للعمليات، ونبيل مديرا للتسويق»: the person hired, and each one the list
    adds after their title, joined by «و» or a comma right before the name."""
    people = [first]
    for c in ctx.cands:
        if c.i < people[-1].j or not c.key or not st.fits(c, "Person"):
            continue
        between = ctx.toks[people[-1].j: c.i]
        before = ctx.toks[c.i - 1] if c.i > 0 else None
        attached = c.start > ctx.toks[c.i].start  # «ونبيل»
        listed = before is not None and (before.text in list_sep() or before.norm in list_sep())
        if len(between) > 7 or any(t.text in STOP for t in between) or not (attached or listed):
            break
        people.append(c)
    return people


def _join(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    person = next((c for c in ctx.cands if (j <= c.i <= j + 3 or i - 3 <= c.j <= i) and c.key
                   and st.fits(c, "Person")), None)
    if person is None:
        return _no("no person next to the trigger")
    org, _ = find_object(ctx, st, j, trig, dom, exclude=person.key)
    return [(org, person, 1.0)] if org else []


def _alt(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    obj, _ = find_object(ctx, st, j, trig, rng)
    after = ctx.toks[j].norm if j < len(ctx.toks) else ""
    if obj is None and preposition_with_pronoun(after, trig.preps, lx.words("possessive_pronoun")):
        inner = _relative_pronoun_object(ctx, st, i, dom, rng)
        if inner:
            return inner
    if obj is not None and not (st.types.get(obj.key) or obj.type) and obj.source not in ("quoted", "latin"):
        obj = None  # «وبدائله»: an untyped name is too weak for an alternative, unless quoted
    subj, conf = find_subject(ctx, st, i, obj, dom)
    if subj is None:
        return _no("no subject")
    if obj is None:
        obj = antecedent(ctx, st, i, rng, subj.key)
        conf *= 0.85
    return [(subj, obj, conf)] if obj is not None and obj.key != subj.key else []


def _relative_pronoun_object(ctx: SentCtx, st: DocState, i: int, dom: str, rng: str) -> Found:
    """«X، التي تعد Y من أبرز المستثمرين فيها»: inside a relative clause the pronoun on the
    trigger's preposition is the clause's head (X), and the name inside the clause (Y) the subject."""
    rel = next((r for r in range(i - 1, -1, -1) if ctx.toks[r].norm in lx.words("relative_pronoun")), None)
    if rel is None:
        return []
    head = next((c for c in reversed(ctx.cands) if c.key and c.j <= rel), None)
    inner = next((c for c in reversed(ctx.cands) if c.key and rel < c.i and c.j <= i), None)
    if head is None or inner is None or not all(t.text in list_sep() or t.text in QUOTE_CLOSE
                                                for t in ctx.toks[head.j: rel]):
        return []
    subj, obj = fit_slot(st, inner, dom), fit_slot(st, head, rng)
    return [(subj, obj, 0.8)] if subj is not None and obj is not None and subj.key != obj.key else []


def _market(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    toks = ctx.toks
    k = j
    after = next((c for c in ctx.cands if j <= c.i <= j + 1 and c.key and not c.prep), None)
    if after is not None and fit_slot(st, after, dom) is not None:  # «تتصدر «سامسونغ» سوق …»
        k = after.j
        while k < len(toks) and toks[k].text in QUOTE_CLOSE:
            k += 1
    if "" not in trig.preps:
        if k >= len(toks) or prep_of(toks[k]) not in trig.preps:
            return _no("the market needs its preposition after the trigger")
        if toks[k].norm in lx.prepositions():
            k += 1
    end = k
    while end < len(toks) and end < k + 5 and toks[end].is_word and not toks[end].is_number:
        n = toks[end].norm
        if n in lx.prepositions() or n in lx.words("relative_pronoun") or (end > k and n.startswith("و")):
            break
        if end > k and (prep_of(toks[end]) or looks_verb(n) or n in lx.words("temporal_preposition")):
            break  # «سوق الإعلانات الرقمية بحصة تتجاوز 30 بالمئة», «… منذ سنوات»
        end += 1
    if after is not None and fit_slot(st, after, dom) is not None:
        subj, conf = fit_slot(st, after, dom), 0.95
    else:
        subj, conf = find_subject(ctx, st, i, None, dom)
    if subj is None:
        return _no("no subject")
    if k < len(toks) and (toks[k].is_number or toks[k].norm in lx.words("quantity_word")):
        # «تهيمن على نحو 90 بالمئة» is a share, not a market
        return _no("a quantity follows: a share, not a market")
    from kg.extract.gazetteer import place_words

    if any(t.norm in place_words() for t in toks[k:end]):
        # «اقتصاد كوريا» is a country's economy, not a market
        return _no("a place follows: a country's economy, not a market")
    known = ctx.cand_at(k)
    if known is not None and known.key and st.fits(known, "Market"):
        return [(subj, known, conf)]
    if end - k < 1 or ctx.inside(k):
        return _no("no market phrase after the trigger")
    if "" in trig.preps and toks[k].norm not in lx.words("market_head"):
        # «تتصدر» without a preposition needs an explicit market: سوق، قطاع …
        examples = "، ".join(lx.words_in_order("market_head")[:2])
        return _no(f"no explicit market ({examples} …) without a preposition")
    if toks[k].norm not in lx.words("market_head") and not _known_company(st, subj):
        # «تسيطر «X» على المطارات»: control of a place; only a company known as one holds an
        # unnamed market («تهيمن «إنفيديا» على رقائق التدريب»)
        examples = "، ".join(lx.words_in_order("market_head")[:2])
        return _no(f"no market word ({examples} …) and the subject is not known as a company")
    start_char = toks[k].start
    if toks[k].norm not in lx.prepositions() and prep_of(toks[k]) and k == j:
        start_char += 1  # على is a word; ل/ب attached are one letter
    text = ctx.sentence.text[start_char - ctx.sentence.start: toks[end - 1].end - ctx.sentence.start]
    from kg.text.normalize import normalize

    market = Cand(sent=ctx.sentence.index, i=k, j=end, start=start_char, end=toks[end - 1].end, text=text,
                  norm=normalize(text), type="Market", source="market", prep="", key="")
    return [(subj, market, conf * 0.9)]


def _known_company(st: DocState, c: Cand) -> bool:
    """A company by a signal stronger than the trigger itself: the gazetteer, a cue word, a type
    the document gave it."""
    t = st.types.get(c.key) or c.type
    return bool(t) and st.is_a(t or "", "Company")


def _between(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    toks = ctx.toks
    for k in range(j, min(len(toks), j + 3)):
        if toks[k].norm in lx.words("between"):
            # «بين كل من شركة «X» وشركة «Y»»: past the list's introducer and the first name's cue
            first, _ = name_after(ctx, introducer_at(toks, k + 1))
            if first is None or not first.key:
                return _no(f"no name right after {toks[k].norm}")
            members = list_from(ctx, st, first, dom)
            return [(a, b, 0.95) for n, a in enumerate(members) for b in members[n + 1:]]
    return _no(f"no {'، '.join(lx.words_in_order('between'))} after the trigger")


def _members(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    toks = ctx.toks
    for k in range(j, min(len(toks), j + trig.window)):
        if toks[k].text in STOP:
            return _no("the clause ended before the members")
        for prep in trig.preps:
            words = prep.split()
            if words and k + len(words) <= len(toks) and all(
                    any(s == w for s, _ in readings(toks[k + n].norm)) for n, w in enumerate(words)):
                first = next((c for c in ctx.cands if k + len(words) <= c.i <= k + len(words) + 2 and c.key),
                             None)
                if first is None:
                    return _no("no name after the members' introducer")
                members = list_from(ctx, st, first, dom)
                if len(members) < 2:
                    return _no("fewer than two members")
                return [(a, b, 0.9) for n, a in enumerate(members) for b in members[n + 1:]]
    return _no("no members' introducer in the window")


def _appos(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    subj = next((c for c in reversed(ctx.cands) if c.j <= i and c.key and all(
        t.text in ("،", ",") or t.text in QUOTE_CLOSE for t in ctx.toks[c.j: i])), None)
    if subj is None or fit_slot(st, subj, dom) is None:
        return _no("no subject right before the trigger, or it does not fit the domain")
    obj, _ = find_object(ctx, st, j, trig, rng)
    return [(subj, obj, 1.0)] if obj is not None else []


def _percent_end(ctx: SentCtx, j: int, window: int) -> tuple[int, int] | None:
    """(start, end) of a percentage («7.2 في المائة», «25%») in the tokens after `j`."""
    toks = ctx.toks
    phrases = [tuple(p.split()) for p in lx.words_in_order("percent_phrase")]
    for k in range(j, min(len(toks), j + window)):
        if toks[k].text in STOP:
            return None
        if not any(ch.isdigit() for ch in toks[k].text):
            continue
        if toks[k].text.endswith("%") or (k + 1 < len(toks) and toks[k + 1].text == "%"):
            return k, k + (2 if k + 1 < len(toks) and toks[k + 1].text == "%" else 1)
        end = phrase_end(toks, k + 1, phrases)
        if end > k + 1:
            return k, end
    return None


def _holding(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    """«وتملك «بايلي جيفورد» نحو 7.2 في المائة في «دراجون أويل»», «تمتلك الحكومة 25% من أسهم X»:
    owning a share of a company is a stake in it; without a percentage the verb says too little
    («تملك خبرة في»)."""
    span = _percent_end(ctx, j, trig.window)
    if span is None:
        return _no("no percentage after the verb")
    p, e = span
    between = [c for c in ctx.cands if j <= c.i and c.j <= p and c.key and not c.prep]
    relative = i > 0 and any(s in lx.words("relative_pronoun") for s, _ in readings(ctx.toks[i - 1].norm))
    if between:
        subj = fit_slot(st, between[0], dom)
    elif relative:
        # «ريان أير … والتي تمتلك 30% من أسهم X»: the name the relative clause is about, or none
        head = next((c for c in reversed(ctx.cands) if c.j <= i - 1 and c.key), None)
        subj = fit_slot(st, head, dom) if head is not None and i - 1 - head.j <= 6 else None
    else:
        subj = find_subject(ctx, st, i, None, dom)[0]
    if subj is None:
        return _no("no owner before the percentage or the verb")
    obj, _ = find_object(ctx, st, e, trig, rng, exclude=subj.key)
    if obj is None or obj.i - e > 3:
        # «25 في المائة في حقل …، بينما تملك X»: what is owned comes right after the percentage
        return _no("no company right after the percentage")
    return [(subj, obj, 0.9)]


_FRAMES = {
    "appos": _appos,
    "svo": _svo, "rel": _rel, "owned": _owned, "sell": _sell, "hire": _hire, "join": _join,
    "alt": _alt, "market": _market, "between": _between, "members": _members, "holding": _holding,
}


def note_rule_facts(raw: list[RawFact], start: int) -> None:
    """Facts from rules written in code (nationality, possession), which note nothing themselves."""
    for r in raw[start:]:
        if not r.rule.startswith(("locatedIn.nationality", "develops.possession")):
            continue
        trace.note(r.sent, "frames", f"fired: {r.subject.text or r.subject.key} {r.predicate} "
                   f"{r.object.text or r.object.key}", r.rule)


def sentence_facts(ctx: SentCtx, state: DocState) -> list[RawFact]:
    """Every relation the sentence states by a trigger (triggers.tsv, in file order), and those
    the rules in code find: nationality adjectives (kg.extract.nationality) and a company's own
    products (kg.extract.possession)."""
    from kg.extract.nationality import member_nationality_facts, nationality_facts, note_group_nationality
    from kg.extract.possession import possession_facts

    out: list[RawFact] = []
    note_group_nationality(ctx, state)
    for trig in lx.triggers():
        found = apply_trigger(ctx, state, trig)
        out.extend(found)
        if trig.frame == "members":
            out.extend(member_nationality_facts(ctx, state, found))
    out.extend(nationality_facts(ctx, state))
    out.extend(possession_facts(ctx, state))
    return out
