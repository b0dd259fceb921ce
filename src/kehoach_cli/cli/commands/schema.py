"""`kehoach schema`: the JSON Schema of plan.yaml."""

from __future__ import annotations

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import with_output_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.cli.output import OutputArgs
from kehoach_cli.messages import N_


def schema(out: OutputArgs) -> Outcome:
    from kehoach_cli.cli.output import write
    from kehoach_cli.schema import plan_schema

    write(plan_schema(), out)
    return Outcome.ok


app.command("schema", help=N_("print the JSON Schema of plan.yaml."))(with_output_options(schema))
