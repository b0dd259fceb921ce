"""`kehoach diff`: what an edit of the plan changes, and whether an amendment covers it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import DiffFormat
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.errors import UsageProblem

if TYPE_CHECKING:
    from kehoach_cli.load import Loaded


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
) -> Outcome:
    """So sánh hai phiên bản kế hoạch · compare two versions of a plan: `diff OLD NEW` or
    `diff --base REF [PLAN]`. Exit 1 when a change weakens a task (deadline later, target
    lower, task or lead removed) and no new amendment covers it."""
    from kehoach_cli.cli.output import emit, github_actions, options
    from kehoach_cli.diff import from_loaded
    from kehoach_cli.render.registry import Format, Kind

    old, new, old_label = _versions(files or [], base)
    result = from_loaded(old, new, old_label=old_label)
    chosen = Format(fmt.value) if fmt else Format.github if github_actions() else Format.text
    emit(Kind.diff, result, chosen, options(chosen, files=result.sources))
    return Outcome.ok if result.ok else Outcome.findings


def _versions(files: list[Path], base: str | None) -> tuple[Loaded | None, Loaded, str | None]:
    """(old, new, label of the old version); old None when the file is new at --base."""
    from kehoach_cli.cli.plan import load_checked, plan_path

    if base is None:
        if len(files) != 2:
            raise UsageProblem("diff needs two plan files (OLD NEW), or --base REF [PLAN]")
        old_path, new_path = files
        return load_checked(old_path, with_reports=False), load_checked(new_path, with_reports=False), None
    if len(files) > 1:
        raise UsageProblem("with --base, give at most one plan file (the new version)")
    path = plan_path(files[0] if files else None)
    new = load_checked(path, with_reports=False)
    old, label = _at_base(path, base)
    return old, new, label


def _at_base(path: Path, base: str) -> tuple[Loaded | None, str]:
    """The plan as it is at git revision `base`, loaded from git's bytes (no temporary file),
    or None when the file did not exist there; and the name it is shown by."""
    from kehoach_cli import rules
    from kehoach_cli.cli.gitrev import GitError, read_at
    from kehoach_cli.load import load_bytes

    try:
        found = read_at(path, base)
    except GitError as exc:
        raise UsageProblem(str(exc)) from None
    if found.data is None:
        return None, found.label
    return rules.check(load_bytes(found.data, found.label, path, with_reports=False)), found.label
