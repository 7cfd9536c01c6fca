"""Stage 2, mentions: every name a sentence holds, with how it was found.

Reads a sentence's tokens, the gazetteer (known names, then the document's own) and the extra
recognisers; adds `Cand`s with a token range, a character span, a type when a signal gives one,
the recogniser (`source`) and the preposition governing the name. Signals, in the order they
are tried at each position: a name in quotes («…», "…"), a cue word (cues.tsv) and the name it
introduces, a known name, a given name followed by a surname, a run of Latin-script words, and
an anaphor (الشركة، شركته، الشركتين) that linking resolves. Clitics stuck to a name
(و«إنفيديا»، لـ«شات جي بي تي»، بآبل) are read off and kept as the governing preposition.
`find_mentions` adds the extra recognisers' names and the people named next to a title.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract.gazetteer import (
    Gazetteer,
    is_a_person,
    is_a_place,
    is_a_product,
    known_gazetteer,
    place_words,
)
from kg.extract.recognizers import Recognizer, merge
from kg.extract.roles import match_title, title_org_spans, title_person_spans
from kg.extract.types import Cand, Ref
from kg.extract.words import (
    QUOTE_CLOSE,
    QUOTE_OPEN,
    field_adjective,
    is_common,
    is_connector,
    is_first_name,
    is_name_word,
    is_nisba,
    is_ordinary,
    is_preposition_text,
    looks_arabic,
    looks_verb,
    prep_of,
    readings,
    written_maqsura,
)
from kg.model import Sentence
from kg.text.normalize import normalize, strip_diacritics
from kg.text.tokens import Token


@lru_cache(maxsize=65536)
def _first_word_options(norm: str) -> tuple[tuple[str, int, str, bool], ...]:
    """Ways the first word of a cue may be read: (word, reading order, clitic form, possessive)."""
    out = []
    for order, (stem, clitic) in enumerate(readings(norm)):
        form = clitic.form if clitic else ""
        out.append((stem, order, form, False))
        # «هاتفها»، «تطبيقها»: a product cue with its owner attached (not ـه: ة reads so too)
        for p in lx.words_in_order("cue_owner_suffix"):
            if stem.endswith(p):
                out.append((_possessed(stem[: -len(p)]), order, form, True))
        if clitic is not None and clitic.kinds >= {"art"}:
            out.append(("ال" + stem, order, form, False))
    return tuple(out)


def match_cue(toks: list[Token], i: int) -> tuple[lx.Cue, int, str] | None:
    index = lx.cue_index()
    found = []
    for word, order, form, possessive in _first_word_options(toks[i].norm):
        for cue_order, cue in index.get(word, ()):
            if possessive and (len(cue.words) != 1 or cue.keep):
                continue
            found.append((cue_order, order, cue, form))
    for _co, _o, cue, form in sorted(found, key=lambda x: (x[0], x[1])):
        n = len(cue.words)
        if i + n <= len(toks) and all(toks[i + k].norm == cue.words[k] for k in range(1, n)):
            return cue, i + n, form
    return None


def _possessed(base: str) -> str:
    """A noun before an attached pronoun: final ت was ة (خدمتها → خدمه)."""
    return base[:-1] + "ه" if base.endswith("ت") else base


def _anaphor(tok: Token) -> str:
    n = tok.norm
    the, dual = lx.words("company_anaphor"), lx.words("company_dual_anaphor")
    for stem, clitic in readings(n):
        if stem in the and clitic is not None and "art" in clitic.kinds:
            return "the"
        if stem in dual or (stem.startswith("ال") and stem[2:] in dual):
            return "dual"
    if n.startswith("ال") and n[2:] in dual:
        return "dual"
    if n.startswith("ال") and n[2:] in the:
        return "the"
    his = lx.words("company_possessed_anaphor")
    if n in his or (n.startswith("و") and n[1:] in his):
        return "his"
    return ""


def _governing_prep(toks: list[Token], i: int, clitic: str, cue_at: int | None) -> str:
    if clitic:
        p = clitic.lstrip("وف")[:1]
        if p in ("ب", "ل", "ك"):
            return p
    k = i - 1
    while k >= 0 and toks[k].text in QUOTE_OPEN:
        k -= 1
    cue = match_cue(toks, cue_at) if cue_at is not None else None
    if cue_at is not None and cue is not None and k == cue[1] - 1:  # the cue right before the name
        for _stem, c in readings(toks[cue_at].norm):
            if c is not None and c.is_prep:
                return c.form.lstrip("وف")[:1]
        k = cue_at - 1
    while k >= 0 and toks[k].text in QUOTE_OPEN:
        k -= 1
    if k >= 0 and toks[k].is_word:
        n = toks[k].norm
        preps = lx.prepositions()
        if n in preps:
            return preps[n]
        if n.startswith("و") and n[1:] in preps:
            return preps[n[1:]]
    return ""


def _orig_prefix_len(word: str, clitic: str) -> int:
    """How many original characters spell the normalised clitic (diacritics included)."""
    count, k = 0, 0
    while k < len(word) and count < len(clitic):
        if normalize(word[k]):
            count += 1
        k += 1
    while k < len(word) and not normalize(word[k]):  # marks or tatweel after the clitic
        k += 1
    return k


class MentionFinder:
    def __init__(self, doc_gaz: Gazetteer | None = None) -> None:
        self.gaz = known_gazetteer()
        self.doc_gaz = doc_gaz or Gazetteer()

    def _match(self, toks: list[Token], i: int, end: int | None = None) -> tuple[int, Ref, str] | None:
        a = self.doc_gaz.match(toks, i, end)
        b = self.gaz.match(toks, i, end)
        if a and b:
            return a if a[0] > b[0] else b
        return a or b

    def person(self, sent: int, toks: list[Token], text: str, offset: int, i: int, j: int) -> Cand:
        """A person's name found next to a title (tokens [i, j))."""
        t = toks[i]
        clitic = "و" if t.norm.startswith("و") and not is_first_name_exact(t.norm) else ""
        start = t.start + (_orig_prefix_len(t.text, clitic) if clitic else 0)
        end = toks[j - 1].end
        surface = text[start - offset: end - offset]
        return Cand(sent=sent, i=i, j=j, start=start, end=end, text=surface, norm=normalize(surface),
                    type="Person", source="title", prep=_governing_prep(toks, i, clitic, None))

    def named(self, sent: int, toks: list[Token], text: str, offset: int, i: int, j: int, type_: str,
              source: str) -> Cand:
        """A name of a given type found by its place in a construction (tokens [i, j), as written)."""
        start, end = toks[i].start, toks[j - 1].end
        surface = text[start - offset: end - offset]
        return Cand(sent=sent, i=i, j=j, start=start, end=end, text=surface, norm=normalize(surface),
                    type=type_, source=source, prep=_governing_prep(toks, i, "", None))

    def find(self, sent: int, toks: list[Token], text: str, offset: int) -> list[Cand]:
        """Mentions of one sentence; `text` is the sentence text starting at doc offset `offset`."""
        out: list[Cand] = []
        n = len(toks)
        pending: str | None = None
        pending_until = -1
        cue_at: int | None = None
        i = 0

        def mk(i: int, j: int, typ: str | None, source: str, ref: Ref | None = None,
               clitic: str = "", anaphor: str = "") -> Cand:
            start = toks[i].start
            shown = clitic[:-2] if clitic.endswith("ال") else clitic  # keep the article in view
            if shown:
                start += _orig_prefix_len(toks[i].text, shown)
            end = toks[j - 1].end
            surface = text[start - offset: end - offset]
            return Cand(sent=sent, i=i, j=j, start=start, end=end, text=surface, norm=normalize(surface),
                        type=typ, source=source, prep=_governing_prep(toks, i, clitic, cue_at), ref=ref,
                        anaphor=anaphor)

        while i < n:
            t = toks[i]
            if i > pending_until or (pending and t.norm in lx.words("cue_reach_end")):
                pending, cue_at = None, None  # «رقائق الذاكرة من «X»»: the maker, not a chip
            # a name in quotes
            if t.text in QUOTE_OPEN:
                j = self._closing(toks, i)
                inner = toks[i + 1: j] if j is not None else []
                if j is not None and 1 <= j - i - 1 <= 5 and all(
                        x.is_word or x.text in ".-&" for x in inner) and not (
                        len(inner) == 1 and (len(inner[0].norm) <= 1 or is_common(inner[0].norm))):
                    m = self._match(toks, i + 1, j)
                    if m and m[0] == j:
                        source = "gazetteer" if m[1].known else "alias"
                        out.append(mk(i + 1, j, m[1].type, source, m[1], m[2]))
                    else:  # «كيا موتورز»: a company by its last word; «مجموعة أورال» by its cue
                        suffixed = "Company" if toks[j - 1].norm in lx.words("company_suffix") else None
                        inner_cue = match_cue(toks, i + 1) if j - i > 2 else None
                        cued = inner_cue[0].type if inner_cue is not None and inner_cue[1] < j else None
                        out.append(mk(i + 1, j, pending or suffixed or cued, "quoted"))
                    i = j + 1
                    continue
                i += 1
                continue
            state = _state_government(toks, i)
            if state is not None:  # «الحكومة المصرية»: a state's government is a body of its own
                found = mk(i, i + 2, "GovernmentBody", "designation", None, state)
                if state.endswith("لل"):  # «للحكومة الإيرلندية»: its key is the name in full
                    found = replace(found, norm=f"ال{toks[i].norm[len(state):]} {toks[i + 1].norm}")
                out.append(found)
                i += 2
                continue
            cue = match_cue(toks, i)
            if cue is not None:
                known = self._match(toks, i)
                if known is not None and known[0] > cue[1]:
                    cue = None  # «المفوضية الأوروبية», «شركة كريم»: the whole name is known
            if cue is not None:
                c, j, clitic = cue
                definite = clitic.endswith(("ال", "لل"))
                k = self._designation_end(toks, i, j, definite, clitic) if not c.plural else j
                if k == j and not c.plural and c.type == "Company":
                    k = self._holding_end(toks, j)
                if k > j:
                    # the name holds the cue when the cue is definite or part of it (الهيئة العامة
                    # للمنافسة); after «شركة» the name is what follows (شركة أفق للأنظمة المتكاملة)
                    # «للشركة السعودية للكهرباء»: «لل» swallowed the article, so the name is read
                    # from its own words (linking gives both forms one node)
                    swallowed = clitic.endswith("لل")
                    whole = (definite or c.keep) and not swallowed
                    cue_at = None if whole else i
                    found = mk(i if whole else j, k, c.type, "designation", None, clitic if whole else "")
                    if swallowed:  # the name in full, for its key: «الهيئة» + its own words
                        cue_words = ["ال" + toks[i].norm[len(clitic):], *(t.norm for t in toks[i + 1:j])]
                        found = replace(found, norm=" ".join([*cue_words, found.norm]))
                    out.append(found)
                    i, cue_at = k, None
                    continue
                if c.keep and not definite:
                    k = self._body_name_end(toks, j)
                    if k > j:
                        cue_at = None
                        out.append(mk(i, k, c.type, "cue", None, clitic))
                        i = k
                        continue
                else:
                    # «الشركة الصينية الصاعدة «Zuk»»: a description, then the name the cue introduces
                    d = j
                    while d < n and d < j + 3 and toks[d].is_word and len(toks[d].norm) >= 3 and not prep_of(
                            toks[d]) and (is_ordinary(toks[d].norm) or toks[d].norm in place_words()
                    ) and not self._match(toks, d):
                        d += 1
                    named = d < n and (toks[d].text in QUOTE_OPEN or toks[d].is_latin or (
                        (m := self._match(toks, d)) is not None and not is_a_person(m[1].type)))
                    if definite and _anaphor(t) and not named:
                        out.append(mk(i, j, "Company", "coref", None, "", _anaphor(t)))
                        i = j
                        continue
                    pending_until = d + 1 if named else j + (10 if c.plural else 1)
                    pending, cue_at = c.type, i
                    k = self._bare_name_end(toks, j, product=is_a_product(c.type))
                    if k == j and c.type == "Company" and not c.plural and not definite:
                        k = self._name_before_nationality(toks, j)
                    if k > j and not c.plural and not definite:
                        out.append(mk(j, k, c.type, "cue"))
                        i = k
                        continue
                    d = self._descriptor_end(toks, j) if not c.plural and not definite else j
                    if d > j:
                        e = self._bare_name_end(toks, d)
                        # a name after a description that ends in a nationality adjective (not in
                        # a place's name: «شركة سحابة الشرق» is named so)
                        from kg.extract.nationality import place_adjectives

                        if e > d and toks[d - 1].norm in place_adjectives():
                            out.append(mk(d, e, c.type, "cue"))
                            i = e
                            continue
                        nxt = toks[d] if d < n else None
                        if (c.type == "Company" and d - j >= 2 and toks[j + 1].norm.startswith("ال")
                                and not (nxt is not None and (nxt.text in QUOTE_OPEN or nxt.is_latin
                                                              or self._match(toks, d)))):
                            # «شركة محرك البحث الشهير»: a company named by what it does is the
                            # company the article is about
                            out.append(mk(i, d, "Company", "coref", None, "", "topic"))
                            i = d
                            continue
                        pending_until = d + 1
                    i = j
                    continue
            m = self._match(toks, i)
            if m is not None:
                j, ref, clitic = m
                model = model_end(toks, j) if is_a_product(ref.type) else j
                if model > j:  # «آيفون 6 بلس»: a model of the product line, a product of its own
                    out.append(mk(i, model, ref.type, "model", None, clitic))
                    i = model
                    continue
                spelt = j - i == 1 and _spelt_otherwise(t, ref, clitic)
                if (not spelt and not ref.known and ref.type == "Person" and j - i == 1 and not clitic
                        and _given_name_before(toks, i, out)):
                    # «هنادي العتيبي» after «نورة العتيبي»: a sister, not the surname alone
                    out.append(mk(i - 1, j, "Person", "person"))
                elif not spelt and not (is_a_place(ref.type) and not clitic and inside_name(toks, i)):
                    out.append(mk(i, j, ref.type, "gazetteer" if ref.known else "alias", ref, clitic))
                i = j  # «بنك الخليج», «بورصة قطر»: the place is a word of another name
                continue
            company = _suffixed_end(toks, i, self._match)
            if company is not None:  # «بلو ستون كابيتال», «وكيا موتورز»
                out.append(mk(i, company[0], "Company", "suffix", None, company[1]))
                i = company[0]
                continue
            nasab = _nasab_head(toks, i)
            if ((is_first_name(t.norm) or nasab)
                    and (t.norm not in lx.prepositions() or _surname_after(toks, i))
                    and not is_preposition_text(t) and i + 1 < n
                    and is_name_word(toks[i + 1]) and toks[i + 1].norm not in (places := place_words())
                    and (not is_connector(toks[i + 1].norm) or (i + 2 < n and is_name_word(toks[i + 2])))):
                j = i + 2
                # «زار سامر العتيبي باريس»: a known place ends the person's name
                # four words, and as many more as the family's connectors join («محمد بن راشد آل مكتوم»)
                while j < n and (j < i + 4 or (j < i + 8 and _joined(toks, j))) and is_name_word(
                        toks[j]) and toks[j].norm not in places and (
                        _joined(toks, j) or is_first_name(toks[j - 1].norm) or not is_ordinary(toks[j].norm)):
                    if toks[j].norm.startswith("و") and is_first_name(toks[j].norm):
                        break  # «لاري بيدج وسيرجي برين»: two people
                    j += 1
                given = t.norm[1:] in lx.first_names() or nasab == "و"
                clitic = "و" if t.norm.startswith("و") and given else ""
                out.append(mk(i, j, "Person", "person", None, clitic))
                i = j
                continue
            if t.norm in lx.letter_names() and i + 1 < n and toks[i + 1].norm in lx.letter_names():
                j = i
                while j < n and j < i + 6 and (toks[j].norm in lx.letter_names() or (
                        toks[j].text == "&" and j + 1 < n and toks[j + 1].norm in lx.letter_names())):
                    j += 1
                out.append(mk(i, j, pending, "acronym"))
                i = j
                continue
            if t.is_latin and not t.is_number:
                j = i
                while j < n and j < i + 4 and (toks[j].is_latin or toks[j].text == "&"):
                    j += 1
                if not all(x.norm in lx.generic_terms() or x.is_number for x in toks[i:j]):
                    out.append(mk(i, j, pending, "latin"))
                i = j
                continue
            kind = _anaphor(t)
            if kind:
                nxt = toks[i + 1] if i + 1 < n else None
                if not (nxt and (nxt.text in QUOTE_OPEN or nxt.is_latin)):
                    out.append(mk(i, i + 1, "Company", "coref", None, "", kind))
            i += 1
        return out

    def _designation_end(self, toks: list[Token], i: int, j: int, definite: bool, clitic: str) -> int:
        """End of a name made of ordinary words in Arabic's naming pattern: the cue, its own
        words, then «لـ» and what the body does («الشركة السعودية للكهرباء», «الهيئة العامة
        للمنافسة», «شركة أفق للأنظمة المتكاملة», «الشركة الوطنية لحلول الأعمال»); j when the words
        after the cue (tokens from j) do not make one.

        After a definite cue its own words are definite adjectives. After an indefinite cue it is
        one word, but not an indefinite feminine one: that agrees with «شركة» as an adjective
        (شركة تابعة للمجموعة: a subsidiary, no name). A definite cue right after a comma is an
        apposition describing the name before it (فورد، الشركة الأمريكية لصناعة السيارات)."""
        n = len(toks)
        k = j
        feminine = toks[j - 1].norm.endswith("ه")  # the cue's gender: its own words agree with it
        describing = lx.words("describing_participle")
        if definite:
            if i > 0 and toks[i - 1].text in "،,-–" and not clitic.startswith("و"):
                return j
            while k < n and k < j + 2 and toks[k].is_word and toks[k].norm.startswith("ال") and not (
                    self._known_not_place(toks, k) or match_cue(toks, k)) and (
                    toks[k].norm.endswith("ه") == feminine) and toks[k].norm not in describing:
                k += 1
            if k == j:
                return j
        else:
            if k >= n or not self._own_word(toks, k, feminine):
                return j
            k += 1
        # «لـ» and what the body does: «للكهرباء», or an indefinite noun and its genitive («لحلول الأعمال»)
        t = toks[k] if k < n else None
        if t is None or not t.is_word or t.is_number:
            return j
        if t.norm.startswith(lx.words_in_order("designation_article")) and len(t.norm) >= 5:
            k += 1
        elif (t.norm.startswith(lx.words_in_order("designation_preposition")) and k + 1 < n
              and toks[k + 1].norm.startswith("ال") and is_ordinary(t.norm[1:])
              and toks[k + 1].norm not in lx.words("name_stop_word")):  # «لإنتاج المزيد»: a purpose
            k += 2
        else:
            return j
        # then up to three words of the field: adjectives (المتكاملة، الرقمية), a coordinated
        # field (والآثار، ومكافحة الفساد) or a known place after «و» (للجبيل وينبع)
        end = k
        while end < n and end < k + 3:
            step = self._field_words(toks, end)
            if not step:
                break
            end += step
        # a name right after it is what the words describe (الشركة السويدية للملابس «إتش آند إم»)
        if end < n and (toks[end].text in QUOTE_OPEN or toks[end].is_latin
                        or toks[end].norm in lx.letter_names() or self._known_not_place(toks, end)):
            return j
        return end

    def _holding_end(self, toks: list[Token], j: int) -> int:
        """«مجموعة الريادة القابضة»، «مجموعة الخليج الأولى القابضة»: after a company's cue, one to
        three words of the language (a place among them) and a company word (القابضة، كابيتال)
        are a name; j when the words are not followed by one."""
        suffixes = lx.words("company_suffix") | lx.words("holding_word")
        for k in range(j, min(len(toks), j + 4)):
            t = toks[k]
            if k > j and t.norm in suffixes:
                return k + 1
            known = self._match(toks, k)
            if (not t.is_word or t.is_number or t.is_latin or t.norm in suffixes or looks_verb(t.norm)
                    or prep_of(t) or match_cue(toks, k) or _conjoined(t)
                    or (is_common(t.norm) and not t.norm.startswith("ال"))
                    or t.norm in lx.words("relative_pronoun")
                    or (known is not None and not is_a_place(known[1].type))):
                return j
        return j

    def _own_word(self, toks: list[Token], k: int, feminine: bool) -> bool:
        """The one word of its own a body has after an indefinite cue: a word of the everyday
        language (a foreign name is whole without its field: شركة إن-تريج للقلم الرقمي is
        N-trig), definite («شركة المستقبل للمدفوعات»), or after a feminine cue not feminine."""
        x = toks[k]
        if not x.is_word or x.is_number or x.is_latin or not is_ordinary(x.norm):
            return False
        definite = x.norm.startswith("ال")
        if (is_common(x.norm) and not definite) or looks_verb(x.norm) or prep_of(x):
            return False
        if any(x.norm in lx.words(c) for c in ("name_stop_word", "honorific", "relative_pronoun")):
            return False
        if match_cue(toks, k) or self._match(toks, k):
            return False
        return definite or (feminine and not x.norm.endswith(lx.words_in_order("feminine_ending")))

    @staticmethod
    def _field_words(toks: list[Token], k: int) -> int:
        """How many tokens from k go on a body's field (0: none)."""
        w = toks[k]
        if not w.is_word or match_cue(toks, k):
            return 0
        coordinated = w.norm.startswith("و") and len(w.norm) > 3
        stem = w.norm[1:] if coordinated else w.norm
        if stem in lx.words("relative_pronoun") or stem in lx.words("name_stop_word") or (
                stem in lx.words("honorific")) or stem in lx.prepositions():  # «الى»: إلى unmarked
            return 0  # «… العسكرية المهندس محمد»: a person's name begins
        if coordinated and stem in place_words():
            return 1
        if not stem.startswith("ال"):
            # «ومكافحة الفساد»: a coordinated noun and its genitive
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if (coordinated and is_ordinary(stem) and stem not in lx.words("body_head")
                    and nxt is not None and nxt.is_word and nxt.norm.startswith("ال")
                    and nxt.norm not in lx.words("name_stop_word")):
                return 2
            return 0
        if coordinated:
            return 1  # «والاستثمار»
        # after the field only an adjective goes on (الرقمية، المتكاملة), not a new noun (البدء)
        return 1 if stem.endswith(lx.words_in_order("adjective_ending")) or stem.startswith(
            lx.words_in_order("participle_article")) else 0

    def _known_not_place(self, toks: list[Token], k: int) -> bool:
        """A known name other than a one-word place (السعودية is an adjective of a name too)."""
        m = self._match(toks, k)
        if m is None or toks[k].norm in place_words():
            return False
        return not (m[0] == k + 1 and is_a_place(m[1].type))

    @staticmethod
    def _closing(toks: list[Token], i: int) -> int | None:
        opener = toks[i].text
        for j in range(i + 1, min(len(toks), i + 12)):
            x = toks[j].text
            if x in QUOTE_CLOSE and (QUOTE_CLOSE[x] == opener or (opener == "«" and x == "»")):
                return j
            if opener in ('"', "'") and x == opener:
                return j
        return None

    def _descriptor_end(self, toks: list[Token], j: int) -> int:
        """«شركة أمن المعلومات الإسرائيلية أدالوم»: skip the description between a cue and the
        name (ordinary words, a nationality adjective); j when there is none."""
        k = j
        while k < len(toks) and k < j + 4:
            t = toks[k]
            cue = match_cue(toks, k)
            if not t.is_word or t.is_number or t.is_latin or self._match(toks, k) or (
                    cue is not None and cue[0].type == "Company"):
                break
            if not (is_ordinary(t.norm) or t.norm in place_words()):
                break
            k += 1
        return k

    def _bare_name_end(self, toks: list[Token], j: int, product: bool = False) -> int:
        """End of an unquoted, unlisted name right after a cue (شركة موبينيل). After a product
        cue Arabic-shaped words are descriptions («خدمة حصرية», «جهاز منزلي»), not names."""
        k = j
        places = place_words()
        while k < len(toks) and k < j + 3:
            t = toks[k]
            if (not t.is_word or t.is_number or t.is_latin or t.norm in places
                    or is_ordinary(t.norm) or (product and looks_arabic(t.norm)) or match_cue(toks, k)
                    or self._match(toks, k)):
                break
            if any(c is not None and c.is_prep for _s, c in readings(t.norm)[1:]) and k > j:
                break
            k += 1
        if j < k < len(toks) and k < j + 4 and toks[k].norm in lx.words("company_suffix"):
            k += 1  # «شركة بلتون كابيتال»: the company word ends the name
        if product and k > j:
            k = model_end(toks, k)  # «هاتف زيفر 9 برو»: the model's number and its edition
        return k

    def _name_before_nationality(self, toks: list[Token], j: int) -> int:
        """«مجموعة نيكي الإعلامية اليابانية»، «شركة ريان أير الإيرلندية»: after a company's cue, one
        or two words then the definite nationality adjective (adjectives of its field between)
        are the name, though the words are the language's too (نيكي، أير); j when they are not.
        The words are no noun of a description («شركة صناعة الطائرات الأمريكية»: a feminine noun
        and its genitive) and no name follows the adjective (the description case)."""
        from kg.extract.nationality import place_adjectives

        nationality = place_adjectives()
        n = len(toks)
        k = j
        while k < n and k < j + 2:
            t = toks[k]
            if (not t.is_word or t.is_number or t.is_latin or t.norm.startswith("ال") or is_common(t.norm)
                    or t.norm.endswith(lx.words_in_order("feminine_ending")) or looks_arabic(t.norm)
                    or looks_verb(t.norm) or (prep_of(t) and not is_ordinary(t.norm))
                    or t.norm in nationality or t.norm in place_words()
                    or match_cue(toks, k) or self._match(toks, k)):
                break
            k += 1
        if k == j:
            return j
        e = k
        while e < n and e < k + 2 and field_adjective(toks[e].norm) and toks[e].norm not in nationality:
            e += 1  # «الإعلامية»
        nat = toks[e] if e < n else None
        if nat is None or not nat.norm.startswith("ال") or nat.norm not in nationality:
            return j
        after = toks[e + 1] if e + 1 < n else None
        if after is not None and (after.text in QUOTE_OPEN or after.is_latin or self._match(toks, e + 1)
                                  or (after.is_word and not is_ordinary(after.norm) and not prep_of(after))):
            return j  # «شركة صناعة الطائرات الأمريكية بوينغ»: the name comes after
        return k

    def _body_name_end(self, toks: list[Token], j: int) -> int:
        """End of an official body's name after its cue (هيئة + حماية البيانات الفرنسية)."""
        k = j
        named = False
        definite_cue = j > 0 and toks[j - 1].norm.startswith("ال")
        while k < len(toks) and k < j + 4:
            t = toks[k]
            known = self._match(toks, k)
            if known is not None and k == j:
                # «مركز أرامكو لريادة الأعمال»; a place right after the cue is the body's too
                # («جامعة لندن», «بورصة الكويت»)
                k, named = known[0], True
                continue
            if not t.is_word or t.is_number or match_cue(toks, k) or known:
                break
            if t.norm in lx.words("professional_honorific"):
                break  # «صندوق التنمية العقارية المهندس يوسف الزغيبي»: the body's head is named next
            if t.norm in lx.prepositions() or prep_of(t) or (
                    t.norm.startswith(("و", "ف")) and k > j and not is_first_name(t.norm)):
                break
            if k > j and not t.norm.startswith("ال") and not t.is_latin and not is_first_name(t.norm):
                break  # after the first word an official name goes on with definite nouns only
            if definite_cue and not t.norm.startswith("ال"):
                break  # «الحكومة المصرية»: a definite cue takes definite adjectives («الحكومة إن …» no)
            k += 1
        if not named and not any(t.norm.startswith("ال") or t.is_latin for t in toks[j:k]):
            return j  # «سلطة دولية» is a description, «سلطة النقد» a name
        if named and k < len(toks) and toks[k].norm.startswith(lx.words_in_order("designation_article")) and (
                len(toks[k].norm) >= 5):
            # «جامعة لندن للأعمال», «هيئة دبي للطيران المدني»: what the body does, after its name
            end = k + 1
            while end < len(toks) and end < k + 4 and (step := self._field_words(toks, end)):
                end += step
            return end
        return k


