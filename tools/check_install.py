"""Reads the `pip install --dry-run --report` files of `make check-install` and fails when the
install would bring GPU packages or torch, or anything from outside PyPI.

    python tools/check_install.py REPORT.json...

A report lists what one pip command would install (https://pip.pypa.io/en/stable/reference/
installation-report/). Forbidden: torch, triton, nvidia-*, cuda-* (the CUDA build of torch and
what it pulls). Every package must come from PyPI (files.pythonhosted.org), so that a local wheel
folder or index of this machine cannot hide what a user's machine would download; the project
itself, a local folder, is the one exception.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

PYPI_FILES = "https://files.pythonhosted.org/"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def forbidden(name: str) -> bool:
    return name in ("torch", "triton") or name.startswith(("nvidia-", "cuda-"))


def main(paths: list[str]) -> int:
    if not paths:
        print("usage: check_install.py REPORT.json...", file=sys.stderr)
        return 2
    problems: list[str] = []
    everything: dict[str, str] = {}
    for path in paths:
        report = json.loads(Path(path).read_text(encoding="utf-8"))
        items = report.get("install", [])
        names = []
        for item in items:
            name = canonical(item["metadata"]["name"])
            version = item["metadata"]["version"]
            url = item.get("download_info", {}).get("url", "")
            local = "dir_info" in item.get("download_info", {})
            names.append(f"{name}=={version}")
            everything[name] = version
            if forbidden(name):
                problems.append(f"{Path(path).name}: {name}=={version} is a GPU package or torch")
            if not local and not url.startswith(PYPI_FILES):
                problems.append(f"{Path(path).name}: {name}=={version} comes from {url}, not PyPI")
        print(f"{Path(path).name}: {len(items)} packages: {' '.join(sorted(names))}")
    for line in problems:
        print(f"check-install: {line}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-install: {len(everything)} packages in all, all from PyPI; "
          "no torch, triton, nvidia-* or cuda-*")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
