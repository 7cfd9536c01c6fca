"""kg extract --explain (kg.extract.trace): every stage of every sentence, and why rules failed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from helpers import explain, extract_text

import kg
from kg.extract.trace import STAGES

SEED = Path(__file__).resolve().parents[1] / "seeds" / "openai-nvidia-chips.ar.txt"


def test_the_seed_trace_shows_every_stage_of_every_sentence() -> None:
    out = subprocess.run([sys.executable, "-m", "kg.cli", "extract", str(SEED), "--explain"],
                         capture_output=True, text=True, check=True, timeout=120).stdout
    (result,) = kg.extract([SEED])
    blocks = re.split(r"^\[\d+\] ", out, flags=re.M)[1:]
    assert len(blocks) == len(result.sentences)
    for block in blocks:
        stages = [line.split()[0] for line in block.splitlines()[1:] if line.strip()]
        assert sorted(set(stages), key=STAGES.index) == list(STAGES)
    for fact in result.facts:  # every fact is in the trace, with its rule id
        assert f"{fact.predicate} " in out and f"[{fact.rule}]" in out


def test_a_rule_that_fails_says_why_and_names_itself() -> None:
    result = extract_text("تنافس «سامسونغ» بقوة في الأسواق.")
    frames = [n for n in result.notes if n.stage == "frames"]
    assert [(n.rule, n.text) for n in frames] == [
        ("competesWith.compete", "«تنافس»: no fact: the name after the verb is its subject, but no object "
         "is named"),
        ("competesWith.between", "«تنافس»: no fact: no بين after the trigger")]
    # the name was found: the failure is the frame's, not the recogniser's
    assert [n.text for n in result.notes if n.stage == "mentions"] == [
        "«سامسونغ» Company, found by gazetteer → Samsung"]


def test_mentions_name_their_recogniser_and_facts_their_status() -> None:
    result = extract_text("نفت «زيلترا» أنها استحوذت على «بريكسو». وقال الرئيس التنفيذي لـ«زيلترا» "
                          "سامر الدوسري إن الشركة تنمو.")
    text = explain(result)
    assert "found by quoted" in text
    assert re.search(r"facts +زيلترا \(\w+\) acquires بريكسو \(\w+\): denied", text), text
    assert "[ceoOf.title.AlrQys_AltnfyVy]" in text


def test_no_trace_unless_asked() -> None:
    (result,) = kg.extract([SEED])
    assert result.notes == ()
    (traced,) = kg.extract([SEED], explain=True)
    assert traced.notes and traced.facts == result.facts
