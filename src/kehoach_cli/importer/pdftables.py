"""Tables of a PDF page rebuilt from where its text sits.

A PDF keeps no table structure: its text comes out cell after cell, row after row, and an
appendix table reads as prose. PDFium still knows where every run of text is (its text
rectangles) and where the ruling lines are (thin path objects), which is enough to read a
task table the way a Word table is read:

* the header is a band of short text runs, clustered into columns by their x-ranges, whose
  words name a task column and a lead or time column (`tables.column_of`, the words the
  Markdown and Word readers use);
* every later run sits in the column whose left edge is at or left of it; the table ends at
  the first run that fits no column (a paragraph across the page);
* rows split at horizontal rules (or, without rules, at a new number in the first column);
  a row cut by a page break continues on the next page, and a header repeated on the next
  page is dropped, as are page numbers and running headers in the margins;
* a cell's lines are joined as the "|"-cell copies join theirs (`tables.cell_items`).

Only pages whose text names header words are measured, so prose pages read as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .blocks import Cell, Origin, Row, clean
from .tables import cell_items, column_of, looks_like_number

# A page can only hold a table header if its text names a task column and a lead or time one.
_TASK_WORD = re.compile(r"nhiệm\s+vụ|nội\s+dung|giải\s+pháp|công\s+việc|hoạt\s+động", re.I)
_OTHER_WORD = re.compile(r"chủ\s+trì|thực\s+hiện|phối\s+hợp|thời\s+gian|thời\s+hạn|tiến\s+độ", re.I)
_HEADER_CELL = 45  # characters: a header run is short
_PAD = 3.0  # points between a column's rule and its text
_SLACK = 6.0  # points a run may reach past its column's right edge
_MARGIN = 0.07  # share of the page height kept for running headers, footers, page numbers


@dataclass
class Run:
    """A run of text on one line (a PDFium text rectangle), in PDF points (y upwards)."""

    left: float
    bottom: float
    right: float
    top: float
    text: str
    page: int = 0

    @property
    def middle(self) -> float:
        return (self.bottom + self.top) / 2


@dataclass
class Table:
    """Columns (their left edges) and the rows read so far."""

    number: int
    edges: list[float]  # left edge of each column; the last column runs to `right`
    right: float
    header: list[str]
    rows: list[list[list[Run]]] = field(default_factory=list)  # row → column → runs
    open_row: bool = False  # the last row may go on at the top of the next page
    pages: list[int] = field(default_factory=list)  # page of each row
    header_page: int | None = None
    lines: list[int] = field(default_factory=list)  # each row's place among its page's lines
    line: int = 0  # the page's lines so far, rows counted as one

    def column(self, run: Run) -> int | None:
        """The column `run` sits in, or None when it crosses a column's right edge."""
        if run.left < self.edges[0] - _SLACK or run.right > self.right + _SLACK:
            return None
        k = 0
        for i, edge in enumerate(self.edges):
            if run.left + _PAD >= edge:
                k = i
        limit = self.edges[k + 1] if k + 1 < len(self.edges) else self.right
        return k if run.right <= limit + _SLACK else None


@dataclass
class Region:
    """A part of a page from `top` down to `bottom`: prose, or rows of a table."""

    top: float
    bottom: float
    rows: list[Row] = field(default_factory=list)  # empty for prose


def may_hold_table(text: str) -> bool:
    return bool(_TASK_WORD.search(text) and _OTHER_WORD.search(text))


def page_runs(textpage: Any, page: int) -> list[Run]:
    runs = []
    for i in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(i)
        text = textpage.get_text_bounded(left, bottom, right, top).replace("\ufffe", "-")
        text = clean(text.replace("\r", " ").replace("\n", " "))
        if text:
            runs.append(Run(left, bottom, right, top, text, page))
    runs.sort(key=lambda r: (-r.top, r.left))
    return runs


Rules = list[tuple[float, float, float]]  # (position, from, to)


def page_rules(page: Any) -> tuple[Rules, Rules]:
    """Horizontal rules (y, left, right) and vertical ones (x, bottom, top), pieces merged."""
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    flat: Rules = []
    upright: Rules = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        if top - bottom < 2.0 and right - left > 4.0:
            flat.append(((top + bottom) / 2, left, right))
        elif right - left < 2.0 and top - bottom > 4.0:
            upright.append(((left + right) / 2, bottom, top))
    return _merge(flat), _merge(upright)


