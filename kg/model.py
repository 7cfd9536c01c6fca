"""Plain data carried through the pipeline (frozen, no RDF here).

Every span is a pair of character offsets into the original document text, so any
fact can be shown, highlighted and traced back exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# statuses a fact can carry; the first group are claims the text makes
ASSERTED_STATUSES = ("asserted", "reported", "planned")
NOT_ASSERTED_STATUSES = ("denied", "negated", "hypothetical")


@dataclass(frozen=True)
class Document:
    id: str  # the input path (or path#line for JSON Lines articles)
    text: str
    title: str = ""
    url: str = ""
    date: str = ""
    source: str = ""
    replaced: int = 0  # characters of the input replaced by U+FFFD (lone surrogates, controls)


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str  # the original characters, clitics and quotes excluded
    key: str  # entity key (local IRI name) this mention was linked to
    type: str  # ontology class local name
    source: str  # how it was found: gazetteer, quoted, latin, title, cue, alias, coref

    @property
    def is_name(self) -> bool:
        """A name of the entity, not an anaphor (الشركة، للشركة) or a stand-in for it (the
        article's main company, a person's employer): only names become alternative labels."""
        return self.source not in ("coref", "topic", "affiliation")


@dataclass(frozen=True)
class Entity:
    key: str  # local name of the entity IRI (stable across documents)
    label: str  # Arabic label (or the original form for Latin names)
    label_en: str
    type: str
    known: bool = False  # from the ontology gazetteer
    wikidata: str = ""
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Amount:
    text: str
    value: float | None
    currency: str | None
    start: int
    end: int


@dataclass(frozen=True, kw_only=True)
class Fact:
    subject: Entity
    predicate: str  # ontology property local name
    object: Entity
    doc_id: str
    sentence: Sentence
    span: tuple[int, int]  # evidence span in the document (covers trigger and arguments)
    trigger: str
    trigger_span: tuple[int, int]
    status: str = "asserted"
    confidence: float = 0.5
    rule: str = ""  # which rule fired, for explanations
    attribution: str = ""
    amount: Amount | None = None
    date: str = ""
    stake: str = ""
    subject_span: tuple[int, int] | None = None
    object_span: tuple[int, int] | None = None

    @property
    def is_claim(self) -> bool:
        return self.status in ASSERTED_STATUSES


@dataclass(frozen=True)
class Note:
    """One line of an extraction trace: what a stage found in a sentence, or why a rule failed."""

    sentence: int  # index of the sentence in its document
    stage: str  # mentions, roles, triggers, frames, facts
    text: str
    rule: str = ""  # the rule id (triggers.tsv, titles.tsv …) or the recogniser


@dataclass(frozen=True)
class DocumentResult:
    document: Document
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...]
    notes: tuple[Note, ...] = field(default=())  # filled when extracting with explain=True
