"""The only module that imports yaml: bytes → text → data plus a source map.

We build data from the parser's *events* instead of using ``yaml.safe_load`` because
safe_load keeps the last of duplicate keys, follows aliases (alias bombs, silent
copies), applies YAML 1.1 resolution (``NO`` is False, ``8:30`` is 510, ``010`` is 8,
dates become ``datetime``), and forgets where each value came from. Here:

* only ``true``/``false`` are booleans, numbers are plain decimal, everything else is
  text (dates are validated later, with a line number);
* tags, anchors, aliases and extra documents are problems, as are duplicate keys
  (both lines are named);
* every value keeps its line and column, keyed by its YAML path.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from unicodedata import normalize as _normalize

import yaml

from kehoach_cli.load.source import COL_BITS, COL_MASK, LONE_CR, SourceDoc, unpack
from kehoach_cli.messages import Msg, join, msg, raw
from kehoach_cli.problems import Location, Problem, Severity, YamlPath
from kehoach_cli.textnorm import _TCVN3, looks_like_tcvn3, nfc, shorten

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 64
MAX_SAME = 20  # problems of one kind reported per file by the parser
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Raw characters YAML refuses (libyaml's reader stops at the first, with a byte offset for
# a position): located here and read as a space, so the rest of the file is still checked.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
# libyaml ends a line at NEL, LS and PS, so every later line number would be one off the
# editor's (and GitHub's); they are read as a space and reported.
_LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
# Candidates for Unicode format characters (category Cf): bidi controls, zero-width
# characters, the soft hyphen, a BOM inside the text. Confirmed with unicodedata.
_FORMAT_CANDIDATES = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001-\U000e007f]"
)
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_CONFLICT = re.compile(r"^(?:<{7}|={7}|>{7}|\|{7})(?: |$)", re.M)
# A plan or report file names one of these at its top level; a file that names none is not
# one (e.g. /etc/passwd by mistake), and no line of it is ever printed.
_TOP_KEY = re.compile(
    r"^(?:- )?[\"']?(?:plan|agencies|tasks|events|successions|amendments|progress|agency|records)[\"']?[ \t]*:",
    re.M,
)
# `4.108` and `1.500.000`: Vietnamese writes thousands with dots, so kehoach never reads
# such a number as a decimal without saying so.
_GROUPED = re.compile(r"^[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+$")


# The codes of problems found by this module (the parser's own, never shadowed by a schema
# problem at the same spot).
PARSER_CODES = ("yaml-", "encoding", "text-", "number-separator")


@dataclass(frozen=True)
class Vocabulary:
    """What the parser may know of the schema for its hints: every key name, and the keys
    that hold prose (where an unquoted ' #' silently cuts the text)."""

    keys: frozenset[str] = frozenset()
    prose: frozenset[str] = frozenset()


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (a BOM is accepted) or a clear message naming the likely encoding."""
    loc1 = Location(file, 1, 1)
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None, [_enc(loc1, msg("the file is UTF-32, not UTF-8"), "UTF-32")]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(raw) >= 2 and raw.count(b"\x00") > len(raw) // 4
    ):
        return None, [_enc(loc1, msg("the file is UTF-16 (every other byte is zero), not UTF-8"), "UTF-16")]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [
            _enc(
                Location(file, line, col),
                msg(
                    "byte {byte} is not valid UTF-8; the file is probably in a legacy encoding "
                    "(Windows-1258, VNI or TCVN3)",
                    byte="0x" + format(raw[exc.start], "02X"),
                ),
            )
        ]
    if "\x00" in text:
        return None, [
            Problem(
                "encoding",
                msg("the file contains NUL characters; it is not a text file"),
                hint=msg("check that this is the plan (or report) file you meant: plans are UTF-8 text"),
                location=loc1,
            )
        ]
    return text, []


def _enc(loc: Location, message: Msg, unicode_form: str | None = None) -> Problem:
    if unicode_form is not None:  # Windows "Unicode" text: the letters are right, only the form is wrong
        hint = msg(
            "save the file as UTF-8 (e.g. `iconv -f {form} -t UTF-8`, or 'UTF-8' in the editor's Save As)",
            form=unicode_form,
        )
    else:
        hint = msg(
            "save the file as UTF-8 (e.g. `iconv -f WINDOWS-1258 -t UTF-8`, or UniKey's converter for TCVN3/VNI text)"
        )
    return Problem("encoding", message, hint=hint, location=loc)


