"""The Word draft opened with python-docx (the decree's layout facts), then rendered by
LibreOffice and poppler; the HTML page rendered by headless Chromium. .ci/run installs
the three programs (.ci/install-system-deps); without them these tests skip and say why."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from kehoach_cli.cli import main

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "plan.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "bao-cao-2026.docx"
    assert main(["report", "--plan", str(SHIPPED), "--as-of", "2026-12-31", "--year", "2026", "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html") / "bao-cao-2026.html"
    assert main(["report", "--plan", str(SHIPPED), "--as-of", "2026-12-31", "--year", "2026", "-o", str(out)]) == 0
    return out


def test_page_size_margins_and_sections(docx_file: Path) -> None:
    doc = Document(str(docx_file))
    body, *appendices = doc.sections
    assert (round(body.page_width.mm), round(body.page_height.mm)) == (210, 297)
    mm = {k: round(getattr(body, f"{k}_margin").mm, 1) for k in ("top", "bottom", "left", "right")}
    assert 20 <= mm["top"] <= 25 and 20 <= mm["bottom"] <= 25, mm
    assert 30 <= mm["left"] <= 35 and 15 <= mm["right"] <= 20, mm
    assert len(appendices) == 3
    for s in appendices:
        assert (round(s.page_width.mm), round(s.page_height.mm)) == (297, 210)
        num = s._sectPr.find(qn("w:pgNumType"))
        assert num is not None and num.get(qn("w:start")) == "1"
    assert all(s.different_first_page_header_footer for s in doc.sections)


def test_times_new_roman_in_all_four_slots_and_vietnamese(docx_file: Path) -> None:
    doc = Document(str(docx_file))
    styles = doc.styles.element
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    normal = doc.styles["Normal"].element.rPr
    for r_pr in (defaults, normal):
        assert r_pr is not None
        fonts = r_pr.find(qn("w:rFonts"))
        assert fonts is not None
        assert {fonts.get(qn(f"w:{s}")) for s in ("ascii", "hAnsi", "eastAsia", "cs")} == {"Times New Roman"}
        assert not [k for k in fonts.attrib if k.endswith("Theme") or k.endswith("theme")]
        assert r_pr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    assert not [el for el in styles.iter(qn("w:rFonts")) if any("heme" in k for k in el.attrib)]
    assert doc.styles["Normal"].font.size.pt in (13, 14)


def test_letterhead_rules_and_headings(docx_file: Path) -> None:
    doc = Document(str(docx_file))
    head = doc.tables[0]
    left, right = head.rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == [
        "UBND TỈNH QUẢNG NGÃI",
        "SỞ CÔNG THƯƠNG",
        "Số:\xa0\xa0\xa0\xa0\xa0\xa0/BC-SCT",
    ]
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quảng Ngãi, ngày 31 tháng 12 năm 2026",
    ]
    assert lines[0].runs[0].bold and lines[0].runs[0].font.size.pt == 12
    assert lines[2].runs[0].italic
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    borders = head._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and {b.get(qn("w:val")) for b in borders} == {"nil"}
    for cell in (left, right):  # one solid rule under the issuer and under the motto
        rules = [p for p in cell.paragraphs if p._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None]
        assert len(rules) == 1 and rules[0]._p.find(f"{W}pPr/{W}pBdr/{W}bottom").get(qn("w:val")) == "single"
    motto_rule = next(p for p in right.paragraphs if p._p.find(f"{W}pPr/{W}pBdr") is not None)
    length = 100 - 2 * motto_rule.paragraph_format.left_indent.mm
    assert 50 <= length <= 60  # as long as "Độc lập - Tự do - Hạnh phúc" at 13 pt (~56 mm)
    texts = [p.text for p in doc.paragraphs]
    assert (
        "BÁO CÁO" in texts
        and "I. CÔNG TÁC TRIỂN KHAI" in texts
        and "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi." in texts
    )
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold and title.alignment == 1


def test_page_number_field_and_repeated_header_rows(docx_file: Path) -> None:
    doc = Document(str(docx_file))
    header = doc.sections[0].header
    assert not header.is_linked_to_previous
    instr = [el.text for el in header._element.iter(qn("w:instrText"))]
    assert [i.strip() for i in instr] == ["PAGE"]
    assert header.paragraphs[0].alignment == 1  # centred
    first = doc.sections[0].first_page_header
    assert not list(first._element.iter(qn("w:instrText")))  # no number on page 1
    data = [t for t in doc.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(data) == 3
    for t in data:
        flag = t.rows[0]._tr.find(f"{W}trPr/{W}tblHeader")
        assert flag is not None
    assert [c.text for c in data[1].rows[0].cells][:4] == ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"]


def test_charts_are_embedded_as_png(docx_file: Path) -> None:
    doc = Document(str(docx_file))
    images = [r for r in doc.part.rels.values() if r.reltype.endswith("/image")]
    assert len(images) == 3 and all(r.target_part.blob.startswith(b"\x89PNG") for r in images)
    assert len(doc.inline_shapes) == 3 and all(s.width <= Mm(165) for s in doc.inline_shapes)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        why = f"{name} is not installed: run .ci/install-system-deps (as root) to render the report"
        if os.environ.get("CI"):  # CI installs them: a missing program there is a broken set-up, not a skip
            pytest.fail(why)
        pytest.skip(why)
    return path


def test_word_renders_with_libreoffice(docx_file: Path, tmp_path: Path) -> None:
    soffice, pdftoppm, pdfinfo = _tool("soffice"), _tool("pdftoppm"), _tool("pdfinfo")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_file)],
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    pdf = tmp_path / (docx_file.stem + ".pdf")
    info = subprocess.run(
        [pdfinfo, "-f", "1", "-l", "999", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    landscape = [i for i, (w, h) in enumerate(sizes) if float(w) > float(h)]
    assert landscape and landscape == list(range(landscape[0], len(sizes)))  # appendices last, landscape
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    for label in ("PHỤ LỤC I\n", "PHỤ LỤC II\n", "PHỤ LỤC III\n"):
        assert sum(1 for p in pages[landscape[0] :] if label.strip() in p.split("\n", 3)[0] + p) >= 1
    starts = [i for i, p in enumerate(pages) if re.search(r"^\s*PHỤ LỤC (I|II|III)\s*$", p, re.M)]
    assert len(starts) == 3 and starts[0] == landscape[0]  # each appendix starts its own page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in pages[0] and "Ộ" in pages[0]
    subprocess.run([pdftoppm, "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p-*.png")).read_bytes()
    assert _ink(png) > 0.01  # page 1 is not blank


def _ink(png: bytes) -> float:
    """The share of dark pixels in an 8-bit RGB or RGBA PNG (pdftoppm, Chromium), decoded here
    so the test needs no imaging library."""
    import struct
    import zlib

    pos, idat, width, height, channels = 8, b"", 0, 0, 3
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        data = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    prev, dark = bytearray(stride), 0
    for r in range(height):
        kind, line = raw[r * (stride + 1)], bytearray(raw[r * (stride + 1) + 1 : (r + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = prev[i], prev[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p0 = a + b - c
                pa, pb, pc = abs(p0 - a), abs(p0 - b), abs(p0 - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        dark += sum(1 for i in range(0, stride, channels) if line[i] + line[i + 1] + line[i + 2] < 384)
        prev = line
    return dark / (width * height)


CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # The browser's own background requests (update checks, accounts) must not leave the machine either.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=socks5://127.0.0.1:9",
]


def _chromium(tmp_path: Path, *args: str) -> None:
    chromium = _tool("chromium")
    subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        check=True,
        capture_output=True,
        timeout=300,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )


def test_html_renders_in_chromium_without_network(html_file: Path, tmp_path: Path) -> None:
    netlog = tmp_path / "net.json"
    shot = tmp_path / "page.png"
    _chromium(
        tmp_path,
        "--hide-scrollbars",
        "--window-size=1000,1400",
        f"--screenshot={shot}",
        f"--log-net-log={netlog}",
        html_file.as_uri(),
    )
    assert shot.read_bytes().startswith(b"\x89PNG") and _ink(shot.read_bytes()) > 0.01
    log = json.loads(netlog.read_text("utf-8"))
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    page_requests = [
        e["params"]["url"]
        for e in log["events"]
        if names[e["type"]] == "URL_REQUEST_START_JOB"
        and "url" in e.get("params", {})
        and e["params"].get("initiator") != "not an origin"  # the browser's own, kept off the network by the flags
    ]
    assert all(u.startswith(("file:", "data:")) for u in page_requests), page_requests


def test_html_prints_on_a4_with_nothing_past_the_page(html_file: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "page.pdf"
    _chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html_file.as_uri())
    bbox = subprocess.run(
        [_tool("pdftotext"), "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    tree = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", bbox))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = tree.findall(".//h:page", ns)
    assert len(pages) > 3
    portrait = landscape = 0
    for page in pages:
        width, height = float(page.get("width", 0)), float(page.get("height", 0))
        assert {round(width), round(height)} == {595, 842}  # A4
        portrait += width < height
        landscape += width > height
        for word in page.findall("h:word", ns):
            assert float(word.get("xMax", 0)) <= width - 20, (word.text, width)  # inside the right margin
    assert portrait and landscape  # the appendices print on landscape pages
    text = subprocess.run([_tool("pdftotext"), str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Biểu đồ 1" in text and "PHỤ LỤC III" in text and "Tỷ lệ hoàn thành" in text