def model_end(toks: list[Token], k: int) -> int:
    """End of a model designation after a product name: a number, or a letter and a number
    («إس 6»), then its editions (برو، بلس، لايت); k when there is no number."""
    m = k
    if m + 1 < len(toks) and toks[m].norm in lx.letter_names() and toks[m + 1].is_number:
        m += 1
    if m >= len(toks) or not toks[m].is_number or len(toks[m].norm) > 3:
        return k  # «في 2015»: a year is no model
    m += 1
    while m < len(toks) and (toks[m].norm in lx.words("model_edition") or (
            toks[m].is_latin and toks[m].norm in lx.words("model_edition"))):
        m += 1
    return m


def _spelt_otherwise(tok: Token, ref: Ref, clitic: str) -> bool:
    """Whether a one-word match of a known name is written as that name never is: with alef
    maqsura where the list has ya («أودى بحياة»: it claimed, not Audi), or with the article
    before a place named without it («السيول»: the floods, not Seoul)."""
    if written_maqsura(tok.text) and not written_maqsura(ref.label_ar):
        return True
    article = clitic.endswith(("ال", "لل"))
    return is_a_place(ref.type) and article and not normalize(ref.label_ar).startswith("ال")


def _state_government(toks: list[Token], i: int) -> str | None:
    """The clitic before «حكومة» when token i starts «الحكومة المصرية» or «حكومة أيرلندية»: the
    word for a government and a country's adjective agreeing with it in definiteness; None when
    token i starts no such name."""
    from kg.extract.nationality import place_adjectives

    if i + 1 >= len(toks) or toks[i + 1].norm not in place_adjectives():
        return None
    adjective = toks[i + 1].norm
    for stem, clitic in readings(toks[i].norm):
        if stem in lx.words("government_word"):
            form = clitic.form if clitic is not None else ""
            if form.endswith(("ال", "لل")) == adjective.startswith("ال"):
                return form
    return None


