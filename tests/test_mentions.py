"""Entity mentions: gazetteer with clitics, quotes, Latin names, cue words, given names, anaphors."""

from __future__ import annotations

import pytest
from helpers import extract_text

from kg.extract.mentions import MentionFinder
from kg.text.tokens import tokenize


def mentions(text: str) -> list[tuple[str, str | None, str]]:
    toks = tokenize(text)
    return [(c.text, c.type, c.source) for c in MentionFinder().find(0, toks, text, 0)]


@pytest.mark.parametrize(("text", "surface", "key"), [
    ("أعلنت إنفيديا نتائجها", "إنفيديا", "Nvidia"),
    ("وقالت انفيديا إنها", "انفيديا", "Nvidia"),
    ("كشفت نفيديا عن رقاقة", "نفيديا", "Nvidia"),
    ("تعاونت و«إنفيديا» مع", "إنفيديا", "Nvidia"),
    ("الشركة المطورة لـ«شات جي بي تي» قالت", "شات جي بي تي", "ChatGPT"),
    ("تعمل بآبل منذ سنوات", "آبل", "Apple"),
    ("ذكرت غوغل أن", "غوغل", "Google"),
    ("ذكرت جوجل أن", "جوجل", "Google"),
    ("ذكرت Google أن", "Google", "Google"),
    ("وتنافس شـركة سامسونج", "سامسونج", "Samsung"),
])
def test_known_names_with_variants_and_clitics(text: str, surface: str, key: str) -> None:
    result = extract_text(text)
    found = {(m.text, e.key) for e in result.entities for m in e.mentions}
    assert (surface, key) in found
    for e in result.entities:  # spans point into the original text
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_arabic_and_latin_forms_are_one_node() -> None:
    result = extract_text("قالت جوجل إن Google وغوغل شركة واحدة.")
    assert [e.key for e in result.entities] == ["Google"]
    assert len(result.entities[0].mentions) == 3


def test_unknown_names_from_cues_quotes_and_latin_script() -> None:
    found = mentions("أعلنت شركة زيتونة للبرمجيات عن شراكة مع مجموعة Tawasul و«نجمة» الناشئة")
    assert ("زيتونة", "Company", "cue") in found
    assert ("Tawasul", "Company", "latin") in found
    assert ("نجمة", None, "quoted") in found


def test_cue_followed_by_ordinary_words_is_no_name() -> None:
    found = mentions("أمرت السلطات شركة محرك البحث الشهير بحذف النتائج")
    assert not [m for m in found if m[2] == "cue"]


def test_official_body_keeps_its_cue_word() -> None:
    found = mentions("وأمرت سلطات حماية البيانات الفرنسية الشركة بالامتثال")
    assert ("سلطات حماية البيانات الفرنسية", "GovernmentBody", "cue") in found


def test_a_description_after_an_official_cue_is_no_name() -> None:
    assert not [m for m in mentions("لها سلطة دولية في هذا الشأن") if m[2] == "cue"]


def test_given_name_and_surname_make_a_person() -> None:
    found = mentions("وقال خليفة الشامسي إن النتائج جيدة")
    assert ("خليفة الشامسي", "Person", "person") in found


@pytest.mark.parametrize("text", ["حصلت على حصة كبيرة", "وأقيمت المباراة الأولى وعلى ملعب المدينة",
                                  "وركز علي المستوى الدولي", "وحصل الفريق علي الفوز"])
def test_preposition_that_looks_like_a_given_name_is_no_person(text: str) -> None:
    # «على» normalises to «علي» (Ali), with a conjunction before it too
    assert not [m for m in mentions(text) if m[1] == "Person"]


def test_anaphors_are_marked() -> None:
    toks = tokenize("وأكدت الشركة أن شركته والشركتين")
    kinds = [c.anaphor for c in MentionFinder().find(0, toks, "وأكدت الشركة أن شركته والشركتين", 0)]
    assert kinds == ["the", "his", "dual"]


