"""`kehoach export`: the normalised plan as JSON or YAML."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import exitcodes
from ..app import app, load_valid


class ExportFormat(enum.StrEnum):
    json = "json"
    yaml = "yaml"


@app.command()
def export(
    plan: Annotated[Optional[Path], typer.Option("--plan", help="plan.yaml to read")] = None,
    fmt: Annotated[ExportFormat, typer.Option("--format", help="json or yaml")] = ExportFormat.json,
) -> int:
    """Xuất kế hoạch đã chuẩn hoá · print the normalised plan (the stable machine interface)."""
    from ..export import export as build
    from ..records import by_task

    loaded = load_valid(plan)
    if loaded is None or loaded.plan is None:
        return exitcodes.FINDINGS
    registry = loaded.registry
    progress = by_task(loaded, registry)
    data = build(loaded.plan, registry, {t.id: {"progress": progress.get(t.id, [])} for t in loaded.plan.tasks})
    if fmt is ExportFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        from ..yamlio import dump

        sys.stdout.write(dump(data))
    return exitcodes.OK
