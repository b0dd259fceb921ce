"""`kehoach diff`: each kind of change, with and without the amendment that covers it.

Every case is an edit of tests/plans/diff_base.yaml (text replacements), the change
kinds it must produce, and the amendment field that covers it. Each case runs twice:
without an amendment (exit 1 when weakening, with an error on the edited line) and with
one appended (exit 0).
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kehoach_cli.cli import main
from kehoach_cli.cli.options import DiffFormat
from kehoach_cli.diff import Kind, from_loaded
from kehoach_cli.diff.change import LABELS
from kehoach_cli.load import load_plan


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read kehoach's English messages (KEHOACH_LANG, as a user would set it);
    the Vietnamese default has tests of its own."""
    monkeypatch.setenv("KEHOACH_LANG", "en")


PLANS = Path(__file__).parent / "plans"
BASE = PLANS / "diff_base.yaml"
BASE_TEXT = BASE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _outside_this_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Annotation paths are relative to the enclosing git repository (if any): the files
    under tests/ must not be found inside the checkout the suite happens to run from."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(Path(__file__).resolve().parent))


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def amendment(task: str, fields: str, number: str = "345/QĐ-UBND", extra: str = "", date: str = "2020-11-20") -> str:
    return f"""amendments:
  - number: "{number}"
    date: {date}
    issuer: UBND tỉnh Quảng Ngãi
    summary: Điều chỉnh nhiệm vụ {task}
    changes:
      - task: "{task}"
        fields: [{fields}]{extra}
"""


def edited(edits: list[tuple[str, str]], tail: str = "") -> str:
    text = BASE_TEXT
    for old, new in edits:
        assert text.count(old) == 1, f"edit target {old!r} must occur exactly once in diff_base.yaml"
        text = text.replace(old, new)
    return text + tail


GOLDEN = Path(__file__).parent / "golden_diff"
UPDATE = os.environ.get("KEHOACH_UPDATE_GOLDEN") == "1"


