"""Where output goes and how it may look: terminal width and colour, computed once here
so that renderers never probe the terminal or the environment."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable

from kehoach_cli.render.registry import Format, Kind, RenderOptions, render
from kehoach_cli.vocab import Lang


def width() -> int:
    """$COLUMNS, else the terminal's width, else 80 (a pipe or a file)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        if sys.stdout.isatty():
            return os.get_terminal_size(sys.stdout.fileno()).columns
    except (OSError, ValueError, AttributeError):
        pass
    return 80


def color() -> bool:
    """Colour only on a terminal, never with NO_COLOR (https://no-color.org) or TERM=dumb."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stdout.isatty()
    except (ValueError, AttributeError):
        return False


def github_actions() -> bool:
    """Running inside GitHub Actions (the runner sets GITHUB_ACTIONS=true): annotations by default."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def options(
    fmt: Format,
    lang: Lang = Lang.vi,
    *,
    files: Iterable[str] = (),
    today: dt.date | None = None,
    excel: bool = False,
) -> RenderOptions:
    """The render options for `fmt`; CI formats get each file's path from the git root."""
    paths: dict[str, str] = {}
    if fmt in (Format.github, Format.sarif):
        from kehoach_cli.cli.gitrev import repo_paths

        paths = repo_paths(files)
    return RenderOptions(
        lang,
        width(),
        fmt is Format.table and color(),
        today,
        paths,
        excel,
    )


def emit(kind: Kind, value: object, fmt: Format, opts: RenderOptions, *, stream: str = "stdout") -> None:
    """Render `value` with the table's renderer and write it out."""
    out = sys.stderr if stream == "stderr" else sys.stdout
    out.write(render(kind, value, fmt, opts))
