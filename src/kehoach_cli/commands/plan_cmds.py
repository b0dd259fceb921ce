"""`check`, `schema`, `export`: the plan as validated data."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import exitcodes
from ..app import app, plan_path


class CheckFormat(str, enum.Enum):
    text = "text"
    json = "json"


class ExportFormat(str, enum.Enum):
    json = "json"
    yaml = "yaml"


PlanArg = Annotated[
    Optional[Path],
    typer.Argument(help="plan.yaml to read (default: ./plan.yaml, $KEHOACH_PLAN, the bundled plan)", show_default=False),
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


@app.command()
def schema() -> int:
    """In JSON Schema của plan.yaml · print the JSON Schema of plan.yaml."""
    from ..schema import plan_schema

    sys.stdout.write(plan_schema())
    return exitcodes.OK


@app.command()
def export(
    plan: Annotated[Optional[Path], typer.Option("--plan", help="plan.yaml to read")] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json or yaml")] = ExportFormat.json,
) -> int:
    """Xuất kế hoạch đã chuẩn hoá · print the normalised plan (the stable machine interface)."""
    from ..export import export as build
    from ..loader import load_plan
    from ..render import problems as render

    loaded = load_plan(plan_path(plan))
    if not loaded.ok or loaded.plan is None:
        sys.stderr.write(render.as_text(loaded.problems, loaded.sources))
        sys.stderr.write("kehoach: the plan has problems; run `kehoach check` and fix them first\n")
        return exitcodes.FINDINGS
    data = build(loaded.plan, loaded.registry)
    if fmt is ExportFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from ..yamlio import dump

        sys.stdout.write(dump(data))
    return exitcodes.OK
