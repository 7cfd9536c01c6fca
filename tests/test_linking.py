"""The linking stage: one key per name, the same on every run, and labels that are names."""

from __future__ import annotations

import pytest
from helpers import explain, extract_text
from rdflib import Literal
from rdflib.namespace import RDFS, SKOS

from kg.extract.linking import mint_key
from kg.ontology import industry_graph
from kg.rdf.store import new_graph
from kg.rdf.to_rdf import add_results, entity_iri


@pytest.mark.parametrize("name, key", [
    # pinned: a key names a node in every graph ever built, so it must not drift
    ("طلال الحربي", "TlAl_AlHrby"),
    ("تلال الحربي", "tlAl_AlHrby"),
    ("سيرنر", "syrnr"),
    ("أحمد فروخ", "AHmd_frwx"),
    ("LoopPay", "LoopPay"),
    ("Open AI", "Open_AI"),
    ("3M", "E3M"),
])
def test_keys_are_stable(name: str, key: str) -> None:
    assert mint_key(name) == key


@pytest.mark.parametrize("a, b", [
    ("طلال", "تلال"), ("هلال", "حلال"), ("سفر", "صفر"), ("سامي", "سامى الدين"),
    ("عبد الله", "عبدالله"), ("OpenAI", "Open AI"), ("زين", "زين تك"),
])
def test_distinct_names_never_share_a_key(a: str, b: str) -> None:
    assert mint_key(a) != mint_key(b)


def test_spelling_variants_of_one_name_share_it() -> None:
    # normalisation folds what is one name written two ways (hamza on alef, teh marbuta, diacritics)
    assert mint_key("أرامكو") == mint_key("ارامكو") and mint_key("شركةٌ") == mint_key("شركه")


def _labels(text: str, key: str) -> set[Literal]:
    graph = new_graph(industry_graph())
    add_results(graph, [extract_text(text)])
    node = entity_iri(key)
    return set(graph.objects(node, RDFS.label)) | set(graph.objects(node, SKOS.altLabel))


def test_anaphors_are_mentions_not_labels() -> None:
    text = ("أعلنت «إنفيديا» نتائجها. وقالت الشركة إن الطلب قوي. وقال الرئيس التنفيذي للشركة "
            "جنسن هوانغ إن الشركة تنمو.")
    labels = {str(x) for x in _labels(text, "Nvidia")}
    assert "إنفيديا" in labels
    assert not labels & {"الشركة", "للشركة", "والشركة"}


def test_latin_names_are_not_arabic_text() -> None:
    labels = _labels("أطلقت «سامسونغ» خدمة «LoopPay» للدفع. واستحوذت «سامسونغ» على «LoopPay».", "LoopPay")
    assert Literal("LoopPay") in labels
    assert not [x for x in labels if isinstance(x, Literal) and x.language == "ar" and str(x) == "LoopPay"]


def _entity_names(text: str) -> set[str]:
    return {e.label_en or e.label for e in extract_text(text).entities}


def test_places_the_text_names_are_entities() -> None:
    # no fact uses Kenya or Ljubljana (a place no list knows): they are named, so they are entities
    names = _entity_names("افتتحت شركة «نوريكس» مكتبا جديدا. وقال المدير إن السوق في لوبليانا وكينيا تنمو.")
    assert {"Kenya", "لوبليانا"} <= names, names


def test_a_place_named_by_its_adjective_is_an_entity() -> None:
    result = extract_text("قالت شركة «هالوريا» البرازيلية إن المبيعات ارتفعت.")
    brazil = [e for e in result.entities if e.label_en == "Brazil"]
    assert brazil and [m.text for m in brazil[0].mentions] == ["البرازيلية"], result.entities


def test_an_adjective_inside_a_name_is_that_names() -> None:
    result = extract_text("قالت وكالة الأنباء الألمانية إن شركة «هالوريا» توسعت.")
    assert not [e for e in result.entities if e.label_en == "Germany"], result.entities


def test_bylines_and_datelines_name_no_entity() -> None:
    result = extract_text("عنوان عن هالوريا\nمنى سالم- سبق- القاهرة: قالت شركة «هالوريا» إن أرباحها ارتفعت.")
    names = {e.label for e in result.entities}
    assert "هالوريا" in names
    assert not names & {"القاهرة", "منى سالم", "سبق"}, names


@pytest.mark.parametrize("text, name", [
    ("تختبر «Quorvane» رقائق جديدة.", "Quorvane"),
    ("قالت مصادر إن «رخاء» تعتزم التوسع.", "رخاء"),  # an ordinary word in quotes, used as a name
    ("وقعت «كي جيه إم» اتفاقية.", "كي جيه إم"),  # an acronym spelled in letters
])
def test_a_quoted_name_no_fact_uses_is_still_an_entity(text: str, name: str) -> None:
    assert name in _entity_names(text)


