"""The human format: tables fitted to the terminal width.

Width and colour are inputs (RenderOptions), never read here, so the output for a fixed
as-of date and width is byte-identical run after run. Headings, prose and the row tables
are drawn by `cells` as plain strings (rich's Table costs about half a millisecond per
row); the short field and bullet blocks still go through rich, with user text in `Text`
objects and markup, emoji and highlighting off: a title containing ``[/]`` or
``[link=…]`` prints as written either way.

Column widths are computed here rather than left to rich, so a long title cannot squeeze
IDs and dates: IDs, dates and numbers get their natural width, text columns share the
rest by weight, and list titles are cut after a few lines with an ellipsis.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from kehoach_cli.render import cells, layout
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports import Report
from kehoach_cli.safe import one_line

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

_STYLES = {
    "overdue": "bold red",
    "done_late": "yellow",
    "done_on_time": "green",
    "open": "cyan",
    "ongoing": "magenta",
    "waiting": "blue",
    "no_deadline": "dim",
    "muted": "dim",
    "strong": "bold",
    "warn": "yellow",
    "plain": "",
}

MIN_WIDTH = 40


class _Out:
    """The report's lines as they are drawn. Headings, prose and row tables are laid out by
    `cells`; the short field and bullet blocks go through a rich console, made only when
    a report has one (importing and building it costs more than drawing most reports)."""

    def __init__(self, opts: RenderOptions) -> None:
        self.width = max(MIN_WIDTH, opts.width)
        self.color = opts.color
        self.lines: list[str] = []
        self._console: Console | None = None

    def para(self, text: str, style: str) -> None:
        self.lines.extend(cells.paragraph(text, style, self.width, self.color))

    def rich(self, table: Table) -> None:
        console = self.console()
        console.print(table)
        file = console.file
        self.lines.extend(file.getvalue().removesuffix("\n").split("\n"))  # type: ignore[attr-defined]
        file.seek(0)
        file.truncate()

    def console(self) -> Console:
        if self._console is None:
            self._console = _console(self.width, self.color)
        return self._console


def render(report: Report, opts: RenderOptions) -> str:
    out = _Out(opts)
    blocks = [_safe(b) for b in layout.build(report, opts.lang)]
    explained: set[str] = set()  # abbreviations a legend has already explained
    for i, block in enumerate(blocks):
        if isinstance(block, layout.Heading):
            if i:
                out.lines.append("")
            out.para(block.text, "bold" if block.level == 1 else "bold underline")
        elif isinstance(block, layout.Para):
            out.para(block.text, _STYLES[block.tone])
        elif isinstance(block, layout.Fields):
            out.rich(_fields(block, out.width))
        elif isinstance(block, layout.Bullets):
            out.rich(_bullets(block, out.width))
        else:
            _grid(out, block, explained)
    if not out.lines:
        return ""
    return "\n".join(line.rstrip() for line in out.lines) + "\n"


def _safe(block: layout.Block) -> layout.Block:
    """The block with its text made safe for a terminal (no escape sequence, bidi control or
    line break of its own), before rich adds its own styling."""
    if isinstance(block, layout.Heading | layout.Para):
        return replace(block, text=one_line(block.text))
    if isinstance(block, layout.Fields):
        return replace(block, rows=tuple((one_line(k), one_line(v)) for k, v in block.rows))
    if isinstance(block, layout.Bullets):
        return replace(block, items=tuple(one_line(i) for i in block.items))
    return replace(
        block,
        columns=tuple(replace(c, label=one_line(c.label)) for c in block.columns),
        rows=tuple(tuple(replace(cell, text=one_line(cell.text)) for cell in row) for row in block.rows),
        empty=one_line(block.empty),
        footer=tuple(one_line(f) for f in block.footer),
    )


def _console(width: int, color: bool) -> Console:
    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        height=25,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
        force_jupyter=False,
        force_interactive=False,
        _environ={},
    )


def _fields(block: layout.Fields, width: int) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1), expand=False)
    label_width = min(max(cells.cell_width(k) for k, _ in block.rows) + 1, max(12, width // 3))
    table.add_column(no_wrap=False, width=label_width, style="bold")
    table.add_column(no_wrap=False, width=max(10, width - label_width - 2), overflow="fold")
    for key, value in block.rows:
        table.add_row(Text(key + ":"), Text(value))
    return table


def _bullets(block: layout.Bullets, width: int) -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1), expand=False, collapse_padding=True)
    table.add_column(width=1)
    table.add_column(width=max(10, width - 3), overflow="fold")
    for item in block.items:
        table.add_row(Text("•"), Text(item))
    return table


def _grid(out: _Out, grid: layout.Grid, explained: set[str]) -> None:
    if not grid.rows:
        if grid.empty:
            out.para(grid.empty, "dim")
        return
    # Secondary columns fold under the main text below WIDE columns, and above it too when
    # keeping them would squeeze the main text column.
    for fold in (False, True) if out.width >= WIDE else (True,):
        cols, rows, extras, host = _arrange(grid, fold)
        texts = [[c.text for c in r] for r in rows]
        legend: list[str] = []
        if any(c.abbr for c in cols) and not _whole(cols, texts, extras, host, out.width):
            # The full headings would squeeze the text: abbreviate, and say once what each means.
            legend = [
                f"{c.abbr}: {c.label[:1].lower()}{c.label[1:]}"
                for c in cols
                if c.abbr and c.abbr not in explained and c.abbr.casefold() != c.label.casefold()
            ]
            cols = [dataclasses.replace(c, label=c.abbr) if c.abbr else c for c in cols]
        widths = _widths(cols, texts, extras, host, out.width)
        if fold or _roomy(cols, widths, texts):
            break
    explained.update(c.abbr for c in grid.columns if c.abbr and c.abbr in {x.label for x in cols})
    drawn = [
        cells.Col(col.label, w, "right" if col.kind == "num" else "left") for col, w in zip(cols, widths, strict=True)
    ]
    lines: list[list[cells.Line]] = []
    for row, extra in zip(rows, extras, strict=True):
        line: list[cells.Line] = []
        for i, (col, w, cell) in enumerate(zip(cols, widths, row, strict=True)):
            text = _clip(cell.text, w, col.max_lines) if col.max_lines is not None else cell.text
            tone = _STYLES.get(cell.tone or "plain", "")
            runs: cells.Line = ((text, tone),)
            if i == host and extra:
                for label, value in extra:
                    runs += tuple((part, cells.combine(tone, style)) for part, style in _folded(label, value, w))
            line.append(runs)
        lines.append(line)
    out.lines.extend(cells.grid(drawn, lines, out.width, header_style="bold", color=out.color))
    if legend:
        out.para(" · ".join(legend), "dim")
    for footer in grid.footer:
        out.para(footer, "dim")


WIDE = 120  # below this, secondary columns fold under the main text column


def _arrange(
    grid: layout.Grid, fold: bool
) -> tuple[list[layout.Column], list[list[layout.Cell]], list[list[tuple[str, layout.Cell]]], int]:
    """The columns to draw, their cells, per row the labelled lines folded under the host
    column (the first text column that is not secondary), and the host's index."""
    cols = list(grid.columns)
    host = next((i for i, c in enumerate(cols) if c.kind == "text" and not c.secondary), -1)
    if not fold or host < 0 or not any(c.secondary for c in cols):
        return cols, [list(r) for r in grid.rows], [[] for _ in grid.rows], -1
    keep = [i for i, c in enumerate(cols) if not c.secondary]
    moved = [i for i, c in enumerate(cols) if c.secondary]
    rows = [[r[i] for i in keep] for r in grid.rows]
    extras = [[(cols[i].label, r[i]) for i in moved if r[i].text] for r in grid.rows]
    return [cols[i] for i in keep], rows, extras, keep.index(host)


