"""Relations from trigger words (triggers.tsv) and titles (titles.tsv).

Each trigger row names a frame, the way its arguments are laid out around it; the frames
are the only place that knows Arabic word order. Argument types are checked against the
ontology's domain and range, so a trigger never links a person where a company belongs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from kg.extract import lexicon as lx
from kg.extract.lexicon import Trigger
from kg.extract.mentions import Cand, match_cue
from kg.extract.roles import RoleHit
from kg.extract.words import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    has_pronoun_suffix,
    is_common,
    is_ordinary,
    looks_arabic,
    prep_of,
    readings,
    word_matches,
)
from kg.model import Sentence
from kg.text.tokens import Token

_REL_PRONOUNS = {"الذي", "التي", "والذي", "والتي", "اللذين", "اللتين", "الذين"}
_LIST_SEP = {"،", ",", "و", "او", "أو"} | QUOTE_OPEN | set(QUOTE_CLOSE)
_STOP = {"؛", ":", ".", "(", ")"}
ORG_TYPES = ("Organization",)
# «الاستحواذ على قطاع الأجهزة التابع لـ"نوكيا"»: what follows is the owner of the object, not the object
_PART_OF = {"التابع", "التابعه", "المملوك", "المملوكه", "لدي"}
_LIGHT = {"اليوم", "امس", "الجديد", "الجديده", "رسميا", "حاليا", "ايضا", "قد", "كذلك", "مؤخرا", "الذكي",
          "الذكيه", "الاول", "الاولي", "الاحدث", "المرتقب", "المرتقبه"}
_QUANTITY = {"نحو", "حوالي", "قرابه", "اكثر", "اقل", "ما", "معظم", "غالبيه", "نسبه", "حصه", "كل", "جميع"}
_MARKET_HEADS = {"سوق", "اسواق", "قطاع", "صناعه", "مجال"}


@dataclass
class SentCtx:
    sentence: Sentence
    toks: list[Token]
    cands: list[Cand]  # linked: key set; anaphors resolved or dropped

    def cand_at(self, i: int) -> Cand | None:
        for c in self.cands:
            if c.i == i:
                return c
        return None

    def inside(self, i: int) -> bool:
        return any(c.i <= i < c.j for c in self.cands)


@dataclass(frozen=True)
class RawFact:
    subject: Cand
    predicate: str
    object: Cand
    trig_i: int
    trig_j: int
    confidence: float
    rule: str
    sent: int
    future: bool = False  # the trigger carries the future prefix (ستستثمر)


@dataclass
class DocState:
    """What the relation rules may ask about the rest of the document."""

    is_a: Callable[[str, str], bool]
    domain: dict[str, str]
    range: dict[str, str]
    types: dict[str, str | None] = field(default_factory=dict)  # key -> type (None: untyped)
    affiliation: dict[str, str] = field(default_factory=dict)  # person key -> organisation key
    subjects: list[Cand] = field(default_factory=list)  # each earlier sentence's subject, latest last
    company_counts: Counter[str] = field(default_factory=Counter)  # named company mentions so far
    word_counts: Counter[str] = field(default_factory=Counter)  # every reading of every word in the document
    group_country: tuple[str, int, int, int] | None = None  # «تحالف شركات ألمانية»: key, sentence, token span

    def topic(self) -> str | None:
        """The company the document is about: the one named most, at least twice."""
        if not self.company_counts:
            return None
        key, count = self.company_counts.most_common(1)[0]
        return key if count >= 2 or len(self.company_counts) == 1 else None

    def fits(self, c: Cand, required: str) -> bool:
        t = self.types.get(c.key, c.type)
        if t is None:
            # an untyped quoted name made of ordinary words is a title or a slogan
            # («حق النسيان», «دولة وقادة»), not an organisation or a product
            words = c.norm.split()
            if c.source == "quoted" and (any(w.startswith("ال") or looks_arabic(w) for w in words)
                                         or all(is_common(w) for w in words)
                                         or (len(words) == 1 and is_ordinary(words[0]))):
                return False
            return required in ("Organization", "Company", "Product", "Software", "Service")
        return self.is_a(t, required)

    def as_org(self, c: Cand) -> Cand | None:
        """The organisation a mention stands for: itself, or a person's employer."""
        if self.fits(c, "Organization"):
            return c
        org = self.affiliation.get(c.key)
        if org is not None:
            return Cand(c.sent, c.i, c.j, c.start, c.end, c.text, c.norm, self.types.get(org) or "Company",
                        "affiliation", c.prep, key=org)
        return None