def test_surname_alone_later_is_the_same_person() -> None:
    text = "قال الرئيس التنفيذي لشركة «أوبن إيه آي»، سام ألتمان، إن الشركة تنمو. وأوضح ألتمان أن العمل مستمر."
    result = extract_text(text)
    altman = next(e for e in result.entities if e.key == "SamAltman")
    assert {m.text for m in altman.mentions} == {"سام ألتمان", "ألتمان"}


def test_unknown_person_keeps_one_key_across_mentions() -> None:
    text = "عينت الشركة أحمد فروخ رئيساً تنفيذياً لشركة موبايلي. ويملك «فروخ» خبرة طويلة."
    result = extract_text(text)
    person = [e for e in result.entities if e.type == "Person"]
    assert len(person) == 1
    assert {m.text for m in person[0].mentions} == {"أحمد فروخ", "فروخ"}


def test_arabic_letter_acronyms_are_names() -> None:
    found = mentions("وقال الرئيس التنفيذي لشركة إي إم سي إن الصفقة مهمة")
    assert ("إي إم سي", "Company", "acronym") in found


def test_two_people_joined_by_and_stay_two() -> None:
    result = extract_text("أسسها لاري بيدج وسيرجي برين عام 1998.")
    assert sorted(e.label for e in result.entities if e.type == "Person") == ["سيرجي برين", "لاري بيدج"]


def test_product_cue_with_its_owner_attached() -> None:
    found = mentions("أطلقت الشركة هاتفها الجديد «إكسبريا»")
    assert ("إكسبريا", "Device", "quoted") in found


def test_a_noun_ending_in_teh_marbuta_is_no_possessed_cue() -> None:
    # «معالجة» is not «معالج» + ـه
    assert not [m for m in mentions("وحدات معالجة الرسوميات") if m[2] == "cue"]


def test_institution_names_keep_their_cue_and_given_names() -> None:
    found = mentions("قال مدير جامعة الملك فهد للبترول والمعادن إن البرنامج ناجح")
    assert ("جامعة الملك فهد", "Organization", "cue") in found
    assert not [m for m in found if m[1] == "Person"]


def test_ordinary_words_before_a_title_are_no_name() -> None:
    result = extract_text("حسب ما توقع بيك بيسيكير، الرئيس التنفيذي لـ«ماركسنت»، فإن السوق سينمو.")
    assert [e.label for e in result.entities if e.type == "Person"] == ["بيك بيسيكير"]


def test_short_name_read_off_a_listed_word_is_no_match() -> None:
    # «بديل» (alternative) is not ب + «ديل» (Dell)
    assert not [m for m in mentions("الطاقة الشمسية كمصدر بديل للتوليد") if m[2] == "gazetteer"]


def test_a_known_place_ends_a_persons_name() -> None:
    from helpers import extract_text, mention_texts

    found = mention_texts(extract_text("زار سامر العتيبي باريس أمس. والتقى خالد المطيري الرياض."))
    assert {"سامر العتيبي", "باريس", "خالد المطيري", "الرياض"} <= found
    assert not {"سامر العتيبي باريس", "خالد المطيري الرياض"} & found


@pytest.mark.parametrize(("text", "name", "type_"), [
    # Arabic's naming pattern for bodies: cue, own words, «لـ» and the field; no list knows these
    ("أعلنت الشركة الأردنية للصناعات الكيماوية أرباحها.", "الشركة الأردنية للصناعات الكيماوية", "Company"),
    ("وقعت المجموعة الخليجية لحلول الطاقة عقدا.", "المجموعة الخليجية لحلول الطاقة", "Company"),
    ("فرضت الهيئة العامة للطيران المدني غرامة.", "الهيئة العامة للطيران المدني", "GovernmentBody"),
    ("استحوذت شركة ضياء للخدمات اللوجستية على حصة.", "ضياء للخدمات اللوجستية", "Company"),
])
def test_bodies_named_with_ordinary_words(text: str, name: str, type_: str) -> None:
    assert (name, type_, "designation") in mentions(text)


