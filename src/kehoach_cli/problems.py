"""Problems in the user's data are values with a location, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

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
    message: str
    path: YamlPath = ()
    hint: str | None = None
    severity: Severity = "error"
    location: Location | None = None
    related: tuple[Location, ...] = field(default=())
    # Other places this problem is about, as YAML paths of the same file (e.g. the first of
    # two duplicate ids): the load stage's `locate` turns them into `related` locations.
    see: tuple[YamlPath, ...] = field(default=())

    def __post_init__(self) -> None:
        # The last guard against echoing a huge input: no message or hint is a novel.
        for name in ("message", "hint"):
            text = getattr(self, name)
            if text is not None and len(text) > MAX_TEXT:
                object.__setattr__(self, name, text[: MAX_TEXT - 1] + "…")

    def at(self, location: Location) -> Problem:
        return replace(self, location=location)

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location or Location("", 0, 0)
        return (loc.file, loc.line, loc.col, self.code)


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
