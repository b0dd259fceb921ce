"""Compliance reports as of a date: status, overdue, upcoming, unowned, untimed, tasks, show, agencies, targets.

Each command is load → scope → evaluate → build a report value → render → outcome; the
shared steps live in `run`, the shared options in `cli.options`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from kehoach_cli.cli import completion
from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import FailOn, ReportArgs, with_report_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.errors import UsageProblem
from kehoach_cli.messages import N_, msg, nmsg
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


Command = Callable[..., Outcome]


def report(*, help: str, role: Any = None, window: bool = False) -> Callable[[Command], Command]:
    """Register `fn(args, **own)` as a command with the shared report options (and, with
    `window`, --period/--from/--to); `help` is its English help, translated when shown."""

    def register(fn: Command) -> Command:
        extra = {} if role is None else {"role": role}
        app.command(fn.__name__, help=help)(with_report_options(fn, window=window, **extra))
        return fn

    return register


@report(
    window=True,
    help=N_(
        "one screen: counts with the completion and on-time rates, the most overdue tasks and what to run next; --full for every breakdown."
    ),
)
def status(
    args: ReportArgs,
    full: Annotated[
        bool, typer.Option("--full", help=N_("the whole breakdown: by section, by agency, targets, the most overdue"))
    ] = False,
) -> Outcome:
    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.status(c.ev, c.scope, full=full)

    return run(args, build, given=("status", full))


@report(window=True, help=N_("overdue tasks, most overdue first (recurring tasks list the missing years)."))
def overdue(args: ReportArgs) -> Outcome:
    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.overdue(c.ev, c.scope)

    return run(args, build, given=("overdue",))


@report(window=True, help=N_("what falls due within the window, soonest first (each recurring year on its own)."))
def upcoming(
    args: ReportArgs,
    within: Annotated[
        Optional[str],
        typer.Option(
            "--within",
            metavar="SPAN",
            help=N_("window from the as-of date: 90d, 12w, 3m, 2q, 1h or 1y (default 90d; or --period, --from/--to)"),
            show_default=False,
        ),
    ] = None,
) -> Outcome:
    given = args.window.period is not None or args.window.start is not None or args.window.end is not None
    default = None if given else "90d"

    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.upcoming(c.ev, c.scope)

    return run(args, build, within=within or default, given=("upcoming",))


@report(
    help=N_(
        "tasks with no lead, or whose every lead was dissolved (see `untimed` for no time).\n\nWith --agency, only that agency's tasks in --role: e.g. --role partner lists the tasks it partners that nobody leads."
    )
)
def unowned(args: ReportArgs) -> Outcome:
    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.unowned(c.ev, c.scope)

    return run(args, build, given=("unowned",))


@report(help=N_("tasks the source gives no time (ongoing and on-occurrence duties have one)."))
def untimed(args: ReportArgs) -> Outcome:
    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.untimed(c.ev, c.scope)

    return run(args, build, given=("untimed",))


@report(window=True, help=N_("every task with its status, filtered by status, section, text or period."))
def tasks(
    args: ReportArgs,
    status: Annotated[
        Optional[list[str]],
        typer.Option(
            "--status",
            metavar="STATUS",
            help=N_(
                "done_on_time, done_late, open, overdue, ongoing, waiting or no_deadline, or a status name in either"
                ' language with or without accents ("quá hạn", "hoàn thành đúng hạn", "done late"); repeatable'
            ),
            autocompletion=completion.statuses,
            show_default=False,
        ),
    ] = None,
    section: Annotated[
        Optional[str],
        typer.Option("--section", metavar="SECTION", help=N_("a section: 1 … 8 (or II.1 …), III"), show_default=False),
    ] = None,
    search: Annotated[
        Optional[str],
        typer.Option(
            "--search", metavar="TEXT", help=N_("text in the ID or title, without accents or case"), show_default=False
        ),
    ] = None,
) -> Outcome:
    given = ("tasks", tuple(status or ()), section, search)

    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.tasks(c.ev, c.scope, status or (), section, search)

    return run(args, build, given=given)


@report(
    help=N_(
        "one task in full: deadlines, status of each, agencies, targets, history.\n\nWith --agency, the task as that agency holds it in --role (an error if it does not)."
    )
)
def show(
    args: ReportArgs,
    task_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=N_("task ID, e.g. 2.đ.1 (2.dd.1, the document's II.2.đ.1 and any case work)"),
            autocompletion=completion.task_ids,
        ),
    ],
) -> Outcome:
    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.show(c.ev, c.registry, task_id, c.scope)

    return run(args, build, given=("show", task_id))


@report(
    help=N_(
        "each agency (by id, in Vietnamese alphabetical order): lead and partner tasks, the scorecard with both "
        "rates, successor; a total row.\n\n--agency shows that agency only; --role picks the tasks the scorecard "
        "counts (lead by default)."
    ),
    window=True,
    role=Annotated[
        Role, typer.Option("--role", help=N_("tasks the scorecard counts: lead (chủ trì, default), partner or any"))
    ],
)
def agencies(
    args: ReportArgs,
    aliases: Annotated[bool, typer.Option("--aliases", help=N_("list each agency's other names too"))] = False,
) -> Outcome:
    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.agencies(c.ev, c.registry, c.scope, aliases=aliases)

    return run(args, build, given=("agencies", aliases))


@report(help=N_('each target\'s latest actual, required value, attainment and pace ("no data" is not zero).'))
def targets(args: ReportArgs) -> Outcome:
    def build(c: Ctx) -> Report:
        from kehoach_cli import reports

        return reports.targets(c.ev, c.scope)

    return run(args, build, given=("targets",))


# --- the shared pipeline ---------------------------------------------------------------------


def run(args: ReportArgs, build: Build, *, within: str | None = None, given: tuple[object, ...]) -> Outcome:
    """`given`: the command's name and its own options (the shared ones are in `args`): with
    them the report's output is kept in the plan cache and served from it. What a kept
    output needs is imported first; the plan's load and evaluation only on a miss."""
    from kehoach_cli.asof import as_of, window
    from kehoach_cli.cli.output import options, write
    from kehoach_cli.cli.plan import plan_path
    from kehoach_cli.render.registry import Format

    if args.excel and args.fmt is not Format.csv:
        raise UsageProblem(msg("adds a byte-order mark to CSV for Excel: use it with --format csv"), "excel")
    date = as_of(args.as_of)
    chosen_window = window(date, period=args.window.period, start=args.window.start, end=args.window.end, within=within)
    path = plan_path(args.plan)
    shown = options(args.fmt, args.lang, args.out, excel=args.excel)
    # Everything the output depends on besides the plan's files (which the cache checks):
    # the command and its options, the shared options, the date and window they give, and
    # how it is shown (language, width, colour), so a table is kept per terminal width.
    key = repr((given, args, date, chosen_window, shown))
    kept = _kept(path, key)
    if kept is not None:
        warning, text, overdue_items, unowned_items = kept
        sys.stderr.write(warning)
        write(text, args.out, [path])
        return fail_on_counts(overdue_items, unowned_items, args.fail_on, args.lang)

    from kehoach_cli.cli.plan import load_valid
    from kehoach_cli.evaluate import evaluate
    from kehoach_cli.labels import date as shown_date
    from kehoach_cli.progress import collect
    from kehoach_cli.render.registry import Kind, render
    from kehoach_cli.reports import scope

    loaded = load_valid(args.plan, cached=True)
    if loaded is None or loaded.plan is None:
        return Outcome.findings
    issued = loaded.plan.plan.date
    warning = ""
    if date < issued:
        early = msg(
            "--as-of {date} is before the plan was issued ({issued}): nothing can be due yet",
            date=date.isoformat(),
            issued=shown_date(issued, args.lang),
        )
        warning = f"kehoach: {msg('warning').text(args.lang)}: {early.text(args.lang)}\n"
    sys.stderr.write(warning)
    registry = loaded.registry
    # Scope before work: an unknown --agency is a usage error before anything is evaluated.
    chosen = scope(registry, date, args.agency, args.role, chosen_window)
    value = build(Ctx(evaluate(loaded.plan, registry, date, collect(loaded, registry)), registry, chosen))
    text = render(Kind.report, value, args.fmt, shown)
    write(text, args.out, [loaded.path])
    from kehoach_cli.load import cache

    cache.store_report(loaded.path, key, (warning, text, value.overdue_items, value.unowned_items))
    return fail_on(value, args.fail_on, args.lang)


