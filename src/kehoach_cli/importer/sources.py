"""Read a plan document into blocks: .txt/.md, .docx, .pdf, .html, or stdin.

Text sources are published copies of legal texts: paragraphs separated by blank lines
(or, in some copies, by nothing but their numbering), hard-wrapped, with Markdown
emphasis, and tables whose cells each end with a line holding only "|" (see
`tables.py`). The readers for Word, PDF and HTML import their libraries inside the
function that needs them, so no other command pays for them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .blocks import BULLET_STAR as _BULLET_STAR
from .blocks import Block, Cell, Document, Origin, Para, Row, clean
from .tables import BarTable, is_pipe_row, pipe_rows

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf", ".html", ".htm")


class SourceError(Exception):
    """The document cannot be read (missing, unknown format, scanned PDF…)."""


def read(source: str | Path) -> Document:
    """The blocks of `source`: a path, or "-" for standard input."""
    if str(source) == "-":
        data = sys.stdin.buffer.read()
        return read_bytes(data, "<stdin>")
    path = Path(source)
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SourceError(f"{path}: unknown format {suffix!r} (expected one of {', '.join(SUFFIXES)})")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: {exc.strerror}") from None
    return read_bytes(data, str(path), suffix)


def read_bytes(data: bytes, name: str, suffix: str | None = None) -> Document:
    if suffix is None:  # stdin: sniff the format
        suffix = ".pdf" if data.startswith(b"%PDF") else ".docx" if data.startswith(b"PK") else ".txt"
        if suffix == ".txt" and data.lstrip()[:1] == b"<" and b"<html" in data[:2000].lower():
            suffix = ".html"
    if suffix == ".docx":
        return _docx(data, name)
    if suffix == ".pdf":
        return _pdf(data, name)
    text = _decode(data, name)
    if suffix in (".html", ".htm"):
        return _html(text, name)
    return Document(name, text_blocks(text), "text")


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("cp1258")
        except UnicodeDecodeError:
            raise SourceError(f"{name}: not UTF-8 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- plain text and Markdown ----------------------------------------------------------

_EMPTY_EMPHASIS = re.compile(r"\*\*\s*\*\*|\*\*\*\*")
_LIST_MARK = re.compile(
    r"^(?:(?P<roman>[IVXL]{1,5}\.)|(?P<arabic>\d{1,2}(?:\.\d{1,2}){0,3}[.)])|(?P<letter>[a-zđ]\))"
    r"|(?P<bullet>[-+•]|\*(?!\*)))\s"
)
_TERMINAL = re.compile(r"[.;:!?…]['”\")]*$")
# Lines that end a "|"-cell table whose last row was never closed: a new part of the
# document, or the footnotes ("[1] Tại phần 2 …") that published copies print after it.
_BREAKER = re.compile(
    r"^\**\s*(?:PHỤ\s+LỤC|Phụ\s+lục\s+[IVX0-9]|QUYẾT\s+ĐỊNH\*\*|KẾ\s+HOẠCH\*\*|Điều\s+\d+\.|\[\d{1,2}\](?:\s|$))"
)
_HTML_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")


def _emphasis_open(raw: str) -> bool:
    raw = _EMPTY_EMPHASIS.sub("", raw)
    bolds = raw.count("**")
    singles = raw.replace("**", "").replace("(*)", "")
    singles = _BULLET_STAR.sub("", singles.lstrip())
    return bolds % 2 == 1 or singles.count("*") % 2 == 1


def _unemph(raw: str) -> str:
    return raw.strip().strip("*").strip()


def _starts_paragraph(prev: str, line: str, dense: bool) -> bool:
    body = _unemph(line)
    prev_body = _unemph(prev)
    prev_closed = prev.rstrip().endswith("*")  # the caller knows no emphasis is left open
    first = body[:1]
    m = _LIST_MARK.match(body)
    if m:
        after = body[m.end() :].lstrip("*+ ")[:1]
        if after.isupper() or after.isdigit() or after in '“"(':
            return True
        return bool(_TERMINAL.search(prev_body)) or prev_closed
    if first.isupper() or first.isdigit():
        if prev_closed:
            return True
        return dense and bool(_TERMINAL.search(prev_body))
    return False


def _paragraphs(lines: list[tuple[int, str]], dense: bool) -> Iterator[Para]:
    current: list[tuple[int, str]] = []
    for no, raw in lines:
        if current and not _emphasis_open(" ".join(r for _, r in current)):
            if _starts_paragraph(current[-1][1], raw, dense):
                yield _para(current)
                current = []
        current.append((no, raw))
    if current:
        yield _para(current)


def _para(lines: list[tuple[int, str]]) -> Para:
    raw = " ".join(r.strip() for _, r in lines)
    text = clean(raw)
    origin = Origin(lines[0][0], lines[-1][0])
    stripped = _EMPTY_EMPHASIS.sub("", raw).strip()
    bold = stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2
    italic = (
        not bold
        and stripped.startswith("*")
        and not stripped.startswith("**")
        and not _BULLET_STAR.match(stripped)
        and stripped.endswith("*")
    )
    lead = None
    if stripped.startswith("**") and not bold:
        close = stripped.find("**", 2)
        if close > 2 and clean(stripped[close + 2 :]):
            lead = clean(stripped[2:close])
    return Para(text, origin, bold=bold, italic=italic, bold_lead=lead)


def text_blocks(text: str) -> list[Block]:
    """Blocks of a text or Markdown document, with 1-based line numbers."""
    lines = text.split("\n")
    blanks = sum(1 for line in lines if not line.strip())
    dense = len(lines) > 40 and blanks < len(lines) * 0.02
    blocks: list[Block] = []
    group: list[tuple[int, str]] = []
    table: BarTable | None = None
    tables = 0
    pipe: list[tuple[int, str]] = []

    def flush_group() -> None:
        if group:
            blocks.extend(_paragraphs(group, dense))
            group.clear()

    def flush_pipe() -> None:
        nonlocal tables
        if pipe:
            tables += 1
            blocks.extend(pipe_rows(pipe, tables))
            pipe.clear()

    for no, line in enumerate(lines, start=1):
        stripped = line.strip()
        if table is not None:
            if not stripped and not dense:
                blocks.extend(table.finish())
                table = None
                continue
            if stripped == "|":
                blocks.extend(table.bar(no))
                continue
            if table.at_cell_start() and _BREAKER.match(stripped):
                blocks.extend(table.finish())
                table = None
            else:
                if stripped:
                    table.add(no, stripped)
                continue
        if is_pipe_row(stripped):
            flush_group()
            pipe.append((no, stripped))
            continue
        flush_pipe()
        if stripped == "|":
            flush_group()
            tables += 1
            table = BarTable(tables, clean)
            continue
        if not stripped or _HTML_COMMENT.match(stripped):
            flush_group()
            continue
        group.append((no, line))
    if table is not None:
        blocks.extend(table.finish())
    flush_pipe()
    flush_group()
    return blocks


# --- Word -----------------------------------------------------------------------------


def _docx(data: bytes, name: str) -> Document:
    import io
    import zipfile

    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise SourceError("reading .docx needs python-docx: pip install 'kehoach[import]'") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"{name}: not a Word document ({exc})") from None
    numbering = _WordNumbering(document)
    blocks: list[Block] = []
    paragraph = 0
    table_no = 0
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            paragraph += 1
            text = clean(numbering.label(item) + item.text)
            if text:
                runs = [r for r in item.runs if r.text.strip()]
                bold = bool(runs) and all(r.bold or _style_bold(item) for r in runs)
                blocks.append(Para(text, Origin(paragraph, paragraph, "đoạn"), bold=bold))
        elif isinstance(item, Table):
            table_no += 1
            blocks.extend(_docx_rows(item, table_no))
    return Document(name, blocks, "docx")


def _style_bold(paragraph: object) -> bool:
    style = getattr(paragraph, "style", None)
    font = getattr(style, "font", None)
    return bool(getattr(font, "bold", False))


def _docx_rows(table: Any, table_no: int) -> Iterator[Row]:
    """Rows of a Word table as the text readers give them: empty cells dropped.

    Empty cells carry no position a reader can trust (LibreOffice pads short rows with
    empty cells on the right), so rows are aligned to the header by what their cells
    hold, as for the published copies. A cell merged with the one above (`w:vMerge`)
    is kept with that cell's text and marked `merged`: the table's own statement that
    a continuation row shares the agency (or the number) of the row above.
    """
    for r, row in enumerate(table.rows, start=1):
        cells: list[Cell] = []
        seen: list[object] = []
        for c, tc in enumerate(row._tr.tc_lst, start=1):
            merged = tc.vMerge == "continue"
            top = tc
            while top.vMerge == "continue":
                top = top._tc_above
            if any(top is s for s in seen):
                continue
            seen.append(top)
            lines = [clean(p.text) for p in _tc_paragraphs(top, table)]
            lines = [line for line in lines if line]
            if lines:
                origin = Origin(r, r, "hàng", table=table_no, row=r, cell=c)
                cells.append(Cell(" ".join(lines), origin, lines, merged=merged))
        if any(not c.merged for c in cells):
            yield Row(cells, Origin(r, r, "hàng", table=table_no, row=r), table_no)


def _tc_paragraphs(tc: Any, table: Any) -> list[Any]:
    from docx.table import _Cell

    return list(_Cell(tc, table).paragraphs)


class _WordNumbering:
    """The list numbers Word draws but does not store in the text ("1.", "a)")."""

    def __init__(self, document: object) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self._formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (AttributeError, KeyError, NotImplementedError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for a in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in a.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                start = lvl.find(qn("w:start"))
                levels[int(lvl.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
            abstract[a.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(qn("w:val")), {}).items():
                self._formats[(num.get(qn("w:numId")), ilvl)] = spec

    def label(self, paragraph: object) -> str:
        qn = self._qn
        p = paragraph._p  # type: ignore[attr-defined]
        num_pr = p.pPr.find(qn("w:numPr")) if p.pPr is not None else None
        if num_pr is None:
            style = getattr(paragraph, "style", None)
            ppr = style.element.pPr if style is not None else None
            num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        if num_id_el is None:
            return ""
        num_id = num_id_el.get(qn("w:val"))
        ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        spec = self._formats.get((num_id, ilvl))
        if spec is None:
            return ""
        counters = self._counters.setdefault(num_id, [0] * 9)
        starts = [self._formats.get((num_id, i), ("", "", 1))[2] for i in range(9)]
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else starts[ilvl]
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = spec
        if fmt == "bullet":
            return "- "
        out = text
        for level in range(ilvl + 1):
            lfmt = self._formats.get((num_id, level), ("decimal", "", 1))[0]
            out = out.replace(f"%{level + 1}", _number(counters[level] or starts[level], lfmt))
        return out + " " if out else ""


def _number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = "abcdefghijklmnopqrstuvwxyz"[(n - 1) % 26]
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


# --- PDF ------------------------------------------------------------------------------


def _pdf(data: bytes, name: str) -> Document:
    """Text of each page in reading order (PDFium), lines into paragraphs by their numbering.

    A PDF keeps no table structure; a task table is rebuilt from where its text sits
    (`pdftables.py`) on the pages whose text names a table header, and read as a Word
    table is. Every other page reads as its text stream.
    """
    try:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]
    except ImportError:
        raise SourceError("reading .pdf needs pypdfium2: pip install 'kehoach[import]'") from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise SourceError(f"{name}: not a readable PDF ({exc})") from None
    try:
        pages = [document[i] for i in range(len(document))]
        textpages = [p.get_textpage() for p in pages]
        texts = [_clean_pdf_text(t.get_text_range()) for t in textpages]
        chars = sum(len(t.strip()) for t in texts)
        if chars < 20 * max(1, len(pages)):
            raise ScannedPdf(
                f"{name}: the PDF has no text layer ({len(pages)} pages, {chars} characters of text); "
                "it is probably a scan. kehoach does not do OCR: import the Word file, or run OCR first"
            )
        chunks = _pdf_chunks(pages, textpages, texts)
    finally:
        document.close()
    lines = [line for chunk in chunks if isinstance(chunk, list) for line in chunk]
    widths = sorted(len(text.rstrip()) for _, _, text in lines)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    blocks: list[Block] = []
    for chunk in chunks:
        if isinstance(chunk, list):
            blocks.extend(_pdf_paragraphs(chunk, full))
        else:
            blocks.append(chunk)
    return Document(name, blocks, "pdf")


def _clean_pdf_text(text: str) -> str:
    # PDFium ends lines with "\r\n" and writes a hyphen it takes for a line-end one as U+FFFE.
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufffe", "-")


_PdfLine = tuple[int, int, str]  # (page, line of the page, text)


def _pdf_chunks(pages: list[Any], textpages: list[Any], texts: list[str]) -> list[list[_PdfLine] | Row]:
    """The document as runs of text lines and table rows, in order."""
    from . import pdftables

    edge_lines = [ln for t in texts for ln in _edge_lines(t)]
    keys = [pdftables.margin_key(ln) for ln in edge_lines]
    # A running header or footer: the same first or last line (numbers aside) on a third of the pages.
    repeated = {k for k in set(keys) if keys.count(k) >= max(3, len(texts) // 3)}
    out: list[list[_PdfLine] | Row] = [[]]
    table: pdftables.Table | None = None
    tables = 0
    # Lines are numbered down the page, a table row counting as one, so that what follows
    # a table on its page is placed after it.
    line_no = 0

    def add_lines(page_no: int, text: str) -> None:
        nonlocal line_no
        lines = out[-1] if isinstance(out[-1], list) else None
        if lines is None:
            lines = []
            out.append(lines)
        page_lines = [(line_no + i, ln) for i, ln in enumerate(text.split("\n"), start=1) if ln.strip()]
        line_no += len(text.split("\n"))
        for k, (i, line) in enumerate(page_lines):
            if (k == 0 or k == len(page_lines) - 1) and line.strip().isdigit():
                continue  # the page number, printed in the top (or bottom) margin
            lines.append((page_no, i, line))

    def read_table(current: pdftables.Table, found: tuple[Any, Any, int, float, float]) -> float:
        nonlocal line_no
        current.line = line_no
        end = pdftables.read_body(current, *found)
        line_no = current.line
        return end

    def close() -> None:
        nonlocal table
        if table is not None:
            out.extend(pdftables.rows_of(table))
            out.append([])
            table = None

    for page_no, (page, textpage, text) in enumerate(zip(pages, textpages, texts, strict=True), start=1):
        line_no = 0
        if table is None and not pdftables.may_hold_table(text):
            add_lines(page_no, text)
            continue
        height = page.get_height()
        runs = pdftables.drop_margins(pdftables.page_runs(textpage, page_no), height, repeated)
        rules, upright = pdftables.page_rules(page)
        parts: list[str] = []
        cursor = height + 1
        while True:
            found = pdftables.find_header([r for r in runs if r.middle < cursor], rules, upright, tables + 1)
            stop = found[1] if found else 0.0
            if table is not None:
                end = read_table(table, (runs, rules, page_no, cursor, stop))
                if not end and found is None:
                    break  # the table runs on to the foot of the page, and maybe the next
                close()
                cursor = end or stop
            if found is None:
                break
            new, top, bottom = found
            parts.append(textpage.get_text_bounded(bottom=top + 0.5, top=cursor))
            add_lines(page_no, _clean_pdf_text("\n".join(parts)))
            parts = []
            tables += 1
            new.header_page = page_no
            table, cursor = new, bottom
        if table is None:
            if cursor > height and not parts:
                parts.append(text)  # no table on this page after all: its text as it is
            else:
                parts.append(textpage.get_text_bounded(bottom=0, top=cursor))
        add_lines(page_no, _clean_pdf_text("\n".join(parts)))
    close()
    return [c for c in out if not isinstance(c, list) or c]


def _edge_lines(text: str) -> list[str]:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return lines[:1] + lines[-1:] if len(lines) > 1 else lines


_APPENDIX_LINE = re.compile(r"^PHỤ\s+LỤC(?:\s+(?:[IVXL]{1,5}|\d{1,2}))?$")


class ScannedPdf(SourceError):
    """A PDF whose pages are images: nothing to import without OCR."""


def _pdf_paragraphs(lines: list[tuple[int, int, str]], full: int | None = None) -> Iterator[Para]:
    """A PDF's lines into paragraphs, across page breaks.

    A PDF has no blank lines and loses bold, so a heading such as "3. Sở Y tế" followed
    by "Phối hợp với …" looks like one wrapped paragraph. What it keeps is the line's
    width: a wrapped line runs to the right margin, and the last line of a paragraph
    (or a heading) stops short. A line shorter than 80% of the page's full lines, before
    a line that opens with a capital, a digit or a list mark, ends its paragraph; the
    lines of a centred title in capitals stay together.
    """
    if not lines:
        return
    if full is None:  # the full width of a line, measured over the whole document by the caller
        widths = sorted(len(text.rstrip()) for _, _, text in lines)
        full = widths[int(len(widths) * 0.9)]
    current: list[tuple[int, int, str]] = []
    for page, no, raw in lines:
        if current and not _emphasis_open(" ".join(r for _, _, r in current)):
            prev = current[-1][2]
            short = len(prev.rstrip()) < 0.8 * full
            body = _unemph(raw)
            mark = bool(_LIST_MARK.match(body))
            opens = body[:1].isupper() or body[:1].isdigit() or mark
            title = prev.isupper() and body.isupper() and not mark  # a centred title, wrapped
            # "PHỤ LỤC" on a line of its own opens the appendix, as its bold does in Word.
            appendix = bool(_APPENDIX_LINE.match(prev.strip()) or _APPENDIX_LINE.match(raw.strip()))
            if _starts_paragraph(prev, raw, True) or (short and opens and not title) or appendix:
                yield _pdf_para(current)
                current = []
        current.append((page, no, raw))
    if current:
        yield _pdf_para(current)


def _pdf_para(lines: list[tuple[int, int, str]]) -> Para:
    para = _para([(no, raw) for _, no, raw in lines])
    # A PDF loses bold; a line all in capitals ("PHỤ LỤC", "I. MỤC ĐÍCH") is the heading bold marks.
    letters = [ch for ch in para.text if ch.isalpha()]
    para.bold = para.bold or (len(letters) >= 4 and all(ch.isupper() for ch in letters))
    page, first, _ = lines[0]
    same_page = [no for p, no, _ in lines if p == page]
    para.origin = Origin(first, same_page[-1], "dòng", page=page)
    return para


# --- HTML -----------------------------------------------------------------------------

_HTML_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "br", "tr", "td", "th", "table"})


def _html(text: str, name: str) -> Document:
    from html.parser import HTMLParser

    blocks: list[Block] = []

    class Parser(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.buf: list[str] = []
            self.start_line = 1
            self.bold_chars = 0
            self.bold_depth = 0
            self.skip = 0
            self.row: list[Cell] | None = None
            self.cell_lines: list[str] | None = None
            self.tables = 0
            self.row_line = 0

        def _flush(self) -> None:
            raw = "".join(self.buf)
            self.buf = []
            text = clean(raw)
            line = self.getpos()[0]
            if self.cell_lines is not None:
                if text:
                    self.cell_lines.append(text)
            elif text:
                bold = self.bold_chars >= len(raw.strip()) > 0
                blocks.append(Para(text, Origin(self.start_line, line), bold=bold))
            self.bold_chars = 0
            self.start_line = line

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("script", "style", "head"):
                self.skip += 1
            elif tag in ("b", "strong"):
                self.bold_depth += 1
            elif tag in _HTML_BLOCKS:
                self._flush()
                if tag == "table":
                    self.tables += 1
                elif tag == "tr":
                    self.row, self.row_line = [], self.getpos()[0]
                elif tag in ("td", "th"):
                    self.cell_lines = []

        def handle_endtag(self, tag: str) -> None:
            if tag in ("script", "style", "head"):
                self.skip = max(0, self.skip - 1)
            elif tag in ("b", "strong"):
                self.bold_depth = max(0, self.bold_depth - 1)
            elif tag in _HTML_BLOCKS:
                self._flush()
                line = self.getpos()[0]
                if tag in ("td", "th") and self.row is not None and self.cell_lines is not None:
                    self.row.append(Cell(" ".join(self.cell_lines), Origin(self.row_line, line), self.cell_lines))
                    self.cell_lines = None
                elif tag == "tr" and self.row is not None:
                    cells = [c for c in self.row if c.text]
                    if cells:
                        blocks.append(Row(cells, Origin(self.row_line, line), self.tables))
                    self.row = None

        def handle_data(self, data: str) -> None:
            if self.skip:
                return
            if not self.buf:
                self.start_line = self.getpos()[0]
            self.buf.append(data)
            if self.bold_depth:
                self.bold_chars += len(data.strip())

    parser = Parser()
    parser.feed(text)
    parser.close()
    return Document(name, blocks, "html")
