"""Output formats: one table maps each (kind of value, format) to its renderer.

Every renderer is ``render(value, opts) -> str``: it reads nothing but its arguments (no
clock, no environment, no git, no terminal). Modules are imported only when chosen, so
``--format json`` never pays for rich. Commands offer exactly the formats this table has
for their kind of value (a test holds them to it).
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kehoach_cli.vocab import Lang


class Kind(enum.StrEnum):
    report = "report"  # status, overdue, upcoming, unowned, tasks, show, agencies, targets
    check = "check"  # a checked plan's problems
    diff = "diff"  # change control
    export = "export"  # the normalised plan
    record = "record"  # what `kehoach record` wrote or refused
    rules = "rules"  # the rules `check` applies
    review = "review"  # the periodic report for the People's Committee (`kehoach report`)
    calendar = "calendar"  # deadlines as an RFC 5545 calendar (`kehoach calendar`)


class Format(enum.StrEnum):
    table = "table"
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"
    yaml = "yaml"
    docx = "docx"
    html = "html"
    xlsx = "xlsx"
    ics = "ics"  # all-day events
    ics_todo = "ics-todo"  # VTODO items with DUE, for task clients


@dataclass(frozen=True)
class RenderOptions:
    """Everything a renderer may depend on besides the value, computed once by the CLI."""

    lang: Lang = Lang.vi
    width: int = 80
    color: bool = False
    today: dt.date | None = None
    # display name of a file → its path from the git work tree's root (CI annotations)
    paths: Mapping[str, str] = field(default_factory=dict)
    excel: bool = False  # csv: start with a UTF-8 BOM, without which Excel shows Vietnamese as mojibake


# (kind, format) → "module:function" inside kehoach_cli.render
RENDERERS: dict[tuple[Kind, Format], str] = {
    (Kind.report, Format.table): "table:render",
    (Kind.report, Format.json): "jsonout:render",
    (Kind.report, Format.csv): "csvout:render",
    (Kind.report, Format.markdown): "markdown:render",
    (Kind.check, Format.text): "problems:render_text",
    (Kind.check, Format.json): "problems:render_json",
    (Kind.check, Format.github): "github:render_check",
    (Kind.check, Format.sarif): "sarif:render_check",
    (Kind.diff, Format.text): "diff:render_text",
    (Kind.diff, Format.json): "diff:render_json",
    (Kind.diff, Format.markdown): "diff:render_markdown",
    (Kind.diff, Format.github): "diff:render_github",
    (Kind.diff, Format.sarif): "diff:render_sarif",
    (Kind.export, Format.json): "export:render_json",
    (Kind.export, Format.yaml): "export:render_yaml",
    (Kind.record, Format.text): "record:render_text",
    (Kind.rules, Format.text): "rules:render_text",
    (Kind.rules, Format.markdown): "rules:render_markdown",
    # Documents: these renderers return bytes (Word and Excel files are binary); python-docx,
    # openpyxl, resvg and icalendar load only for their format.
    (Kind.review, Format.docx): "docx:render",
    (Kind.review, Format.html): "html:render",
    (Kind.review, Format.markdown): "reviewmd:render",
    (Kind.review, Format.xlsx): "xlsx:render",
    (Kind.calendar, Format.ics): "ics:render_events",
    (Kind.calendar, Format.ics_todo): "ics:render_todos",
}

Renderer = Callable[[Any, RenderOptions], str | bytes]


def formats(kind: Kind) -> tuple[Format, ...]:
    return tuple(f for k, f in RENDERERS if k is kind)


def renderer(kind: Kind, fmt: Format) -> Renderer:
    module_name, _, function = RENDERERS[(kind, fmt)].partition(":")
    module = importlib.import_module(f"{__package__}.{module_name}")
    fn: Renderer = getattr(module, function)
    return fn


def render(kind: Kind, value: object, fmt: Format, opts: RenderOptions) -> str:
    """A text format's output."""
    out = renderer(kind, fmt)(value, opts)
    assert isinstance(out, str), (kind, fmt)
    return out


def render_bytes(kind: Kind, value: object, fmt: Format, opts: RenderOptions) -> bytes:
    """A document's bytes (text formats as UTF-8)."""
    out = renderer(kind, fmt)(value, opts)
    return out.encode("utf-8") if isinstance(out, str) else out


# The choices of `kehoach report --format`: its entries of the table above.
class ReviewFormat(enum.StrEnum):
    docx = "docx"
    html = "html"
    markdown = "markdown"
    xlsx = "xlsx"

    @property
    def text(self) -> bool:
        """Text formats may go to stdout (`-o -`); Word and Excel files may not."""
        return self in (ReviewFormat.html, ReviewFormat.markdown)


# File name endings that name a format when --format is not given.
REVIEW_SUFFIXES: dict[str, ReviewFormat] = {
    ".docx": ReviewFormat.docx,
    ".html": ReviewFormat.html,
    ".htm": ReviewFormat.html,
    ".md": ReviewFormat.markdown,
    ".xlsx": ReviewFormat.xlsx,
}


def render_review(value: object, fmt: ReviewFormat, opts: RenderOptions) -> bytes:
    return render_bytes(Kind.review, value, Format(fmt.value), opts)
