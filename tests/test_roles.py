"""Titles next to names: ceoOf / executiveOf / founderOf, in every common word order."""

from __future__ import annotations

import pytest
from helpers import absent, assert_facts, explain, extract_text, labelled_facts, triples


def _has(text: str, subj_label_part: str, pred: str, obj_key: str) -> bool:
    from helpers import extract_text

    return any(f.predicate == pred and f.object.key == obj_key and subj_label_part in f.subject.label
               and f.is_claim for f in extract_text(text).facts)


@pytest.mark.parametrize(("text", "person", "pred", "org"), [
    # title, organisation, comma, name
    ("نفى الرئيس التنفيذي لشركة «إنفيديا»، جينسن هوانغ، وجود أي خلاف.",
     "جينسن", "ceoOf", "Nvidia"),
    # title, organisation, name (no comma)
    ("ونقلت الوكالة عن المدير التنفيذي لـ \"نوكيا\" راجيف سوري قوله إن الصفقة مهمة.",
     "راجيف", "ceoOf", "Nokia"),
    # name, comma, title
    ("ويقول جي باريك، نائب رئيس شركة «فيسبوك» للهندسة: «مهمتنا كبيرة».", "باريك", "executiveOf", "Facebook"),
    # title with filler words before the organisation
    ("ويضيف مدير هندسة التوصيل في «فيسبوك»، يايل ماغير، إن الطائرة ستعمل.",
     "يايل", "executiveOf", "Facebook"),
    # a function after the title makes it an executive, not the CEO
    ("وكان سعيد الزهراني الرئيس التنفيذي للعمليات في شركة «زين».", "الزهراني", "executiveOf", "Zain"),
    # founder
    ("قال مؤسس شركة «ميتا» مارك زوكربيرغ إن العمل مستمر.", "زوكربيرغ", "founderOf", "Meta"),
])
def test_title_roles(text: str, person: str, pred: str, org: str) -> None:
    assert _has(text, person, pred, org)


def test_unnamed_organisation_is_the_sentence_company() -> None:
    text = "ولدى موبايلي الآن فريق قوي؛ حيث يشغل إسماعيل الغامدي منصب الرئيس التنفيذي لقطاع الأعمال."
    assert _has(text, "إسماعيل", "executiveOf", "Mobily")


def test_appointment_gives_role_and_hire() -> None:
    text = "أكملت شركة «موبايلي» فريقها بتعيين أحمد فروخ رئيساً تنفيذياً للشركة."
    facts = triples(text)
    assert ("Mobily", "hires", "AHmd_frwx") in facts
    assert ("AHmd_frwx", "ceoOf", "Mobily") in facts


def test_adviser_is_no_executive() -> None:
    text = "وكتب بيتر فليشر المستشار الدولي لجوجل في شؤون الخصوصية أن القرار خاطئ."
    assert not {t for t in absent(text, "بيتر فليشر") if t[1] in ("ceoOf", "executiveOf")}


def test_president_of_a_country_is_no_role() -> None:
    # a company in the sentence: the president is not its CEO, nor anyone's
    assert not absent("وقال الرئيس الأمريكي إن «إنتل» شركة قوية.", "إنتل", predicate="ceoOf")


def test_a_relative_clause_ends_the_search_for_the_company() -> None:
    text = "وقال عبدالله الدغيثر المدير التنفيذي للجمعية الذي قام بتكريم الشركة إن الحفل ناجح."
    assert not absent(text, "عبدالله الدغيثر", seen="roles")


def test_a_function_before_the_company() -> None:
    text = "وقال جيف ويات المدير العام لتخزين الطاقة في «جنرال إلكتريك» إن العمل مستمر."
    assert ("jyf_wyAt", "executiveOf", "GeneralElectric") in triples(text)


def test_an_unknown_word_between_a_title_and_its_holder_is_the_organisation() -> None:
    # no cue, no quotes, in no list: the title before it and the name after it are the evidence
    from kg.extract.linking import mint_key

    found = triples("قال رئيس مجلس إدارة ترافيكو المهندس وليد السبيعي إن الشركة ستتوسع.")
    assert (mint_key("وليد السبيعي"), "executiveOf", mint_key("ترافيكو")) in found


def test_an_ordinary_word_after_a_title_is_no_organisation() -> None:
    # «الجديد» describes the title: it is no organisation
    found = absent("قال الرئيس التنفيذي الجديد سامر الدوسري إن الشركة ستتوسع.", "سامر الدوسري",
                   predicate="ceoOf")
    assert not {o for _, _, o in found} & {"AljdYd", "Aljdyd", "jdyd"}


