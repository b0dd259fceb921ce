"""`kehoach record`: it refuses what `check` would reject (exit 2, nothing written) and
appends everything else to the right agency's file without touching existing bytes."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from kehoach_cli import rules
from kehoach_cli.asof import today
from kehoach_cli.cli import main
from kehoach_cli.load import load_plan


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read kehoach's English messages (KEHOACH_LANG, as a user would set it);
    the Vietnamese default has tests of its own."""
    monkeypatch.setenv("KEHOACH_LANG", "en")


BASE = Path(__file__).parent / "plans" / "rec_base" / "plan.yaml"
EVIDENCE = "Báo cáo số 123/BC-SCT ngày 15/12/2020"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    shutil.copy(BASE, tmp_path / "plan.yaml")
    return tmp_path / "plan.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def record(capsys: pytest.CaptureFixture[str], plan: Path, *argv: str) -> tuple[int, str, str]:
    return run(capsys, "record", *argv, "--plan", str(plan))


def test_done_goes_to_the_sole_leads_new_file(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = record(capsys, plan, "1.a", "--done", "--date", "15/12/2020", "--evidence", EVIDENCE)
    assert (code, err) == (0, "")
    report = plan.parent / "reports" / "sct.yaml"
    assert out == f"{report}: recorded 1.a done on 2020-12-15 for Sở Công Thương\n"
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Báo cáo tiến độ của Sở Công Thương")
    assert text.endswith(
        "agency: Sở Công Thương\nrecords:\n"
        f'  - task: "1.a"\n    date: 2020-12-15\n    kind: done\n    evidence: {EVIDENCE}\n'
        f"    recorded_on: {today().isoformat()}\n"
    )
    assert run(capsys, "check", str(plan))[0] == 0


@pytest.mark.parametrize("who", ["SCT", "sct", "so cong thuong", "Sở Công Thương"])
def test_agency_by_id_alias_or_without_diacritics(plan: Path, capsys: pytest.CaptureFixture[str], who: str) -> None:
    code, _, err = record(capsys, plan, "1.a", "--started", "--date", "2020-06-01", "--agency", who)
    assert code == 0, err
    assert (plan.parent / "reports" / "sct.yaml").exists()


def test_another_agencys_task_is_refused(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = record(capsys, plan, "2.a", "--done", "--date", "2021-05-01", "--evidence", "x", "--agency", "SCT")
    assert code == 2 and out == ""
    assert "refused: Sở Công Thương neither leads nor partners task 2.a" in err
    assert not (plan.parent / "reports").exists()


def test_partner_may_record(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = record(capsys, plan, "1.a", "--started", "--date", "2020-06-01", "--agency", "Sở Xây dựng")
    assert code == 0, err
    assert (plan.parent / "reports" / "sxd.yaml").exists()


def test_successor_records_after_the_effective_date_only(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = plan.parent / "reports"
    # No --agency: the sole lead as of the date, through succession.
    assert record(capsys, plan, "1.b", "--started", "--date", "2025-04-01")[0] == 0
    assert (reports / "stc.yaml").exists() and not (reports / "skhdt.yaml").exists()
    # The predecessor ceased on 2025-03-01: it writes nothing now, even about 2024.
    code, _, err = record(capsys, plan, "1.b", "--started", "--date", "2024-04-01")
    assert code == 2 and "ceased on 2025-03-01" in err and not (reports / "skhdt.yaml").exists()
    code, _, err = record(capsys, plan, "1.b", "--started", "--date", "2024-05-01", "--agency", "Sở Tài chính")
    assert code == 2 and "only from 2025-03-01" in err
    code, _, err = record(capsys, plan, "1.b", "--started", "--date", "2025-05-01", "--agency", "skhdt")
    assert code == 2 and "no longer answers" in err
    assert run(capsys, "check", str(plan))[0] == 0


def test_completion_needs_evidence(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = record(capsys, plan, "1.a", "--done", "--date", "2020-12-15")
    assert code == 2
    assert "refused: completion of task 1.a needs evidence" in err and "add --evidence" in err
    code, _, err = record(capsys, plan, "1.a", "--done", "--date", "2020-12-15", "--evidence", "   ")
    assert code == 2 and "needs evidence" in err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["1.a", "--date", "2020-06-01"], "exactly one of --done, --started or --value"),
        (["1.a", "--done", "--started", "--date", "2020-06-01"], "exactly one of"),
        (["2.c", "--value", "3", "--date", "2020-06-01"], "--value needs --unit"),
        (["2.c", "--started", "--unit", "MW", "--date", "2020-06-01"], "--unit belongs with --value"),
        (["1.a", "--started"], "--date is required"),
        (["1.a", "--started", "--date", "06/2020"], "is not a date"),
        (["1.a", "--started", "--date", "31/02/2021"], "not a day of the calendar"),
        (["1.a", "--started", "--date", "2099-01-01"], "after today"),
        (["1.a", "--started", "--date", "2019-01-01"], "before the plan was issued"),
        (["1.x", "--started", "--date", "2020-06-01"], "unknown task '1.x'"),
        (["3.c", "--started", "--date", "2020-06-01"], "no sole lead"),
        (["1.a", "--started", "--date", "2020-06-01", "--agency", "Sở Công Thươg"], "did you mean"),
        (["2.c", "--value", "4,5", "--unit", "dự án", "--date", "2021-01-01"], "cannot read the value"),
        (["2.c", "--value", "nan", "--unit", "dự án", "--date", "2021-01-01"], "cannot read the value"),
        (["2.b", "--value", "4", "--unit", "MW", "--date", "2021-01-01"], "several targets"),
        (["2.b", "--value", "4", "--unit", "kW", "--metric", "san_luong", "--date", "2021-01-01"], "does not convert"),
        (["2.b", "--value", "4", "--unit", "MW", "--metric", "cong_suat", "--date", "2021-01-01"], "add --basis"),
        (["1.c", "--done", "--evidence", "x", "--date", "2021-01-01"], "add --year"),
        (["1.c", "--done", "--evidence", "x", "--year", "2031", "--date", "2021-01-01"], "outside"),
        (["2.a", "--done", "--evidence", "x", "--milestone", "9", "--date", "2021-01-01"], "no milestone '9'"),
        (["1.a", "--started", "--note", "Së KÕ ho¹ch", "--date", "2020-06-01"], "TCVN3"),
        (["1.a", "--started", "--note", "a\x07b", "--date", "2020-06-01"], "control character"),
    ],
)
def test_refusals_exit_2_and_write_nothing(
    plan: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    code, out, err = record(capsys, plan, *argv)
    assert code == 2 and out == ""
    assert says in err
    assert not (plan.parent / "reports").exists()


def test_value_records_with_metric_basis_year(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--metric", "cong_suat", "--date", "2021-12-31"]
    assert record(capsys, plan, "2.b", "--value", "40", "--unit", "MW", "--basis", "cumulative", *args)[0] == 0
    code, out, _ = record(capsys, plan, "2.b", "--value", "4000", "--unit", "kW", "--basis", "annual", "--year", "2021", *args)  # fmt: skip
    assert code == 0 and "recorded 2.b 4000 kW" in out
    assert record(capsys, plan, "1.c", "--done", "--year", "2020", "--evidence", "https://x.vn/a#b", "--date", "2021-01-05")[0] == 0  # fmt: skip
    assert record(capsys, plan, "2.a", "--done", "--milestone", "1", "--evidence", "BC 1", "--date", "2021-06-01")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "check", str(plan))
    assert code == 0 and "4 progress records" in out


def test_appends_to_the_file_the_plan_lists(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("require_evidence: true", 'require_evidence: true\n  reports: ["bc/sct-2020.yaml"]'))
    listed = plan.parent / "bc" / "sct-2020.yaml"
    listed.parent.mkdir()
    listed.write_bytes(b"agency: SCT # listed\n")
    assert record(capsys, plan, "1.a", "--started", "--date", "2020-06-01")[0] == 0
    assert listed.read_bytes().startswith(b"agency: SCT # listed\nrecords:\n  - task:")
    assert not (plan.parent / "reports").exists()


HAND_WRITTEN = (
    "# Sở Công Thương — tệp viết tay\r\n"
    "agency:  SCT    # alias\r\n"
    "records:\r\n"
    "- task: '1.a'   # indentless list, CRLF, odd spacing\r\n"
    "  date: 2020-06-01\r\n"
    "  kind:   started\r\n"
    "\r\n"
    "# the end"
).encode()


def test_hand_written_file_kept_byte_for_byte(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = plan.parent / "reports" / "sct.yaml"
    report.parent.mkdir()
    report.write_bytes(HAND_WRITTEN)
    report.chmod(0o664)
    assert record(capsys, plan, "1.a", "--done", "--date", "2020-12-15", "--evidence", EVIDENCE)[0] == 0
    after = report.read_bytes()
    assert after == HAND_WRITTEN + f'\r\n- task: "1.a"\r\n  date: 2020-12-15\r\n  kind: done\r\n  evidence: {EVIDENCE}\r\n  recorded_on: {today().isoformat()}\r\n'.encode()  # fmt: skip
    assert oct(report.stat().st_mode & 0o777) == "0o664"
    assert run(capsys, "check", str(plan))[0] == 0


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("agency: Sở Xây dựng\nrecords: []\n", "reports for 'Sở Xây dựng', not for Sở Công Thương"),
        ("agency: SCT\nrecords: []\n", "records: []"),
        ("agency: SCT\nrecords:\n  - {task: '1.a', date: 2020-06-01, kind: begun}\n", "run `kehoach check`"),
        ("agency: SCT\nrecords: [\n", "run `kehoach check`"),
    ],
)
def test_file_that_cannot_take_an_append_is_left_alone(
    plan: Path, capsys: pytest.CaptureFixture[str], content: str, says: str
) -> None:
    report = plan.parent / "reports" / "sct.yaml"
    report.parent.mkdir()
    report.write_text(content, encoding="utf-8")
    code, _, err = record(capsys, plan, "1.a", "--started", "--date", "2020-06-01")
    assert code == 2 and says in err, err
    assert report.read_text(encoding="utf-8") == content


def test_disk_full_exits_non_zero_and_keeps_the_file(
    plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert record(capsys, plan, "1.a", "--started", "--date", "2020-06-01")[0] == 0
    report = plan.parent / "reports" / "sct.yaml"
    before = report.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    code, out, err = record(capsys, plan, "1.a", "--done", "--date", "2020-12-15", "--evidence", EVIDENCE)
    monkeypatch.undo()
    assert code == 2 and out == ""
    assert "No space left on device" in err and "unchanged" in err
    assert report.read_bytes() == before
    assert [p.name for p in report.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_file_changed_after_validation_is_checked_again(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kehoach_cli.record import prepare as records
    from kehoach_cli.record.writer import WriteError

    loaded = load_plan(plan)
    registry = loaded.registry
    today = dt.date(2026, 1, 1)
    req = records.Request("1.a", "started", "2020-06-01")
    report = plan.parent / "reports" / "sct.yaml"
    prepared = records.prepare(loaded, registry, req, today)
    # Someone else creates the file with another agency between validation and writing.
    report.parent.mkdir()
    report.write_text("agency: Sở Xây dựng\nrecords:\n  - {task: '1.a', date: 2020-05-01, kind: started}\n")
    with pytest.raises(WriteError, match="not for Sở Công Thương"):
        records.write(prepared, registry)
    # …or with a valid record of the same agency: both land, and the change is reported.
    report.write_text("agency: SCT\nrecords:\n  - {task: '1.a', date: 2020-05-01, kind: started}\n")
    written = records.write(prepared, registry)
    assert written.changed is True
    assert report.read_text().count("task:") == 2


def test_export_includes_each_tasks_progress(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record(capsys, plan, "1.a", "--done", "--date", "2020-12-15", "--evidence", EVIDENCE)
    record(capsys, plan, "1.a", "--started", "--date", "2020-06-01")
    code, out, _ = run(capsys, "export", "--plan", str(plan))
    assert code == 0
    tasks = {t["id"]: t for t in json.loads(out)["tasks"]}
    assert tasks["1.b"]["progress"] == []
    assert [(r["date"], r["kind"]) for r in tasks["1.a"]["progress"]] == [("2020-06-01", "started"), ("2020-12-15", "done")]  # fmt: skip
    done = tasks["1.a"]["progress"][1]
    assert done["evidence"] == EVIDENCE and done["agency"] == "Sở Công Thương" and done["agency_id"] == "sct"
    assert done["source"] == "reports/sct.yaml:7"  # 4 header comments, agency, records


def test_a_done_record_turns_overdue_into_done_late(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kehoach_cli.evaluate import Status, evaluate
    from kehoach_cli.progress import collect

    as_of = dt.date(2021, 6, 1)

    def status() -> Status:
        loaded = rules.check(load_plan(plan))  # today is today: the record was written today
        assert loaded.ok, loaded.problems
        return evaluate(loaded.plan, loaded.registry, as_of, collect(loaded, loaded.registry)).task("1.a").status  # type: ignore[arg-type]

    assert status() is Status.overdue  # due 2020-12-31
    assert record(capsys, plan, "1.a", "--done", "--date", "2021-03-01", "--evidence", EVIDENCE)[0] == 0
    assert status() is Status.done_late
