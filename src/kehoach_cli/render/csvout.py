"""CSV: a header row with the JSON field names, one row per record.

Lists are joined with "; " (agency names contain commas). A cell a spreadsheet would run
as a formula (starting with = + - @, a tab or a carriage return) gets a leading
apostrophe, the OWASP-recommended neutralisation; numbers are written as numbers.
With `--excel` the text starts with a UTF-8 byte-order mark: Excel reads a CSV without
one in the legacy code page and shows Vietnamese as mojibake.
"""

from __future__ import annotations

import csv
import io
import math

from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports import Report

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # no number, as in JSON (null)
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(report: Report, opts: RenderOptions) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    fields = report.fields
    writer.writerow(fields)
    for record in report.records():
        writer.writerow([cell(record.get(f)) for f in fields])
    return ("\ufeff" if opts.excel else "") + buf.getvalue()
