"""Row tables laid out directly, as plain strings: thousands of rows without rich's Table.

rich's Table renders every cell through segments, padding objects and style arithmetic —
about half a millisecond per row, so a 10,000-task table took longer than building the
report. The tables kehoach draws are one shape (SIMPLE_HEAD box without edges, padding
(0, 1) collapsed, widths fixed by table.py, cells folded at the column width), so this
module draws that shape itself and reproduces rich's output for it byte for byte:

* widths are display cells measured by rich's own `rich.cells` (a leaf module with the
  East Asian width and grapheme tables, no console): Vietnamese NFC letters are one cell,
  combining marks none, CJK and emoji two;
* wrapping is rich's `divide_line` (words with their trailing spaces; a word longer than
  the line is folded at the width) followed by what `Text.wrap` does to each line;
* a row's cells are aligned at the top, the heading's at the bottom, columns are joined by
  one pad and one divider space and the heading is underlined with a rule of "─".

Colour is a style string per run ("bold red"), written as the SGR codes rich writes for
the standard 8-colour system; without colour no escape sequence is written at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from rich.cells import cell_len, chop_cells, set_cell_size

Run = tuple[str, str]
"""A piece of text and its style ("" for none)."""

Line = tuple[Run, ...]
Justify = Literal["default", "left", "right"]

# Characters rich measures as one cell, Vietnamese included: rich's own quick set leaves
# out Latin Extended Additional (ạ ả ấ … ỹ, U+1E00–U+1EFF) and typographic punctuation
# (– — ‘ ’ “ ” … •), so every Vietnamese word took its slow path, one lookup per character
# (2 million calls for a 10,000-task table). tests/test_cells.py checks each against rich.
_ONE_CELL_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0xAC),
    (0xAE, 0x2FF),
    (0x370, 0x482),
    (0x1E00, 0x1EFF),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),
    (0x2190, 0x21FF),
    (0x2500, 0x25FC),
)
_ONE_CELL = frozenset(chr(c) for a, b in _ONE_CELL_RANGES for c in range(a, b + 1))
one_cell = _ONE_CELL.issuperset


def cell_width(text: str) -> int:
    """Display cells of `text`: rich's `cell_len`, without its per-character walk when every
    character is one cell (the case of Vietnamese NFC text)."""
    return len(text) if one_cell(text) else cell_len(text)


_WORD = re.compile(r"\s*\S+\s*")
_TRAILING = re.compile(r"\s+$")


def divide(text: str, width: int) -> list[int]:
    """Offsets at which `text` breaks into lines of at most `width` cells (rich's
    `divide_line` with folding: the same breaks, so the same output)."""
    if one_cell(text):
        return _divide_one_cell(text, width)
    breaks: list[int] = []
    offset = 0
    size = cell_width
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = size(word.rstrip())
        if width - offset >= length:
            offset += size(word)
        elif length > width:
            pieces = chop_cells(word, width)
            for n, piece in enumerate(pieces):
                if start:
                    breaks.append(start)
                if n == len(pieces) - 1:
                    offset = size(piece)
                else:
                    start += len(piece)
        elif offset and start:
            breaks.append(start)
            offset = size(word)
    return breaks


_WORD_PARTS = re.compile(r"(\s*\S+)\s*")


def _divide_one_cell(text: str, width: int) -> list[int]:
    """`divide` for text whose every character is one cell: lengths are counts, a long
    word is cut every `width` characters (what `chop_cells` does to such text)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD_PARTS.finditer(text):
        start, end = match.span()
        length = match.end(1) - start
        if width - offset >= length:
            offset += end - start
        elif length > width:
            for cut in range(start, end, width):
                if cut:
                    breaks.append(cut)
                offset = min(width, end - cut)
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


def plain(line: Line) -> str:
    return "".join(text for text, _ in line)


def _slice(runs: Line, begin: int, end: int) -> Line:
    """The runs' characters begin:end, styles kept."""
    out: list[Run] = []
    pos = 0
    for text, style in runs:
        stop = pos + len(text)
        if stop > begin and pos < end:
            out.append((text[max(0, begin - pos) : end - pos], style))
        pos = stop
        if pos >= end:
            break
    return tuple(out)


def _split_lines(runs: Line) -> list[Line]:
    """The runs split at their line breaks (a run may hold several)."""
    lines: list[list[Run]] = [[]]
    for text, style in runs:
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append([])
            if part:
                lines[-1].append((part, style))
    return [tuple(line) for line in lines]


def wrap(runs: Line, width: int, justify: Justify = "default") -> list[Line]:
    """The runs wrapped at `width` cells, as `Text.wrap(..., overflow="fold")` does: each
    line loses the trailing spaces beyond the width, then is justified and cropped."""
    if len(runs) == 1 and one_cell(runs[0][0]):
        return _wrap_one_cell(*runs[0], width, justify)
    out: list[Line] = []
    for logical in _split_lines(runs) if any("\n" in text for text, _ in runs) else (runs,):
        text = plain(logical)
        # The padding takes the line's first style: table.py gives each run the cell's
        # style combined with its own, and rich pads a cell in the cell's style.
        base = logical[0][1] if logical else ""
        if not text:
            out.append(() if justify == "default" else ((" " * width, base),))
            continue
        if cell_width(text) <= width and not text[-1].isspace():
            # The common cell: one line, nothing to strip.
            pieces = [logical]
        else:
            offsets = [0, *divide(text, width), len(text)]
            pieces = []
            for begin, end in pairwise(offsets):
                if end - begin > width:
                    match = _TRAILING.search(text, begin, end)
                    if match is not None:
                        end -= min(match.end() - match.start(), end - begin - width)
                pieces.append(_slice(logical, begin, end))
        for piece in pieces:
            text = plain(piece)
            if justify == "right" and text[-1:].isspace():
                text = text.rstrip()
                piece = _slice(piece, 0, len(text))
            size = cell_width(text)
            if size > width:
                cropped = set_cell_size(text, width)
                # A two-cell character cut in half becomes a space: no longer a prefix.
                piece = _slice(piece, 0, len(cropped)) if text.startswith(cropped) else ((cropped, piece[0][1]),)
                size = cell_width(cropped)
            pad = width - size
            if pad > 0 and justify == "right":
                piece = ((" " * pad, base), *piece)
            elif pad > 0 and justify == "left":
                piece = (*piece, (" " * pad, base))
            out.append(piece)
    return out


