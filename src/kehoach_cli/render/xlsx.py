"""The report's three appendix tables as an Excel workbook (openpyxl): one sheet each, real
numbers and dates (never text that looks like them), the header row frozen, widths set,
the as-of date in each sheet's title. Rates are stored truncated as the document prints
them (0.9862 shows as 98.62%), so the sheet and the Word file agree to the digit.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .. import labels as L
from ..evaluate import STATUS_ORDER
from ..review import ReviewReport, Tally
from ..vocab import Lang
from . import reviewdoc as D
from .ooxml import fixed_zip
from .registry import RenderOptions

Cell = str | int | float | dt.date | None
DATE_FORMAT = "DD/MM/YYYY"
PCT_FORMAT = "0.00%"
HEADER_ROW = 3  # title, plan, then the header; rows below it scroll, it stays

_X: dict[str, tuple[str, str]] = {
    "id": ("Mã", "ID"),
    "op": ("So sánh", "Comparison"),
    "actual_date": ("Ngày số liệu", "Actual as of"),
    "expected": ("Cần đạt đến nay", "Expected by now"),
    "period": ("Kỳ, mốc", "Period or milestone"),
    "wording": ("Thời gian theo văn bản", "Time as printed"),
    "days_overdue": ("Số ngày quá hạn", "Days overdue"),
    "inherited": ("Kế thừa từ", "Inherited from"),
    "as_of": ("tính đến ngày {date}", "as of {date}"),
}


def x(key: str, lang: Lang, **values: object) -> str:
    vi, en = _X[key]
    return (vi if lang == "vi" else en).format(**values)


def render(report: ReviewReport, opts: RenderOptions) -> bytes:
    lang = opts.lang
    doc = D.build(report, lang)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    cite = doc.head.subject
    for appendix, (heads, widths, kinds, rows) in zip(doc.appendices, _tables(report, lang), strict=True):
        title = f"{appendix.label} – {appendix.title} ({x('as_of', lang, date=L.date(report.as_of, lang))})"
        _sheet(book.create_sheet(appendix.label), title, cite, heads, widths, kinds, rows)
    props = book.properties
    stamp = dt.datetime(report.letterhead.date.year, report.letterhead.date.month, report.letterhead.date.day)
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = report.letterhead.issuer
    props.title = cite
    props.language = "vi-VN" if lang == "vi" else "en-GB"
    out = io.BytesIO()
    # openpyxl's save_workbook stamps the current time; its writer with our properties does not.
    with ZipFile(out, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    return fixed_zip(out.getvalue(), report.letterhead.date)


Table = tuple[list[str], list[int], list[str], list[list[Cell]]]


def _tables(r: ReviewReport, lang: Lang) -> list[Table]:
    return [_targets(r, lang), _tasks(r, lang), _agencies(r, lang)]


def _targets(r: ReviewReport, lang: Lang) -> Table:
    w = D.w
    heads = [w("c.no", lang), x("id", lang), w("c.target", lang), w("c.unit", lang), x("op", lang)]
    heads += [w("c.goal", lang), w("c.by", lang), w("c.actual", lang), x("actual_date", lang), w("c.share", lang)]
    heads += [x("expected", lang), w("c.pace", lang), w("c.evidence", lang)]
    widths = [6, 9, 50, 14, 9, 12, 12, 12, 13, 11, 14, 22, 30]
    kinds = ["int", "text", "text", "text", "text", "num", "date", "num", "date", "pct", "num", "text", "text"]
    rows: list[list[Cell]] = []
    for i, line in enumerate(r.targets, 1):
        t = line.target
        label = t.target.label if lang == "vi" else (t.target.label_en or t.target.label)
        rows.append(
            [
                i,
                t.id,
                label,
                t.target.unit,
                D.OPS[t.target.op],
                float(t.target.value),
                t.by,
                t.actual,
                t.actual_date,
                t.attainment,
                t.expected,
                D.pace_word(line.pace, lang),
                line.evidence,
            ]
        )
    return heads, widths, kinds, rows


def _tasks(r: ReviewReport, lang: Lang) -> Table:
    w = D.w
    heads = [w("c.no", lang), x("id", lang), w("c.task", lang), w("c.lead", lang), x("inherited", lang)]
    heads += [w("c.partners", lang), w("c.by", lang), x("period", lang), x("wording", lang), w("c.product", lang)]
    heads += [w("c.done", lang), w("c.status", lang), x("days_overdue", lang), w("c.in_progress", lang)]
    heads += [w("c.evidence", lang)]
    widths = [6, 9, 60, 28, 24, 32, 12, 16, 24, 20, 13, 24, 10, 10, 30]
    kinds = ["int", "text", "text", "text", "text", "text", "date", "text", "text", "text", "date", "text", "int"]
    kinds += ["text", "text"]
    rows: list[list[Cell]] = []
    for i, row in enumerate(r.tasks, 1):
        inherited = [a.inherited_from.name for a in row.ev.leads if a.inherited_from is not None]
        rows.append(
            [
                i,
                row.ev.id,
                D.task_title(row, lang),
                "; ".join(a.agency.name for a in row.ev.leads) or None,
                "; ".join(dict.fromkeys(inherited)) or None,
                "; ".join(a.agency.name for a in row.ev.partners) or None,
                row.ob.due,
                D.obligation_label(row, row.ob, lang) or None,
                row.ev.task.schedule.text,
                None if D.product_text(row, lang) == "—" else D.product_text(row, lang),
                row.ob.done,
                D.status_word(row.status, lang),
                row.ob.days_overdue,
                L.word("yes" if row.ev.in_progress else "no", lang),
                row.ob.evidence,
            ]
        )
    return heads, widths, kinds, rows


def _agencies(r: ReviewReport, lang: Lang) -> Table:
    w = D.w
    heads = [w("c.no", lang), w("c.lead", lang), x("inherited", lang), w("c.total", lang)]
    heads += [L.status_name(str(s), lang) for s in STATUS_ORDER]
    heads += [w("c.in_progress", lang), w("c.completion", lang), w("c.on_time", lang)]
    widths = [6, 44, 34, 9, *([12] * len(STATUS_ORDER)), 11, 12, 12]
    kinds = ["int", "text", "text", "int", *(["int"] * len(STATUS_ORDER)), "int", "pct", "pct"]
    rows: list[list[Cell]] = []
    for i, line in enumerate(r.agencies, 1):
        inherits = "; ".join(f"{a.predecessor.name} ({L.date(a.effective, lang)})" for a in line.inherits)
        rows.append([i, D.agency_name(line.group.agency, lang), inherits or None, *_tally(line.tally)])
    if r.agencies:
        rows.append([None, D.w("all_tasks", lang), None, *_tally(r.cumulative)])
    return heads, widths, kinds, rows


def _tally(t: Tally) -> list[Cell]:
    return [t.counts.total, *(t[s] for s in STATUS_ORDER), t.in_progress, t.completion.value, t.on_time.value]


def _sheet(
    ws: Worksheet,
    title: str,
    cite: str,
    heads: Sequence[str],
    widths: Sequence[int],
    kinds: Sequence[str],
    rows: Sequence[Sequence[Cell]],
) -> None:
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws["A1"] = title
    ws["A1"].font = Font(name="Times New Roman", bold=True, size=13)
    ws["A2"] = cite
    ws["A2"].font = Font(name="Times New Roman", italic=True, size=11)
    for col, (head, width) in enumerate(zip(heads, widths, strict=True), 1):
        cell = ws.cell(row=HEADER_ROW, column=col, value=head)
        cell.font = Font(name="Times New Roman", bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        ws.column_dimensions[get_column_letter(col)].width = width
    for r, values in enumerate(rows, HEADER_ROW + 1):
        for col, (value, kind) in enumerate(zip(values, kinds, strict=True), 1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.font = Font(name="Times New Roman", size=11)
            cell.border = box
            cell.alignment = Alignment(vertical="top", wrap_text=kind == "text")
            if kind == "date":
                cell.number_format = DATE_FORMAT
            elif kind == "pct":
                cell.number_format = PCT_FORMAT
            elif kind == "num":
                cell.number_format = "#,##0.##"
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
