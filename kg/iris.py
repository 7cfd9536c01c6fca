"""The base IRI of the project (KG_BASE_IRI) and entity IRIs, without importing rdflib."""

from __future__ import annotations

import os

DEFAULT_BASE = "https://w3id.org/arabic-kg/"


def base_iri() -> str:
    base = os.environ.get("KG_BASE_IRI", DEFAULT_BASE).strip() or DEFAULT_BASE
    if not base.endswith(("/", "#")):
        base += "/"
    return base


def resource_iri(key: str) -> str:
    """The IRI of an entity, document or assertion with local name `key`."""
    return f"{base_iri()}resource/{key}"
