"""Writing output files: atomically, as one generation, with one permissions policy.

Every file kg writes (graph.ttl, graph.html, report.json, exports, viz pages) is written to a
temporary file beside its target and moved into place only when it is complete, so a failure
or a kill leaves the earlier file as it was, and never half a file. Files get the mode a plainly
created file would get (0666 less the umask), not mkstemp's private 0600: outputs are to share.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KGError

OnError = Callable[[OSError], KGError]


def file_mode() -> int:
    """The mode a plainly created file gets under the current umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def generation(folder: Path, names: tuple[str, ...], on_error: OnError) -> Iterator[dict[str, Path]]:
    """Temporary files in `folder`, one per name, to be filled by the caller; when the block ends
    without an exception they replace folder/name together, else they are removed.

    `on_error` turns an OSError (an unwritable folder, a full disk) into the caller's KGError.
    """
    temps: dict[str, Path] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
            os.close(handle)
            temps[name] = Path(temp)
    except OSError as exc:
        _remove(temps.values())
        raise on_error(exc) from None
    try:
        yield temps
        mode = file_mode()
        for staged in temps.values():
            _sync(staged)
            os.chmod(staged, mode)
        for name, staged in temps.items():
            os.replace(staged, folder / name)
    except OSError as exc:
        raise on_error(exc) from None
    finally:
        _remove(temps.values())


def write_file(target: Path, write: Callable[[Path], object], on_error: OnError) -> Path:
    """Write one file atomically: `write(temp_path)` fills it, then it replaces `target`."""
    with generation(target.parent, (target.name,), on_error) as temps:
        write(temps[target.name])
    return target


def _sync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)
