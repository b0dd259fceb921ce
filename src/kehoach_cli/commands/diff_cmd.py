"""`kehoach diff`: what an edit changes in plan terms, and whether amendments cover it."""

from __future__ import annotations

import enum
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .. import exitcodes
from ..app import UsageProblem, app, plan_path

if TYPE_CHECKING:
    from ..diff import Diff
    from ..loader import Loaded


class DiffFormat(enum.StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    sarif = "sarif"


def renderers() -> dict[DiffFormat, Callable[[Diff], str]]:
    from ..render import diff as r

    return {
        DiffFormat.text: r.as_text,
        DiffFormat.json: r.as_json,
        DiffFormat.markdown: r.as_markdown,
        DiffFormat.github: r.as_github,
        DiffFormat.sarif: r.as_sarif,
    }


@app.command()
def diff(
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(help="OLD NEW, or with --base only the plan (default: ./plan.yaml)", show_default=False),
    ] = None,
    base: Annotated[
        Optional[str],
        typer.Option(
            "--base", help="compare with the plan at this git revision (e.g. origin/main)", show_default=False
        ),
    ] = None,
    fmt: Annotated[
        Optional[DiffFormat],
        typer.Option(
            "--format",
            help="text, json, markdown, github or sarif (default: github under GitHub Actions, else text)",
            show_default=False,
        ),
    ] = None,
) -> int:
    """So sánh hai phiên bản kế hoạch · compare two versions of a plan: `diff OLD NEW` or
    `diff --base REF [PLAN]`. Exit 1 when a change weakens a task (deadline later, target
    lower, task or lead removed) and no new amendment covers it."""
    from ..diff import from_loaded
    from ..render.github import wanted

    old, new, old_label = _versions(files or [], base)
    result = from_loaded(old, new, old_label=old_label)
    chosen = fmt or (DiffFormat.github if wanted(os.environ) else DiffFormat.text)
    sys.stdout.write(renderers()[chosen](result))
    return exitcodes.OK if result.ok else exitcodes.FINDINGS


def _versions(files: list[Path], base: str | None) -> tuple[Loaded | None, Loaded, str | None]:
    """(old, new, label of the old version); old None when the file is new at --base."""
    from ..loader import load_plan

    if base is None:
        if len(files) != 2:
            raise UsageProblem("diff needs two plan files (OLD NEW), or --base REF [PLAN]")
        old_path, new_path = files
        return load_plan(old_path, with_reports=False), load_plan(new_path, with_reports=False), None
    if len(files) > 1:
        raise UsageProblem("with --base, give at most one plan file (the new version)")
    path = plan_path(files[0] if files else None)
    new = load_plan(path, with_reports=False)
    return _with_base(path, base, new)


def _with_base(path: Path, base: str, new: Loaded) -> tuple[Loaded | None, Loaded, str | None]:
    import tempfile

    from ..gitrev import GitError, read_at
    from ..loader import load_plan

    try:
        found = read_at(path, base)
    except GitError as exc:
        raise UsageProblem(str(exc)) from None
    if found.data is None:
        return None, new, found.label
    with tempfile.TemporaryDirectory(prefix="kehoach-") as tmp:
        copy = Path(tmp) / "plan.yaml"
        copy.write_bytes(found.data)
        old = load_plan(copy, found.label, with_reports=False)
    return old, new, found.label