def parse(text: str, file: str, vocabulary: Vocabulary | None = None) -> tuple[SourceDoc, list[Problem]]:
    """Parse one YAML document into plain data and a source map, collecting problems."""
    # A lone CR ends a line for libyaml (and for editors): make it end one for us too.
    carriage_returns = [m.start() for m in LONE_CR.finditer(text)]
    text = LONE_CR.sub("\n", text)
    doc = SourceDoc(file=file, text=text, excerpts=_TOP_KEY.search(text) is not None)
    vocabulary = vocabulary or Vocabulary()
    lines = _Lines(doc)
    problems, clean = _prescan(text, lines, file, vocabulary, carriage_returns)
    for p in problems:
        if p.location is not None:
            doc.flagged.add((p.location.line, p.location.col))
    if any(p.code == "yaml-conflict-marker" for p in problems):
        return doc, problems  # the rest is two versions of the file interleaved
    state = _State()
    try:
        _build(doc, clean, lines, problems, vocabulary, state)
    except yaml.MarkedYAMLError as exc:
        problems.append(_syntax_problem(exc, clean, lines, file, state, vocabulary))
    except yaml.YAMLError:  # a character the prescan missed: say so without a wrong position
        problems.append(
            Problem(
                "yaml-syntax",
                msg("the file contains a character YAML does not allow (a control character)"),
                hint=msg("delete the invisible character; `cat -A` shows it"),
                location=Location(file, 1, 1),
            )
        )
    return doc, problems


class _Lines:
    """Line and column (1-based, in characters, lines ending at LF) of an offset in the text,
    and back, through the document's line index (a list of every line's offset cost 110 MB
    at 100,000 tasks, built for the first plain text checked for a ' #')."""

    def __init__(self, doc: SourceDoc) -> None:
        self.doc = doc
        self.text = doc.text

    def position(self, offset: int) -> tuple[int, int]:
        return self.doc.position(offset)

    def offset(self, line: int, col: int) -> int:
        """The offset of a parser mark (0-based line and column)."""
        start = self.doc.line_start(line + 1)
        return start + col if start is not None else len(self.text)

    def line(self, number: int) -> str:
        return self.doc.line_text(number) or ""


_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BACKSPACE", 0x0B: "VERTICAL TAB", 0x0C: "FORM FEED", 0x1B: "ESC"}
_CONTROL_NAMES |= {0x7F: "DELETE", 0x85: "NEXT LINE (NEL)", 0x9B: "CONTROL SEQUENCE INTRODUCER"}


def char_name(ch: str) -> str:
    """`U+202E RIGHT-TO-LEFT OVERRIDE`: how a message names an invisible character."""
    name = _CONTROL_NAMES.get(ord(ch)) or unicodedata.name(ch, "")
    return f"U+{ord(ch):04X} {name}".rstrip()


def _prescan(
    text: str, lines: _Lines, file: str, vocabulary: Vocabulary, carriage_returns: list[int]
) -> tuple[list[Problem], str]:
    """Problems the parser would locate wrongly or not see at all, found in the raw text;
    and the text the parser is given (characters it would choke on read as spaces)."""
    problems: list[Problem] = []
    counts: dict[str, int] = {}

    def add(code: str, offset: int, message: Msg, hint: Msg) -> None:
        counts[code] = counts.get(code, 0) + 1
        n = counts[code]
        if n > MAX_SAME + 1:
            return
        if n == MAX_SAME + 1:
            message, hint = _more(), msg("fix these first")
        problems.append(Problem(code, message, hint=hint, location=Location(file, *lines.position(offset))))

    # Each search below runs only when a quicker look finds what it needs: whole scans of
    # the text cost a tenth of a second per 10,000 tasks each.
    conflicts = any(marker in text for marker in _CONFLICT_MARKERS)
    for m in _CONFLICT.finditer(text) if conflicts else ():
        add(
            "yaml-conflict-marker",
            m.start(),
            msg("a git merge conflict marker ({marker}) is left in the file", marker=m.group().strip()),
            msg("resolve the conflict: keep one version of the lines between <<<<<<< and >>>>>>>, delete the markers"),
        )
    for offset in carriage_returns:
        add(
            "text-line-separator",
            offset,
            msg("a carriage return (U+000D) alone ends a line here, so what follows is read as a new line"),
            msg("delete it, or save the file with LF (or CR LF) line endings"),
        )
    clean = text
    # Every character the next three searches look for is unprintable: a text that is
    # printable but for its line ends and tabs (nearly every file) has none of them.
    printable = _printable(text)
    if not printable and (_RAW_CONTROL.search(text) or _LINE_SEPARATORS.search(text)):
        for m in _RAW_CONTROL.finditer(text):
            add(
                "yaml-control-character",
                m.start(),
                msg("the file contains a control character ({char})", char=char_name(m.group())),
                msg("delete the invisible character at this position (`cat -A` shows it)"),
            )
        for m in _LINE_SEPARATORS.finditer(text):
            add(
                "text-line-separator",
                m.start(),
                msg("{char} is a line break for YAML but not for editors or GitHub", char=char_name(m.group())),
                msg("replace it by a space, or by a real line break"),
            )
        clean = _LINE_SEPARATORS.sub(" ", _RAW_CONTROL.sub(" ", text))
    for m in _FORMAT_CANDIDATES.finditer(text) if not printable else ():
        ch = m.group()
        if unicodedata.category(ch) != "Cf":
            continue
        code, message, hint = _format_problem(ch)
        add(code, m.start(), message, hint)
    if vocabulary.keys:
        for m in _missing_space(text):
            if m.group(2) in vocabulary.keys:
                add(
                    "yaml-missing-space",
                    m.end(2),
                    msg("no space after '{key}:', so YAML reads the whole line as one piece of text", key=m.group(2)),
                    msg(
                        "write `{key}: {value}` (a space after the colon)",
                        key=m.group(2),
                        value=shorten(m.group(3), 30),
                    ),
                )
    return problems, clean


