"""`kehoach check`: validate a plan and its report files."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import CheckFormat, PlanArg, PlanOpt
from kehoach_cli.cli.outcome import Outcome


@app.command()
def check(
    plan: PlanArg = None,
    plan_opt: PlanOpt = None,
    fmt: Annotated[
        Optional[CheckFormat],
        typer.Option(
            "--format",
            help="text, json, github (annotations) or sarif (default: github under GitHub Actions, else text)",
            show_default=False,
        ),
    ] = None,
) -> Outcome:
    """Kiểm tra plan.yaml · validate the plan and its report files (exit 0 clean, 1 problems)."""
    from kehoach_cli.cli.output import emit, github_actions, options
    from kehoach_cli.cli.plan import load_checked, plan_path
    from kehoach_cli.render.registry import Format, Kind
    from kehoach_cli.rules.result import result

    loaded = load_checked(plan_path(plan or plan_opt))
    chosen = Format(fmt.value) if fmt else Format.github if github_actions() else Format.text
    emit(Kind.check, result(loaded), chosen, options(chosen, files=loaded.sources))
    return Outcome.ok if loaded.ok else Outcome.findings
