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
from dataclasses import dataclass, field
from typing import Any

import yaml

from kehoach_cli.problems import Location, Problem, YamlPath
from kehoach_cli.textnorm import looks_like_tcvn3, nfc, shorten

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+\.[0-9]*)([eE][-+]?[0-9]+)?$|^[-+]?[0-9]+[eE][-+]?[0-9]+$")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
MAX_DEPTH = 64
MAX_SAME = 20  # problems of one kind reported per file by the parser
CONTROL_CHARS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class SourceDoc:
    """Parsed data with the position of every value (and of every mapping key)."""

    file: str
    text: str
    data: Any = None
    marks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    # Where the parser found a YAML-level problem (reported or not): schema complaints
    # about the same spot only repeat it.
    flagged: set[tuple[int, int]] = field(default_factory=set)

    def locate(self, path: YamlPath, *, key: bool = False) -> Location:
        """The closest known position of `path` (its key's position if `key`)."""
        if key and path in self.key_marks:
            line, col = self.key_marks[path]
            return Location(self.file, line, col)
        p = tuple(path)
        while p:
            if p in self.marks:
                line, col = self.marks[p]
                return Location(self.file, line, col)
            p = p[:-1]
        line, col = self.marks.get((), (1, 1))
        return Location(self.file, line, col)

    def line_text(self, line: int) -> str | None:
        lines = self.text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else None