def _merge(lines: Rules) -> Rules:
    """Pieces of one line (LibreOffice draws each cell border, and draws it twice) as one."""
    merged: Rules = []
    for at, start, stop in sorted(lines):
        if merged and abs(merged[-1][0] - at) < 1.5 and start <= merged[-1][2] + 2.0:
            m_at, m_start, m_stop = merged[-1]
            merged[-1] = (m_at, min(m_start, start), max(m_stop, stop))
        else:
            merged.append((at, start, stop))
    return merged


def drop_margins(runs: list[Run], height: float, repeated: set[str]) -> list[Run]:
    """Runs without page numbers and running headers/footers (text seen in the margin of other pages)."""
    keep = []
    for r in runs:
        in_margin = r.bottom > height * (1 - _MARGIN) or r.top < height * _MARGIN
        alone = not any(o is not r and abs(o.middle - r.middle) < 3.0 for o in runs)
        if in_margin and alone and (r.text.strip().isdigit() or margin_key(r.text) in repeated):
            continue
        keep.append(r)
    return keep


def margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def _clusters(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into columns: runs whose x-ranges overlap share a column."""
    groups: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: r.left):
        if groups and r.left < max(g.right for g in groups[-1]) - 1.0:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


def find_header(runs: list[Run], rules: Rules, upright: Rules, number: int) -> tuple[Table, float, float] | None:
    """The first task-table header among `runs`: the table, the header's top and bottom."""
    for anchor in runs:
        if len(anchor.text) > _HEADER_CELL or column_of(anchor.text) is None:
            continue
        above = [y for y, lft, rgt in rules if y > anchor.top and lft <= anchor.left + 1 <= rgt]
        below = [y for y, lft, rgt in rules if y < anchor.bottom and lft <= anchor.left + 1 <= rgt]
        top = min(above) if above and min(above) - anchor.top < 60 else anchor.top + 30
        bottom = max(below) if below and anchor.bottom - max(below) < 60 else anchor.bottom - 30
        band = [r for r in runs if bottom < r.middle < top]
        if any(len(r.text) > _HEADER_CELL for r in band):
            continue
        left = min(r.left for r in band)
        # Column edges: the vertical rules through the header band, else the header's text.
        xs = [x for x, b, t in upright if b < top - 2 and t > bottom + 2 and x > left - 20]
        edges = _distinct(xs)
        if len(edges) >= 4:
            right = edges.pop()
            groups: list[list[Run]] = [[r for r in band if _between(r, edges, k)] for k in range(len(edges))]
        else:
            groups = _clusters(band)
            edges = [_edge(min(r.left for r in g), upright, rules, top) for g in groups]
            spans = [rgt for y, lft, rgt in rules if lft <= edges[0] + _SLACK and rgt > max(r.right for r in band)]
            right = max(spans) if spans else max(r.right for r in band) + _SLACK
        names = [" ".join(r.text for r in sorted(g, key=lambda r: (-r.top, r.left))) for g in groups]
        cols = [column_of(n) for n in names if n]
        named = {c for c in cols if c}
        if "task" not in named or not ({"lead", "time"} & named) or len(cols) < 3:
            continue
        return Table(number, edges, right, names), top, bottom
    return None


def _distinct(xs: list[float]) -> list[float]:
    out: list[float] = []
    for x in sorted(xs):
        if not out or x - out[-1] > 2.0:
            out.append(x)
    return out


def _between(run: Run, edges: list[float], k: int) -> bool:
    nxt = edges[k + 1] if k + 1 < len(edges) else float("inf")
    return edges[k] <= run.left + _PAD < nxt + _PAD and not (k + 1 < len(edges) and run.left + _PAD >= nxt)


def _edge(left: float, upright: Rules, rules: Rules, top: float) -> float:
    """A column's left edge: the nearest ruling line left of its header text, else the text."""
    lines = [x for x, b, t in upright if left - 20 < x <= left + 1]
    lines += [lft for y, lft, rgt in rules if abs(y - top) < 1.5 and left - 20 < lft <= left + 1]
    return max(lines) if lines else left - _PAD


def read_body(table: Table, runs: list[Run], rules: Rules, page: int, start: float, stop: float) -> float:
    """Rows of `table` from `start` down to `stop` (the next table's header, or 0: the page's foot).

    Returns where the table ends on the page, or 0 when it runs on to `stop`.
    """
    body: list[Run] = []
    end = 0.0
    for r in runs:
        if r.middle >= start or r.middle <= stop:
            continue
        if table.column(r) is None:
            end = r.top + 0.5
            break
        body.append(r)
    if not body:
        table.open_row = False
        return start if end else 0.0
    lines = sorted(y for y, lft, rgt in rules if lft <= table.edges[0] + _SLACK and rgt >= table.right - 3 * _SLACK)
    cuts = [y for y in lines if end < y < start]
    bands: list[list[Run]] = [[] for _ in range(len(cuts) + 1)]
    cuts_down = sorted(cuts, reverse=True)
    for r in body:
        k = sum(1 for y in cuts_down if r.middle < y)
        bands[k].append(r)
    bands = [b for b in bands if b]
    if not cuts:
        bands = _split_at_numbers(table, body)
    for k, band in enumerate(bands):
        cells: list[list[Run]] = [[] for _ in table.edges]
        for r in band:
            col = table.column(r)
            assert col is not None
            cells[col].append(r)
        first_number = any(looks_like_number(r.text) for r in cells[0])
        if k == 0 and table.open_row and table.rows and not first_number:
            for col, extra in enumerate(cells):
                table.rows[-1][col].extend(extra)
            continue
        if k == 0 and _is_header_again(table, band):
            continue
        table.rows.append(cells)
        table.pages.append(page)
        table.line += 1
        table.lines.append(table.line)
    table.open_row = end == 0.0
    return end


def _split_at_numbers(table: Table, body: list[Run]) -> list[list[Run]]:
    bands: list[list[Run]] = []
    starts = sorted((r.top for r in body if table.column(r) == 0 and looks_like_number(r.text)), reverse=True)
    for r in body:
        k = sum(1 for y in starts if r.top <= y + 1.0)
        while len(bands) <= k:
            bands.append([])
        bands[k].append(r)
    return [b for b in bands if b]


def _is_header_again(table: Table, band: list[Run]) -> bool:
    names = [" ".join(r.text for r in g) for g in _clusters(band)]
    return len(names) >= 3 and sum(1 for n in names if len(n) < 60 and column_of(n)) >= len(names) - 1


def rows_of(table: Table) -> list[Row]:
    """The table as the Word reader gives it: header first, empty cells dropped."""
    out = [
        Row(
            [
                Cell(name, Origin(1, 1, "hàng", page=table.header_page, table=table.number, row=1, cell=i), [name])
                for i, name in enumerate(table.header, start=1)
                if name
            ],
            Origin(1, 1, "hàng", table=table.number, row=1),
            table.number,
        )
    ]
    for n, (cells, page, line) in enumerate(zip(table.rows, table.pages, table.lines, strict=True), start=2):
        row_cells = []
        for c, runs in enumerate(cells, start=1):
            lines = _lines(runs)
            text = clean(" ".join(lines))
            if text:
                origin = Origin(line, line, "hàng", page=page, table=table.number, row=n, cell=c)
                row_cells.append(Cell(text, origin, cell_items([(0, ln) for ln in lines], clean)))
        if row_cells:
            out.append(Row(row_cells, Origin(line, line, "hàng", page=page, table=table.number, row=n), table.number))
    return out


def _lines(runs: list[Run]) -> list[str]:
    """A cell's runs as its lines, top to bottom (runs on one baseline joined left to right)."""
    lines: list[list[Run]] = []
    for r in sorted(runs, key=lambda r: (r.page, -r.top)):
        if lines and abs(lines[-1][0].middle - r.middle) < 2.0:
            lines[-1].append(r)
        else:
            lines.append([r])
    return [" ".join(r.text for r in sorted(line, key=lambda r: r.left)) for line in lines]
