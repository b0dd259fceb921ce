"""Which plan a command reads, and the two ways of loading it: as it is, or checked.

Every command finds its plan the same way: ``--plan`` (or `check`'s and `diff`'s
argument), else ``./plan.yaml``, else ``$KEHOACH_PLAN``, else the plan bundled with kehoach.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.load import Loaded
    from kehoach_cli.load.result import CheckResult

# The largest file read, in bytes: set once from `--max-size` / $KEHOACH_MAX_SIZE by the
# app's callback before a command runs (the loader's default is 20 MB).
read_limit: int | None = None


def bundled_plan() -> Path:
    """The Quảng Ngãi plan shipped in the package (built from the repository's plan.yaml)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "data" / "plan.yaml"
    if packaged.is_file():
        return packaged
    # Running from a source checkout or an editable install: the repository's own file.
    return here.parent.parent / "plan.yaml"


def is_bundled(path: Path) -> bool:
    """The copy installed inside the package (read-only: `record` must not write next to it)."""
    return path.resolve().parent == Path(__file__).resolve().parent.parent / "data"


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


def load_checked(path: Path, *, with_reports: bool = True, cached: bool = False) -> Loaded:
    """load → rules: the plan with every problem `kehoach check` reports.

    `cached`: from the plan cache when an entry holds it (the plan then is made of plain
    objects, see load.plain: for commands whose pipeline reads fields and dispatches on
    `kind`), and kept there after a full load.
    """
    from kehoach_cli.load.access import DEFAULT_MAX_SIZE

    limit = read_limit or DEFAULT_MAX_SIZE
    if cached and with_reports:
        from kehoach_cli.load import cache

        hit = cache.load(path, limit)
        if hit is not None:
            return hit
    from kehoach_cli import rules
    from kehoach_cli.load import load_plan

    loaded = rules.check(load_plan(path, with_reports=with_reports, max_size=limit))
    if cached and with_reports:
        cache.store(loaded, limit)
    return loaded


def checked(path: Path) -> CheckResult:
    """What `kehoach check` renders for the plan at `path`: from the plan cache's entry when
    one holds it (without rebuilding the plan), else after a full load (kept in the cache)."""
    from kehoach_cli.load import cache
    from kehoach_cli.load.access import DEFAULT_MAX_SIZE

    hit = cache.check_result(path, read_limit or DEFAULT_MAX_SIZE)
    if hit is not None:
        return hit
    from kehoach_cli.load.result import result

    return result(load_checked(path, cached=True))


def load_valid(explicit: Path | None, *, cached: bool = False) -> Loaded | None:
    """The plan for a command that needs a valid one, or None after its problems have
    been printed on stderr (the command's outcome is then `findings`)."""
    from kehoach_cli.messages import language, msg
    from kehoach_cli.render.problems import as_text

    loaded = load_checked(plan_path(explicit), cached=cached)
    if loaded.ok and loaded.plan is not None:
        return loaded
    lang = language()
    sys.stderr.write(as_text(loaded.problems, loaded.sources, lang))
    sys.stderr.write(
        "kehoach: " + msg("the plan has problems; run `kehoach check` and fix them first").text(lang) + "\n"
    )
    return None
