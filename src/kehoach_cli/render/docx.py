"""The periodic report as a Word draft in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

python-docx's own template is US Letter with Cambria from the theme, so every fact of the
layout is set here, on that template, in code (no binary template to keep in step):

* A4 portrait, margins 20/20/30/15 mm (top/bottom/left/right, inside the decree's
  ranges; 165 mm of text fits the 6.5 + 10 cm letterhead without running into a margin);
* Times New Roman in all four font slots (ascii, hAnsi, eastAsia, cs) of the document
  defaults and of every style, theme font attributes removed (Word prefers them to
  the names), black, language vi-VN; body 14 pt, justified, first line 1.27 cm, 6 pt after;
* the letterhead is a borderless two-column table; the short rules under the issuer and
  the motto are bottom borders of thin paragraphs, as long as the decree asks;
* page numbers: a PAGE field centred in the header (the top margin), none on the first
  page of each section; every appendix is its own landscape section that restarts at 1;
* appendix tables repeat their header row on every page (w:tblHeader);
* the charts are charts.py's SVG rasterised by resvg (resvg-py: one 3 MB wheel, no
  system library), imported only here, so no other command pays for it.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ..review import ReviewReport
from . import charts
from . import reviewdoc as D
from .ooxml import fixed_zip
from .registry import RenderOptions

FONT = "Times New Roman"
LANGUAGE = {"vi": "vi-VN", "en": "en-GB"}
PAGE = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
HEADER_DISTANCE = Mm(10)
LETTERHEAD_MM = (65.0, 100.0)  # the decree's cells are ~6.75 + 10 cm; 6.5 keeps it inside 165 mm
BODY_PT, TABLE_PT = 14, 10
CHART_WIDTH = Mm(160)
HEAD_LINE = Pt(17)  # exact line height in the letterhead, so "Số" and the date stand level

# The order of w:pPr and w:sectPr children that Word insists on (ECMA-376 Part 1, 17.3.1.26, 17.6.17).
_AFTER_PBDR: tuple[str, ...] = (
    *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct"),
    *("w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind"),
    *("w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
    *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
)
_AFTER_PGNUM: tuple[str, ...] = (
    *("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi"),
    *("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"),
)


def render(report: ReviewReport, opts: RenderOptions) -> bytes:
    doc = D.build(report, opts.lang)
    word = new_document()
    _base(word, opts.lang, doc.head.subject, report.letterhead.issuer, report.letterhead.date)
    first = word.sections[0]
    _page(first, landscape=False)
    _page_number(first)  # the appendices' sections link to this header
    _letterhead(word, doc.head)
    for block in doc.body:
        _block(word, block, report, opts)
    _closing(word, doc)
    for appendix in doc.appendices:
        _appendix(word, appendix)
    out = io.BytesIO()
    word.save(out)
    return fixed_zip(out.getvalue(), report.letterhead.date)


# --- the base document ------------------------------------------------------------------------


def _base(word: Document, lang: str, title: str, author: str, date: dt.date) -> None:
    styles = word.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    assert defaults is not None
    r_pr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
    assert r_pr is not None
    for el in styles.iter(qn("w:rPr")):
        _fonts(el)
    _fonts(r_pr)
    _language(r_pr, LANGUAGE[lang])
    for el in styles.iter(qn("w:color")):  # headings and titles are blue in the template
        el.set(qn("w:val"), "000000")
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            el.attrib.pop(qn(attr), None)
    normal = word.styles["Normal"]
    n_pr = normal.element.get_or_add_rPr()
    _fonts(n_pr)
    _language(n_pr, LANGUAGE[lang])
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15
    props = word.core_properties
    stamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    props.title, props.author, props.last_modified_by = title, author, author
    props.language, props.revision = LANGUAGE[lang], 1
    props.created = props.modified = stamp
    props.comments = ""


def _fonts(r_pr: BaseOxmlElement) -> None:
    """All four slots to Times New Roman and no theme attribute: Word takes a theme font
    over a named one, and python-docx's `font.name` sets only ascii and hAnsi."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)


