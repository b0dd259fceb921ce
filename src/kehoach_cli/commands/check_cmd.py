"""`kehoach check`: validate a plan and its report files."""

from __future__ import annotations

import enum
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import exitcodes
from ..app import app, plan_path

if TYPE_CHECKING:
    from ..loader import Loaded


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"


PlanArg = Annotated[
    Optional[Path],
    typer.Argument(
        help="plan.yaml to read (default: ./plan.yaml, $KEHOACH_PLAN, the bundled plan)", show_default=False
    ),
]


@app.command()
def check(
    plan: PlanArg = None,
    fmt: Annotated[
        Optional[CheckFormat],
        typer.Option(
            "--format",
            help="text, json, github (annotations) or sarif (default: github under GitHub Actions, else text)",
            show_default=False,
        ),
    ] = None,
) -> int:
    """Kiểm tra plan.yaml · validate the plan and its report files (exit 0 clean, 1 problems)."""
    from ..loader import load_plan
    from ..render import github
    from ..render import problems as render

    loaded = load_plan(plan_path(plan))
    name = next(iter(loaded.sources), str(loaded.path))
    if fmt is None:
        fmt = CheckFormat.github if github.wanted(os.environ) else CheckFormat.text
    if fmt is CheckFormat.json:
        sys.stdout.write(render.as_json(name, loaded.problems, loaded.ok))
    elif fmt is CheckFormat.sarif:
        from ..render.sarif import as_sarif

        sys.stdout.write(as_sarif(loaded.problems))
    elif fmt is CheckFormat.github:
        sys.stdout.write(github.as_github(loaded.problems))
        sys.stdout.write(_summary(loaded, name))
    else:
        if loaded.problems:
            sys.stdout.write(render.as_text(loaded.problems, loaded.sources))
        sys.stdout.write(_summary(loaded, name))
    return exitcodes.OK if loaded.ok else exitcodes.FINDINGS


def _summary(loaded: Loaded, name: str) -> str:
    from ..render import problems as render

    if loaded.problems:
        return f"{name}: {render.summary(loaded.problems)}\n"
    assert loaded.plan is not None
    records = sum(len(r.report.records) for r in loaded.reports if r.report) + len(loaded.plan.progress)
    return (
        f"{name}: OK — {len(loaded.plan.tasks)} tasks, {len(loaded.plan.agencies)} agencies, "
        f"{records} progress records\n"
    )
