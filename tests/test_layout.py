"""The layers import only downwards: the pipeline's shape, checked on the source (ast)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def _files(where: str) -> list[Path]:
    target = KG / where
    return sorted(target.rglob("*.py")) if target.is_dir() else [target]


@pytest.mark.parametrize("where, forbidden", [
    ("text", "kg.extract"),  # text handling knows nothing of the rules built on it
    ("extract", "kg.rdf"),  # extraction is plain data; only the build joins it to RDF
    ("rdf", "kg.ontology"),  # the store takes the ontology's triples from its caller
    ("ontology.py", "kg.rdf"),  # the ontology reader needs the namespaces, not the store
    ("stats.py", "kg.viz"),  # analytics read the graph, not the page's view of it
    ("eval.py", "kg.extract"),  # scoring scores; kg.evaluate composes extract and score
])
def test_a_layer_does_not_import_another(where: str, forbidden: str) -> None:
    for path in _files(where):
        bad = {m for m in _imports(path) if m == forbidden or m.startswith(forbidden + ".")}
        assert not bad, f"{path.relative_to(KG.parent)} imports {sorted(bad)}"


def test_the_package_face_only_hands_names_on() -> None:
    init = (KG / "__init__.py").read_text(encoding="utf-8")
    assert len(init.splitlines()) < 120
    tree = ast.parse(init)
    defs = [n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    assert defs == ["__getattr__"]
