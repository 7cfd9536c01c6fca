"""Namespaces of the project, all derived from one base IRI.

The base defaults to https://w3id.org/arabic-kg/ and can be changed with the environment
variable KG_BASE_IRI (it must end with '/' or '#'). The ontology files are written against
the default base; `kg.ontology` rewrites them on load when another base is configured.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.iris import DEFAULT_BASE, base_iri

BASE = base_iri()
IND = Namespace(BASE + "ontology#")  # classes, properties, provenance terms
KGR = Namespace(BASE + "resource/")  # entities, documents, assertions
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, object] = {
    "ind": IND,
    "kgr": KGR,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "skos": SKOS,
    "prov": PROV,
    "xsd": XSD,
    "dcterms": DCTERMS,
    "wd": WD,
}

DEFAULT_IND = DEFAULT_BASE + "ontology#"
DEFAULT_KGR = DEFAULT_BASE + "resource/"