def _kept(path: Path, key: str) -> tuple[str, str, int, int] | None:
    from kehoach_cli.cli import plan
    from kehoach_cli.load import cache
    from kehoach_cli.load.access import DEFAULT_MAX_SIZE

    kept = cache.report_output(path, plan.read_limit or DEFAULT_MAX_SIZE, key)
    if not (isinstance(kept, tuple) and len(kept) == 4):
        return None
    return kept


def fail_on(value: Report, kinds: tuple[FailOn, ...], lang: str = "en") -> Outcome:
    """ok, or findings when `--fail-on` names a kind of item the report lists, said in one
    line on stderr so that a CI log shows why the job failed."""
    return fail_on_counts(value.overdue_items, value.unowned_items, kinds, lang)


def fail_on_counts(overdue_items: int, unowned_items: int, kinds: tuple[FailOn, ...], lang: str = "en") -> Outcome:
    counted = (
        (FailOn.overdue, overdue_items, nmsg("{n} overdue item", "{n} overdue items", overdue_items)),
        (FailOn.unowned, unowned_items, nmsg("{n} unowned item", "{n} unowned items", unowned_items)),
    )
    tripped = [words for kind, n, words in counted if kind in kinds and n]
    if not tripped:
        return Outcome.ok
    names = " ".join(f"--fail-on {k.value}" for k in kinds)
    both = msg("{first} and {second}", first=tripped[0], second=tripped[-1])
    listed = msg("{items} listed", items=tripped[0] if len(tripped) == 1 else both)
    sys.stderr.write(f"kehoach: {names}: {listed.text(lang)}\n")
    return Outcome.findings
