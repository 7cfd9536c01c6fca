"""A statistical mention recogniser: a linear-chain CRF (CRFsuite, through python-crfsuite).

Part of the mentions stage, beside the rules: it reads a sentence's tokens and adds the names it
tags (PERS → Person, ORG → Organization, LOC → Place) where the rules found none
(kg.extract.recognizers.merge). Its features generalise rather than memorise: the normalised
word and its stem with the clitics read off, prefixes and suffixes, word shape, whether the word
is ordinary Arabic vocabulary, a given name, a place word, the start of a known name, a cue or a
title word, and the same of its neighbours, with the next and previous words and word pairs.

The model is trained reproducibly from open gold (`make model`: ANERcorp, CAMeL Lab split, in
../shared/corpora/ner) and shipped as package data under CC BY-SA 4.0 (see
kg/resources/models/README.md); the code is MIT. Without the model file the recogniser is off.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from kg.errors import ResourceError
from kg.extract.types import Cand
from kg.text.normalize import normalize
from kg.text.tokens import Token

MODEL = Path(__file__).resolve().parent.parent / "resources" / "models" / "ner-crf.crfsuite"
TYPES = {"PERS": "Person", "PER": "Person", "ORG": "Organization", "LOC": "Place"}
# How sure the model must be (its marginal probability) to call a lone word that is no given name a
# person: on ANERcorp dev all the lone words it tags so sure are people (رايس، أنان), while an unknown
# foreign word after a verb gets 0.8 to 0.9 and is as often a company (سيرنر)
LONE_PERSON = 0.95
# and to take a lone word of the language for a name («قالت الجزيرة», «حركة طالبان»)
SURE = 0.95
# a word the model leaves outside every name with less than this probability is a name of no type
DOUBTFUL_O = 0.5
_LATIN = re.compile(r"[A-Za-z]")
_ARABIC = re.compile(r"[\u0621-\u064A]")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    """The word lists the features ask about, normalised (kg.extract.lexicon and the gazetteer)."""
    from kg.extract import lexicon as lx
    from kg.extract.gazetteer import place_words
    from kg.extract.words import _vocabulary
    from kg.ontology import known_entities

    starts: set[str] = set()
    for e in known_entities():
        for label in (e.label_ar, *e.alt_labels):
            words = normalize(label).split()
            if words:
                starts.add(words[0].removeprefix("ال") if len(words[0]) > 4 else words[0])
    return {
        "common": frozenset(lx.common_words()),
        "vocab": frozenset(_vocabulary()),
        "first": frozenset(lx.first_names()),
        "place": frozenset(place_words()),
        "known": frozenset(starts),
        "cue": frozenset(c.words[0] for c in lx.cues()),
        "title": frozenset(t.words[0] for t in lx.titles()),
    }


@lru_cache(maxsize=65536)
def _stem(norm: str) -> str:
    """The word with its longest proclitic read off by the light stemmer (clitics.tsv):
    و+بال+شركات → شركات. Always the light stemmer, never camel-tools' analyser: the features
    must be those the model was trained on, whatever is installed."""
    from kg.text.morphology import LightStemmer

    readings = LightStemmer().readings(norm)
    return readings[1].stem if len(readings) > 1 else norm


_ARTICLE = "ال"
_AND = "و"


def _clitic_before_name(norm: str, written: str = "") -> str:
    """The proclitics to leave out of a tagged name's span: only a conjunction or preposition
    before a definite word (والرياض → الرياض) or a name the lists know (بجدة → جدة); before
    anything else the letters may be the name's own (وليد، فالكون), so they stay."""
    from kg.extract import lexicon as lx
    from kg.text.morphology import clitics

    best = ""
    lex = _lexicon()
    hamza = lx.words("hamza_alef_as_written")
    for c in clitics():
        # «وأوبتيفلو»، «لأوبتيفلو»: no name begins with و، ل or ب before a hamza's alef
        n = len(c.form)
        if (not c.form.endswith((_ARTICLE, "لل")) and norm.startswith(c.form) and len(written) > n + 2
                and written[n] in hamza):
            best = max(best, c.form, key=len)
    if best:
        return best
    for c in clitics():
        rest = norm[len(c.form):]
        # or before a name the lists know: «بجدة», «لمصر», «وقطر»
        known = not c.form.endswith((_ARTICLE, "لل")) and any(
            rest in lex[kind] for kind in ("place", "first"))
        if c.form != _ARTICLE and norm.startswith(c.form) and len(rest) > 2 and (
                (rest.startswith(_ARTICLE) and len(rest) > 3) or known):
            best = max(best, c.form, key=len)
    return best


def _shape(word: str) -> str:
    if _DIGIT.search(word) and not _ARABIC.search(word) and not _LATIN.search(word):
        return "digit"
    if _LATIN.search(word):
        return "Latin-cap" if word[:1].isupper() else "latin"
    if _ARABIC.search(word):
        return "arabic"
    return "punct"


