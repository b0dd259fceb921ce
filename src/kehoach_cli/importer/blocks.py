"""What a source document becomes first: an ordered list of blocks, each with its origin.

A block is a paragraph or a table row (its cells keep their own origins). Later stages
never look at the file again, so every field of the draft can name the line or the
cell it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

BULLET_STAR = re.compile(r"^\*\s+(?=\S)")


def clean(text: str) -> str:
    """Text as printed: NFC, single spaces, Markdown emphasis removed, "* " bullets kept."""
    text = unicodedata.normalize("NFC", text).replace("\\*", "\x00")
    bullet = bool(BULLET_STAR.match(text.lstrip()))
    text = re.sub(r"(?<!\()\*+(?!\))", "", text)
    text = re.sub(r"\s+", " ", text.replace("\x00", "*")).strip()
    return "* " + text if bullet else text


@dataclass(frozen=True)
class Origin:
    """Where a piece of text is in the source: line numbers, or a Word/PDF position."""

    first: int  # 1-based line (text sources), paragraph (docx) or line of the page (pdf)
    last: int
    unit: str = "dòng"  # how `first`/`last` count: "dòng", "đoạn"
    page: int | None = None  # PDF page
    table: int | None = None  # docx table number (1-based)
    row: int | None = None
    cell: int | None = None

    def label(self) -> str:
        where = f"{self.unit} {self.first}" if self.last == self.first else f"{self.unit} {self.first}–{self.last}"
        if self.table is not None:
            where = f"bảng {self.table}, hàng {self.row}" + (f", ô {self.cell}" if self.cell else "")
        if self.page is not None:
            where = f"trang {self.page}, {where}"
        return where

    def span(self, other: Origin) -> Origin:
        """From this origin to `other` (a later one of the same document)."""
        if self.table is not None or self.page != other.page or self.unit != other.unit:
            return self
        return Origin(self.first, max(self.last, other.last), self.unit, self.page)


@dataclass
class Para:
    text: str  # NFC, single spaces, emphasis marks removed
    origin: Origin
    bold: bool = False  # the whole paragraph is bold (a heading, in most plans)
    italic: bool = False
    bold_lead: str | None = None  # a bold opening, "7. Sở Công Thương:" of "**7. Sở Công Thương:** Chủ trì…"


@dataclass
class Cell:
    text: str
    origin: Origin
    lines: list[str] = field(default_factory=list)  # the cell's own lines ("- Bộ Xây dựng;" lists)
    merged: bool = False  # Word: merged with the cell above (vMerge); the text is that cell's


@dataclass
class Row:
    cells: list[Cell]
    origin: Origin
    table: int  # which table of the document (1-based)


Block = Para | Row


@dataclass
class Document:
    name: str
    blocks: list[Block]
    kind: str  # "text", "docx", "pdf", "html"
    problems: list[str] = field(default_factory=list)
