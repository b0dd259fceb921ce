"""Problems in the user's data are values with a location, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from kehoach_cli.messages import Msg, Param

Severity = Literal["error", "warning"]
YamlPath = tuple[str | int, ...]
MAX_TEXT = 400


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int  # 1-based; 0 when unknown
    col: int  # 1-based; 0 when unknown

    def __str__(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    code: str  # stable identifier, e.g. "agency-unknown"
    message: Msg  # translated when rendered: `text(lang)`
    path: YamlPath = ()
    hint: Msg | None = None
    severity: Severity = "error"
    location: Location | None = None
    related: tuple[Location, ...] = field(default=())
    # Other places this problem is about, as YAML paths of the same file (e.g. the first of
    # two duplicate ids): the load stage's `locate` turns them into `related` locations.
    see: tuple[YamlPath, ...] = field(default=())

    def __post_init__(self) -> None:
        # The last guard against echoing a huge input: no parameter is a novel (and the
        # rendered texts are cut again by `text` and `hint_text`).
        for name in ("message", "hint"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, _capped(value))

    def text(self, lang: str) -> str:
        """The message in `lang`, at most MAX_TEXT characters."""
        return _cut(self.message.text(lang))

    def hint_text(self, lang: str) -> str | None:
        return None if self.hint is None else _cut(self.hint.text(lang))

    def at(self, location: Location) -> Problem:
        # Built directly: dataclasses.replace looks every field up again on each call,
        # and every problem of a rule passes here once.
        return Problem(self.code, self.message, self.path, self.hint, self.severity, location, self.related, self.see)

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location or Location("", 0, 0)
        return (loc.file, loc.line, loc.col, self.code)


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _capped(message: Msg) -> Msg:
    def value(v: Param) -> Param:
        if isinstance(v, Msg):
            return _capped(v)
        return _cut(v) if isinstance(v, str) else v

    # Nearly every message has only short parameters: it is kept as it is, since a
    # `replace` per problem cost more than all the rest of building it.
    if not message.params or not _too_long(message):
        return message
    return replace(message, params=tuple((k, value(v)) for k, v in message.params))


def _too_long(message: Msg) -> bool:
    """Whether a parameter of `message` (or of a message in it) is longer than MAX_TEXT."""
    for _, v in message.params:
        if isinstance(v, str) and len(v) > MAX_TEXT:
            return True
        if isinstance(v, Msg) and _too_long(v):
            return True
    return False


def format_path(path: YamlPath) -> str:
    if len(path) > 12:  # deep nesting: the start and the end say where
        return f"{format_path(path[:4])}…{format_path(path[-4:])}"
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if len(part) <= 40 else part[:39] + "…"  # a hostile key can be huge
            out += f".{key}" if out else key
    return out


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
