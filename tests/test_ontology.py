"""The ontology files and their loader (kg.ontology)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.plugins.sparql import prepareQuery

from kg import ontology
from kg.errors import ResourceError
from kg.namespaces import IND, KGR

PREDICATES = {
    "ceoOf", "executiveOf", "founderOf", "develops", "investsIn", "acquires", "partnersWith",
    "negotiatesWith", "suppliesTo", "customerOf", "reliesOn", "evaluates", "seeksAlternativeTo",
    "dissatisfiedWith", "competesWith", "dominates", "hires", "locatedIn", "headquarteredIn",
    "regulates",
}  # fmt: skip
SYMMETRIC = {"partnersWith", "negotiatesWith", "competesWith"}
CLASSES = {
    "Organization": None,
    "Company": "Organization",
    "GovernmentBody": "Organization",
    "Person": None,
    "Product": None,
    "Chip": "Product",
    "Software": "Product",
    "AIModel": "Product",
    "Device": "Product",
    "Service": "Product",
    "Place": None,
    "Country": "Place",
    "City": "Place",
    "Market": None,
    "Document": None,
}
QUERIES = sorted((Path(__file__).resolve().parent.parent / "ontology" / "queries").glob("*.rq"))

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def normalise(text: str) -> str:
    text = _DIACRITICS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    ontology.clear_caches()
    yield
    ontology.clear_caches()


def test_exactly_the_relation_predicates() -> None:
    assert set(ontology.properties()) == PREDICATES


@pytest.mark.parametrize("name", sorted(PREDICATES))
def test_predicate_is_documented(name: str) -> None:
    info = ontology.properties()[name]
    classes = ontology.classes()
    assert info.label_ar and re.search("[\u0600-\u06ff]", info.label_ar)
    assert info.label_en and info.comment
    assert info.domain in classes and info.range in classes
    assert info.symmetric == (name in SYMMETRIC)


def test_domains_and_inverses() -> None:
    props = ontology.properties()
    assert (props["ceoOf"].domain, props["ceoOf"].range) == ("Person", "Organization")
    assert (props["develops"].domain, props["develops"].range) == ("Organization", "Product")
    assert (props["dominates"].domain, props["dominates"].range) == ("Organization", "Market")
    assert (props["hires"].domain, props["hires"].range) == ("Organization", "Person")
    assert (props["headquarteredIn"].domain, props["headquarteredIn"].range) == ("Organization", "Place")
    assert props["regulates"].domain == "GovernmentBody"
    assert props["suppliesTo"].inverse == "customerOf"
    assert props["customerOf"].inverse == "suppliesTo"
    assert all(p.inverse is None for n, p in props.items() if n not in {"suppliesTo", "customerOf"})


def test_classes_and_superclasses() -> None:
    classes = ontology.classes()
    for name, parent in CLASSES.items():
        assert name in classes, name
        assert classes[name] == parent, name
    labels = ontology.class_labels()
    assert all(labels[name][0] and labels[name][1] for name in CLASSES)


def test_is_a() -> None:
    assert ontology.is_a("Chip", "Product")
    assert ontology.is_a("Company", "Company")
    assert ontology.is_a("City", "Place")
    assert not ontology.is_a("Company", "Product")
    assert not ontology.is_a("Unknown", "Organization")


def test_provenance_terms_are_declared() -> None:
    graph = ontology.ontology_graph()
    for name in (
        "sentence sentenceStart sentenceEnd evidenceStart evidenceEnd trigger triggerStart triggerEnd "
        "status confidence rule attribution amount currency amountText date stake path url demonym"
    ).split():
        assert (IND[name], None, None) in graph, name


def test_known_entities_are_well_formed() -> None:
    entities = ontology.known_entities()
    classes = ontology.classes()
    keys = [e.key for e in entities]
    assert len(keys) == len(set(keys))
    for entity in entities:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", entity.key), entity.key
        assert entity.type in classes and entity.type != "Document", entity
        assert entity.label_ar and re.search("[\u0600-\u06ff]", entity.label_ar), entity.key
        assert entity.label_en, entity.key
        assert entity.wikidata == "" or re.fullmatch(r"Q\d+", entity.wikidata), entity.key


def test_no_arabic_label_names_two_entities() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for entity in ontology.known_entities():
        for label in {entity.label_ar, *entity.alt_labels}:
            if not re.search("[\u0600-\u06ff]", label):
                continue
            norm = normalise(label)
            if owner.setdefault(norm, entity.key) != entity.key:
                clashes.append((label, owner[norm], entity.key))
    assert clashes == []


def test_every_country_has_a_demonym() -> None:
    countries = [e for e in ontology.known_entities() if e.type == "Country"]
    assert len(countries) >= 60
    assert [e.key for e in countries if not e.demonyms] == []
    demonyms = {e.key: e.demonyms for e in countries}
    assert set(demonyms["UnitedStates"]) == {"أمريكي", "أميركي"}
    assert "فنلندي" in demonyms["Finland"]


def test_some_known_entities() -> None:
    by_key = {e.key: e for e in ontology.known_entities()}
    assert by_key["Nvidia"].wikidata == "Q182477"
    assert "انفيديا" in by_key["Nvidia"].alt_labels
    assert by_key["Meta"].key != by_key["Facebook"].key
    assert by_key["SaudiArabia"].type == "Country"
    assert by_key["JensenHuang"].type == "Person"
    assert "تفاحة" not in {by_key["Apple"].label_ar, *by_key["Apple"].alt_labels}


def test_ontology_graph_is_a_fresh_copy() -> None:
    first = ontology.ontology_graph()
    first.add((KGR.Extra, RDF.type, IND.Company))
    assert (KGR.Extra, RDF.type, IND.Company) not in ontology.ontology_graph()


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_parses_and_runs(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("#"), "each query starts with a comment header"
    query = prepareQuery(text)
    graph = ontology.ontology_graph()
    doc, assertion = KGR["doc/abc"], KGR["assertion/abc"]
    graph.add((doc, RDF.type, IND.Document))
    graph.add((doc, IND.path, Literal("seeds/x.ar.txt")))
    graph.add((KGR.Nvidia, IND.investsIn, KGR.OpenAI))
    graph.add((assertion, RDF.type, RDF.Statement))
    graph.add((assertion, RDF.subject, KGR.Nvidia))
    graph.add((assertion, RDF.predicate, IND.investsIn))
    graph.add((assertion, RDF.object, KGR.OpenAI))
    graph.add((assertion, PROV.wasDerivedFrom, doc))
    graph.add((assertion, IND.sentence, Literal("استثمرت إنفيديا في أوبن إيه آي", lang="ar")))
    graph.add((assertion, IND.status, Literal("planned")))
    rows = list(graph.query(query))
    if path.name != "company-people.rq":
        assert rows, path.name


def test_query_files_exist() -> None:
    names = {p.name for p in QUERIES}
    assert {
        "facts-with-sentences.rq",
        "who-invests-in.rq",
        "company-people.rq",
        "denied-and-planned.rq",
        "entities-by-type.rq",
        "documents.rq",
    } <= names


def test_ontology_dir_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(tmp_path))
    assert ontology.ontology_dir() == tmp_path
    monkeypatch.delenv("KG_ONTOLOGY_DIR")
    assert (ontology.ontology_dir() / "industry.ttl").is_file()


def _copy_ontology(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "ontology"
    for name in ontology.ONTOLOGY_FILES:
        (tmp_path / name).write_text((source / name).read_text(encoding="utf-8"), encoding="utf-8")


def test_malformed_turtle_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _copy_ontology(tmp_path)
    (tmp_path / "entities.ttl").write_text(
        '@prefix kgr: <https://w3id.org/arabic-kg/resource/> .\nkgr:A kgr:b "unterminated .\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(tmp_path))
    ontology.clear_caches()
    with pytest.raises(ResourceError) as info:
        ontology.known_entities()
    message = str(info.value)
    assert "entities.ttl line 2: bad Turtle" in message
    assert "KG_ONTOLOGY_DIR" in message
    assert "\n" not in message


def test_missing_file_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _copy_ontology(tmp_path)
    (tmp_path / "industry.ttl").unlink()
    monkeypatch.setenv("KG_ONTOLOGY_DIR", str(tmp_path))
    ontology.clear_caches()
    with pytest.raises(ResourceError, match=r"industry\.ttl: ontology file not found"):
        ontology.properties()


def test_base_iri_is_rewritten(monkeypatch: pytest.MonkeyPatch) -> None:
    # the namespaces module reads KG_BASE_IRI at import; patch the loader's view of it
    from rdflib import Namespace

    monkeypatch.setattr(ontology, "IND", Namespace("http://example.org/kg/ontology#"))
    monkeypatch.setattr(ontology, "KGR", Namespace("http://example.org/kg/resource/"))
    ontology.clear_caches()
    graph = ontology.ontology_graph()
    assert (URIRef("http://example.org/kg/resource/Nvidia"), None, None) in graph
    assert (KGR.Nvidia, None, None) not in graph
    assert "investsIn" in ontology.properties()
    assert any(e.key == "Nvidia" for e in ontology.known_entities())
