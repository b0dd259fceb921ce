"""Markdown: headings and pipe tables to paste into a report or a pull-request comment.

User text is escaped so that a `|` cannot split a cell and `*`, `_`, `[`, `<`, backticks
cannot turn into emphasis, links or HTML. Titles are printed whole (no terminal to fit).
"""

from __future__ import annotations

import re

from kehoach_cli.render import layout
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports import Report
from kehoach_cli.safe import one_line

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")


def escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", one_line(_NEWLINES.sub(" ", text)))


def render(report: Report, opts: RenderOptions) -> str:
    out: list[str] = []
    for block in layout.build(report, opts.lang):
        if isinstance(block, layout.Heading):
            out += ["#" * (block.level + 1) + " " + escape(block.text), ""]
        elif isinstance(block, layout.Para):
            text = escape(block.text)
            out += [f"*{text}*" if block.tone == "muted" else f"**{text}**" if block.tone == "strong" else text, ""]
        elif isinstance(block, layout.Fields):
            out += [f"- **{escape(k)}:** {escape(v)}" for k, v in block.rows]
            out.append("")
        elif isinstance(block, layout.Bullets):
            out += [f"- {escape(item)}" for item in block.items]
            out.append("")
        else:
            out += _grid(block)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def _grid(grid: layout.Grid) -> list[str]:
    if not grid.rows:
        return [f"*{escape(grid.empty)}*", ""] if grid.empty else []
    head = "| " + " | ".join(escape(c.label) for c in grid.columns) + " |"
    rule = "|" + "|".join("---:" if c.kind == "num" else "---" for c in grid.columns) + "|"
    rows = ["| " + " | ".join(escape(cell.text) for cell in row) + " |" for row in grid.rows]
    footer = [f"*{escape(line)}*" for line in grid.footer]
    return [head, rule, *rows, "", *([*footer, ""] if footer else [])]