def _given_name_before(toks: list[Token], i: int, found: list[Cand]) -> bool:
    """Whether the word before a surname the document knows is another given name: a rare word,
    no word of the language, verb, title or part of a name already found."""
    if i == 0 or (found and found[-1].j > i - 1):
        return False
    prev = toks[i - 1]
    norm = prev.norm
    return (prev.is_word and not prev.is_latin and is_name_word(prev) and not is_ordinary(norm)
            and not is_common(norm) and not looks_verb(norm) and not is_connector(norm)
            and not any(is_ordinary(stem) for stem, _ in readings(norm)[1:]))


def _surname_after(toks: list[Token], i: int) -> bool:
    """«علي الذوادي», «علي بن موسى»: a given name that normalises like a preposition (على) is the
    name when a nisba, a connector or another given name follows it."""
    if i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    # a nisba as written ends in ya, not in alef maqsura (علي المستوى: on the level)
    nisba = is_nisba(nxt.norm) and not written_maqsura(nxt.text)
    return nisba or is_connector(nxt.norm) or is_first_name_exact(nxt.norm)


def _joined(toks: list[Token], j: int) -> bool:
    """Whether token j is held in a person's name by a connector: after one («بن راشد») or one
    itself with a name after it («آل مكتوم»)."""
    return is_connector(toks[j - 1].norm) or (
        is_connector(toks[j].norm) and j + 1 < len(toks) and is_name_word(toks[j + 1]))


