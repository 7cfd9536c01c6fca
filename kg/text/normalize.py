"""Normalisation for matching, with a map back to the original text.

Matching folds alef forms, alef maksura, teh marbuta, removes diacritics and tatweel and
lower-cases Latin. The folding of each character is computed once with camel-tools'
normalisers, so we follow its conventions, and remembered; `normalize_with_map` keeps, for
every normalised character, the index of the original character it came from.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

try:  # camel-tools is installed apart from arabic-kg (`pip install --no-deps`): say how if it is not
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
    )
except ImportError as exc:
    from kg.errors import ResourceError

    _install = "'pip install --no-deps camel-tools==1.6.0'"
    if exc.name == "camel_tools":
        _why = f"camel-tools is not installed; install it with {_install}"
    elif (exc.name or "camel_tools").startswith("camel_tools"):
        _why = f"camel-tools cannot be used ({exc}); install the version arabic-kg needs with {_install}"
    else:
        _why = (f"camel-tools needs the module {exc.name!r}, which is not installed; reinstall arabic-kg "
                "with its dependencies ('pip install arabic-kg', or 'make install' in a checkout)")
    raise ResourceError(_why) from None

TATWEEL = "\u0640"


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The normalised form of one character ('' when it is dropped)."""
    if ch == TATWEEL:
        return ""
    out = dediac_ar(ch)
    if not out:
        return ""
    out = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(out)))
    if out == "\u0671":  # alef wasla, not covered by every camel-tools version
        out = "\u0627"
    out = unicodedata.normalize("NFKC", out)
    if unicodedata.category(out[0]) == "Mn":  # any other combining mark
        return ""
    return out.lower()


def normalize(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, the original index."""
    chars: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        for f in fold_char(c):
            chars.append(f)
            index.append(i)
    return "".join(chars), index


def strip_diacritics(text: str) -> str:
    """Dediacritised display form (letters kept as written)."""
    plain: str = dediac_ar(text)  # camel-tools has no type hints
    return plain.replace(TATWEEL, "")
