"""Normalisation with offsets, sentence splitting and tokens."""

from __future__ import annotations

import pytest

from kg.text.normalize import normalize, normalize_with_map, strip_diacritics
from kg.text.sentences import split_sentences
from kg.text.tokens import tokenize


@pytest.mark.parametrize(("raw", "norm"), [
    ("إنفيديا", "انفيديا"),
    ("أبل", "ابل"),
    ("آبل", "ابل"),
    ("مصطفى", "مصطفي"),
    ("الشركة", "الشركه"),
    ("تُسرّع", "تسرع"),
    ("شـركـة", "شركه"),
    ("ٱلحمد", "الحمد"),
    ("Cerebras", "cerebras"),
])
def test_normalise_folds_spelling_variants(raw: str, norm: str) -> None:
    assert normalize(raw) == norm


def test_offset_map_points_back_to_original() -> None:
    text = "وكانت «إنفيديا» قد أعلنتْ"
    norm, index = normalize_with_map(text)
    assert len(norm) == len(index)
    pos = norm.index("انفيديا")
    start, end = index[pos], index[pos + len("انفيديا") - 1] + 1
    assert text[start:end] == "إنفيديا"


def test_strip_diacritics_keeps_letters() -> None:
    assert strip_diacritics("رئيساً تنفيذياً") == "رئيسا تنفيذيا"


def test_sentences_split_on_arabic_punctuation_and_lines() -> None:
    text = ("أعلنت الشركة النتائج. هل تستثمر؟ نعم!\nعنوان جديد\n"
            "ربحت 2.8 مليار عبر Internet.org و أودي.أيه.جي اليوم.")
    sents = split_sentences("d", text)
    assert [s.text for s in sents] == [
        "أعلنت الشركة النتائج.", "هل تستثمر؟", "نعم!", "عنوان جديد",
        "ربحت 2.8 مليار عبر Internet.org و أودي.أيه.جي اليوم.",
    ]
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_comma_and_semicolon_do_not_end_a_sentence() -> None:
    sents = split_sentences("d", "قالت الشركة، في بيان؛ إنها ستنمو.")
    assert len(sents) == 1


def test_run_on_full_stop_before_a_conjunction_splits() -> None:
    sents = split_sentences("d", "لشراء العسل.وأكد الرئيس التنفيذي")
    assert [s.text for s in sents] == ["لشراء العسل.", "وأكد الرئيس التنفيذي"]


def test_tokens_keep_offsets_and_clitics_attached() -> None:
    text = "وقالت لـ«شات جي بي تي» 10% تُسرّع"
    toks = tokenize(text, offset=100)
    assert [t.text for t in toks] == ["وقالت", "لـ", "«", "شات", "جي", "بي", "تي", "»", "10", "%", "تُسرّع"]
    for t in toks:
        assert text[t.start - 100:t.end - 100] == t.text
    assert toks[-1].norm == "تسرع"
    assert toks[1].norm == "ل"


def test_title_skips_a_byline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kg.io import read_documents

    path = tmp_path / "a.txt"
    path.write_text("كتب : دينا كمال\nعنوان الخبر\nالنص.", encoding="utf-8")
    assert next(read_documents([path])).title == "عنوان الخبر"


def test_jsonl_articles_decode_html_entities(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import gzip
    import json

    from kg.io import read_documents

    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"title": "&quot;موبايلي&quot; تعين", "content": "نص &amp; خبر"}) + "\n")
    doc = next(read_documents([path]))
    assert doc.title == '"موبايلي" تعين'
    assert doc.text.endswith("نص & خبر")
    assert doc.id.endswith("#1")


def test_a_proclitic_glued_to_a_latin_name_is_its_own_token() -> None:
    from kg.text.tokens import tokenize

    text = "المدير التقني لـKayano Labs وMicrosoft بـiPhone والسعوديةSTC"
    toks = tokenize(text, 10)
    assert [t.text for t in toks][2:] == ["لـ", "Kayano", "Labs", "و", "Microsoft", "بـ", "iPhone",
                                          "والسعوديةSTC"]  # a whole word before a Latin one stays
    kayano = toks[3]
    assert text[kayano.start - 10:kayano.end - 10] == "Kayano" and kayano.is_latin


@pytest.mark.parametrize(("text", "head"), [
    ("سبق- الرياض: أعلنت شركة", "سبق- الرياض:"),
    ("نادر سمير- سبق- تبوك: قال", "نادر سمير- سبق- تبوك:"),
    ("عنوان الخبر\nصحيفة المدى – عمّان\nوافقت", "صحيفة المدى – عمّان"),
])
def test_bylines_and_datelines_are_found_by_their_shape(text: str, head: str) -> None:
    from kg.text.datelines import dateline_spans

    assert [text[s:e] for s, e in dateline_spans(text)] == [head]


@pytest.mark.parametrize("text", [
    "أبل - آيفون جديد بشاشة أكبر\nنص",  # a dashed headline of more than four words
    "سبق تقول للمسؤول: تظل المؤسسة",  # a colon with no dash
    "أ\nب\nج\nسبق- الرياض: أعلنت",  # too deep in the text to head it
])
def test_other_line_heads_are_not_datelines(text: str) -> None:
    from kg.text.datelines import dateline_spans

    assert dateline_spans(text) == []


@pytest.mark.parametrize(("text", "pieces"), [
    ("د.عبدالله", ["د", ".", "عبدالله"]),  # an abbreviated title glued to the name
    ("وم.أنس", ["وم", ".", "أنس"]),
    ("أودي.أيه.جي", ["أودي.أيه.جي"]),  # a name with inner dots stays whole
    ("Internet.org", ["Internet.org"]),
])
def test_an_abbreviated_title_is_its_own_token(text: str, pieces: list[str]) -> None:
    toks = tokenize(text)
    assert [t.text for t in toks] == pieces
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_a_one_letter_abbreviation_ends_no_sentence() -> None:
    from kg.text.sentences import split_sentences

    text = "وقال م. سامر النجار إن المصنع جاهز. وأضاف د. هشام أنه مهم."
    texts = [s.text for s in split_sentences("t", text)]
    assert texts == ["وقال م. سامر النجار إن المصنع جاهز.", "وأضاف د. هشام أنه مهم."]
