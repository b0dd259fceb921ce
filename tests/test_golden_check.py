"""Golden corpus: one small plan per hazard, with the exact `kehoach check` output.

A new case is a new pair of files: ``NAME.yaml`` (the hazard, described in its first
comment line), ``NAME.out`` (``exit N`` then the expected stdout with ``--lang en``) and
``NAME.vi.out`` (the same in Vietnamese, the default; invalid and warning cases). ``invalid/`` cases
exit 1, ``warning/`` cases exit 0 with warnings only, ``valid/`` cases are clean. Regenerate the
``.out`` files deliberately with ``KEHOACH_UPDATE_GOLDEN=1 pytest tests/test_golden_check.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from kehoach_cli.cli import main

HERE = Path(__file__).parent / "golden"
INVALID = sorted((HERE / "invalid").glob("*.yaml"))
VALID = sorted((HERE / "valid").glob("*.yaml"))
WARNING = sorted((HERE / "warning").glob("*.yaml"))
UPDATE = os.environ.get("KEHOACH_UPDATE_GOLDEN") == "1"


def test_corpus_covers_at_least_30_hazards() -> None:
    assert len(INVALID) >= 30


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_plan_text(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(case.parent)
    code = main(["check", case.name, "--lang", "en"])
    out = capsys.readouterr()
    actual = f"exit {code}\n{out.out}"
    expected_file = case.with_suffix(".out")
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
    assert code == 1
    assert out.err == ""
    assert "Traceback" not in out.out
    # every problem names file:line:col
    for line in out.out.splitlines():
        if "error[" in line:
            assert line.startswith(f"{case.name}:"), line
            loc = line.split(": ", 1)[0].split(":")
            assert len(loc) == 3 and loc[1].isdigit() and loc[2].isdigit(), line


@pytest.mark.parametrize("case", INVALID, ids=lambda p: p.stem)
def test_invalid_plan_json_agrees_with_text(
    case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(case.parent)
    code = main(["check", case.name, "--format", "json", "--lang", "en"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["ok"] is False
    expected = case.with_suffix(".out").read_text(encoding="utf-8")
    for p in report["problems"]:
        assert p["line"] >= 1 and p["col"] >= 1
        assert f"{p['file']}:{p['line']}:{p['col']}: {p['severity']}[{p['code']}]: {p['message']}" in expected


SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo"}


@pytest.mark.parametrize("case", INVALID + WARNING, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_plan_text_in_vietnamese(
    case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The default language: the same problems, locations and codes, worded in Vietnamese;
    the JSON keeps its English keys, codes and severities and carries the same messages."""
    monkeypatch.chdir(case.parent)
    monkeypatch.delenv("KEHOACH_LANG", raising=False)
    code = main(["check", case.name])
    out = capsys.readouterr()
    actual = f"exit {code}\n{out.out}"
    expected_file = case.with_suffix(".vi.out")
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
    assert "error[" not in out.out and "warning[" not in out.out and "help:" not in out.out
    assert code == main(["check", case.name, "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    for p in report["problems"]:
        head = f"{p['file']}:{p['line']}:{p['col']}: {SEVERITY_VI[p['severity']]}[{p['code']}]: {p['message']}"
        assert head in actual


@pytest.mark.parametrize("case", VALID, ids=lambda p: p.stem)
def test_valid_plan(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(case.parent)
    code = main(["check", case.name, "--lang", "en"])
    out = capsys.readouterr()
    assert code == 0, out.out
    assert "OK" in out.out


@pytest.mark.parametrize("case", WARNING, ids=lambda p: p.stem)
def test_warning_plan_text(case: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(case.parent)
    code = main(["check", case.name, "--lang", "en"])
    out = capsys.readouterr()
    actual = f"exit {code}\n{out.out}"
    expected_file = case.with_suffix(".out")
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")
    assert code == 0 and "warning[" in out.out and "error[" not in out.out
