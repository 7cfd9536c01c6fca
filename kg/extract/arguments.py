"""Stage 4, arguments: where a relation's subject and object are, for the frames.

Reads a sentence context (tokens and linked mentions) and the document state; gives the
frames (kg.extract.frames) a subject, an object, the members of a coordinated list, a pronoun's
antecedent or an unlisted name read where a relation needs one. Argument types are checked
against the ontology's domain and range, so a trigger never links a person where a company
belongs. Adds nothing itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract.lexicon import Trigger
from kg.extract.mentions import match_cue
from kg.extract.types import Cand, DocState, SentCtx
from kg.extract.words import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    has_pronoun_suffix,
    is_ordinary,
    looks_arabic,
    prep_of,
    readings,
)
from kg.text.tokens import Token

STOP = {"؛", ":", ".", "(", ")"}
ORG_TYPES = ("Organization",)


@lru_cache(maxsize=1)
def list_sep() -> frozenset[str]:
    """What may stand between the names of a list: commas, quotes and و/أو."""
    return frozenset({"،", ","} | QUOTE_OPEN | set(QUOTE_CLOSE)) | lx.words("list_conjunction")


def fit_slot(state: DocState, c: Cand, required: str) -> Cand | None:
    if state.fits(c, required):
        return c
    if state.fits(c, "Person") and state.allows(required, "Organization"):
        org = state.as_org(c)  # a person speaking for their company
        if org is not None and state.fits(org, required):
            return org
    return None


def list_from(ctx: SentCtx, state: DocState, first: Cand, required: str) -> list[Cand]:
    """The first member and every name coordinated with it («X» و«Y»، و«Z»)."""
    members = [first]
    last = first
    for c in ctx.cands:
        if c.i < last.j:
            continue
        if not list_link(ctx, ctx.toks[last.j: c.i], c):
            break  # «الهيئة الوطنية … "نزاهة"»: a name in quotes right after another is its short name
        # a quoted name in a list is a member like the one before it («X» و«بصمة»): the list
        # vouches for it even when its word is an ordinary one; a name typed otherwise is not
        untyped_peer = c.source == "quoted" and state.types.get(c.key, c.type) is None
        if not c.key or not (state.fits(c, required) or untyped_peer):
            break
        members.append(c)
        last = c
    return members


def joined_by_list_word(ctx: SentCtx, between: list[Token], c: Cand) -> bool:
    """Whether a comma or a conjunction joins `c` to the name before it (the tokens `between`),
    rather than quote marks alone (an apposition: the name's short form)."""
    conj = lx.words("list_conjunction")
    return any(t.text in ("،", ",") or t.norm in conj for t in between) or (
        c.i < len(ctx.toks) and ctx.toks[c.i].norm[:1] in conj and c.start > ctx.toks[c.i].start)



def phrase_end(toks: list[Token], k: int, phrases: Iterable[tuple[str, ...]]) -> int:
    """The end of the first of `phrases` (normalised words) that starts at token `k`, else `k`."""
    for phrase in phrases:
        if k + len(phrase) <= len(toks) and all(toks[k + n].norm == w for n, w in enumerate(phrase)):
            return k + len(phrase)
    return k


def introducer_at(toks: list[Token], k: int) -> int:
    return phrase_end(toks, k, lx.list_introducers())


def name_after(ctx: SentCtx, k: int) -> tuple[Cand | None, int]:
    """The mention at token `k`, past a cue word that is no part of it and opening quotes
    («من قبل شركة «X»», «بمشاركة «Y»»), and the token where it was looked for."""
    toks = ctx.toks
    cue = match_cue(toks, k) if k < len(toks) and ctx.cand_at(k) is None else None
    if cue is not None:
        k = cue[1]
    while k < len(toks) and toks[k].text in QUOTE_OPEN:
        k += 1
    return ctx.cand_at(k), k


def list_link(ctx: SentCtx, between: list[Token], c: Cand) -> bool:
    """Whether the tokens `between` a name and `c` join them in one list: at most four, only
    commas, quotes and و/أو, with a comma or a conjunction among them (quotes alone make an
    apposition, the name's short form), or the next member's cue with the conjunction on it."""
    rest = [t for t in between if not (t.text in list_sep() or t.norm in list_sep())]
    if len(between) > 4 or len(rest) > 1:
        return False
    if rest:  # «شركة «X» وشركة «Y»»: the next member's cue carries the conjunction
        cue = match_cue(ctx.toks, rest[0].i)
        return cue is not None and cue[1] == rest[0].i + 1 and cue[2][:1] in lx.words("list_conjunction")
    return joined_by_list_word(ctx, between, c)


def _aside_end(toks: list[Token], k: int, trig: Trigger) -> int | None:
    """After the comma at k, the end of an aside closed by a second comma (بحسب وثائق اطلعت عليها
    الصحيفة، / رغم محاولاتها المتكررة …،), when the trigger's own preposition follows it within a
    few words; None when there is no such aside."""
    first = toks[k + 1].norm if k + 1 < len(toks) else ""
    if first.startswith("و") and (perfect_verb(first[1:]) or finite_verb(first[1:])):
        return None  # «استحوذت X، وأعلنت Y …،»: «و» and a verb start a clause, no aside
    for m in range(k + 2, min(len(toks), k + 16)):
        t = toks[m]
        if t.text in STOP:
            return None
        if t.text in ("،", ","):
            if any(prep_of(x) in trig.preps for x in toks[m + 1: m + 6]):
                return m + 1
            return None
    return None


def find_object(ctx: SentCtx, state: DocState, start: int, trig: Trigger, required: str,
                exclude: str = "") -> tuple[Cand | None, str]:
    """The object after the trigger; (None, 'pronoun') when a pronoun (لها، فيها) stands for it.

    The window counts words outside names: a name is one step, punctuation none."""
    toks = ctx.toks
    need_prep = "" not in trig.preps
    direct_only = trig.preps == ("",)  # a direct object: a name after a preposition is not it
    # a trigger that ends in its preposition («كشف النقاب عن») has introduced the object already
    seen_prep = prep_of(toks[start - 1]) if 0 < start <= len(toks) else ""
    if seen_prep not in trig.preps:
        seen_prep = ""
    k = start
    steps = 0
    intro_end: int | None = None
    while k < len(toks) and steps < trig.window:
        t = toks[k]
        # «الاستحواذ على قطاع الأجهزة التابع لـ"نوكيا"»: what follows is the owner of the object
        relative = k > start and t.norm in lx.words("relative_pronoun")
        if t.text in STOP or t.norm in lx.words("part_of") or relative:
            break  # «… الذي يوفر ميزة …»: a relative clause's names are its own
        if t.text in ("،", ","):
            nxt = introducer_at(toks, k + 1)
            if nxt == k + 1:
                aside = _aside_end(toks, k, trig) if need_prep and k - start <= 3 else None
                if aside is not None and any(c.type == "Person" and k < c.i < aside for c in ctx.cands):
                    aside = None  # «تحالف القاعدي، عبد الحكيم بلحاج، مع …»: an apposition naming the subject
                if aside is None:
                    break
                nxt = aside  # «استحوذت X، في صفقة وصفها محللون بالأكبر، على Y»: the aside is no step
            k = nxt
            continue
        intro = introducer_at(toks, k)
        if intro > k and ctx.cand_at(k) is None:
            k = intro_end = intro  # «منافسين مثل أبل وسامسونج»
            continue
        c = ctx.cand_at(k)
        # «تزود X كلا من Y»: the introducer's «من» governs no direct object
        introduced = c is not None and intro_end is not None and c.i <= intro_end + 1
        # («في إكس إن»: a name's first word may be a preposition's letters)
        if direct_only and ((t.norm in lx.prepositions() and c is None) or (
                c is not None and c.prep and not introduced)):
            break
        if c is not None and c.key:
            prep = "" if introduced and direct_only else (c.prep or seen_prep)
            if (not need_prep or prep in trig.preps) and c.key != exclude:
                slot = fit_slot(state, c, required)
                if slot is not None:
                    return slot, "name"
            k = c.j
            steps += 1
            continue
        if t.is_word and state.allows(required, "Organization") and not ctx.inside(k):
            # an unlisted foreign name right after the preposition: «على بيكر هيوز»
            just_after = seen_prep in trig.preps and k > 0 and prep_of(toks[k - 1]) == seen_prep
            own = prep_of(t)
            if (just_after or (own and own in trig.preps) or (not need_prep and k == start)) and (
                    not direct_only or not own):
                latent = latent_name(ctx, k, state=state)
                if latent is not None and latent.key != exclude:
                    return latent, "name"
        if t.is_word and t.norm not in lx.words("light_word") and match_cue(toks, k) is None:
            steps += 1  # «أطلقت مايكروسوفت اليوم نظام التشغيل ويندوز»: adverbs and cue words are free
        # a preposition of two letters or more with its pronoun (معها، فيها); a one-letter one
        # (لها) is read off its token below, with an antecedent that may be in an earlier sentence
        if seen_prep not in trig.preps and k - start <= 3 and _pronoun_prep(ctx, k, trig) and (
                _takes_pronoun_object(ctx, start)):
            return None, "pronoun here"  # its antecedent is in this sentence
        p = prep_of(t)
        if p and seen_prep not in trig.preps:
            seen_prep = p
            bases = (p, *lx.words_in_order("pronoun_preposition"))
            if p in trig.preps and k - start <= 3 and t.norm not in lx.prepositions() and any(
                    has_pronoun_suffix(t.norm, base) for base in bases):
                return None, "pronoun"
        k += 1
    return None, ""


def _pronoun_prep(ctx: SentCtx, k: int, trig: Trigger) -> bool:
    """«وقعت معها اتفاقية»، «استثمرت فيها»: the trigger's own preposition with a pronoun."""
    norm = ctx.toks[k].norm
    return not ctx.inside(k) and any(len(b) > 1 and has_pronoun_suffix(norm, b) for b in trig.preps)


def _takes_pronoun_object(ctx: SentCtx, end: int) -> bool:
    """The trigger ending before token `end` is a verb of a main clause («وقعت معها») or a share
    («حصة فيها»), not a verbal noun («توقيع اتفاقية معها»، «التحقيق معه») nor the verb of a
    relative clause («التي يعتمد عليها»), whose pronoun stands for the noun the clause describes."""
    toks = ctx.toks
    word = toks[end - 1].norm if end > 0 else ""
    if any(t.norm in lx.words("relative_pronoun") for t in toks[max(0, end - 3): end - 1]):
        return False
    # «استثمرت»: a perfect verb ends in its person's ت, where a plural noun ends in ات
    past = word.endswith("ت") and not word.endswith(lx.words_in_order("arabic_ending"))
    return past or perfect_verb(word) or finite_verb(word) or any(
        stem in lx.words("stake_word") for stem, _ in readings(word))


def name_after_pronoun(ctx: SentCtx, start: int, trig: Trigger) -> Cand | None:
    """«وقد استثمرت فيها «أرامكو»»: a name right after the pronoun the
    trigger's preposition carries is the verb's subject (verb, object pronoun, subject)."""
    for k in range(start, min(start + 4, len(ctx.toks))):
        if _pronoun_prep(ctx, k, trig):
            nxt = k + 1 + (k + 1 < len(ctx.toks) and ctx.toks[k + 1].text in QUOTE_OPEN)
            c = ctx.cand_at(nxt)
            return c if c is not None and c.key and not c.prep else None
    return None


def latent_name(ctx: SentCtx, k: int, clitic_ok: bool = False, state: DocState | None = None) -> Cand | None:
    """A name no list and no cue knows, read where a relation needs one: one to three words
    that are not Arabic vocabulary, given names, places or known names («هاليبرتون»,
    «بيكر هيوز»). A clitic on the first word (لـ، بـ، و) is read off."""
    from kg.extract.gazetteer import is_ordinary_exact, place_words
    from kg.extract.linking import mint_key
    from kg.extract.words import foreign_shape, is_first_name, is_latin_or_name
    from kg.text.normalize import normalize

    toks = ctx.toks
    e = k
    first_clitic = first_norm = ""
    while e < len(toks) and e < k + 3:
        t = toks[e]
        if not t.is_word or t.is_number or t.is_latin or is_latin_or_name(t):
            break
        norm = t.norm
        if (norm.startswith(("و", "ف")) or is_ordinary_exact(norm) or match_cue(toks, e)
                or norm in lx.generic_terms()):
            break  # «وتختبر», «بديل»: a conjunction or a listed word starts no unlisted name
        if e == k and clitic_ok:  # «لهاليبرتون»: the preposition the trigger wants, stuck on
            for stem, c in readings(norm)[1:]:
                if c is not None and c.is_prep and "art" not in c.kinds and len(stem) >= 3:
                    first_clitic, norm = c.form, stem
                    break
        if e == k:
            first_norm = norm
        if (len(norm) < 3 or looks_arabic(norm) or is_ordinary(norm) or is_first_name(norm)
                or norm in place_words() or norm in lx.prepositions()):
            break
        if any(c is not None and (looks_arabic(stem) or is_ordinary(stem))
               for stem, c in readings(norm)[1:] if len(stem) >= 3):
            break  # «لرقائق» is ل + an Arabic word
        e += 1
    if e == k:
        return None
    if state is not None and state.word_counts[toks[k].norm] < 2 and not foreign_shape(first_norm):
        return None  # an unlisted name is trusted when the article names it again, or spells it as one
    start = toks[k].start + len(first_clitic)
    end = toks[e - 1].end
    text = ctx.sentence.text[start - ctx.sentence.start: end - ctx.sentence.start]
    prep = first_clitic.lstrip("وف")[:1] if first_clitic.lstrip("وف") else ""
    if not prep and k > 0:
        prep = prep_of(toks[k - 1]) if toks[k - 1].norm in lx.prepositions() else ""
    return Cand(sent=ctx.sentence.index, i=k, j=e, start=start, end=end, text=text, norm=normalize(text),
                type=None, source="latent", prep=prep, key=mint_key(text))


def _in_relative_clause(ctx: SentCtx, c: Cand) -> bool:
    """«رقائق التي تطورها شركة «إنفيديا»»: a name inside a relative clause is not the main subject."""
    for t in reversed(ctx.toks[max(0, c.i - 4): c.i]):
        if t.text in ("،", ",", "؛"):
            return False
        if t.norm in lx.words("relative_pronoun"):
            return True
    return False


def _reporting_source(ctx: SentCtx, c: Cand, trig_i: int) -> bool:
    """«بحسب شبكة «سي إن بي سي»، عينت …»: a name a source word opens, set off by a comma before
    the trigger, reports the fact; it is not the subject."""
    lead = lx.words("source_lead")
    return any(t.norm in lead for t in ctx.toks[max(0, c.i - 3): c.i]) and any(
        t.text in ("،", ",") for t in ctx.toks[c.j: trig_i])


def find_subject(ctx: SentCtx, state: DocState, trig_i: int, obj: Cand | None, required: str,
                 upto: int | None = None, direct_only: bool = False) -> tuple[Cand | None, float]:
    """The subject: the nearest ungoverned name before the trigger, else one between
    the trigger and the object (verb-first order), else the sentence's topic."""
    before = [c for c in ctx.cands if c.j <= trig_i and c.key and not c.prep]
    # a name inside a relative clause (التي تطورها شركة «إنفيديا») is the subject only when
    # nothing outside one fits
    for allow_relative, conf in ((False, 1.0), (True, 0.9)):
        for c in reversed(before):
            if obj is not None and c.key == obj.key:
                continue
            if any(t.text in ("؛",) or t.norm in lx.words("complementizer") or t.norm in lx.words(
                    "clause_contrast") for t in ctx.toks[c.j: trig_i]):
                break  # «نقلت X عن مسؤول قوله إن …», «… بينما استحوذت Y»: that clause has its own subject
            if not allow_relative and _in_relative_clause(ctx, c):
                continue
            if _reporting_source(ctx, c, trig_i):
                continue
            slot = fit_slot(state, c, required)
            if slot is not None and (obj is None or slot.key != obj.key):
                return slot, conf
    if direct_only:
        return None, 0.0
    end = obj.i if obj is not None else (upto if upto is not None else trig_i + 4)
    for c in ctx.cands:
        if trig_i <= c.i < end and c.key and not c.prep:
            slot = fit_slot(state, c, required)
            if slot is not None and (obj is None or slot.key != obj.key):
                return slot, 0.95
    # no name in the sentence: only a verb that carries its subject (تعتمد، وتسعى) may take the
    # company the text was about; a bare verbal noun (تصنيع، الاعتماد، شراء) has no subject
    governing = ctx.toks[trig_i - 1].norm if trig_i > 0 else ""
    if governing.endswith(lx.words_in_order("addressee_suffix")):
        governing = ""  # «فيمكنك الاعتماد على …» speaks to the reader
    if finite_verb(ctx.toks[trig_i].norm) or finite_verb(governing) or perfect_verb(governing):
        for prev in reversed(state.subjects[-2:]):
            slot = fit_slot(state, prev, required)
            if slot is not None and (obj is None or slot.key != obj.key):
                return slot, 0.6
    return None, 0.0


def perfect_verb(norm: str) -> bool:
    """«أعلنت»، «قررت»، «بدأت» before a verbal noun: a verb whose subject is the company."""
    for stem, clitic in readings(norm):
        if clitic is not None and "art" in clitic.kinds:
            continue
        if (stem.endswith("ت") and 4 <= len(stem) <= 6
                and not stem.endswith(lx.words_in_order("non_verb_t_ending"))):
            return True
    return False


def finite_verb(norm: str) -> bool:
    """An imperfect verb with its person prefix (تعتمد، وتسعى، ستستثمر)."""
    for stem, clitic in readings(norm):
        if clitic is not None and "art" in clitic.kinds:
            continue
        if (stem[:1] in lx.words("third_person_prefix") and len(stem) >= 4
                and not stem.endswith(lx.words_in_order("non_verb_ending"))):
            return True
    return False


def antecedent(ctx: SentCtx, state: DocState, before: int, required: str, exclude: str,
               here: bool = False) -> Cand | None:
    """The most recent name before token `before` that fits (for لها، فيها); `here`: in this
    sentence only."""
    rel = [k for k in range(before) if ctx.toks[k].norm in lx.words("relative_pronoun")] if here else []
    for c in reversed([c for c in ctx.cands if c.j <= before and c.key]):
        if rel and c.j <= rel[-1] and not all(t.text in list_sep() for t in ctx.toks[c.j: rel[-1]]):
            return None  # «… شركة X والتي تملك Y حصة فيها»: the pronoun is the clause's head, unnamed here
        slot = fit_slot(state, c, required)
        if slot is not None and slot.key != exclude and not (rel and c.j > rel[-1]):
            return slot
    if here:
        return None
    for prev in reversed(state.subjects[-2:]):
        slot = fit_slot(state, prev, required)
        if slot is not None and slot.key != exclude:
            return slot
    return None
