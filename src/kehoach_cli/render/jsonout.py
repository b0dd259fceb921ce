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
    """`value` with every non-finite float inside it replaced by None. A container with
    none inside is returned as it is, not copied (a report of 10,000 tasks is a tree of
    300,000 values: one copy of it would be the largest thing in memory)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        changed: dict[object, object] | None = None
        for k, v in value.items():
            f = finite(v)
            if f is not v:
                changed = dict(value) if changed is None else changed
                changed[k] = f
        return value if changed is None else changed
    if isinstance(value, list | tuple):
        items: list[object] | None = None
        for i, v in enumerate(value):
            f = finite(v)
            if f is not v:
                items = list(value) if items is None else items
                items[i] = f
        return value if items is None else items
    return value


def render(report: Report, opts: RenderOptions) -> str:
    return json_text(finite(report.data())) + "\n"
