"""`kehoach check`: validate a plan and its report files."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import CheckFormat, PlanArg, PlanOpt, one_plan, with_output_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.cli.output import OutputArgs
from kehoach_cli.messages import N_


def check(
    out: OutputArgs,
    plan: PlanArg = None,
    plan_opt: PlanOpt = None,
    fmt: Annotated[
        Optional[CheckFormat],
        typer.Option(
            "--format",
            help=N_("text, json, github (annotations) or sarif (default: github under GitHub Actions, else text)"),
            show_default=False,
        ),
    ] = None,
) -> Outcome:
    from kehoach_cli.cli.output import emit, github_actions
    from kehoach_cli.cli.plan import checked, plan_path
    from kehoach_cli.render.registry import Format, Kind

    path = plan_path(one_plan(plan, plan_opt))
    found = checked(path)
    chosen = Format(fmt.value) if fmt else Format.github if github_actions() else Format.text
    emit(Kind.check, found, chosen, out, files=found.sources, keep=[path])
    return Outcome.ok if found.ok else Outcome.findings


app.command("check", help=N_("validate the plan and its report files (exit 0 clean, 1 problems)."))(
    with_output_options(check)
)
