"""The CRF mention recogniser (kg.extract.crf): trained from a fixture, it tags names nobody listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ResourceError
from kg.extract.crf import MODEL, CRFRecognizer, sentence_features, train
from kg.text.tokens import tokenize

# our own sentences (never corpus text), tagged IOB2: the training path end to end, in seconds
FIXTURE = [
    ("قال سامر الدوسري إن « نيوفا » تنمو في جدة .", "O B-PERS I-PERS O O B-ORG O O O B-LOC O"),
    ("وأكد خالد العمري أن شركة برونكس تعمل في الرياض .", "O B-PERS I-PERS O O B-ORG O O B-LOC O"),
    ("وزار فهد القرني مقر شركة تيلكس في دبي .", "O B-PERS I-PERS O O B-ORG O B-LOC O"),
    ("وقالت نورة الحربي إن شركة زيمو تتوسع في الدمام .", "O B-PERS I-PERS O O B-ORG O O B-LOC O"),
] * 5


def _sentences() -> list[tuple[list[str], list[str]]]:
    out = []
    for text, tags in FIXTURE:
        words, labels = text.split(), tags.split()
        assert len(words) == len(labels)
        out.append((words, labels))
    return out


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> CRFRecognizer:
    model = train(_sentences(), tmp_path_factory.mktemp("crf") / "tiny.crfsuite", iterations=50)
    return CRFRecognizer(model)


def test_the_training_path_makes_a_model_that_tags(tiny: CRFRecognizer) -> None:
    tags = tiny.tag("قال سامر الدوسري إن شركة برونكس تعمل في جدة .".split())
    assert tags == "O B-PERS I-PERS O O B-ORG O O B-LOC O".split()


def test_it_finds_names_nobody_listed(tiny: CRFRecognizer) -> None:
    text = "وقال ماجد الشهري إن شركة برونتيكس تعمل في جدة ."
    toks = tokenize(text, 0)
    found = {(c.text, c.type, c.source) for c in tiny.find(0, toks, text, 0)}
    assert ("ماجد الشهري", "Person", "crf") in found
    assert ("برونتيكس", "Organization", "crf") in found


def test_a_clitic_stays_out_of_the_name(tiny: CRFRecognizer) -> None:
    text = "وقال سامر الدوسري إن «نيوفا» تنمو في جدة ."
    spans = {c.type: text[c.start:c.end] for c in tiny.find(0, tokenize(text, 0), text, 0)}
    assert spans.get("Person") == "سامر الدوسري"


def test_features_are_general_not_memorised() -> None:
    (first, *_) = sentence_features(["وبالشركات"])
    assert "stem=شركات" in first and "cl=وبال" in first  # the clitics are read off, the stem kept


def test_a_broken_model_file_is_a_resource_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ResourceError, match="cannot be read"):
        CRFRecognizer(bad)


@pytest.mark.skipif(not MODEL.is_file(), reason="the shipped model is not built")
def test_the_shipped_model_finds_unlisted_names_in_fresh_sentences() -> None:
    from helpers import extract_text

    # no cue, no quotes, in no list: only the model can see the name
    result = extract_text("وتعاقدت برونتيكس مع وزارة الصحة لتوريد الأجهزة.")
    names = {n.text.split("»")[0].lstrip("«") for n in result.notes
             if n.stage == "mentions" and "found by crf" in n.text}
    assert "برونتيكس" in names, [n.text for n in result.notes if n.stage == "mentions"]


@pytest.mark.skipif(not MODEL.is_file(), reason="the shipped model is not built")
def test_a_month_is_no_name() -> None:
    from helpers import extract_text

    result = extract_text("أعلنت «زيفرا» في نيسان الماضي عن خططها للاندماج مع «أوميكرون».")
    assert not [n for n in result.notes if n.stage == "mentions" and n.text.startswith("«نيسان»")]


def test_a_verb_before_a_tagged_name_is_not_part_of_it() -> None:
    from kg.extract.crf import _is_verb
    from kg.text.normalize import normalize

    assert _is_verb(normalize("ستورد")) and _is_verb(normalize("تختبر"))
    assert not _is_verb(normalize("نوفيريا"))


@pytest.mark.parametrize(("text", "names"), [
    # «و» before a known given name or place starts a second name; before another word it may be
    # the name's own letter (ويات)
    ("خالد الراشد وأسامة", [("خالد الراشد", False), ("وأسامة", True)]),
    ("جيف ويات", [("جيف ويات", False)]),
    # an accusative word of the language is no word of a name, wherever the model put it
    ("برايفت إير تحالفا", [("برايفت إير", False)]),
    ("عبد العظيم برنامجا", [("عبد العظيم", False)]),
    ("مديرا ماليا", []),
    # «و» between two transliterated names, each spelt as one, starts the second
    ("زيفانتيس وكوراليكس", [("زيفانتيس", False), ("وكوراليكس", True)]),
    ("جونسون وجونسون", [("جونسون وجونسون", False)]),  # short names: the letter may be a name's own
])
def test_a_tagged_span_is_cut_into_the_names_it_holds(text: str, names: list[tuple[str, bool]]) -> None:
    from kg.extract.crf import _parts

    toks = tokenize(text, 0)
    got = [(" ".join(t.text for t in toks[a:b]), joined) for a, b, joined in _parts(toks, 0, len(toks))]
    assert got == names


@pytest.mark.skipif(not MODEL.is_file(), reason="the shipped model is not built")
def test_a_lone_unknown_word_the_model_half_believes_a_person_is_left_untyped() -> None:
    # «قالت سيرنر»: after a verb any foreign word looks like a person to a model trained on
    # political news; only a near-certain reading types it
    text = "حققت فالوريكس، التي استحوذت عليها غرانتيس العام الماضي، نموا في إيراداتها."
    found = {c.text: c.type for c in CRFRecognizer().find(0, tokenize(text, 0), text, 0)}
    assert found.get("غرانتيس", "absent") in (None, "absent", "Organization")


class _FakeTagger:
    """A model that tags the second word and is as sure of it as told."""

    def __init__(self, tag: str, sure: float) -> None:
        self._tag, self._sure = tag, sure

    def tag(self, features: list[list[str]]) -> list[str]:
        return ["O", self._tag] + ["O"] * (len(features) - 2)

    def marginal(self, tag: str, i: int) -> float:
        return self._sure


@pytest.mark.parametrize(("tag", "sure", "kind"), [
    ("B-ORG", 0.99, "Organization"),  # «قالت الجزيرة»: the channel, the model is sure
    ("B-ORG", 0.60, "absent"),        # a word of the language the model half believes a name
    ("B-PERS", 0.99, "Person"),
    ("B-PERS", 0.85, None),           # a lone word it half believes a person: a name of no type
])
def test_how_sure_the_model_must_be_of_a_lone_word(tag: str, sure: float, kind: str | None) -> None:
    rec = CRFRecognizer.__new__(CRFRecognizer)
    rec._tagger = _FakeTagger(tag, sure)
    word = "الجزيرة" if tag == "B-ORG" else "غرانتيس"
    text = f"وقالت {word} إن الخبر صحيح."
    found = {c.text: c.type for c in rec.find(0, tokenize(text, 0), text, 0)}
    assert found.get(word, "absent") == kind


def test_a_lone_word_after_a_title_the_model_half_believes_a_person_is_one() -> None:
    rec = CRFRecognizer.__new__(CRFRecognizer)
    rec._tagger = _FakeTagger("B-PERS", 0.85)
    text = "الرئيس غرانتيس قال إن الخبر صحيح."  # the model tags the second word
    assert {c.text: c.type for c in rec.find(0, tokenize(text, 0), text, 0)} == {"غرانتيس": "Person"}


def test_a_lone_word_after_an_indefinite_title_is_its_organisation_not_a_person() -> None:
    rec = CRFRecognizer.__new__(CRFRecognizer)
    rec._tagger = _FakeTagger("B-PERS", 0.85)
    text = "مؤسس غرانتيس قال إن الخبر صحيح."  # «مؤسس X»: the founder of X
    assert {c.text: c.type for c in rec.find(0, tokenize(text, 0), text, 0)} == {"غرانتيس": None}


class _DoubtfulTagger:
    """A model that tags every word O, but is only as sure of that as told."""

    def __init__(self, sure_o: float) -> None:
        self._sure = sure_o

    def tag(self, features: list[list[str]]) -> list[str]:
        return ["O"] * len(features)

    def marginal(self, tag: str, i: int) -> float:
        return self._sure


@pytest.mark.parametrize(("sure_o", "names"), [
    (0.4, {"غرانتيس": None}),  # more likely a name than not, of no one kind: a name of no type
    (0.9, {}),
])
def test_a_word_the_model_doubts_is_outside_every_name(sure_o: float, names: dict[str, None]) -> None:
    rec = CRFRecognizer.__new__(CRFRecognizer)
    rec._tagger = _DoubtfulTagger(sure_o)
    # words of the language and verbs are never taken, however doubtful the model
    text = "تتخذ غرانتيس من المدينة مقرا لها."
    assert {c.text: c.type for c in rec.find(0, tokenize(text, 0), text, 0)} == names


@pytest.mark.parametrize(("word", "clitic"), [
    ("والرياض", "و"), ("بجدة", "ب"), ("لمصر", "ل"),  # before a definite word or a known name
    ("وليد", ""), ("وميلينيوم", ""),                  # the letter may be the name's own
])
def test_which_proclitics_stay_out_of_a_tagged_name(word: str, clitic: str) -> None:
    from kg.extract.crf import _clitic_before_name
    from kg.text.normalize import normalize

    assert _clitic_before_name(normalize(word)) == clitic


@pytest.mark.parametrize(("word", "clitic"), [
    # no name begins with و، ل or ب before a hamza's alef as written
    ("لأورفانيكس", "ل"), ("بإيفوريا", "ب"), ("وأوبتيرا", "و"), ("ولأورفانيكس", "ول"),
    ("للأهلي", ""),  # «لل» took the article: the name is «الأهلي», not what the letters leave
])
def test_a_clitic_before_a_written_hamza_stays_out_of_a_tagged_name(word: str, clitic: str) -> None:
    from kg.extract.crf import _clitic_before_name
    from kg.text.normalize import normalize

    assert _clitic_before_name(normalize(word), word) == clitic


@pytest.mark.skipif(not MODEL.is_file(), reason="the shipped model is not built")
def test_the_shipped_model_was_trained_on_the_word_lists_of_this_checkout() -> None:
    from kg.extract.crf import lists_digest

    # its features ask the given names, places, known names and common words: change one and
    # the model reads other features than it learnt; `make model` retrains it
    assert MODEL.with_suffix(".lists").read_text(encoding="utf-8").strip() == lists_digest(), (
        "the word lists changed since the CRF was trained; run 'make model'")
