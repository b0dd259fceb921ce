"""The notes a draft writes (on tasks, agencies and targets) are messages, in the command's language.

Vietnamese by default, English with ``--lang en``, like the review comments; text quoted from
the document inside a note stays as printed in both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from kehoach_cli.cli import main
from kehoach_cli.importer import import_document
from kehoach_cli.importer.draft import DraftPlan
from kehoach_cli.messages import Msg, translations

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "examples" / "sources"
FIXTURES = Path(__file__).parent / "fixtures"
REAL = [SHARED / "source" / "ke-hoach-ubnd-quang-ngai-2019-06-10.txt", *sorted((SHARED / "plans").glob("*-20*.md"))]
TABLE_PLAN = SHARED / "plans" / "ttg-2530-2025.md"  # its table has content, group and status columns


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEHOACH_LANG", raising=False)


def _notes_in(data: Any) -> list[Any]:
    """Every `notes:` item of a draft's data, in document order (tasks, agencies, goals, targets)."""
    found: list[Any] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += list(value) if key == "notes" else _notes_in(value)
    elif isinstance(data, list):
        for value in data:
            found += _notes_in(value)
    return found


def _draft(argv: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main([*argv, "-o", str(out), "--force"]) == 0
    capsys.readouterr()
    return out.read_text(encoding="utf-8")


def test_notes_follow_the_language_of_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = str(FIXTURES / "columns.md")
    vi = _notes_in(yaml.safe_load(_draft(["import", source], tmp_path / "vi.yaml", capsys)))
    en = _notes_in(yaml.safe_load(_draft(["import", source, "--lang", "en"], tmp_path / "en.yaml", capsys)))
    assert vi == [
        "Hàng tiếp nối 2/2: áp dụng các ô gộp (chủ trì, phối hợp) của hàng tại dòng 66–77.",
        "Tính từ ngày nhận được kế hoạch (plan.received); nếu không có thì tính từ plan.date.",
    ]
    assert en == [
        "Continuation row 2 of 2: the merged cells (chủ trì, phối hợp) of the row at dòng 66–77 apply to it.",
        "Counted from the day the plan is received (plan.received); without it, from plan.date.",
    ]
    as_json = _draft(["import", source, "--format", "json", "--lang", "en"], tmp_path / "en.json", capsys)
    assert _notes_in(json.loads(as_json)["draft"]) == en
    as_json = _draft(["import", source, "--format", "json"], tmp_path / "vi.json", capsys)
    assert _notes_in(json.loads(as_json)["draft"]) == vi


@pytest.mark.skipif(not TABLE_PLAN.is_file(), reason="examples/sources is missing")
def test_a_column_label_is_translated_and_the_cell_text_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vi = _notes_in(yaml.safe_load(_draft(["import", str(TABLE_PLAN)], tmp_path / "vi.yaml", capsys)))
    en = _notes_in(yaml.safe_load(_draft(["import", str(TABLE_PLAN), "--lang", "en"], tmp_path / "en.yaml", capsys)))
    assert len(vi) == len(en)
    labels = {"Nội dung chính: ": "Main content: ", "Nhóm nhiệm vụ: ": "Task group: ", "Tình trạng: ": "Status: "}
    pairs = [(v, e) for v, e in zip(vi, en, strict=True) if any(v.startswith(label) for label in labels)]
    assert {v.split(": ", 1)[0] for v, _ in pairs} == {"Nội dung chính", "Nhóm nhiệm vụ", "Tình trạng"}
    for v, e in pairs:
        label = next(label for label in labels if v.startswith(label))
        assert e == labels[label] + v[len(label) :]  # the cell's text as printed, in both languages


def _plan_notes(plan: DraftPlan) -> list[object]:
    notes: list[object] = []
    for task in plan.tasks:
        notes += task.notes
        notes += _notes_in(task.targets)
    return notes + _notes_in(plan.agencies) + _notes_in(plan.goals)


@pytest.mark.parametrize(
    "source", [*(p for p in REAL if p.is_file()), *sorted(FIXTURES.iterdir())], ids=lambda p: p.name
)
def test_no_note_is_left_in_english(source: Path) -> None:
    """Each note is a message whose msgid has a Vietnamese translation, and the draft says that."""
    result = import_document(source)
    notes = _plan_notes(result.plan)
    assert notes, f"{source.name}: every plan and fixture here gives its draft notes"
    vi = translations("vi")
    for note in notes:
        assert isinstance(note, Msg), f"{source.name}: a note that is not a message: {note!r}"
        assert vi.gettext(note.msgid) != note.msgid, f"{source.name}: no Vietnamese for {note.msgid!r}"
        assert note.text("vi") != note.text("en")
        assert "()" not in note.text("en"), f"{source.name}: a note names no place: {note.text('en')!r}"
    assert _notes_in(yaml.safe_load(result.text)) == [n.text("vi") for n in _notes_in(result.plan.data())]
