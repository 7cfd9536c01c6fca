"""Stage 6, roles: people next to job titles, «الرئيس التنفيذي لشركة «إنفيديا»، جينسن هوانغ».

Reads a sentence's tokens and linked mentions; adds `RoleHit`s, the affiliations of people to
organisations in the document state, and `RawFact`s (ceoOf, executiveOf, founderOf) named by
their title row's id. A title (titles.tsv) is looked up; its organisation is the name after a
preposition or cue word that follows it (skipping a few words: مدير هندسة التوصيل في «فيسبوك»),
or an anaphor (للشركة); the person is the name right after the organisation, or right before
the title (جي باريك، نائب رئيس …; يشغل إسماعيل الغامدي منصب …), or — when the sentence names
nobody there — the person the sentence is about (شغل منصب … : he). A function word after the
title (للعمليات، للشؤون المالية) makes a CEO-like title an executive one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract import trace
from kg.extract.types import Cand, DocState, RawFact, SentCtx
from kg.extract.words import (
    QUOTE_CLOSE,
    is_common,
    is_first_name,
    is_name_word,
    is_nisba,
    is_preposition_text,
    is_surname_like,
    looks_verb,
    prep_of,
    preposition_with_pronoun,
    pronoun_bases,
    readings,
)
from kg.text.tokens import Token

_ORG_TYPES = ("Company", "Organization", "GovernmentBody")
_POSSESSIVE_REACH = 8  # tokens between «رئيسها» and the company named before it in the sentence


@lru_cache(maxsize=1)
def _generic_titles() -> frozenset[tuple[str, ...]]:
    """Titles («رئيس» alone) that are a company role only right before the company."""
    return frozenset(tuple(w.split()) for w in lx.words("generic_title"))


@lru_cache(maxsize=1)
def _skip_before() -> frozenset[str]:
    """What may stand between a person's name and the title after it: commas, honorifics, منصب."""
    return frozenset({"،", ","}) | lx.words("title_skip_before")


@lru_cache(maxsize=1)
def _skip_after() -> frozenset[str]:
    """Between an organisation and the name that follows it: punctuation and honorifics."""
    return frozenset({"،", ",", "»", '"', "."}) | lx.words("title_skip_after")


def _after_org(toks: list[Token], k: int) -> int:
    """Skip what may stand between an organisation and a person's name: punctuation,
    honorifics, a nationality adjective or a sector (دايملر الألمانية …، سامسونج للإلكترونيات …)."""
    from kg.extract.gazetteer import place_words

    start = k
    while k < len(toks) and k < start + 6:  # «، صاحب السمو الملكي الأمير …»
        t = toks[k]
        if t.text in _skip_after() or t.norm in _skip_after() or t.norm in place_words() or (
                t.norm.startswith("لل") and len(t.norm) > 4):
            k += 1
            continue
        break
    return k


def _is_public_office(toks: list[Token], j: int) -> bool:
    for phrase in lx.public_offices():
        if j + len(phrase) <= len(toks) and all(
                any(s == w for s, _ in readings(toks[j + n].norm)) for n, w in enumerate(phrase)):
            return True
    return False


def _clause_subject(toks: list[Token], i: int) -> bool:
    verbs = lx.role_verbs()
    for t in toks[max(0, i - 3): i]:
        if any(s in verbs for s, _ in readings(t.norm)):
            return True
    return False


@dataclass(frozen=True)
class RoleHit:
    predicate: str  # ceoOf / executiveOf / founderOf / "-"
    i: int  # title token range
    j: int
    person: Cand | None  # None: the sentence's person, resolved by the caller
    org: Cand | None  # None: the sentence's organisation, resolved by the caller
    past: bool
    function: bool = False  # a function followed the title (للعمليات): an officer of some company
    clause_subject: bool = False  # «شغل منصب …», «كان …»: the title's holder is the clause subject
    rule: str = ""  # the title row's id (titles.tsv)
    # a preposition after the title names its organisation («للبنك»، «لشبكة …»), found or not
    governs: bool = False
    possessive: bool = False  # «رئيسها التنفيذي»: the organisation is the pronoun's antecedent


def match_title(toks: list[Token], i: int) -> tuple[lx.Title, int] | None:
    index = lx.title_index()
    found: list[tuple[int, lx.Title]] = []
    for stem, clitic in readings(toks[i].norm):
        if clitic is not None and clitic.form not in lx.words("title_clitic"):
            continue
        found.extend(index.get(stem, ()))
    return _title_rest(toks, i, found)


