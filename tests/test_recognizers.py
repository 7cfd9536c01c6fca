"""Other recognisers plug in behind one interface and only add what the rules did not find."""

from __future__ import annotations

import pytest

from kg.errors import ResourceError, SettingsError
from kg.extract.recognizers import CamelNER, default_recognizers
from kg.extract.types import Cand
from kg.text.tokens import Token


class FakeNERModel:
    """Answers like camel_tools.ner.NERecognizer.predict_sentence."""

    def predict_sentence(self, words: list[str]) -> list[str]:
        tags = {"زيتون": "B-ORG", "تك": "I-ORG", "نوكيا": "B-ORG"}
        return [tags.get(w, "O") for w in words]


def test_camel_ner_adapter_turns_bio_tags_into_mentions() -> None:
    from kg.text.tokens import tokenize

    text = "استحوذت «نوكيا» على زيتون تك أمس"
    cands = CamelNER(FakeNERModel()).find(0, tokenize(text), text, 0)
    assert [(c.text, c.type, c.source) for c in cands] == [("نوكيا", "Company", "ner"),
                                                             ("زيتون تك", "Company", "ner")]


def test_extra_recogniser_adds_names_the_rules_miss() -> None:
    text = "استحوذت «نوكيا» على زيتون تك أمس."
    from kg.extract.pipeline import extract_document
    from kg.model import Document

    plain = extract_document(Document("t.txt", text), recognizers=())  # the rules alone
    assert not any(f.predicate == "acquires" for f in plain.facts)

    result = extract_document(Document("t.txt", text), recognizers=(CamelNER(FakeNERModel()),))
    assert [(f.subject.key, f.object.label) for f in result.facts if f.predicate == "acquires"] == [
        ("Nokia", "زيتون تك")]


def test_rules_win_where_both_find_a_name() -> None:
    class Everything:
        name = "greedy"

        def find(self, sent: int, toks: list[Token], text: str, offset: int) -> list[Cand]:
            return [Cand(sent=sent, i=0, j=len(toks), start=toks[0].start, end=toks[-1].end, text=text,
                         norm=text, type="Person", source="greedy")]

    from kg.extract.pipeline import extract_document
    from kg.model import Document

    doc = Document("t.txt", "استثمرت «إنفيديا» في «أوبن إيه آي».")
    result = extract_document(doc, recognizers=(Everything(),))
    found = {(f.subject.key, f.predicate, f.object.key) for f in result.facts}
    assert ("Nvidia", "investsIn", "OpenAI") in found


def test_the_crf_is_on_by_default_and_unknown_choices_are_refused(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.crf import MODEL, CRFRecognizer

    monkeypatch.delenv("KG_NER", raising=False)
    assert [type(r) for r in default_recognizers()] == ([CRFRecognizer] if MODEL.is_file() else [])
    monkeypatch.setenv("KG_NER", "off")
    assert default_recognizers() == ()
    monkeypatch.setenv("KG_NER", "spacy")
    with pytest.raises(SettingsError, match="use auto, crf, camel or off"):
        default_recognizers()


def test_camel_ner_without_its_model_is_a_clear_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    with pytest.raises(ResourceError, match="camel-tools NER model not found"):
        CamelNER()


def test_camel_ner_without_torch_is_a_clear_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # the model is there, but the default install has no torch: one resource error, not a crash
    # per article
    import builtins

    (tmp_path / "catalogue.json").write_text("{}", encoding="utf-8")
    (tmp_path / "data" / "ner" / "arabert").mkdir(parents=True)
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    real = builtins.__import__

    def no_torch(name, *args, **kw):  # type: ignore[no-untyped-def]
        if name == "camel_tools.ner":
            raise ModuleNotFoundError("No module named 'torch'", name="torch")
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    with pytest.raises(ResourceError, match=r"NER needs packages that are not installed \(torch\)"):
        CamelNER()


def _person(toks: list[Token], i: int, j: int, source: str) -> Cand:
    from kg.text.normalize import normalize

    text = " ".join(t.text for t in toks[i:j])
    return Cand(sent=0, i=i, j=j, start=toks[i].start, end=toks[j - 1].end, text=text, norm=normalize(text),
                type="Person", source=source)


@pytest.mark.parametrize(("text", "rule", "model", "kept"), [
    # the given-name rule's window swallowed a verb: the model's reading of the name wins
    ("ظهر طلال زكريا يتقمص الدور", (1, 4), (1, 3), (1, 3)),
    # but a nisba the model left out is the name's, and a given name alone is no reading of it
    ("وقال إسماعيل الغامدي إن", (1, 3), (1, 2), (1, 3)),
    ("وقال جيف ويات إن", (1, 3), (1, 2), (1, 3)),
])
def test_a_models_span_for_a_person_the_rule_found(text: str, rule: tuple[int, int], model: tuple[int, int],
                                                   kept: tuple[int, int]) -> None:
    from kg.extract.recognizers import merge
    from kg.text.tokens import tokenize

    toks = tokenize(text, 0)
    merged = merge([_person(toks, *rule, "person")], [_person(toks, *model, "crf")])
    assert [(c.i, c.j, c.source) for c in merged] == [(*kept, "person")]