ROOMY = 24  # the main text column gets at least this much (or all it needs) before columns fold


def _roomy(cols: Sequence[layout.Column], widths: Sequence[int], rows: Sequence[Sequence[str]]) -> bool:
    """Whether every text column has at least ROOMY characters, or all it needs."""
    for i, (col, w) in enumerate(zip(cols, widths, strict=True)):
        if col.kind == "text":
            need = max([cells.cell_width(r[i]) for r in rows] + [1])
            if w < min(need, ROOMY):
                return False
    return True


def _folded(label: str, value: layout.Cell, width: int) -> cells.Line:
    """A secondary cell as indented lines under the host cell: "  Label: value"."""
    line: cells.Line = ((f"{label}: ", "dim"), (value.text, _STYLES.get(value.tone or "plain", "")))
    out: cells.Line = ()
    for part in cells.wrap(line, max(8, width - _INDENT)):
        out += (("\n" + " " * _INDENT, ""), *part)
    return out


_INDENT = 2


def _overhead(n: int) -> int:
    """Characters a SIMPLE_HEAD table without edges, padding collapsed, spends between n columns."""
    return 2 * (n - 1)


def _longest_word(text: str) -> int:
    return max(map(cells.cell_width if not cells.one_cell(text) else len, text.split()), default=0)