def _possessive_title(toks: list[Token], i: int) -> tuple[lx.Title, int] | None:
    """«رئيسها التنفيذي»، «مديره العام»: a title whose first word carries a third person's pronoun
    (possessive_pronoun), read as the definite title («الرئيس التنفيذي»)."""
    index = lx.title_index()
    # «رئيستها»: the feminine ending is written ت before the pronoun (رئيسة)
    for b in pronoun_bases(toks[i].norm, lx.words_in_order("possessive_pronoun"), min_len=3):
        found = _title_rest(toks, i, index.get("ال" + b, ()))
        if found is not None:
            return found
    return None


def _title_rest(toks: list[Token], i: int,
                found: Iterable[tuple[int, lx.Title]]) -> tuple[lx.Title, int] | None:
    """The first title (in file order) of those whose first word is token i's that the next
    tokens complete, and its end."""
    for _order, t in sorted(found, key=lambda x: x[0]):
        n = len(t.words)
        if i + n <= len(toks) and all(toks[i + k].norm == t.words[k] for k in range(1, n)):
            return t, i + n
    return None


def _pronoun_org(tok: Token) -> bool:
    """«الرئيس التنفيذي لها»: the title's organisation is a pronoun on «ل»."""
    return preposition_with_pronoun(tok.norm, ("ل",), lx.words_in_order("possessive_pronoun"))


def _function_end(toks: list[Token], j: int) -> int:
    """Skip 'للعمليات' / 'للشؤون المالية' after a title; returns j when there is none."""
    if j < len(toks) and toks[j].norm in lx.words("title_qualifier"):
        j += 1  # «الرئيس التنفيذي الأول لمبيعات الأفراد»
    if j >= len(toks):
        return j
    funcs = lx.officer_functions()
    first = toks[j].norm
    for stem, clitic in readings(first):
        if clitic is not None and clitic.is_prep and ("ال" + stem in funcs or stem in funcs):
            k = j + 1
            while k < len(toks) and k < j + 3 and toks[k].norm in funcs:
                k += 1
            return k
    return j


def _not_a_surname(norm: str) -> bool:
    """«صفحته», «البطارية»: a word with an attached pronoun, or a definite noun that is no
    nisba (الغامدي), does not continue a name."""
    if norm.startswith("ال") and not is_nisba(norm):
        return True
    return any(norm.endswith(p) and len(norm) - len(p) >= 3 for p in lx.words_in_order("non_name_suffix"))


def person_name_span(toks: list[Token], i: int) -> int:
    """End of a person's name starting at token i (i when there is none)."""
    if i >= len(toks) or not toks[i].is_word or toks[i].is_number:
        return i
    t = toks[i]
    if is_preposition_text(t) or not (
            is_first_name(t.norm) or (is_surname_like(t) and not is_common(t.norm))):
        return i
    j = i + 1
    while j < len(toks) and j < i + 4 and is_surname_like(toks[j]) and not _not_a_surname(toks[j].norm):
        j += 1
    if j - i == 1 and not is_first_name(t.norm):
        return i  # a lone unknown word is too weak to be a person
    return j


def person_name_before(toks: list[Token], end: int) -> int:
    """Start of a person's name ending right before token `end` (end when there is none)."""
    k = end
    while k > 0 and end - k < 4 and is_name_word(toks[k - 1]) and not (
            k == end and is_first_name(toks[k - 1].norm) is False and is_common(toks[k - 1].norm)):
        if is_first_name(toks[k - 1].norm):
            k -= 1
            break
        if looks_verb(toks[k - 1].norm):
            break  # «ما توقع بيك بيسيكير»: a verb starts no name
        k -= 1
    # a given name may be a frequent word (خليفة، سعيد): take it when it starts the name
    if k > 0 and end - k < 4 and is_first_name(toks[k - 1].norm):
        k -= 1
    while k < end and (toks[k].norm in lx.words("patronymic") or (
            toks[k].norm.startswith(("و", "ف")) and not is_first_name(toks[k].norm))):
        k += 1  # «وصرح وارن تراس»: the verb is not part of the name
    if end - k >= 2:
        return k
    return end