def _printable(text: str) -> bool:
    """Whether `text` is printable but for its line ends and tabs (looked at in blocks, so
    that a large file is not copied whole)."""
    for start in range(0, len(text), _PRINTABLE_BLOCK):
        block = text[start : start + _PRINTABLE_BLOCK]
        if not block.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
            return False
    return True


_PRINTABLE_BLOCK = 1 << 16
_CONFLICT_MARKERS = ("<" * 7, "=" * 7, ">" * 7, "|" * 7)


def _missing_space(text: str) -> Iterator[re.Match[str]]:
    """What `_NO_SPACE.finditer(text)` finds, looked for only on the lines where a ':' is
    followed by what can start a value (a search for a ':' is quick, one for a line start is not)."""
    checked = -1
    for hit in _COLON_VALUE.finditer(text):
        start = text.rfind("\n", 0, hit.start()) + 1
        if start == checked:
            continue
        checked = start
        m = _NO_SPACE.match(text, start)
        if m is not None:
            yield m


# Any character a value must be cleaned of (control, format, line separator): one search
# per scalar instead of three.
_SUSPECT = re.compile(f"{CONTROL_CHARS.pattern}|{_FORMAT_CANDIDATES.pattern}|{_LINE_SEPARATORS.pattern}")
# Every character a scalar may need a second look for: those above and TCVN3's markers.
_RARE = re.compile(f"{_SUSPECT.pattern}|{_TCVN3.pattern}")
_INLINE_COMMENT = re.compile(r"[ \t]+#")
_NO_SPACE = re.compile(r"^([ \t]*(?:- +)?)([A-Za-z_]+):([\"'\[{][^\n]*|[^\s#:/][^\n]*)$", re.M)
_COLON_VALUE = re.compile(r":[^\s#:/]")  # in every line _NO_SPACE matches


def _more() -> Msg:
    return msg("more problems of this kind follow; only the first {n} are shown", n=MAX_SAME)


def _format_problem(ch: str) -> tuple[str, Msg, Msg]:
    if ch in _BIDI:
        return (
            "text-bidi-control",
            msg(
                "invisible bidirectional control {char}: text can display in another order than it is read",
                char=char_name(ch),
            ),
            msg("delete it; Vietnamese text never needs it"),
        )
    if ch == "\u00ad":
        return (
            "text-invisible",
            msg("invisible soft hyphen ({char}), usually pasted from a word processor", char=char_name(ch)),
            msg("delete it: names and titles with it no longer match their plain spelling"),
        )
    return (
        "text-invisible",
        msg("invisible character {char}", char=char_name(ch)),
        msg("delete it: names and titles with it no longer match their plain spelling"),
    )


def _strip_format(value: str) -> str:
    if not _FORMAT_CANDIDATES.search(value):
        return value
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


@dataclass
class _State:
    """What the builder last saw, for locating a syntax error where its cause is."""

    last_scalar: Any = None


# Where a problem started, not where the parser gave up: an unclosed quote or bracket, and a
# key without its ':', are reported on the line that opened them.
_AT_CONTEXT = (
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
    "while scanning a simple key",
    "while scanning a block scalar",
)