@pytest.mark.parametrize(("text", "words"), [
    ("أعلنت شركة تابعة للمجموعة أرباحها.", "تابعة للمجموعة"),  # an adjective agreeing with «شركة»
    ("قالت الشركة المنتجة للنفط إن الإنتاج ارتفع.", "الشركة المنتجة للنفط"),  # what it does
    ("قالت «فورتكس»، الشركة الكندية للبرمجيات، إن.", "الشركة الكندية للبرمجيات"),  # an apposition
    ("قدمت شركة زيلوكس للقلم الرقمي جهازا.", "زيلوكس للقلم الرقمي"),  # a foreign name is whole
])
def test_descriptions_are_not_bodies_names(text: str, words: str) -> None:
    assert words not in [m[0] for m in mentions(text)]


def test_a_body_named_after_lil_is_the_same_node() -> None:
    # «لل» swallows the article: the name is read from its own words, on the same node
    result = extract_text("أعلنت الشركة الأردنية للصناعات الدوائية أرباحها. وقال مدير للشركة الأردنية "
                          "للصناعات الدوائية إن الطلب قوي.")
    bodies = [e for e in result.entities if "الدوائية" in e.label]
    assert len(bodies) == 1 and len(bodies[0].mentions) == 2, result.entities


@pytest.mark.parametrize(("text", "name"), [
    ("وقال رئيس الهيئة العامة للموانئ البحرية المهندس سامي العتيبي إن.", "الهيئة العامة للموانئ البحرية"),
    ("باشرت الهيئة العامة للسياحة والآثار البدء بالعمل.", "الهيئة العامة للسياحة والآثار"),
    ("أنشئت الهيئة الوطنية لحماية البيئة ومكافحة التصحر عام 2011.",
     "الهيئة الوطنية لحماية البيئة ومكافحة التصحر"),
])
def test_a_bodys_name_ends_where_its_field_does(text: str, name: str) -> None:
    assert name in [m[0] for m in mentions(text)]


@pytest.mark.parametrize(("text", "place"), [
    ("ارتفع سهم بنك الخليج أمس.", "الخليج"),
    ("تراجع مؤشر دبي بنسبة 2 في المئة.", "دبي"),
])
def test_a_place_inside_another_name_is_no_place_mention(text: str, place: str) -> None:
    assert not [m for m in mentions(text) if m[0] == place]


@pytest.mark.parametrize(("text", "person"), [
    # a word before «بن» and a given name is a given name, though it is also a word (ماجد، مالك)
    ("وقال مالك بن فهد العنزي إن الشركة تنمو.", "مالك بن فهد العنزي"),
    ("وعينت الشركة نور بنت خالد السديري مديرة.", "نور بنت خالد السديري"),
    # a family's connectors carry a name past four words
    ("واستقبل سلطان بن حمد بن سيف آل ثامر الوفد.", "سلطان بن حمد بن سيف آل ثامر"),
    ("وأكد ماجد بن راشد آل نعمان أن المشروع مهم.", "ماجد بن راشد آل نعمان"),
    # written with ya and followed by a nisba or «بن», علي is the name, not «على» (on)
    ("ورحب الشيخ علي الشمراني بالضيوف", "علي الشمراني"),
    ("وقال علي بن ناصر إن القرار نهائي", "علي بن ناصر"),
])
def test_a_persons_name_across_its_connectors(text: str, person: str) -> None:
    assert (person, "Person", "person") in mentions(text)


def test_a_body_whose_cue_is_its_name_is_one_node_after_lil() -> None:
    result = extract_text("أعلنت الهيئة العامة للموانئ خطة. ويعد ذلك نجاحا للهيئة العامة للموانئ.")
    bodies = [e for e in result.entities if e.type == "GovernmentBody"]
    assert len(bodies) == 1 and bodies[0].label == "الهيئة العامة للموانئ", result.entities


