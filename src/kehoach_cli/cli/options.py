"""Command-line options declared once, and the decorators that give commands the shared ones.

`with_output_options` adds -o/--output, --color and --no-pager to a command that prints;
`with_report_options` adds those and --plan, --as-of, --format, --lang, --agency, --role,
--fail-on and --excel to every report, and with ``window=True`` the report window
(--period, --from, --to). Every value is named by a metavar (DATE, FILE, NAME) in help.
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from kehoach_cli.cli import completion
from kehoach_cli.cli.output import Color, OutputArgs
from kehoach_cli.messages import N_, set_language
from kehoach_cli.render.registry import Format, Kind, ReviewFormat
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
    Kind.review: ReviewFormat,
    Kind.report: ReportFormat,
    Kind.check: CheckFormat,
    Kind.diff: DiffFormat,
    Kind.export: ExportFormat,
    Kind.rules: RulesFormat,
}

PlanOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--plan",
        metavar="FILE",
        help=N_("plan.yaml (default: ./plan.yaml, $KEHOACH_PLAN, the bundled plan)"),
        show_default=False,
    ),
]
PlanArg = Annotated[
    Optional[Path],
    typer.Argument(
        metavar="PLAN",
        help=N_("the plan.yaml (default: ./plan.yaml, $KEHOACH_PLAN, the bundled plan); or --plan"),
        show_default=False,
    ),
]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option(
        "--as-of",
        metavar="DATE",
        help=N_("the date reports are judged on: 2026-11-27 or 27/11/2026 (default: today in Việt Nam)"),
        show_default=False,
    ),
]


def _use_language(value: Lang | None) -> Lang | None:
    """The language chosen, for every message from here on (main's pre-scan chose it for help)."""
    if value is not None:
        set_language(value.value)
    return value


LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="KEHOACH_LANG",
        show_envvar=True,
        callback=_use_language,
        help=N_("language of every message and report: vi (default) or en"),
    ),
]
AgencyOpt = Annotated[
    Optional[str],
    typer.Option(
        "--agency",
        metavar="NAME",
        help=N_(
            "only this agency's tasks: its name, an alias, its English name or its id (see `kehoach agencies`),"
            " any case, with or without accents"
        ),
        autocompletion=completion.agencies,
        show_default=False,
    ),
]
RoleOpt = Annotated[Role, typer.Option("--role", help=N_("with --agency: lead (chủ trì, default), partner or any"))]
FailOnOpt = Annotated[
    Optional[list[FailOn]],
    typer.Option(
        "--fail-on",
        help=N_("exit 1, saying why on stderr, when an overdue or unowned item is listed (for CI); repeatable"),
        show_default=False,
    ),
]
ReportFormatOpt = Annotated[ReportFormat, typer.Option("--format", help=N_("table, json, csv or markdown"))]
ExcelOpt = Annotated[
    bool, typer.Option("--excel", help=N_("with --format csv: start with a UTF-8 byte-order mark, for Excel"))
]
OutputOpt = Annotated[
    Optional[str],
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help=N_("write to FILE (atomically: all or nothing) instead of standard output; `-o -` is standard output"),
        show_default=False,
    ),
]
ColorOpt = Annotated[
    Color,
    typer.Option(
        "--color", help=N_("colour tables: auto (a terminal, unless NO_COLOR), always (or FORCE_COLOR), never")
    ),
]
NoPagerOpt = Annotated[
    bool, typer.Option("--no-pager", help=N_("never page long output on a terminal (else $PAGER, default less)"))
]
PeriodOpt = Annotated[
    Optional[str],
    typer.Option(
        "--period",
        metavar="PERIOD",
        help=N_("only deadlines in a year 2026, a quarter 2026q1, a half-year 2026h2 or a month 2026-06"),
        show_default=False,
    ),
]
FromOpt = Annotated[
    Optional[str],
    typer.Option("--from", metavar="DATE", help=N_("only deadlines on or after DATE"), show_default=False),
]
ToOpt = Annotated[
    Optional[str],
    typer.Option("--to", metavar="DATE", help=N_("only deadlines on or before DATE"), show_default=False),
]