def find_roles(toks: list[Token], cands: list[Cand]) -> list[RoleHit]:
    by_start = {c.i: c for c in cands}
    covered = {k for c in cands for k in range(c.i, c.j)}
    out: list[RoleHit] = []
    i = 0
    while i < len(toks):
        if i in covered:
            i += 1
            continue
        m = match_title(toks, i)
        possessive = m is None
        if m is None:
            m = _possessive_title(toks, i)
        if m is None:
            i += 1
            continue
        title, j = m
        if _is_public_office(toks, j):
            i = j
            continue
        if i > 0 and toks[i - 1].norm in lx.words("title_dependent"):
            # «مستشار الرئيس التنفيذي»، «مدير مكتب …»: a post that serves the title's holder, and
            # so serves a title joined to it («مساعد العضو المنتدب والرئيس التنفيذي»)
            nxt = match_title(toks, j) if j < len(toks) and toks[j].norm.startswith("و") else None
            i = nxt[1] if nxt is not None else j
            continue
        pred = title.predicate
        acting = j
        while acting < len(toks) and toks[acting].norm in lx.words("acting_marker"):
            acting += 1  # «الرئيس التنفيذي بالنيابة»: the post's holder for now, no officer
        k = _function_end(toks, acting)
        if k > acting and any(c.i < k and c.j > acting and c.type in _ORG_TYPES for c in cands):
            k = acting  # «الرئيس التنفيذي للاتصالات السعودية»: the word begins a name, no function
        function = k > acting
        if function and lx.predicate_rule(pred).officer:
            pred = lx.predicate_rule(pred).officer
        org = None
        org_end = k
        reach = 0 if title.words in _generic_titles() else 4
        # the organisation: within a few words, after a preposition or cue, or an anaphor
        for c in cands:
            if c.i < k or c.i > k + reach:
                continue
            between = toks[k: c.i]
            # «المدير التنفيذي للجمعية الذي قام بتكريم الشركة»: a relative clause ends the title
            if any(t.text in "،؛:." or t.norm in lx.words("title_clause_end") for t in between):
                break
            if c.type == "Person" or (c.type and c.type not in _ORG_TYPES):
                continue
            org, org_end = c, c.j
            break
        # the person: after the organisation, before the title, or the sentence's person
        person = None
        q = i
        clause = lx.words("title_skip_clause")
        while q > 0 and (toks[q - 1].norm in _skip_before() or toks[q - 1].norm in clause):
            q -= 1
        before = next((c for c in cands if c.j == q and c.type == "Person"), None)
        if before is not None and toks[i].norm.startswith("و"):
            # «… جيمي كارتر، والرئيس التنفيذي لـX فلان»: «و» starts the next of a list; a title
            # joined to a post before it takes that post's holder (_coordinated)
            before = None
        p = _after_org(toks, org_end)
        after = by_start.get(p)
        # «… للتقنية ومزيد الحربي»: a name joined by و starts the next clause
        if (after is not None and after.type == "Person" and p - org_end <= 4
                and not (toks[after.i].norm.startswith("و") and after.start > toks[after.i].start)):
            person = after
        if before is not None:
            person = before  # «قال مارك زوكربيرج الرئيس التنفيذي لشركة فيسبوك …»
        past = any(t.norm in lx.words("past_marker") for t in toks[max(0, i - 4): i])
        if title.words in _generic_titles() and (org is None or org.type not in ("Company", None)):
            i = j
            continue
        governs = k < len(toks) and bool(prep_of(toks[k]))
        if possessive:
            org = None  # its own pronoun names the organisation, not a name after it
            if person is None or person.i < j:
                i = j  # «مديره»: a name before it is no holder of the pronoun's post
                continue
        elif org is None and k < len(toks) and _pronoun_org(toks[k]):
            possessive = True  # «… فلان الرئيس التنفيذي لها»: the holder is named next to the title
        out.append(RoleHit(pred, i, j, person, org, past, function, _clause_subject(toks, i), title.id,
                           governs, possessive))
        i = j
    return _coordinated(toks, [*out, *_counterparts(toks, cands, out)])


def _counterparts(toks: list[Token], cands: list[Cand], hits: list[RoleHit]) -> list[RoleHit]:
    """«التقى الرئيس التنفيذي لـA فلان نظيره في B فلان2»: a counterpart (counterpart_word) at
    another organisation holds the same post there."""
    out: list[RoleHit] = []
    for k, t in enumerate(toks):
        if t.norm not in lx.words("counterpart_word"):
            continue
        title = next((h for h in reversed(hits) if h.j <= k and h.org and h.person), None)
        if title is None or title.org is None or title.person is None:
            continue
        if k + 1 >= len(toks) or not prep_of(toks[k + 1]):
            continue
        start = k + 2 if toks[k + 1].norm in lx.prepositions() else k + 1
        org = next((c for c in cands if start <= c.i <= start + 1 and c.type in (*_ORG_TYPES, None)), None)
        if org is None or org.key == title.org.key:
            continue
        p = _after_org(toks, org.j)
        person = next((c for c in cands if c.i == p and c.type == "Person"), None)
        if person is None or person.key == title.person.key:
            continue
        out.append(replace(title, i=k, j=k + 1, person=person, org=org, possessive=False, governs=False))
    return out


