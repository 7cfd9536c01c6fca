"""The base IRI of the project (KG_BASE_IRI) and entity IRIs, without importing rdflib."""

from __future__ import annotations

import os
import re

from kg.errors import SettingsError

DEFAULT_BASE = "https://w3id.org/arabic-kg/"
# an absolute IRI (scheme ":" …) with none of the characters RDF forbids in one
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]+")


def base_iri() -> str:
    raw = os.environ.get("KG_BASE_IRI", "")
    base = raw.strip() or DEFAULT_BASE
    if not _ABSOLUTE_IRI.fullmatch(base):
        raise SettingsError(f"KG_BASE_IRI={raw!r} is not an absolute IRI; set it to one such as "
                            f"https://example.org/kg/ or unset it (default {DEFAULT_BASE})")
    if not base.endswith(("/", "#")):
        base += "/"
    return base


def resource_iri(key: str) -> str:
    """The IRI of an entity, document or assertion with local name `key`."""
    return f"{base_iri()}resource/{key}"
