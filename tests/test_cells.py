"""render/cells.py: row tables drawn without rich's Table, checked against rich itself.

Each case lays the same cells out twice — through `cells.grid` and through a rich Table of
the shape table.py used to build — and asserts the lines are the same, so a difference in
width measurement, wrapping or justification fails here before it changes a golden.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach_cli.render import cells


def _console(width: int, color: bool = False) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        _environ={},
    )


def _by_rich(cols: list[cells.Col], rows: list[list[str]], width: int) -> list[str]:
    console = _console(width)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        header_style="bold",
        expand=False,
        collapse_padding=True,
    )
    for col in cols:
        table.add_column(Text(col.label), width=col.width, justify=col.justify, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)
    return [line.rstrip() for line in console.file.getvalue().split("\n")[:-1]]  # type: ignore[attr-defined]


def _by_cells(cols: list[cells.Col], rows: list[list[str]], width: int) -> list[str]:
    lines = [[((cell, ""),) for cell in row] for row in rows]
    return [line.rstrip() for line in cells.grid(cols, lines, width, header_style="bold", color=False)]


VIETNAMESE = "Xây dựng Kế hoạch chuyển đổi số của Sở Thông tin và Truyền thông tỉnh Quảng Ngãi"
CASES = {
    "vietnamese wraps at words": ([("Mã", 4), ("Nhiệm vụ", 22), ("Hạn", 10)], [["1.a", VIETNAMESE, "31/12/2025"]]),
    "a word longer than its column folds": (
        [("ID", 3), ("Tên", 8)],
        [["2", "Siêuđặcbiệtdàikhôngcódấucách và tiếp"], ["3", "a" * 20]],
    ),
    "numbers justify right": ([("Chỉ tiêu", 10), ("Đạt %", 6, "right")], [["Điện", "98,62"], ["Nước", "100"]]),
    "cjk and emoji are two cells": (
        [("Tiêu đề", 9), ("Ghi chú", 7)],
        [["漢字かな交じり文の例です", "🎉🎉🎉🎉 ok"], ["テスト", "✅ xong"]],
    ),
    "combining marks take no cell": ([("Tên", 6), ("x", 3)], [["Thu\u0309y Ho\u0300a", "ab"]]),
    "empty cells and spaces": ([("A", 5), ("B", 5, "right")], [["", ""], ["   x   ", "  y  "], ["a  b  c  d", "1 2"]]),
    "headings wrap and sit at the bottom": (
        [("Cơ quan chủ trì thực hiện", 9), ("Số nhiệm vụ", 5, "right")],
        [["Sở Y tế", "12"]],
    ),
    "columns wider than the terminal shrink evenly": ([("Một", 30), ("Hai", 30), ("Ba", 30)], [["x " * 40] * 3]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
@pytest.mark.parametrize("width", [40, 80, 200])
def test_grid_draws_what_rich_draws(case: str, width: int) -> None:
    spec, rows = CASES[case]
    cols = [cells.Col(c[0], c[1], c[2] if len(c) > 2 else "left") for c in spec]  # type: ignore[misc]
    assert _by_cells(cols, rows, width) == _by_rich(cols, rows, width)


@pytest.mark.parametrize("text", [VIETNAMESE, "a" * 50, "ab  cd   ef " * 5, "漢字 かな 🎉 x" * 4, " lead", ""])
@pytest.mark.parametrize("width", [1, 3, 7, 12, 30])
@pytest.mark.parametrize("justify", ["default", "left", "right"])
def test_wrap_matches_rich_text_wrap(text: str, width: int, justify: cells.Justify) -> None:
    expected = [line.plain for line in Text(text).wrap(_console(80), width, justify=justify, overflow="fold")]
    assert [cells.plain(line) for line in cells.wrap(((text, "s"),), width, justify)] == expected
    # Two runs take the general path; it must break the same way.
    half = len(text) // 2
    two = ((text[:half], "bold"), (text[half:], "dim"))
    assert [cells.plain(line) for line in cells.wrap(two, width, justify)] == expected


def test_styles_survive_a_break_inside_a_run() -> None:
    # Spaces within the width stay, as rich keeps them (they only matter under colour).
    lines = cells.wrap((("Hạn: ", "dim"), ("quá hạn ba ngày", "bold red")), 10)
    assert lines == [(("Hạn: ", "dim"), ("quá ", "bold red")), (("hạn ba ", "bold red"),), (("ngày", "bold red"),)]


def test_one_cell_characters_are_one_cell_for_rich() -> None:
    # The quick set must never call a character one cell that rich measures otherwise,
    # or columns would misalign by the difference.
    wrong = [c for c in cells._ONE_CELL if cell_len(c) != 1]
    assert wrong == []
    assert cells.cell_width("Đường ống ỹ – “…”") == len("Đường ống ỹ – “…”")
    assert cells.cell_width("漢字🎉") == 6
    assert cells.cell_width("Thu\u0309y") == 4


def test_colour_is_what_rich_writes_and_none_without_it() -> None:
    cols = [cells.Col("Mã", 3), cells.Col("Trạng thái", 10), cells.Col("Số", 4, "right")]
    rows: list[list[cells.Line]] = [
        [(("1.a", ""),), (("quá hạn ba ngày", "bold red"),), (("12", "dim"),)],
        [(("", ""),), (("xong", "green"),), (("", ""),)],
    ]
    console = _console(80, color=True)
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
        header_style="bold",
        expand=False,
        collapse_padding=True,
    )
    for col in cols:
        table.add_column(Text(col.label), width=col.width, justify=col.justify, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell[0][0], style=cell[0][1]) for cell in row))
    console.print(table)
    expected = [line.rstrip() for line in console.file.getvalue().split("\n")[:-1]]  # type: ignore[attr-defined]
    coloured = [line.rstrip() for line in cells.grid(cols, rows, 80, header_style="bold", color=True)]
    assert coloured == expected
    assert "\x1b[1;31mquá hạn ba\x1b[0m" in coloured[2]
    plain = cells.grid(cols, rows, 80, header_style="bold", color=False)
    assert not any("\x1b" in line for line in plain)
    assert [line.rstrip() for line in plain] == [
        "Mã   Trạng thái    Số",
        "─" * 21,
        "1.a  quá hạn ba    12",
        "     ngày",
        "     xong",
    ]


def test_combined_styles_follow_rich() -> None:
    assert cells.combine("bold red", "dim") == "bold dim red"
    assert cells.combine("cyan", "yellow") == "yellow"
    assert cells.combine("", "") == ""


def test_the_tasks_table_never_loads_richs_table_or_segments() -> None:
    # The row tables must not go through rich's per-row machinery at all, not merely be fast.
    code = (
        "import sys, contextlib, io\n"
        "from kehoach_cli.cli.main import main\n"
        "sys.argv = ['kehoach', 'tasks', '--plan', 'tests/plans/rep_kinds.yaml', '--as-of', '2021-07-01', '--color', 'always']\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main()\n"
        "assert '\\x1b[' in out.getvalue(), out.getvalue()\n"
        "print(sorted(m for m in ('rich.table', 'rich.segment', 'rich.console', 'rich.text') if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "KEHOACH_NO_CACHE": "1", "COLUMNS": "80"}
    proc = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
