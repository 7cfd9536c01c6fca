"""Language data as data: the extraction code holds no Arabic words of its own.

Every word an extraction rule tests against comes from a file under kg/resources/ar (small closed
classes from word_classes.tsv, read with `lexicon.words("class")`). The code itself may spell only
the affixes its morphology works with, listed below.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from kg.errors import ResourceError
from kg.extract import lexicon as lx
from kg.resources import table
from kg.text.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
EXTRACT = sorted((ROOT / "kg" / "extract").glob("*.py"))

# The only Arabic strings extraction code may hold: affixes its morphology logic reads off words.
ALLOWED = {
    "ال": "the definite article",
    "لل": "ل + the article, whose alef is dropped (للشركة)",
    "و": "the conjunction clitic و (also a free-standing و between names)",
    "ف": "the conjunction clitic ف",
    "وف": "both conjunction clitics, as the letter set of str.lstrip",
    "ب": "the preposition clitic ب",
    "ل": "the preposition clitic ل",
    "ك": "the preposition clitic ك",
    "ه": "the feminine ending ة as normalised",
    "ت": "ة before an attached pronoun (شركته → شركه)",
    "ي": "the nisba ending (الغامدي)",
    "ا": "the alef that carries the accusative's tanween (إنجازًا)",
    "\u064b": "the tanween mark itself (fathatan), which normalising removes",
}

# Arabic, Arabic Supplement, Arabic Extended-A and the presentation forms
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def _has_arabic_letter(text: str) -> bool:
    # letters and marks; Arabic punctuation (، ؛ ؟) and digits are no words
    return any(_ARABIC.match(c) and unicodedata.category(c)[0] in "LM" for c in text)


def _docstrings(tree: ast.Module) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                    and isinstance(first.value.value, str)):
                out.add(id(first.value))
    return out


def _arabic_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skip = _docstrings(tree)
    return sorted((node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str)
                  and id(node) not in skip and _has_arabic_letter(node.value))


def test_the_check_finds_arabic_words() -> None:
    tree = ast.parse('"""«شركة» in a docstring is fine."""\nx = ("ال", "شركة", "،")\n')
    skip = _docstrings(tree)
    found = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and id(n) not in skip and _has_arabic_letter(n.value)]
    assert found == ["ال", "شركة"]
    assert _has_arabic_letter("\ufefb")  # a presentation-form ligature (لا)
    assert not _has_arabic_letter("؛ ، ؟ ٣")


@pytest.mark.parametrize("path", EXTRACT, ids=[p.name for p in EXTRACT])
def test_no_arabic_words_in_extraction_code(path: Path) -> None:
    words = [f"{path.name}:{line}: {value!r}" for line, value in _arabic_constants(path)
             if value not in ALLOWED]
    assert not words, ("Arabic words in code; put them in kg/resources/ar/word_classes.tsv (or the file "
                       "of their kind) and read them with lexicon.words(...):\n" + "\n".join(words))


def test_every_word_class_is_used() -> None:
    code = "\n".join(p.read_text(encoding="utf-8") for p in EXTRACT)
    unused = [name for name in lx.word_classes() if f'"{name}"' not in code and f"'{name}'" not in code]
    assert not unused, f"word_classes.tsv classes no code asks for: {', '.join(unused)}"


def test_every_word_class_row_has_a_note() -> None:
    rows = table("word_classes.tsv", ("class", "form", "note"))
    assert rows
    assert all(r["note"].strip() for r in rows)


def test_word_classes_load_normalised() -> None:
    classes = lx.word_classes()
    for name, forms in classes.items():
        assert forms, name
        if not name.endswith(lx.AS_WRITTEN):
            assert all(normalize(f) == f for f in forms), name
    assert lx.words("clause_negation") >= {"لم", "لن"}
    assert "التابعه" in lx.words("part_of")  # written التابعة
    assert "على" in lx.words("preposition_as_written")  # kept as written: «على» is no «علي»
    assert lx.words_in_order("market_head")[:2] == ("سوق", "قطاع")


def test_unknown_word_class_names_the_file_and_the_classes() -> None:
    with pytest.raises(ResourceError, match=r"no word class 'clause_negations' in word_classes.tsv; "
                                            r"available: .*clause_negation,"):
        lx.words("clause_negations")


@pytest.mark.parametrize(("rows", "error"), [
    ("Clause-Negation\tلم\tdid not\n", r"word_classes.tsv line 2: class 'Clause-Negation' is not"),
    ("negation\tلم\tdid not\nnegation\tلَم\tdid not\n", r"word_classes.tsv line 3: 'لَم' is 'لم' once "
                                                         r"normalised, already in class negation on line 2"),
    ("negation\tلم\t\n", r"word_classes.tsv line 2: empty note"),
])
def test_malformed_word_classes_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str,
                                            error: str) -> None:
    from kg import resources

    (tmp_path / "word_classes.tsv").write_text("class\tform\tnote\n" + rows, encoding="utf-8")
    monkeypatch.setattr(resources, "AR", tmp_path)
    resources.table.cache_clear()
    lx.word_classes.cache_clear()
    try:
        with pytest.raises(ResourceError, match=error):
            lx.word_classes()
    finally:
        resources.table.cache_clear()
        lx.word_classes.cache_clear()