def _coordinated(toks: list[Token], hits: list[RoleHit]) -> list[RoleHit]:
    """«العضو المنتدب والرئيس التنفيذي لشركة X، فلان»: titles joined by «و» are one person's posts
    at one organisation; each takes what the other names (its holder, its organisation). A title
    right after another's organisation is another post of the same holder."""
    out = list(hits)
    for n in range(len(out) - 1):
        a, b = out[n], out[n + 1]
        gap = toks[a.org.j: b.i] if a.org is not None else []
        if a.org is not None and b.i >= a.org.j and all(t.text in QUOTE_CLOSE for t in gap) and (
                not toks[b.i].norm.startswith("و")):
            # «المدير العام لـA رئيس مجلس إدارة B فلان»: stacked posts in apposition, one holder
            person = a.person or b.person
            out[n], out[n + 1] = replace(a, person=person), replace(b, person=person)
            continue
        if b.i != a.j or not toks[b.i].norm.startswith("و"):
            continue
        person = a.person or b.person
        org = b.org or a.org
        out[n] = replace(a, person=person, org=a.org or org)
        out[n + 1] = replace(b, person=person, org=org)
    return out


def title_org_spans(toks: list[Token], cands: list[Cand]) -> list[tuple[int, int]]:
    """«رئيس مجلس إدارة أوركسا الدكتور سامر الدوسري»: between a title and the person holding it,
    one or two words no list knows are the organisation the title is of. Only when a person's
    name follows: the title, the unknown word and the name together are the evidence."""
    from kg.extract.gazetteer import place_words
    from kg.extract.words import is_ordinary

    covered = {k for c in cands for k in range(c.i, c.j)}
    people = {c.i for c in cands if c.type == "Person"}

    def unknown(t: Token) -> bool:
        return (t.is_word and not t.is_number and not t.is_latin and not t.norm.startswith("ال")
                and not is_ordinary(t.norm) and not is_common(t.norm) and not is_first_name(t.norm)
                and t.norm not in place_words() and not is_preposition_text(t))

    spans: list[tuple[int, int]] = []
    for title, _i, _j, k in _company_titles(toks, covered):
        if title.words in _generic_titles() or k >= len(toks) or k in covered or not unknown(toks[k]):
            continue
        e = k + 1
        if e < len(toks) and e not in covered and unknown(toks[e]):
            e += 1
        p = _after_org(toks, e)
        if p in people or (p not in covered and person_name_span(toks, p) > p):
            spans.append((k, e))
    return spans


def _company_titles(toks: list[Token], covered: set[int]) -> Iterator[tuple[lx.Title, int, int, int]]:
    """Each title of a company role in the sentence, outside the names found so far: (title, its
    token range i..j, where what follows its function word starts), public offices left out."""
    i = 0
    while i < len(toks):
        m = match_title(toks, i)
        if m is None or i in covered:
            i += 1
            continue
        title, j = m
        if not _is_public_office(toks, j):
            yield title, i, j, _function_end(toks, j)
        i = j