def test_a_second_body_after_wa_is_not_the_first_ones_field() -> None:
    text = "بالتعاون مع الهيئة العامة للسياحة والتراث الوطني ومجلس التنمية السياحية"
    names = [m[0] for m in mentions(text)]
    assert "الهيئة العامة للسياحة والتراث الوطني" in names


@pytest.mark.parametrize(("text", "model"), [
    ("أطلقت أبل آيفون 6 بلس في سبتمبر.", "آيفون 6 بلس"),
    ("وكشفت الشركة عن هاتف كوارتو 9 برو الجديد.", "كوارتو 9 برو"),
])
def test_a_models_number_and_edition_are_part_of_its_name(text: str, model: str) -> None:
    assert model in [m[0] for m in mentions(text)]


def test_a_year_after_a_product_is_no_model() -> None:
    assert "آيفون" in [m[0] for m in mentions("وقال إن آيفون في 2015 كان الأكثر مبيعا.")]
    assert not [m for m in mentions("باع آيفون 2015 وحدة.") if m[0] == "آيفون 2015"]


def test_a_name_after_an_abbreviated_title() -> None:
    assert ("زياد عثمان الحقيل", "Person", "person") in mentions("وقال د.زياد عثمان الحقيل إن المشروع اكتمل.")


def test_a_bodys_field_ends_at_a_preposition_written_without_its_hamza() -> None:
    assert ("الوكالة الدولية للطاقة", "Organization", "designation") in mentions(
        "قالت الوكالة الدولية للطاقة الى أن الطلب ارتفع.")


@pytest.mark.parametrize(("text", "not_a_name"), [
    ("انتخب حسين عضوا في المجلس.", "حسين عضوا"),  # an accusative of the language ends a name
    ("ويعد رائد إقليميا في القطاع.", "رائد إقليميا"),
])
def test_an_accusative_word_does_not_continue_a_persons_name(text: str, not_a_name: str) -> None:
    assert not_a_name not in [m[0] for m in mentions(text)]
    assert ("محمد موسى", "Person", "person") in mentions("وقال محمد موسى إن.")  # a surname goes on


@pytest.mark.parametrize(("text", "word"), [
    # spelt with alef maqsura, a word is no name or demonym the lists spell with ya
    ("وقال إن الحادث الذي أودى بحياة ثلاثة أشخاص وقع أمس", "أودى"),
    ("وأصيب اللاعب في الرجل اليمنى", "اليمنى"),
    # a place named without the article never takes it: «السيول» are floods, not Seoul
    ("وجرفت السيول عددا من السيارات", "السيول"),
])
def test_a_word_the_list_spells_otherwise_is_no_known_name(text: str, word: str) -> None:
    assert not [m for m in mentions(text) if m[0] == word]
    assert not [e for e in extract_text(text + ".").entities if word in {m.text for m in e.mentions}]


@pytest.mark.parametrize(("text", "body"), [
    ("وقالت الحكومة المصرية إنها ستدعم الشركات", "الحكومة المصرية"),
    ("وطالبت شركات الطيران الحكومة الأمريكية بوقف الدعم", "الحكومة الأمريكية"),
])
def test_a_states_government_is_a_body(text: str, body: str) -> None:
    assert (body, "GovernmentBody", "designation") in mentions(text)


def test_a_government_no_adjective_names_is_no_body() -> None:
    assert not [m for m in mentions("وقالت الحكومة السابقة إن الخطة فشلت") if m[1] == "GovernmentBody"]


@pytest.mark.parametrize(("text", "body"), [
    # a place right after an institution's cue is the institution's, and so is its field after it
    ("وتخرج في جامعة أمستردام للأعمال عام 2005", "جامعة أمستردام للأعمال"),
    ("وقالت هيئة دبي للطيران المدني إن المطار مغلق", "هيئة دبي للطيران المدني"),
])
def test_a_place_after_a_bodys_cue_is_the_bodys_name(text: str, body: str) -> None:
    assert [m[0] for m in mentions(text) if m[0].startswith(body.split()[0])] == [body]