def _syntax_problem(
    exc: yaml.MarkedYAMLError, text: str, lines: _Lines, file: str, state: _State, vocabulary: Vocabulary
) -> Problem:
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    what = _pyyaml_words(exc)
    mark = problem_mark or context_mark
    related: tuple[Location, ...] = ()
    if exc.context in _AT_CONTEXT and context_mark is not None:
        mark = context_mark
        if problem_mark is not None and problem_mark.line != context_mark.line:
            related = (Location(file, problem_mark.line + 1, problem_mark.column + 1),)
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    char = (
        text[lines.offset(mark.line, mark.column)] if mark and lines.offset(mark.line, mark.column) < len(text) else ""
    )
    message, hint = msg("YAML syntax error: {what}", what=what), _syntax_hint(exc, char, lines.line(line), vocabulary)
    quoted = _runaway_quote(state.last_scalar, line)
    if quoted is not None:
        (qline, qcol), style = quoted
        related = (Location(file, line, col),)
        line, col = qline, qcol
        message = msg(
            "YAML syntax error: the text quoted with {quote} here runs on to line {line}",
            quote=style,
            line=related[0].line,
        )
        hint = msg("close the quote ({quote}) on this line; a quote left open swallows the lines after it", quote=style)
    elif exc.context == "while scanning a quoted scalar":
        message = msg("YAML syntax error: a quote opened here is never closed")
        hint = msg("close the quote on this line")
    elif exc.context == "while scanning a simple key":
        message = msg("YAML syntax error: this line is not `key: value` (could not find the expected ':')")
    elif exc.context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        bracket = "[" if "sequence" in exc.context else "{"
        message = msg(
            "YAML syntax error: the '{bracket}' opened here is never closed ({problem})",
            bracket=bracket,
            problem=_pyyaml_phrase(exc.problem or ""),
        )
        hint = msg(
            "close it with '{bracket}' on this line, or put text containing ',' in quotes",
            bracket="]" if bracket == "[" else "}",
        )
    return Problem("yaml-syntax", message, hint=hint, location=Location(file, line, col), related=related)


def _runaway_quote(last: Any, error_line: int) -> tuple[tuple[int, int], str] | None:
    """A quoted scalar spanning lines and ending on the line of the error: its closing quote
    was probably forgotten, and it ended at the next quote, further down."""
    if last is None or last.style not in ('"', "'"):
        return None
    start, end = last.start_mark, last.end_mark
    if start.line == end.line or end.line + 1 != error_line:
        return None
    return (start.line + 1, start.column + 1), last.style


# PyYAML's own phrases (its context and problem), in kehoach's catalogue so that a syntax
# error reads in the user's language; a phrase not listed here is shown as PyYAML wrote it.
_PYYAML: dict[str, Msg] = {
    "while scanning a simple key": msg("while scanning a simple key"),
    "while scanning a quoted scalar": msg("while scanning a quoted scalar"),
    "while scanning a block scalar": msg("while scanning a block scalar"),
    "while scanning a plain scalar": msg("while scanning a plain scalar"),
    "while scanning an alias": msg("while scanning an alias"),
    "while scanning an anchor": msg("while scanning an anchor"),
    "while scanning a tag": msg("while scanning a tag"),
    "while scanning a directive": msg("while scanning a directive"),
    "while scanning for the next token": msg("while scanning for the next token"),
    "while parsing a flow sequence": msg("while parsing a flow sequence"),
    "while parsing a flow mapping": msg("while parsing a flow mapping"),
    "while parsing a block mapping": msg("while parsing a block mapping"),
    "while parsing a block collection": msg("while parsing a block collection"),
    "while parsing a block node": msg("while parsing a block node"),
    "while parsing a flow node": msg("while parsing a flow node"),
    "could not find expected ':'": msg("could not find expected ':'"),
    "mapping values are not allowed here": msg("mapping values are not allowed here"),
    "mapping values are not allowed in this context": msg("mapping values are not allowed here"),
    "expected ',' or ']', but got": msg("expected ',' or ']'"),
    "expected ',' or '}', but got": msg("expected ',' or '}'"),
    "did not find expected ',' or ']'": msg("expected ',' or ']'"),
    "did not find expected ',' or '}'": msg("expected ',' or '}'"),
    "did not find expected key": msg("did not find the expected key"),
    "did not find expected node content": msg("did not find the expected value"),
    "did not find expected '-' indicator": msg("did not find the expected '-'"),
    "expected <block end>, but found": msg("the indentation does not match the lines above"),
    "found unexpected end of stream": msg("the file ends inside it"),
    "found unexpected ':'": msg("found an unexpected ':'"),
    "found character that cannot start any token": msg("found a character that cannot start any token"),
    "found a tab character that violates indentation": msg("found a tab that breaks the indentation"),
    "found a tab character where an indentation space is expected": msg("found a tab that breaks the indentation"),
    "block sequence entries are not allowed in this context": msg("a '- ' list entry is not allowed here"),
    "found unknown escape character": msg("found an unknown escape character"),
    "expected a comment or a line break": msg("expected a comment or a line break"),
    "found undefined alias": msg("found an undefined alias"),
    "exceeded maximum nesting depth": msg("exceeded maximum nesting depth"),
    "while increasing flow level": msg("while increasing flow level"),
}


