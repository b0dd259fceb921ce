"""The periodic report as Markdown: the letterhead as lines, sections as headings, the
appendices as pipe tables. Charts are left to HTML and Word (Markdown has no pictures
of its own); their captions are kept so the text still says what they show."""

from __future__ import annotations

from ..review import ReviewReport
from . import reviewdoc as D
from .markdown import escape
from .registry import RenderOptions


def render(report: ReviewReport, opts: RenderOptions) -> bytes:
    doc = D.build(report, opts.lang)
    h = doc.head
    out: list[str] = []
    if h.governing_body:
        out.append(escape(h.governing_body) + "  ")
    out += [f"**{escape(h.issuer)}**  ", escape(h.number), ""]
    out += [f"**{escape(h.nation)}**  ", f"**{escape(h.motto)}**  ", f"*{escape(h.place_date)}*", ""]
    out += [f"# {escape(h.kind)}", "", f"**{escape(h.subject)}**", "", escape(h.recipient), ""]
    for block in doc.body:
        out += _block(block)
    out += [escape(doc.closing), ""]
    out += [*(f"**{escape(line.upper())}**  " for line in doc.signature), ""]
    out += [f"***{escape(doc.copies_label)}***", "", *(escape(c) + "  " for c in doc.copies), ""]
    for a in doc.appendices:
        out += [f"## {escape(a.label)}: {escape(a.title)}", "", f"*{escape(a.attached)}*", ""]
        out += _table(a.table)
    while out and out[-1] == "":
        out.pop()
    return ("\n".join(out) + "\n").encode("utf-8")


def _block(block: D.Block) -> list[str]:
    if isinstance(block, D.Heading):
        return ["#" * (block.level + 1) + " " + escape(block.text), ""]
    if isinstance(block, D.Figure):
        return [f"*{escape(block.caption)}* (HTML, Word)", ""]
    if isinstance(block, D.Table):
        return _table(block)
    text = escape(block.text)
    if block.kind == "item":
        # escape() protects a leading "-" too; an item is a list item on purpose
        return ["- " + escape(block.text.removeprefix("- ")), ""]
    if block.kind == "placeholder":
        return [f"*{text}*", ""]
    if block.kind == "note":
        return [f"*{text}*", ""]
    return [text, ""]


def _table(t: D.Table) -> list[str]:
    if not t.rows:
        return [f"*{escape(t.empty)}*", ""]
    head = "| " + " | ".join(escape(c.label) for c in t.columns) + " |"
    rule = "|" + "|".join("---:" if c.kind in ("num", "pct") else "---" for c in t.columns) + "|"
    rows = ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in t.rows]
    return [head, rule, *rows, "", *(f"*{escape(n)}*" for n in t.notes), *([""] if t.notes else [])]