@dataclass(frozen=True)
class Case:
    """A golden diff case: a directory with the edited plan (`new.yaml`), the same edit with
    its amendment (`amended.yaml`), what the edit is (`case.json`) and the exact text output
    of `kehoach diff diff_base.yaml …` for each (`new.out`, `amended.out`: `exit N`, stdout;
    `new.vi.out`: the edit's output in Vietnamese).
    A new case is a new directory; regenerate the `.out` files deliberately with
    ``KEHOACH_UPDATE_GOLDEN=1 pytest tests/test_diff.py`` and review the diff."""

    id: str
    dir: Path
    kinds: list[Kind]
    task: str
    field: str  # the amendment field that covers it
    marker: str  # text on the line the error must point at

    @property
    def edits(self) -> list[tuple[str, str]]:
        """The edit as (old text, new text) blocks of whole lines, to combine with others."""
        old = BASE_TEXT.splitlines(keepends=True)
        new = (self.dir / "new.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
        ops = difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes()
        out = []
        for tag, i1, i2, j1, j2 in ops:
            if tag == "equal":
                continue
            # widen to one line of context so that the old block occurs once in the base
            i1, j1 = i1 - 1, j1 - 1
            out.append(("".join(old[i1:i2]), "".join(new[j1:j2])))
        return out

    @classmethod
    def load(cls, directory: Path) -> Case:
        meta = json.loads((directory / "case.json").read_text(encoding="utf-8"))
        new = (directory / "new.yaml").read_text(encoding="utf-8").splitlines()
        old = BASE_TEXT.splitlines()
        first_changed = next((line for line in new if line not in old), "")
        return cls(
            directory.name,
            directory,
            [Kind(k) for k in meta["kinds"]],
            meta["task"],
            meta["field"],
            meta.get("marker") or first_changed.strip(),
        )


CASES = [Case.load(d) for d in sorted(GOLDEN.iterdir()) if d.is_dir()]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
@pytest.mark.parametrize("version", ["new", "amended", "new.vi"])
def test_golden_text(
    case: Case, version: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`new.out` and `amended.out` in English; `new.vi.out` the unamended edit in Vietnamese."""
    monkeypatch.chdir(case.dir)
    plan, _, lang = version.partition(".")
    code, out, err = run(["diff", "../../plans/diff_base.yaml", f"{plan}.yaml", "--lang", lang or "en"], capsys)
    actual = f"exit {code}\n{out}"
    expected = case.dir / f"{version}.out"
    if UPDATE:
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")
    assert err == ""


def test_the_golden_corpus_is_there() -> None:
    assert len(CASES) >= 30


def edits_of(*ids: str) -> list[tuple[str, str]]:
    by_id = {c.id: c for c in CASES}
    return [e for i in ids for e in by_id[i].edits]


def _write(tmp_path: Path, text: str, name: str = "new.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_change_without_amendment(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = case.dir / "new.yaml"
    code, out, err = run(["diff", str(BASE), str(new), "--format", "json"], capsys)
    data = json.loads(out)
    assert err == ""
    assert [c["kind"] for c in data["changes"]] == [k.value for k in case.kinds], data["changes"]
    assert {c["task"] for c in data["changes"]} == {case.task}
    weakening = any(c["weakening"] for c in data["changes"])
    assert code == (1 if weakening else 0)
    assert data["ok"] is (not weakening)
    errors = [p for p in data["problems"] if p["severity"] == "error"]
    assert len(errors) == sum(1 for c in data["changes"] if c["weakening"])
    lines = new.read_text(encoding="utf-8").splitlines()
    marker = case.marker
    for p in errors:
        assert p["code"] == "uncovered-" + next(c["kind"] for c in data["changes"] if c["weakening"])
        assert p["file"] == str(new) or p["file"].endswith("new.yaml")
        assert marker in lines[p["line"] - 1], (p, lines[p["line"] - 1])
        assert f"task {case.task}" in p["message"]
        assert f"fields: [{case.field}]" in p["hint"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_change_with_amendment(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = case.dir / "amended.yaml"
    code, out, _ = run(["diff", str(BASE), str(new), "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0, data["problems"]
    task_changes = [c for c in data["changes"] if c["task"] is not None]
    assert [c["kind"] for c in task_changes] == [k.value for k in case.kinds]
    assert all(c["covered_by"] == "345/QĐ-UBND" for c in task_changes)
    assert [c["kind"] for c in data["changes"] if c["task"] is None] == ["amendment-added"]


def test_every_kind_has_labels_and_a_case_or_a_test() -> None:
    assert set(LABELS) == set(Kind)
    tested = {k for case in CASES for k in case.kinds}
    tested_elsewhere = {  # by the tests below
        Kind.event_changed,
        Kind.amendment_added,
        Kind.amendment_changed,
        Kind.amendment_removed,
        Kind.succession_added,
        Kind.succession_changed,
        Kind.succession_removed,
        Kind.lead_changed,
        Kind.setting_changed,
    }
    assert set(Kind) - tested - tested_elsewhere == set()


# --- coverage rules ------------------------------------------------------------------

LATER = [("by: 2020-12-31, text", "by: 2021-12-31, text")]


def diff_json(
    tmp_path: Path, old_text: str, new_text: str, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, Any]]:
    old = _write(tmp_path, old_text, "old.yaml")
    new = _write(tmp_path, new_text, "new.yaml")
    code, out, _ = run(["diff", str(old), str(new), "--format", "json"], capsys)
    return code, json.loads(out)


def test_amendment_for_another_field_does_not_cover(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, BASE_TEXT, edited(LATER, amendment("1.a", "targets")), capsys)
    assert code == 1 and data["changes"][0]["covered_by"] is None


def test_amendment_for_another_task_does_not_cover(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, BASE_TEXT, edited(LATER, amendment("1.b", "schedule")), capsys)
    assert code == 1 and data["changes"][0]["covered_by"] is None


def test_an_old_amendment_does_not_cover_a_new_edit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Citing a decision already in the log again is not a new decision."""
    old = edited([], amendment("1.a", "schedule"))
    code, data = diff_json(tmp_path, old, edited(LATER, amendment("1.a", "schedule")), capsys)
    assert code == 1
    assert [c["kind"] for c in data["changes"]] == ["deadline-later"]


def test_a_new_entry_in_an_existing_amendment_covers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = edited([], amendment("1.b", "title"))
    new_entry = '\n      - task: "1.a"\n        fields: [schedule]\n        previous_due: 2020-12-31'
    code, data = diff_json(tmp_path, old, edited(LATER, amendment("1.b", "title", extra=new_entry)), capsys)
    assert code == 0
    assert [c["kind"] for c in data["changes"]] == ["deadline-later", "amendment-changed"]


def test_a_respelled_old_amendment_does_not_cover_a_new_edit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A trailing space or another Unicode form of the number is the same decision."""
    nfc, nfd = "số 345/QĐ-UBND", unicodedata.normalize("NFD", "số 345/QĐ-UBND")
    for was, number in [
        ("345/QĐ-UBND", "345/QĐ-UBND "),
        ("345/QĐ-UBND", " 345/QĐ-UBND"),
        ("345/QĐ-UBND", "345/QĐ-UBND\t"),
        ("345/QĐ-UBND", "345/QĐ- UBND"),
        (nfc, nfd),
    ]:
        old = edited([], amendment("1.a", "schedule", number=was))
        code, data = diff_json(tmp_path, old, edited(LATER, amendment("1.a", "schedule", number=number)), capsys)
        assert code == 1, number
        assert [c["kind"] for c in data["changes"]] == ["deadline-later"], number
        assert data["changes"][0]["covered_by"] is None


def test_a_redated_old_amendment_is_changed_not_new_cover(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = edited([], amendment("1.a", "schedule"))
    new = edited(LATER, amendment("1.a", "schedule", date="2020-12-01"))
    code, data = diff_json(tmp_path, old, new, capsys)
    assert code == 1
    assert [c["kind"] for c in data["changes"]] == ["deadline-later", "amendment-changed"]
    changed = data["changes"][1]
    assert changed["before"] == "345/QĐ-UBND (2020-11-20, UBND tỉnh Quảng Ngãi)"
    assert changed["after"] == "345/QĐ-UBND (2020-12-01, UBND tỉnh Quảng Ngãi)"


def test_the_same_number_in_another_year_is_a_new_amendment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Numbers restart every year: 345/QĐ-UBND of 2021 is not 345/QĐ-UBND of 2020, which stays."""
    old = edited([], amendment("1.b", "title"))
    second = """  - number: "345/QĐ-UBND"
    date: 2021-03-01
    issuer: UBND tỉnh Quảng Ngãi
    summary: Gia hạn nhiệm vụ 1.a
    changes:
      - task: "1.a"
        fields: [schedule]
        previous_due: 2020-12-31
"""
    code, data = diff_json(tmp_path, old, edited(LATER, amendment("1.b", "title") + second), capsys)
    assert code == 0, data["problems"]
    assert [(c["kind"], c["covered_by"]) for c in data["changes"]] == [
        ("deadline-later", "345/QĐ-UBND"),
        ("amendment-added", None),
    ]
    assert data["changes"][1]["after"] == "345/QĐ-UBND (2021-03-01, UBND tỉnh Quảng Ngãi)"


def test_require_evidence_turned_off_is_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited([("  horizon: 2030\n", "  horizon: 2030\n  require_evidence: false\n")])
    code, data = diff_json(tmp_path, BASE_TEXT, new, capsys)
    assert code == 0
    (change,) = data["changes"]
    assert (change["kind"], change["task"], change["aspect"]) == ("setting-changed", None, "require_evidence")
    assert (change["before"], change["after"], change["weakening"]) == ("true", "false", False)
    assert "require_evidence: false" in new.splitlines()[change["line"] - 1]
    code, data = diff_json(tmp_path, new, BASE_TEXT, capsys)
    assert code == 0 and [(c["before"], c["after"]) for c in data["changes"]] == [("false", "true")]


def test_amendment_removed_is_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, edited([], amendment("1.a", "title")), BASE_TEXT, capsys)
    assert code == 0
    assert [c["kind"] for c in data["changes"]] == ["amendment-removed"]


def test_previous_due_missing_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, BASE_TEXT, edited(LATER, amendment("1.a", "schedule")), capsys)
    assert code == 0
    assert [(p["code"], p["severity"]) for p in data["problems"]] == [("amendment-previous-due", "warning")]
    assert "previous_due: 2020-12-31" in data["problems"][0]["hint"]