def _pyyaml_phrase(text: str) -> Msg | str:
    """PyYAML's phrase in kehoach's words when it is one of the known ones (they may quote
    the character found: "found character '\\t' that cannot …", "but found '<scalar>'")."""
    found = _PYYAML.get(text)
    if found is not None:
        return found
    for phrase, words in _PYYAML.items():
        if text.startswith(phrase):
            return words
    generic = re.sub(r" '.*?'", "", text)
    return _PYYAML.get(generic, text)


def _as_msg(words: Msg | str) -> Msg:
    return words if isinstance(words, Msg) else raw(words)


def _pyyaml_words(exc: yaml.MarkedYAMLError) -> Msg:
    parts: list[Msg] = [_as_msg(_pyyaml_phrase(s)) for s in (exc.context, exc.problem) if s]
    if not parts:
        return msg("invalid YAML")
    return join(parts, " ")


def _syntax_hint(exc: yaml.MarkedYAMLError, char: str, line: str, vocabulary: Vocabulary) -> Msg:
    what = " ".join(s for s in (exc.context, exc.problem) if s)
    if "maximum nesting depth" in what:
        return msg("a plan never nests this deep: look for a run of '[' or '{' left open")
    if char == "\t" or "tab" in what:
        return msg("indent with spaces, not tabs")
    if exc.context == "while scanning a block scalar":
        return msg("an unquoted '>' or '|' starts a block of text: quote a comparator, e.g. op: \">=\"")
    if "cannot start any token" in what:
        if char == "%":
            return msg('quote the value: unit: "%" (an unquoted % starts a YAML directive)')
        if char in "><|=!":
            return msg('quote it: "{char}…" (an unquoted {char} cannot start a value here), e.g. op: ">="', char=char)
        if char in "@`":
            return msg("quote the value: '{char}' cannot start unquoted text in YAML", char=char)
        return msg("quote the value; this character cannot start unquoted text in YAML")
    if "mapping values are not allowed" in what:
        return msg("a ': ' inside text starts a new key; put the text in quotes")
    if "could not find expected ':'" in what:
        body = line.strip().removeprefix("- ")
        key, _, rest = body.partition(" ")
        if key in vocabulary.keys and rest.strip():
            return msg(
                "this line has no ':' after its key: write `{key}: {value}`", key=key, value=shorten(rest.strip(), 30)
            )
        return msg("a key is missing its ':' or a quote is not closed")
    return msg("check the indentation and quotes near this position")


_INVALID_KEY = "\x00invalid"  # stands for a list or mapping used as a key: its value is dropped


class _Frame:
    __slots__ = ("container", "is_list", "path", "pending_key", "positions")

    def __init__(self, container: Any, path: YamlPath, positions: array[int], is_list: bool) -> None:
        self.container = container
        self.is_list = is_list
        self.path = path
        self.positions = positions  # the container's packed positions (see SourceDoc)
        self.pending_key: tuple[str, int] | None = None  # the key and its packed position


