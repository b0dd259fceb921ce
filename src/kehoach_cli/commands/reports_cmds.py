"""Compliance reports as of a date: status, overdue, upcoming, unowned, tasks, show, agencies, targets.

Each command is load → evaluate → build a report value → render → exit code; the shared
steps live in `_run`. Heavy modules are imported inside functions so `--help` stays fast.
"""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import exitcodes
from ..app import app, load_valid
from ..render.registry import Format

if TYPE_CHECKING:
    from ..agencies import Registry
    from ..evaluate import Evaluation
    from ..reports import Report, Scope


class Lang(enum.StrEnum):
    vi = "vi"
    en = "en"


class Role(enum.StrEnum):
    lead = "lead"
    partner = "partner"
    any = "any"


class FailOn(enum.StrEnum):
    overdue = "overdue"
    unowned = "unowned"


PlanOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--plan", help="plan.yaml (default: ./plan.yaml, $KEHOACH_PLAN, the bundled plan)", show_default=False
    ),
]
AsOfOpt = Annotated[
    Optional[str],
    typer.Option("--as-of", help="ngày tính · date: 2026-11-27 or 27/11/2026 (default: today in Việt Nam)"),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="table, json, csv or markdown")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="vi (default) or en: labels, status names, dates")]
AgencyOpt = Annotated[
    Optional[str], typer.Option("--agency", help="only this agency's tasks: name, alias or abbreviation, any case")
]
RoleOpt = Annotated[Role, typer.Option("--role", help="with --agency: lead (chủ trì, default), partner or any")]
FailOnOpt = Annotated[
    Optional[list[FailOn]],
    typer.Option("--fail-on", help="exit 1 when an overdue or unowned item is listed (for CI); repeatable"),
]


@dataclass(frozen=True)
class Ctx:
    ev: Evaluation
    registry: Registry

    def scope(self, agency: str | None, role: Role = Role.lead) -> Scope:
        from ..reports import scope

        return scope(self.registry, self.ev.as_of, agency, role.value)


@app.command()
def status(
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Tình hình thực hiện · one screen: counts by status, section and agency, targets, most overdue."""
    from .. import reports

    return _run(plan, as_of, fmt, lang, fail_on, lambda c: reports.status(c.ev, c.scope(agency, role)))


@app.command()
def overdue(
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Nhiệm vụ quá hạn · overdue tasks, most overdue first (recurring tasks list the missing years)."""
    from .. import reports

    return _run(plan, as_of, fmt, lang, fail_on, lambda c: reports.overdue(c.ev, c.scope(agency, role)))


@app.command()
def upcoming(
    within: Annotated[str, typer.Option("--within", help="window: 90d, 12w, 3m or 1y")] = "90d",
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Sắp đến hạn · what falls due within the window, soonest first (each recurring year on its own)."""
    from .. import reports
    from ..asof import window_end

    def build(c: Ctx) -> Report:
        return reports.upcoming(c.ev, c.scope(agency, role), window_end(c.ev.as_of, within))

    return _run(plan, as_of, fmt, lang, fail_on, build)


@app.command()
def unowned(
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Chưa có chủ trì · tasks with no lead (or whose lead was dissolved); tasks without a deadline too.

    With --agency, only that agency's tasks in --role: e.g. --role partner lists the tasks
    it partners that nobody leads or that have no deadline.
    """
    from .. import reports

    return _run(plan, as_of, fmt, lang, fail_on, lambda c: reports.unowned(c.ev, c.scope(agency, role)))


@app.command()
def tasks(
    status: Annotated[
        Optional[list[str]],
        typer.Option("--status", help="done_on_time, done_late, open, overdue, waiting or no_deadline; repeatable"),
    ] = None,
    section: Annotated[Optional[str], typer.Option("--section", help="a section: 1 … 8 (or II.1 …), III")] = None,
    search: Annotated[
        Optional[str], typer.Option("--search", help="text in the ID or title, without accents or case")
    ] = None,
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Danh sách nhiệm vụ · every task with its status, filtered by status, section or text."""
    from .. import reports

    def build(c: Ctx) -> Report:
        return reports.tasks(c.ev, c.scope(agency, role), status or (), section, search)

    return _run(plan, as_of, fmt, lang, fail_on, build)


@app.command()
def show(
    task_id: Annotated[str, typer.Argument(metavar="ID", help="task ID, e.g. 2.đ.1 (2.dd.1 and any case work)")],
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Chi tiết nhiệm vụ · one task in full: deadlines, status of each, agencies, targets, history.

    With --agency, the task as that agency holds it in --role (an error if it does not).
    """
    from .. import reports

    return _run(
        plan, as_of, fmt, lang, fail_on, lambda c: reports.show(c.ev, c.registry, task_id, c.scope(agency, role))
    )


@app.command()
def agencies(
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: Annotated[
        Role, typer.Option("--role", help="tasks the scorecard counts: lead (chủ trì, default), partner or any")
    ] = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Cơ quan thực hiện · each agency's lead and partner tasks, on-time scorecard and successor.

    --agency shows that agency only; --role picks the tasks the scorecard counts (lead by default).
    """
    from .. import reports

    return _run(plan, as_of, fmt, lang, fail_on, lambda c: reports.agencies(c.ev, c.registry, c.scope(agency, role)))


@app.command()
def targets(
    plan: PlanOpt = None,
    as_of: AsOfOpt = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = Lang.vi,
    agency: AgencyOpt = None,
    role: RoleOpt = Role.lead,
    fail_on: FailOnOpt = None,
) -> int:
    """Chỉ tiêu · each target's latest actual, required value, attainment and pace ("no data" is not zero)."""
    from .. import reports

    return _run(plan, as_of, fmt, lang, fail_on, lambda c: reports.targets(c.ev, c.scope(agency, role)))


# --- the shared pipeline ---------------------------------------------------------------------


def _run(
    plan: Path | None,
    as_of: str | None,
    fmt: Format,
    lang: Lang,
    fail_on: list[FailOn] | None,
    build: Callable[[Ctx], Report],
) -> int:
    from ..asof import as_of as parse_as_of
    from ..evaluate import evaluate
    from ..records import collect
    from ..render.registry import RenderOptions, render

    date = parse_as_of(as_of)
    loaded = load_valid(plan)
    if loaded is None or loaded.plan is None:
        return exitcodes.FINDINGS
    registry = loaded.registry
    report = build(Ctx(evaluate(loaded.plan, registry, date, collect(loaded, registry)), registry))
    opts = RenderOptions("en" if lang is Lang.en else "vi", _width(), fmt is Format.table and _color())
    sys.stdout.write(render(report, fmt, opts))
    return exit_code(report, fail_on or [])


def exit_code(report: Report, fail_on: list[FailOn]) -> int:
    """0, or 1 when `--fail-on` names a kind of item the report lists."""
    if FailOn.overdue in fail_on and report.overdue_items:
        return exitcodes.FINDINGS
    if FailOn.unowned in fail_on and report.unowned_items:
        return exitcodes.FINDINGS
    return exitcodes.OK


def _width() -> int:
    """$COLUMNS, else the terminal's width, else 80 (a pipe or a file)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return 80


def _color() -> bool:
    """Colour only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (ValueError, AttributeError):
        return False
