"""JSON: list commands print an array of objects, `status` and `show` an object.

Language-neutral on purpose (slugs, ISO dates, canonical names); the field names are
those of `reports` and are documented in README.md.
"""

from __future__ import annotations

import json

from ..reports import Report
from .registry import RenderOptions


def render(report: Report, opts: RenderOptions) -> str:
    return json.dumps(report.data(), ensure_ascii=False, indent=2) + "\n"