def _measure(
    cols: Sequence[layout.Column],
    rows: Sequence[Sequence[str]],
    extras: Sequence[Sequence[tuple[str, layout.Cell]]],
    host: int,
) -> tuple[list[int], list[int]]:
    """Each column's widest cell and longest word (the host's folded lines included)."""
    natural = [max([cells.cell_width(r[i]) for r in rows] + [1]) for i in range(len(cols))]
    longest = [max([_longest_word(r[i]) for r in rows] + [1]) for i in range(len(cols))]
    for extra in extras:
        for label, cell in extra:
            natural[host] = max(natural[host], _INDENT + cells.cell_width(f"{label}: {cell.text}"))
            longest[host] = max(longest[host], _longest_word(cell.text))
    return natural, longest


def _whole(
    cols: Sequence[layout.Column],
    rows: Sequence[Sequence[str]],
    extras: Sequence[Sequence[tuple[str, layout.Cell]]],
    host: int,
    width: int,
) -> bool:
    """Whether the full headings fit (wrapped in two lines) with every text cell on one line."""
    natural, _ = _measure(cols, rows, extras, host)
    need = [
        n if c.kind in ("text", "status") else max(n, _two_lines(c.label)) for c, n in zip(cols, natural, strict=True)
    ]
    return sum(need) + _overhead(len(cols)) <= width


def _widths(
    cols: Sequence[layout.Column],
    rows: Sequence[Sequence[str]],
    extras: Sequence[Sequence[tuple[str, layout.Cell]]],
    host: int,
    width: int,
) -> list[int]:
    """Natural widths for IDs, dates and numbers; the spare width shared among text columns."""
    natural, longest = _measure(cols, rows, extras, host)
    least = []
    for i, col in enumerate(cols):
        head = _two_lines(col.label)
        if col.kind in ("id", "date"):
            least.append(max(natural[i], head))
        elif col.kind == "num":
            least.append(max(natural[i] if natural[i] <= 12 else longest[i], head))
        else:
            least.append(max(min(longest[i], 20), head, 4))
        natural[i] = max(natural[i], cells.cell_width(col.label), least[i])
    available = width - _overhead(len(cols))
    if sum(natural) <= available:
        return natural
    out = list(least)
    spare = available - sum(out)
    # On a narrow terminal text comes first and numbers' headings wrap; on a wide one the
    # headings get their line first.
    text = [i for i, c in enumerate(cols) if c.kind in ("text", "status")]
    nums = [i for i, c in enumerate(cols) if c.kind in ("num", "id", "date")]
    for group in (text, nums) if width < WIDE else (nums, text):
        spare = _share(out, natural, cols, group, spare)
    return out


def _share(out: list[int], natural: list[int], cols: Sequence[layout.Column], which: list[int], spare: int) -> int:
    """Grow the columns `which` by weight up to their natural widths; return what is left."""
    while spare > 0:
        growing = [i for i in which if out[i] < natural[i]]
        if not growing:
            break
        total = sum(cols[i].weight for i in growing)
        given = 0
        for i in growing:
            add = min(max(1, spare * cols[i].weight // total), natural[i] - out[i], spare - given)
            out[i] += add
            given += add
            if given >= spare:
                break
        spare -= given
    return spare


def _two_lines(text: str) -> int:
    """The narrowest width at which `text` wraps into at most two lines (headings)."""
    words = text.split()
    best = cells.cell_width(text)
    for cut in range(1, len(words)):
        best = min(best, max(cells.cell_width(" ".join(words[:cut])), cells.cell_width(" ".join(words[cut:]))))
    return best


def _clip(text: str, width: int, max_lines: int) -> str:
    """`text` cut to the lines it takes in a column `width` wide, ending at a word with "…"."""
    lines = cells.wrap(((text, ""),), width)
    if len(lines) <= max_lines:
        return text
    kept = [cells.plain(line).strip() for line in lines[:max_lines]]
    last = kept[-1]
    if cells.cell_width(last) + 1 > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[: max(1, width - 1)]
    kept[-1] = last.rstrip(" ,;:-–") + "…"
    return " ".join(kept)
