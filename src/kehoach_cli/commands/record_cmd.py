"""`kehoach record`: append one progress record to the reporting agency's file."""

from __future__ import annotations

import enum
import re
import sys
from pathlib import Path
from typing import Annotated, Literal, Optional

import typer

from .. import exitcodes
from ..app import UsageProblem, app, plan_path


class Basis(enum.StrEnum):
    cumulative = "cumulative"
    annual = "annual"


@app.command()
def record(
    task: Annotated[str, typer.Argument(help="Task id, e.g. 2.a", show_default=False)],
    done: Annotated[bool, typer.Option("--done", help="The task (or --milestone, or --year) is completed")] = False,
    started: Annotated[bool, typer.Option("--started", help="Work on the task has started")] = False,
    value: Annotated[Optional[str], typer.Option("--value", help="A measured value of a target")] = None,
    unit: Annotated[Optional[str], typer.Option("--unit", help="Unit of --value, e.g. MW, 'triệu kWh'")] = None,
    date: Annotated[str, typer.Option("--date", help="When it happened: 2020-12-15 or 15/12/2020")] = "",
    evidence: Annotated[
        Optional[str], typer.Option("--evidence", help="Document and date, e.g. 'Báo cáo số 123/BC-SCT', or a URL")
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="A short note")] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Year covered (recurring tasks)")] = None,
    metric: Annotated[Optional[str], typer.Option("--metric", help="Which target a value measures")] = None,
    basis: Annotated[
        Optional[Basis], typer.Option("--basis", help="A value is the total so far or one year's amount")
    ] = None,
    milestone: Annotated[Optional[str], typer.Option("--milestone", help="Milestone id")] = None,
    agency: Annotated[
        Optional[str], typer.Option("--agency", help="Reporting agency (default: the task's sole lead)")
    ] = None,
    plan: Annotated[Optional[Path], typer.Option("--plan", help="plan.yaml to read")] = None,
) -> int:
    """Ghi nhận tiến độ · append a progress record to the agency's report file (exit 2 if refused)."""
    from .. import records
    from ..asof import today
    from ..loader import load_plan
    from ..render import problems as render
    from ..writer import WriteError

    chosen = [k for k, on in (("done", done), ("started", started), ("value", value is not None)) if on]
    if len(chosen) != 1:
        raise UsageProblem("say what happened with exactly one of --done, --started or --value N --unit U")
    if value is not None and unit is None:
        raise UsageProblem("--value needs --unit (the unit the value is measured in)")
    if unit is not None and value is None:
        raise UsageProblem("--unit belongs with --value")
    if not date:
        raise UsageProblem("--date is required: when it happened, e.g. 2020-12-15 or 15/12/2020")
    path = plan_path(plan)
    if path.resolve().parent == Path(__file__).resolve().parent.parent / "data":
        raise UsageProblem("the bundled plan is read-only; pass --plan with your own copy of plan.yaml")
    loaded = load_plan(path)
    if loaded.plan is None:
        sys.stderr.write(render.as_text(loaded.problems, loaded.sources))
        raise UsageProblem("the plan has errors; run `kehoach check` and fix them first")
    registry = loaded.registry
    kind: Literal["started", "done", "value"] = "done" if done else "started" if started else "value"
    request = records.Request(
        task,
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
        agency=agency,
    )
    try:
        prepared = records.prepare(loaded, registry, request, today())
        written = records.write(prepared, registry)
    except records.Refused as exc:
        for p in exc.problems:
            sys.stderr.write(f"kehoach: refused: {p.message}\n")
            if p.hint:
                # Hints name the file's keys (`year: <yyyy>`); here they are options.
                hint = re.sub(r"`(\w+):[^`]*`", r"--\1", p.hint)
                sys.stderr.write(f"  = help: {hint}\n")
        return exitcodes.USAGE
    except WriteError as exc:
        sys.stderr.write(f"kehoach: {exc}\n")
        return exitcodes.USAGE
    for p in prepared.warnings:
        sys.stderr.write(f"kehoach: warning: {p.message}\n")
    if written.changed:
        sys.stderr.write(f"kehoach: {prepared.path} changed since it was read; checked again before appending\n")
    what = f"{prepared.record.value} {prepared.record.unit}" if kind == "value" else kind
    sys.stdout.write(
        f"{prepared.path}: recorded {task} {what} on {prepared.record.date.isoformat()} for {prepared.agency.name}\n"
    )
    return exitcodes.OK