def _build(
    doc: SourceDoc, text: str, lines: _Lines, problems: list[Problem], vocabulary: Vocabulary, state: _State
) -> None:
    """Data and positions from the parser's events.

    This loop runs once per YAML node (400,000 at 10,000 tasks), so it dispatches on the
    event's exact type, packs positions into per-container arrays instead of building a
    path for every node, and gives a scalar the rarer checks only when a single search
    finds a character that needs them.
    """
    file = doc.file
    stack: list[_Frame] = []
    documents = 0
    root_set = False
    reported: dict[str, int] = {}
    prose = vocabulary.prose

    def next_path() -> YamlPath:
        """The YAML path the node being read will get (for problems found before it is placed)."""
        if not stack:
            return ()
        top = stack[-1]
        if top.is_list:
            return (*top.path, len(top.container))
        if top.pending_key is None:
            return top.path
        return (*top.path, top.pending_key[0])

    def problem(
        code: str, message: Msg, pos: tuple[int, int], hint: Msg | None = None, severity: Severity = "error"
    ) -> None:
        # A hostile file can hold thousands of aliases; a few reports of each kind say it all.
        doc.flagged.add(pos)
        reported[code] = reported.get(code, 0) + 1
        if reported[code] <= MAX_SAME:
            problems.append(
                Problem(code, message, next_path(), hint=hint, severity=severity, location=Location(file, *pos))
            )
        elif reported[code] == MAX_SAME + 1:
            problems.append(
                Problem(
                    code,
                    _more(),
                    next_path(),
                    hint=msg("fix these first"),
                    location=Location(file, *pos),
                )
            )

    def place(value: Any, packed: int, is_scalar: bool, raw: str = "") -> YamlPath | None:
        """Attach a finished node to its parent; return its path (None if dropped)."""
        nonlocal root_set
        if not stack:
            if not root_set:
                doc.data = value
                root_set = True
                doc.root = packed
                return ()
            return None
        top = stack[-1]
        if top.is_list:
            path = (*top.path, len(top.container))
            top.container.append(value)
            top.positions.append(packed)
            return path
        if top.pending_key is None:  # this node is a key
            if not is_scalar:
                problem(
                    "yaml-complex-key",
                    msg("a mapping key must be plain text, not a list or mapping"),
                    unpack(packed),
                )
                top.pending_key = (_INVALID_KEY, packed)
                return None
            key = raw if raw.isascii() else nfc(_strip_format(raw))
            top.pending_key = (key, packed)
            return None
        key, key_packed = top.pending_key
        top.pending_key = None
        if key == _INVALID_KEY:
            return None
        path = (*top.path, key)
        if key in top.container:
            first = unpack(top.positions[2 * list(top.container).index(key)])
            problems.append(
                Problem(
                    "yaml-duplicate-key",
                    msg(
                        "duplicate key {key}: also on line {line}; YAML would silently keep only the last one",
                        key=repr(shorten(key, 40)),
                        line=first[0],
                    ),
                    path,
                    hint=msg(
                        "remove one of them, or add the '- ' that starts a new list item if these are two entries"
                    ),
                    location=Location(file, *unpack(key_packed)),
                    related=(Location(file, *first),),
                )
            )
            return None
        top.container[key] = value
        top.positions.append(key_packed)
        top.positions.append(packed)
        return path

    # The event classes as locals, and the innermost open container (`top`, with
    # `top_list` for whether it is a list) kept up to date on each start and end event
    # instead of being looked up for every scalar.
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    top: _Frame | None = None
    top_list = False
    # One string object per key name and per distinct text: libyaml makes a new one for
    # each occurrence (150,000 keys of 73 names and 135,000 texts of 35,000 at 10,000
    # tasks, 19 MB of copies), and the models keep the very strings given to them.
    intern, texts = sys.intern, dict[str, str]()
    loader = _Parser(text)
    try:
        get_event = loader.get_event
        while True:
            ev = get_event()
            kind = ev.__class__
            mark = ev.start_mark
            col = mark.column + 1
            packed = ((mark.line + 1) << COL_BITS) | (col if col < COL_MASK else COL_MASK)
            if kind is scalar_event:
                if ev.anchor is not None or ev.tag is not None:
                    _node_properties(ev, (mark.line + 1, col), problem)
                state.last_scalar = ev
                raw = ev.value
                if top is not None and not top_list and top.pending_key is None and raw.isascii() and raw.isprintable():
                    top.pending_key = (intern(raw), packed)  # the usual key: nothing to clean, check or resolve
                    continue
                style = ev.style
                plain = not style and ev.implicit[0]
                # Only a plain scalar that starts like a number, or is one of the few
                # words YAML gives a meaning, can be anything but text.
                value: Any = _resolve_plain(raw) if plain and (raw[:1] in _NUMBER_START or raw in _WORDS) else raw
                if value.__class__ is str:
                    ascii_text = value.isascii()
                    # Printable ASCII holds none of the rare characters: the search is for the rest.
                    if not (ascii_text and value.isprintable()) and _RARE.search(value):
                        pos = (mark.line + 1, col)
                        if _SUSPECT.search(value):
                            value = _hidden_in_value(ev, value, text, lines, pos, problem)
                        if looks_like_tcvn3(value):
                            problem(
                                "encoding-tcvn3",
                                msg(
                                    "text {text} looks like TCVN3 (ABC) font text pasted as Unicode",
                                    text=repr(shorten(value, 40)),
                                ),
                                pos,
                                hint=msg("convert it to Unicode (e.g. UniKey's converter, TCVN3 → Unicode)"),
                            )
                        ascii_text = value.isascii()
                    if not ascii_text:
                        value = _normalize("NFC", value)
                    value = texts.setdefault(value, value)
                if top is None:
                    place(value, packed, True, raw)
                    continue
                if plain or style == ">" or style == "|":
                    if top_list:
                        key: str | int | None = top.path[-1] if top.path else None
                    else:
                        key = top.pending_key[0] if top.pending_key is not None else None  # None: this is a key
                    if key is not None and (style or key in prose or "." in raw):
                        _scalar_hazards(ev, value, text, lines, (mark.line + 1, col), key, problem, vocabulary)
                if top_list:  # an item of a list
                    top.container.append(value)
                    top.positions.append(packed)
                    continue
                pending = top.pending_key
                if pending is not None and pending[0] not in top.container:
                    top.pending_key = None  # the usual value: a new key's
                    if pending[0] != _INVALID_KEY:
                        top.container[pending[0]] = value
                        top.positions.append(pending[1])
                        top.positions.append(packed)
                    continue
                place(value, packed, True, raw)
            elif kind is mapping_start or kind is sequence_start:
                if ev.anchor is not None or ev.tag is not None:
                    _node_properties(ev, (mark.line + 1, col), problem)
                is_list = kind is sequence_start
                container: Any = [] if is_list else {}
                path = place(container, packed, False)
                if len(stack) >= MAX_DEPTH:
                    problem(
                        "yaml-too-deep",
                        msg("nesting deeper than {n} levels", n=MAX_DEPTH),
                        (mark.line + 1, col),
                        hint=msg("a plan never nests this deep; check the indentation"),
                    )
                    return
                positions: array[int] = array("q")
                doc.positions[id(container)] = positions
                top = _Frame(container, path if path is not None else ("?",), positions, is_list)
                top_list = is_list
                stack.append(top)
            elif kind is mapping_end or kind is sequence_end:
                stack.pop()
                if stack:
                    top = stack[-1]
                    top_list = top.is_list
                else:
                    top, top_list = None, False
            elif kind is alias_event:
                problem(
                    "yaml-alias",
                    msg("alias '*{name}' is not allowed", name=shorten(ev.anchor or "", 30)),
                    (mark.line + 1, col),
                    hint=msg("write the value out in full; anchors and aliases hide copies and allow 'alias bombs'"),
                )
                place(None, packed, True)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    problem(
                        "yaml-multiple-documents",
                        msg("the file holds more than one YAML document ('---'); only one is allowed"),
                        (mark.line + 1, col),
                        hint=msg("remove the second '---' and what follows, or merge the documents"),
                    )
                    return
            elif kind is yaml.StreamEndEvent:
                return
    finally:
        loader.dispose()


