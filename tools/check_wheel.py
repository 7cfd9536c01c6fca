"""The second half of `make check-wheel`: run with the fresh venv's python, from the folder where
`kg build … --out OUT` has just run.

    python tools/check_wheel.py WHEEL OUT

Checks that the wheel holds every data file of the checkout (ontology/ as kg/_ontology/, the
language resources, the page's own files), that `kg` and its ontology were imported from the venv
rather than the checkout, and that OUT/graph.ttl holds triples.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# checkout folder -> where the wheel keeps it; every file but Python code and caches must be there
DATA = {"ontology": "kg/_ontology", "kg/resources/ar": "kg/resources/ar", "kg/viz": "kg/viz"}


def expected_files() -> list[str]:
    out = []
    for source, target in DATA.items():
        for path in sorted((ROOT / source).rglob("*")):
            if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts:
                out.append(f"{target}/{path.relative_to(ROOT / source).as_posix()}")
    return out


def main(wheel: str, out: str) -> int:
    problems = []
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = expected_files()
    problems += [f"the wheel lacks {name}" for name in expected if name not in names]

    import kg
    from kg.ontology import ontology_dir

    where = Path(kg.__file__).resolve()
    if ROOT in where.parents:
        problems.append(f"kg was imported from the checkout ({where}), not from the wheel")
    if Path(sys.prefix).resolve() not in ontology_dir().resolve().parents:
        problems.append(f"the ontology was read from {ontology_dir()}, not from the venv")

    from rdflib import Graph

    graph_file = Path(out, "graph.ttl")
    triples = len(Graph().parse(graph_file, format="turtle")) if graph_file.is_file() else 0
    if not triples:
        problems.append(f"{graph_file} holds no triples")
    for name in ("graph.html", "report.json"):
        if not Path(out, name).is_file():
            problems.append(f"kg build wrote no {out}/{name}")
    for line in problems:
        print(f"check-wheel: {line}", file=sys.stderr)
    if problems:
        return 1
    print(f"check-wheel: {Path(wheel).name} holds all {len(expected)} data files; kg build from "
          f"{Path.cwd()} with the ontology of {ontology_dir()} wrote {triples} triples")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: check_wheel.py WHEEL OUT", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
