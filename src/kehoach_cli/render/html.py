"""The periodic report as one self-contained HTML page: inline CSS and SVG, no script, no
font, image or style fetched from anywhere (the page works offline and leaks nothing).

On screen it reads as the document; printed, it is A4 portrait with the appendices on
landscape pages (named @page), table headers repeated on every page.
"""

from __future__ import annotations

from html import escape

from ..review import ReviewReport
from . import charts
from . import reviewdoc as D
from .registry import RenderOptions

CSS = """
:root { color: #000; background: #fff; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; line-height: 1.35; }
main { max-width: 165mm; margin: 0 auto; padding: 12mm 6mm; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 1.27cm; }
.letterhead { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 14pt; }
.letterhead td { vertical-align: top; text-align: center; padding: 0; font-size: 13pt; line-height: 1.3; }
.letterhead .left { width: 39%; } .letterhead .right { width: 61%; }
.letterhead .nation { font-size: 12pt; font-weight: bold; white-space: nowrap; }
.letterhead .issuer, .letterhead .motto { font-weight: bold; }
.rule { border: 0; border-top: 1px solid #000; margin: 2pt auto 6pt; }
.letterhead .issuer + .rule { width: 35%; } .letterhead .motto + .rule { width: 56mm; }
.number { white-space: pre; } .place-date { font-style: italic; }
h1 { font-size: 14pt; text-align: center; margin: 12pt 0 0; }
.subject { font-weight: bold; text-align: center; text-indent: 0; margin: 0; }
.subject + .rule { width: 30%; margin-bottom: 12pt; }
.recipient { text-align: center; text-indent: 0; margin-bottom: 12pt; }
h2, h3, h4 { font-size: 14pt; margin: 8pt 0 6pt; text-indent: 1.27cm; }
h4 { font-weight: normal; }
.placeholder { font-style: italic; background: #fff3a0; }
.note { font-style: italic; font-size: 13pt; }
figure { margin: 8pt 0 12pt; text-align: center; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; font-size: 12pt; }
.signature { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 8pt; }
.signature td { vertical-align: top; padding: 0; }
.copies { font-size: 11pt; width: 50%; } .copies b { font-size: 12pt; font-style: italic; }
.authority { text-align: center; font-weight: bold; height: 40mm; }
.appendix { break-before: page; page: landscape; }
.appendix .label, .appendix .title { text-align: center; font-weight: bold; text-indent: 0; margin: 0; }
.appendix .attached { text-align: center; font-style: italic; text-indent: 0; font-size: 13pt; }
table.data { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 10pt; margin: 4pt 0 8pt; }
table.data th, table.data td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top;
  overflow-wrap: anywhere; hyphens: auto; }
table.data th { text-align: center; }
table.data td.num, table.data td.pct, table.data td.date { text-align: center; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
.table-note { font-size: 10pt; font-style: italic; text-indent: 0; }
@media screen { .appendix { max-width: 252mm; margin: 12mm auto 0; padding: 0 6mm; } }
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; }
@page landscape { size: A4 landscape; margin: 20mm 15mm 20mm 30mm; }
@media print { main { max-width: none; padding: 0; } .appendix { max-width: none; margin: 0; padding: 0; } }
"""


def render(report: ReviewReport, opts: RenderOptions) -> bytes:
    doc = D.build(report, opts.lang)
    h = doc.head
    e = escape
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{opts.lang}">',
        '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(h.kind)}: {e(h.subject)}</title>",
        f"<style>{CSS}</style></head>",
        "<body><main>",
        '<table class="letterhead"><tr>',
        f'<td class="left"><div>{e(h.governing_body or "")}</div><div class="issuer">{e(h.issuer)}</div>'
        f'<hr class="rule"><div class="number">{e(h.number)}</div></td>',
        f'<td class="right"><div class="nation">{e(h.nation)}</div><div class="motto">{e(h.motto)}</div>'
        f'<hr class="rule"><div class="place-date">{e(h.place_date)}</div></td>',
        "</tr></table>",
        f"<h1>{e(h.kind)}</h1>",
        f'<p class="subject">{e(h.subject)}</p><hr class="rule">',
        f'<p class="recipient">{e(h.recipient)}</p>',
    ]
    for block in doc.body:
        out.append(_block(block, report, opts))
    out.append(f"<p>{e(doc.closing)}</p>")
    copies = "<br>".join(e(c) for c in doc.copies)
    authority = "<br>".join(e(line.upper()) for line in doc.signature)
    out.append(
        f'<table class="signature"><tr><td class="copies"><b>{e(doc.copies_label)}</b><br>{copies}</td>'
        f'<td class="authority">{authority}</td></tr></table>'
    )
    out.append("</main>")
    for a in doc.appendices:
        out.append(
            f'<section class="appendix"><p class="label">{e(a.label.upper())}</p><p class="title">{e(a.title)}</p>'
            f'<p class="attached">{e(a.attached)}</p>{_table(a.table)}</section>'
        )
    out.append("</body></html>")
    return ("\n".join(out) + "\n").encode("utf-8")


def _block(block: D.Block, report: ReviewReport, opts: RenderOptions) -> str:
    if isinstance(block, D.Heading):
        return f"<h{block.level + 1}>{escape(block.text)}</h{block.level + 1}>"
    if isinstance(block, D.Figure):
        return (
            f'<figure class="chart-{block.chart}">{charts.svg(report, block.chart, opts.lang)}'
            f"<figcaption>{escape(block.caption)}</figcaption></figure>"
        )
    if isinstance(block, D.Table):
        return _table(block)
    cls = f' class="{block.kind}"' if block.kind in ("placeholder", "note") else ""
    return f"<p{cls}>{escape(block.text)}</p>"


def _table(t: D.Table) -> str:
    if not t.rows:
        return f'<p class="table-note">{escape(t.empty)}</p>'
    total = sum(c.weight for c in t.columns)
    cols = "".join(f'<col style="width:{100 * c.weight / total:.2f}%">' for c in t.columns)
    head = "".join(f"<th>{escape(c.label)}</th>" for c in t.columns)
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td class="{c.kind}">{escape(v).replace(chr(10), "<br>")}</td>'
            for c, v in zip(t.columns, row, strict=True)
        )
        + "</tr>"
        for row in t.rows
    )
    notes = "".join(f'<p class="table-note">{escape(n)}</p>' for n in t.notes)
    return f'<table class="data"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{notes}'
