"""The plan format's second edition (issue 9): each schedule kind's dates, ongoing and
on-occurrence duties, baselines and goals, groups with members, sections, the id grammar.

Fixture: tests/plans/v2_kinds.yaml (signed 19/11/2025, received 25/11/2025, no horizon).
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach_cli.cli.main import main
from kehoach_cli.evaluate import Evaluation, Status, evaluate
from kehoach_cli.load import load_plan, load_text
from kehoach_cli.model import DeadlineSchedule, Plan, RecurringSchedule, SeveralSchedule
from kehoach_cli.progress import collect
from kehoach_cli.rules import check
from kehoach_cli.rules.ids import TASK_ID, id_problem, suggest
from kehoach_cli.schedule import obligations

ROOT = Path(__file__).parent.parent
V2 = ROOT / "tests" / "plans" / "v2_kinds.yaml"
D = dt.date.fromisoformat


@cache
def _loaded() -> tuple[Plan, object, tuple[object, ...]]:
    loaded = check(load_plan(V2))
    assert loaded.ok and loaded.plan is not None, loaded.problems
    registry = loaded.registry
    return loaded.plan, registry, tuple(collect(loaded, registry))


def ev_of(as_of: str) -> Evaluation:
    plan, registry, entries = _loaded()
    return evaluate(plan, registry, D(as_of), entries)  # type: ignore[arg-type]


def dues(task: str, as_of: str = "2026-07-15") -> dict[str, dt.date | None]:
    return {o.period or "": o.due for o in ev_of(as_of).task(task).obligations}


def ids(command: str, as_of: str, *extra: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = main([command, "--plan", str(V2), "--as-of", as_of, "--format", "json", *extra])
    out = capsys.readouterr().out
    assert code == 0
    return [r["id"] if r.get("period") is None else f"{r['id']}@{r['period']}" for r in json.loads(out)]


# --- schedule kinds: dates -------------------------------------------------------------------


def test_quarter_deadline_falls_on_the_quarters_last_day() -> None:
    # "Quý II/2026" ⇒ 2026-06-30: open on the day, overdue the day after.
    assert ev_of("2026-06-30").task("I.1").status is Status.open
    te = ev_of("2026-07-01").task("I.1")
    assert te.status is Status.overdue and te.focus.due == D("2026-06-30")


def test_quarterly_periods_with_a_due_day_in_the_quarters_last_month() -> None:
    assert dues("I.2") == {
        "2026-Q1": D("2026-03-20"),
        "2026-Q2": D("2026-06-20"),
        "2026-Q3": D("2026-09-20"),
        "2026-Q4": D("2026-12-20"),
    }
    statuses = {o.period: o.status for o in ev_of("2026-07-15").task("I.2").obligations}
    # Done records complete the earliest period not yet done: Q1 on time, Q2 late (2 July).
    assert statuses["2026-Q1"] is Status.done_on_time and statuses["2026-Q2"] is Status.done_late
    assert statuses["2026-Q3"] is Status.open


def test_monthly_due_day_is_clipped_to_the_months_length() -> None:
    assert dues("I.3") == {
        "2026-01": D("2026-01-31"),
        "2026-02": D("2026-02-28"),
        "2026-03": D("2026-03-31"),
        "2026-04": D("2026-04-30"),
        "2026-05": D("2026-05-31"),
        "2026-06": D("2026-06-30"),
    }


def test_monthly_periods_appear_in_upcoming_and_overdue_one_by_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert "I.3@2026-02" in ids("upcoming", "2026-02-01", "--within", "30d", capsys=capsys)
    overdue = ev_of("2026-03-05").task("I.3")
    assert [o.period for o in overdue.missed] == ["2026-01", "2026-02"]


def test_half_years() -> None:
    assert dues("I.4") == {
        "2026-H1": D("2026-06-30"),
        "2026-H2": D("2026-12-31"),
        "2027-H1": D("2027-06-30"),
        "2027-H2": D("2027-12-31"),
    }


def test_several_parts_are_named_after_their_labels() -> None:
    assert dues("I.5") == {"6 tháng:2026": D("2026-06-16"), "năm:2026": D("2026-11-20")}
    # An unlabelled part keeps its own name: a deadline has none, a recurrence its periods.
    plan, _, _ = _loaded()
    unlabelled = SeveralSchedule(
        kind="several",
        parts=[
            DeadlineSchedule(kind="deadline", by=D("2026-03-31")),
            RecurringSchedule(kind="recurring", start=D("2026-01-01")),
        ],
    )
    assert [o.period for o in obligations(unlabelled, plan, D("2026-07-15"))] == [None, "2026"]
    statuses = {o.period: o.status for o in ev_of("2026-07-15").task("I.5").obligations}
    assert statuses == {"6 tháng:2026": Status.done_on_time, "năm:2026": Status.open}


def test_open_ended_recurrence_runs_to_the_as_of_date_without_a_horizon() -> None:
    assert list(dues("I.6", "2026-07-15")) == ["2026"]
    assert list(dues("I.6", "2028-02-01")) == ["2026", "2027", "2028"]
    assert [o.period for o in ev_of("2028-02-01").task("I.6").missed] == ["2026", "2027"]


def test_open_ended_recurrence_runs_to_the_horizon_when_there_is_one() -> None:
    plan, _, _ = _loaded()
    with_horizon = plan.model_copy(update={"plan": plan.plan.model_copy(update={"horizon": 2030})})
    s = next(t.schedule for t in plan.tasks if t.id == "I.6")
    assert isinstance(s, RecurringSchedule)
    assert [o.period for o in obligations(s, with_horizon, D("2026-07-15"))][-1] == "2030"


def test_relative_deadline_counts_from_receipt() -> None:
    te = ev_of("2025-12-05").task("I.9")
    assert te.focus.due == D("2025-12-05") and te.status is Status.open  # 25/11 + 10 days


def test_first_period_due_soon_after_signing_is_a_warning() -> None:
    (warning,) = check(load_plan(V2)).problems
    assert warning.code == "recurring-first-period" and warning.severity == "warning"
    assert warning.path == ("tasks", 10, "schedule") and "42 days" in str(warning.message)


# --- ongoing and on-occurrence duties -----------------------------------------------------------


def test_ongoing_is_never_overdue() -> None:
    for as_of in ("2025-12-01", "2031-06-01", "2099-01-01"):
        ev = ev_of(as_of)
        assert ev.task("I.7").status is Status.ongoing and ev.task("2.b").status is Status.ongoing
        assert not ev.task("I.7").missed


def test_ongoing_is_neither_unowned_for_lack_of_time_nor_untimed(capsys: pytest.CaptureFixture[str]) -> None:
    assert ids("unowned", "2026-07-15", capsys=capsys) == ["2.b"]  # no lead; it has a time
    assert ids("untimed", "2026-07-15", capsys=capsys) == ["I.10"]


def test_occurrence_waits_until_it_arises_then_falls_due_within_its_days() -> None:
    before = ev_of("2026-02-28").task("I.8")
    assert before.status is Status.waiting and before.current_due is None
    arisen = ev_of("2026-03-05").task("I.8")
    assert arisen.status is Status.open and arisen.focus.due == D("2026-03-11")
    assert arisen.focus.period == "2026-03-01"
    assert ev_of("2026-03-12").task("I.8").status is Status.overdue


def test_ongoing_and_occurrence_are_named_in_reports(capsys: pytest.CaptureFixture[str]) -> None:
    main(["show", "I.8", "--plan", str(V2), "--as-of", "2026-02-28"])
    out = capsys.readouterr().out
    assert "chờ phát sinh" in out and "khi có phát sinh" in out
    main(["show", "I.7", "--plan", str(V2), "--as-of", "2026-02-28", "--lang", "en"])
    assert "Status:              ongoing" in capsys.readouterr().out


# --- targets and goals --------------------------------------------------------------------------


def test_pace_runs_from_the_baseline_at_the_end_of_its_year() -> None:
    goal = next(t for t in ev_of("2026-07-15").targets if t.id == "MT.1")
    start, by = D("2024-12-31"), D("2030-12-31")
    assert goal.expected == pytest.approx(20 + 20 * (D("2026-07-15") - start).days / (by - start).days)
    assert goal.actual == 25 and goal.on_pace is False and goal.owners[0].agency.name == "Sở A"


def test_no_baseline_no_pace_until_the_target_date() -> None:
    goal = next(t for t in ev_of("2026-07-15").targets if t.id == "MT.2")
    assert goal.expected is None and goal.on_pace is None
    assert next(t for t in ev_of("2031-01-01").targets if t.id == "MT.2").expected == 2


def test_counts_are_expected_whole_rounded_up() -> None:
    goal = next(t for t in ev_of("2026-07-15").targets if t.id == "MT.3")
    assert goal.expected == 1  # 0,65 of a "tổ hợp tác" on the straight line from 0


def test_goals_are_in_targets_and_never_in_unowned(capsys: pytest.CaptureFixture[str]) -> None:
    assert ids("targets", "2026-07-15", capsys=capsys) == ["MT.1", "MT.2", "MT.3"]
    assert not {"MT.1", "MT.2", "MT.3"} & set(ids("unowned", "2026-07-15", capsys=capsys))
    owned = ids("targets", "2026-07-15", "--agency", "Sở A", capsys=capsys)
    assert owned == ["MT.1"]


# --- groups, sections, references ---------------------------------------------------------------


def test_role_any_includes_tasks_given_to_a_group_the_agency_belongs_to(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert "2.a" not in ids("tasks", "2026-07-15", "--agency", "Sở B", capsys=capsys)
    main(["tasks", "--plan", str(V2), "--as-of", "2026-07-15", "--format", "json", "--agency", "Sở B", "--role", "any"])
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert rows["2.a"]["via_group"] == ["Các sở, ngành", "Tổ công tác"]  # kind department; named member
    main(["tasks", "--plan", str(V2), "--as-of", "2026-07-15", "--agency", "UBND xã X", "--role", "any"])
    assert "Các sở, ngành · qua nhóm Tổ công tác" in capsys.readouterr().out


def test_show_finds_a_task_by_its_full_reference(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "II.2.a", "--plan", str(V2), "--as-of", "2026-07-15", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "2.a" and data["full_ref"] == "II.2.a"
    assert [s["title"] for s in data["section_titles"]] == ["TỔ CHỨC THỰC HIỆN", "Trách nhiệm các cơ quan"]
    main(["show", "I.1", "--plan", str(V2), "--as-of", "2026-07-15", "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert (data["product"], data["funding"]) == ("Quyết định của UBND tỉnh", "Ngân sách tỉnh")
    main(["show", "2.b", "--plan", str(V2), "--as-of", "2026-07-15"])
    assert "Vai trò (như in):         Phối hợp với" in capsys.readouterr().out


def test_status_groups_by_section_with_the_heading(capsys: pytest.CaptureFixture[str]) -> None:
    main(["status", "--plan", str(V2), "--as-of", "2026-07-15", "--format", "json"])
    by_section = json.loads(capsys.readouterr().out)["by_section"]
    assert [(g["section"], g["title"]) for g in by_section] == [
        ("I", "NHIỆM VỤ CỤ THỂ"),
        ("2", "Trách nhiệm các cơ quan"),
    ]


def test_english_falls_back_to_the_vietnamese_title_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    main(["tasks", "--plan", str(V2), "--as-of", "2026-07-15", "--lang", "en", "--search", "Hạn theo quý"])
    assert "[in Vietnamese] Hạn theo quý" in capsys.readouterr().out
    main(["tasks", "--plan", str(V2), "--as-of", "2026-07-15", "--lang", "en", "--search", "quarterly"])
    assert "Quarterly report" in capsys.readouterr().out


# --- the id grammar -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "ident", ["1.a", "2.đ.1", "III.2", "PL.I.5", "B.III.9.5", "A.1", "PL2.12", "IV.2.p", "row-17", "PL.I.A.3.2"]
)
def test_the_documents_numbering_is_accepted(ident: str) -> None:
    assert TASK_ID.fullmatch(ident) and not list(id_problem(ident, "task", ()))


@pytest.mark.parametrize(("ident", "fixed"), [("2.a)", "2.a"), ("2..a", "2.a"), ("II/2", "II.2"), (" 1 . a ", "1.a")])
def test_a_refused_id_gets_a_fix_the_grammar_accepts(ident: str, fixed: str) -> None:
    (problem,) = id_problem(ident, "task", ())
    assert problem.code == "id-format" and str(problem.hint) == f"write it {fixed!r}"


@given(st.text(max_size=30))
def test_the_hint_never_suggests_an_id_it_would_refuse(ident: str) -> None:
    fixed = suggest(ident)
    assert fixed is None or TASK_ID.fullmatch(fixed)
    for problem in id_problem(ident, "task", ()):
        for quoted in str(problem.hint or "").split("'")[1::2]:
            assert TASK_ID.fullmatch(quoted), (ident, problem.hint)


def test_an_id_with_dd_is_a_warning_with_the_letter_as_printed() -> None:
    (problem,) = id_problem("2.dd.1", "task", ())
    assert problem.severity == "warning" and str(problem.hint) == "write the letter as printed: '2.đ.1'"


def test_goal_ids_share_the_task_namespace_and_sections_must_exist() -> None:
    text = (
        V2.read_text(encoding="utf-8")
        .replace('id: "MT.2"', 'id: "I.1"')
        .replace('section: "MT", metric: to_hop', 'section: "XX", metric: to_hop')
    )
    codes = {p.code for p in check(load_text(text, "v2.yaml", V2)).problems}
    assert {"id-duplicate", "section-unknown"} <= codes


def test_unknown_count_unit_is_a_warning_and_a_declared_one_is_known() -> None:
    base = textwrap.dedent(
        """\
        plan: {number: null, number_as_printed: "Số: /KH", date: 2025-01-01, issuer: X, title: T}
        agencies: [{id: a, name: "Sở A"}]
        UNITS
        tasks:
          - {id: "1", title: t, ref: r, lead: ["Sở A"], schedule: {kind: none},
             targets: [{metric: m, label: l, op: ">=", value: 3, unit: "tổ liên gia"}]}
        """
    )
    undeclared = check(load_text(base.replace("UNITS\n", ""), "u.yaml", V2, with_reports=False))
    assert undeclared.ok and [(p.code, p.severity) for p in undeclared.problems] == [("unit-unknown", "warning")]
    declared = check(
        load_text(
            base.replace("UNITS", 'units: [{name: "tổ liên gia", kind: count}]'), "u.yaml", V2, with_reports=False
        )
    )
    assert declared.ok and declared.problems == []


# --- the shipped plan ---------------------------------------------------------------------------

SOURCE = Path("/work/shared/source/ke-hoach-ubnd-quang-ngai-2019-06-10.txt")


def test_shipped_plan_sections_are_the_documents_headings() -> None:
    loaded = check(load_plan(ROOT / "plan.yaml"))
    assert loaded.ok and loaded.problems == [] and loaded.plan is not None
    plan = loaded.plan
    assert [s.id for s in plan.sections] == ["I", "II", "1", "2", "3", "4", "5", "6", "7", "8", "III"]
    if SOURCE.is_file():  # the source text sits beside the repository, not in it
        lines = SOURCE.read_text(encoding="utf-8").splitlines()
        for s in plan.sections:
            assert f"{s.number_as_printed} {s.title}" in lines, s.id
    task = next(t for t in plan.tasks if t.id == "2.đ.1")
    assert plan.section_of(task) == "2" and plan.full_ref(task) == "II.2.đ.1"
    assert plan.full_ref(next(t for t in plan.tasks if t.id == "III.2")) == "III.2"


def test_diff_sees_a_longer_period_as_a_weakening(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = V2.read_text(encoding="utf-8")
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(
        text.replace("kind: recurring, unit: quarter, start", "kind: recurring, unit: half, start"), encoding="utf-8"
    )
    code = main(["diff", str(old), str(new), "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1 and "every 1 quarter(s) → every 1 half-year(s)" in out and "uncovered-schedule-changed" in out


def test_yearly_or_on_request_counts_only_the_year_until_a_request(tmp_path: Path) -> None:
    # "Hàng năm hoặc khi có yêu cầu": recurring + occurrence; the request has not arisen yet.
    text = V2.read_text(encoding="utf-8").replace(
        'schedule: {kind: recurring, start: 2026-01-01, text: "từ năm 2026 trở đi"}',
        "schedule: {kind: several, parts: [{kind: recurring, start: 2026-01-01, label: năm},"
        " {kind: occurrence, within_days: 5, label: khi có yêu cầu}]}",
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    loaded = check(load_plan(plan))
    assert loaded.plan is not None and loaded.ok
    ev = evaluate(loaded.plan, loaded.registry, D("2026-07-15"), collect(loaded, loaded.registry))
    te = ev.task("I.6")
    assert [(o.period, o.status, o.counted) for o in te.obligations] == [
        ("năm:2026", Status.open, True),
        ("khi có yêu cầu", Status.waiting, False),
    ]
    assert te.status is Status.open


def test_export_carries_the_second_editions_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--plan", str(V2)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["sections"]] == ["I", "II", "2", "MT"]
    assert [g["id"] for g in data["goals"]] == ["MT.1", "MT.2", "MT.3"] and data["goals"][0]["owner"] == "Sở A"
    tasks = {t["id"]: t for t in data["tasks"]}
    assert tasks["2.a"]["full_ref"] == "II.2.a" and tasks["I.1"]["product"] == "Quyết định của UBND tỉnh"
    assert [p["label"] for p in tasks["I.5"]["schedule"]["parts"]] == ["6 tháng", "năm"]
    assert tasks["I.9"]["schedule"]["due"] == "2025-12-05"
    assert tasks["I.6"]["due"] is None  # runs on without an end: no final deadline