def _wrap_one_cell(text: str, style: str, width: int, justify: Justify) -> list[Line]:
    """`wrap` of one run of one-cell characters (nearly every cell): lines are slices, and
    dropping a line's spaces beyond the width then cropping it is cutting it at `width`."""
    if not text:
        return [() if justify == "default" else ((" " * width, style),)]
    if len(text) <= width and not text[-1].isspace():
        pieces = [text]
    else:
        offsets = [0, *_divide_one_cell(text, width), len(text)]
        pieces = [text[begin:end][:width] for begin, end in pairwise(offsets)]
    if justify == "default":
        return [((piece, style),) for piece in pieces]
    out: list[Line] = []
    for piece in pieces:
        if justify == "right":
            piece = piece.rstrip()
            out.append(((" " * (width - len(piece)), style), (piece, style)))
        else:
            out.append(((piece, style), (" " * (width - len(piece)), style)))
    return out


@dataclass(frozen=True)
class Col:
    """A column as drawn: its heading, its width in cells, how its cells are justified."""

    label: str
    width: int
    justify: Justify = "left"


_SGR = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
}


_ATTRIBUTES = ("bold", "dim", "italic", "underline")


def combine(base: str, style: str) -> str:
    """`style` laid over `base` as rich adds styles: attributes add up, the colour of
    `style` wins; written attributes first, in rich's order, then the colour."""
    words = set(base.split()) | set(style.split())
    colours = [w for w in style.split() if w not in _ATTRIBUTES] or [w for w in base.split() if w not in _ATTRIBUTES]
    return " ".join([a for a in _ATTRIBUTES if a in words] + colours[-1:])


def paint(line: Line, color: bool) -> str:
    """The line as text: with colour, each run of one style in its SGR codes and a reset
    (neighbouring runs of the same style merged, as rich writes a padded cell)."""
    if not color:
        return plain(line)
    out = []
    merged: list[list[str]] = []
    for text, style in line:
        if merged and merged[-1][1] == style:
            merged[-1][0] += text
        elif text:
            merged.append([text, style])
    for text, style in merged:
        if style:
            codes = ";".join(_SGR[word] for word in style.split())
            out.append(f"\x1b[{codes}m{text}\x1b[0m")
        else:
            out.append(text)
    return "".join(out)


def paragraph(text: str, style: str, width: int, color: bool) -> list[str]:
    """A line of prose wrapped at the terminal width (what `console.print(Text(...))` gives)."""
    return [paint(line, color) for line in wrap(((text, style),), width)]


def fit(cols: Sequence[Col], width: int) -> list[int]:
    """The columns' widths as rich's Table settles them when they do not fit `width`:
    every column is fixed, so rich shrinks them all evenly (`ratio_reduce`)."""
    pads = [0 if i == len(cols) - 1 else 1 for i in range(len(cols))]
    outer = [min(c.width + p, max(width - len(cols) + 1, 0)) for c, p in zip(cols, pads, strict=True)]
    room = width - (len(cols) - 1)
    excess = sum(outer) - room
    if excess > 0:
        ratios, remaining = len(outer), excess
        for i, value in enumerate(outer):
            taken = min(value, round(remaining / ratios))
            outer[i] = value - taken
            remaining -= taken
            ratios -= 1
    return [max(0, o - p) for o, p in zip(outer, pads, strict=True)]


def grid(
    cols: Sequence[Col], rows: Sequence[Sequence[Line]], width: int, *, header_style: str, color: bool
) -> list[str]:
    """The table's lines: the heading (bottom-aligned, underlined), then each row's cells
    wrapped in their columns and aligned at the top."""
    widths = fit(cols, width)
    last = len(cols) - 1

    def draw(cells: list[list[Line]], bottom: bool, style: str) -> list[str]:
        # rich gives a cell's blank lines and its padding the cell's style (the heading's
        # bold), and the divider between columns none.
        height = max(len(c) for c in cells)
        pad = paint(((" ", style),), color) + " "
        out = []
        for n in range(height):
            parts: list[str] = []
            for i, lines in enumerate(cells):
                k = n - (height - len(lines)) if bottom else n
                line = lines[k] if 0 <= k < len(lines) else ((" " * widths[i], style),)
                parts.append(paint(line, color) if color else "".join([text for text, _ in line]))
                if i < last:
                    parts.append(pad)
            out.append("".join(parts))
        return out

    head = [wrap(((c.label, header_style),), w, c.justify) for c, w in zip(cols, widths, strict=True)]
    lines = draw(head, bottom=True, style=header_style)
    lines.append("─" * (sum(widths) + 2 * last))
    for row in rows:
        cells = [wrap(cell, w, c.justify) for c, w, cell in zip(cols, widths, row, strict=True)]
        lines.extend(draw(cells, bottom=False, style=""))
    return lines
