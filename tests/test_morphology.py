"""The analyser interface: the light stemmer always, camel-tools' morphology only with its data.

No test needs camel-tools' data: its presence is faked with files, and its analyser with a
stand-in that answers like camel-tools' Analyzer.analyze()."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers import triples

from kg.errors import ResourceError, SettingsError
from kg.extract import words
from kg.text import morphology as m


class FakeCamel:
    """Answers like camel_tools.morphology.analyzer.Analyzer for a few words."""

    TABLE = {
        "بعض": [{"prc0": "0", "prc1": "0", "prc2": "0", "prc3": "0", "pos": "noun"}],
        "وبالشركه": [{"prc3": "0", "prc2": "wa_conj", "prc1": "bi_prep", "prc0": "Al_det", "pos": "noun"}],
        "لشركه": [{"prc1": "li_prep", "prc0": "0", "pos": "noun"}],
    }

    def analyze(self, word: str) -> list[dict[str, str]]:
        return self.TABLE.get(word, [])


@pytest.fixture()
def no_caches():  # type: ignore[no-untyped-def]
    m.analyzer.cache_clear()
    words.readings.cache_clear()
    yield
    getattr(m.analyzer, "cache_clear", lambda: None)()  # it may still be patched here
    words.readings.cache_clear()


def test_light_stemmer_reads_every_listed_clitic() -> None:
    stems = {r.stem for r in m.LightStemmer().readings("وبالشركه")}
    assert {"وبالشركه", "بالشركه", "الشركه", "شركه"} <= stems


def test_data_detection(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    assert not m.camel_data_present()
    (tmp_path / "catalogue.json").write_text("{}")
    db = tmp_path / "data" / m.MORPHOLOGY_DB
    db.parent.mkdir(parents=True)
    db.write_bytes(b"")
    assert m.camel_data_present()


def test_auto_without_data_is_light_and_downloads_nothing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = ("import sys; from kg.text.morphology import analyzer; a = analyzer(); "
            "print(a.name, 'camel_tools.data' in sys.modules)")
    env = {"CAMELTOOLS_DATA": str(tmp_path), "KG_MORPHOLOGY": "auto", "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["light", "False"]


def test_camel_requested_without_data_is_a_clear_error(tmp_path, monkeypatch, no_caches) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    monkeypatch.setenv("KG_MORPHOLOGY", "camel")
    with pytest.raises(ResourceError, match="camel-tools morphology data not found"):
        m.analyzer()


def test_bad_choice_is_refused(monkeypatch, no_caches) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KG_MORPHOLOGY", "farasa")
    with pytest.raises(SettingsError, match="use auto, light or camel"):
        m.analyzer()


def test_camel_readings_keep_only_real_clitic_splits() -> None:
    camel = m.CamelMorphology(FakeCamel())
    assert [r.stem for r in camel.readings("بعض")] == ["بعض"]  # not ب + عض
    assert ("شركه", ("art", "conj", "prep")) in {(r.stem, r.proclitics) for r in camel.readings("وبالشركه")}
    # words camel-tools does not know (names) fall back to the light stemmer
    assert "انفيديا" in {r.stem for r in camel.readings("وانفيديا")}


def test_extractor_runs_on_the_camel_path(monkeypatch, no_caches) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(m, "analyzer", lambda: m.CamelMorphology(FakeCamel()))
    monkeypatch.setattr(words, "analyzer", lambda: m.CamelMorphology(FakeCamel()))
    words.readings.cache_clear()
    found = triples("استثمرت «إنفيديا» في «أوبن إيه آي».")
    assert ("Nvidia", "investsIn", "OpenAI") in found
