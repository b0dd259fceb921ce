"""`kehoach schema`: the JSON Schema of plan.yaml."""

from __future__ import annotations

import sys

from kehoach_cli.cli.app import app
from kehoach_cli.cli.outcome import Outcome


@app.command()
def schema() -> Outcome:
    """In JSON Schema của plan.yaml · print the JSON Schema of plan.yaml."""
    from kehoach_cli.schema import plan_schema

    sys.stdout.write(plan_schema())
    return Outcome.ok
