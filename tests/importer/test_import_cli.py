"""`kehoach import` end to end: the draft, its summary, -o, --against, and `check` on the draft."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kehoach_cli.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "examples" / "sources"  # the plans' own documents, in the repository
SHIPPED_SOURCE = SHARED / "source" / "ke-hoach-ubnd-quang-ngai-2019-06-10.txt"
FIXTURES = Path(__file__).parent / "fixtures"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_draft_on_stdout_summary_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["import", str(FIXTURES / "labelled.txt")], capsys)
    assert code == 0
    assert out.startswith("# Bản nháp do `kehoach import`")
    assert "# kiểm tra lại: nguồn không nêu cơ quan chủ trì cho mục này (lead: [])" in out
    assert "the source names no agency" not in out  # every reason through the catalogue
    assert "Sở Tài Chính" in out  # verbatim, not escaped
    assert "kehoach import: 5 nhiệm vụ" in err
    assert "trường cần kiểm tra lại:" in err and "cơ quan chủ trì 1" in err
    code, out, err = run(["import", str(FIXTURES / "labelled.txt"), "--lang", "en"], capsys)
    assert code == 0
    assert "# kiểm tra lại: the source names no agency for this item (lead: [])" in out
    assert "kehoach import: 5 tasks" in err
    assert "fields needing review:" in err and "owner 1" in err


def test_output_file_is_never_overwritten_without_force(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_text("mine\n", encoding="utf-8")
    code, out, err = run(["import", str(FIXTURES / "labelled.txt"), "-o", str(target)], capsys)
    assert code == 2
    assert "đã tồn tại; không ghi đè" in err and out == ""
    assert target.read_text(encoding="utf-8") == "mine\n"
    code, _, _ = run(["import", str(FIXTURES / "labelled.txt"), "-o", str(target), "--force"], capsys)
    assert code == 0
    assert target.read_text(encoding="utf-8").startswith("# Bản nháp")


def test_dash_output_is_standard_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["import", str(FIXTURES / "labelled.txt"), "-o", "-"], capsys)
    assert code == 0 and out.startswith("# Bản nháp")
    assert list(tmp_path.iterdir()) == []  # no file named "-"


def test_the_document_itself_is_never_overwritten(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "labelled.txt"
    source.write_bytes((FIXTURES / "labelled.txt").read_bytes())
    code, out, err = run(["import", str(source), "-o", str(source), "--force"], capsys)
    assert code == 2 and out == ""
    assert "là tệp mà lệnh này đang đọc" in err
    assert source.read_bytes() == (FIXTURES / "labelled.txt").read_bytes()


def _without_notes(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_notes(v) for k, v in data.items() if k != "notes"}
    if isinstance(data, list):
        return [_without_notes(v) for v in data]
    return data


def _notes(data: Any) -> list[str]:
    if isinstance(data, dict):
        return [n for k, v in data.items() for n in (v if k == "notes" else _notes(v))]
    if isinstance(data, list):
        return [n for v in data for n in _notes(v)]
    return []


def test_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["import", str(FIXTURES / "prose.md"), "--format", "json"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert [t["id"] for t in doc["draft"]["tasks"]][:2] == ["V.1.a", "V.1.b"]
    assert doc["summary"]["tasks"] == len(doc["draft"]["tasks"])
    assert all({"path", "kind", "text"} == set(r) for r in doc["reviews"])
    texts = {r["text"] for r in doc["reviews"]}
    _, out, _ = run(["import", str(FIXTURES / "prose.md"), "--format", "json", "--lang", "en"], capsys)
    english = json.loads(out)
    assert [r["path"] for r in english["reviews"]] == [r["path"] for r in doc["reviews"]]
    # only the review texts and the notes follow --lang
    assert _without_notes(english["draft"]) == _without_notes(doc["draft"])
    assert _notes(english["draft"]) and len(_notes(english["draft"])) == len(_notes(doc["draft"]))
    assert not set(_notes(english["draft"])) & set(_notes(doc["draft"]))
    assert {r["text"] for r in english["reviews"]} != texts
    assert any(r["text"].startswith("time read from the task") for r in english["reviews"])
    assert any(r["text"].startswith("thời gian lấy từ chính câu") for r in doc["reviews"])


def test_unreadable_source_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(["import", str(tmp_path / "missing.docx")], capsys)
    assert code == 2 and "no such file" in err
    odd = tmp_path / "plan.odt"
    odd.write_bytes(b"x")
    code, _, err = run(["import", str(odd)], capsys)
    assert code == 2 and "unknown format" in err


def test_scanned_pdf_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path, blank_pdf: bytes) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(blank_pdf)
    code, out, err = run(["import", str(scan)], capsys)
    assert code == 2 and out == ""
    assert "no text layer" in err and "OCR" in err


@pytest.mark.skipif(not SHIPPED_SOURCE.is_file(), reason="examples/sources is missing")
def test_against_the_shipped_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["import", str(SHIPPED_SOURCE), "--against", str(ROOT / "plan.yaml")], capsys)
    assert code == 0
    head = next(line for line in err.splitlines() if line.startswith("against "))
    assert "64 of 64 hand-made tasks paired" in head


@pytest.mark.skipif(not SHIPPED_SOURCE.is_file(), reason="examples/sources is missing")
def test_draft_of_the_shipped_source_passes_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from kehoach_cli import model

    if not hasattr(model, "Section"):
        pytest.skip("the plan-v2 model (issue 9: sections, optional title_en) is not on this branch yet")
    draft = tmp_path / "plan.yaml"
    assert run(["import", str(SHIPPED_SOURCE), "-o", str(draft)], capsys)[0] == 0
    code, out, _ = run(["check", str(draft)], capsys)
    assert code == 0, out
