"""`kehoach export`: the normalised plan with each task's progress."""

from __future__ import annotations

from typing import Annotated

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import ExportFormat, PlanOpt, with_output_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.cli.output import OutputArgs
from kehoach_cli.messages import N_


def export(
    out: OutputArgs,
    plan: PlanOpt = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help=N_("json or yaml"))] = ExportFormat.json,
) -> Outcome:
    from kehoach_cli.cli.output import emit
    from kehoach_cli.cli.plan import load_valid
    from kehoach_cli.render.registry import Format, Kind
    from kehoach_cli.reports.export import exported

    loaded = load_valid(plan)
    if loaded is None:
        return Outcome.findings
    emit(Kind.export, exported(loaded), Format(fmt.value), out, keep=[loaded.path])
    return Outcome.ok


app.command("export", help=N_("print the normalised plan (the stable machine interface)."))(with_output_options(export))
