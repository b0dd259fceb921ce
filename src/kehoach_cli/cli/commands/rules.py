"""`kehoach rules`: every rule `check` applies, with its id, summary, problem codes and documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import RulesFormat
from kehoach_cli.cli.outcome import Outcome


@app.command("rules")
def rules_command(
    fmt: Annotated[RulesFormat, typer.Option("--format", help="text or markdown")] = RulesFormat.text,
) -> Outcome:
    """Các quy tắc kiểm tra · the rules `kehoach check` applies and the problem codes each reports."""
    from kehoach_cli.cli.output import emit, options
    from kehoach_cli.render.registry import Format, Kind
    from kehoach_cli.rules.catalogue import catalogue

    chosen = Format(fmt.value)
    emit(Kind.rules, catalogue(), chosen, options(chosen))
    return Outcome.ok