def title_person_spans(toks: list[Token], cands: list[Cand]) -> list[tuple[int, int]]:
    """Token spans of unlisted names next to titles (found before mentions are final)."""
    covered = {k for c in cands for k in range(c.i, c.j)}
    spans: list[tuple[int, int]] = []
    for _title, i, _j, k in _company_titles(toks, covered):
        # after the organisation that follows the title
        reach = 0 if _title.words in _generic_titles() else 4
        # a person's name after the title is its holder, not the organisation whose holder follows
        org = next((c for c in cands if k <= c.i <= k + reach and c.type != "Person"), None)
        if _title.words in _generic_titles() and org is None:
            continue
        p = org.j if org is not None else None
        if p is not None:
            p = _after_org(toks, p)
            if p not in covered:
                e = person_name_span(toks, p)
                if e > p:
                    spans.append((p, e))
        q = i
        while q > 0 and toks[q - 1].norm in _skip_before():
            q -= 1
        if q - 1 not in covered:
            s = person_name_before(toks, q)
            if s < q:
                spans.append((s, q))
    return spans


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
            org = Cand(sent=org.sent, i=org.i, j=org.j, start=org.start, end=org.end, text=org.text,
                       norm=org.norm, type="Company", source="topic", prep=org.prep, key=topic)
        if org is None and h.possessive:
            from kg.extract.arguments import antecedent

            # «… وقد أعلن رئيسها التنفيذي فلان»: the company the pronoun stands for, named a few
            # words before it, or the subject of the sentence before when this one names none
            # before the title (a long sentence's pronoun may stand for a noun no list knows)
            named_before = any(c.key and c.j <= h.i for c in ctx.cands)
            org = antecedent(ctx, st, h.i, "Company", person.key, here=named_before)
            if org is not None and named_before and h.i - org.j > _POSSESSIVE_REACH:
                org = None
            conf = 0.8
        if org is None or not org.key:
            # «… الرئيس التنفيذي للعمليات» names no company: take the company of the sentence,
            # but only for an officer's title next to its holder's name
            if h.person is None:
                continue
            before = [c for c in reversed(ctx.cands) if c.j <= h.i and c.key
                      and st.is_a(st.types.get(c.key) or c.type or "", "Company")]
            if not h.function:
                # «… في الشركة السعودية للكهرباء يتقدمهم الرئيس التنفيذي بالنيابة فلان»: a post
                # of no named company is held at the one company the sentence named before it,
                # by name (no anaphor), when the holder's name follows the title
                before = [c for c in before if not c.anaphor]
                if h.governs or h.person.i < h.j or len({c.key for c in before}) != 1:
                    continue
            org = before[0] if before else None
            conf = 0.7
            topic = st.topic()
            if org is None and topic is not None:
                # «… الرئيس التنفيذي الأعلى لقطاع الأعمال» in an article about one company
                org = Cand(sent=ctx.sentence.index, i=h.i, j=h.j, start=person.start, end=person.end,
                           text="", norm="", type="Company", source="topic", key=topic)
                conf = 0.6
        if org is None:
            continue
        st.affiliation.setdefault(person.key, org.key)
        if h.predicate == "-":
            continue
        out.append(RawFact(subject=person, predicate=h.predicate, object=org, trig_i=h.i, trig_j=h.j,
                           confidence=conf, rule=h.rule, sent=ctx.sentence.index, role=True))
    return out


def note_roles(sent: int, tk: list[Token], hits: list[RoleHit], made: list[RawFact]) -> None:
    for h in hits:
        holder = h.person.text if h.person is not None else "the sentence's person"
        org = h.org.text if h.org is not None else "the sentence's organisation"
        words = " ".join(t.text for t in tk[h.i:h.j])
        trace.note(sent, "roles", f"«{words}»: {holder} of {org} ({h.predicate})", h.rule)
    for r in made:
        trace.note(sent, "roles", f"fired: {r.subject.text} {r.predicate} {r.object.text or r.object.key}",
                   r.rule)


def note_affiliations(state: DocState, toks: list[Token], cands: list[Cand]) -> None:
    """Who speaks for which named organisation («الرئيس التنفيذي لـX فلان»), before anaphors are
    resolved: «الشركة» in that person's words is their company."""
    for h in find_roles(toks, cands):
        if h.person is not None and h.org is not None and h.org.key and h.predicate:
            state.affiliation.setdefault(h.person.key, h.org.key)


def appointed_roles(ctx: SentCtx, st: DocState, hits: list[RoleHit], stated: list[RawFact],
                    hires: list[RawFact]) -> list[RawFact]:
    """«عيّنت «موبايلي» منيرة الشهري رئيسة تنفيذية لها»: a title that names no company of its own
    (or only a pronoun) is held at the company that appoints its holder in the same sentence."""
    out = []
    for h in hits:
        if h.predicate == "-" or h.person is None or (h.org is not None and h.org.key):
            continue
        if any(r.trig_i == h.i for r in stated):
            continue  # role_facts found its company already
        hire = next((r for r in hires if r.predicate == "hires" and r.object.key == h.person.key), None)
        if hire is None or hire.subject.key == h.person.key:
            continue
        out.append(RawFact(subject=h.person, predicate=h.predicate, object=hire.subject, trig_i=h.i,
                           trig_j=h.j, confidence=0.8, rule=h.rule, sent=ctx.sentence.index, role=True))
    return out
