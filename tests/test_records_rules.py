"""The rules `check` holds progress records to: one golden case per file.

Each file in tests/plans/rec_cases/ says in its header where it goes next to the fixture
plan (`# as: reports/<file>.yaml`, or `inline` to append it to plan.yaml) and which
problems `check` must report, as code@line (`# expect: nothing` when it is clean).
Today is fixed at 2026-01-01.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from kehoach_cli import rules
from kehoach_cli.load import load_plan

HERE = Path(__file__).parent / "plans"
BASE = HERE / "rec_base" / "plan.yaml"
CASES = sorted((HERE / "rec_cases").glob("*.yaml"))
TODAY = dt.date(2026, 1, 1)


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"case without '# {key}:'")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    text = case.read_text(encoding="utf-8")
    where = _header(text, "as")
    expect = _header(text, "expect")
    plan = tmp_path / "plan.yaml"
    shutil.copy(BASE, plan)
    if where == "inline":
        base = plan.read_text(encoding="utf-8")
        plan.write_text(base + text, encoding="utf-8")
        target, offset = plan, base.count("\n")
    else:
        target, offset = tmp_path / where, 0
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    loaded = rules.check(load_plan(plan), TODAY)
    assert loaded.plan is not None
    got = sorted(
        f"{p.code}@{p.location.line - offset}"
        for p in loaded.problems
        if p.location is not None and Path(p.location.file).name == target.name
    )
    want = [] if expect == "nothing" else sorted(expect.split())
    assert got == want, "\n".join(f"{p.location}: {p.code}: {p.message}" for p in loaded.problems)


def test_every_case_names_its_problem_codes_once() -> None:
    codes = {c for case in CASES for c in _header(case.read_text(encoding="utf-8"), "expect").split()}
    for needed in (
        "record-not-authorised",
        "record-evidence-missing",
        "record-task-unknown",
        "record-date-future",
        "date-before-issue",
        "record-unit",
        "record-metric",
        "record-year-missing",
        "record-milestone",
        "record-agency-unknown",
        "record-agency-missing",
    ):
        assert any(c.startswith(needed + "@") for c in codes), needed


def test_messages_name_the_agency_and_suggest(tmp_path: Path) -> None:
    shutil.copy(BASE, tmp_path / "plan.yaml")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "sct.yaml").write_text(
        "agency: Sở Công Thươg\nrecords:\n  - {task: '1.d', date: 2020-06-01, kind: started}\n", encoding="utf-8"
    )
    loaded = rules.check(load_plan(tmp_path / "plan.yaml"), TODAY)
    by_code = {p.code: p for p in loaded.problems}
    assert str(by_code["record-agency-unknown"].hint) == "did you mean 'Sở Công Thương'?"
    assert str(by_code["record-task-unknown"].hint) in (
        "did you mean '1.a'?",
        "did you mean '1.b'?",
        "did you mean '1.c'?",
    )
    loc = by_code["record-task-unknown"].location
    assert loc is not None and (loc.line, loc.col) == (3, 12)


def test_optional_evidence_when_the_plan_says_so(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        BASE.read_text(encoding="utf-8").replace("require_evidence: true", "require_evidence: false"), encoding="utf-8"
    )
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "sct.yaml").write_text(
        "agency: Sở Công Thương\nrecords:\n  - {task: '1.a', date: 2020-12-20, kind: done}\n", encoding="utf-8"
    )
    assert rules.check(load_plan(plan), TODAY).problems == []


def test_not_authorised_message_explains_succession(tmp_path: Path) -> None:
    shutil.copy(BASE, tmp_path / "plan.yaml")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "stc.yaml").write_text(
        "agency: Sở Tài chính\nrecords:\n  - {task: '1.b', date: 2024-06-01, kind: started}\n", encoding="utf-8"
    )
    (tmp_path / "reports" / "skhdt.yaml").write_text(
        "agency: Sở Kế hoạch và Đầu tư\nrecords:\n  - {task: '1.b', date: 2025-06-01, kind: started}\n",
        encoding="utf-8",
    )
    messages = sorted(str(p.message) for p in rules.check(load_plan(tmp_path / "plan.yaml"), TODAY).problems)
    assert messages == [
        "Sở Kế hoạch và Đầu tư no longer answers for task 1.b on 2025-06-01: Sở Tài chính took over its tasks",
        "Sở Tài chính answers for task 1.b only from 2025-03-01 (through succession); a record dated 2024-06-01 "
        "belongs to its predecessor",
    ]


def test_every_rule_code_is_documented() -> None:
    import re

    source = (Path(__file__).parent.parent / "src" / "kehoach_cli" / "rules" / "records.py").read_text(encoding="utf-8")
    docs = (Path(__file__).parent.parent / "docs" / "progress.md").read_text(encoding="utf-8")
    codes = set(re.findall(r'Problem\(\s*"([a-z0-9-]+)"', source))
    assert len(codes) >= 12
    assert sorted(c for c in codes if f"`{c}`" not in docs) == []
