"""A task table in a PDF reads as its Markdown twin does.

`fixtures/columns.pdf` is `fixtures/columns.md` converted the way the benchmark converts
(`benchmarks/import_quality.py`: HTML with real tables, then LibreOffice headless), so its
table has ruling lines, cells wrapped over several lines and a page break after the table.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from kehoach_cli.importer import import_document
from kehoach_cli.importer.blocks import Row
from kehoach_cli.importer.sources import read

HERE = Path(__file__).parent / "fixtures"
# Where a task was found differs by format (line of the text, page and table row of the PDF).
_PLACE = {"ref", "line", "reviews", "notes"}


def _fields(path: Path) -> list[dict[str, object]]:
    tasks = import_document(path).plan.tasks
    return [{k: v for k, v in dataclasses.asdict(t).items() if k not in _PLACE} for t in tasks]


def test_pdf_table_gives_the_markdown_draft() -> None:
    pdf, md = _fields(HERE / "columns.pdf"), _fields(HERE / "columns.md")
    assert len(pdf) == 8
    assert pdf == md


def test_pdf_table_rows_have_cells_by_column() -> None:
    rows = [b for b in read(HERE / "columns.pdf").blocks if isinstance(b, Row)]
    header = [c.text for c in rows[0].cells]
    assert header[:3] == ["TT", "Nội dung", "Thời gian"]
    first = rows[2].cells  # after the section row "I | …"
    assert first[0].text == "1" and first[0].origin.label().startswith("trang 1, bảng 1, hàng 3")
    assert all("|" not in c.text for r in rows for c in r.cells)
