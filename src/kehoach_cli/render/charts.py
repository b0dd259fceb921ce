"""The report's three charts as hand-written SVG: no library, no script, about a kilobyte
each plus a few dozen bytes per row. HTML inlines them; Word embeds them as PNG
(render/docx.py rasterises this same SVG, so both formats show one picture).

* `agencies` — stacked bars of the six statuses per lead agency (Phụ lục III's counts);
* `targets` — attainment bars, the straight-line pace as a black mark;
* `timeline` — each task's deadlines, periods and milestones coloured by status, spans as
  bars, the reporting period shaded and the as-of date as a red line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from xml.sax.saxutils import escape

from .. import labels as L
from ..evaluate import STATUS_ORDER, Status
from ..review import ReviewReport
from ..schedule import Obligation
from ..vocab import Lang
from . import reviewdoc as D

WIDTH = 680
FONT = "'Times New Roman', 'Liberation Serif', serif"

COLOURS: dict[Status, str] = {
    Status.done_on_time: "#1b7f3b",
    Status.done_late: "#9bc53d",
    Status.open: "#2f6db5",
    Status.overdue: "#c62828",
    Status.ongoing: "#7b52ab",
    Status.waiting: "#f0a202",
    Status.no_deadline: "#a0a0a0",
}


def svg(report: ReviewReport, chart: str, lang: Lang) -> str:
    if chart == "agencies":
        return agencies(report, lang)
    if chart == "targets":
        return targets(report, lang)
    return timeline(report, lang)


def _doc(height: int, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        f' role="img" aria-label="{_attr(label)}" font-family="{FONT}" font-size="12">'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>' + "".join(body) + "</svg>"
    )


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12, fill: str = "#000000") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}">{escape(text)}</text>'
    )


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _legend(y: int, lang: Lang) -> list[str]:
    out: list[str] = []
    x = 8.0
    for s in STATUS_ORDER:
        name = L.status_name(str(s), lang)
        out.append(f'<rect x="{x:.1f}" y="{y - 9}" width="10" height="10" fill="{COLOURS[s]}"/>')
        out.append(_text(x + 14, y, name, size=11))
        x += 14 + len(name) * 5.6 + 14
        if x > WIDTH - 120 and s is not STATUS_ORDER[-1]:
            x, y = 8.0, y + 16
    return out


def agencies(report: ReviewReport, lang: Lang) -> str:
    rows = report.agencies
    label_w, right = 250, 40
    top, row_h = 44, 20
    bar_w = WIDTH - label_w - right
    most = max((a.tally.counts.total for a in rows), default=0) or 1
    body = _legend(16, lang)
    for i, line in enumerate(rows):
        y = top + i * row_h
        name = D.agency_name(line.group.agency, lang)
        if line.inherits:
            name += " *"
        body.append(f"<g><title>{escape(name)}</title>")
        body.append(_text(label_w - 6, y + 13, _clip(name, 44), anchor="end", size=11))
        x = float(label_w)
        for s in STATUS_ORDER:
            n = line.tally[s]
            if n:
                wd = bar_w * n / most
                body.append(
                    f'<rect x="{x:.1f}" y="{y + 3}" width="{wd:.1f}" height="{row_h - 6}" fill="{COLOURS[s]}"/>'
                )
                if wd >= 14:
                    body.append(_text(x + wd / 2, y + 14, str(n), anchor="middle", size=10, fill="#ffffff"))
                x += wd
        body.append(_text(x + 4, y + 14, str(line.tally.counts.total), size=11))
        body.append("</g>")
    height = top + len(rows) * row_h + 10
    if any(line.inherits for line in rows):
        body.append(_text(8, height + 4, D.w("inherits.mark", lang), size=10, fill="#444444"))
        height += 14
    return _doc(height, body, L.word("h.by_agency", lang))


def targets(report: ReviewReport, lang: Lang) -> str:
    rows = report.targets
    label_w, right = 250, 70
    top, row_h = 24, 22
    bar_w = WIDTH - label_w - right
    shares = [t.target.attainment for t in rows if t.target.attainment is not None]
    scale = max(1.0, min(2.0, max(shares, default=1.0)))  # 100%, up to 200% when exceeded
    x100 = label_w + bar_w / scale
    body = [
        _text(label_w, 14, "0%", anchor="middle", size=10),
        _text(x100, 14, "100%", anchor="middle", size=10),
        f'<line x1="{x100:.1f}" y1="18" x2="{x100:.1f}" y2="{top + len(rows) * row_h}" stroke="#888888"'
        ' stroke-dasharray="3,3"/>',
    ]
    for i, line in enumerate(rows):
        t = line.target
        y = top + i * row_h
        label = t.target.label if lang == "vi" else (t.target.label_en or t.target.label)
        body.append(f"<g><title>{escape(t.id + ' ' + label)}</title>")
        body.append(_text(label_w - 6, y + 15, _clip(f"{t.id} {label}", 44), anchor="end", size=11))
        body.append(f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="{row_h - 8}" fill="#eeeeee"/>')
        if t.attainment is None:
            body.append(_text(label_w + 6, y + 15, L.word("no_data", lang), size=10, fill="#555555"))
        else:
            wd = bar_w * max(0.0, min(t.attainment, scale)) / scale
            colour = COLOURS[Status.done_on_time] if line.pace in ("met", "on_pace") else COLOURS[Status.overdue]
            body.append(f'<rect x="{label_w}" y="{y + 4}" width="{wd:.1f}" height="{row_h - 8}" fill="{colour}"/>')
            body.append(_text(label_w + bar_w + 6, y + 15, L.percent(t.attainment, lang), size=11))
        share = line.expected_share
        if share is not None:
            xm = label_w + bar_w * max(0.0, min(share, scale)) / scale
            body.append(f'<rect x="{xm - 1.5:.1f}" y="{y + 1}" width="3" height="{row_h - 2}" fill="#000000"/>')
        body.append("</g>")
    return _doc(top + len(rows) * row_h + 8, body, L.word("title.targets", lang))


def timeline(report: ReviewReport, lang: Lang) -> str:
    rows = report.tasks
    label_w, right = 56, 12
    top, row_h = 58, 11
    first = dt.date(min(report.meta.date.year, report.period.start.year), 1, 1)
    last_year = max(
        [report.period.end.year]
        + ([report.horizon] if report.horizon is not None else [])
        + [o.due.year for r in rows for o in r.ev.obligations if o.due is not None]
    )
    last = dt.date(last_year, 12, 31)
    span = (last - first).days or 1
    plot_w = WIDTH - label_w - right
    height = top + len(rows) * row_h + 8

    def x(d: dt.date) -> float:
        return label_w + plot_w * (d - first).days / span

    body = _legend(14, lang)
    p0, p1 = max(report.period.start, first), min(report.period.end, last)
    body.append(
        f'<rect x="{x(p0):.1f}" y="{top - 6}" width="{max(1.0, x(p1) - x(p0)):.1f}"'
        f' height="{height - top + 6}" fill="#e4e4e4"/>'
    )
    for year in range(first.year, last.year + 1):
        gx = x(dt.date(year, 1, 1))
        body.append(f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height}" stroke="#cccccc"/>')
        if (year - first.year) % (1 if last.year - first.year < 14 else 2) == 0:
            body.append(_text(gx + 2, top - 8, str(year), size=10))
    for i, r in enumerate(rows):
        y = top + i * row_h + row_h / 2
        body.append(f"<g><title>{escape(r.ev.id)}</title>")
        body.append(_text(label_w - 4, y + 3.5, _clip(r.ev.id, 10), anchor="end", size=9))
        for o in r.ev.obligations:
            body += _mark(o.obligation, o.status, y, x, first, last)
        body.append("</g>")
    ax = x(min(max(report.as_of, first), last))
    body.append(f'<line x1="{ax:.1f}" y1="{top - 6}" x2="{ax:.1f}" y2="{height}" stroke="#d00000" stroke-width="1.5"/>')
    return _doc(height, body, L.word("h.obligations", lang))


def _mark(
    ob: Obligation, status: Status, y: float, x: Callable[[dt.date], float], first: dt.date, last: dt.date
) -> list[str]:
    colour = COLOURS[status]
    out: list[str] = []
    if ob.start is not None and ob.due is not None and ob.year is None:  # a span: a bar from start to end
        s, e = max(ob.start, first), min(ob.due, last)
        out.append(
            f'<rect x="{x(s):.1f}" y="{y - 2:.1f}" width="{max(1.0, x(e) - x(s)):.1f}" height="4"'
            f' fill="{colour}" fill-opacity="0.45"/>'
        )
    if ob.due is None or not first <= ob.due <= last:
        return out
    cx = x(ob.due)
    if ob.period is not None and ob.year is None:  # a milestone: a diamond
        out.append(
            f'<path d="M{cx:.1f} {y - 4:.1f}l4 4l-4 4l-4 -4z" fill="{colour}" stroke="#ffffff" stroke-width="0.5"/>'
        )
    else:
        out.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="3.2" fill="{colour}" stroke="#ffffff" stroke-width="0.5"/>')
    return out
