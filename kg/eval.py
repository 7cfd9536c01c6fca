"""Scoring extracted facts against gold annotations (what `kg eval` runs).

    kg.evaluate(gold_dir, paths)     extract the articles (kg.extract), then score them here
    score_records(gold_dir, records) score JSON Lines records already extracted (`kg extract`)
    load_gold(gold_dir)              read and validate a gold folder
    format_report(report)            the plain-text report `kg eval` prints

A gold folder holds, per article NAME, ``NAME.jsonl`` (one gold fact a line: ``s``, ``s_ar``,
``p``, ``o``, ``o_ar``, optional ``alt_p`` list and ``optional`` flag) and optionally
``NAME.entities.json`` (a list of ``{"name", "type", "ar": [forms]}``). A prediction belongs to
gold document NAME when its ``doc`` path has NAME as its file name or stem.

The matching conventions are those of the project's reference scorer (shared/eval/score.py),
reproduced exactly so the numbers agree:

* names are compared normalised (no diacritics or tatweel, one alef, ya for alef maqsura, ha
  for teh marbuta, punctuation folded, lower case), with and without a leading clitic
  (و ف ب ل ك ال …) or cue word (شركة، مجموعة …); an entity matches a gold entity when any of
  its label_en, label, mention or mentions does; failing that, a name that is a whole-word
  prefix of exactly one gold form matches it;
* a fact matches when both ends match and the predicate is the gold one or an ``alt_p``;
  symmetric predicates (partnersWith, negotiatesWith, competesWith) match either way round,
  and ``A suppliesTo B`` matches ``B customerOf A``;
* predictions are sets per document; facts whose status is denied/negated/hypothetical/
  rejected/retracted are left out; optional gold facts are neither missed nor spurious;
* gold facts and predictions are paired by a maximum one-to-one (bipartite) matching.

Per-predicate scores are added on top: a matched or missed gold fact counts under its gold
predicate ``p``, a spurious prediction under its own predicate, so the per-predicate counts
add up to the overall ones.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from kg.errors import EvalError

__all__ = [
    "ConllSentence",
    "GoldDoc",
    "format_ner_report",
    "format_report",
    "load_gold",
    "norm",
    "read_conll",
    "score_records",
    "score_spans",
]

SYMMETRIC = frozenset({"partnersWith", "negotiatesWith", "competesWith"})
INVERSE = {"suppliesTo": "customerOf", "customerOf": "suppliesTo"}
# a triple whose "status" is one of these is not a claimed fact and is not scored
NOT_ASSERTED = frozenset({"denied", "negated", "hypothetical", "rejected", "retracted"})

_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_PUNCT = re.compile(r"[«»\"'“”‘’″′()\[\]{}،,.:;؛!?؟\-–—_/]+")
_CUE_WORDS = frozenset({
    "شركه", "الشركه", "مجموعه", "المجموعه", "مصنع", "مؤسسه", "المؤسسه", "بنك", "البنك", "هيئه",
    "الهيئه", "وحده", "الوحده", "company", "group", "the",
})  # fmt: skip
_CLITICS = ("و", "ف", "ب", "ل", "ك", "لل", "ال", "وال", "بال", "فال", "كال", "ولل", "وب", "ول")

GoldKey = tuple[str, frozenset[str], str, bool, str]  # subject, predicates, object, optional, main p
Pred = tuple[frozenset[str], str, frozenset[str], str]  # subject names, predicate, object names, display


def norm(text: str) -> str:
    """Normalise a name for comparison (not for display)."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _DIACRITICS.sub("", t)
    t = re.sub("[إأآٱ]", "ا", t).replace("ى", "ي").replace("ة", "ه")
    t = _PUNCT.sub(" ", t).lower()
    return " ".join(t.split())


def _variants(text: str) -> set[str]:
    """The normalised text, with and without a leading clitic or cue word."""
    n = norm(text)
    if not n:
        return set()
    out = {n}
    words = n.split()
    if len(words) > 1 and words[0] in _CUE_WORDS:
        out.add(" ".join(words[1:]))
    for form in list(out):
        for pre in _CLITICS:
            if form.startswith(pre) and len(form) - len(pre) >= 2:
                out.add(form[len(pre):])
    return out


