"""Packaging: what a wheel carries, where the ontology is read from, and what camel-tools needs.

`make check-wheel` builds and installs a real wheel; these tests are the quick, static half:
every package folder and data file of kg/ and ontology/ is in pyproject.toml's lists, the
dependencies cover the parts of camel-tools arabic-kg imports (camel-tools itself is installed
with --no-deps, see the Makefile), and a missing camel-tools is one `Error:` line, exit 3.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import metadata, resources
from pathlib import Path

import pytest

from kg import ontology

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
SEED = ROOT / "seeds" / "openai-nvidia-chips.ar.txt"
CAMEL_INSTALL = "pip install --no-deps camel-tools==1.6.0"


def _package_dir(name: str) -> Path:
    """A listed package's folder in the checkout, package-dir mappings applied."""
    mapping = SETUPTOOLS.get("package-dir", {})
    for base in sorted(mapping, key=len, reverse=True):
        if name == base or name.startswith(base + "."):
            return ROOT / mapping[base] / Path(*name.split(".")[base.count(".") + 1 :])
    return ROOT.joinpath(*name.split("."))


def _package_dirs() -> dict[str, Path]:
    return {name: _package_dir(name) for name in SETUPTOOLS["packages"]}


def _source_folders() -> dict[Path, str]:
    """Every folder of kg/ and ontology/ that holds files -> the package name it must have."""
    out = {}
    for top, name in ((ROOT / "kg", "kg"), (ROOT / "ontology", "kg._ontology")):
        for folder in [top, *sorted(p for p in top.rglob("*") if p.is_dir())]:
            rel = folder.relative_to(top)
            if "__pycache__" in rel.parts or any(part.startswith(".") for part in rel.parts):
                continue
            if any(p.is_file() for p in folder.iterdir()):
                out[folder] = ".".join([name, *rel.parts])
    return out


def test_every_package_folder_is_listed_in_pyproject() -> None:
    listed = _package_dirs()
    missing = sorted(name for folder, name in _source_folders().items() if listed.get(name) != folder)
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {missing}"
    assert all(folder.is_dir() for folder in listed.values()), listed


def test_every_data_file_is_package_data() -> None:
    dirs = _package_dirs()
    covered: set[Path] = set()
    for package, patterns in SETUPTOOLS["package-data"].items():
        for pattern in patterns:
            covered.update(p.resolve() for p in dirs[package].glob(pattern) if p.is_file())
    data = [
        p.resolve() for folder in _source_folders() for p in folder.iterdir()
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    assert data
    missing = sorted(str(p.relative_to(ROOT)) for p in data if p not in covered)
    assert not missing, f"add to [tool.setuptools.package-data] in pyproject.toml: {missing}"


def test_ontology_is_the_package_kg__ontology() -> None:
    assert SETUPTOOLS["package-dir"]["kg._ontology"] == "ontology"
    installed = resources.files("kg._ontology")
    assert (installed / "industry.ttl").is_file() and (installed / "entities.ttl").is_file()
    assert (installed / "queries" / "who-invests-in.rq").is_file()


def test_a_checkout_reads_its_own_ontology(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_ONTOLOGY_DIR", raising=False)
    assert ontology.ontology_dir() == ROOT / "ontology"


def test_without_a_checkout_the_package_data_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # as in a wheel: no ontology/ beside the kg package, so kg._ontology is found by importlib
    monkeypatch.delenv("KG_ONTOLOGY_DIR", raising=False)
    monkeypatch.setattr(ontology, "__file__", str(tmp_path / "kg" / "ontology.py"))
    assert Path(str(resources.files("kg._ontology"))) == ontology.ontology_dir()
    assert (ontology.ontology_dir() / "industry.ttl").is_file()


def test_license_is_an_spdx_expression() -> None:
    # the code MIT; the trained model file CC BY-SA 4.0, as the data it was trained on
    assert PYPROJECT["project"]["license"] == "MIT AND CC-BY-SA-4.0"
    assert "kg/resources/models/README.md" in PYPROJECT["project"]["license-files"]
    assert any(r.replace(" ", "").startswith("setuptools>=77") for r in PYPROJECT["build-system"]["requires"])


def _requirement_closure(dist: str) -> set[str]:
    """The distributions `pip install <dist>` (no extras) brings, from the installed metadata."""
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    seen: set[str] = set()
    todo = [dist]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({**default_environment(), "extra": ""}):
                todo.append(req.name)
    return seen


# What arabic-kg imports of camel-tools: always the utilities; the morphology (and camel_data, its
# installer) when the database is installed. camel_tools.ner (torch) is for the [camel] extra.
_CAMEL_IMPORTS = """
import json, sys
before = set(sys.modules)
import camel_tools.utils.dediac, camel_tools.utils.normalize, camel_tools.utils.charmap
import camel_tools.morphology.analyzer, camel_tools.morphology.database, camel_tools.cli.camel_data
print(json.dumps(sorted({m.split(".")[0] for m in set(sys.modules) - before})))
"""


def test_dependencies_cover_what_camel_tools_needs_here(tmp_path: Path) -> None:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    base = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    assert "camel-tools" not in {canonicalize_name(r.name) for r in base}  # it would bring torch
    data = tmp_path / "camel_data"
    data.mkdir()
    (data / "catalogue.json").write_text(json.dumps({"version": "1.6", "packages": {}, "components": {}}))
    env = {"HOME": str(tmp_path), "CAMELTOOLS_DATA": str(data), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", _CAMEL_IMPORTS], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True).stdout
    optional = {"wcwidth"}  # tabulate uses it when it is there
    modules = set(json.loads(out)) - set(sys.stdlib_module_names) - {"camel_tools"} - optional
    providers = metadata.packages_distributions()
    needed = {canonicalize_name(d) for m in modules for d in providers.get(m, [])}
    closure = _requirement_closure("arabic-kg")
    assert needed, modules
    assert "torch" not in closure
    missing = sorted(needed - closure)
    assert not missing, f"camel-tools' imports need {missing}: add them to pyproject.toml's dependencies"


_WITHOUT = """
import sys
BLOCKED = sys.argv[1]
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
sys.argv = ["kg", *sys.argv[2:]]
from kg._main import main
main()
"""


@pytest.mark.parametrize(
    ("module", "message"),
    [
        ("camel_tools", f"Error: camel-tools is not installed; install it with '{CAMEL_INSTALL}'"),
        ("emoji", "Error: camel-tools needs the module 'emoji', which is not installed; reinstall "),
    ],
)
@pytest.mark.parametrize("command", ["extract", "build"])
def test_missing_camel_tools_is_one_resource_error_line(
    module: str, message: str, command: str, tmp_path: Path
) -> None:
    args = [str(SEED), "--out", str(tmp_path / "o")] if command == "build" else [str(SEED)]
    result = subprocess.run([sys.executable, "-c", _WITHOUT, module, command, *args], cwd=tmp_path,
                            capture_output=True, text=True)
    lines = result.stderr.splitlines()
    assert result.returncode == 3, result.stderr
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
