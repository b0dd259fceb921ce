"""Text from a file or an argument made safe to print: nothing in it can drive a terminal.

A plan, a report file, a file name or an option can hold ESC sequences (colours, cursor
moves, OSC 8 hyperlinks, window titles), BEL, a carriage return that overwrites the line,
bidirectional controls (U+202A–202E, U+2066–2069) that show text in another order than it
is read, zero-width characters, and line breaks that forge extra lines of output. Every
human renderer and every message that echoes input passes user text through `terminal`
(or `one_line` for a field of one line); JSON output goes through `json_text`, which keeps
the data but writes those characters as escapes.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata

# Categories that are never plain visible text: controls, format characters (bidi controls,
# zero-width characters, the soft hyphen, BOM), line and paragraph separators, surrogates
# (undecodable bytes of a file name or an argument arrive as lone surrogates).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_BREAKS = re.compile(r"\r\n|[\r\n]")
_FLAT = re.compile(r"[ \t]*(?:\r\n|[\r\n])[ \t]*")

ARGUMENT_LIMIT = 120  # characters of an option's value echoed back in a message
EXCERPT_LIMIT = 100  # characters of a source line shown under a message


def hidden(ch: str) -> bool:
    """A character that does not show as itself (tab and newline are handled apart)."""
    return unicodedata.category(ch) in _HIDDEN_CATEGORIES


def escape_char(ch: str) -> str:
    o = ord(ch)
    if o <= 0xFF:
        return f"\\x{o:02x}"
    if o <= 0xFFFF:
        return f"\\u{o:04x}"
    return f"\\U{o:08x}"


def escaped(text: str, keep: str = "") -> str:
    """`text` with each hidden character not in `keep` written as a visible escape."""
    return _escaped(text, keep)


def _escaped(text: str, keep: str) -> str:
    # Most lines are printable as they are (isprintable is False for every hidden category,
    # and for spaces other than ' ', which the slow path keeps).
    if text.isprintable():
        return text
    return "".join(escape_char(ch) if hidden(ch) and ch not in keep else ch for ch in text)


def cap(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: max(1, limit - 1)] + "…"


def terminal(text: str, *, limit: int | None = None) -> str:
    """`text` with every character that could drive a terminal written as a visible
    escape (``\\x1b``, ``\\u202e``); line breaks are kept (CR LF and CR become LF)."""
    return cap(_escaped(_BREAKS.sub("\n", text), "\n\t"), limit)


def one_line(text: str, *, limit: int | None = None) -> str:
    """`terminal` for a field shown on one line: line breaks become a space, so a title
    cannot print lines of its own."""
    return cap(_escaped(_FLAT.sub(" ", text).replace("\t", " "), ""), limit)


def argument(text: str, limit: int = ARGUMENT_LIMIT) -> str:
    """An option's value as echoed in a message: one line, escaped, capped, quoted
    (as `repr` quotes it when there is nothing to escape)."""
    shown = one_line(text, limit=limit)
    return repr(text) if shown == text else f"'{shown}'"


def _json_escape(ch: str) -> str:
    o = ord(ch)
    if o <= 0xFFFF:
        return f"\\u{o:04x}"
    o -= 0x10000
    return f"\\u{0xD800 + (o >> 10):04x}\\u{0xDC00 + (o & 0x3FF):04x}"


def json_text(value: object, *, indent: int | None = 2) -> str:
    """JSON of `value` that reads back as the same data but holds no raw control, bidi or
    zero-width character: `json` escapes only U+0000–001F, and leaves DEL, C1 controls
    (U+009B is a CSI), U+2028 and U+202E raw when ``ensure_ascii`` is off."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=indent, allow_nan=False)
    if indent is None:
        text = encoder.encode(value)
    else:
        # The same text as json.dumps, which joins a list of every piece (a million at
        # 10,000 tasks, ~60 MB of small strings); pieces written as they come hold only the text.
        out = io.StringIO()
        for piece in encoder.iterencode(value):
            out.write(piece)
        text = out.getvalue()
    if text.replace("\n", " ").isprintable():  # the usual case: no list of its lines
        return text
    lines = text.split("\n")  # json writes no raw newline inside a string
    for i, line in enumerate(lines):
        if not line.isprintable():
            lines[i] = "".join(_json_escape(ch) if hidden(ch) else ch for ch in line)
    return "\n".join(lines)