def _word(word: str) -> dict[str, str]:
    norm = normalize(word)
    stem = _stem(norm)
    lex = _lexicon()
    out = {"w": norm, "stem": stem, "shape": _shape(word), "len": str(min(len(stem), 8))}
    for name, words in lex.items():
        if norm in words or stem in words:
            out[name] = "1"
    return out


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """The features of every word of a sentence (one list of strings a word)."""
    info = [_word(w) for w in words]
    out = []
    for i, me in enumerate(info):
        stem = me["stem"]
        f = [f"w={me['w']}", f"stem={stem}", f"shape={me['shape']}", f"len={me['len']}",
             f"p2={stem[:2]}", f"p3={stem[:3]}", f"s2={stem[-2:]}", f"s3={stem[-3:]}",
             f"cl={me['w'][: len(me['w']) - len(stem)]}"]
        f += [k for k in ("common", "vocab", "first", "place", "known", "cue", "title") if k in me]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(info):
                other = info[j]
                f += [f"{d}:stem={other['stem']}", f"{d}:shape={other['shape']}"]
                if abs(d) == 1:  # the next word as written and the pair: «قال» before a name, «بن» inside one
                    a, b = sorted((i, j))
                    f += [f"{d}:w={other['w']}", f"{d}:pair={info[a]['stem']}|{info[b]['stem']}"]
                f += [f"{d}:{k}" for k in ("common", "first", "place", "known", "cue", "title") if k in other]
            else:
                f.append(f"{d}:edge")
        if i > 0 and info[i - 1]["shape"] == "punct" and words[i - 1] in "«\"“":
            f.append("after_quote")
        out.append(f)
    return out