def _node_properties(ev: Any, pos: tuple[int, int], problem: Report) -> None:
    """Anchors and tags: refused, since they hide copies and change types."""
    if ev.anchor is not None:
        problem(
            "yaml-anchor",
            msg("anchor '&{name}' is not allowed", name=shorten(ev.anchor, 30)),
            pos,
            hint=msg("remove the anchor; write each value out in full"),
        )
    if ev.tag is not None:
        problem(
            "yaml-tag",
            msg("tag {tag} is not allowed", tag=repr(shorten(ev.tag, 40))),
            pos,
            hint=msg("remove the tag; plan files hold plain text, numbers, lists and mappings"),
        )


Report = Any  # the builder's `problem(code, message, pos, hint)`


def _hidden_in_value(ev: Any, value: str, text: str, lines: _Lines, pos: tuple[int, int], problem: Report) -> str:
    """`value` without control, format and line-separator characters, each reported: raw
    ones were located by the prescan, those made by a quoted escape are reported here."""
    if CONTROL_CHARS.search(value):
        # Quoted escapes ("\\e", "\\a") bypass the reader's check; an ESC in a title
        # would reach every terminal that prints a report.
        problem(
            "yaml-control-character",
            msg("text contains a control character (escape, bell, NUL…)"),
            pos,
            hint=msg("remove the escape sequence; plan text is plain text"),
        )
        value = CONTROL_CHARS.sub("", value)
    if ev.style == '"':
        _escaped_hidden(ev, value, text, lines, pos, problem)
    return _LINE_SEPARATORS.sub(" ", _strip_format(value))


