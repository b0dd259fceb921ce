"""Vietnamese text hazards: NFC, accent folding, old TCVN3 (ABC) mojibake."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

from kehoach_cli.messages import Msg, either, msg

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


_TCVN3 = re.compile("[" + re.escape("".join(sorted(_TCVN3_MARKERS))) + "]")


def looks_like_tcvn3(text: str) -> bool:
    first = _TCVN3.search(text)
    return first is not None and _TCVN3.search(text, first.end()) is not None


def closest(word: str, candidates: list[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Near misses for a "did you mean", compared without diacritics or case."""
    by_key: dict[str, str] = {}
    for c in candidates:
        by_key.setdefault(fold(c), c)
    keys = difflib.get_close_matches(fold(word), list(by_key), n=n, cutoff=cutoff)
    return [by_key[k] for k in keys]


def did_you_mean(near: Sequence[str], otherwise: Msg | None = None) -> Msg | None:
    """The one wording of a near miss: "did you mean 'x'?" ('x' or 'y' for several), else `otherwise`."""
    if not near:
        return otherwise
    return msg("did you mean {names}?", names=either([repr(n) for n in near]))


def shorten(text: str, limit: int = 60) -> str:
    """Never echo a huge input back in a message."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int = 60) -> str:
    """A user's value quoted for a message, cut to `limit` characters."""
    return repr(shorten(text, limit))


# --- task ids ----------------------------------------------------------------------------


def id_key(text: str) -> str:
    """Key for task ids: NFC, case-folded, no spaces, and `dd` (or the look-alike ð) for đ.

    Unlike `fold`, đ stays a letter of its own: task 2.đ.1 is not task 2.d.1.
    """
    return "".join(nfc(text).split()).casefold().replace("dd", "đ").replace("ð", "đ")


def closest_ids(word: str, ids: Sequence[str], n: int = 3) -> list[str]:
    """Near misses among task ids: the ids under `word` first (2.đ → 2.đ.1, 2.đ.2), then
    ids spelled alike, compared with `id_key` so that đ never suggests d."""
    key = id_key(word)
    by_key = {id_key(i): i for i in ids}
    under = [i for k, i in by_key.items() if k.startswith(key + ".")]
    if under:
        return under[:n]
    return [by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.6)]


# --- Vietnamese collation ------------------------------------------------------------------
#
# Alphabetical order in Vietnamese is not code-point order: the alphabet is
#   a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (f j w z, found in foreign names, take their Latin places), and the five tone marks sort
# after the unmarked syllable: ngang < huyền (à) < hỏi (ả) < ngã (ã) < sắc (á) < nặng (ạ).
# This is CLDR's Vietnamese tailoring, compared on three levels as ICU does:
#   1. letters, with tones and case ignored ("Sở Y tế" after "Sở Xây dựng");
#   2. tones, letter by letter from the left ("Uỷ" before "Ủy");
#   3. case, lowercase first;
# and spaces < punctuation < digits < letters at the first level, as in ICU's default.
# PyICU would do the same but has no wheels (a C++ build against libicu, ~8 MB plus the
# 35 MB system library) and ~15 ms of import; this key agrees with it on the registry's names.

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# ICU's order (CLDR root) of the punctuation and symbols Vietnamese documents use; others
# follow by code point.
_PUNCTUATION = {c: i for i, c in enumerate("_-–—,;:!?.…·'‘’\"“”«»()[]{}§¶@*/\\&#%•`^°©®+±÷×<=>|~$£¥€½²³№™")}
_LETTER = {c: i for i, c in enumerate(_ALPHABET)}
# Combining marks that make a letter of the alphabet (breve ă, circumflex â ê ô, horn ơ ư) …
_LETTER_MARKS = frozenset("\u0306\u0302\u031b")
# … and the tone marks, in their collation order.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str) -> list[tuple[str, int, bool]]:
    """(base letter with its letter marks, tone, is upper) for each character of `text`."""
    out: list[tuple[str, int, bool]] = []
    for ch in nfc(text):
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], decomposed[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        tone = max((_TONES.get(m, 0) for m in marks), default=0)
        out.append((letter, tone, letter != letter.lower()))
    return out


def _primary(letter: str) -> tuple[int, int]:
    low = letter.lower().replace("ð", "đ")
    if low in _LETTER:
        return (3, _LETTER[low])
    if low in _PUNCTUATION:
        return (1, _PUNCTUATION[low])
    if low.isdigit():
        return (2, int(low) if low.isascii() else ord(low))
    if low.isspace():
        return (0, 0)
    if low.isalpha():  # a letter outside the alphabet: after z, in code-point order
        return (3, len(_ALPHABET) + ord(low))
    return (1, len(_PUNCTUATION) + ord(low))


def sort_key(text: str) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...], tuple[bool, ...], str]:
    """A key that sorts Vietnamese text alphabetically (see the comment above)."""
    letters = _letters(_SPACES.sub(" ", text).strip())
    return (
        tuple(_primary(letter) for letter, _, _ in letters),
        tuple(tone for _, tone, _ in letters),
        tuple(upper for _, _, upper in letters),
        nfc(text),
    )


# Vietnamese is written in Latin letters with these marks (tones, circumflex, breve, horn).
_VIETNAMESE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _vietnamese_letter(ch: str) -> bool:
    if ch in "đĐ" or ("a" <= ch.lower() <= "z" and ch.isascii()):
        return True
    decomposed = unicodedata.normalize("NFD", ch)
    base, marks = decomposed[0], decomposed[1:]
    return base.isascii() and base.isalpha() and all(m in _VIETNAMESE_MARKS for m in marks)


def foreign_letters(text: str) -> str | None:
    """The letters of `text` that Vietnamese does not use and that look like ones it does
    (Cyrillic К, Greek Ο, the eth Ð for Đ), named with their code points; None if there are none."""
    found = dict.fromkeys(ch for ch in text if ch.isalpha() and not _vietnamese_letter(ch))
    if not found:
        return None
    named = [f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'letter')})" for ch in list(found)[:3]]
    return ", ".join(named) + (" …" if len(found) > 3 else "")


def unknown_name(what: Msg, name: str) -> Msg:
    """ "unknown agency 'Sở Кế hoạch'", saying which letters are not what they look like."""
    foreign = foreign_letters(name)
    message = msg("unknown {what} {name}", what=what, name=quoted(name))
    if foreign:
        return msg("{message}: it contains {letters}, not a Vietnamese letter", message=message, letters=foreign)
    return message


def visible(text: str) -> bool:
    """Whether `text` shows anything: a letter, digit, punctuation mark or symbol (a
    zero-width space or a run of spaces is no evidence)."""
    return any(unicodedata.category(ch)[0] in "LNPS" for ch in text)