def test_previous_due_mismatch_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = "\n        previous_due: 2020-06-30"
    code, data = diff_json(tmp_path, BASE_TEXT, edited(LATER, amendment("1.a", "schedule", extra=extra)), capsys)
    assert code == 0
    assert "the deadline was 2020-12-31" in data["problems"][0]["message"]
    assert data["problems"][0]["line"] == len(edited(LATER).splitlines()) + 9


def test_original_deadline_is_shown_on_a_second_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = amendment("1.a", "schedule", extra="\n        previous_due: 2020-12-31")
    second = """  - number: "77/QĐ-UBND"
    date: 2021-11-01
    issuer: UBND tỉnh Quảng Ngãi
    summary: Gia hạn lần hai
    changes:
      - task: "1.a"
        fields: [schedule]
        previous_due: 2021-12-31
"""
    old = _write(tmp_path, edited(LATER, first), "old.yaml")
    new = _write(tmp_path, edited([("by: 2020-12-31, text", "by: 2022-06-30, text")], first + second), "new.yaml")
    code, out, _ = run(["diff", str(old), str(new)], capsys)
    assert code == 0
    assert "✓ deadline later: 2021-12-31 → 2022-06-30 — amendment 77/QĐ-UBND; original deadline 2020-12-31" in out
    _, md, _ = run(["diff", str(old), str(new), "--format", "markdown"], capsys)
    assert "2022-06-30 (originally 2020-12-31)" in md


