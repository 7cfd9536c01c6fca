"""Reading articles: .txt files, folders of them, and JSON Lines of articles (gzip allowed).

`read_inputs` accounts for every input it is given or finds: each one comes out either as a
Document or as a Skipped entry saying why it was left out (a missing file, a broken symlink, a
FIFO, an unreadable folder, a bad JSON Lines record, a gzip file cut short…). One bad input or
record never hides the others. Sizes are bounded (`Limits`), so a gzip bomb or a one-line
gigabyte costs a skip entry, not the machine's memory.

Text is sanitised on the way in: lone surrogates (JSON allows "\\udfff") and control characters
become U+FFFD, one for one, so offsets stay true and every writer downstream gets valid UTF-8;
each Document counts what was replaced.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from kg.errors import InputError, SettingsError
from kg.model import Document

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".json.gz", ".ndjson", ".ndjson.gz")
_BYLINE = ("كتب ", "كتب:", "كتبت", "بقلم", "إعداد", "اعداد")

# lone surrogates and C0/C1 controls other than tab and line breaks: not text, and not
# writable as UTF-8 (surrogates) or in XML/Turtle (controls)
_BAD_CHARS = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_READ_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """Bounds on what one input may cost; the defaults come from the environment.

    KG_MAX_LINE_BYTES: one JSON Lines record, or one .txt article (default 16 MiB).
    KG_MAX_INPUT_BYTES: everything read from one file, after decompression (default 8 GiB).
    """

    max_line_bytes: int = 16 << 20
    max_file_bytes: int = 8 << 30

    @classmethod
    def from_env(cls) -> Limits:
        return cls(_env_bytes("KG_MAX_LINE_BYTES", cls.max_line_bytes),
                   _env_bytes("KG_MAX_INPUT_BYTES", cls.max_file_bytes))


def _env_bytes(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise SettingsError(f"{name}={raw!r} is not a byte count; set it to a positive whole number "
                         f"(default {default})")
    return value


@dataclass(frozen=True)
class Skipped:
    """An input left out: `path` is the file (or file:line for a JSON Lines record)."""

    path: str
    reason: str

    @property
    def message(self) -> str:
        """One line naming the input and the reason."""
        return self.reason if self.path in self.reason else f"{self.path}: {self.reason}"


Item = Document | Skipped


def shown(path: str | os.PathLike[str]) -> str:
    """A path as text that can always be printed and written (undecodable bytes become U+FFFD)."""
    text = os.fspath(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def clean_text(text: str) -> tuple[str, int]:
    """`text` with lone surrogates and control characters replaced by U+FFFD, and their count."""
    count = 0

    def one(_: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return "\ufffd"

    return _BAD_CHARS.sub(one, text), count


def _is_jsonl(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def _is_article(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES) or _is_jsonl(name)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _unreachable(path: Path, exc: OSError) -> str:
    """Why a path that stat() refused cannot be read."""
    name = shown(path)
    if exc.errno == 40 or "Too many levels of symbolic links" in str(exc):  # ELOOP
        return f"{name} is a symlink loop; point it at an article file"
    if os.path.islink(path):
        target = shown(os.readlink(path))
        return f"{name} is a broken symlink (its target {target} does not exist); fix or remove it"
    if isinstance(exc, FileNotFoundError):
        return f"input {name} not found; check the path"
    return f"cannot read {name} ({exc.strerror}); check its permissions"


def read_inputs(paths: Iterable[str | os.PathLike[str]], limits: Limits | None = None) -> Iterator[Item]:
    """Every article of every input, in order, or a Skipped entry for each one left out.

    Folders are walked (sorted, symlinked folders followed once) for .txt and .jsonl(.gz)
    files, suffixes in any case; a named file is read whatever its suffix.
    """
    lim = limits or Limits.from_env()
    for raw in paths:
        yield from _read_path(Path(raw), lim, seen=set())


def _read_path(path: Path, lim: Limits, seen: set[tuple[int, int]]) -> Iterator[Item]:
    try:
        info = path.stat()
    except OSError as exc:
        yield Skipped(shown(path), _unreachable(path, exc))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(path, lim, seen, top=True)
    elif stat.S_ISREG(info.st_mode):
        if _is_jsonl(path.name):
            yield from _read_jsonl(path, lim)
        else:
            yield _read_text(path, info.st_size, lim)
    else:
        yield Skipped(shown(path), f"{shown(path)} is {_kind(info.st_mode)}, not a regular file; "
                                   "give .txt or .jsonl article files")


def _walk(folder: Path, lim: Limits, seen: set[tuple[int, int]], top: bool = False) -> Iterator[Item]:
    """The articles under a folder; a named folder without any is a skip entry, a subfolder
    without any (images/, a build's out/) is none of the user's inputs."""
    try:
        info = folder.stat()
    except OSError as exc:
        yield Skipped(shown(folder), _unreachable(folder, exc))
        return
    if (info.st_dev, info.st_ino) in seen:
        return  # a symlink back to a folder already walked
    seen.add((info.st_dev, info.st_ino))
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(shown(folder), f"folder {shown(folder)} cannot be read ({exc.strerror}); "
                                     "check its permissions")
        return
    found = False
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks; a loop or a dangling link is no folder
        except OSError:
            is_dir = False
        if is_dir:
            for item in _walk(path, lim, seen):
                found = True
                yield item
        elif _is_article(entry.name):
            found = True
            yield from _read_path(path, lim, seen=seen)
    if not found and top:
        yield Skipped(shown(folder), f"folder {shown(folder)} holds no .txt or .jsonl articles; "
                                     "point at the article files themselves")


def _read_text(path: Path, size: int, lim: Limits) -> Item:
    name = shown(path)
    if size > lim.max_line_bytes:
        return Skipped(name, f"{name} is {size} bytes, more than the {lim.max_line_bytes} an article "
                             "may have; split it, or raise KG_MAX_LINE_BYTES")
    try:
        with path.open("rb") as fh:
            data = fh.read(lim.max_line_bytes + 1)
    except OSError as exc:
        return Skipped(name, f"cannot read {name} ({exc.strerror}); check its permissions")
    if len(data) > lim.max_line_bytes:
        return Skipped(name, f"{name} is more than the {lim.max_line_bytes} bytes an article may have; "
                             "split it, or raise KG_MAX_LINE_BYTES")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Skipped(name, f"{name} is not UTF-8 text (byte {exc.start}); save it as UTF-8")
    if "\x00" in text:
        return Skipped(name, f"{name} looks binary (NUL bytes); give a plain-text article")
    text, replaced = clean_text(text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # a byline («كتب : دينا كمال») is not the headline
    title = next((line for line in lines if not line.startswith(_BYLINE)), lines[0] if lines else "")
    return Document(name, text, title=title, replaced=replaced)


def _field(rec: dict[str, Any], *names: str) -> tuple[str, int]:
    for name in names:
        value = rec.get(name)
        if isinstance(value, str) and value:
            return clean_text(html.unescape(value))
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value), 0
    return "", 0


_JSON_KINDS = {list: "array", str: "string", int: "number", float: "number", bool: "boolean",
               type(None): "null"}


def _record(name: str, no: int, line: bytes) -> Item | None:
    """One JSON Lines record as a Document, a Skipped entry, or None for a blank line."""
    where = f"{name}:{no}"
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Skipped(where, f"not UTF-8 (byte {exc.start} of the line); save the file as UTF-8")
    text = text.lstrip("\ufeff")  # a byte-order mark where files were joined: not part of the record
    if not text.strip():
        return None
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        return Skipped(where, f"not JSON ({exc.msg} at column {exc.colno}); each line must be one "
                              "JSON article")
    except RecursionError:
        return Skipped(where, "JSON nested too deeply; each line must be one flat JSON article")
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return Skipped(where, f"not readable JSON ({exc}); each line must be one JSON article")
    if not isinstance(rec, dict):
        return Skipped(where, f"a JSON {_JSON_KINDS.get(type(rec), 'value')}, not an article object; "
                              "each line must be {\"content\": \"…\", \"title\": \"…\"}")
    if not isinstance(rec.get("content"), str):
        return Skipped(where, "no 'content' text; each article needs 'content' (and optionally "
                              "'title', 'url', 'date', 'source')")
    content, bad = clean_text(html.unescape(rec["content"]))
    # scraped articles carry HTML entities (&quot;): read them as the characters they are
    title, bad_title = _field(rec, "title")
    url, _ = _field(rec, "url")
    date, _ = _field(rec, "date", "date_extracted")
    source, _ = _field(rec, "source")
    text = f"{title}\n{content}" if title and not content.startswith(title) else content
    return Document(f"{name}#{no}", text, title=title, url=url, date=date, source=source,
                    replaced=bad + bad_title)


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _read_jsonl(path: Path, lim: Limits) -> Iterator[Item]:
    name = shown(path)
    no = total = records = entries = 0
    try:
        fh = _open(path)
    except OSError as exc:
        yield Skipped(name, f"cannot read {name} ({exc.strerror}); check its permissions")
        return
    with fh:
        while True:
            try:
                line = fh.readline(lim.max_line_bytes + 1)
                if len(line) > lim.max_line_bytes and not line.endswith(b"\n"):
                    total += len(line) + _skip_line(fh, lim.max_file_bytes - total)
                    no += 1
                    if total <= lim.max_file_bytes:
                        entries += 1
                        yield Skipped(f"{name}:{no}", f"line longer than {lim.max_line_bytes} bytes; "
                                                      "raise KG_MAX_LINE_BYTES to read it")
                        continue
                    line = b""  # the file's limit fell inside the over-long line
                elif line:
                    no += 1
                    total += len(line)
            except (OSError, EOFError, zlib.error) as exc:
                yield Skipped(f"{name}:{no + 1}", f"the file is cut short or corrupt after line {no} "
                                                  f"({_reason(exc)}); the {records} article(s) before it "
                                                  "were read")
                return
            if total > lim.max_file_bytes:
                yield Skipped(f"{name}:{no}", f"stopped reading at line {no}: the file holds more than "
                                              f"{lim.max_file_bytes} bytes (decompressed); split it, or "
                                              "raise KG_MAX_INPUT_BYTES")
                return
            if not line:
                break
            item = _record(name, no, line)
            if item is not None:
                records += isinstance(item, Document)
                entries += 1
                yield item
    if not entries:
        yield Skipped(name, f"{name} is empty: no JSON Lines records")


def _skip_line(fh: IO[bytes], budget: int) -> int:
    """Read to the end of an over-long line without keeping it; the bytes read (at most budget+1)."""
    read = 0
    while read <= budget:
        chunk = fh.readline(_READ_CHUNK)
        read += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            break
    return read


def _reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "compressed data ended early"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return " ".join(text.split())


# ---------------------------------------------------------------------------------- one reader


def read_documents(paths: Iterable[str | os.PathLike[str]],
                   limits: Limits | None = None) -> Iterator[Document]:
    """Documents from every input, in order; the first input left out raises InputError."""
    for item in read_inputs(paths, limits):
        if isinstance(item, Skipped):
            raise InputError(item.message)
        yield item
