"""Products named as a company's own ⇒ develops."""

from __future__ import annotations

import pytest
from helpers import absent, triples


@pytest.mark.parametrize(("text", "fact"), [
    ("ارتفعت مبيعات أبل من هاتفها الذكي «آيفون» هذا العام.", ("Apple", "develops", "IPhone")),
    # the version is a product of its own (Windows 10), as the annotated gold lists it
    ("يعمل نظام تشغيل مايكروسوفت الحديث ويندوز 10 على الحواسيب.", ("Microsoft", "develops", "wyndwz_10")),
    ("جرب المستخدمون ساعة ذكية «أبل ووتش» من أبل.", ("Apple", "develops", "Abl_wwtc")),
])
def test_products_of_a_company(text: str, fact: tuple[str, str, str]) -> None:
    assert fact in triples(text)


@pytest.mark.parametrize("text, names", [
    # «هاتفه» (his phone) belongs to a person, not to a company
    ("استخدم المستخدم هاتفه القديم «نوكيا 3310» أمس.", ("نوكيا 3310",)),
    # a product next to a company that only sells it
    ("باعت «فيرايزون» هاتف «غالاكسي» الجديد.", ("فيرايزون", "غالاكسي")),
])
def test_no_possession_without_a_company_owner(text: str, names: tuple[str, ...]) -> None:
    assert not absent(text, *names, predicate="develops")


def test_every_product_of_a_possessed_list() -> None:
    found = triples("عرضت أبل أجهزتها «ماك بوك» و«آيفون» و«آيباد».")
    assert {("Apple", "develops", "IPhone"), ("Apple", "develops", "IPad")} <= found


def test_relative_clause_with_a_launch_verb() -> None:
    text = "نظام التشغيل ويندوز الذي طرحته مايكروسوفت العام الماضي."
    assert ("Microsoft", "develops", "Windows") in triples(text)


def test_product_of_a_company_after_lishirka() -> None:
    assert ("Apple", "develops", "mAk_bwk") in triples("وتظهر البراءة أجهزة «ماك بوك» لشركة أبل.")


def test_products_sold_to_a_company_are_neither_its_products_nor_an_acquisition() -> None:
    assert not absent("أعلنت الحكومة بيع هواتف «آيفون» لشركة «زين».", "آيفون", "زين")