def _slot(state: DocState, c: Cand, required: str) -> Cand | None:
    if state.fits(c, required):
        return c
    if state.fits(c, "Person") and (state.is_a(required, "Organization") or required == "Organization"):
        org = state.as_org(c)  # a person speaking for their company
        if org is not None and state.fits(org, required):
            return org
    return None


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


def list_from(ctx: SentCtx, state: DocState, first: Cand, required: str) -> list[Cand]:
    """The first member and every name coordinated with it («X» و«Y»، و«Z»)."""
    members = [first]
    last = first
    for c in ctx.cands:
        if c.i < last.j:
            continue
        between = ctx.toks[last.j: c.i]
        if len(between) > 4 or not all(t.text in _LIST_SEP or t.norm in _LIST_SEP for t in between):
            break
        if not c.key or not state.fits(c, required):
            break
        members.append(c)
        last = c
    return members


def _introducer_at(toks: list[Token], k: int) -> int:
    for phrase in lx.list_introducers():
        if k + len(phrase) <= len(toks) and all(toks[k + n].norm == w for n, w in enumerate(phrase)):
            return k + len(phrase)
    return k


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
    while k < len(toks) and steps < trig.window:
        t = toks[k]
        if t.text in _STOP or t.norm in _PART_OF:
            break
        if t.text in ("،", ","):
            nxt = _introducer_at(toks, k + 1)
            if nxt == k + 1:
                break
            k = nxt
            continue
        intro = _introducer_at(toks, k)
        if intro > k and ctx.cand_at(k) is None:
            k = intro  # «منافسين مثل أبل وسامسونج»
            continue
        c = ctx.cand_at(k)
        if direct_only and (t.norm in lx.prepositions() or (c is not None and c.prep)):
            break
        if c is not None and c.key:
            prep = c.prep or seen_prep
            if (not need_prep or prep in trig.preps) and c.key != exclude:
                slot = _slot(state, c, required)
                if slot is not None:
                    return slot, "name"
            k = c.j
            steps += 1
            continue
        if t.is_word and state.is_a(required, "Organization") and not ctx.inside(k):
            # an unlisted foreign name right after the preposition: «على بيكر هيوز»
            just_after = seen_prep in trig.preps and k > 0 and prep_of(toks[k - 1]) == seen_prep
            own = prep_of(t)
            if (just_after or (own and own in trig.preps) or (not need_prep and k == start)) and (
                    not direct_only or not own):
                latent = latent_name(ctx, k, state=state)
                if latent is not None and latent.key != exclude:
                    return latent, "name"
        if t.is_word and t.norm not in _LIGHT and match_cue(toks, k) is None:
            steps += 1  # «أطلقت مايكروسوفت اليوم نظام التشغيل ويندوز»: adverbs and cue words are free
        p = prep_of(t)
        if p and seen_prep not in trig.preps:
            seen_prep = p
            if p in trig.preps and k - start <= 3 and t.norm not in lx.prepositions() and any(
                    has_pronoun_suffix(t.norm, base) for base in (p, "ل", "في", "مع", "علي", "عن", "من")):
                return None, "pronoun"
        k += 1
    return None, ""


def latent_name(ctx: SentCtx, k: int, clitic_ok: bool = False, state: DocState | None = None) -> Cand | None:
    """A name no list and no cue knows, read where a relation needs one: one to three words
    that are not Arabic vocabulary, given names, places or known names («هاليبرتون»,
    «بيكر هيوز»). A clitic on the first word (لـ، بـ، و) is read off."""
    from kg.extract.linking import mint_key
    from kg.extract.mentions import is_ordinary_exact, place_words
    from kg.extract.words import is_first_name, is_latin_or_name, is_ordinary
    from kg.text.normalize import normalize

    toks = ctx.toks
    e = k
    first_clitic = ""
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
        if (len(norm) < 3 or looks_arabic(norm) or is_ordinary(norm) or is_first_name(norm)
                or norm in place_words() or norm in lx.prepositions()):
            break
        if any(c is not None and (looks_arabic(stem) or is_ordinary(stem))
               for stem, c in readings(norm)[1:] if len(stem) >= 3):
            break  # «لرقائق» is ل + an Arabic word
        e += 1
    if e == k:
        return None
    if state is not None and state.word_counts[toks[k].norm] < 2:
        return None  # an unlisted name is trusted only when the article names it again
    start = toks[k].start + len(first_clitic)
    end = toks[e - 1].end
    text = ctx.sentence.text[start - ctx.sentence.start: end - ctx.sentence.start]
    prep = first_clitic.lstrip("وف")[:1] if first_clitic.lstrip("وف") else ""
    if not prep and k > 0:
        prep = prep_of(toks[k - 1]) if toks[k - 1].norm in lx.prepositions() else ""
    return Cand(ctx.sentence.index, k, e, start, end, text, normalize(text), None, "latent", prep,
                key=mint_key(text))


