"""`kehoach record`: append a progress record to the agency's own report file."""

from __future__ import annotations

import enum
import sys
from typing import Annotated, Literal, Optional

import typer

from kehoach_cli.cli import completion
from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import LangOpt, PlanOpt
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.errors import UsageProblem
from kehoach_cli.messages import N_, Msg, language, msg
from kehoach_cli.vocab import Lang


class Basis(enum.StrEnum):
    cumulative = "cumulative"
    annual = "annual"


@app.command(help=N_("append a progress record to the agency's report file (exit 2 if refused)."))
def record(
    task: Annotated[
        str,
        typer.Argument(
            metavar="TASK",
            help=N_("task id, e.g. 2.đ.1 (2.dd.1, II.2.đ.1 and any case work)"),
            autocompletion=completion.task_ids,
            show_default=False,
        ),
    ],
    done: Annotated[bool, typer.Option("--done", help=N_("The task (or --milestone, or --year) is completed"))] = False,
    started: Annotated[bool, typer.Option("--started", help=N_("Work on the task has started"))] = False,
    value: Annotated[
        Optional[str], typer.Option("--value", metavar="N", help=N_("A measured value of a target"), show_default=False)
    ] = None,
    unit: Annotated[
        Optional[str],
        typer.Option("--unit", metavar="UNIT", help=N_("Unit of --value, e.g. MW, 'triệu kWh'"), show_default=False),
    ] = None,
    date: Annotated[
        str,
        typer.Option(
            "--date", metavar="DATE", help=N_("When it happened: 2020-12-15 or 15/12/2020"), show_default=False
        ),
    ] = "",
    evidence: Annotated[
        Optional[str],
        typer.Option(
            "--evidence",
            metavar="TEXT",
            help=N_("Document and date, e.g. 'Báo cáo số 123/BC-SCT', or a URL"),
            show_default=False,
        ),
    ] = None,
    note: Annotated[
        Optional[str], typer.Option("--note", metavar="TEXT", help=N_("A short note"), show_default=False)
    ] = None,
    year: Annotated[
        Optional[int],
        typer.Option("--year", metavar="YEAR", help=N_("Year covered (recurring tasks)"), show_default=False),
    ] = None,
    metric: Annotated[
        Optional[str],
        typer.Option("--metric", metavar="METRIC", help=N_("Which target a value measures"), show_default=False),
    ] = None,
    basis: Annotated[
        Optional[Basis],
        typer.Option("--basis", help=N_("A value is the total so far or one year's amount"), show_default=False),
    ] = None,
    milestone: Annotated[
        Optional[str], typer.Option("--milestone", metavar="ID", help=N_("Milestone id"), show_default=False)
    ] = None,
    agency: Annotated[
        Optional[str],
        typer.Option(
            "--agency",
            metavar="NAME",
            help=N_("Reporting agency: name, alias, English name or id (default: the task's sole lead)"),
            autocompletion=completion.agencies,
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    lang: LangOpt = Lang.vi,
) -> Outcome:
    from kehoach_cli.asof import today
    from kehoach_cli.cli.output import emit_stream
    from kehoach_cli.cli.plan import is_bundled, load_checked, plan_path
    from kehoach_cli.record.prepare import Request, record_outcome
    from kehoach_cli.render.problems import as_text
    from kehoach_cli.render.record import notices
    from kehoach_cli.render.registry import Format, Kind
    from kehoach_cli.reports.common import find_agency
    from kehoach_cli.reports.show import task_by_reference

    shown = language()

    chosen = [k for k, on in (("done", done), ("started", started), ("value", value is not None)) if on]
    if len(chosen) != 1:
        raise UsageProblem(msg("say what happened with exactly one of --done, --started or --value N --unit U"))
    if value is not None and unit is None:
        raise UsageProblem(msg("--value needs --unit (the unit the value is measured in)"))
    if unit is not None and value is None:
        raise UsageProblem(msg("--unit belongs with --value"))
    if not date:
        raise UsageProblem(msg("--date is required: when it happened, e.g. 2020-12-15 or 15/12/2020"))
    path = plan_path(plan)
    if is_bundled(path):
        raise UsageProblem(msg("the bundled plan is read-only; pass --plan with your own copy of plan.yaml"))
    loaded = load_checked(path)
    if loaded.plan is None:
        sys.stderr.write(as_text(loaded.problems, loaded.sources, shown))
        sys.stderr.write(
            "kehoach: " + msg("the plan has problems; run `kehoach check` and fix them first").text(shown) + "\n"
        )
        return Outcome.findings
    kind: Literal["started", "done", "value"] = "done" if done else "started" if started else "value"
    # The id and the agency as the other commands accept them (2.dd.1, II.2.đ.1; an English
    # name, an id); what names nothing is left for the record rules to refuse with a hint.
    found = task_by_reference(loaded.plan, task)
    named = find_agency(loaded.registry, agency) if agency is not None else None
    request = Request(
        found.id if found is not None else task,
        kind,
        date,
        value=value,
        unit=unit,
        evidence=evidence,
        note=note,
        year=year,
        metric=metric,
        milestone=milestone,
        basis=basis.value if basis is not None else None,
        agency=named.name if named is not None else agency,
    )
    outcome = record_outcome(loaded, request, today(), on_wait=_waiting)
    if not outcome.written:
        emit_stream(Kind.record, outcome, Format.text, stream="stderr")
        return Outcome.usage
    sys.stderr.write(notices(outcome, shown))
    emit_stream(Kind.record, outcome, Format.text)
    return Outcome.ok


def _waiting(message: Msg) -> None:
    sys.stderr.write(f"kehoach: {message.text(language())}\n")
    sys.stderr.flush()