def lists_digest() -> str:
    """A digest of the word lists the features ask about: a model trained on other lists reads
    its features differently, so `train` writes the digest beside the model (MODEL.lists) and a
    test compares it with the lists of the checkout."""
    import hashlib

    text = "\n".join(f"{name}\t{' '.join(sorted(words))}" for name, words in sorted(_lexicon().items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def train(sentences: Iterable[tuple[Sequence[str], Sequence[str]]], model: Path, *, c1: float = 0.05,
          c2: float = 0.05, iterations: int = 150) -> Path:
    """Fit a CRF on (words, IOB2 tags) sentences and write it to `model`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for words, tags in sentences:
        trainer.append(sentence_features(words), list(tags))
        n += 1
    if not n:
        raise ResourceError("no training sentences; give IOB2 CoNLL files with sentences")
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    model.with_suffix(".lists").write_text(lists_digest() + "\n", encoding="utf-8")
    return model


class CRFRecognizer:
    """The trained CRF as a recogniser; `model` a path to a CRFsuite model file."""

    name = "crf"

    def __init__(self, model: Path | None = None) -> None:
        import pycrfsuite

        path = model or MODEL
        self._tagger: Any = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(path))
        except (OSError, ValueError) as exc:  # pycrfsuite raises ValueError for a bad file
            raise ResourceError(f"the CRF model {path} cannot be read ({exc}); rebuild it with "
                                "'make model'") from None

    def tag(self, words: Sequence[str]) -> list[str]:
        return list(self._tagger.tag(sentence_features(words))) if words else []

    def find(self, sent: int, toks: list[Token], text: str, offset: int) -> list[Cand]:
        tags = self.tag([t.text for t in toks])
        out: list[Cand] = []
        i = 0
        while i < len(toks):
            tag = tags[i]
            kind = TYPES.get(tag[2:]) if tag != "O" else None
            if kind is None:
                if tag == "O" and self._tagger.marginal("O", i) < DOUBTFUL_O and _unknown_word(toks[i]):
                    # «تتخذ بريزموتك من طوكيو»: the model thinks the word a name but cannot say
                    # of which kind; a name of no type
                    cand = self._cand(sent, toks, text, offset, i, i + 1, None, tag, False)
                    if cand is not None:
                        out.append(cand)
                i += 1
                continue
            j = i + 1
            while j < len(toks) and tags[j] == f"I-{tag[2:]}":
                j += 1
            for a, b, joined in _parts(toks, i, j):
                cand = self._cand(sent, toks, text, offset, a, b, kind, tags[a], joined)
                if cand is not None:
                    out.append(cand)
            i = j
        return out

    def _cand(self, sent: int, toks: list[Token], text: str, offset: int, i: int, j: int, kind: str | None,
              tag: str, joined: bool) -> Cand | None:
        from kg.extract.mentions import _orig_prefix_len

        first = toks[i]
        clitic = _AND if joined else _clitic_before_name(first.norm, first.text)
        if (not clitic and first.norm.startswith(_AND) and i > 0 and toks[i - 1].text in ("،", ",")
                and len(first.norm) > 4 and first.norm not in _lexicon()["first"]):
            clitic = _AND  # «…، ولوكاس فيرنانديز مديرا»: after a comma the و joins the next of a list
        start, end = first.start + _orig_prefix_len(first.text, clitic), toks[j - 1].end
        surface = text[start - offset: end - offset]
        sure = self._tagger.marginal(tag, i)
        if j - i == 1 and (_is_month(first.norm) or (_is_word(first.norm) and sure < SURE)):
            return None  # «في نيسان»: a month, not Nissan; «استثمرت»: a verb, a trigger word
        if (j - i == 1 and kind == "Person" and _stem(first.norm) not in _lexicon()["first"]
                and sure < LONE_PERSON and not _after_title(toks, i)):
            kind = None  # a lone word the model is unsure is a person is a name of unknown type (سيرنر)
        if not any(_ARABIC.search(t.text) or _LATIN.search(t.text) for t in toks[i:j]):
            return None
        return Cand(sent=sent, i=i, j=j, start=start, end=end, text=surface, norm=normalize(surface),
                    type=kind, source="crf")  # kind may be None


def _parts(toks: list[Token], i: int, j: int) -> list[tuple[int, int, bool]]:
    """The names in a span the model tagged as one: without a verb before it («ستورد نوفيريا
    البطاريات») or a word of the language in the accusative in or after it («عبد العظيم برنامجا»), and
    cut where «و» joins a known name, or one transliterated name another, to the first («مانشستر
    يونايتد وليون»، «محمد خميس وعباس»، «فيرالوجيك وفولتاريس»);
    the second name's «و» is no letter of it (the flag)."""
    from kg.extract.mentions import is_first_name_exact
    from kg.extract.words import foreign_shape, ordinary_accusative

    while j - i > 1 and _is_verb(toks[i].norm):
        i += 1
    lex = _lexicon()
    out: list[tuple[int, int, bool]] = []
    a, joined = i, False
    for k in range(i, j):
        norm = toks[k].norm
        if ordinary_accusative(norm):  # «برايفت إير تحالفا»: no word of a name
            if k > a:
                out.append((a, k, joined))
            a, joined = k + 1, False
        # only before a word known to start a name: foreign names begin with the letter too (ويات)
        elif k > a and norm.startswith(_AND) and not is_first_name_exact(norm) and (any(
                norm[len(_AND):] in lex[kind] for kind in ("first", "known", "place"))
                # «فيرالوجيك وفولتاريس»: two transliterated names, each spelt as one
                or (foreign_shape(norm[len(_AND):]) and foreign_shape(toks[k - 1].norm))):
            out.append((a, k, joined))
            a, joined = k, True
    return [*out, (a, j, joined)] if a < j else out


def _unknown_word(tok: Token) -> bool:
    """An Arabic word no list of the language knows, with no Arabic word shape (a verb, a dual,
    a feminine or plural ending: يدشنان، سماعتان) that a transliterated name rarely has."""
    from kg.extract.words import looks_arabic, number_form

    norm = tok.norm
    vocab = _lexicon()["vocab"]
    return (bool(_ARABIC.search(tok.text)) and tok.is_word and not _is_word(norm) and not _is_verb(norm)
            and _stem(norm) not in vocab and norm not in vocab and not looks_arabic(_stem(norm))
            and not number_form(norm) and not number_form(_stem(norm)))


def _after_title(toks: list[Token], i: int) -> bool:
    """«الرئيس روحاني», «الدكتور كومار»: an honorific or a definite title just before the word,
    in apposition; an indefinite one governs what follows («مؤسس هيليوسفير»: its company)."""
    from kg.extract import lexicon as lx

    prev = toks[i - 1].norm if i > 0 else ""
    return prev in lx.words("honorific") or (prev in _lexicon()["title"] and prev.startswith(_ARTICLE))


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    from kg.extract import lexicon as lx

    return frozenset(f[0].text for t in lx.triggers() for f in t.forms)


def _is_word(norm: str) -> bool:
    """An ordinary word or a trigger word: a lone one is no name, whatever the model says."""
    stem = _stem(norm)
    lex = _lexicon()
    words = lex["common"] | _trigger_words()
    return norm in words or stem in words


def _is_verb(norm: str) -> bool:
    """A trigger verb or an imperfect verb form (ستورد، تختبر)."""
    from kg.extract.words import looks_verb

    stem = _stem(norm)
    return norm in _trigger_words() or stem in _trigger_words() or looks_verb(norm) or looks_verb(stem)


def _is_month(norm: str) -> bool:
    from kg.extract import lexicon as lx

    months = lx.amount_words().get("month", {})
    return (norm,) in months or (_stem(norm),) in months