def _in_relative_clause(ctx: SentCtx, c: Cand) -> bool:
    """«رقائق التي تطورها شركة «إنفيديا»»: a name inside a relative clause is not the main subject."""
    for t in reversed(ctx.toks[max(0, c.i - 4): c.i]):
        if t.text in ("،", ",", "؛"):
            return False
        if t.norm in _REL_PRONOUNS:
            return True
    return False


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
            if any(t.text in ("؛",) for t in ctx.toks[c.j: trig_i]):
                break
            if not allow_relative and _in_relative_clause(ctx, c):
                continue
            slot = _slot(state, c, required)
            if slot is not None and (obj is None or slot.key != obj.key):
                return slot, conf
    if direct_only:
        return None, 0.0
    end = obj.i if obj is not None else (upto if upto is not None else trig_i + 4)
    for c in ctx.cands:
        if trig_i <= c.i < end and c.key and not c.prep:
            slot = _slot(state, c, required)
            if slot is not None and (obj is None or slot.key != obj.key):
                return slot, 0.95
    # no name in the sentence: only a verb that carries its subject (تعتمد، وتسعى) may take the
    # company the text was about; a bare verbal noun (تصنيع، الاعتماد، شراء) has no subject
    governing = ctx.toks[trig_i - 1].norm if trig_i > 0 else ""
    if governing.endswith(("ك", "كم")):
        governing = ""  # «فيمكنك الاعتماد على …» speaks to the reader
    if _finite_verb(ctx.toks[trig_i].norm) or _finite_verb(governing) or _perfect_verb(governing):
        for prev in reversed(state.subjects[-2:]):
            slot = _slot(state, prev, required)
            if slot is not None and (obj is None or slot.key != obj.key):
                return slot, 0.6
    return None, 0.0


def _perfect_verb(norm: str) -> bool:
    """«أعلنت»، «قررت»، «بدأت» before a verbal noun: a verb whose subject is the company."""
    for stem, clitic in readings(norm):
        if clitic is not None and "art" in clitic.kinds:
            continue
        if stem.endswith("ت") and 4 <= len(stem) <= 6 and not stem.endswith(("ات", "يت")):
            return True
    return False


def _finite_verb(norm: str) -> bool:
    """An imperfect verb with its person prefix (تعتمد، وتسعى، ستستثمر)."""
    for stem, clitic in readings(norm):
        if clitic is not None and "art" in clitic.kinds:
            continue
        if stem[:1] in ("ت", "ي") and len(stem) >= 4 and not stem.endswith(("ه", "ات")):
            return True
    return False


def antecedent(ctx: SentCtx, state: DocState, before: int, required: str, exclude: str) -> Cand | None:
    """The most recent name before token `before` that fits (for لها، فيها)."""
    for c in reversed([c for c in ctx.cands if c.j <= before and c.key]):
        slot = _slot(state, c, required)
        if slot is not None and slot.key != exclude:
            return slot
    for prev in reversed(state.subjects[-2:]):
        slot = _slot(state, prev, required)
        if slot is not None and slot.key != exclude:
            return slot
    return None


def apply_trigger(ctx: SentCtx, state: DocState, trig: Trigger) -> list[RawFact]:
    dom = state.domain[trig.predicate]
    rng = state.range[trig.predicate]
    if trig.predicate == "acquires":
        rng = "Organization"
    out: list[RawFact] = []
    names = {}
    for c in ctx.cands:
        if c.key and not c.prep:
            names[c.i - 1 if c.i > 0 and ctx.toks[c.i - 1].text in QUOTE_OPEN else c.i] = c.j
    for i, j, future in trigger_matches(ctx.toks, trig, names):
        if ctx.inside(i):
            continue
        if j < len(ctx.toks) and any(s == "عدم" for s, _ in readings(ctx.toks[j].norm)):
            continue  # «اتفاق بعدم المنافسة» is an agreement not to compete
        frame = _FRAMES[trig.frame]
        for subj, obj, conf in frame(ctx, state, trig, i, j, dom, rng):
            if subj.key == obj.key:
                continue
            out.append(RawFact(subj, trig.predicate, obj, i, j, round(trig.confidence * conf, 3),
                               f"{trig.frame}:{trig.line}", ctx.sentence.index, future))
    return out


