"""Word-level tests shared by the extraction rules: clitic readings, name-likeness, patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from kg.extract import lexicon as lx
from kg.extract.lexicon import Clitic, Pattern
from kg.resources import word_list
from kg.text.morphology import analyzer
from kg.text.normalize import normalize
from kg.text.tokens import Token

QUOTE_OPEN = {"«", '"', "“", "„", "'"}
QUOTE_CLOSE = {"»": "«", '"': '"', "”": "“", "“": "“", "'": "'"}
_LETTERS = re.compile(r"\w{2,}")


def is_nisba(norm: str) -> bool:
    """A nisba adjective or surname (الغامدي): the article, two letters or more, a final ي."""
    return (len(norm) >= 5 and norm.startswith("ال") and norm.endswith("ي")
            and bool(_LETTERS.fullmatch(norm[2:-1])))


@lru_cache(maxsize=65536)
def readings(norm: str) -> tuple[tuple[str, Clitic | None], ...]:
    """The word itself and every reading with proclitics removed (stem of 2+ letters), as the
    active analyser (camel-tools' morphology or the light stemmer) sees it."""
    out: list[tuple[str, Clitic | None]] = [(norm, None)]
    for r in analyzer().readings(norm):
        if r.stem != norm and norm.endswith(r.stem) and len(r.stem) >= 2:
            out.append((r.stem, Clitic(norm[: len(norm) - len(r.stem)], frozenset(r.proclitics))))
    return tuple(out)


def stems(norm: str) -> set[str]:
    return {s for s, _ in readings(norm)}


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    return frozenset(normalize(w) for w in word_list("vocabulary.txt"))


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Normalised words of known entity labels: a known name is never 'ordinary'."""
    from kg.ontology import known_entities

    out: set[str] = set()
    for e in known_entities():
        for label in (e.label_ar, *e.alt_labels):
            words = normalize(label).split()
            if len(words) == 1:
                out.add(words[0])
    return frozenset(out)


def is_common(norm: str) -> bool:
    """A very frequent word (function words, common verbs): never part of a name."""
    if norm in _name_words() or norm in lx.first_names():
        return False
    words = lx.common_words()
    for stem, _ in readings(norm):
        if stem in words or any(b in words for b in pronoun_bases(stem, lx.pronoun_suffixes())):
            return True
    return False


def preposition_with_pronoun(norm: str, preps: Iterable[str], suffixes: Iterable[str]) -> bool:
    """Whether the word as written is one of `preps` with one of `suffixes` on it (لها، فيها)."""
    return any(norm == p + s for p in preps if p for s in suffixes)


def pronoun_bases(norm: str, suffixes: Iterable[str], min_len: int = 2) -> list[str]:
    """The word without each attached pronoun it ends in, and with the feminine ending the
    pronoun turned into ت restored (رئيستها → رئيس, رئيسه); bases shorter than `min_len` are left out."""
    out = []
    for p in suffixes:
        base = norm[: -len(p)]
        if norm.endswith(p) and len(base) >= min_len:
            out.append(base)
            if base.endswith("ت"):
                out.append(base[:-1] + "ه")
    return out


def is_ordinary(norm: str) -> bool:
    """A word of the everyday vocabulary: not, on its own, an unknown name."""
    if norm in _name_words():
        return False
    vocab = _vocabulary()
    return any(stem in vocab for stem, _ in readings(norm)) or is_common(norm)


def is_name_word(tok: Token) -> bool:
    """A word that may continue a person's name: a rare word, a nisba or a connector."""
    n = tok.norm
    if ordinary_accusative(n):
        return False  # «رائد إقليميا», «حسين عضوا»: an accusative of the language ends the name
    return is_surname_like(tok) and (not is_common(n) or is_connector(n) or is_nisba(n))


def ordinary_accusative(norm: str) -> bool:
    """A word of the language with the accusative's alef (عضوا، إقليميا)."""
    alef = lx.words_in_order("inflected_ending")[:1]
    return len(norm) >= 4 and norm.endswith(alef) and is_ordinary(norm[:-1])


def written_accusative(norm: str, shown: str) -> bool:
    """A word written in the accusative with its tanween («إنجازًا تاريخيًا»). Without the mark
    the alef says nothing: foreign names end in it too («كوريري ديلا سيرا»)."""
    return "\u064b" in shown and norm.endswith("ا")


def number_form(norm: str) -> bool:
    """A dual or sound plural of an ordinary word (سماعتان: سماعة)."""
    for end in lx.words_in_order("number_ending"):
        stem = norm[: -len(end)]
        if norm.endswith(end) and len(stem) >= 2 and (
                is_ordinary(stem) or (end.startswith("ت") and is_ordinary(stem + "ه"))):
            return True
    return False


def is_latin_or_name(tok: Token) -> bool:
    """A token the gazetteer vocabulary of known names contains (a known name is no latent one)."""
    return tok.norm in _name_words()


def is_connector(norm: str) -> bool:
    """A word joining the parts of a person's name (بن، عبد، فان)."""
    return norm in lx.words("name_connector")


def is_first_name(norm: str) -> bool:
    return any(stem in lx.first_names() for stem, c in readings(norm) if c is None or c.form in ("و", "ف"))


def is_preposition_text(tok: Token) -> bool:
    """«على» normalises like the name «علي»: tell them apart by the letters as written."""
    from kg.text.normalize import strip_diacritics

    written = strip_diacritics(tok.text)
    forms = lx.words("preposition_as_written")
    # «وعلى»: a conjunction before it changes nothing
    return written in forms or (written[:1] in ("و", "ف") and written[1:] in forms)


def is_surname_like(tok: Token) -> bool:
    """A word that may follow a given name: not frequent, or a nisba (الغامدي), or a connector."""
    n = tok.norm
    if not tok.is_word or tok.is_number or is_preposition_text(tok):
        return False
    # «للبترول»: a preposition stuck to an ordinary word is no part of a name
    vocab = _vocabulary()
    if any(c is not None and c.form in ("ل", "لل") and len(stem) >= 4
           and (stem in vocab or "ال" + stem in vocab) for stem, c in readings(n)[1:]):
        return False
    if is_connector(n):
        return True
    if tok.is_latin:
        return True
    if is_nisba(n):
        return True
    return not is_common(n)


def word_matches(norm: str, pat: Pattern) -> Clitic | None | bool:
    """Match a text word against a trigger pattern; returns the clitic used (None: none) or False."""
    for stem, clitic in readings(norm):
        if stem == pat.text or (pat.wild and stem.startswith(pat.text)):
            return clitic
        for suf in lx.pronoun_suffixes():
            if stem.endswith(suf):
                base = stem[: -len(suf)]
                if base == pat.text or (pat.text.endswith("ه") and base == pat.text[:-1] + "ت"):
                    return clitic
    return False


def has_pronoun_suffix(norm: str, base: str, suffixes: Iterable[str] | None = None) -> bool:
    """True when `norm` is `base` plus an attached pronoun (لها، فيها، معه), one of `suffixes`
    when given (default: every pronoun of pronoun_suffixes.txt)."""
    for stem, _ in readings(norm):
        for suf in lx.pronoun_suffixes() if suffixes is None else suffixes:
            if stem == base + suf or (base == "ل" and norm == "ل" + suf):
                return True
    return False


def prep_of(tok: Token) -> str:
    """The preposition a token is or starts with ('' if none)."""
    preps = lx.prepositions()
    n = tok.norm
    if n in preps:
        return preps[n]
    if n in ("و" + p for p in preps):
        return preps[n[1:]]
    words = lx.common_words()
    for stem, clitic in readings(n):
        if clitic is not None and clitic.is_prep:
            if n in words and stem not in words and stem not in lx.pronoun_suffixes():
                continue  # بعض is a word, not ب + عض (but لها is ل + ها)
            return clitic.form.lstrip("وف")[:1]
    return ""


def looks_verb(norm: str) -> bool:
    """An imperfect verb (نتذكر، تختبر): the same word with another person prefix is a known word."""
    prefixes = lx.words_in_order("imperfect_prefix")
    return norm[:1] in prefixes and len(norm) >= 4 and any(
        is_ordinary(p + norm[1:]) for p in prefixes if p != norm[0])


def looks_arabic(norm: str) -> bool:
    """Arabic word shapes a transliterated name rarely has: a feminine or plural ending, an
    attached pronoun, a broken plural (رقائق، بدائل), a derived verbal noun (استثمار)."""
    if looks_verb(norm):
        return True
    if (norm.endswith(lx.words_in_order("arabic_ending"))
            or (len(norm) >= 5 and norm[2:4] in lx.words("broken_plural_infix"))
            or norm.startswith(lx.words_in_order("derived_prefix"))):
        return True
    # «اختبارا» (tanween), «مزودي» (construct plural): an ordinary word with an ending
    return any(norm.endswith(s) and len(norm) - len(s) >= 3 and is_ordinary(norm[: -len(s)])
               for s in lx.words_in_order("inflected_ending"))


def written_maqsura(text: str) -> bool:
    """Whether a word as written ends in alef maqsura (ى), which normalising turns into ya: a
    nisba or demonym never does («اليمنى»: the right one, not Yemeni), nor a name spelt with ya
    («أودى»: it claimed, not Audi)."""
    from kg.text.normalize import strip_diacritics

    last = strip_diacritics(text)[-1:]
    return last != "ي" and normalize(last) == "ي"


def foreign_shape(norm: str) -> bool:
    """A word spelt as a transliterated name spells one, vowels written out (فيكتورا، كوانتيكس،
    داتافيلد), and no word of the language: what lets a name said once fill a relation's slot."""
    if (len(norm) < 5 or not norm.isalpha() or any(ch.isascii() for ch in norm) or norm.startswith("ال")
            or norm.endswith(lx.words_in_order("inflected_shape_ending"))):
        return False
    vowels = sum(ch in lx.words("long_vowel_letter") for ch in norm[1:])
    clitics = [stem for stem, c in readings(norm)[1:] if c is not None and len(stem) >= 3]
    # «سيلفرلينك»: a long word will do with two, when no clitic can start it (والتصالح، للبروفيسور)
    if vowels < 3 and not (vowels == 2 and len(norm) >= 8 and not clitics):
        return False
    if is_ordinary(norm) or is_common(norm) or looks_arabic(norm) or is_first_name(norm):
        return False
    # «وكوانتيكس» is و + a name, but «بمستويات» and «واستشراف» are Arabic words under a clitic
    derived = lx.words_in_order("derived_prefix")
    return not any(is_ordinary(stem) or stem.startswith(derived) for stem in clitics)


def field_adjective(norm: str) -> bool:
    """A definite feminine adjective of a company's field (الإعلامية، التقنية، المتحدة), which may
    stand between the company's name and its nationality adjective («نيكي الإعلامية اليابانية»)."""
    nisba, participle = lx.words_in_order("adjective_ending"), lx.words_in_order("participle_article")
    feminine = norm.startswith("ال") and norm.endswith("ه")
    return feminine and (norm.endswith(nisba) or norm.startswith(participle))
