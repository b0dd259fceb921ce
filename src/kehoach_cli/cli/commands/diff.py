"""`kehoach diff`: what an edit of the plan changes, and whether an amendment covers it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import DiffFormat, PlanOpt, one_plan, with_output_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.cli.output import OutputArgs
from kehoach_cli.errors import UsageProblem
from kehoach_cli.messages import N_, msg

if TYPE_CHECKING:
    from kehoach_cli.load import Loaded


def diff(
    out: OutputArgs,
    files: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PLAN", help=N_("OLD NEW, or with --base only the plan (default: ./plan.yaml)"), show_default=False
        ),
    ] = None,
    base: Annotated[
        Optional[str],
        typer.Option(
            "--base",
            metavar="REF",
            help=N_("compare with the plan at this git revision (e.g. origin/main)"),
            show_default=False,
        ),
    ] = None,
    plan: PlanOpt = None,
    fmt: Annotated[
        Optional[DiffFormat],
        typer.Option(
            "--format",
            help=N_("text, json, markdown, github or sarif (default: github under GitHub Actions, else text)"),
            show_default=False,
        ),
    ] = None,
) -> Outcome:
    from kehoach_cli.cli.output import emit, github_actions
    from kehoach_cli.diff import from_loaded
    from kehoach_cli.render.registry import Format, Kind

    old, new, old_label = _versions(files or [], base, plan)
    result = from_loaded(old, new, old_label=old_label)
    chosen = Format(fmt.value) if fmt else Format.github if github_actions() else Format.text
    emit(Kind.diff, result, chosen, out, files=result.sources, keep=[new.path])
    return Outcome.ok if result.ok else Outcome.findings


app.command(
    "diff",
    help=N_(
        "compare two versions of a plan: `diff OLD NEW` or `diff --base REF [PLAN]`. Exit 1 when a change weakens a task (deadline later, target lower, task or lead removed) and no new amendment covers it."
    ),
)(with_output_options(diff))


def _versions(files: list[Path], base: str | None, plan: Path | None) -> tuple[Loaded | None, Loaded, str | None]:
    """(old, new, label of the old version); old None when the file is new at --base."""
    from kehoach_cli.cli.plan import load_checked, plan_path

    if base is None:
        if plan is not None and len(files) == 1:
            files = [files[0], plan]  # diff OLD --plan NEW
        if len(files) != 2:
            raise UsageProblem(msg("diff needs two plan files (OLD NEW), or --base REF [PLAN]"))
        old_path, new_path = files
        return load_checked(old_path, with_reports=False), load_checked(new_path, with_reports=False), None
    if len(files) > 1:
        raise UsageProblem(msg("with --base, give at most one plan file (the new version)"))
    path = plan_path(one_plan(files[0] if files else None, plan))
    new = load_checked(path, with_reports=False)
    old, label = _at_base(path, base)
    return old, new, label


def _at_base(path: Path, base: str) -> tuple[Loaded | None, str]:
    """The plan as it is at git revision `base`, loaded from git's bytes (no temporary file),
    or None when the file did not exist there; and the name it is shown by."""
    from kehoach_cli import rules
    from kehoach_cli.cli import plan
    from kehoach_cli.cli.gitrev import GitError, read_at
    from kehoach_cli.load import load_bytes
    from kehoach_cli.load.access import DEFAULT_MAX_SIZE

    try:
        found = read_at(path, base, plan.read_limit or DEFAULT_MAX_SIZE)
    except GitError as exc:
        raise UsageProblem(exc.message) from None
    if found.data is None:
        return None, found.label
    return rules.check(load_bytes(found.data, found.label, path, with_reports=False)), found.label