def _escaped_hidden(ev: Any, value: str, text: str, lines: _Lines, pos: tuple[int, int], problem: Report) -> None:
    """A double-quoted escape (\\u202e, \\L) that makes an invisible character the raw text
    does not show (raw ones are reported where they stand)."""
    hidden = [ch for ch in value if unicodedata.category(ch) == "Cf" or ch in "\u2028\u2029"]
    if not hidden:
        return
    start = lines.offset(ev.start_mark.line, ev.start_mark.column)
    end = lines.offset(ev.end_mark.line, ev.end_mark.column)
    raw = text[start:end]
    for ch in dict.fromkeys(hidden):
        if ch in raw:
            continue
        if ch in "\u2028\u2029":
            code, message, hint = (
                "text-line-separator",
                msg("an escape makes {char}", char=char_name(ch)),
                msg("remove the escape"),
            )
        else:
            code, message, hint = _format_problem(ch)
            message = msg("an escape makes an {problem}", problem=message)
        problem(code, message, pos, hint=hint)


def _scalar_hazards(
    ev: Any,
    value: Any,
    text: str,
    lines: _Lines,
    pos: tuple[int, int],
    key: str | int,
    problem: Report,
    vocabulary: Vocabulary,
) -> None:
    """Plain values that YAML reads differently from what the writer meant (`key`: the key
    holding the value, or the list holding it)."""
    if ev.style in (">", "|") and isinstance(value, str) and not value.strip():
        problem(
            "yaml-block-indicator",
            msg("an unquoted '{char}' starts a block of text in YAML, so this value is empty", char=ev.style),
            pos,
            hint=msg('quote it: "{char}" (e.g. op: "{char}=" or op: "{char}")', char=ev.style),
        )
        return
    if ev.style or not ev.implicit[0]:  # quoted or a block: never a number, never cut by '#'
        return
    raw = ev.value
    if _GROUPED.match(raw):
        digits = raw.replace(".", "")
        if raw.count(".") == 1:
            problem(
                "number-separator",
                msg(
                    "{raw} may be {digits} written with a Vietnamese thousands separator, or the decimal {raw}; "
                    "kehoach does not guess",
                    raw=raw,
                    digits=digits,
                ),
                pos,
                hint=msg("write {digits} for the whole number; for the decimal, write {raw}0", digits=digits, raw=raw),
            )
        else:
            problem(
                "number-separator",
                msg("{raw} uses '.' to group thousands, which YAML reads as text", raw=raw),
                pos,
                hint=msg("write {digits}", digits=digits),
            )
        return
    if not isinstance(value, str) or key not in vocabulary.prose:
        return
    end = lines.offset(ev.end_mark.line, ev.end_mark.column)
    if _INLINE_COMMENT.match(text, end):
        problem(
            "yaml-comment-in-text",
            msg("the text after ' #' on this line is a YAML comment and is not part of {key}", key=str(key)),
            pos,
            hint=msg("put the whole text in quotes if the '#…' belongs to it"),
            severity="warning",
        )
    if ev.start_mark.line != ev.end_mark.line and vocabulary.keys:
        for number in range(ev.start_mark.line + 2, ev.end_mark.line + 2):
            words = lines.line(number).strip()
            first = words.split(" ", 1)[0].lstrip("-").strip()
            if first in vocabulary.keys and (words == first or words[len(first) :].lstrip()[:1] in "[{\"'"):
                problem(
                    "yaml-missing-colon",
                    msg(
                        "line {line} ('{words}') is read as part of this text: is it the key '{key}' without its ':'?",
                        line=number,
                        words=shorten(words, 30),
                        key=first,
                    ),
                    pos,
                    hint=msg(
                        "write `{key}: …` on line {line}, or quote the text if the line belongs to it",
                        key=first,
                        line=number,
                    ),
                    severity="warning",
                )
                break


def _resolve_plain(v: str) -> Any:
    """A plain scalar, YAML 1.2 core-schema style, narrowed: no sexagesimal, octal or timestamps."""
    if v in _NULLS:
        return None
    if v == "true":
        return True
    if v == "false":
        return False
    if len(v) > 30 or not v or v[0] not in _NUMBER_START:  # no amount has 30 digits; int() of 4,300 digits raises
        return v
    if _INT.match(v):
        return int(v)
    if _FLOAT.match(v):
        return float(v)
    return v


_NUMBER_START = frozenset("+-.0123456789")
# The plain scalars `_resolve_plain` reads as something else than text (besides numbers).
_WORDS = _NULLS | {"true", "false"}


def dump(data: Any) -> str:
    """YAML for output only (export): never used to rewrite a user's file."""
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
