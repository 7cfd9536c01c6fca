"""kg.eval: gold scoring as a library feature (the CLI side is in test_cli.py)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import kg
from kg.errors import EvalError
from kg.eval import format_report, load_gold, norm, score_records

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = FIXTURES / "gold"
ARTICLE = FIXTURES / "articles" / "nvidia-openai.txt"
SHARED_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def _triple(s: str, p: str, o: str, status: str = "asserted",
            doc: str = "x/conventions.txt") -> dict[str, Any]:
    return {"kind": "triple", "doc": doc, "subject": {"mention": s, "label": s}, "predicate": p,
            "object": {"mention": o, "label": o}, "status": status}


# one record per convention; see tests/fixtures/gold/README.md
CONVENTION_RECORDS = [
    _triple("ألكاتيل لوسنت", "partnersWith", "ونوكيا"),  # symmetric, reversed; leading clitic و
    _triple("نوكيا", "partnersWith", "ألكاتيل لوسنت"),  # the same symmetric fact: not spurious
    _triple("لأبل", "customerOf", "تي إس إم سي"),  # inverse of suppliesTo; clitic ل
    _triple("لأبل", "customerOf", "تي إس إم سي"),  # duplicate: predictions are a set
    _triple("أودي", "investsIn", "هير"),  # whole-word prefix of أودي.أيه.جي; alt_p
    _triple("شركة نوكيا", "locatedIn", "فنلندا"),  # matches an optional gold line: neither tp nor fp
    _triple("راجيف سوري", "ceoOf", "نوكيا", status="denied"),  # left out, so the gold line is missed
    _triple("نوكيا", "competesWith", "أبل"),  # spurious
    _triple("نوكيا", "competesWith", "أبل", doc="x/unknown.txt"),  # no gold document: ignored
]


def _load_score_py() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED_EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_conventions_are_scored_exactly() -> None:
    report = score_records(GOLD, CONVENTION_RECORDS, docs=["conventions"])
    doc = report["docs"]["conventions"]
    assert (doc["tp"], doc["fp"], doc["fn"]) == (3, 1, 1)
    assert (doc["precision"], doc["recall"], doc["f1"]) == (0.75, 0.75, 0.75)
    assert doc["missed"] == ["Rajeev Suri ceoOf Nokia"]
    assert doc["spurious"] == ["Nokia competesWith Apple"]
    assert report["triples"] == {"precision": 0.75, "recall": 0.75, "f1": 0.75, "tp": 3, "fp": 1, "fn": 1}
    assert list(report["docs"]) == ["conventions"]


def test_per_predicate_scores_add_up_to_the_totals() -> None:
    report = score_records(GOLD, CONVENTION_RECORDS, docs=["conventions"])
    preds = report["predicates"]
    assert preds["acquires"]["tp"] == 1  # counted under the gold predicate, not the alt_p used
    assert preds["suppliesTo"]["tp"] == 1  # a customerOf prediction matched it
    assert preds["ceoOf"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}
    assert preds["competesWith"]["fp"] == 1
    for key in ("tp", "fp", "fn"):
        assert sum(p[key] for p in preds.values()) == report["triples"][key]


def test_every_gold_document_is_scored_unless_restricted() -> None:
    report = score_records(GOLD, CONVENTION_RECORDS)
    assert set(report["docs"]) == {"conventions", "nvidia-openai"}
    assert report["docs"]["nvidia-openai"]["fn"] == 2  # no prediction: both non-optional facts missed


def test_normalisation() -> None:
    assert norm("أُوبِن  إيه آي") == norm("اوبن ايه اي")
    assert norm("«إنفيديا»") == "انفيديا"
    assert norm("شركةٌ") == "شركه"


def test_evaluate_extracts_and_scores_the_clear_fact() -> None:
    report = kg.evaluate(GOLD, [ARTICLE])
    assert list(report["docs"]) == ["nvidia-openai"]  # only the documents given
    doc = report["docs"]["nvidia-openai"]
    assert "Nvidia investsIn OpenAI" not in doc["missed"]
    assert doc["tp"] >= 1
    assert report["predicates"]["investsIn"]["tp"] == 1
    assert report["unscored"] == []
    text = format_report(report)
    assert text.startswith("nvidia-openai: P=")
    assert "per predicate:" in text and "\nALL triples P=" in text


def test_public_api_evaluate_and_score_records() -> None:
    report = kg.evaluate(GOLD, [ARTICLE])
    recs = [r for result in kg.extract([ARTICLE]) for r in kg.records(result)]
    again = kg.score_records(GOLD, recs)
    assert again["docs"]["nvidia-openai"] == report["docs"]["nvidia-openai"]


def test_articles_without_gold_are_listed(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text("أعلنت «إنفيديا» نتائجها.", encoding="utf-8")
    report = kg.evaluate(GOLD, [ARTICLE, other])
    assert report["unscored"] == [str(other)]
    with pytest.raises(EvalError, match="none of the articles has a gold file"):
        kg.evaluate(GOLD, [other])


# ------------------------------------------------------------------------------ malformed gold


def _gold(tmp_path: Path, lines: str, entities: str | None = None) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "a.jsonl").write_text(lines, encoding="utf-8")
    if entities is not None:
        (folder / "a.entities.json").write_text(entities, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("lines", "entities", "message"),
    [
        ('{"s": "A", "p": "ceoOf", "o": "B"}\n{oops\n', None, r"a\.jsonl line 2: not JSON \("),
        ('{"s": "A", "o": "B"}\n', None, r'a\.jsonl line 1: no "p" string; each line must be one JSON'),
        ('["A", "ceoOf", "B"]\n', None, r"a\.jsonl line 1: not a JSON object"),
        ('{"s": "A", "p": "ceoOf", "o": "B", "alt_p": "x"}\n', None, r'"alt_p" must be a list'),
        ('{"s": "A", "p": "ceoOf", "o": "B"}\n', "[{", r"a\.entities\.json line 1: not JSON"),
        ('{"s": "A", "p": "ceoOf", "o": "B"}\n', '{"name": "A"}', r"a\.entities\.json: not a list"),
        ('{"s": "A", "p": "ceoOf", "o": "B"}\n', '[{"type": "Company"}]', r'entry 1 has no "name" string'),
    ],
)
def test_malformed_gold_names_file_and_line(tmp_path: Path, lines: str, entities: str | None,
                                            message: str) -> None:
    folder = _gold(tmp_path, lines, entities)
    with pytest.raises(EvalError, match=message) as info:
        load_gold(folder)
    assert "\n" not in str(info.value)
    assert str(info.value).startswith(f"gold file {folder}")


def test_missing_or_empty_gold_folder(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=r"gold folder .*nope not found; pass the folder"):
        load_gold(tmp_path / "nope")
    with pytest.raises(EvalError, match=r"holds no NAME\.jsonl gold files"):
        load_gold(tmp_path)
    with pytest.raises(EvalError, match="is not a folder"):
        load_gold(ARTICLE)


# ------------------------------------------------------------------------------ same as score.py


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="../shared/eval is not here")
def test_conventions_agree_with_the_reference_scorer() -> None:
    ref = _load_score_py()
    expected = ref.score(ref.load_gold(GOLD), CONVENTION_RECORDS)
    got = score_records(GOLD, CONVENTION_RECORDS)
    assert got["triples"] == expected["triples"]
    assert got["entities"] == expected["entities"]
    assert got["docs"] == expected["docs"]


@pytest.mark.skipif(not (SHARED_EVAL / "dev" / "gold").is_dir(), reason="../shared/eval is not here")
def test_dev_set_numbers_equal_the_reference_scorer() -> None:
    ref = _load_score_py()
    raw = SHARED_EVAL / "dev" / "raw"
    gold = SHARED_EVAL / "dev" / "gold"
    recs = [r for result in kg.extract([raw]) for r in kg.records(result)]
    # through JSON, exactly as `kg extract --format jsonl | score.py` would see them
    recs = [json.loads(json.dumps(r, ensure_ascii=False)) for r in recs]
    expected = ref.score(ref.load_gold(gold), recs)
    got = kg.evaluate(gold, [raw])
    assert got["triples"] == expected["triples"]
    assert got["entities"] == expected["entities"]
    assert got["docs"] == expected["docs"]
    assert score_records(gold, recs)["docs"] == expected["docs"]


# ----------------------------------------------------------------------------- the mention layer


CONLL = """قال\tO
الرئيس\tO
التنفيذي\tO
لشركة\tO
«إنفيديا»\tB-ORG
جنسن\tB-PERS
هوانغ\tI-PERS
في\tO
الرياض\tB-LOC
.\tO

