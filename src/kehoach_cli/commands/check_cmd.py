"""`kehoach check`: validate a plan and its report files."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import exitcodes
from ..app import app, plan_path


class CheckFormat(enum.StrEnum):
    text = "text"
    json = "json"


PlanArg = Annotated[
    Optional[Path],
    typer.Argument(
        help="plan.yaml to read (default: ./plan.yaml, $KEHOACH_PLAN, the bundled plan)", show_default=False
    ),
]


@app.command()
def check(
    plan: PlanArg = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="text or json")] = CheckFormat.text,
) -> int:
    """Kiểm tra plan.yaml · validate the plan and its report files (exit 0 clean, 1 problems)."""
    from ..loader import load_plan
    from ..render import problems as render

    loaded = load_plan(plan_path(plan))
    name = next(iter(loaded.sources), str(loaded.path))
    if fmt is CheckFormat.json:
        sys.stdout.write(render.as_json(name, loaded.problems, loaded.ok))
    elif loaded.problems:
        sys.stdout.write(render.as_text(loaded.problems, loaded.sources))
        sys.stdout.write(f"{name}: {render.summary(loaded.problems)}\n")
    else:
        assert loaded.plan is not None
        records = sum(len(r.report.records) for r in loaded.reports if r.report) + len(loaded.plan.progress)
        sys.stdout.write(
            f"{name}: OK — {len(loaded.plan.tasks)} tasks, {len(loaded.plan.agencies)} agencies, "
            f"{records} progress records\n"
        )
    return exitcodes.OK if loaded.ok else exitcodes.FINDINGS
