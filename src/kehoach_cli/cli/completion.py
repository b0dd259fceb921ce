"""Shell completion: the scripts for bash, zsh and fish, and the values kehoach completes.

Task ids and agencies come from the plan the command line names (``--plan``, else the
usual search), read only when the shell asks for a completion: importing this module
reads nothing, so ``--help`` stays cheap. A plan that cannot be read completes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kehoach_cli.model import Plan

PROG = "kehoach"
COMPLETE_VAR = "_KEHOACH_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def requested(env: Mapping[str, str] = os.environ) -> bool:
    """The shell is asking for completions (its request is in the environment, under
    COMPLETE_VAR and its variants)."""
    return any(k.startswith(COMPLETE_VAR) for k in env)


def script(shell: str) -> str:
    """The completion script to source in `shell`'s start-up file."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell) + "\n"


def normalise_instruction(env: dict[str, str] | os._Environ[str] = os.environ) -> None:
    """Accept click's spelling of the completion request (``bash_source``, ``zsh_complete``)
    besides typer's (``source_bash``, ``complete_zsh``): documentation for either works."""
    value = env.get(COMPLETE_VAR, "")
    shell, _, instruction = value.partition("_")
    if shell in SHELLS and instruction in ("source", "complete"):
        env[COMPLETE_VAR] = f"{instruction}_{shell}"


def _plan(ctx: Any) -> Plan | None:
    from kehoach_cli.cli.plan import plan_path
    from kehoach_cli.load import load_plan

    given = ctx.params.get("plan") or ctx.params.get("plan_opt")
    try:
        loaded = load_plan(plan_path(Path(given) if given else None), with_reports=False)
    except Exception:  # a shell asking for completions must never see a traceback
        return None
    return loaded.plan


def task_ids(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Every task id, with its title as the description (zsh and fish show it)."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return [(t.id, t.title) for t in plan.tasks]


def agencies(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    """Every agency's id and name (ids have no spaces, so they complete in any shell)."""
    plan = _plan(ctx)
    if plan is None:
        return []
    return [(a.id, a.name) for a in plan.agencies] + [(a.name, a.id) for a in plan.agencies]


def statuses(incomplete: str) -> list[tuple[str, str]]:
    from kehoach_cli.labels import STATUS

    return [(slug, vi) for slug, (vi, _) in STATUS.items()]
