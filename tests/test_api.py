"""The public API: a curated, sorted `__all__`, and an import that stays light."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import kg

ROOT = Path(__file__).resolve().parents[1]

EXPECTED_ALL = [
    "Amount",
    "BuildReport",
    "Document",
    "DocumentReport",
    "DocumentResult",
    "Entity",
    "EvalError",
    "Extraction",
    "Fact",
    "GraphError",
    "InputError",
    "KGError",
    "Mention",
    "NothingBuilt",
    "QueryError",
    "ResourceError",
    "Sentence",
    "SettingsError",
    "Skipped",
    "UnknownEntityError",
    "__version__",
    "build",
    "evaluate",
    "evaluate_ner",
    "export",
    "extract",
    "format_result",
    "load_graph",
    "query",
    "records",
    "score_records",
    "stats",
    "viz",
]


def test_all_is_pinned_and_sorted() -> None:
    assert kg.__all__ == EXPECTED_ALL
    assert kg.__all__ == sorted(kg.__all__)


@pytest.mark.parametrize("name", EXPECTED_ALL)
def test_every_name_resolves(name: str) -> None:
    assert getattr(kg, name) is not None


def test_functions_win_over_same_named_subpackages() -> None:
    # kg/extract/, kg/viz/ and kg/stats.py exist; importing them must not hide the API functions
    import kg.build  # noqa: F401
    from kg.extract import pipeline  # noqa: F401
    from kg.stats import graph_stats  # noqa: F401
    from kg.viz import view  # noqa: F401

    assert callable(kg.build) and kg.build.__module__ == "kg.api"
    assert callable(kg.extract) and kg.extract.__module__ == "kg.api"
    assert callable(kg.viz) and kg.viz.__module__ == "kg.api"
    assert callable(kg.stats) and kg.stats.__module__ == "kg.api"


def test_errors_form_one_tree() -> None:
    from kg.viz.view import UnknownEntityError

    assert kg.UnknownEntityError is UnknownEntityError
    names = ("InputError", "ResourceError", "GraphError", "QueryError", "EvalError", "UnknownEntityError",
             "SettingsError")
    for name in names:
        assert issubclass(getattr(kg, name), kg.KGError)
    assert [getattr(kg, name).exit_code for name in names] == [2, 3, 4, 5, 6, 7, 8]
    assert kg.KGError.exit_code == 1


def test_build_report_is_frozen() -> None:
    report = kg.BuildReport(out_dir="out", files={}, documents=(kg.DocumentReport("a.txt"),), totals={},
                            predicates={}, timings={})
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.out_dir = "x"  # type: ignore[misc]
    assert report.to_dict()["documents"] == [
        {"path": "a.txt", "title": "", "sentences": 0, "entities": 0, "facts": {}, "skipped": "",
         "replaced": 0}
    ]


def test_version_matches_pyproject() -> None:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert kg.__version__ == meta["project"]["version"]


HEAVY = ("rdflib", "pyvis", "camel_tools", "networkx", "torch")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sys.modules))"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return {m.split(".")[0] for m in out.split()}


def test_import_kg_stays_light() -> None:
    assert not _modules_after("import kg") & set(HEAVY)


def test_cli_help_stays_light() -> None:
    code = "import sys\nfrom kg.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass"
    assert not _modules_after(code) & set(HEAVY)
    result = subprocess.run([sys.executable, "-m", "kg.cli", "--help"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0 and "Example:" in result.stdout
