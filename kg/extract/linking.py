"""Stage 3, linking: mentions → entities of the document.

Reads the mentions of every sentence; adds to each its entity key (a known name keeps its
ontology key; a new name gets one transliterated from its normalised spelling with camel-tools,
so the same name in another article lands on the same node and a rebuild changes nothing), the
types spread along lists («Cerebras» و«Groq»), the resolution of anaphors (الشركة: the sentence's
subject, a company named earlier in it, or the article's main company), and into the document
state the types seen and the companies counted. `document_gazetteer` makes the names found with
a cue or a title known everywhere in the document; `document_entities` assembles the entities.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache

try:
    from camel_tools.utils.charmap import CharMapper
except ImportError:  # camel-tools is installed apart: kg.text.normalize says what is missing, and how
    import kg.text.normalize  # noqa: F401  (raises the ResourceError)

    raise

from kg.extract import lexicon as lx
from kg.extract import trace
from kg.extract.gazetteer import Gazetteer
from kg.extract.types import Cand, DocState, RawFact, Ref
from kg.extract.words import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    is_common,
    is_ordinary,
    looks_verb,
    number_form,
    readings,
    written_accusative,
)
from kg.model import Entity, Fact, Mention
from kg.text.normalize import normalize, strip_diacritics
from kg.text.tokens import Token


@lru_cache(maxsize=1)
def _translit() -> CharMapper:
    return CharMapper.builtin_mapper("ar2safebw")


def mint_key(name: str, type_: str | None = None) -> str:
    """A stable IRI local name for an unlisted entity, one per name.

    The words of the normalised name, transliterated with camel-tools' safe Buckwalter scheme
    (Arabic) or as written (Latin), joined by "_". The transliteration is case-sensitive (ت t,
    ط T; ح H, ه h), so no letters are folded together: طلال and تلال, هلال and حلال stay
    apart. Keys are injective on the normalised name's words (punctuation between them counts
    as a space) and the same on every run.
    """
    norm = normalize(name)
    if re.search(r"[\u0600-\u06FF]", norm):
        norm = _translit()(norm)
    else:
        norm = name  # Latin names keep their capitals: LoopPay, not Looppay
    words = re.findall(r"[A-Za-z0-9]+", norm)
    key = "_".join(words) or "Entity"
    if key[0].isdigit():
        key = "E" + key
    if type_ == "Market":
        key = "Market_" + key
    return key


def build_entities(cands: list[Cand], types: dict[str, str | None], labels: dict[str, tuple[str, str, str]],
                   keep: set[str]) -> tuple[Entity, ...]:
    """One Entity per key in `keep`; `labels` holds (ar, en, wikidata) for known keys."""
    by_key: dict[str, list[Cand]] = defaultdict(list)
    for c in cands:
        if c.key and c.key in keep:
            by_key[c.key].append(c)
    out = []
    for key in sorted(by_key):
        ms = sorted(by_key[key], key=lambda c: c.start)
        if key in labels:
            ar, en, wd = labels[key]
            known = True
        else:
            forms = Counter(strip_diacritics(c.text) for c in ms if c.is_named)
            if not forms:
                continue
            latin = [f for f in forms if re.fullmatch(r"[\x00-\x7F]+", f)]
            arabic = [f for f in forms if f not in latin] or latin  # «سينيفيرز (Syniverse)»: both labels
            ar = max(arabic, key=lambda f: (len(f.split()) if ms[0].type == "Person" else forms[f], len(f)))
            en = max(latin, key=lambda f: (forms[f], len(f))) if latin else ""
            wd, known = "", False
        mentions = tuple(Mention(c.start, c.end, c.text, key, types.get(key) or c.type or "Company",
                                 c.source) for c in ms)
        out.append(Entity(key, ar, en, types.get(key) or ms[0].type or "Company", known, wd, mentions))
    return tuple(out)


def document_gazetteer(all_cands: list[list[Cand]], toks: list[list[Token]]) -> Gazetteer:
    """Names found with a cue, a title or a given name, to be recognised everywhere in the document
    (`toks`: the sentences' tokens); a Latin name written right after an Arabic one is the same
    name («سينيفيرز (Syniverse)»), here and wherever else the document says it."""
    gaz = Gazetteer()
    for cands, tk in zip(all_cands, toks, strict=True):
        for arabic, latin in transliteration_pairs(cands, tk):
            type_ = arabic.type or latin.type
            if type_:
                ref = arabic.ref or latin.ref or Ref(key=mint_key(_own_name(arabic), type_), type=type_,
                                                     label_ar=arabic.text, label_en=latin.text,
                                                     wikidata="", known=False)
                gaz.add(latin.text, ref)
                gaz.add(arabic.text, ref)
        for c in cands:
            if c.anaphor:
                continue
            if c.type == "Person" and (c.source in ("person", "title") or c.ref is not None or (
                    c.source == "crf" and len(c.norm.split()) >= 2)):
                ref = c.ref or Ref(key=mint_key(c.text), type="Person", label_ar=c.text, label_en="",
                                   wikidata="", known=False)
                gaz.add(c.text, ref)
                words = c.norm.split()
                if len(words) >= 2:
                    if len(words) >= 3 and words[-2] in lx.words("patronymic"):
                        gaz.add(" ".join(words[-2:]), ref)
                    # «محمد علي»: علي alone is as often «على» (on) written with ya
                    last = words[-1]
                    if len(last) >= 3 and not is_common(last) and last not in lx.prepositions():
                        gaz.add(last, ref)
            elif c.ref is None and c.type is not None and c.source in ("cue", "quoted", "latin", "ner",
                                                                         "acronym", "designation", "suffix"):
                own = _own_name(c)
                ref = Ref(key=mint_key(own, c.type), type=c.type, label_ar=c.text, label_en="", wikidata="",
                          known=False)
                gaz.add(c.text, ref)
                if own != c.text:
                    gaz.add(own, ref)  # «السعودية للكهرباء», said after the full name
    return gaz


def transliteration_pairs(cands: list[Cand], toks: list[Token]) -> list[tuple[Cand, Cand]]:
    """(Arabic name, Latin name) where the Latin spelling follows the Arabic one with nothing but
    brackets or quotes between («إير كلوب "Air Club"», «سينيفيرز (Syniverse)»)."""
    marks = {"(", "["} | QUOTE_OPEN | set(QUOTE_CLOSE)
    out = []
    for a, b in zip(cands, cands[1:], strict=False):
        if not toks[b.i].is_latin or a.anaphor or b.anaphor or toks[a.i].is_latin or (a.ref and b.ref):
            continue
        between = toks[a.j:b.i]
        if len(between) <= 2 and all(t.text in marks for t in between) and sounds_alike(a.norm, b.text):
            out.append((a, b))
    return out


def sounds_alike(arabic: str, latin: str) -> bool:
    """Whether two spellings write one foreign name (سينيفيرز, Syniverse): their consonants, in
    the sound classes of letter_sounds.tsv, mostly agree (Dice over the longest common run)."""
    letters, units = lx.letter_sounds()
    ar = [letters[ch] for ch in arabic if ch in letters]
    la: list[frozenset[str]] = []
    text, k = latin.lower(), 0
    while k < len(text):
        unit = text[k:k + 2] if text[k:k + 2] in units else text[k]
        if unit in units:
            la.append(units[unit])
        k += len(unit)
    if len(ar) < 2 or len(la) < 2:
        return False
    best = [[0] * (len(la) + 1) for _ in range(len(ar) + 1)]
    for x in range(len(ar)):
        for y in range(len(la)):
            best[x + 1][y + 1] = best[x][y] + 1 if ar[x] in la[y] else max(best[x][y + 1], best[x + 1][y])
    return 2 * best[-1][-1] / (len(ar) + len(la)) >= SOUNDS_ALIKE


# consonants in common, as a share of both spellings, for a transliteration pair: Syniverse and
# سينيفيرز share all five; «ماكرو» and «Apple» none
SOUNDS_ALIKE = 0.7


def spread_list_types(cands: list[Cand], toks: list[Token]) -> list[Cand]:
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


def link(c: Cand) -> Cand:
    if c.anaphor:
        return c
    if c.ref is not None:
        return replace(c, key=c.ref.key, type=c.ref.type or c.type)
    return replace(c, key=mint_key(_own_name(c), c.type))


def _own_name(c: Cand) -> str:
    """A body's name without a cue that is not part of it: «الشركة السعودية للكهرباء» and
    «السعودية للكهرباء» (as «للشركة السعودية للكهرباء» is read) are one node."""
    if c.source != "designation":
        return c.text
    words = c.norm.split()  # the name in full, even where «لل» swallowed its article
    first = words[0]
    for stem in (first, *(s for s, _ in readings(first)[1:])):
        cues = lx.cue_index().get(stem, ())
        if len(words) > 2 and any(not cue.keep and len(cue.words) == 1 for _o, cue in cues):
            return " ".join(words[1:])
    return c.norm


def sentence_subject(cands: list[Cand], state: DocState, facts: Iterable[RawFact] = ()) -> Cand | None:
    """The organisation a sentence is about (what a later «ها» or «الشركة» stands for): its first
    ungoverned typed name, else a name of no type that one of its company facts has as subject
    («تتخذ بريزموتك من طوكيو مقرا لها»)."""
    for c in cands:
        if c.key and not c.prep:
            org = state.as_org(c) if c.type in (None, "Person") or state.fits(c, "Organization") else None
            if org is not None and state.types.get(org.key) not in (None, "Person"):
                return org
    return next((r.subject for r in facts if r.subject.key and not r.role and r.subject.type is None
                 and state.fits(r.subject, "Company")), None)


def _topic(c: Cand, key: str) -> Cand:
    """The article's main company standing in for the anaphor `c`."""
    return Cand(sent=c.sent, i=c.i, j=c.j, start=c.start, end=c.end, text=c.text, norm=c.norm, type="Company",
                source="topic", key=key)


def resolve_anaphors(cands: list[Cand], state: DocState) -> list[Cand]:
    """الشركة / شركته: the sentence's subject (or the company its speaker works for), else a
    company named earlier in the sentence, else the company an earlier sentence was about."""

    def company(c: Cand | None) -> bool:
        # an untyped name may be the company («مسؤول في «المراعي» … إن الشركة»): the anaphor
        # types it; a known non-company (a news agency, a ministry) never is
        if c is None:
            return False
        t = state.types.get(c.key) or c.type
        return state.is_a(t, "Company") if t else (c.source in ("quoted", "latin", "acronym", "crf")
                                                  and is_name(c))

    out = []
    for c in cands:
        if not c.anaphor:
            out.append(c)
            continue
        target = None
        topic = state.topic()
        if topic is not None and state.company_counts[topic] <= sum(
                1 for x in cands if x.key == topic and x.i > c.i and not x.anaphor):
            topic = None  # «لشركة دار البيانات، نظيره في كرونوس داتا»: named only after it, no antecedent
        if c.anaphor == "topic" and topic is not None:
            target = _topic(c, topic)
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
            if target is None and topic is not None:
                earlier = next((x for x in reversed(state.subjects) if x.key == topic), None)
                target = earlier or _topic(c, topic)
        if target is not None:
            out.append(replace(c, key=target.key, type=state.types.get(target.key) or "Company"))
        elif c.anaphor == "topic":
            named = _description_as_name(c)
            if named is not None:
                out.append(named)
                register(state, [named])
    return out


def _description_as_name(c: Cand) -> Cand | None:
    """«لشركة دار البيانات», «مجموعة الريادة القابضة»: a cue and definite words that stand for no
    company named before them are the company's name (the cue left out, as linking keys it)."""
    words = c.norm.split()
    # the name's words: a head, then definite words only («شركة المياه الوطنية خطط للطوارئ» runs on)
    if not 3 <= len(words) <= 5 or any(not w.startswith(("ال", "لل")) for w in words[2:]) or any(
            w in lx.prepositions() for w in words[1:]):
        return None
    words = c.text.split()
    named = replace(c, anaphor="", source="designation", type="Company")
    own = normalize(_own_name(named))
    if own == c.norm:
        return None  # the cue is part of the name: keep the anaphor's reading
    cut = c.text.index(words[1], len(words[0]))
    text = c.text[cut:]
    return link(replace(named, i=c.i + 1, start=c.start + cut, text=text, norm=normalize(text)))


def note_mentions(sent: int, cands: list[Cand]) -> None:
    if not cands:
        return
    for c in cands:
        what = f"«{c.text}» {c.type or 'untyped'}, found by {c.source}"
        if c.anaphor:
            what += f" (anaphor → {c.key or 'unresolved'})"
        elif c.key:
            what += f" → {c.key}"
        trace.note(sent, "mentions", what)


def document_state(toks: list[list[Token]], *, is_a: Callable[[str, str], bool],
                   domain: dict[str, str], range_: dict[str, str]) -> DocState:
    """The state a document's rules share, with every reading of every word counted."""
    state = DocState(is_a=is_a, domain=domain, range=range_)
    for tk in toks:
        for t in tk:
            state.word_counts.update({stem for stem, _ in readings(t.norm)})
    return state


def register(state: DocState, cands: list[Cand]) -> None:
    """Record the types of a sentence's linked mentions, and count its named companies (the
    article's main company is the one named most)."""
    for c in cands:
        if c.key and c.type and state.types.get(c.key) is None:
            state.types[c.key] = c.type
        if c.key and not c.anaphor and (state.types.get(c.key) or c.type) == "Company":
            state.company_counts[c.key] += 1


def is_name(c: Cand) -> bool:
    """Whether an untyped mention (a quoted phrase, a Latin run) names something when no fact
    types it: «Zentrix», «وفرة», «زد تي إل», «دلتا أير لاينز» do; words quoted as words
    («هذا الصيف»، «تجري مفاوضات»، «نود الترحيب ب»، «سماعتان») do not."""
    if c.anaphor:
        return False
    if c.source == "latin":
        # a name in Latin script has a capital or a digit somewhere (Google, eBay, 3M); a
        # lower-case run or a lone letter is markup or a fragment («b», «zborder-radius»)
        return len(c.text) > 1 and any(ch.isupper() or ch.isdigit() for ch in c.text)
    if c.source != "quoted":
        return True
    words = c.norm.split()
    letters = lx.letter_names()
    if any(w in letters for w in words) and all(w in letters or w in lx.words("letter_like_word")
                                                  for w in words):
        return True  # an acronym: «زد تي إل», «في إكس إن»
    if any(looks_verb(w) or w in lx.prepositions() or w in lx.words("relative_pronoun")
           or (len(w) == 1 and not w.isascii()) for w in words) or words[0].isdigit() or any(
            written_accusative(w, shown) for w, shown in zip(words, c.text.split(), strict=False)):
        # a verb, a preposition, a relative clause, an adverbial accusative («إنجازا تاريخيا»),
        # a clitic cut off its word, a count («14 مبادرة»): a phrase, not a name
        return False
    if len(words) > 1 and all(_definite_word(w) for w in words):
        # «الشيطان الأكبر», «الفنادق والسياحة»: a phrase of the language, quoted; one such word
        # alone is as often a brand's name («المراعي»)
        return False
    if len(words) == 1:
        return not number_form(words[0])
    return not all(is_common(w) for w in words)


def _definite_word(norm: str) -> bool:
    """A word of the language with the article (and maybe «و» before it): «الفاشل», «والسياحة»."""
    word = norm.removeprefix("و")
    return word.startswith("ال") and len(word) > 3 and (is_ordinary(word) or is_ordinary(word[2:]))


def document_entities(flat: list[Cand], passing: list[Cand], facts: list[Fact], state: DocState,
                      labels: dict[str, tuple[str, str, str]]) -> tuple[tuple[Entity, ...], list[Fact]]:
    """The document's entities (its named mentions, the `passing` ones no rule read, and
    whatever its facts name) and its facts pointing at them."""
    used = {f.subject.key for f in facts} | {f.object.key for f in facts}
    keep = {c.key for c in flat + passing if c.key and (c.ref is not None or c.type is not None or is_name(c))
            } | used
    for f in facts:
        for e in (f.subject, f.object):
            state.types.setdefault(e.key, e.type)
    entities = build_entities(flat + passing, state.types, labels, keep)
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
    return entities, facts
