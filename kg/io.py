"""Reading articles: .txt files, folders of them, and JSON Lines of articles (gzip allowed)."""

from __future__ import annotations

import gzip
import html
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.model import Document

TEXT_SUFFIXES = (".txt",)
_BYLINE = ("كتب ", "كتب:", "كتبت", "بقلم", "إعداد", "اعداد")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json.gz", ".ndjson")


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIXES)


def expand(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named by `paths`; folders give their .txt and .jsonl(.gz) files, sorted."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and (
                p.suffix in TEXT_SUFFIXES or _is_jsonl(p)))
            if not found:
                raise InputError(f"folder {raw} holds no .txt or .jsonl articles; "
                                 "point at the article files themselves")
            out.extend(found)
        elif path.is_file():
            out.append(path)
        elif path.exists():
            raise InputError(f"{raw} is not a regular file; give .txt or .jsonl article files")
        else:
            raise InputError(f"input {raw} not found; check the path")
    return out


def read_documents(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Document]:
    """Documents from every input, in order; a bad file raises InputError naming it."""
    for path in expand(paths):
        if _is_jsonl(path):
            yield from _read_jsonl(path)
        else:
            yield _read_text(path)


def _read_text(path: Path) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path} ({exc.strerror}); check its permissions") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    if "\x00" in text:
        raise InputError(f"{path} looks binary (NUL bytes); give a plain-text article")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # a byline («كتب : دينا كمال») is not the headline
    title = next((line for line in lines if not line.startswith(_BYLINE)), lines[0] if lines else "")
    return Document(str(path), text, title=title)


def _read_jsonl(path: Path) -> Iterator[Document]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for no, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path} line {no}: not JSON ({exc.msg}); "
                                     "each line must be one JSON article") from None
                if not isinstance(rec, dict) or not isinstance(rec.get("content"), str):
                    raise InputError(f"{path} line {no}: no 'content' text; each article needs "
                                     "'content' (and optionally 'title', 'url', 'date', 'source')")
                # scraped articles carry HTML entities (&quot;): read them as the characters they are
                title = html.unescape(str(rec.get("title") or ""))
                content = html.unescape(rec["content"])
                text = f"{title}\n{content}" if title and not content.startswith(title) else content
                yield Document(f"{path}#{no}", text, title=title, url=str(rec.get("url") or ""),
                               date=str(rec.get("date") or rec.get("date_extracted") or ""),
                               source=str(rec.get("source") or ""))
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path} ({exc}); give UTF-8 JSON Lines, gzip allowed") from None
