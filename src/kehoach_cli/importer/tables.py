"""Tables: "|"-cell copies and pipe tables into rows; rows into records by column.

Published copies of legal texts (Thư viện Pháp luật) print a table as its cells in
order, each followed by a line holding only "|", a row ending with two such lines; a
table opens with one "|". Empty and merged cells are dropped, so a row may have fewer
cells than the header. `Grid` puts each cell under its column by what the cell looks
like (a number, an agency, a time phrase, prose), keeps the document's own numbering,
and gives a continuation row (whose agency cells were merged into the row above) the
merged cells of that row, saying so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..messages import Msg, msg
from .blocks import Cell, Origin, Row, clean

# --- reading rows ---------------------------------------------------------------------


class BarTable:
    """A "|"-cell table being read line by line."""

    def __init__(self, number: int, clean: Callable[[str], str]) -> None:
        self.number = number
        self._clean = clean
        self._row: list[Cell] = []
        self._cell: list[tuple[int, str]] = []

    def at_cell_start(self) -> bool:
        return not self._cell

    def add(self, no: int, line: str) -> None:
        self._cell.append((no, line))

    def bar(self, no: int) -> list[Row]:
        if self._cell:
            self._close_cell()
            return []
        return self._end_row()

    def finish(self) -> list[Row]:
        if self._cell:
            self._close_cell()
        return self._end_row()

    def _close_cell(self) -> None:
        lines = self._cell
        self._cell = []
        text = self._clean(" ".join(raw for _, raw in lines))
        if text:
            self._row.append(Cell(text, Origin(lines[0][0], lines[-1][0]), cell_items(lines, self._clean)))

    def _end_row(self) -> list[Row]:
        if not self._row:
            return []
        cells, self._row = self._row, []
        return [Row(cells, cells[0].origin.span(cells[-1].origin), self.number)]


_ITEM = re.compile(r"^\**\s*(?:[-+•]|\d{1,2}[.)]|[a-zđ]\))\s")


def cell_items(lines: list[tuple[int, str]], clean: Callable[[str], str]) -> list[str]:
    """A cell's list items ("- Bộ Xây dựng;" on lines of their own), wrapped lines joined."""
    items: list[str] = []
    for _, raw in lines:
        if _ITEM.match(raw) or not items:
            items.append(raw)
        else:
            items[-1] += " " + raw
    return [t for t in (clean(i) for i in items) if t]


def is_pipe_row(line: str) -> bool:
    """A GitHub-style table line: "| a | b |"."""
    return len(line) > 2 and line.startswith("|") and line.endswith("|") and line.count("|") >= 3


_PIPE_SEPARATOR = re.compile(r"^\|(?:\s*:?-{2,}:?\s*\|)+$")


def pipe_rows(lines: list[tuple[int, str]], number: int) -> Iterator[Row]:
    for no, line in lines:
        if _PIPE_SEPARATOR.match(line):
            continue
        parts = re.split(r"(?<!\\)\|", line.strip()[1:-1])
        cells = []
        for i, part in enumerate(parts, start=1):
            items = [clean(x) for x in re.split(r"<br\s*/?>", part) if clean(x)]
            text = " ".join(items)
            if text:
                cells.append(Cell(text, Origin(no, no, cell=i), items))
        if cells:
            yield Row(cells, Origin(no, no), number)


# --- rows into records ----------------------------------------------------------------

# Header words → column. Order matters: the first match wins ("Thuộc nhóm nhiệm vụ" is a
# group, not the task).
_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("id", re.compile(r"^(?:stt|tt|số\s+tt|số\s+thứ\s+tự)\.?$")),
    ("time", re.compile(r"thời\s+gian|thời\s+hạn|tiến\s+độ")),
    ("group", re.compile(r"nhóm|lĩnh\s+vực")),
    ("partners", re.compile(r"phối\s+hợp")),
    ("lead", re.compile(r"chủ\s+trì|thực\s+hiện$|đơn\s+vị\s+thực\s+hiện|cơ\s+quan\s+thực\s+hiện|đầu\s+mối")),
    ("funding", re.compile(r"kinh\s+phí|nguồn\s+lực|nguồn\s+vốn|dự\s+toán")),
    ("status", re.compile(r"tình\s+trạng")),
    ("product", re.compile(r"sản\s+phẩm|kết\s+quả|chỉ\s+tiêu")),
    (
        "task",
        re.compile(
            r"nhiệm\s+vụ|nội\s+dung|tên\s+(?:dự\s+án|đề\s+án|chương\s+trình)|giải\s+pháp|công\s+việc|hoạt\s+động"
        ),
    ),
    ("unit", re.compile(r"^đvt$|đơn\s+vị\s+tính")),
    ("year", re.compile(r"^(?:năm\s+)?(?:19|20)\d\d$|giai\s+đoạn|ưth")),
)


def column_of(header: str) -> str | None:
    key = re.sub(r"\[\d+\]", "", header).strip().lower()
    key = re.sub(r"\s+", " ", key)
    for name, pattern in _COLUMNS:
        if pattern.search(key):
            return name
    return None


@dataclass
class Record:
    """One row of a task table, cells by column."""

    kind: str  # "task" or "section"
    cells: dict[str, Cell]
    origin: Origin
    table: int
    number: str | None = None  # the STT as printed
    inherited: list[str] = field(default_factory=list)  # columns taken from the row above (merged cells)
    reviews: list[Msg] = field(default_factory=list)
    continues: bool = False  # a continuation row (no number of its own)


Scorer = Callable[[str, Cell], float]

_NUMBER = re.compile(r"^(?:[A-ZĐ]|[IVXL]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3})\.?$")


def looks_like_number(text: str) -> bool:
    return bool(_NUMBER.match(text.strip()))


