"""`kehoach schema`: the JSON Schema of plan.yaml."""

from __future__ import annotations

import sys

from .. import exitcodes
from ..app import app


@app.command()
def schema() -> int:
    """In JSON Schema của plan.yaml · print the JSON Schema of plan.yaml."""
    from ..schema import plan_schema

    sys.stdout.write(plan_schema())
    return exitcodes.OK