# --- agencies, events, no change -----------------------------------------------------


def test_respelled_agency_is_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited([("partners: [Sở Tài chính]", "partners: [Sở Tài Chính]")])
    code, data = diff_json(tmp_path, BASE_TEXT, new, capsys)
    assert code == 0 and data["changes"] == []


def test_same_target_in_another_unit_is_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited([("value: 100, unit: MW", "value: 100000, unit: kW")])
    code, data = diff_json(tmp_path, BASE_TEXT, new, capsys)
    assert code == 0 and data["changes"] == []


EVENT_LATER = [("date: 2023-11-22", "date: 2024-03-01")]  # 2.c: 180 days after → 2024-05-20 becomes 2024-08-28


def test_event_date_later_moves_waiting_deadlines_later(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, BASE_TEXT, edited(EVENT_LATER), capsys)
    assert code == 1
    task, event = data["changes"]
    assert (task["kind"], task["task"], task["before"], task["after"], task["weakening"]) == (
        "deadline-later",
        "2.c",
        "2024-05-20",
        "2024-08-28",
        True,
    )
    assert (event["kind"], event["before"], event["after"]) == ("event-changed", "2023-11-22", "2024-03-01")
    assert event["note"] == "moves the deadlines of tasks 2.c"
    (error,) = data["problems"]
    assert error["code"] == "uncovered-deadline-later" and error["message"].startswith("task 2.c: deadline later")
    assert "date: 2024-03-01" in edited(EVENT_LATER).splitlines()[error["line"] - 1]  # the event's date line
    assert "fields: [schedule], previous_due: 2024-05-20" in error["hint"]


def test_event_date_later_with_amendment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cover = amendment("2.c", "schedule", extra="\n        previous_due: 2024-05-20")
    code, data = diff_json(tmp_path, BASE_TEXT, edited(EVENT_LATER, cover), capsys)
    assert code == 0 and data["problems"] == []
    assert data["changes"][0]["covered_by"] == "345/QĐ-UBND"


def test_event_date_earlier_is_not_weakening(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, BASE_TEXT, edited([("date: 2023-11-22", "date: 2023-06-01")]), capsys)
    assert code == 0
    assert [(c["kind"], c["task"]) for c in data["changes"]] == [("deadline-earlier", "2.c"), ("event-changed", None)]


def test_event_date_unset_removes_waiting_deadlines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unset = edited([("date: 2023-11-22", "date: null")])
    code, data = diff_json(tmp_path, BASE_TEXT, unset, capsys)
    assert code == 1
    assert [(c["kind"], c["task"], c["before"], c["after"]) for c in data["changes"]] == [
        ("deadline-removed", "2.c", "2024-05-20", None),
        ("event-changed", None, "2023-11-22", "none"),
    ]
    code, data = diff_json(tmp_path, unset, BASE_TEXT, capsys)  # the event happened: a deadline now
    assert code == 0
    assert [(c["kind"], c["after"]) for c in data["changes"]] == [
        ("deadline-added", "2024-05-20"),
        ("event-changed", "2023-11-22"),
    ]


def succession(to: str, effective: str = "2020-07-01") -> list[tuple[str, str]]:
    entry = f"  - {{from: Sở Kế hoạch và Đầu tư, to: [{to}], effective: {effective}, basis: Quyết định 1}}\n"
    return [("tasks:\n", "successions:\n" + entry + "tasks:\n")]


