"""Compliance reports as of a date: status, overdue, upcoming, unowned, untimed, tasks, show, agencies, targets.

Each command is load → scope → evaluate → build a report value → render → outcome; the
shared steps live in `run`, the shared options in `cli.options`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import FailOn, ReportArgs, with_report_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.vocab import Role

if TYPE_CHECKING:
    from kehoach_cli.agencies import Registry
    from kehoach_cli.evaluate import Evaluation
    from kehoach_cli.reports import Report, Scope


@dataclass(frozen=True)
class Ctx:
    ev: Evaluation
    registry: Registry
    scope: Scope


Build = Callable[[Ctx], "Report"]


def report(fn: Callable[..., Outcome], *, role: Any = None) -> Callable[..., Outcome]:
    """Register `fn(args, **own)` as a command with the shared report options."""
    app.command(fn.__name__)(with_report_options(fn) if role is None else with_report_options(fn, role=role))
    return fn


@report
def status(args: ReportArgs) -> Outcome:
    """Tình hình thực hiện · one screen: counts by status, section and agency, targets, most overdue."""
    from kehoach_cli import reports

    return run(args, lambda c: reports.status(c.ev, c.scope))


@report
def overdue(args: ReportArgs) -> Outcome:
    """Nhiệm vụ quá hạn · overdue tasks, most overdue first (recurring tasks list the missing years)."""
    from kehoach_cli import reports

    return run(args, lambda c: reports.overdue(c.ev, c.scope))


@report
def upcoming(
    args: ReportArgs, within: Annotated[str, typer.Option("--within", help="window: 90d, 12w, 3m or 1y")] = "90d"
) -> Outcome:
    """Sắp đến hạn · what falls due within the window, soonest first (each recurring year on its own)."""
    from kehoach_cli import reports
    from kehoach_cli.asof import window_end

    return run(args, lambda c: reports.upcoming(c.ev, c.scope, window_end(c.ev.as_of, within)))


@report
def unowned(args: ReportArgs) -> Outcome:
    """Chưa có chủ trì · tasks with no lead, or whose every lead was dissolved (see `untimed` for no time).

    With --agency, only that agency's tasks in --role: e.g. --role partner lists the tasks
    it partners that nobody leads.
    """
    from kehoach_cli import reports

    return run(args, lambda c: reports.unowned(c.ev, c.scope))


@report
def untimed(args: ReportArgs) -> Outcome:
    """Không nêu thời hạn · tasks the source gives no time (ongoing and on-occurrence duties have one)."""
    from kehoach_cli import reports

    return run(args, lambda c: reports.untimed(c.ev, c.scope))


@report
def tasks(
    args: ReportArgs,
    status: Annotated[
        Optional[list[str]],
        typer.Option(
            "--status", help="done_on_time, done_late, open, overdue, ongoing, waiting or no_deadline; repeatable"
        ),
    ] = None,
    section: Annotated[Optional[str], typer.Option("--section", help="a section: 1 … 8 (or II.1 …), III")] = None,
    search: Annotated[
        Optional[str], typer.Option("--search", help="text in the ID or title, without accents or case")
    ] = None,
) -> Outcome:
    """Danh sách nhiệm vụ · every task with its status, filtered by status, section or text."""
    from kehoach_cli import reports

    return run(args, lambda c: reports.tasks(c.ev, c.scope, status or (), section, search))


@report
def show(
    args: ReportArgs,
    task_id: Annotated[str, typer.Argument(metavar="ID", help="task ID, e.g. 2.đ.1 (2.dd.1 and any case work)")],
) -> Outcome:
    """Chi tiết nhiệm vụ · one task in full: deadlines, status of each, agencies, targets, history.

    With --agency, the task as that agency holds it in --role (an error if it does not).
    """
    from kehoach_cli import reports

    return run(args, lambda c: reports.show(c.ev, c.registry, task_id, c.scope))


def agencies(args: ReportArgs) -> Outcome:
    """Cơ quan thực hiện · each agency's lead and partner tasks, on-time scorecard and successor.

    --agency shows that agency only; --role picks the tasks the scorecard counts (lead by default).
    """
    from kehoach_cli import reports

    return run(args, lambda c: reports.agencies(c.ev, c.registry, c.scope))


report(
    agencies,
    role=Annotated[
        Role, typer.Option("--role", help="tasks the scorecard counts: lead (chủ trì, default), partner or any")
    ],
)


@report
def targets(args: ReportArgs) -> Outcome:
    """Chỉ tiêu · each target's latest actual, required value, attainment and pace ("no data" is not zero)."""
    from kehoach_cli import reports

    return run(args, lambda c: reports.targets(c.ev, c.scope))


# --- the shared pipeline ---------------------------------------------------------------------


def run(args: ReportArgs, build: Build) -> Outcome:
    from kehoach_cli.asof import as_of
    from kehoach_cli.cli.output import emit, options
    from kehoach_cli.cli.plan import load_valid
    from kehoach_cli.errors import UsageProblem
    from kehoach_cli.evaluate import evaluate
    from kehoach_cli.progress import collect
    from kehoach_cli.render.registry import Format, Kind
    from kehoach_cli.reports import scope

    if args.excel and args.fmt is not Format.csv:
        raise UsageProblem("applies to --format csv only", "excel")
    date = as_of(args.as_of)
    loaded = load_valid(args.plan)
    if loaded is None or loaded.plan is None:
        return Outcome.findings
    registry = loaded.registry
    # Scope before work: an unknown --agency is a usage error before anything is evaluated.
    chosen = scope(registry, date, args.agency, args.role)
    value = build(Ctx(evaluate(loaded.plan, registry, date, collect(loaded, registry)), registry, chosen))
    emit(Kind.report, value, args.fmt, options(args.fmt, args.lang, excel=args.excel))
    return fail_on(value, args.fail_on)


def fail_on(value: Report, kinds: tuple[FailOn, ...]) -> Outcome:
    """ok, or findings when `--fail-on` names a kind of item the report lists."""
    if FailOn.overdue in kinds and value.overdue_items:
        return Outcome.findings
    if FailOn.unowned in kinds and value.unowned_items:
        return Outcome.findings
    return Outcome.ok