@pytest.mark.parametrize(("text", "name"), [
    # a company word of English in Arabic letters ends a company's name, whatever comes before it
    ("وقالت غرين فالي كابيتال إن الصندوق أغلق", "غرين فالي كابيتال"),
    ("وأعلنت زيرونا ديجيتال عن خطة جديدة", "زيرونا ديجيتال"),
    ("ارتفعت مبيعات وسونورا موتورز أمس", "سونورا موتورز"),
    ("وأوضحت الأهلي المالي كابيتال في تقريرها أن السوق تراجع", "الأهلي المالي كابيتال"),
])
def test_a_company_word_ends_a_companys_name(text: str, name: str) -> None:
    assert (name, "Company", "suffix") in mentions(text)


@pytest.mark.parametrize("text", [
    "وقادت كابيتال الجولة",  # the company word alone is no name
    "قادت هيئة السوق كابيتال",  # a cue starts no such name
])
def test_a_company_word_needs_name_words_before_it(text: str) -> None:
    assert not [m for m in mentions(text) if m[2] == "suffix"]


def test_a_quoted_name_ending_in_a_company_word_is_a_company() -> None:
    assert ("نوفاتيك سيستمز", "Company", "quoted") in mentions("وقعت «نوفاتيك سيستمز» عقدا")


def test_a_preposition_before_a_definite_word_is_no_letter_of_a_suffixed_name() -> None:
    found = mentions("وقال رئيس الاستثمارات المصرفية لالراجحي كابيتال إن السوق تراجع")
    assert [m[0] for m in found if m[2] == "suffix"] == ["الراجحي كابيتال"]


@pytest.mark.parametrize(("text", "name"), [
    # after a company's cue, words of the language (a place among them) and «القابضة» are a name
    ("استحوذت مجموعة الوفاق القابضة على حصة", "الوفاق القابضة"),
    ("وقعت الشركة اتفاقية مع مجموعة الشرق الثانية القابضة أمس", "الشرق الثانية القابضة"),
])
def test_a_holding_word_after_a_cue_ends_a_name_of_ordinary_words(text: str, name: str) -> None:
    assert (name, "Company", "designation") in mentions(text)


@pytest.mark.parametrize("text", [
    "أعلنت مجموعة القابضة عن نتائجها",  # the word alone after the cue names nothing
    "قالت مجموعة من الشركات القابضة إن",  # a preposition: a description
])
def test_a_holding_word_needs_words_of_a_name_before_it(text: str) -> None:
    assert not [m for m in mentions(text) if m[0].endswith("القابضة")]


def test_a_place_noun_before_a_name_is_no_nationality_of_a_description() -> None:
    # «شركة سحابة الشرق»: «الشرق» ends the company's name; the next name is no company after a
    # description («شركة أمن المعلومات الإسرائيلية أدالوم» is)
    found = mentions("عينت شركة بوابة الشرق بريتا راغوفان مديرة")
    assert ("بريتا راغوفان", "Company") not in {(m[0], m[1]) for m in found}


def test_a_title_is_no_word_of_a_company_name_after_it() -> None:
    # «الرئيس التنفيذي لنوفا جروب»: the company word ends the name, the title stays out of it
    names = [m[0] for m in mentions("قال الرئيس التنفيذي لنوفا جروب إن الأرباح زادت")]
    assert not [n for n in names if "التنفيذي" in n]


def test_an_honorific_ends_a_bodys_name() -> None:
    # «صندوق التنمية الزراعية المهندس سامي الحربي»: the fund's head is named after it
    found = mentions("بحضور مدير عام صندوق التنمية الزراعية المهندس سامي الحربي وعدد من المسؤولين")
    assert ("صندوق التنمية الزراعية", "Organization", "cue") in found