def test_succession_dissolving_the_lead_is_lead_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From 2020-07-01 nobody answers for task 1.a (its only lead is dissolved)."""
    new = edited(succession(""))
    code, data = diff_json(tmp_path, BASE_TEXT, new, capsys)
    assert code == 1
    lead, plan = data["changes"]
    assert (lead["kind"], lead["task"], lead["weakening"], lead["before"]) == (
        "lead-removed",
        "1.a",
        True,
        "Sở Kế hoạch và Đầu tư",
    )
    assert lead["aspect"] == "by succession from 2020-07-01"
    assert (plan["kind"], plan["task"], plan["aspect"], plan["after"]) == (
        "succession-added",
        None,
        "Sở Kế hoạch và Đầu tư",
        "dissolved from 2020-07-01",
    )
    (error,) = data["problems"]
    assert error["code"] == "uncovered-lead-removed" and "task 1.a" in error["message"]
    assert "{from: Sở Kế hoạch và Đầu tư, to: []" in new.splitlines()[error["line"] - 1]
    assert "fields: [lead]" in error["hint"]
    code, data = diff_json(tmp_path, BASE_TEXT, edited(succession(""), amendment("1.a", "lead")), capsys)
    assert code == 0 and data["changes"][0]["covered_by"] == "345/QĐ-UBND"


def test_succession_reassigning_the_lead_is_shown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, BASE_TEXT, edited(succession("Sở Tài chính")), capsys)
    assert code == 0
    assert [(c["kind"], c["task"], c["before"], c["after"], c["weakening"]) for c in data["changes"]] == [
        ("lead-changed", "1.a", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", False),
        ("succession-added", None, None, "to Sở Tài chính from 2020-07-01", False),
    ]
    _, out, _ = run(["diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml")], capsys)
    assert "  · lead changed (by succession from 2020-07-01): Sở Kế hoạch và Đầu tư → Sở Tài chính" in out


def test_succession_changed_and_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reassigned, dissolved = edited(succession("Sở Tài chính")), edited(succession(""))
    code, data = diff_json(tmp_path, reassigned, dissolved, capsys)
    assert code == 1
    assert [(c["kind"], c["task"], c["before"], c["after"]) for c in data["changes"]] == [
        ("lead-removed", "1.a", "Sở Tài chính", None),
        ("succession-changed", None, "to Sở Tài chính from 2020-07-01", "dissolved from 2020-07-01"),
    ]
    code, data = diff_json(tmp_path, dissolved, BASE_TEXT, capsys)
    assert code == 0
    assert [(c["kind"], c["task"]) for c in data["changes"]] == [("lead-added", "1.a"), ("succession-removed", None)]
    code, data = diff_json(tmp_path, reassigned, edited(succession("Sở Tài chính", "2021-01-01")), capsys)
    assert code == 0
    assert [(c["kind"], c["aspect"], c["before"], c["after"]) for c in data["changes"]] == [
        ("lead-changed", "by succession 2020-07-01 to 2020-12-31", "Sở Tài chính", "Sở Kế hoạch và Đầu tư"),
        (
            "succession-changed",
            "Sở Kế hoạch và Đầu tư",
            "to Sở Tài chính from 2020-07-01",
            "to Sở Tài chính from 2021-01-01",
        ),
    ]


def test_task_succession_override_is_a_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A task-level `succession:` that dissolves the lead for this task only."""
    split = edited(succession("Sở Tài chính"))
    override = "    succession: [{from: Sở Kế hoạch và Đầu tư, to: []}]\n"
    anchor = "    partners: [Sở Công Thương]\n"
    new = split.replace(anchor, anchor + override)
    code, data = diff_json(tmp_path, split, new, capsys)
    assert code == 1
    assert [(c["kind"], c["task"], c["weakening"]) for c in data["changes"]] == [
        ("succession-added", "1.a", False),
        ("lead-removed", "1.a", True),
    ]
    (error,) = data["problems"]
    assert "succession: [{from: Sở Kế hoạch và Đầu tư, to: []}]" in new.splitlines()[error["line"] - 1]


def test_succession_respelled_is_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = edited(succession("Sở Tài chính"))
    new = old.replace("to: [Sở Tài chính]", "to: [Sở Tài Chính]")
    code, data = diff_json(tmp_path, old, new, capsys)
    assert code == 0 and data["changes"] == []


