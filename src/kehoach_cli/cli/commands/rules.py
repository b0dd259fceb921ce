"""`kehoach rules`: every rule `check` applies, with its id, summary, problem codes and documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import RulesFormat, with_output_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.cli.output import OutputArgs
from kehoach_cli.messages import N_


def rules_command(
    out: OutputArgs,
    fmt: Annotated[RulesFormat, typer.Option("--format", help=N_("text or markdown"))] = RulesFormat.text,
) -> Outcome:
    from kehoach_cli.cli.output import emit
    from kehoach_cli.render.registry import Format, Kind
    from kehoach_cli.rules.catalogue import catalogue

    emit(Kind.rules, catalogue(), Format(fmt.value), out)
    return Outcome.ok


app.command("rules", help=N_("the rules `kehoach check` applies and the problem codes each reports."))(
    with_output_options(rules_command)
)
