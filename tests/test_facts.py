"""What a sentence claims: negation, denial, conditions, questions, plans, attribution,
and the amount, date and stake of a deal."""

from __future__ import annotations

import pytest
from helpers import extract_text


def _fact(text: str, pred: str):  # type: ignore[no-untyped-def]
    facts = [f for f in extract_text(text).facts if f.predicate == pred]
    assert facts, f"no {pred} in {text}"
    return facts[0]


@pytest.mark.parametrize(("text", "status"), [
    ("استثمرت «إنفيديا» في «أوبن إيه آي».", "asserted"),
    ("لم تستثمر «إنفيديا» في «أوبن إيه آي».", "negated"),
    ("لن تستثمر «إنفيديا» في «أوبن إيه آي».", "negated"),
    ("نفت «إنفيديا» استثمارها في «أوبن إيه آي».", "denied"),
    ("إذا استثمرت «إنفيديا» في «أوبن إيه آي» فسترتفع الأسهم.", "hypothetical"),
    ("هل تستثمر «إنفيديا» في «أوبن إيه آي»؟", "hypothetical"),
    ("أعلنت «إنفيديا» نيتها الاستثمار في «أوبن إيه آي».", "planned"),
    ("ستستثمر «إنفيديا» في «أوبن إيه آي».", "planned"),
    ("أفادت مصادر مطلعة بأن «إنفيديا» استثمرت في «أوبن إيه آي».", "reported"),
])
def test_status(text: str, status: str) -> None:
    assert _fact(text, "investsIn").status == status


def test_denial_does_not_reach_past_a_new_clause() -> None:
    text = "نفى الرئيس التنفيذي وجود خلاف، مؤكداً أن «إنفيديا» ستستثمر في «أوبن إيه آي»."
    assert _fact(text, "investsIn").status == "planned"


def test_denied_title_is_still_a_role() -> None:
    text = "نفى الرئيس التنفيذي لشركة «إنفيديا»، جينسن هوانغ، وجود أي توتر."
    assert _fact(text, "ceoOf").status == "asserted"


def test_attribution_is_recorded() -> None:
    fact = _fact("نقلت رويترز عن مصادر أن «آبل» تجري محادثات مع «أوبن إيه آي».", "negotiatesWith")
    assert fact.status == "reported"
    assert fact.attribution.startswith("نقلت")


def test_amount_date_and_stake() -> None:
    fact = _fact("أعلنت «إنفيديا» في سبتمبر 2025 استثمار 100 مليار دولار في «أوبن إيه آي» مقابل حصة 10%.",
                 "investsIn")
    assert fact.amount is not None
    assert fact.amount.value == 100_000_000_000
    assert fact.amount.currency == "USD"
    assert fact.amount.text == "100 مليار دولار"
    assert fact.date == "سبتمبر 2025"
    assert fact.stake == "10%"


def test_no_amount_on_other_relations() -> None:
    assert _fact("تجري «آبل» محادثات مع «سامسونغ» بقيمة 5 مليارات دولار.", "negotiatesWith").amount is None


def test_a_failed_deal_is_no_claim() -> None:
    text = "وكانت شركة «إيه تي آند تي» فشلت في الاستحواذ على «تي موبايل»."
    facts = [f for f in extract_text(text).facts if f.predicate == "acquires"]
    assert facts and all(not f.is_claim for f in facts)


def test_a_deal_weighed_is_an_evaluation_not_the_deal() -> None:
    from helpers import extract_text

    result = extract_text("تدرس «نوفارا» إمكانية الاستحواذ على «بلومكس».")
    facts = {(f.subject.label, f.predicate, f.object.label, f.status) for f in result.facts}
    assert ("نوفارا", "evaluates", "بلومكس", "asserted") in facts
    assert ("نوفارا", "acquires", "بلومكس", "hypothetical") in facts


@pytest.mark.parametrize(("text", "status"), [
    ("لا تعتزم «نوفارا» الاستثمار في «بلومكس».", "negated"),
    ("لا تزال «نوفارا» تستثمر في «بلومكس».", "asserted"),  # «لا يزال» is "still"
    ("قد تدخل «نوفارا» في شراكة مع «بلومكس».", "hypothetical"),  # «قد» + imperfect: may
    ("وقد استحوذت «نوفارا» على «بلومكس».", "asserted"),  # «قد» + perfect: has
    ("تستحوذ «نوفارا» على «بلومكس» إذا وافقت الجهات التنظيمية.", "hypothetical"),
    ("استثمرت «نوفارا» وبلو ستون في «بلومكس».", "asserted"),  # «وبلو» is no «لو»
])
def test_status_words_around_the_trigger(text: str, status: str) -> None:
    from helpers import extract_text

    statuses = {f.status for f in extract_text(text).facts if f.object.label == "بلومكس"}
    assert statuses == {status}, statuses