def _nasab_head(toks: list[Token], i: int) -> str:
    """«مالك بن سعيد», «ومالك بن سعيد»: a word before «بن/بنت» and a given name is a given name
    too, even when it is also a word of the language (مالك: owner). Returns the clitic before it
    ("و" or "") with a truthy "+" when there is none; "" when the construction is absent."""
    if i + 2 >= len(toks) or toks[i + 1].norm not in lx.words("patronymic") or not (
            is_first_name(toks[i + 2].norm) and toks[i].is_word and not toks[i].is_number):
        return ""
    word = toks[i].norm
    if word in lx.prepositions() or is_common(word):
        return ""
    return "و" if word.startswith("و") and len(word) > 3 and is_ordinary(word[1:]) else "+"


def inside_name(toks: list[Token], i: int) -> bool:
    """Whether the place named at token i is a word of another name: a bank, an index, a
    currency, a tournament named after it («بنك الخليج», «دولار أميركي», «كوبا أميركا»)."""
    if i == 0 or not toks[i - 1].is_word:
        return False
    heads = lx.words("place_name_head")
    return any(stem in heads for stem, _ in readings(toks[i - 1].norm))


def _suffixed_end(toks: list[Token], i: int, known: Callable[[list[Token], int], object]
                  ) -> tuple[int, str] | None:
    """(end, clitic) of a name that one to three name words and a company word of English in
    Arabic letters make (company_suffix: «بلو ستون كابيتال», «السعودي الفرنسي كابيتال»); a
    conjunction or preposition on the first word is no letter of the name («وكيا موتورز»).
    The words are tested as written: «بلو» is no «ب» + «لو»."""
    from kg.extract.gazetteer import is_ordinary_exact

    suffixes = lx.words("company_suffix")
    clitic = ""
    for k in range(i, min(len(toks), i + 4)):
        t = toks[k]
        if k > i and t.norm in suffixes:
            return k + 1, clitic
        norm = t.norm
        if k == i:
            whole = is_ordinary_exact(norm)
            for stem, c in readings(norm)[1:]:
                # «وكيا»: و + a name (but «ويسترن» is a name's own letter); ب، ل only when the word
                # as written is one of the language
                definite = stem.startswith("ال")
                listed = i > 0 and toks[i - 1].text in ("،", ",")  # «، ويونايتد …»: the list's و
                if (c is not None and "art" not in c.kinds and len(stem) >= 3 and (
                        c.kinds == {"conj"} and (_conjoined(t) or (
                            listed and is_ordinary_exact(stem) and not whole))
                        or "prep" in c.kinds and (whole and not is_ordinary_exact(stem) or definite))):
                    clitic, norm = c.form, stem
                    break
        if (not t.is_word or t.is_number or t.is_latin or norm in suffixes
                or (norm in lx.common_words() and not norm.startswith("ال"))
                or norm in lx.prepositions() or match_cue(toks, k) or (k > i and _conjoined(t))
                # «… المصرفية لالأهلي كابيتال»: a preposition before a definite word starts the name
                or (k > i and any(c is not None and c.is_prep and ("art" in c.kinds or stem.startswith("ال"))
                                  for stem, c in readings(t.norm)[1:]))
                or looks_verb(norm) or (k == i and known(toks, k) is not None)
                # «الرئيس التنفيذي لسيتي جروب»: a title before the company is no word of its name
                or (k == i and _in_title(toks, k))
                # «قادت», «وقعت»: a verb before the name
                or any(w.endswith("ت") and is_ordinary(w[:-1]) for w in {norm, t.norm})):
            return None
    return None


