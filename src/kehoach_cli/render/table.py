"""The human format: rich tables fitted to the terminal width.

Width and colour are inputs (RenderOptions), never read here, so the output for a fixed
as-of date and width is byte-identical run after run. User text is wrapped in `Text`
objects and the console has markup, emoji and highlighting off: a title containing
``[/]`` or ``[link=…]`` prints as written.

Column widths are computed here rather than left to rich, so a long title cannot squeeze
IDs and dates: IDs, dates and numbers get their natural width, text columns share the
rest by weight, and list titles are cut after a few lines with an ellipsis.
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import replace

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach_cli.render import layout
from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports import Report
from kehoach_cli.safe import one_line

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


def render(report: Report, opts: RenderOptions) -> str:
    console = _console(opts)
    blocks = [_safe(b) for b in layout.build(report, opts.lang)]
    explained: set[str] = set()  # abbreviations a legend has already explained
    for i, block in enumerate(blocks):
        if isinstance(block, layout.Heading):
            if i:
                console.print()
            style = "bold" if block.level == 1 else "bold underline"
            console.print(Text(block.text, style=style))
        elif isinstance(block, layout.Para):
            console.print(Text(block.text, style=_STYLES[block.tone]))
        elif isinstance(block, layout.Fields):
            console.print(_fields(block, console.width))
        elif isinstance(block, layout.Bullets):
            console.print(_bullets(block, console.width))
        else:
            _grid(console, block, explained)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in text.split("\n"))


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


def _console(opts: RenderOptions) -> Console:
    width = max(MIN_WIDTH, opts.width)
    return Console(
        file=io.StringIO(),
        width=width,
        height=25,
        force_terminal=opts.color,
        no_color=not opts.color,
        color_system="standard" if opts.color else None,
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
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1), expand=False)
    label_width = min(max(cell_len(k) for k, _ in block.rows) + 1, max(12, width // 3))
    table.add_column(no_wrap=False, width=label_width, style="bold")
    table.add_column(no_wrap=False, width=max(10, width - label_width - 2), overflow="fold")
    for key, value in block.rows:
        table.add_row(Text(key + ":"), Text(value))
    return table


def _bullets(block: layout.Bullets, width: int) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1), expand=False, collapse_padding=True)
    table.add_column(width=1)
    table.add_column(width=max(10, width - 3), overflow="fold")
    for item in block.items:
        table.add_row(Text("•"), Text(item))
    return table


def _grid(console: Console, grid: layout.Grid, explained: set[str]) -> None:
    if not grid.rows:
        if grid.empty:
            console.print(Text(grid.empty, style="dim"))
        return
    # Secondary columns fold under the main text below WIDE columns, and above it too when
    # keeping them would squeeze the main text column.
    for fold in (False, True) if console.width >= WIDE else (True,):
        cols, rows, extras, host = _arrange(grid, fold)
        texts = [[c.text for c in r] for r in rows]
        legend: list[str] = []
        if any(c.abbr for c in cols) and not _whole(cols, texts, extras, host, console.width):
            # The full headings would squeeze the text: abbreviate, and say once what each means.
            legend = [
                f"{c.abbr}: {c.label[:1].lower()}{c.label[1:]}"
                for c in cols
                if c.abbr and c.abbr not in explained and c.abbr.casefold() != c.label.casefold()
            ]
            cols = [dataclasses.replace(c, label=c.abbr) if c.abbr else c for c in cols]
        widths = _widths(cols, texts, extras, host, console.width)
        if fold or _roomy(cols, widths, texts):
            break
    explained.update(c.abbr for c in grid.columns if c.abbr and c.abbr in {x.label for x in cols})
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        header_style="bold",
        expand=False,
        collapse_padding=True,
    )
    for col, w in zip(cols, widths, strict=True):
        table.add_column(
            Text(col.label),
            width=w,
            justify="right" if col.kind == "num" else "left",
            overflow="fold",
        )
    for row, extra in zip(rows, extras, strict=True):
        cells = []
        for i, (col, w, cell) in enumerate(zip(cols, widths, row, strict=True)):
            text = _clip(console, cell.text, w, col.max_lines) if col.max_lines is not None else cell.text
            out = Text(text, style=_STYLES.get(cell.tone or "plain", ""))
            if i == host and extra:
                for label, value in extra:
                    out.append_text(_folded(console, label, value, w))
            cells.append(out)
        table.add_row(*cells)
    console.print(table)
    if legend:
        console.print(Text(" · ".join(legend), style="dim"))
    for line in grid.footer:
        console.print(Text(line, style="dim"))


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
            need = max([cell_len(r[i]) for r in rows] + [1])
            if w < min(need, ROOMY):
                return False
    return True


def _folded(console: Console, label: str, value: layout.Cell, width: int) -> Text:
    """A secondary cell as indented lines under the host cell: "  Label: value"."""
    line = Text()
    line.append(f"{label}: ", style="dim")
    line.append(value.text, style=_STYLES.get(value.tone or "plain", ""))
    out = Text()
    for part in line.wrap(console, max(8, width - _INDENT), overflow="fold"):
        out.append("\n" + " " * _INDENT)
        out.append_text(part)
    return out


_INDENT = 2


def _overhead(n: int) -> int:
    """Characters a SIMPLE_HEAD table without edges, padding collapsed, spends between n columns."""
    return 2 * (n - 1)


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def _measure(
    cols: Sequence[layout.Column],
    rows: Sequence[Sequence[str]],
    extras: Sequence[Sequence[tuple[str, layout.Cell]]],
    host: int,
) -> tuple[list[int], list[int]]:
    """Each column's widest cell and longest word (the host's folded lines included)."""
    natural = [max([cell_len(r[i]) for r in rows] + [1]) for i in range(len(cols))]
    longest = [max([_longest_word(r[i]) for r in rows] + [1]) for i in range(len(cols))]
    for extra in extras:
        for label, cell in extra:
            natural[host] = max(natural[host], _INDENT + cell_len(f"{label}: {cell.text}"))
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
        natural[i] = max(natural[i], cell_len(col.label), least[i])
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
    best = cell_len(text)
    for cut in range(1, len(words)):
        best = min(best, max(cell_len(" ".join(words[:cut])), cell_len(" ".join(words[cut:]))))
    return best


def _clip(console: Console, text: str, width: int, max_lines: int) -> str:
    """`text` cut to the lines it takes in a column `width` wide, ending at a word with "…"."""
    lines = Text(text).wrap(console, width, overflow="fold")
    if len(lines) <= max_lines:
        return text
    kept = [line.plain.strip() for line in lines[:max_lines]]
    last = kept[-1]
    if cell_len(last) + 1 > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[: max(1, width - 1)]
    kept[-1] = last.rstrip(" ,;:-–") + "…"
    return " ".join(kept)
