"""The Typer application object and options shared by commands (no business logic)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from .errors import UsageProblem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .loader import Loaded

__all__ = ["UsageProblem", "app", "bundled_plan", "load_valid", "plan_path"]

app = typer.Typer(
    name="kehoach",
    help="Theo dõi thực hiện kế hoạch · plan compliance checker for implementation plans (kế hoạch).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def bundled_plan() -> Path:
    """The Quảng Ngãi plan shipped in the package (built from the repository's plan.yaml)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "plan.yaml"
    if packaged.is_file():
        return packaged
    # Running from a source checkout or an editable install: the repository's own file.
    return here.parent.parent / "plan.yaml"


def plan_path(explicit: Path | None) -> Path:
    """--plan, else ./plan.yaml, else $KEHOACH_PLAN, else the bundled plan."""
    if explicit is not None:
        return explicit
    local = Path("plan.yaml")
    if local.is_file():
        return local
    env = os.environ.get("KEHOACH_PLAN")
    if env:
        return Path(env)
    return bundled_plan()


def load_valid(explicit: Path | None) -> Loaded | None:
    """The plan for a command that needs a valid one, or None after its problems have
    been printed on stderr (the command then exits 1)."""
    import sys

    from .loader import load_plan
    from .render.problems import as_text

    loaded = load_plan(plan_path(explicit))
    if loaded.ok and loaded.plan is not None:
        return loaded
    sys.stderr.write(as_text(loaded.problems, loaded.sources))
    sys.stderr.write("kehoach: the plan has problems; run `kehoach check` and fix them first\n")
    return None