class Grid:
    """The columns of a task table, and its rows read under them."""

    def __init__(self, header: Row, columns: list[str | None], score: Scorer) -> None:
        self.header = header
        self.columns = columns
        self._score = score
        self._last: Record | None = None
        self._continuing = False  # the row being read has no number of its own

    @staticmethod
    def detect(row: Row, score: Scorer) -> Grid | None:
        """A grid when `row` is the header of a task table (task and lead or time columns)."""
        columns: list[str | None] = []
        for c in row.cells:
            col = column_of(c.text)
            if col is not None and col in columns:
                # "Tên dự án, nhiệm vụ" then "Nội dung chính": the second is the content.
                col = "content" if col == "task" else None
            columns.append(col)
        named = {c for c in columns if c}
        if "task" in named and ({"lead", "time"} & named) and "year" not in named:
            return Grid(row, columns, score)
        return None

    def is_header_again(self, row: Row) -> bool:
        """The header repeated under a sub-section ("Nội dung | …")."""
        cols = [column_of(c.text) if len(c.text) < 60 else None for c in row.cells]
        return sum(1 for c in cols if c) >= max(2, len(row.cells) - 1) and len(row.cells) >= 3

    def read(self, row: Row) -> Iterator[Record]:
        cells = row.cells
        width = len(self.columns)
        if len(cells) > width:
            # Rows run together when an empty cell was dropped: split before a cell that
            # starts a new row (a number like "C" or "1.1").
            for k in range(2, len(cells)):
                if looks_like_number(cells[k].text) and k + 1 < len(cells):
                    yield from self.read(Row(cells[:k], row.origin, row.table))
                    yield from self.read(Row(cells[k:], cells[k].origin, row.table))
                    return
        if len(cells) == 2 and looks_like_number(cells[0].text) and len(cells[1].text) < 200:
            # "A. | BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "I | Hoàn thiện thể chế", "5.1 | Thương mại"
            yield Record("section", {"id": cells[0], "task": cells[1]}, row.origin, row.table, cells[0].text.strip())
            self._last = None
            return
        self._continuing = self._last is not None and not looks_like_number(cells[0].text)
        assigned = self._align(cells)
        record = Record("task", assigned, row.origin, row.table)
        for col in [c for c, cell in assigned.items() if cell.merged]:
            # Word says this cell is the one above, merged: a continuation of that row.
            if col == "id":
                del assigned[col]
                record.continues = True
            else:
                record.inherited.append(col)
        if "id" in assigned and looks_like_number(assigned["id"].text):
            record.number = assigned["id"].text.strip().rstrip(".")
        elif "id" in assigned:
            # Not a number after all: the cell was text put under the first column.
            record.reviews.append(msg("the first cell '{text}' is not a row number", text=assigned["id"].text[:40]))
        if record.number is None and self._last is not None:
            # The agency cells a continuation row lacks were merged with the row above,
            # wherever the table puts them ("TT | Nội dung | Thời gian | Chủ trì | …" too),
            # unless Word marked the merged cells itself: then an empty cell is just empty.
            told = any(c.merged for c in cells)
            for name in ("lead", "partners", "group"):
                if not told and name in self.columns and name in self._last.cells and name not in assigned:
                    assigned[name] = self._last.cells[name]
                    record.inherited.append(name)
            record.continues = True
        if len(cells) < width and not record.inherited:
            missing = [c for c in self.columns if c and c not in assigned and c != "id"]
            if missing:
                record.reviews.append(
                    msg(
                        "row has {n} of {width} cells; no cell read for: {columns}",
                        n=len(cells),
                        width=width,
                        columns=", ".join(missing),
                    )
                )
        if "task" not in assigned:
            return
        self._last = record
        yield record

    def _align(self, cells: list[Cell]) -> dict[str, Cell]:
        """Cells under columns, in order, maximising how well each fits its column.

        A row of a task table has a task cell: the task column carries a bonus that any
        alignment leaving it empty loses, so a task whose result cell opens like an
        agency ("Bộ công cụ …", "Các hội thảo …") is still read as a task, not dropped.
        """
        cols = self.columns
        n, m = len(cols), len(cells)
        if m == n:
            return {c: cell for c, cell in zip(cols, cells, strict=True) if c}
        neg = float("-inf")
        best = [[neg] * (n + 1) for _ in range(m + 1)]
        choice: list[list[int]] = [[0] * (n + 1) for _ in range(m + 1)]
        for j in range(n + 1):
            best[0][j] = 0.0
        for i in range(1, m + 1):
            for j in range(1, n + 1):
                skip = best[i][j - 1]
                take = best[i - 1][j - 1] + self._fit(cols[j - 1], cells[i - 1])
                if take >= skip:
                    best[i][j], choice[i][j] = take, 1
                else:
                    best[i][j], choice[i][j] = skip, 0
        out: dict[str, Cell] = {}
        i, j = m, n
        while i > 0 and j > 0:
            if choice[i][j] == 1:
                col = cols[j - 1]
                if col:
                    out[col] = cells[i - 1]
                i, j = i - 1, j - 1
            else:
                j -= 1
        return out

    def _fit(self, col: str | None, cell: Cell) -> float:
        if col is None:
            return 0.0
        if col == "id":
            return 3.0 if looks_like_number(cell.text) else -4.0
        if col == "task":
            return self._score(col, cell) + _TASK_BONUS
        if col == "lead":
            # One agency cell in a numbered row is its lead (a partner cell is what goes
            # missing); in a continuation row the lead is the merged cell, so it is a partner.
            return self._score(col, cell) + (-_LEAD_TIE if self._continuing else _LEAD_TIE)
        return self._score(col, cell)


_TASK_BONUS = 6.0
_LEAD_TIE = 0.1