def _in_title(toks: list[Token], k: int) -> bool:
    """Whether token k is a word of a job title (its first or a later one)."""
    return any((m := match_title(toks, s)) is not None and m[1] > k for s in range(max(0, k - 3), k + 1))


def _conjoined(tok: Token) -> bool:
    """Whether a word begins with the conjunction «و» rather than a name's own W: a W of a
    transliteration is a long vowel's letter, «ويسترن», «وارنر»; «وكيا», «وأمازون» are و + name."""
    text = strip_diacritics(tok.text)
    return text.startswith("و") and len(text) > 3 and text[1] not in lx.words_in_order("name_w_vowel")


def is_first_name_exact(norm: str) -> bool:
    return norm in lx.first_names()


def find_mentions(finder: MentionFinder, sents: list[Sentence], toks: list[list[Token]],
                  extra: tuple[Recognizer, ...] = ()) -> list[list[Cand]]:
    """Every sentence's mentions, in token order: the rules' (MentionFinder), then those of the
    `extra` recognisers where the rules found none, then the organisations and people named
    next to a title."""
    out = []
    for s, tk in zip(sents, toks, strict=True):
        cands = finder.find(s.index, tk, s.text, s.start)
        # a construction of the rules (title, unknown word, holder) outvotes a model's guess
        covered = {k for c in cands for k in range(c.i, c.j)}
        for i, j in title_org_spans(tk, cands):
            if not any(k in covered for k in range(i, j)):
                cands.append(finder.named(s.index, tk, s.text, s.start, i, j, "Organization", "title"))
                covered.update(range(i, j))
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
