"""CSV for people: one row per record, headed and worded in the chosen language.

The columns are the JSON fields, in the same order, each headed by its name in words
(`labels.field`); coded values (statuses, flags, kinds) are words, yes/no are words, the
completion and on-time rates are the tables' percentages (cut to two decimals), numbers
use the language's decimal mark and dates stay ISO (which every spreadsheet reads). For
scripts, use --format json: its keys and values never change with the language.

Lists are joined with "; " (agency names contain commas). A cell a spreadsheet would run
as a formula (starting with = + - @, a tab or a carriage return) gets a leading
apostrophe, the OWASP-recommended neutralisation. With `--excel` the text starts with a
UTF-8 byte-order mark: Excel reads a CSV without one in the legacy code page and shows
Vietnamese as mojibake.
"""

from __future__ import annotations

import csv
import io
import math
from typing import Any

from kehoach_cli import labels as L
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports import AgenciesReport, Report, StatusReport, TargetsReport
from kehoach_cli.reports.status import rates
from kehoach_cli.safe import escaped
from kehoach_cli.vocab import Lang

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_RATES = ("completion_rate", "on_time_rate")


def _context(report: Report) -> str:
    """Which report's meaning of a shared field name (an agency's `lead` is a count)."""
    if isinstance(report, AgenciesReport):
        return "agencies"
    if isinstance(report, StatusReport):
        return "status"
    if isinstance(report, TargetsReport):
        return "targets"
    return "tasks"


def _rate(record: dict[str, Any], name: str, lang: Lang) -> str:
    """The rate exactly as the tables print it, from the record's own counts (JSON's
    rounded copy could cut differently); empty when there is none, as JSON's null."""
    completion, on_time = rates(record["done_on_time"], record["done_late"], record["overdue"])
    value = completion if name == "completion_rate" else on_time
    return "" if value is None else L.rate(value, lang)


def cell(value: object, name: str, lang: Lang) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return L.word("yes" if value else "no", lang)
    if isinstance(value, float) and not math.isfinite(value):
        return ""  # no number, as in JSON (null)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if name == "attainment":
            return L.percent(value, lang)
        text = repr(value) if not value.is_integer() else str(int(value))
        return text.replace(".", ",") if lang == "vi" else text
    if isinstance(value, list | tuple):
        value = "; ".join(str(L.coded(name, str(v), lang)) for v in value)
    else:
        value = L.coded(name, str(value), lang)
    text = str(value)
    # A spreadsheet quotes line breaks; `cat report.csv` must not meet an escape sequence.
    return ("'" if text.startswith(_FORMULA_START) else "") + escaped(text, keep="\n\r\t")


def render(report: Report, opts: RenderOptions) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    fields = report.fields
    context = _context(report)
    writer.writerow([L.field(f, opts.lang, context) for f in fields])
    for record in report.records():
        writer.writerow(
            [_rate(record, f, opts.lang) if f in _RATES else cell(record.get(f), f, opts.lang) for f in fields]
        )
    return ("\ufeff" if opts.excel else "") + buf.getvalue()
