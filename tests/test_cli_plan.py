"""CLI contract for check, schema, export: exit codes, stdout vs stderr, the shipped plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach_cli.cli import main


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read kehoach's English messages (KEHOACH_LANG, as a user would set it);
    the Vietnamese default has tests of its own."""
    monkeypatch.setenv("KEHOACH_LANG", "en")


ROOT = Path(__file__).parent.parent
PLAN = ROOT / "plan.yaml"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_shipped_plan_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["check", str(PLAN)], capsys)
    assert code == 0, out
    assert "OK — 64 tasks" in out and err == ""


def test_check_json_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", str(PLAN), "--format", "json"], capsys)
    assert code == 0
    assert json.loads(out) == {"file": json.loads(out)["file"], "ok": True, "problems": []}


def test_missing_file_is_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(["check", str(tmp_path / "nope.yaml")], capsys)
    assert code == 2 and out == "" and "no such file" in err


def test_directory_is_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(["check", str(tmp_path)], capsys)
    assert code == 2 and "directory" in err


def test_bad_option_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", str(PLAN), "--format", "xml"], capsys)
    assert code == 2 and "xml" in err


def test_schema_matches_committed_copy(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["schema"], capsys)
    assert code == 0
    committed = (ROOT / "plan.schema.json").read_text(encoding="utf-8")
    assert out == committed, "plan.schema.json is stale: run `kehoach schema > plan.schema.json`"
    assert PLAN.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=./plan.schema.json\n")


def test_export_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["export", "--plan", str(PLAN)], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) >= {"plan", "agencies", "tasks"}
    assert data["plan"]["number"] is None and data["plan"]["date"] == "2019-06-10"
    for agency in data["agencies"]:
        assert set(agency) >= {"id", "name", "name_en", "aliases"}
    tasks = {t["id"]: t for t in data["tasks"]}
    for t in tasks.values():
        assert set(t) >= {"id", "title", "title_en", "ref", "lead", "partners", "schedule", "due", "targets"}
        assert t["schedule"]["kind"] in {"deadline", "span", "recurring", "event", "milestones", "none"}
    # spot checks against the source text
    assert tasks["2.đ.1"]["due"] == "2019-12-31"
    assert tasks["2.g.2"]["partners"] == ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]  # printed "Sở Tài Chính"
    assert tasks["1.d"]["schedule"] | {"text": None} == {
        "kind": "span",
        "text": None,
        "start": "2019-01-01",
        "end": "2020-12-31",
    }
    assert tasks["7.b"]["schedule"]["event_date"] == "2023-11-22"
    assert [m["by"] for m in tasks["5.b"]["schedule"]["milestones"]] == ["2020-12-31", "2025-12-31"]
    wind = {t["metric"]: t for t in tasks["2.i"]["targets"]}
    assert (wind["wind_capacity"]["op"], wind["wind_capacity"]["value"], wind["wind_capacity"]["unit"]) == (
        ">=",
        100,
        "MW",
    )
    assert tasks["2.g.1"]["targets"][0]["value"] == 4108
    unowned = sorted(i for i, t in tasks.items() if not t["lead"] and not i.startswith("III"))
    assert unowned == ["2.g.4", "2.h", "4.a", "4.c", "4.đ", "6.e", "7.c", "8.1", "8.3"]


def test_export_yaml_keeps_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["export", "--plan", str(PLAN), "--format", "yaml"], capsys)
    assert code == 0 and "Sở Công Thương" in out and "\\u" not in out


def test_export_refuses_a_broken_plan(capsys: pytest.CaptureFixture[str]) -> None:
    broken = ROOT / "tests" / "golden" / "invalid" / "ref-agency-near-miss.yaml"
    code, out, err = run(["export", "--plan", str(broken)], capsys)
    assert code == 1 and out == "" and "agency-unknown" in err


def test_python_m_kehoach_cli_runs_from_any_directory(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.run(
        [sys.executable, "-m", "kehoach_cli", "check", str(PLAN)], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert proc.returncode == 0 and proc.stderr == ""


def test_internal_error_exits_3_without_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import kehoach_cli.load

    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("simulated bug")

    monkeypatch.setattr(kehoach_cli.load, "load_plan", boom)
    monkeypatch.delenv("KEHOACH_DEBUG", raising=False)
    code, out, err = run(["--no-cache", "check", str(PLAN)], capsys)  # a warm entry would not load
    assert code == 3 and out == ""
    assert "internal error (ZeroDivisionError)" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    log = Path(err.split("details in ", 1)[1].split(";", 1)[0])
    assert "ZeroDivisionError: simulated bug" in log.read_text(encoding="utf-8")


def test_messages_never_echo_huge_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    base = (ROOT / "tests" / "golden" / "valid" / "case-and-spacing.yaml").read_text(encoding="utf-8")
    huge = "x" * 1_000_000
    bad = base.replace("lead: [SỞ CÔNG  THƯƠNG]", f"lead: {huge}").replace("unit: MW", f"unit: {huge}")
    path = tmp_path / "plan.yaml"
    path.write_text(bad, encoding="utf-8")
    code, out, _ = run(["check", str(path), "--format", "json"], capsys)
    assert code == 1
    problems = json.loads(out)["problems"]
    assert [p["code"] for p in problems] == ["type-list"]
    assert all(len(p["message"]) < 300 and len(p["hint"] or "") < 300 for p in problems)
    code, out, _ = run(["check", str(path)], capsys)
    assert len(out) < 5_000  # excerpts are cut too
