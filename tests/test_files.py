"""kg.files: every output written atomically, with the same permissions, whoever writes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import kg
from kg.errors import GraphError
from kg.files import file_mode, generation, write_file

GOOD = "استثمرت «إنفيديا» في «إنتل»."


def test_build_viz_and_export_files_share_one_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
        out = tmp_path / "out"
        kg.build([tmp_path / "a.txt"], out)
        written = [out / "graph.ttl", out / "graph.html", out / "report.json",
                   kg.export(out / "graph.ttl", "nt", tmp_path / "g.nt"),
                   kg.viz(out / "graph.ttl", tmp_path / "v.html")]
        assert {oct(p.stat().st_mode & 0o777) for p in written} == {oct(0o644)} == {oct(file_mode())}
    finally:
        os.umask(old)


def test_a_failed_generation_leaves_the_old_files_and_no_temporary_ones(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("old a", encoding="utf-8")
    (tmp_path / "b").write_text("old b", encoding="utf-8")
    with pytest.raises(RuntimeError), generation(tmp_path, ("a", "b"), GraphError) as temps:
        temps["a"].write_text("new a", encoding="utf-8")
        raise RuntimeError("killed half-way")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b"]
    assert (tmp_path / "a").read_text(encoding="utf-8") == "old a"


def test_an_unwritable_target_is_the_callers_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")

    def error(exc: OSError) -> GraphError:
        return GraphError(f"cannot write there ({exc.strerror}); choose a writable path")

    with pytest.raises(GraphError, match=r"cannot write there \(File exists\); choose a writable path"):
        write_file(blocker / "x.ttl", lambda p: p.write_text("y"), error)