def _word_prefix(short: str, long_: str) -> bool:
    """True when `short` is a whole-word prefix of the longer `long_`."""
    s, lw = short.split(), long_.split()
    if not s or len(s) >= len(lw) or s[0] in _CUE_WORDS or len(short) < 3:
        return False
    return lw[: len(s)] == s


@dataclass
class GoldDoc:
    """One article's gold facts and entities, with an index from name variants to gold names."""

    triples: list[dict[str, Any]]
    entities: list[dict[str, Any]]
    index: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def __post_init__(self) -> None:
        for e in self.entities:
            for form in [e["name"], *e.get("ar", [])]:
                for v in _variants(form):
                    self.index[v].add(e["name"])
        for t in self.triples:  # surface forms used in triples also identify entities
            for key, ar in (("s", "s_ar"), ("o", "o_ar")):
                for form in (t[key], t.get(ar, "")):
                    for v in _variants(form):
                        self.index[v].add(t[key])

    def resolve(self, ent: Mapping[str, Any] | str | None) -> frozenset[str]:
        """The gold names a predicted entity may stand for (empty if none)."""
        if ent is None:
            return frozenset()
        if isinstance(ent, str):
            ent = {"mention": ent}
        forms = [ent.get(k) for k in ("label_en", "label", "mention", "name")]
        forms += list(ent.get("mentions", []) or [])
        variants = [v for f in forms if f for v in _variants(str(f))]
        for v in variants:
            if v in self.index:
                return frozenset(self.index[v])
        for v in variants:
            hits = {n for form, names in self.index.items() if _word_prefix(v, form) for n in names}
            if len(hits) == 1:
                return frozenset(hits)
        return frozenset()

    def gold_keys(self) -> list[GoldKey]:
        return [(t["s"], frozenset({t["p"], *t.get("alt_p", [])}), t["o"], bool(t.get("optional")), t["p"])
                for t in self.triples]


# ------------------------------------------------------------------------------- reading gold


def _fail(where: str, problem: str) -> EvalError:
    return EvalError(f"gold file {where}: {problem}")


def _check_fact(rec: Any, where: str) -> dict[str, Any]:
    fix = 'each line must be one JSON object with "s", "p" and "o" strings'
    if not isinstance(rec, dict):
        raise _fail(where, f"not a JSON object; {fix}")
    for key in ("s", "p", "o"):
        if not isinstance(rec.get(key), str) or not rec[key].strip():
            raise _fail(where, f'no "{key}" string; {fix}')
    for key in ("s_ar", "o_ar"):
        if key in rec and not isinstance(rec[key], str):
            raise _fail(where, f'"{key}" must be a string (the Arabic form)')
    alt = rec.get("alt_p", [])
    if not isinstance(alt, list) or not all(isinstance(p, str) for p in alt):
        raise _fail(where, '"alt_p" must be a list of predicate names')
    return rec


def _check_entities(data: Any, where: str) -> list[dict[str, Any]]:
    fix = 'it must be a JSON list of {"name": ..., "type": ..., "ar": [...]} objects'
    if not isinstance(data, list):
        raise _fail(where, f"not a list; {fix}")
    for n, e in enumerate(data, 1):
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
            raise _fail(where, f'entry {n} has no "name" string; {fix}')
        ar = e.get("ar", [])
        if not isinstance(ar, list) or not all(isinstance(a, str) for a in ar):
            raise _fail(where, f'entry {n} ("{e["name"]}"): "ar" must be a list of Arabic forms')
    return data


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _fail(str(path), f"cannot be read ({reason}); give UTF-8 text") from None


