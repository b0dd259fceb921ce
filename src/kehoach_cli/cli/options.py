"""Command-line options declared once, and the decorator that gives every report command
the shared ones (--plan, --as-of, --format, --lang, --agency, --role, --fail-on)."""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kehoach_cli.render.registry import Format, Kind
from kehoach_cli.vocab import Lang, Role


class FailOn(enum.StrEnum):
    overdue = "overdue"
    unowned = "unowned"


class ReportFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


class DiffFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"


class ExportFormat(enum.StrEnum):
    json = "json"
    yaml = "yaml"


class RulesFormat(enum.StrEnum):
    text = "text"
    markdown = "markdown"


# Each command's --format choices and the kind of value it renders: a test holds every
# choice to an entry of the renderer table.
OFFERED: dict[Kind, type[enum.StrEnum]] = {
    Kind.report: ReportFormat,
    Kind.check: CheckFormat,
    Kind.diff: DiffFormat,
    Kind.export: ExportFormat,
    Kind.rules: RulesFormat,
}

PLAN_HELP = "plan.yaml (default: ./plan.yaml, $KEHOACH_PLAN, the bundled plan)"
PlanOpt = Annotated[Optional[Path], typer.Option("--plan", help=PLAN_HELP, show_default=False)]
PlanArg = Annotated[Optional[Path], typer.Argument(help=f"the {PLAN_HELP}", show_default=False)]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", help="ngày tính · date: 2026-11-27 or 27/11/2026 (default: today in Việt Nam)"),
]
LangOpt = Annotated[Lang, typer.Option("--lang", help="vi (default) or en: labels, status names, dates")]
AgencyOpt = Annotated[
    Optional[str], typer.Option("--agency", help="only this agency's tasks: name, alias or abbreviation, any case")
]
RoleOpt = Annotated[Role, typer.Option("--role", help="with --agency: lead (chủ trì, default), partner or any")]
FailOnOpt = Annotated[
    Optional[list[FailOn]],
    typer.Option("--fail-on", help="exit 1 when an overdue or unowned item is listed (for CI); repeatable"),
]
ReportFormatOpt = Annotated[ReportFormat, typer.Option("--format", help="table, json, csv or markdown")]
ExcelOpt = Annotated[
    bool, typer.Option("--excel", help="with --format csv: start with a UTF-8 BOM so Excel shows Vietnamese right")
]


@dataclass(frozen=True)
class ReportArgs:
    """The options every report command shares, as typed."""

    plan: Path | None = None
    as_of: str | None = None
    fmt: Format = Format.table
    lang: Lang = Lang.vi
    agency: str | None = None
    role: Role = Role.lead
    fail_on: tuple[FailOn, ...] = ()
    excel: bool = False


_SHARED: tuple[tuple[str, Any, Any], ...] = (
    ("plan", PlanOpt, None),
    ("as_of", AsOfOpt, None),
    ("fmt", ReportFormatOpt, ReportFormat.table),
    ("lang", LangOpt, Lang.vi),
    ("agency", AgencyOpt, None),
    ("role", RoleOpt, Role.lead),
    ("fail_on", FailOnOpt, None),
    ("excel", ExcelOpt, False),
)


def with_report_options(fn: Callable[..., Any], *, role: Any = RoleOpt) -> Callable[..., Any]:
    """`fn(args: ReportArgs, **own)` as a Typer command taking its own options and the shared ones.

    Typer reads a command's parameters from its signature and type hints, so the wrapper is
    given both: `fn`'s own parameters (all but `args`) followed by the shared ones.
    """
    own = [p for name, p in inspect.signature(fn, eval_str=True).parameters.items() if name != "args"]
    shared = [
        inspect.Parameter(
            name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=role if name == "role" else hint
        )
        for name, hint, default in _SHARED
    ]

    def command(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name, _, _ in _SHARED}
        args = ReportArgs(
            values["plan"],
            values["as_of"],
            Format(values["fmt"].value),
            values["lang"],
            values["agency"],
            values["role"],
            tuple(values["fail_on"] or ()),
            values["excel"],
        )
        return fn(args, **kwargs)

    params = [*own, *shared]
    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__name__ = fn.__name__
    command.__doc__ = fn.__doc__
    return command
