"""Blocks, tables, agency names and targets, on small fixture files and built documents."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kehoach_cli.importer import ScannedPdf, SourceError, import_document
from kehoach_cli.importer.agencies import Book, Registry
from kehoach_cli.importer.blocks import Para, Row
from kehoach_cli.importer.sources import _pdf_paragraphs, read_bytes, text_blocks
from kehoach_cli.importer.targets import find

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def book() -> Book:
    loaded, problems = Book.load()
    assert problems == []
    return loaded


def _tasks(name: str) -> dict[str, object]:
    result = import_document(FIXTURES / name)
    return {t.id: t for t in result.plan.tasks}


def test_bar_cell_table_rows_keep_their_lines() -> None:
    text = "|\n**STT**\n|\n**Nhiệm vụ**\n|\n|\n1\n|\nRà soát\nvăn bản.\n|\n|\n\nĐoạn sau bảng.\n"
    blocks = text_blocks(text)
    rows = [b for b in blocks if isinstance(b, Row)]
    assert [[c.text for c in r.cells] for r in rows] == [["STT", "Nhiệm vụ"], ["1", "Rà soát văn bản."]]
    assert rows[1].cells[1].origin.label() == "dòng 9–10"
    assert isinstance(blocks[-1], Para) and blocks[-1].text == "Đoạn sau bảng."


def test_pipe_table() -> None:
    rows = [b for b in text_blocks("| STT | Nhiệm vụ |\n|---|---|\n| 1 | Rà soát |\n") if isinstance(b, Row)]
    assert [[c.text for c in r.cells] for r in rows] == [["STT", "Nhiệm vụ"], ["1", "Rà soát"]]


def test_wrapped_paragraphs_and_emphasis() -> None:
    blocks = text_blocks(
        "**1. Sở Giáo dục\nvà Đào tạo**\n\na) Chủ trì, phối hợp với các sở,\nngành xây dựng kế hoạch.\n"
    )
    assert [b.text for b in blocks if isinstance(b, Para)] == [
        "1. Sở Giáo dục và Đào tạo",
        "a) Chủ trì, phối hợp với các sở, ngành xây dựng kế hoạch.",
    ]
    assert isinstance(blocks[0], Para) and blocks[0].bold


def test_labelled_lines(tmp_path: Path) -> None:
    tasks = _tasks("labelled.txt")
    assert list(tasks) == ["II.1.a", "II.1.b", "II.1.c.1", "II.1.c.2", "II.1.d"]
    a = tasks["II.1.a"]
    assert a.lead == ["Sở KH&ĐT"] and a.partners == ["Sở Tài Chính", "UBND các huyện, thành phố liên quan"]
    assert a.schedule["kind"] == "deadline" and str(a.schedule["by"]) == "2024-12-31"
    assert a.ref == "II.1.a (dòng 17–23)"
    b = tasks["II.1.b"]  # a sub-heading, the task text below it, time in its parenthesis
    assert b.title.startswith("Xây dựng chính sách") and b.lead == ["Sở Tài chính"]
    assert b.schedule["kind"] == "recurring"
    for key in ("II.1.c.1", "II.1.c.2"):  # bullets sharing one time and one lead line
        assert tasks[key].lead == ["Sở Công Thương"] and tasks[key].schedule["kind"] == "span"
    d = tasks["II.1.d"]
    assert d.lead == [] and "lead" in d.reviews and d.schedule == {"kind": "none"}


def test_agency_grouped_prose() -> None:
    tasks = _tasks("prose.md")
    a, b = tasks["V.1.a"], tasks["V.1.b"]
    assert a.lead == ["Sở Giáo dục và Đào tạo"] and a.partners == ["các sở, ngành, địa phương"]
    assert b.lead == ["Sở Y tế"] and b.partners == ["Sở Giáo dục và Đào tạo"] and b.role_as_printed == "Phối hợp với"
    assert b.schedule["kind"] == "recurring"
    sub_a, sub_b = tasks["V.2.a.1"], tasks["V.2.b.1"]  # the role comes from the sub-heading
    assert sub_a.lead == ["Sở Công Thương"] and sub_a.partners == ["các sở, ban, ngành", "cơ quan, đơn vị có liên quan"]
    assert sub_b.partners == ["Sở Công Thương"] and sub_b.lead == ["các sở, ngành", "UBND các xã, phường"]
    single = tasks["V.3"]
    assert single.lead == ["Sở Giáo dục và Đào tạo"] and single.partners == ["Sở Y tế"]
    assert single.schedule == {"kind": "relative", "days": 10, "from": "received", "text": single.schedule["text"]}


def test_appendix_table_with_a_continuation_row() -> None:
    tasks = _tasks("table.md")
    first, cont = tasks["PL.A.1.1"], tasks["PL.A.1.2"]
    assert first.lead == ["Sở Tư pháp"] and first.partners == ["Sở Nội vụ", "Các sở, ban, ngành"]
    assert str(first.schedule["by"]) == "2026-06-30"
    assert cont.lead == first.lead and cont.partners == first.partners
    assert any("merged cells" in n.text("en") and "các ô gộp" in n.text("vi") for n in cont.notes)
    assert cont.schedule["kind"] == "span"


def test_agency_lists(book: Book) -> None:
    assert book.split(
        "Sở Công Thương, Ban Quản lý KKT Dung Quất và các KCN Quảng Ngãi, UBND các huyện, thành phố."
    ) == [
        "Sở Công Thương",
        "Ban Quản lý KKT Dung Quất và các KCN Quảng Ngãi",
        "UBND các huyện, thành phố",
    ]
    assert book.split("Sở Văn hóa, Thể thao và Du lịch") == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert book.split("Sở Lao động - Thương binh và Xã hội; các tổ chức liên quan.") == [
        "Sở Lao động - Thương binh và Xã hội",
        "các tổ chức liên quan",
    ]
    names, _ = book.names_in_sentence("Sở Giáo dục và Đào tạo và các cơ quan, đơn vị liên quan căn cứ các quy định")
    assert names == ["Sở Giáo dục và Đào tạo", "các cơ quan, đơn vị liên quan"]


def test_one_word_heads_need_a_capital(book: Book) -> None:
    # "Bộ công cụ" (a toolkit), "Ban hành" (to issue), "Các hội thảo" (conferences) are not bodies.
    for text in ("Bộ công cụ kiểm kê khí thải được ban hành.", "Ban hành trong quý I năm 2026", "Báo cáo tổng kết"):
        assert not book.looks_like_agency(text), text
    for text in (
        "Bộ Xây dựng",
        "Ban Dân tộc tỉnh",
        "UBND huyện Đức Phổ",
        "Hội đồng nhân dân tỉnh",
        "Hội nông dân tỉnh",
    ):
        assert book.looks_like_agency(text), text
    assert book.split("Sở Tài chính, UBND huyện Đức Phổ") == ["Sở Tài chính", "UBND huyện Đức Phổ"]
    # "cần" ends a name; "Cần Thơ" does not
    names, _ = book.names_in_sentence("Ủy ban nhân dân Thành phố Hồ Chí Minh cần tập trung một số nhiệm vụ")
    assert names == ["Ủy ban nhân dân Thành phố Hồ Chí Minh"]
    names, _ = book.names_in_sentence("Báo và Phát thanh, Truyền hình Cần Thơ tuyên truyền về Kế hoạch")
    assert names == ["Báo và Phát thanh, Truyền hình Cần Thơ"]


def test_pdf_lines_into_paragraphs() -> None:
    """A PDF has no blank lines and no bold: a short line ends a paragraph; a page break does not."""
    full = "x" * 90
    lines = [
        (1, 1, "3. Sở Y tế"),
        (1, 2, "Phối hợp với Sở Giáo dục và Đào tạo chỉ đạo hệ thống y tế cơ sở " + full),
        (1, 3, "phối hợp với các cơ sở giáo dục mầm non " + full),
        (2, 1, "7"),  # only the page number: already dropped by the reader, kept here as text
        (2, 2, "thực hiện tốt công tác chăm sóc sức khỏe."),
        (2, 3, "KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH"),
        (2, 4, "GIAI ĐOẠN 2025 - 2035"),
    ]
    paras = list(_pdf_paragraphs([ln for ln in lines if ln[2] != "7"]))
    assert [p.text[:25] for p in paras] == ["3. Sở Y tế", "Phối hợp với Sở Giáo dục ", "KẾ HOẠCH THỰC HIỆN CHƯƠNG"]
    assert paras[1].text.endswith("chăm sóc sức khỏe.") and paras[1].origin.label() == "trang 1, dòng 2–3"
    assert paras[2].text == "KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH GIAI ĐOẠN 2025 - 2035"


def test_table_row_whose_result_cell_opens_like_an_agency() -> None:
    """A continuation row is read as a task even when its result cell starts "Bộ công cụ …"/"Các hội thảo …"."""
    text = (
        "|\nSTT\n|\nCơ quan chủ trì\n|\nCơ quan phối hợp\n|\nNội dung nhiệm vụ\n|\nChỉ tiêu đạt được\n|\n"
        "Thời hạn hoàn thành\n|\n|\n1\n|\nBộ Nông nghiệp và Môi trường\n|\nBộ Xây dựng\n|\n"
        "Hoàn thiện Nghị định về xử lý vi phạm.\n|\nNghị định được ban hành.\n|\nQuý I năm 2026\n|\n|\n"
        "Rà soát các hướng dẫn kỹ thuật.\n|\nBộ công cụ kiểm kê khí thải được ban hành.\n|\n"
        "Giai đoạn 2026 - 2027\n|\n|\n"
        "Tăng cường trao đổi kinh nghiệm quốc tế.\n|\nCác hội thảo được thực hiện.\n|\nGiai đoạn 2026 - 2030\n|\n|\n"
        "[1] Chú thích của bảng.\n"
    )
    result = import_document(text.encode(), name="bang.md")
    titles = {t.title: t for t in result.plan.tasks}
    assert set(titles) == {
        "Hoàn thiện Nghị định về xử lý vi phạm.",
        "Rà soát các hướng dẫn kỹ thuật.",
        "Tăng cường trao đổi kinh nghiệm quốc tế.",
    }
    for task in titles.values():
        assert task.lead == ["Bộ Nông nghiệp và Môi trường"] and task.partners == ["Bộ Xây dựng"]
    assert titles["Rà soát các hướng dẫn kỹ thuật."].product == "Bộ công cụ kiểm kê khí thải được ban hành."


def test_agency_folding(book: Book) -> None:
    registry = Registry(book)
    a = registry.add("Sở Tài chính", "dòng 1")
    assert registry.add("Sở Tài Chính", "dòng 2") is a  # case
    assert registry.add("STC", "dòng 3") is a  # abbreviation from the data file
    kh = registry.add("Sở KH&ĐT", "dòng 4")
    assert kh.name == "Sở Kế hoạch và Đầu tư" and "Sở KH&ĐT" in kh.aliases
    typo = registry.add("UBND các huyện, huyện, thành phố", "dòng 5")
    assert registry.add("UBND các huyện, thành phố", "dòng 6") is typo
    assert typo.name == "UBND các huyện, thành phố"
    note = next(n for n in typo.notes if "UBND các huyện, huyện, thành phố" in n.text("en"))
    assert '"UBND các huyện, huyện, thành phố"' in note.text("vi") != note.text("en")  # quoted as printed
    assert registry.add("Ủy ban nhân dân tỉnh Hoà Bình", "dòng 7") is registry.add(
        "Ủy ban nhân dân tỉnh Hòa Bình", "dòng 8"
    )


def test_agency_file_of_the_user(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        'agencies:\n  - {id: sxyz, name: "Sở Xây dựng và Đô thị", kind: department, aliases: ["Sở XD&ĐT"]}\n',
        encoding="utf-8",
    )
    book, problems = Book.load(mine)
    assert problems == []
    assert Registry(book).add("Sở XD&ĐT", "dòng 1").name == "Sở Xây dựng và Đô thị"


@pytest.mark.parametrize(
    ("text", "op", "value", "unit", "reviewed"),
    [
        ("Ít nhất có 05 hợp đồng được ký kết đến năm 2025", ">=", 5, "hợp đồng", False),
        ("công suất đạt ít nhất 100 MW", ">=", 100, "MW", False),
        ("sản lượng điện đạt 800 triệu KWh", ">=", 800, "triệu kWh", False),
        ("điện thương phẩm dự báo đạt 4.108 triệu KWh", ">=", 4108, "triệu kWh", True),
        ("mở rộng công suất lên 8,5 triệu tấn/năm", ">=", 8.5, "triệu tấn/năm", False),
        ("100% trẻ em được tiếp cận", ">=", 100, "%", True),
    ],
)
def test_targets(text: str, op: str, value: float, unit: str, reviewed: bool) -> None:
    [found] = find(text)
    assert (found.target["op"], found.target["value"], found.target["unit"]) == (op, value, unit)
    assert bool(found.reviews) is reviewed


def test_ages_and_years_are_not_targets() -> None:
    assert find("trẻ em từ 06 tháng đến 36 tháng tuổi") == []
    assert find("Quyết định số 338/QĐ-TTg ngày 03 tháng 4 năm 2023") == []


def test_docx_paragraphs_numbering_and_tables() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("V. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("Sở Công Thương", style="List Number")
    document.add_paragraph("a) Chủ trì, phối hợp với Sở Tài chính xây dựng kế hoạch (định kỳ hằng năm).")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("STT", "Nhiệm vụ", "Thời gian thực hiện"), strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("1", "Rà soát văn bản.", "năm 2026"), strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_bytes(buffer.getvalue(), "built.docx", ".docx")
    paras = [b.text for b in doc.blocks if isinstance(b, Para)]
    assert paras[1] == "1. Sở Công Thương"  # the number Word draws, not stored in the text
    rows = [b for b in doc.blocks if isinstance(b, Row)]
    assert [c.text for c in rows[1].cells] == ["1", "Rà soát văn bản.", "năm 2026"]
    assert rows[1].cells[2].origin.label() == "bảng 1, hàng 2, ô 3"
    result = import_document(buffer.getvalue(), name="built.docx")
    task = next(t for t in result.plan.tasks if t.id == "V.1.a")
    assert task.lead == ["Sở Công Thương"] and task.partners == ["Sở Tài chính"]


def test_scanned_pdf_is_refused(blank_pdf: bytes) -> None:
    with pytest.raises(ScannedPdf, match="no text layer"):
        import_document(blank_pdf, name="scan.pdf")


def test_unreadable_pdf_is_a_source_error() -> None:
    pytest.importorskip("pypdfium2")
    with pytest.raises(SourceError, match="not a readable PDF"):
        import_document(b"%PDF-1.7 broken", name="broken.pdf")


def test_docx_table_merged_and_empty_cells() -> None:
    """Word's vertical merges make continuation rows; empty and padding cells carry nothing."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=4, cols=6)
    rows = (
        ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian", ""),
        ("1", "Rà soát văn bản quy phạm.", "Sở Tư pháp", "Sở Nội vụ", "năm 2026", ""),
        ("", "Xây dựng cơ sở dữ liệu.", "", "", "Quý II/2027", ""),
        ("2", "Tập huấn cán bộ.", "Sở Nội vụ", "", "tháng 6/2026", ""),
    )
    for row, texts in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # STT 1 spans two rows
    table.cell(1, 2).merge(table.cell(2, 2))  # and so does its lead
    table.cell(1, 0).text = "1"
    table.cell(1, 2).text = "Sở Tư pháp"
    buffer = io.BytesIO()
    document.save(buffer)
    doc = read_bytes(buffer.getvalue(), "merged.docx", ".docx")
    cont = [b for b in doc.blocks if isinstance(b, Row)][2]
    assert [(c.text, c.merged) for c in cont.cells] == [
        ("1", True),
        ("Xây dựng cơ sở dữ liệu.", False),
        ("Sở Tư pháp", True),
        ("Quý II/2027", False),
    ]
    tasks = {t.id: t for t in import_document(buffer.getvalue(), name="merged.docx").plan.tasks}
    first, second, other = tasks["PL.1.1"], tasks["PL.1.2"], tasks["PL.2"]
    assert first.lead == second.lead == ["Sở Tư pháp"] and first.partners == ["Sở Nội vụ"]
    assert second.partners == []  # the partner cell is empty, not merged: nothing inherited
    assert any("merged cells (chủ trì)" in n.text("en") and "ô gộp (chủ trì)" in n.text("vi") for n in second.notes)
    assert str(second.schedule["by"]) == "2027-06-30"
    assert other.lead == ["Sở Nội vụ"] and other.partners == []
