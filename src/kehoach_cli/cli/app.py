"""The Typer application object (no business logic: commands are in `commands/`)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kehoach",
    help="Theo dõi thực hiện kế hoạch · plan compliance checker for implementation plans (kế hoạch).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