زار\tO
سامر\tB-PERS
العتيبي\tI-PERS
العاصمة\tO
باريس\tB-LOC
.\tO
"""


def test_conll_spans_are_read_as_conlleval_reads_them(tmp_path: Path) -> None:
    from kg.eval import read_conll

    path = tmp_path / "g.conll"
    path.write_text("a\tI-PER\nb\tI-PER\nc\tB-ORG\nd\tI-LOC\n\ne\tO\n", encoding="utf-8")
    first, second = read_conll(path)
    assert first.spans == {(0, 2, "PERS"), (2, 3, "ORG"), (3, 4, "LOC")}  # an orphan I- starts one
    assert second.tokens == ("e",) and not second.spans
    path.write_text("a\tX-PER\n", encoding="utf-8")
    with pytest.raises(EvalError, match="g.conll line 1: not 'token TAG' with an IOB2 tag"):
        read_conll(path)


def test_spans_score_exactly_per_tag() -> None:
    from kg.eval import ConllSentence, score_spans

    gold = [ConllSentence(("a", "b", "c"), frozenset({(0, 2, "PERS"), (2, 3, "LOC")}))]
    report = score_spans(gold, [{(0, 1, "PERS"), (2, 3, "LOC")}])  # a partial span is no match
    assert report["tags"]["PERS"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert report["tags"]["LOC"]["f1"] == 1.0
    assert report["micro"]["tp"] == 1 and report["micro"]["fp"] == 1 and report["micro"]["fn"] == 1


def test_eval_ner_scores_the_mention_layer(tmp_path: Path) -> None:
    path = tmp_path / "g.conll"
    path.write_text(CONLL, encoding="utf-8")
    report = kg.evaluate_ner(path)
    assert report["sentences"] == 2 and report["gold_entities"] == 5
    # the known company, the titled person and the known places are found with their spans
    assert report["tags"]["ORG"]["tp"] == 1 and report["tags"]["LOC"]["tp"] == 2
    assert report["tags"]["PERS"]["tp"] >= 1
    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["eval-ner", str(path), "--json"])
    assert result.exit_code == 0 and json.loads(result.stdout)["micro"] == report["micro"]
