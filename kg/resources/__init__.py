"""Arabic language resources: data files under resources/ar, loaded lazily and validated.

Each file holds one kind of knowledge. Lines starting with # are comments; TSV files
start with a header row naming their columns. A malformed line raises ResourceError
naming the file and line.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path

from kg.errors import ResourceError

AR = Path(str(resources.files("kg.resources") / "ar"))
LINE = "#line"  # each table row also carries the line it was read from, for error messages


def _lines(name: str) -> list[tuple[int, str]]:
    path = AR / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ResourceError(f"language resource {path} cannot be read ({exc.strerror}); "
                            "reinstall arabic-kg") from None
    out = []
    for no, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((no, line.rstrip("\n")))
    return out


@cache
def word_list(name: str) -> frozenset[str]:
    """A file of one entry a line (normalised on load by the caller if needed)."""
    return frozenset(line.strip() for _, line in _lines(name))


@cache
def table(name: str, required: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of a TSV file as dicts; `required` columns must be present and non-empty."""
    rows = _lines(name)
    if not rows:
        raise ResourceError(f"{AR / name}: empty file; it needs a header row with {', '.join(required)}")
    header = [h.strip() for h in rows[0][1].split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise ResourceError(f"{AR / name} line {rows[0][0]}: header lacks {', '.join(missing)}")
    out = []
    for no, line in rows[1:]:
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > len(header):
            raise ResourceError(f"{AR / name} line {no}: {len(cells)} columns, header has {len(header)}; "
                                "separate columns with one tab")
        row = dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))
        empty = [c for c in required if not row[c]]
        if empty:
            raise ResourceError(f"{AR / name} line {no}: empty {', '.join(empty)}")
        row[LINE] = str(no)
        out.append(row)
    return tuple(out)


_RULE_ID = re.compile(r"[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+")


def rule_ids(name: str, rows: tuple[dict[str, str], ...]) -> tuple[str, ...]:
    """The `id` column of a rule file: present, well-formed (predicate.name…) and unique, since
    ids name rules in the RDF (ind:rule), in --explain and in test ids."""
    seen: dict[str, str] = {}
    for row in rows:
        rid, no = row.get("id", ""), row[LINE]
        if not _RULE_ID.fullmatch(rid):
            raise ResourceError(f"{AR / name} line {no}: id {rid!r} is not a rule id; write it as "
                                "dotted words, e.g. acquires.buy")
        if rid in seen:
            raise ResourceError(f"{AR / name} line {no}: id {rid!r} is already used on line {seen[rid]}; "
                                "give each row its own id")
        seen[rid] = no
    return tuple(seen)