@pytest.mark.parametrize("text, words", [
    ("وقال المدير إن النتائج «أكثر بكثير» من المتوقع.", "أكثر بكثير"),
    ("وأضاف: «نود الترحيب ب» الشركاء الجدد.", "نود الترحيب ب"),
    ("وقال إن «مهندسون» من الشركة زاروا الموقع.", "مهندسون"),
    ("وقال إن الشركة حققت «إنجازًا تاريخيًا» هذا العام.", "إنجازًا تاريخيًا"),
    ("وأشار إلى «التحصينات التي يصعب تجاوزها» في الموقع.", "التحصينات التي يصعب تجاوزها"),
    ("وتحدث المدير عن «14 مبادرة» جديدة.", "14 مبادرة"),
    ("وقال إن «الشيطان الأكبر» أصبح صديقا.", "الشيطان الأكبر"),
    ("ويشمل قطاع «الفنادق والسياحة» مشاريع جديدة.", "الفنادق والسياحة"),
])
def test_words_quoted_as_words_are_no_entity(text: str, words: str) -> None:
    assert words not in _entity_names(text)


def test_lower_case_latin_fragments_are_no_entity() -> None:
    names = _entity_names("وكتب في الصفحة b و zborder-radius عن شركة «Quorvane» وشركة 3M.")
    assert "Quorvane" in names and "3M" in names
    assert not names & {"b", "zborder-radius"}, names


def test_a_states_own_body_names_its_state() -> None:
    names = _entity_names("قالت وزارة الخارجية الفرنسية إن الاتفاق مع «نوفيكس» مهم.")
    assert "France" in names, names


@pytest.mark.parametrize(("text", "ar", "en"), [
    ("استحوذت شركة سيلفانيكس (Sylvanix) على شركة برونتو. وقالت Sylvanix إن الصفقة ستغلق.", "سيلفانيكس",
     "Sylvanix"),
    ("أطلقت شركة «ماريبورا» «Maribora» خدمتها الجديدة.", "ماريبورا", "Maribora"),
])
def test_a_latin_spelling_after_an_arabic_name_is_the_same_entity(text: str, ar: str, en: str) -> None:
    ents = [e for e in extract_text(text).entities if en in (e.label, e.label_en) or e.label == ar]
    assert [(e.label, e.label_en) for e in ents] == [(ar, en)]


def test_a_latin_name_that_does_not_sound_like_the_arabic_one_stays_apart() -> None:
    from kg.extract.linking import sounds_alike
    from kg.text.normalize import normalize

    assert sounds_alike(normalize("كوارتيكا"), "Quartica")
    assert not sounds_alike(normalize("زيتونة"), "Apple")
    labels = {e.label for e in extract_text("وتنافس «زيتونة» «Blinko» في السوق.").entities}
    assert {"زيتونة", "Blinko"} <= labels


def test_a_surname_alone_after_a_full_name_the_model_found_is_that_person() -> None:
    # no given-name list knows «إيفانو»: the model finds the full name, the document its surname
    result = extract_text("وسجل المهاجم إيفانو ماركيزيني هدفين في المباراة. وقال ماركيزيني إن الفريق جاهز.")
    people = [e for e in result.entities if e.type == "Person"]
    assert [(e.label, len(e.mentions)) for e in people] == [("إيفانو ماركيزيني", 2)], result.entities


def test_a_surname_that_is_also_a_preposition_is_not_the_person_alone() -> None:
    result = extract_text("وقال المدرب سامر علي إن الفريق جاهز. وحصل الفريق علي ثلاث نقاط.")
    people = [e for e in result.entities if e.type == "Person"]
    assert [(e.label, len(e.mentions)) for e in people] == [("سامر علي", 1)], result.entities


def test_a_new_given_name_before_a_known_surname_is_another_person() -> None:
    text = "وقالت نورة العتيبي إن المشروع بدأ. وأضافت غدنانة العتيبي أن التمويل جاهز."
    people = sorted(e.label for e in extract_text(text).entities if e.type == "Person")
    assert people == ["غدنانة العتيبي", "نورة العتيبي"]


def test_a_description_no_company_before_it_stands_for_is_a_name() -> None:
    # «لشركة دار الحلول» is read as a description of the article's company; named before any
    # company (the one after it is another), it is the company's own name
    result = extract_text("التقى سامر الحداد، الرئيس التنفيذي لشركة دار الحلول، نظيره في "
                          "فيلونا ديجيتال لبحث التعاون.")
    names = {e.label for e in result.entities}
    assert {"دار الحلول", "فيلونا ديجيتال"} <= names, explain(result)
    ceo = {(f.subject.label, f.object.label) for f in result.facts if f.predicate == "ceoOf"}
    assert ("سامر الحداد", "دار الحلول") in ceo, explain(result)