def load_gold(gold_dir: str | PathLike[str]) -> dict[str, GoldDoc]:
    """Every NAME.jsonl (and NAME.entities.json) of gold_dir; EvalError names a bad file and line."""
    folder = Path(gold_dir)
    if not folder.exists():
        raise EvalError(f"gold folder {folder} not found; pass the folder that holds the NAME.jsonl "
                        "gold files")
    if not folder.is_dir():
        raise EvalError(f"gold folder {folder} is not a folder; pass the folder that holds the NAME.jsonl "
                        "gold files")
    docs: dict[str, GoldDoc] = {}
    for path in sorted(folder.glob("*.jsonl")):
        name = path.name[: -len(".jsonl")]
        triples = []
        for no, line in enumerate(_read(path).splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path} line {no}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise _fail(where, f'not JSON ({exc.msg}); each line must be one JSON object with "s", '
                                   '"p" and "o"') from None
            triples.append(_check_fact(rec, where))
        ent_path = folder / f"{name}.entities.json"
        entities: list[dict[str, Any]] = []
        if ent_path.exists():
            try:
                data = json.loads(_read(ent_path))
            except json.JSONDecodeError as exc:
                raise _fail(f"{ent_path} line {exc.lineno}", f"not JSON ({exc.msg}); fix the JSON") from None
            entities = _check_entities(data, str(ent_path))
        docs[name] = GoldDoc(triples, entities)
    if not docs:
        raise EvalError(f"gold folder {folder} holds no NAME.jsonl gold files; "
                        "add one per article (see the kg.eval docstring for the format)")
    return docs


# ------------------------------------------------------------------------------- scoring


def doc_name(doc_field: str, names: Iterable[str]) -> str | None:
    """The gold document a prediction's "doc" path belongs to (file name or stem), if any."""
    known = set(names)
    base = Path(str(doc_field)).name
    for cand in (base, Path(base).stem, base.removesuffix(".txt")):
        if cand in known:
            return cand
    return None


def _entity_of(rec: Mapping[str, Any], role: str) -> Mapping[str, Any]:
    val = rec.get(role)
    if isinstance(val, dict):
        return val
    out = {"mention": val}
    for k in ("label", "label_en", "mention"):
        if f"{role}_{k}" in rec:
            out[k] = rec[f"{role}_{k}"]
    return out


def _fits(gold: GoldKey, pred: Pred) -> bool:
    s, ps, o = gold[0], gold[1], gold[2]
    subj, p, obj = pred[0], pred[1], pred[2]
    if p in ps and ((s in subj and o in obj) or (p in SYMMETRIC and o in subj and s in obj)):
        return True
    return INVERSE.get(p) in ps and o in subj and s in obj


def _match(golds: list[GoldKey], preds: list[Pred]) -> dict[int, int]:
    """Maximum one-to-one matching of gold triples (index) to predictions (index)."""
    owner: dict[int, int] = {}  # prediction index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j, pred in enumerate(preds):
            if j in seen or not _fits(golds[i], pred):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(golds)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _same_fact(a: Pred, b: Pred) -> bool:
    return a[1] == b[1] and a[1] in SYMMETRIC and a[0] == b[2] and a[2] == b[0]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _gold_of(gold: str | PathLike[str] | Mapping[str, GoldDoc]) -> Mapping[str, GoldDoc]:
    return gold if isinstance(gold, Mapping) else load_gold(gold)


