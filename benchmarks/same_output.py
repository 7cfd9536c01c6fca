"""Does a change keep extraction as it was? Writes or compares `kg extract --format jsonl` output.

Extracts the dev and train articles of ../shared/eval and the first N articles of the
SaudiNewsNet corpus, one JSON Lines file per set, with the code of the tree it is run from:

    .venv/bin/python benchmarks/same_output.py --save /tmp/before     # on the old commit
    .venv/bin/python benchmarks/same_output.py --compare /tmp/before  # on the new one

--compare prints, per set, the records that differ (first few) and exits 1 when any set differs.
Run the old commit from a `git worktree` with PYTHONPATH pointing at it.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _records(paths: list[Path]) -> list[str]:
    import kg

    lines = []
    for result in kg.extract(paths):
        lines.extend(json.dumps(rec, ensure_ascii=False, sort_keys=True) for rec in kg.records(result))
    return lines


def _renamed(old: list[str], new: list[str], key: str) -> tuple[list[str], list[str], dict[str, set[str]]]:
    """Both outputs with `key` blanked, and what each old value became: a rename is one-to-one."""
    mapping: dict[str, set[str]] = {}
    out_old, out_new = [], []
    for a, b in zip(old, new, strict=False):
        ra, rb = json.loads(a), json.loads(b)
        if key in ra or key in rb:
            mapping.setdefault(str(ra.get(key)), set()).add(str(rb.get(key)))
        ra.pop(key, None)
        rb.pop(key, None)
        out_old.append(json.dumps(ra, ensure_ascii=False, sort_keys=True))
        out_new.append(json.dumps(rb, ensure_ascii=False, sort_keys=True))
    return out_old, out_new, mapping


def _sets(shared: Path, corpus_articles: int, tmp: Path) -> dict[str, list[Path]]:
    sets = {
        "dev": sorted((shared / "eval" / "dev" / "raw").glob("*.txt")),
        "train": sorted((shared / "eval" / "train" / "raw").glob("*.txt")),
    }
    corpus = shared / "corpora" / "saudinewsnet" / "articles.jsonl.gz"
    if corpus_articles and corpus.exists():
        # a JSON Lines slice keeps each article's id (path#line) stable between runs
        slice_path = tmp / "corpus.jsonl"
        with gzip.open(corpus, "rt", encoding="utf-8") as src, slice_path.open("w", encoding="utf-8") as out:
            out.writelines(itertools.islice(src, corpus_articles))
        sets["corpus"] = [slice_path]
    return sets


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="folder to write the outputs to")
    group.add_argument("--compare", type=Path, help="folder of earlier outputs to compare with")
    parser.add_argument("--corpus", type=int, default=2000, help="corpus articles (default 2000)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder (default: beside the project)")
    parser.add_argument("--renamed", metavar="KEY", action="append", default=[],
                        help="a field whose values were renamed on purpose (e.g. rule): compared as "
                        "a one-to-one renaming instead of as text")
    args = parser.parse_args()
    # the slice lives at a fixed path so document ids match between the two runs
    fixed = Path(tempfile.gettempdir()) / "kg-same-output"
    fixed.mkdir(exist_ok=True)
    differ = False
    if not (args.shared / "eval").is_dir():
        parser.error(f"no eval folder under {args.shared}; pass --shared")
    for name, paths in _sets(args.shared, args.corpus, fixed).items():
        lines = _records(paths)
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{name}: {len(paths)} input(s), {len(lines)} records saved")
            continue
        old = (args.compare / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        for key in args.renamed:
            if len(old) != len(lines):
                break
            old, lines, mapping = _renamed(old, lines, key)
            split = {a: sorted(b) for a, b in mapping.items() if len(b) > 1}
            merged = len({b for bs in mapping.values() for b in bs}) < len(mapping)
            print(f"{name}: {key} renamed, {len(mapping)} values" + (
                f"; NOT one-to-one: {split or 'two old values became one'}" if split or merged else ""))
            differ = differ or bool(split) or merged
        if old == lines:
            print(f"{name}: identical ({len(lines)} records)")
            continue
        differ = True
        gone, new = sorted(set(old) - set(lines)), sorted(set(lines) - set(old))
        print(f"{name}: DIFFERENT ({len(old)} → {len(lines)} records; {len(gone)} gone, {len(new)} new)")
        for line in gone[:5]:
            print(f"  - {line[:300]}")
        for line in new[:5]:
            print(f"  + {line[:300]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