@dataclass(frozen=True)
class WindowArgs:
    """--period, --from, --to (and `upcoming`'s --within), as given."""

    period: str | None = None
    start: str | None = None
    end: str | None = None


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
    out: OutputArgs = field(default_factory=OutputArgs)
    window: WindowArgs = field(default_factory=WindowArgs)


Shared = tuple[tuple[str, Any, Any], ...]

_OUTPUT: Shared = (
    ("output", OutputOpt, None),
    ("color", ColorOpt, Color.auto),
    ("no_pager", NoPagerOpt, False),
)
# Every command takes --lang; a command without other use for it leaves it to the option's
# callback, which sets the language of all its messages (`messages.language()`).
_LANG: Shared = (("lang", LangOpt, Lang.vi),)
_REPORT: Shared = (
    ("plan", PlanOpt, None),
    ("as_of", AsOfOpt, None),
    ("fmt", ReportFormatOpt, ReportFormat.table),
    ("lang", LangOpt, Lang.vi),
    ("agency", AgencyOpt, None),
    ("role", RoleOpt, Role.lead),
    ("fail_on", FailOnOpt, None),
    ("excel", ExcelOpt, False),
)
_WINDOW: Shared = (
    ("period", PeriodOpt, None),
    ("start", FromOpt, None),
    ("end", ToOpt, None),
)


def _output(values: dict[str, Any]) -> OutputArgs:
    return OutputArgs(values["output"], values["color"], not values["no_pager"])


def _extend(
    fn: Callable[..., Any], shared: Sequence[tuple[str, Any, Any]], build: Callable[[dict[str, Any]], dict[str, Any]]
) -> Callable[..., Any]:
    """`fn` as a Typer command taking its own parameters and `shared` ones; `build` turns the
    shared values into the keyword arguments `fn` receives instead.

    Typer reads a command's parameters from its signature and type hints, so the wrapper is
    given both: `fn`'s own parameters (all but those `build` supplies) followed by the shared ones.
    """
    supplied = set(build({name: default for name, _, default in shared}))
    own = [p for name, p in inspect.signature(fn, eval_str=True).parameters.items() if name not in supplied]
    params = [
        *own,
        *(
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=hint)
            for name, hint, default in shared
        ),
    ]

    def command(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name, _, _ in shared}
        return fn(**build(values), **kwargs)

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in params}
    command.__name__ = fn.__name__
    command.__doc__ = fn.__doc__
    return command


def with_output_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn(out: OutputArgs, **own)` as a command that also takes -o, --color, --no-pager and --lang."""
    return _extend(fn, (*_OUTPUT, *_LANG), lambda v: {"out": _output(v)})


def with_lang(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`fn(**own)` as a command that also takes --lang (its messages follow it)."""
    return _extend(fn, _LANG, lambda v: {})


def with_report_options(fn: Callable[..., Any], *, role: Any = RoleOpt, window: bool = False) -> Callable[..., Any]:
    """`fn(args: ReportArgs, **own)` as a command taking its own options and the shared ones."""
    shared = tuple((name, role if name == "role" else hint, default) for name, hint, default in _REPORT)
    shared += (_WINDOW if window else ()) + _OUTPUT

    def build(v: dict[str, Any]) -> dict[str, Any]:
        return {
            "args": ReportArgs(
                v["plan"],
                v["as_of"],
                Format(v["fmt"].value),
                v["lang"],
                v["agency"],
                v["role"],
                tuple(v["fail_on"] or ()),
                v["excel"],
                _output(v),
                WindowArgs(v.get("period"), v.get("start"), v.get("end")),
            )
        }

    return _extend(fn, shared, build)


def one_plan(positional: Path | None, option: Path | None) -> Path | None:
    """A plan given as the argument or as --plan (the same file twice is fine)."""
    from kehoach_cli.errors import UsageProblem
    from kehoach_cli.messages import msg

    if positional is not None and option is not None and positional != option:
        raise UsageProblem(
            msg("and the argument {plan} name two plans: give one", plan=repr(str(positional))), "plan", str(option)
        )
    return positional if positional is not None else option