def test_identical_plans(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", str(BASE), str(BASE)], capsys)
    assert code == 0 and err == ""
    assert out.endswith("\n✓ no change in plan terms\n")


def test_comments_and_wording_only_is_no_change(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited([("text: năm 2020}", "text: trong năm 2020}"), ("# The base", "# Edited: the base")])
    code, data = diff_json(tmp_path, BASE_TEXT, new, capsys)
    assert code == 0 and data["changes"] == []


# --- the "done when" pair, as files --------------------------------------------------


def test_done_when_deadline_later_without_amendment_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(PLANS)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(["diff", "diff_base.yaml", "diff_deadline_later.yaml"], capsys)
    assert code == 1
    line = next(
        i
        for i, t in enumerate(Path("diff_deadline_later.yaml").read_text("utf-8").splitlines(), 1)
        if "by: 2021-12-31" in t
    )
    assert f"::error file=diff_deadline_later.yaml,line={line},col=36,title=kehoach uncovered-deadline-later::" in out
    assert out.endswith("✗ 1 weakening change without an amendment (1 change in 1 task)\n")


def test_done_when_deadline_later_with_amendment_passes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(PLANS)
    code, out, err = run(["diff", "diff_base.yaml", "diff_deadline_later_amended.yaml"], capsys)
    assert (code, err) == (0, "")
    assert out == (
        "kehoach diff: diff_base.yaml → diff_deadline_later_amended.yaml\n"
        "\n"
        "1.a  Xây dựng tiêu chí\n"
        "  ✓ deadline later: 2020-12-31 → 2021-12-31 — amendment 345/QĐ-UBND\n"
        "\n"
        "Plan\n"
        "  · amendment added: 345/QĐ-UBND (2020-11-20, UBND tỉnh Quảng Ngãi) — Gia hạn nhiệm vụ 1.a đến hết năm 2021\n"
        "\n"
        "✓ 1 change in 1 task, amendment added: 1; no weakening change without an amendment\n"
    )


# --- versions that fail check, usage -------------------------------------------------


def test_new_version_with_problems_is_not_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _write(tmp_path, edited([("lead: [Sở Kế hoạch và Đầu tư]", "lead: [Sở Kế hoạch Đầu tư]")]))
    code, out, _ = run(["diff", str(BASE), str(new)], capsys)
    assert code == 1
    assert "error[agency-unknown]: unknown agency 'Sở Kế hoạch Đầu tư'" in out
    assert out.endswith("✗ not compared: a version has problems (run `kehoach check`)\n")


def test_old_version_failing_newer_rules_is_still_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A rule added to kehoach later must not block the edit that fixes the plan."""
    broken = edited([("partners: [Sở Công Thương]", "partners: [Sở Kế hoạch và Đầu tư]")])  # lead is also partner
    code, data = diff_json(tmp_path, broken, BASE_TEXT, capsys)
    assert code == 0
    assert data["compared"] is True
    assert data["notes"] and "compared anyway" in data["notes"][0]
    assert [c["kind"] for c in data["changes"]] == ["partner-removed", "partner-added"]


def test_old_version_not_a_plan_is_not_compared(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, data = diff_json(tmp_path, "plan: [\n", BASE_TEXT, capsys)
    assert code == 1 and data["compared"] is False
    assert data["problems"][0]["code"] == "yaml-syntax"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", str(BASE)], "two plan files"),
        (["diff"], "two plan files"),
        (["diff", str(BASE), str(BASE), str(BASE)], "two plan files"),
        (["diff", "--base", "HEAD", str(BASE), str(BASE)], "at most one plan file"),
        (["diff", str(BASE), "nope.yaml"], "no such file"),
        (["diff", str(BASE), str(BASE), "--format", "xml"], "xml"),
    ],
)
def test_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and message in err


# --- formats -------------------------------------------------------------------------


def test_every_format_has_a_renderer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _write(tmp_path, edited(LATER))
    for fmt in DiffFormat:
        code, out, _ = run(["diff", str(BASE), str(new), "--format", fmt.value], capsys)
        assert code == 1 and out.endswith("\n"), fmt


def test_output_is_deterministic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _write(
        tmp_path, edited(edits_of("deadline-later", "lead-replaced", "target-lower"), amendment("1.a", "lead"))
    )
    outputs = {fmt: run(["diff", str(BASE), str(new), "--format", fmt.value], capsys)[1] for fmt in DiffFormat}
    again = {fmt: run(["diff", str(BASE), str(new), "--format", fmt.value], capsys)[1] for fmt in DiffFormat}
    assert outputs == again


def test_text_groups_changes_by_task(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _write(
        tmp_path, edited(edits_of("deadline-later", "lead-replaced", "target-lower"), amendment("1.a", "lead"))
    )
    code, out, _ = run(["diff", str(BASE), str(new)], capsys)
    assert code == 1
    summary = out.split("\n\n")
    assert summary[1] == (
        "1.a  Xây dựng tiêu chí\n"
        "  ✗ deadline later: 2020-12-31 → 2021-12-31 — no amendment\n"
        "  ✓ lead removed: Sở Kế hoạch và Đầu tư — amendment 345/QĐ-UBND\n"
        "  · lead added: Sở Tài chính — amendment 345/QĐ-UBND"
    )
    assert summary[2] == "2.b  Điện gió\n  ✗ target weaker (wind_capacity): ≥ 100 MW → ≥ 80 MW — no amendment"
    assert out.endswith("✗ 2 weakening changes without an amendment (4 changes in 2 tasks, amendment added: 1)\n")


def test_markdown_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _write(tmp_path, edited([*LATER, ("title: Điện gió", "title: Điện gió | <b>mạnh</b>")]))
    code, out, _ = run(["diff", str(BASE), str(new), "--format", "markdown"], capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "<!-- kehoach-diff -->"
    assert lines[1].startswith("### ")
    assert "**❌ 1 weakening change without an amendment (2 changes in 2 tasks)**" in lines
    header = next(i for i, t in enumerate(lines) if t.startswith("| | Task"))
    rows = lines[header + 2 : header + 4]
    assert rows[0].startswith("| ❌ | **1.a** Xây dựng tiêu chí | deadline later | 2020-12-31 | 2021-12-31 |")
    assert "Điện gió \\| \\<b\\>mạnh\\</b\\>" in rows[1]  # user text cannot break the table or inject HTML
    assert all(r.count(" | ") == 5 for r in rows)


def test_markdown_verdict_when_covered(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        [
            "diff",
            str(PLANS / "diff_base.yaml"),
            str(PLANS / "diff_deadline_later_amended.yaml"),
            "--format",
            "markdown",
        ],
        capsys,
    )
    assert code == 0
    assert "**✅ 1 change in 1 task, amendment added: 1; no weakening change without an amendment**" in out
    assert "| ✅ | **1.a** Xây dựng tiêu chí | deadline later | 2020-12-31 | 2021-12-31 | 345/QĐ-UBND |" in out


def test_markdown_comment_in_vietnamese(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """The pull-request comment in the default language: headings, labels and verdict in Vietnamese."""
    monkeypatch.delenv("KEHOACH_LANG")
    code, out, _ = run(
        ["diff", str(BASE), str(PLANS / "diff_deadline_later_amended.yaml"), "--format", "markdown"], capsys
    )
    assert code == 0
    assert "### Kế hoạch: các thay đổi" in out
    assert "| | Nhiệm vụ | Thay đổi | Trước | Sau | Văn bản điều chỉnh |" in out
    assert "| ✅ | **1.a** Xây dựng tiêu chí | lùi thời hạn | 2020-12-31 | 2021-12-31 | 345/QĐ-UBND |" in out
    assert "**✅ 1 thay đổi ở 1 nhiệm vụ, thêm văn bản điều chỉnh: 1; không có thay đổi làm nhẹ nhiệm vụ" in out


def test_github_format_is_automatic_in_actions(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    later = str(PLANS / "diff_deadline_later.yaml")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert "::error file=" in run(["diff", str(BASE), later], capsys)[1]
    assert "::error" not in run(["diff", str(BASE), later, "--format", "text"], capsys)[1]
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert "::error" not in run(["diff", str(BASE), later], capsys)[1]


def test_removed_task_points_at_the_gap_and_the_old_line(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == "task-removed-middle")
    new = _write(tmp_path, edited(case.edits))
    result = from_loaded(
        load_plan(BASE, "old.yaml", with_reports=False), load_plan(new, "new.yaml", with_reports=False)
    )
    (problem,) = result.problems
    old_line = BASE_TEXT.splitlines().index('  - id: "2.a"') + 1
    assert [str(r) for r in problem.related] == [f"old.yaml:{old_line}:5"]


# --- git -----------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with diff_base.yaml committed as plan.yaml; cwd is its root."""
    for k, v in {
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }.items():
        monkeypatch.setenv(k, v)
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "plan.yaml").write_text(BASE_TEXT, encoding="utf-8")
    git(root, "add", "plan.yaml")
    git(root, "commit", "-q", "-m", "plan")
    monkeypatch.chdir(root)
    return root


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_base_deadline_later(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "plan.yaml").write_text(edited(LATER), encoding="utf-8")
    code, out, err = run(["diff", "--base", "HEAD", "plan.yaml"], capsys)
    assert code == 1 and err == ""
    assert out.startswith("kehoach diff: HEAD:plan.yaml → plan.yaml\n")
    assert "plan.yaml:32:36: error[uncovered-deadline-later]" in out


def test_base_with_amendment_and_default_plan(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "plan.yaml").write_text(edited(LATER, amendment("1.a", "schedule")), encoding="utf-8")
    code, out, _ = run(["diff", "--base", "HEAD"], capsys)
    assert code == 0
    assert "✓ deadline later: 2020-12-31 → 2021-12-31 — amendment 345/QĐ-UBND" in out


def test_base_unchanged(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["diff", "--base", "main", "plan.yaml"], capsys)
    assert code == 0 and "no change in plan terms" in out


def test_base_in_a_subdirectory_and_a_branch(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "sub").mkdir()
    git(repo, "mv", "plan.yaml", "sub/plan.yaml")
    git(repo, "commit", "-q", "-m", "move")
    git(repo, "checkout", "-q", "-b", "topic")
    (repo / "sub" / "plan.yaml").write_text(edited(LATER), encoding="utf-8")
    code, out, _ = run(["diff", "--base", "main", "sub/plan.yaml"], capsys)
    assert code == 1 and out.startswith("kehoach diff: main:sub/plan.yaml → sub/plan.yaml\n")


def test_base_annotations_are_relative_to_the_repository_root(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """GitHub attaches an annotation only to a path from the repository root."""
    (repo / "sub").mkdir()
    git(repo, "mv", "plan.yaml", "sub/plan.yaml")
    git(repo, "commit", "-q", "-m", "move")
    (repo / "sub" / "plan.yaml").write_text(edited(LATER), encoding="utf-8")
    monkeypatch.chdir(repo / "sub")
    code, out, _ = run(["diff", "--base", "main", "--format", "github"], capsys)
    assert code == 1
    assert "::error file=sub/plan.yaml,line=32,col=36,title=kehoach uncovered-deadline-later::" in out
    code, out, _ = run(["diff", "--base", "main", "plan.yaml", "--format", "sarif"], capsys)
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/plan.yaml"
    code, out, _ = run(["diff", "--base", "main", "plan.yaml"], capsys)  # text keeps the name as given
    assert "\nplan.yaml:32:36: error[uncovered-deadline-later]" in out


def test_base_file_new_at_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Decision: a plan file that did not exist at REF is new; every task is added (exit 0)."""
    (repo / "other.yaml").write_text(BASE_TEXT, encoding="utf-8")
    code, out, _ = run(["diff", "--base", "HEAD", "other.yaml", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["old_missing"] is True and data["old"] == "HEAD:other.yaml"
    assert [c["kind"] for c in data["changes"]] == ["task-added"] * 5
    code, text, _ = run(["diff", "--base", "HEAD", "other.yaml"], capsys)
    assert "other.yaml is new (HEAD:other.yaml does not exist): every task is added" in text


def test_base_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["diff", "--base", "origin/nope", "plan.yaml"], capsys)
    assert code == 2 and out == ""
    assert "unknown git revision 'origin/nope'" in err and "fetch-depth: 0" in err


def test_base_option_like_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["diff", "--base=--output=x", "plan.yaml"], capsys)
    assert code == 2 and "is not a git revision" in err


def test_base_outside_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plan = _write(tmp_path, BASE_TEXT, "plan.yaml")
    code, out, err = run(["diff", "--base", "HEAD", str(plan)], capsys)
    assert code == 2 and out == ""
    assert "needs a git repository" in err


def test_hint_suggests_the_old_deadline_as_a_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An event schedule's old deadline is the event date plus the offset: 2023-11-22 + 180 days."""
    code, data = diff_json(tmp_path, BASE_TEXT, edited(edits_of("event-offset-later")), capsys)
    assert code == 1
    assert "changes: [{task: '2.c', fields: [schedule], previous_due: 2024-05-20}]" in data["problems"][0]["hint"]