Found = list[tuple[Cand, Cand, float]]


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
    if any(stem.startswith("م") for stem, _ in readings(last)):
        return False
    return _carries_pronoun(last, trig)


def _joint(ctx: SentCtx, a: Cand, b: Cand) -> bool:
    """«شركتا «فيتبيت» و«غارمين»»: two names joined by و are joint arguments, not subject and object."""
    between = ctx.toks[a.j: b.i]
    return 0 < len(between) <= 4 and all(t.text in _LIST_SEP or t.norm in _LIST_SEP for t in between)


def _svo(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    if "" in trig.preps and _pronoun_object(ctx, trig, j):
        return []
    # «بعد استحواذ جوجل على …», «مع إطلاق مايكروسوفت ويندوز»: a verbal noun inside a
    # prepositional phrase takes the name right after it as its agent
    governed = bool(prep_of(ctx.toks[i])) or (i > 0 and ctx.toks[i - 1].norm in lx.prepositions()) or (
        i > 0 and ctx.toks[i - 1].norm in ("بعد", "قبل", "عقب", "اثر", "بعيد", "خلال"))
    if governed and _carries_pronoun(ctx.toks[j - 1].norm, trig):
        governed = False  # «على منافستها «بي جي»»: the pronoun owns the noun; what follows is apposition
    right_after = next((c for c in ctx.cands if j <= c.i <= j + 1 and c.key and not c.prep), None)
    subj, sconf = (None, 0.0) if governed and right_after is not None else find_subject(
        ctx, st, i, None, dom, direct_only=True)
    if subj is None:
        # verb first: «فرضت المفوضية الأوروبية غرامة على «جوجل»»: the first name after the verb
        first = next((c for c in ctx.cands if j <= c.i <= j + 3 and c.key and not c.prep), None)
        if first is None and j < len(ctx.toks) and st.is_a(dom, "Organization"):
            first = latent_name(ctx, j, state=st)  # «استحوذت هاليبرتون على …»
            if first is not None and first.prep:
                first = None
        if first is not None and _slot(st, first, dom) is not None:
            vs = _slot(st, first, dom)
            assert vs is not None
            obj, how = find_object(ctx, st, first.j, trig, rng, exclude=vs.key)
            if obj is None or _joint(ctx, first, obj):
                return []  # the name after the verb is its subject; the object is not named
            return [(vs, o, 0.95) for o in list_from(ctx, st, obj, rng) if o.key != vs.key]
    obj, how = find_object(ctx, st, j, trig, rng, exclude=subj.key if subj else "")
    if obj is None and how != "pronoun":
        return []
    if subj is None:
        subj, sconf = find_subject(ctx, st, i, obj, dom)
        if subj is None:
            return []
    if obj is None:
        obj = antecedent(ctx, st, i, rng, subj.key)
        if obj is None:
            return []
        return [(subj, obj, sconf * 0.8)]
    return [(subj, o, sconf) for o in list_from(ctx, st, obj, rng) if o.key != subj.key]


def _rel(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    """«مشروع X الذي أطلقه «فيسبوك»», «شركة X التي استحوذت عليها «سامسونغ»»."""
    k = i - 1
    if k < 0 or ctx.toks[k].norm not in _REL_PRONOUNS:
        return []
    stems = [p.text for f in trig.forms for p in f[:1]]
    on_verb = any(has_pronoun_suffix(ctx.toks[i].norm, s) for s in stems)
    nxt = ctx.toks[j] if j < len(ctx.toks) else None
    on_prep = nxt is not None and nxt.norm not in lx.prepositions() and any(
        has_pronoun_suffix(nxt.norm, p) for p in ("علي", "ل", "في", "من", "ب"))
    if not (on_verb or on_prep):
        return []
    obj = next((c for c in reversed(ctx.cands) if c.j <= k and k - c.j <= 4 and c.key), None)
    start = j + 1 if on_prep else j
    subj = next((c for c in ctx.cands if start <= c.i <= start + 2 and c.key and not c.prep), None)
    if subj is None and on_prep:
        # «التي استحوذت عليها العام الماضي»: the subject is the sentence's
        subj = next((c for c in ctx.cands if c.j <= k and c.key and not c.prep and c is not obj
                     and c.i < (obj.i if obj else k)), None)
    if obj is None or subj is None:
        return []
    s, o = _slot(st, subj, dom), _slot(st, obj, rng)
    return [(s, o, 1.0)] if s and o and s.key != o.key else []


def _owned(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    obj = next((c for c in reversed(ctx.cands) if c.j <= i and i - c.j <= 2
                and all(t.text in QUOTE_CLOSE or not t.is_word for t in ctx.toks[c.j: i])), None)
    owner, _ = find_object(ctx, st, j, trig, dom)
    if obj is None or owner is None:
        return []
    o = _slot(st, obj, rng)
    return [(owner, o, 1.0)] if o else []


def _sell(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    buyer_at = next((c for c in ctx.cands if c.i >= j and c.key and c.prep == "ل"), None)
    if buyer_at is None:
        return []
    direct = [c for c in ctx.cands if j <= c.i < buyer_at.i and c.key and not c.prep]
    if not direct:
        return []
    # «باعت «جوجل» شركة «موتورولا» لـ…»: with two names after the verb the first is the seller
    thing = direct[1] if len(direct) >= 2 else direct[0]
    buyer = _slot(st, buyer_at, dom)
    if _slot(st, thing, rng) is None:
        return []  # «بيع هواتف «آيفون» لشركة …» sells products, it does not sell a company
    return [(buyer, thing, 0.9)] if buyer is not None else []


def _hire(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    person = next((c for c in ctx.cands if j <= c.i <= j + trig.window and c.key
                   and st.fits(c, "Person")), None)
    if person is None:
        return []
    org, conf = find_subject(ctx, st, i, person, dom)
    return [(org, person, conf)] if org else []


def _join(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    person = next((c for c in ctx.cands if (j <= c.i <= j + 3 or i - 3 <= c.j <= i) and c.key
                   and st.fits(c, "Person")), None)
    if person is None:
        return []
    org, _ = find_object(ctx, st, j, trig, dom, exclude=person.key)
    return [(org, person, 1.0)] if org else []


def _alt(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    obj, _ = find_object(ctx, st, j, trig, rng)
    if obj is not None and not (st.types.get(obj.key) or obj.type):
        obj = None  # «وبدائله»: an untyped name is too weak for an alternative
    subj, conf = find_subject(ctx, st, i, obj, dom)
    if subj is None:
        return []
    if obj is None:
        obj = antecedent(ctx, st, i, rng, subj.key)
        conf *= 0.85
    return [(subj, obj, conf)] if obj is not None and obj.key != subj.key else []


def _market(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    toks = ctx.toks
    k = j
    after = next((c for c in ctx.cands if j <= c.i <= j + 1 and c.key and not c.prep), None)
    if after is not None and _slot(st, after, dom) is not None:  # «تتصدر «سامسونغ» سوق …»
        k = after.j
        while k < len(toks) and toks[k].text in QUOTE_CLOSE:
            k += 1
    if "" not in trig.preps:
        if k >= len(toks) or prep_of(toks[k]) not in trig.preps:
            return []
        if toks[k].norm in lx.prepositions():
            k += 1
    end = k
    while end < len(toks) and end < k + 5 and toks[end].is_word and not toks[end].is_number:
        n = toks[end].norm
        if n in lx.prepositions() or n in _REL_PRONOUNS or (end > k and n.startswith("و")):
            break
        end += 1
    if after is not None and _slot(st, after, dom) is not None:
        subj, conf = _slot(st, after, dom), 0.95
    else:
        subj, conf = find_subject(ctx, st, i, None, dom)
    if subj is None:
        return []
    if k < len(toks) and (toks[k].is_number or toks[k].norm in _QUANTITY):
        return []  # «تهيمن على نحو 90 بالمئة» is a share, not a market
    from kg.extract.mentions import place_words

    if any(t.norm in place_words() for t in toks[k:end]):
        return []  # «اقتصاد كوريا» is a country's economy, not a market
    known = ctx.cand_at(k)
    if known is not None and known.key and st.fits(known, "Market"):
        return [(subj, known, conf)]
    if end - k < 1 or ctx.inside(k):
        return []
    if "" in trig.preps and toks[k].norm not in _MARKET_HEADS:
        return []  # «تتصدر» without a preposition needs an explicit market: سوق، قطاع …
    start_char = toks[k].start
    if toks[k].norm not in lx.prepositions() and prep_of(toks[k]) and k == j:
        start_char += 1  # على is a word; ل/ب attached are one letter
    text = ctx.sentence.text[start_char - ctx.sentence.start: toks[end - 1].end - ctx.sentence.start]
    from kg.text.normalize import normalize

    market = Cand(ctx.sentence.index, k, end, start_char, toks[end - 1].end, text, normalize(text),
                  "Market", "market", "", key="")
    return [(subj, market, conf * 0.9)]


def _between(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    toks = ctx.toks
    for k in range(j, min(len(toks), j + 3)):
        if toks[k].norm == "بين":
            first = ctx.cand_at(k + 1) or (ctx.cand_at(k + 2) if k + 2 < len(toks) and toks[k + 1].text in
                                           QUOTE_OPEN else None)
            if first is None or not first.key:
                return []
            members = list_from(ctx, st, first, dom)
            return [(a, b, 0.95) for n, a in enumerate(members) for b in members[n + 1:]]
    return []


def _members(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    toks = ctx.toks
    for k in range(j, min(len(toks), j + trig.window)):
        if toks[k].text in _STOP:
            return []
        for prep in trig.preps:
            words = prep.split()
            if words and k + len(words) <= len(toks) and all(
                    any(s == w for s, _ in readings(toks[k + n].norm)) for n, w in enumerate(words)):
                first = next((c for c in ctx.cands if k + len(words) <= c.i <= k + len(words) + 2 and c.key),
                             None)
                if first is None:
                    return []
                members = list_from(ctx, st, first, dom)
                if len(members) < 2:
                    return []
                return [(a, b, 0.9) for n, a in enumerate(members) for b in members[n + 1:]]
    return []


def _appos(ctx: SentCtx, st: DocState, trig: Trigger, i: int, j: int, dom: str, rng: str) -> Found:
    subj = next((c for c in reversed(ctx.cands) if c.j <= i and c.key and all(
        t.text in ("،", ",") or t.text in QUOTE_CLOSE for t in ctx.toks[c.j: i])), None)
    if subj is None or _slot(st, subj, dom) is None:
        return []
    obj, _ = find_object(ctx, st, j, trig, rng)
    return [(subj, obj, 1.0)] if obj is not None else []


_FRAMES = {
    "appos": _appos,
    "svo": _svo, "rel": _rel, "owned": _owned, "sell": _sell, "hire": _hire, "join": _join,
    "alt": _alt, "market": _market, "between": _between, "members": _members,
}


def role_facts(ctx: SentCtx, st: DocState, hits: list[RoleHit]) -> list[RawFact]:
    out = []
    for h in hits:
        person = h.person
        if person is None:
            if not h.clause_subject:
                continue  # a title with nobody named next to it, and no «شغل منصب»: whose is it?
            person = next((c for c in reversed(ctx.cands)
                           if c.j <= h.i and c.key and st.fits(c, "Person")), None)
        if person is None or not st.fits(person, "Person"):
            continue
        org = h.org
        conf = 0.9
        topic = st.topic()
        if org is not None and org.anaphor and topic is not None and org.key != topic:
            # «المدير التنفيذي للشركة»: the company is the one the article is about
            org = Cand(org.sent, org.i, org.j, org.start, org.end, org.text, org.norm, "Company", "topic",
                       org.prep, key=topic)
        if org is None or not org.key:
            # «… الرئيس التنفيذي للعمليات» names no company: take the company of the sentence,
            # but only for an officer's title next to its holder's name
            if not (h.function and h.person is not None):
                continue
            org = next((c for c in reversed(ctx.cands) if c.j <= h.i and c.key
                        and st.is_a(st.types.get(c.key) or c.type or "", "Company")), None)
            conf = 0.7
            topic = st.topic()
            if org is None and topic is not None:
                # «… الرئيس التنفيذي الأعلى لقطاع الأعمال» in an article about one company
                org = Cand(h.i, h.i, h.j, person.start, person.end, "", "", "Company", "topic", key=topic)
                conf = 0.6
        if org is None:
            continue
        st.affiliation.setdefault(person.key, org.key)
        if h.predicate == "-":
            continue
        out.append(RawFact(person, h.predicate, org, h.i, h.j, conf, "title", ctx.sentence.index))
    return out