@pytest.mark.parametrize(("text", "person", "pred", "org"), [
    # titles in the accusative after an appointment verb, and feminine ones
    ("عيّنت شركة «موبايلي» منيرة الشهري رئيسة تنفيذية لها.", "منيرة", "ceoOf", "Mobily"),
    ("عينت «زين» فهد العنزي مديرا ماليا للشركة.", "فهد", "executiveOf", "Zain"),
    ("عينت «أرامكو» خالد القرني مديرا للتسويق في الشركة.", "خالد", "executiveOf", "Aramco"),
])
def test_accusative_and_feminine_titles(text: str, person: str, pred: str, org: str) -> None:
    from helpers import explain, extract_text

    result = extract_text(text)
    assert any(f.predicate == pred and f.object.key == org and person in f.subject.label
               for f in result.facts), explain(result)


def test_an_appointed_title_is_held_at_the_appointing_company() -> None:
    # the company is untyped (a quoted name said once): the appointment names it
    result = extract_text("عينت «ليوراك» سلمان الدوسري رئيسا للعمليات، وهند العمري مديرة مالية.")
    found = labelled_facts(result)
    assert ("سلمان الدوسري", "executiveOf", "ليوراك") in found, explain(result)


def test_a_president_of_a_republic_is_no_executive() -> None:
    assert not absent("بعث الملك برقية تهنئة لسلوى بيرنار رئيسة جمهورية سيشل بمناسبة توليها.",
                      predicate="executiveOf")


@pytest.mark.parametrize(("text", "facts"), [
    # titles joined by «و» are one person's posts at the one organisation the last names
    ("وأوضح المهندس فهد بن سالم القرني، العضو المنتدب والرئيس التنفيذي لشركة «نورفيكس»، أن النتائج جيدة.",
     {("فهد بن سالم القرني", "executiveOf", "نورفيكس"), ("فهد بن سالم القرني", "ceoOf", "نورفيكس")}),
    ("أعلن نواف الشمري، المؤسس والرئيس التنفيذي لـ«زيلترا»، عن خطة جديدة.",
     {("نواف الشمري", "founderOf", "زيلترا"), ("نواف الشمري", "ceoOf", "زيلترا")}),
])
def test_coordinated_titles_share_holder_and_organisation(text: str,
                                                          facts: set[tuple[str, str, str]]) -> None:
    result = extract_text(text)
    assert facts <= labelled_facts(result), explain(result)


def test_an_acting_holder_and_an_honorific_after_the_title() -> None:
    # «بالنيابة» keeps the post a CEO's (no officer); the one company named before holds it
    result = extract_text("حضر اللقاء عدد من مسؤولي شركة «ترافيلكس» يتقدمهم الرئيس التنفيذي بالنيابة "
                          "المهندس ماجد العتيبي.")
    assert ("ماجد العتيبي", "ceoOf", "ترافيلكس") in labelled_facts(result), explain(result)


def test_a_title_that_governs_an_unfound_organisation_takes_no_other() -> None:
    # «رئيسا تنفيذيا للبنك»: the title names its own bank; the company before is not it
    found = absent("ألقت الشرطة القبض على مؤسس «فيرونكس»، وكان جابر الهاجري رئيسا تنفيذيا للبنك "
                   "خلال تلك الفترة.", "فيرونكس", predicate="ceoOf")
    assert not {t for t in found if t[2] != "AlbnK"}


def test_a_function_word_that_begins_a_known_name_is_the_organisation() -> None:
    # «للاتصالات السعودية» is STC, not «for communications»: the CEO, not an officer
    assert _has("قال الرئيس التنفيذي للاتصالات السعودية، كريم الفاسي، إن الشركة ستتوسع.",
                "كريم الفاسي", "ceoOf", "STC")


def test_a_title_with_a_pronoun_is_held_at_the_company_it_stands_for() -> None:
    # «رئيسها التنفيذي»: the company of the sentence before, though said once and untyped
    result = extract_text("تتخذ «كرونيفا» من أوسلو مقرا لها. "
                          "وقد أعلن رئيسها التنفيذي بيتر هانسن عن خطة جديدة.")
    assert ("بيتر هانسن", "ceoOf", "كرونيفا") in labelled_facts(result), explain(result)


def test_a_title_with_a_pronoun_and_no_holder_named_after_it_gives_nothing() -> None:
    found = absent("استحوذت «كرونيفا» على «ماركتو». وقال رئيسها التنفيذي إن الصفقة مهمة.", "كرونيفا",
                   predicate="ceoOf")
    assert not found


def test_a_title_joined_by_and_after_a_comma_is_the_next_persons() -> None:
    # «X، والرئيس التنفيذي لـY Z»: «و» starts the next member of a list; X holds no post at Y
    found = absent("حضر الحفل سامي العتيبي، والرئيس التنفيذي لشركة «ميراكس» جيمس وولتون.", "سامي العتيبي",
                   "ميراكس", predicate="ceoOf")
    assert not {t for t in found if t[0] == "sAmy_AlEtyby"}


