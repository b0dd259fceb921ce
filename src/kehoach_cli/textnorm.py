"""Vietnamese text hazards: NFC, accent folding, old TCVN3 (ABC) mojibake."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

_SPACES = re.compile(r"\s+")

# Characters that Vietnamese Unicode text never uses but that TCVN3/ABC fonts produce
# when their bytes are read as Latin-1: "Sở Kế hoạch và Đầu tư" -> "Së KÕ ho¹ch vµ §Çu t".
# Symbols that ordinary Vietnamese text does use (m², ± 5%, ½, 3 × 4, °) are left out.
_TCVN3_MARKERS = frozenset("¸¹µ¶·¨©ª«¬®§¦¥¤£¢¡ÆÇËÎÏÑÖØÛÞßåæçëîïñöøûþÿ")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Key for loose matching: no diacritics, đ→d, case-folded, single spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Ð (U+00D0, Icelandic eth) is a common look-alike of Đ.
    stripped = stripped.replace("Ð", "D").replace("ð", "d")
    return _SPACES.sub(" ", stripped).strip().casefold()


def exact_key(text: str) -> str:
    """Key for strict matching: NFC, case-folded, single spaces; diacritics kept."""
    return _SPACES.sub(" ", nfc(text)).strip().casefold()


def looks_like_tcvn3(text: str) -> bool:
    return sum(1 for c in text if c in _TCVN3_MARKERS) >= 2


def closest(word: str, candidates: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Near misses for a "did you mean", compared without diacritics or case."""
    by_key: dict[str, str] = {}
    for c in candidates:
        by_key.setdefault(fold(c), c)
    keys = difflib.get_close_matches(fold(word), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in keys]


def did_you_mean(near: Sequence[str], otherwise: str | None = None) -> str | None:
    """The one wording of a near miss: "did you mean 'x'?" ('x' or 'y' for several), else `otherwise`."""
    if not near:
        return otherwise
    return f"did you mean {' or '.join(repr(n) for n in near)}?"


def shorten(text: str, limit: int = 60) -> str:
    """Never echo a huge input back in a message."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int = 60) -> str:
    """A user's value quoted for a message, cut to `limit` characters."""
    return repr(shorten(text, limit))