def _language(r_pr: BaseOxmlElement, tag: str) -> None:
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), tag)
    lang.set(qn("w:eastAsia"), tag)


def _page(section: Section, *, landscape: bool) -> None:
    width, height = PAGE
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    section.different_first_page_header_footer = True


def _page_number(section: Section) -> None:
    """A centred PAGE field in the header of pages after the first (the first-page header stays empty)."""
    section.header.is_linked_to_previous = False
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = p.add_run()
        run.font.size = Pt(BODY_PT)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text or ""
        else:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            run._r.append(fld)


def _restart_numbering(section: Section) -> None:
    sect_pr = section._sectPr
    num = OxmlElement("w:pgNumType")
    num.set(qn("w:start"), "1")
    sect_pr.insert_element_before(num, *_AFTER_PGNUM)


# --- paragraphs -------------------------------------------------------------------------------


def _para(
    container: Document | _Cell,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    after: float = 6,
    before: float = 0,
    highlight: bool = False,
) -> Paragraph:
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.first_line_indent = Mm(12.7) if indent else Pt(0)
    fmt.space_after, fmt.space_before = Pt(after), Pt(before)
    p.alignment = align if align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
    if text:
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.bold, run.italic = bold, italic
        if highlight:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
    return p


def _rule(container: _Cell, length_mm: float, cell_mm: float) -> Paragraph:
    """A solid rule `length_mm` long, centred in the cell: the bottom border of an empty,
    one-point-high paragraph indented from both sides."""
    p: Paragraph = container.add_paragraph()
    fmt = p.paragraph_format
    side = Mm(max(0.0, (cell_mm - length_mm) / 2))
    fmt.left_indent = fmt.right_indent = side
    fmt.first_line_indent = Pt(0)
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(2)
    p_pr = p._p.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(k), v)
    border.append(bottom)
    p_pr.insert_element_before(border, *_AFTER_PBDR)
    return p


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Roughly how wide Times New Roman sets `text` (mean advance widths by kind of
    letter; within a few per cent for Vietnamese headings: the motto at 13 pt is ~55 mm)."""
    em = 0.0
    for ch in text:
        if ch == " ":
            em += 0.25
        elif ch.isupper():
            em += 0.72 if bold else 0.68
        elif ch.isalpha() or ch.isdigit():
            em += 0.5 if bold else 0.47
        else:
            em += 0.33
    return em * size_pt * 25.4 / 72


def _borderless(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def _fixed(table: Table, widths_mm: Iterable[float]) -> None:
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    widths = list(widths_mm)
    for row in table.rows:
        for cell, wd in zip(row.cells, widths, strict=True):
            cell.width = Mm(wd)
    for col, wd in zip(table.columns, widths, strict=True):
        col.width = Mm(wd)


def _first_empty(cell: _Cell) -> None:
    """A new cell holds one empty paragraph; drop it so the cell holds only what we add."""
    p = cell.paragraphs[0]._p
    p.getparent().remove(p)


# --- the letterhead ---------------------------------------------------------------------------


def _letterhead(word: Document, h: D.Letterhead) -> None:
    left_mm, right_mm = LETTERHEAD_MM
    table = word.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(table)
    _fixed(table, LETTERHEAD_MM)
    left, right = table.rows[0].cells
    _first_empty(left)
    _first_empty(right)
    centre = WD_ALIGN_PARAGRAPH.CENTER

    def line(cell: _Cell, text: str, size: float, *, bold: bool = False, italic: bool = False) -> Paragraph:
        p = _para(cell, text, size=size, bold=bold, italic=italic, align=centre, after=0)
        p.paragraph_format.line_spacing = HEAD_LINE
        return p

    line(left, h.governing_body or "", 13)
    line(left, h.issuer, 13, bold=True)
    _rule(left, text_width_mm(h.issuer, 13, bold=True) * 0.4, left_mm)
    line(left, h.number, 13).paragraph_format.space_before = Pt(6)

    line(right, h.nation, 12, bold=True)
    line(right, h.motto, 13, bold=True)
    _rule(right, text_width_mm(h.motto, 13, bold=True), right_mm)
    line(right, h.place_date, 13, italic=True).paragraph_format.space_before = Pt(6)

    _para(word, h.kind, size=BODY_PT, bold=True, align=centre, before=18, after=0)
    _para(word, h.subject, size=BODY_PT, bold=True, align=centre, after=0)
    cell_width = 165.0
    rule_host = word.add_table(rows=1, cols=1)
    rule_host.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borderless(rule_host)
    _fixed(rule_host, [cell_width])
    host = rule_host.rows[0].cells[0]
    _first_empty(host)
    _rule(host, min(60.0, text_width_mm(h.subject, BODY_PT, bold=True) * 0.4), cell_width)
    _para(word, h.recipient, align=centre, before=12, after=12)


# --- the body ---------------------------------------------------------------------------------


def _block(word: Document, block: D.Block, report: ReviewReport, opts: RenderOptions) -> None:
    if isinstance(block, D.Heading):
        _para(word, block.text, bold=block.level < 3, indent=True, before=6)
    elif isinstance(block, D.Para):
        _para(
            word,
            block.text,
            italic=block.kind in ("placeholder", "note"),
            highlight=block.kind == "placeholder",
            size=13 if block.kind == "note" else BODY_PT,
            indent=True,
        )
    elif isinstance(block, D.Figure):
        _figure(word, block, report, opts)
    else:
        _table(word, block, 165.0)


def _figure(word: Document, fig: D.Figure, report: ReviewReport, opts: RenderOptions) -> None:
    import resvg_py

    png = resvg_py.svg_to_bytes(svg_string=charts.svg(report, fig.chart, opts.lang), zoom=2.0)
    p = _para(word, align=WD_ALIGN_PARAGRAPH.CENTER, after=2, before=6)
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(io.BytesIO(bytes(png)), width=CHART_WIDTH)
    _para(word, fig.caption, size=12, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=10)


def _closing(word: Document, doc: D.Document) -> None:
    _para(word, doc.closing, indent=True)
    table = word.add_table(rows=1, cols=2)
    _borderless(table)
    _fixed(table, (85.0, 80.0))
    left, right = table.rows[0].cells
    _first_empty(left)
    _first_empty(right)
    _para(left, doc.copies_label, size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=0, before=6)
    for c in doc.copies:
        _para(left, c, size=11, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    for i, line in enumerate(doc.signature):
        _para(right, line.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0, before=6 if i == 0 else 0)


# --- tables and appendices --------------------------------------------------------------------


def _table(container: Document, t: D.Table, width_mm: float, size: float = TABLE_PT) -> None:
    if not t.rows:
        _para(container, t.empty, italic=True, indent=True)
        return
    table = container.add_table(rows=1 + len(t.rows), cols=len(t.columns))
    table.style = container.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = sum(c.weight for c in t.columns)
    _fixed(table, [width_mm * c.weight / total for c in t.columns])
    head = table.rows[0]
    tr_pr = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, col in zip(head.cells, t.columns, strict=True):
        _cell(cell, col.label, size, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row, values in zip(table.rows[1:], t.rows, strict=True):
        for cell, col, value in zip(row.cells, t.columns, values, strict=True):
            align = WD_ALIGN_PARAGRAPH.LEFT if col.kind == "text" else WD_ALIGN_PARAGRAPH.CENTER
            _cell(cell, value, size, align=align)
    for note in t.notes:
        _para(container, note, size=size, italic=True, before=4)


def _cell(cell: _Cell, text: str, size: float, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH) -> None:
    p = cell.paragraphs[0]
    p.alignment = align
    fmt = p.paragraph_format
    fmt.first_line_indent, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold


def _appendix(word: Document, a: D.Appendix) -> None:
    section = word.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    _restart_numbering(section)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(word, a.label.upper(), bold=True, align=centre, after=0)
    _para(word, a.title, bold=True, align=centre, after=0)
    _para(word, a.attached, size=13, italic=True, align=centre, after=10)
    width = PAGE[1].mm - MARGINS["left"].mm - MARGINS["right"].mm
    _table(word, a.table, width)