def decode(raw: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 (a BOM is accepted) or a clear message naming the likely encoding."""
    loc1 = Location(file, 1, 1)
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None, [_enc(loc1, "the file is UTF-32, not UTF-8")]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(raw) >= 2 and raw.count(b"\x00") > len(raw) // 4
    ):
        return None, [_enc(loc1, "the file is UTF-16 (every other byte is zero), not UTF-8")]
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
                f"byte 0x{raw[exc.start]:02X} is not valid UTF-8; the file is probably in a "
                "legacy encoding (Windows-1258, VNI or TCVN3)",
            )
        ]
    if "\x00" in text:
        return None, [_enc(loc1, "the file contains NUL characters; it is not a text file")]
    return text, []


def _enc(loc: Location, message: str) -> Problem:
    return Problem(
        "encoding",
        message,
        hint="save the file as UTF-8 (e.g. `iconv -f WINDOWS-1258 -t UTF-8`, or UniKey's converter for TCVN3/VNI text)",
        location=loc,
    )


def parse(text: str, file: str) -> tuple[SourceDoc, list[Problem]]:
    """Parse one YAML document into plain data and a source map, collecting problems."""
    doc = SourceDoc(file=file, text=text)
    problems: list[Problem] = []
    try:
        _build(doc, problems)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(s for s in (exc.context, exc.problem) if s) or "invalid YAML"
        problems.append(
            Problem(
                "yaml-syntax",
                f"YAML syntax error: {what}",
                hint=_syntax_hint(what),
                location=Location(file, line, col),
            )
        )
    except yaml.YAMLError as exc:  # ReaderError: a control character, no mark
        position = getattr(exc, "position", 0)
        before = text[:position]
        line = before.count("\n") + 1
        col = position - (before.rfind("\n") + 1) + 1
        problems.append(
            Problem(
                "yaml-syntax",
                "the file contains a character YAML does not allow (a control character)",
                hint="delete the invisible character at this position",
                location=Location(file, line, col),
            )
        )
    return doc, problems


def _syntax_hint(what: str) -> str:
    if "mapping values are not allowed" in what:
        return "a ': ' inside text starts a new key; put the text in quotes"
    if "tab" in what:
        return "indent with spaces, not tabs"
    if "could not find expected ':'" in what:
        return "a key is missing its ':' or a quote is not closed"
    return "check the indentation and quotes near this position"


class _Frame:
    __slots__ = ("container", "path", "pending_key", "seen")

    def __init__(self, container: Any, path: YamlPath) -> None:
        self.container = container
        self.path = path
        self.pending_key: tuple[str, tuple[int, int]] | None = None
        self.seen: dict[str, tuple[int, int]] = {}


def _build(doc: SourceDoc, problems: list[Problem]) -> None:
    file = doc.file
    stack: list[_Frame] = []
    documents = 0
    root_set = False

    def here(ev: Any) -> tuple[int, int]:
        return (ev.start_mark.line + 1, ev.start_mark.column + 1)

    reported: dict[str, int] = {}

    def next_path() -> YamlPath:
        """The YAML path the node being read will get (for problems found before it is placed)."""
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.pending_key is None:
            return top.path
        return (*top.path, top.pending_key[0])

    def problem(code: str, msg: str, pos: tuple[int, int], hint: str | None = None) -> None:
        # A hostile file can hold thousands of aliases; a few reports of each kind say it all.
        doc.flagged.add(pos)
        reported[code] = reported.get(code, 0) + 1
        if reported[code] <= MAX_SAME:
            problems.append(Problem(code, msg, next_path(), hint=hint, location=Location(file, *pos)))
        elif reported[code] == MAX_SAME + 1:
            problems.append(
                Problem(
                    code,
                    f"more problems of this kind follow; only the first {MAX_SAME} are shown",
                    next_path(),
                    hint="fix these first",
                    location=Location(file, *pos),
                )
            )

    def place(value: Any, pos: tuple[int, int], is_scalar: bool, raw: str = "") -> YamlPath | None:
        """Attach a finished node to its parent; return its path (None if dropped)."""
        nonlocal root_set
        if not stack:
            if not root_set:
                doc.data = value
                root_set = True
                doc.marks[()] = pos
                return ()
            return None
        top = stack[-1]
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
            doc.marks[path] = pos
            return path
        if top.pending_key is None:  # this node is a key
            if not is_scalar:
                problem(
                    "yaml-complex-key",
                    "a mapping key must be plain text, not a list or mapping",
                    pos,
                )
                top.pending_key = ("\x00invalid", pos)
                return None
            key = nfc(raw)
            top.pending_key = (key, pos)
            return None
        key, key_pos = top.pending_key
        top.pending_key = None
        if key == "\x00invalid":
            return None
        path = (*top.path, key)
        if key in top.seen:
            first = top.seen[key]
            problems.append(
                Problem(
                    "yaml-duplicate-key",
                    f"duplicate key {shorten(key, 40)!r}: also on line {first[0]}; YAML would "
                    "silently keep only the last one",
                    path,
                    hint="remove one of them, or add the '- ' that starts a new list item if these are two entries",
                    location=Location(file, *key_pos),
                    related=(Location(file, *first),),
                )
            )
            return None
        top.seen[key] = key_pos
        top.container[key] = value
        doc.marks[path] = pos
        doc.key_marks[path] = key_pos
        return path

    for ev in yaml.parse(doc.text, Loader=_Parser):
        if isinstance(ev, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                problem(
                    "yaml-multiple-documents",
                    "the file holds more than one YAML document ('---'); only one is allowed",
                    here(ev),
                    hint="remove the second '---' and what follows, or merge the documents",
                )
                return
            continue
        if isinstance(ev, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
            continue
        pos = here(ev)
        if isinstance(ev, yaml.AliasEvent):
            problem(
                "yaml-alias",
                f"alias '*{shorten(ev.anchor or '', 30)}' is not allowed",
                pos,
                hint="write the value out in full; anchors and aliases hide copies and allow 'alias bombs'",
            )
            place(None, pos, True)
            continue
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            problem(
                "yaml-anchor",
                f"anchor '&{shorten(anchor, 30)}' is not allowed",
                pos,
                hint="remove the anchor; write each value out in full",
            )
        tag = getattr(ev, "tag", None)
        if tag is not None:
            problem(
                "yaml-tag",
                f"tag {shorten(tag, 40)!r} is not allowed",
                pos,
                hint="remove the tag; plan files hold plain text, numbers, lists and mappings",
            )
        if isinstance(ev, yaml.ScalarEvent):
            value = _resolve(ev)
            if isinstance(value, str) and CONTROL_CHARS.search(value):
                # Quoted escapes ("\e", "\a") bypass the reader's check; an ESC in a title
                # would reach every terminal that prints a report.
                problem(
                    "yaml-control-character",
                    "text contains a control character (escape, bell, NUL…)",
                    pos,
                    hint="remove the escape sequence; plan text is plain text",
                )
                value = CONTROL_CHARS.sub("", value)
            if isinstance(value, str):
                if looks_like_tcvn3(value):
                    problem(
                        "encoding-tcvn3",
                        f"text {shorten(value, 40)!r} looks like TCVN3 (ABC) font text pasted as Unicode",
                        pos,
                        hint="convert it to Unicode (e.g. UniKey's converter, TCVN3 → Unicode)",
                    )
                value = nfc(value)
            place(value, pos, True, ev.value)
        elif isinstance(ev, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            container: Any = {} if isinstance(ev, yaml.MappingStartEvent) else []
            path = place(container, pos, False)
            if len(stack) >= MAX_DEPTH:
                problem(
                    "yaml-too-deep",
                    f"nesting deeper than {MAX_DEPTH} levels",
                    pos,
                    hint="a plan never nests this deep; check the indentation",
                )
                return
            stack.append(_Frame(container, path if path is not None else ("?",)))
        elif isinstance(ev, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()


def _resolve(ev: Any) -> Any:
    """YAML 1.2 core-schema style, narrowed: no sexagesimal, octal or timestamps."""
    if not ev.implicit[0]:  # quoted: always text
        return ev.value
    v = ev.value
    if v in _NULLS:
        return None
    if v == "true":
        return True
    if v == "false":
        return False
    if len(v) > 30:  # no amount has 30 digits; int() of 4,300 digits raises
        return v
    if _INT.match(v):
        return int(v)
    if _FLOAT.match(v):
        return float(v)
    return v


def dump(data: Any) -> str:
    """YAML for output only (export): never used to rewrite a user's file."""
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100))
