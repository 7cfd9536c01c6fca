"""The Arabic resource files: they load, they are validated, and every trigger row works.

Each row of triggers.tsv carries a sentence that must fire it and one that must not; this
test runs both through the whole extractor, so a rule change that breaks a row fails here.
"""

from __future__ import annotations

import re

import pytest
from helpers import absent, explain, extract_text

from kg.errors import ResourceError
from kg.extract import lexicon as lx
from kg.ontology import properties
from kg.text.normalize import normalize

TRIGGERS = lx.triggers()


def _names(e) -> set[str]:  # type: ignore[no-untyped-def]
    return {normalize(x) for x in (e.label, e.label_en, e.key) if x} | {normalize(m.text) for m in e.mentions}


def test_every_predicate_has_a_rule() -> None:
    covered = {t.predicate for t in TRIGGERS} | {t.predicate for t in lx.titles()} | {"locatedIn"}
    assert set(properties()) <= covered


def test_every_trigger_row_has_examples() -> None:
    for t in TRIGGERS:
        assert t.fires and t.expect and t.not_, f"triggers.tsv row {t.line} lacks examples"


@pytest.mark.parametrize("trig", TRIGGERS, ids=[t.id for t in TRIGGERS])
def test_trigger_fires(trig: lx.Trigger) -> None:
    subject, obj = (normalize(x) for x in trig.expect.split("|"))
    result = extract_text(trig.fires)
    assert any(f.predicate == trig.predicate and f.is_claim and subject in _names(f.subject)
               and obj in _names(f.object) for f in result.facts), explain(result)


@pytest.mark.parametrize("trig", TRIGGERS, ids=[t.id for t in TRIGGERS])
def test_trigger_does_not_fire(trig: lx.Trigger) -> None:
    # the extractor must have read the sentence (its quoted names, else a trigger word): an
    # extractor that finds nothing would pass any absence
    names = re.findall(r"«(.+?)»", trig.not_)
    result = extract_text(trig.not_)
    assert names or any(n.stage in ("mentions", "triggers") for n in result.notes), explain(result)
    found = absent(trig.not_, *names)
    assert not {t for t in found if t[1] == trig.predicate}, explain(result)


def test_resources_load_and_are_normalised() -> None:
    assert "شركه" in {c.words[0] for c in lx.cues()}
    assert ("الرئيس", "التنفيذي") in {t.words for t in lx.titles()}
    assert "انفيديا" not in lx.common_words()
    assert {"denial", "negation", "planned", "attribution", "conditional"} <= set(lx.status_words())


def test_malformed_resource_names_file_and_line(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kg import resources

    bad = tmp_path / "bad.tsv"
    bad.write_text("form\tkind\nو\tconj\textra\n", encoding="utf-8")
    monkeypatch.setattr(resources, "AR", tmp_path)
    resources.table.cache_clear()
    with pytest.raises(ResourceError, match=r"bad.tsv line 2: 3 columns, header has 2"):
        resources.table("bad.tsv", ("form", "kind"))
    resources.table.cache_clear()


def test_unknown_predicate_in_triggers_is_refused(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kg import resources

    (tmp_path / "triggers.tsv").write_text(
        "id\tpredicate\tforms\tprep\tframe\twindow\tconfidence\nbuys.buy\tbuys\tشراء\t\tsvo\t5\t0.5\n",
        encoding="utf-8")
    monkeypatch.setattr(resources, "AR", tmp_path)
    resources.table.cache_clear()
    lx.triggers.cache_clear()
    try:
        with pytest.raises(ResourceError, match="unknown predicate 'buys'"):
            lx.triggers()
    finally:
        resources.table.cache_clear()
        lx.triggers.cache_clear()


def test_rule_ids_are_stable_names_not_positions() -> None:
    # an id names a rule in the RDF (ind:rule), in --explain and in test ids: inserting a row
    # must rename nothing, so ids are data, not line numbers
    ids = [t.id for t in TRIGGERS]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith(t.predicate + ".") for i, t in zip(ids, TRIGGERS, strict=True))
    assert {"acquires.buy", "acquires.sell", "investsIn.stake", "hires.join"} <= set(ids)
    assert {t.id for t in lx.titles() if t.words == ("الرئيس", "التنفيذي")} == {"ceoOf.title.AlrQys_AltnfyVy"}
    assert all(c.id.startswith(c.type + ".cue.") for c in lx.cues())


def test_the_fact_names_its_rule_by_id() -> None:
    facts = extract_text("باعت «جوجل» شركة «موتورولا» لشركة «لينوفو». قال الرئيس التنفيذي لشركة "
                         "«لينوفو» يانغ يوانتشينغ إن الصفقة مهمة.").facts
    rules = {(f.predicate, f.rule) for f in facts}
    assert ("acquires", "acquires.sell") in rules
    assert ("ceoOf", "ceoOf.title.AlrQys_AltnfyVy") in rules


@pytest.mark.parametrize("cell, error", [
    ("acquires buy", "is not a rule id"),
    ("investsIn.invest", "is already used on line"),
])
def test_a_bad_or_repeated_rule_id_names_its_line(tmp_path, monkeypatch, cell: str, error: str) -> None:  # type: ignore[no-untyped-def]
    from kg import resources

    src = (resources.AR / "triggers.tsv").read_text(encoding="utf-8")
    lines = src.splitlines()
    n = next(k for k, line in enumerate(lines) if line.startswith("acquires.buy\t"))
    lines[n] = cell + lines[n][len("acquires.buy"):]
    (tmp_path / "triggers.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(resources, "AR", tmp_path)
    resources.table.cache_clear()
    lx.triggers.cache_clear()
    try:
        with pytest.raises(ResourceError, match=f"triggers.tsv line {n + 1}: id .*{error}"):
            lx.triggers()
    finally:
        resources.table.cache_clear()
        lx.triggers.cache_clear()


def test_per_predicate_rules_are_data() -> None:
    rules = lx.predicate_rules()
    assert rules["acquires"].range == "Organization|Product"  # an app or a platform is bought too
    assert rules["acquires"].details == {"amount", "date", "stake"}
    assert rules["dominates"].market and rules["ceoOf"].officer == "executiveOf"
    assert lx.predicate_rule("partnersWith") == lx.PredicateRule("partnersWith")  # the defaults
    facts = extract_text("استحوذت «سيريو» على «دوماك» مقابل 3 مليارات دولار. وأعلنت «سيريو» شراكة مع «دوماك» "
                         "مقابل 5 ملايين دولار.").facts
    details = {f.predicate: f.amount for f in facts if f.is_claim}
    assert details["acquires"] is not None and details["partnersWith"] is None