def score_records(gold: str | PathLike[str] | Mapping[str, GoldDoc], records: Iterable[Mapping[str, Any]],
                  *, docs: Iterable[str] | None = None) -> dict[str, Any]:
    """Score extraction records (the dicts `kg extract --format jsonl` prints) against gold.

    `gold` is a gold folder or what load_gold returned. Every gold document is scored (one with
    no prediction has all its facts missed) unless `docs` names the gold documents to score.

    Returns {"triples": {precision, recall, f1, tp, fp, fn}, "entities": {precision, recall, f1},
    "predicates": {p: {precision, recall, f1, tp, fp, fn}}, "docs": {NAME: {precision, recall,
    f1, tp, fp, fn, entities, missed: [...], spurious: [...]}}}.
    """
    gold_docs = dict(_gold_of(gold))
    if docs is not None:
        wanted = set(docs)
        gold_docs = {n: g for n, g in gold_docs.items() if n in wanted}
    names = set(gold_docs)
    pred_triples: dict[str, dict[tuple[Any, ...], Pred]] = defaultdict(dict)
    pred_entities: dict[str, set[str]] = defaultdict(set)
    for rec in records:
        name = doc_name(rec.get("doc", ""), names)
        if name is None:
            continue
        g = gold_docs[name]
        kind = rec.get("kind", "triple")
        if kind == "entity":
            hits = g.resolve(rec)
            pred_entities[name].add(min(hits) if hits else
                                    "?" + norm(rec.get("label") or rec.get("mention") or ""))
            continue
        if kind != "triple" or str(rec.get("status", "")).lower() in NOT_ASSERTED:
            continue
        ends: list[tuple[frozenset[str], str]] = []
        for role in ("subject", "object"):
            ent = _entity_of(rec, role)
            hits = g.resolve(ent)
            shown = min(hits) if hits else "?" + norm(str(ent.get("mention") or ent.get("label") or ""))
            ends.append((hits or frozenset({shown}), shown))
        p = str(rec.get("predicate", "")).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        key = (ends[0][0], p, ends[1][0])
        pred_triples[name][key] = (ends[0][0], p, ends[1][0], f"{ends[0][1]} {p} {ends[1][1]}")

    per_doc: dict[str, Any] = {}
    tot: Counter[str] = Counter()
    by_pred: dict[str, Counter[str]] = defaultdict(Counter)
    for name, g in gold_docs.items():
        preds = sorted(pred_triples.get(name, {}).values(), key=lambda x: x[3])
        golds = g.gold_keys()
        pairs = _match(golds, preds)
        matched = set(pairs.values())
        tp = 0
        missed = []
        for i, (s, ps, o, optional, main) in enumerate(golds):
            if i in pairs and not optional:
                tp += 1
                by_pred[main]["tp"] += 1
            elif i not in pairs and not optional:
                missed.append(f"{s} {'|'.join(sorted(ps))} {o}")
                by_pred[main]["fn"] += 1
        # the reverse of a matched symmetric fact is the same fact, not a spurious one
        extra = []
        for j in range(len(preds)):
            if j not in matched and not any(_same_fact(preds[j], preds[k]) for k in matched):
                extra.append(preds[j][3])
                by_pred[preds[j][1]]["fp"] += 1
        fp, fn = len(extra), len(missed)
        gold_ents = {e["name"] for e in g.entities}
        pe = pred_entities.get(name, set())
        if not pe:  # fall back to entities seen in triples
            pe = {min(x) for (subj, _, obj, _) in preds for x in (subj, obj)}
        etp, efp, efn = len(pe & gold_ents), len(pe - gold_ents), len(gold_ents - pe)
        per_doc[name] = {**_prf(tp, fp, fn), "tp": tp, "fp": fp, "fn": fn,
                         "entities": _prf(etp, efp, efn), "missed": missed, "spurious": extra}
        tot.update({"tp": tp, "fp": fp, "fn": fn, "etp": etp, "efp": efp, "efn": efn})
    predicates = {
        p: {**_prf(c["tp"], c["fp"], c["fn"]), "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}
        for p, c in sorted(by_pred.items())
    }
    return {"triples": {**_prf(tot["tp"], tot["fp"], tot["fn"]),
                        "tp": tot["tp"], "fp": tot["fp"], "fn": tot["fn"]},
            "entities": _prf(tot["etp"], tot["efp"], tot["efn"]),
            "predicates": predicates,
            "docs": per_doc}


# ------------------------------------------------------------------------------- text report


def _line(scores: Mapping[str, Any]) -> str:
    return (f"P={scores['precision']:.3f} R={scores['recall']:.3f} F1={scores['f1']:.3f} "
            f"(tp={scores['tp']} fp={scores['fp']} fn={scores['fn']})")


def format_report(report: Mapping[str, Any]) -> str:
    """The report as plain text: per document (with missed and spurious facts), per predicate,
    then overall."""
    out: list[str] = []
    for name, d in report["docs"].items():
        out.append(f"{name}: {_line(d)}; entities F1={d['entities']['f1']:.3f}")
        out.extend(f"   missed:   {m}" for m in d["missed"])
        out.extend(f"   spurious: {s}" for s in d["spurious"])
    for doc in report.get("unscored", []):
        out.append(f"{doc}: no gold file, not scored")
    if report.get("predicates"):
        out.append("")
        out.append("per predicate:")
        width = max(len(p) for p in report["predicates"])
        for p, s in report["predicates"].items():
            out.append(f"   {p.ljust(width)}  {_line(s)}")
    t, e = report["triples"], report["entities"]
    out.append("")
    out.append(f"ALL triples {_line(t)}; entities P={e['precision']:.3f} R={e['recall']:.3f} "
               f"F1={e['f1']:.3f}")
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------- mentions (NER)

NER_TAGS = ("PERS", "ORG", "LOC", "MISC")
NER_MICRO = ("PERS", "ORG", "LOC")  # the tags that are project types (MISC is not)
# IOB2 tag spellings of the corpora in ../shared/corpora/ner → the four ANERcorp tags
_NER_ALIASES = {"PER": "PERS", "PERSON": "PERS", "ORGANIZATION": "ORG", "LOCATION": "LOC", "GPE": "LOC"}


@dataclass(frozen=True)
class ConllSentence:
    tokens: tuple[str, ...]
    spans: frozenset[tuple[int, int, str]]  # gold entities: token start, token end (exclusive), tag


def read_conll(path: str | PathLike[str]) -> list[ConllSentence]:
    """Sentences of an IOB2 file (`token<TAB>tag` a line, an empty line after each sentence); an
    orphan I- starts an entity, as conlleval reads it. EvalError names a malformed line."""
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise EvalError(f"cannot read {file} ({reason}); give a UTF-8 CoNLL file") from None
    out: list[ConllSentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    for no, line in enumerate([*lines, ""], 1):
        if not line.strip():
            if tokens:
                out.append(ConllSentence(tuple(tokens), frozenset(_iob_spans(tags))))
            tokens, tags = [], []
            continue
        cells = line.split()
        if len(cells) < 2 or not (cells[-1] == "O" or cells[-1][:2] in ("B-", "I-")):
            raise EvalError(f"{file} line {no}: not 'token TAG' with an IOB2 tag (O, B-X, I-X); "
                            "give an IOB2 CoNLL file")
        tokens.append(cells[0])
        tags.append(cells[-1])
    if not out:
        raise EvalError(f"{file} holds no sentences; give an IOB2 CoNLL file")
    return out


def _iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        label = _NER_ALIASES.get(tag[2:].upper(), tag[2:].upper()) if tag != "O" else ""
        if start >= 0 and (tag == "O" or tag.startswith("B-") or label != kind):
            spans.append((start, i, kind))
            start = -1
        if tag != "O" and start < 0:
            start, kind = i, label
    return spans


def score_spans(gold: list[ConllSentence], predicted: list[set[tuple[int, int, str]]]) -> dict[str, Any]:
    """Exact-span precision, recall and F1 per tag, micro over PERS/ORG/LOC and macro over all four."""
    counts: dict[str, Counter[str]] = {t: Counter() for t in NER_TAGS}
    for sent, pred in zip(gold, predicted, strict=True):
        for tag in NER_TAGS:
            g = {s for s in sent.spans if s[2] == tag}
            p = {s for s in pred if s[2] == tag}
            counts[tag]["tp"] += len(g & p)
            counts[tag]["fp"] += len(p - g)
            counts[tag]["fn"] += len(g - p)
    def scores(c: Counter[str]) -> dict[str, Any]:
        return {**_prf(c["tp"], c["fp"], c["fn"]), "tp": c["tp"], "fp": c["fp"], "fn": c["fn"]}

    per_tag = {t: scores(c) for t, c in counts.items()}
    micro: Counter[str] = Counter()
    for t in NER_MICRO:
        micro.update(counts[t])
    return {
        "tags": per_tag,
        "micro": scores(micro),
        "macro_f1": round(sum(per_tag[t]["f1"] for t in NER_TAGS) / len(NER_TAGS), 4),
        "sentences": len(gold),
        "gold_entities": sum(len(s.spans) for s in gold),
    }


def format_ner_report(report: Mapping[str, Any]) -> str:
    out = [f"{'tag':<6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}"]
    rows = [*report["tags"].items(), ("micro", report["micro"])]
    for tag, s in rows:
        out.append(f"{tag:<6} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                   f"{s['tp']:6d} {s['fp']:6d} {s['fn']:6d}")
    out.append(f"micro over {', '.join(NER_MICRO)}; macro F1 over all four {report['macro_f1']:.3f}; "
               f"{report['sentences']} sentences, {report['gold_entities']} gold entities")
    return "\n".join(out) + "\n"
