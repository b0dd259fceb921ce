"""JSON: list commands print an array of objects, `status` and `show` an object.

Language-neutral on purpose (slugs, ISO dates, canonical names); the field names are
those of `reports` and are documented in README.md. Strict JSON: a number that is not
finite (NaN, Infinity, which `json` would print bare and no parser accepts) is null.
"""

from __future__ import annotations

import math

from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports import Report
from kehoach_cli.safe import json_text


def finite(value: object) -> object:
    """`value` with every non-finite float inside it replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def render(report: Report, opts: RenderOptions) -> str:
    return json_text(finite(report.data())) + "\n"
