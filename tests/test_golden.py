"""Golden-file tests: articles and the facts and entities they must give, compared as sets.

The seed article, and one short article of our own per frame family (tests/golden/articles/:
deals: svo, stake and sell frames and amounts; partners: partnership, talks, between and
consortium members; people: titles, founders and hires; products: a company's own products,
«من تطوير», markets; status: denial, attribution, plans and negation). A failure names the
family that changed. Regenerate after an intended change with
`KG_REGEN_GOLDEN=1 pytest tests/test_golden.py` and review the diff of tests/golden/ like code.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.extract.pipeline import extract_document
from kg.io import read_documents

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
ARTICLES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((GOLDEN / "articles").glob("*.txt"))


def _snapshot(path: Path) -> tuple[list[str], list[str]]:
    doc = next(read_documents([path]))
    result = extract_document(doc)
    facts = sorted({f"{f.subject.key}\t{f.predicate}\t{f.object.key}\t{f.status}" for f in result.facts})
    entities = sorted({f"{e.key}\t{e.type}\t{e.label}" for e in result.entities})
    return facts, entities


@pytest.mark.parametrize("article", ARTICLES, ids=[a.name for a in ARTICLES])
def test_golden(article: Path) -> None:
    facts, entities = _snapshot(article)
    stem = article.name.removesuffix(".txt")
    fact_file, entity_file = GOLDEN / f"{stem}.facts.tsv", GOLDEN / f"{stem}.entities.tsv"
    if os.environ.get("KG_REGEN_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        fact_file.write_text("\n".join(facts) + "\n", encoding="utf-8")
        entity_file.write_text("\n".join(entities) + "\n", encoding="utf-8")
    expected_facts = fact_file.read_text(encoding="utf-8").splitlines()
    expected_entities = entity_file.read_text(encoding="utf-8").splitlines()
    assert set(facts) == set(expected_facts), {"missing": sorted(set(expected_facts) - set(facts)),
                                               "extra": sorted(set(facts) - set(expected_facts))}
    assert set(entities) == set(expected_entities)