def test_a_title_right_after_another_titles_organisation_has_the_same_holder() -> None:
    result = extract_text("وقع الاتفاقية المدير العام لشركة «نوفارا» رئيس مجلس إدارة شركة «ليراكس» "
                          "المهندس سامي الحربي.")
    expected = {("سامي الحربي", "executiveOf", "نوفارا"), ("سامي الحربي", "executiveOf", "ليراكس")}
    assert expected <= labelled_facts(result), explain(result)


def test_a_pronoun_on_a_title_stands_for_no_company_named_far_before_it() -> None:
    # «… وكان رئيس النادي آنذاك مؤسسه فلان»: «ه» is the club, a noun no list knows; «نوفارا»,
    # named a long way back, founded nothing here
    found = absent("وكان يرأس «نوفارا» آنذاك سامي الحربي الذي قاد الفريق لسنوات طويلة في بطولات عديدة "
                   "ومواسم كثيرة متتالية، وكان رئيس النادي آنذاك مؤسسه الشيخ فهد العتيبي.", "نوفارا",
                   predicate="founderOf")
    assert not found


def test_a_post_serving_a_titles_holder_is_not_the_title() -> None:
    # «مستشار الرئيس التنفيذي لشركة X» is an adviser, no CEO
    found = absent("وقال مستشار الرئيس التنفيذي لشركة «نوفارا» سامي الحربي إن الخطة جاهزة.", "سامي الحربي",
                   "نوفارا", predicate="ceoOf")
    assert not found


def test_a_title_joined_by_and_takes_no_holder_before_it() -> None:
    # «العضو المنتدب لـX فلان والرئيس التنفيذي لـY فلان2»: each post its own holder
    result = extract_text("وقع الاتفاقية العضو المنتدب لشركة «نوفارا» سامي الحربي والرئيس التنفيذي لشركة "
                          "«ليراكس» فهد العتيبي.")
    found = labelled_facts(result)
    assert ("سامي الحربي", "ceoOf", "ليراكس") not in found, explain(result)
    assert ("فهد العتيبي", "ceoOf", "ليراكس") in found, explain(result)


@pytest.mark.parametrize(("text", "fact"), [
    # the feminine title with a pronoun («رئيستها»: the ة is written ت before it)
    ("تتخذ «كرونيفا» من أوسلو مقرا لها. وقالت رئيستها التنفيذية سارة هولم إن النمو مستمر.",
     ("سارة هولم", "ceoOf", "كرونيفا")),
    # «لها» after the title: the company just named
    ("وقعت «ليراكس» عقدا جديدا، وقال سامي الحربي الرئيس التنفيذي لها إن العقد مهم.",
     ("سامي الحربي", "ceoOf", "ليراكس")),
])
def test_a_pronoun_names_the_titles_company(text: str, fact: tuple[str, str, str]) -> None:
    assert_facts(text, fact)


@pytest.mark.parametrize(("text", "fact"), [
    # a relative clause or «وهو» between the holder's name and the title
    ("كان بإمكان كيفن مارش، الذي كان الرئيس التنفيذي لشركة «نوفارا»، أن يتجنب الخسارة.",
     ("كيفن مارش", "ceoOf", "نوفارا")),
    ("وقال سامي الحربي، الذي يشغل منصب المدير المالي في «ليراكس»، إن الأرباح زادت.",
     ("سامي الحربي", "executiveOf", "ليراكس")),
    ("وأكد فهد العتيبي، وهو الرئيس التنفيذي لشركة «كوبالتا»، أن الصفقة مهمة.",
     ("فهد العتيبي", "ceoOf", "كوبالتا")),
])
def test_a_relative_clause_between_the_holder_and_the_title(text: str, fact: tuple[str, str, str]) -> None:
    assert_facts(text, fact)


def test_a_serving_post_serves_the_titles_joined_to_it() -> None:
    found = absent("وقال مساعد العضو المنتدب والرئيس التنفيذي لشركة «نوفارا» سامي الحربي إن الخطة جاهزة.",
                   "سامي الحربي", "نوفارا", predicate="ceoOf")
    assert not found


def test_a_counterpart_holds_the_same_post_at_the_other_company() -> None:
    result = extract_text("استقبل سامي الحربي، الرئيس التنفيذي لشركة «نوفارا»، نظيره في «ليراكس» كيفن مارش "
                          "لبحث التعاون.")
    found = labelled_facts(result)
    assert {("سامي الحربي", "ceoOf", "نوفارا"), ("كيفن مارش", "ceoOf", "ليراكس")} <= found, explain(result)
    assert ("كيفن مارش", "ceoOf", "نوفارا") not in found, explain(result)
