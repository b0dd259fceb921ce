"""Status semantics as of fixed dates: each schedule kind, each status, succession.

Small plan: tests/plans/rep_kinds.yaml (its header says what each task is for). Real plan:
the shipped plan.yaml, whose answers must agree with the source document.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from kehoach_cli import reports
from kehoach_cli.agencies import Registry
from kehoach_cli.asof import as_of, parse_date, today, window_end
from kehoach_cli.errors import UsageProblem
from kehoach_cli.evaluate import Evaluation, Status, evaluate
from kehoach_cli.load import load_plan
from kehoach_cli.model import Record
from kehoach_cli.progress import Entry, collect

ROOT = Path(__file__).parent.parent
SMALL = ROOT / "tests" / "plans" / "rep_kinds.yaml"
SHIPPED = ROOT / "plan.yaml"
D = dt.date.fromisoformat


@cache
def _loaded(path: Path) -> tuple[object, Registry, list[object]]:
    loaded = load_plan(path)
    assert loaded.ok, loaded.problems
    registry = loaded.registry
    return loaded.plan, registry, collect(loaded, registry)  # type: ignore[return-value]


def ev_of(path: Path, as_of: str) -> Evaluation:
    plan, registry, entries = _loaded(path)
    return evaluate(plan, registry, D(as_of), entries)  # type: ignore[arg-type]


def status(path: Path, as_of: str, task: str) -> Status:
    return ev_of(path, as_of).task(task).status


def registry(path: Path) -> Registry:
    return _loaded(path)[1]


# --- deadlines -------------------------------------------------------------------------------


def test_deadline_is_open_on_its_day_and_overdue_the_day_after() -> None:
    on_the_day = ev_of(SMALL, "2021-06-30").task("1.c")
    assert on_the_day.status is Status.open and on_the_day.focus.days_left == 0
    next_day = ev_of(SMALL, "2021-07-01").task("1.c")
    assert next_day.status is Status.overdue and next_day.focus.days_overdue == 1


def test_done_on_the_deadline_is_on_time() -> None:
    te = ev_of(SMALL, "2022-01-01").task("1.a")
    assert te.status is Status.done_on_time
    assert te.focus.done == D("2020-12-31") and te.focus.evidence == "Báo cáo 1/BC-SCT"


def test_done_after_the_deadline_is_late() -> None:
    te = ev_of(SMALL, "2022-01-01").task("1.b")
    assert te.status is Status.done_late and te.focus.days_late == 32


def test_records_after_the_as_of_date_do_not_exist_yet() -> None:
    before = ev_of(SMALL, "2021-01-31").task("1.b")
    assert before.status is Status.overdue and before.history == ()
    assert status(SMALL, "2021-02-01", "1.b") is Status.done_late


def test_amended_deadline_is_judged_against_both() -> None:
    te = ev_of(SMALL, "2022-03-01").task("3.c")
    assert te.status is Status.done_on_time
    assert te.original_due == D("2021-06-30") and te.current_due == D("2022-06-30")
    assert te.status_vs_original is Status.done_late
    late = ev_of(SMALL, "2021-08-01").task("3.c")
    assert late.status is Status.open and late.status_vs_original is Status.overdue
    assert late.days_overdue_vs_original == 32


# --- spans, events, milestones, none -------------------------------------------------------------


def test_span_is_not_due_before_its_end_and_under_way_is_no_progress_fact() -> None:
    before = ev_of(SMALL, "2020-02-01").task("1.d")
    assert before.status is Status.open and not before.in_progress
    # Its period has begun, but no record says work started: "in progress" is not claimed.
    started = ev_of(SMALL, "2020-03-01").task("1.d")
    assert started.status is Status.open and not started.in_progress
    # The plan's record of 2020-04-01 says work started: from then on it is in progress.
    reported = ev_of(SMALL, "2020-04-01").task("1.d")
    assert reported.status is Status.open and reported.in_progress
    assert status(SMALL, "2022-12-31", "1.d") is Status.open
    assert status(SMALL, "2023-01-01", "1.d") is Status.overdue


def test_event_waits_until_its_date_then_falls_due_after_the_offset() -> None:
    assert status(SMALL, "2021-02-28", "2.b") is Status.waiting
    te = ev_of(SMALL, "2021-03-01").task("2.b")
    assert te.status is Status.open and te.focus.due == D("2021-03-31")
    assert status(SMALL, "2021-03-31", "2.b") is Status.open
    assert status(SMALL, "2021-04-01", "2.b") is Status.overdue


def test_event_deadline_is_not_known_before_the_event() -> None:
    # Before the event's date its deadline does not exist yet: no current due. It has a
    # lead and a time ("after the event"), so neither `unowned` nor `untimed` lists it.
    before = ev_of(SMALL, "2021-02-28").task("2.b")
    assert before.status is Status.waiting and before.current_due is None
    after = ev_of(SMALL, "2021-03-01").task("2.b")
    assert after.current_due == D("2021-03-31")
    ev = ev_of(SMALL, "2021-02-28")
    listed = [r.ev.id for r in (*reports.unowned(ev, reports.Scope()).rows, *reports.untimed(ev, reports.Scope()).rows)]
    assert "2.b" not in listed


def test_event_without_a_date_waits() -> None:
    te = ev_of(SMALL, "2030-01-01").task("2.c")
    assert te.status is Status.waiting and te.focus.waiting_for == "chua-biet"


def test_milestones_task_is_as_late_as_its_worst_milestone() -> None:
    te = ev_of(SMALL, "2021-06-01").task("2.d")
    first, second = te.obligations
    assert first.status is Status.done_on_time and second.status is Status.open
    assert te.status is Status.open
    te = ev_of(SMALL, "2022-01-01").task("2.d")
    assert te.status is Status.overdue and te.focus.milestone == "2"


def test_no_schedule_is_no_deadline() -> None:
    assert status(SMALL, "2024-01-01", "2.đ") is Status.no_deadline


# --- recurring ---------------------------------------------------------------------------------


def test_recurring_counts_only_started_years_and_each_missed_year_stays_overdue() -> None:
    te = ev_of(SMALL, "2021-06-01").task("2.a")
    assert [(o.period, o.status, o.counted) for o in te.obligations[:3]] == [
        ("2020", Status.done_on_time, True),
        ("2021", Status.open, True),
        ("2022", Status.open, False),
    ]
    assert te.status is Status.open
    te = ev_of(SMALL, "2024-03-01").task("2.a")
    statuses = {o.period: o.status for o in te.obligations}
    assert statuses == {
        "2020": Status.done_on_time,
        "2021": Status.overdue,  # never rolled into 2022
        "2022": Status.done_late,
        "2023": Status.overdue,
        "2024": Status.open,
    }
    assert te.status is Status.overdue
    assert [o.period for o in te.missed] == ["2021", "2023"]
    assert te.focus.period == "2021" and te.focus.days_overdue == (D("2024-03-01") - D("2021-12-31")).days


def test_worst_status_order() -> None:
    order = sorted(Status, key=lambda s: s.severity)
    assert order == [
        Status.no_deadline,
        Status.done_on_time,
        Status.done_late,
        Status.ongoing,
        Status.waiting,
        Status.open,
        Status.overdue,
    ]


# --- agencies ---------------------------------------------------------------------------------


def test_successor_answers_only_after_the_succession() -> None:
    before = ev_of(SMALL, "2023-02-28").task("1.c")
    assert [a.agency.name for a in before.leads] == ["Sở Kế hoạch và Đầu tư"]
    after = ev_of(SMALL, "2023-03-01").task("1.c")
    assert [(a.agency.name, a.inherited_from and a.inherited_from.name) for a in after.leads] == [
        ("Sở Tài chính", "Sở Kế hoạch và Đầu tư")
    ]


def test_dissolved_lead_leaves_the_task_unowned() -> None:
    before = ev_of(SMALL, "2024-06-30").task("3.b")
    assert not before.unowned
    after = ev_of(SMALL, "2024-07-01").task("3.b")
    assert after.unowned and [a.name for a in after.dissolved_leads] == ["UBND các huyện"]
    rows = reports.unowned(ev_of(SMALL, "2024-07-01"), reports.Scope()).rows
    assert ("3.b", ("lead_dissolved",)) in [(r.ev.id, r.flags) for r in rows]


def test_scope_marks_inherited_tasks() -> None:
    ev = ev_of(SMALL, "2023-06-01")
    sc = reports.scope(registry(SMALL), ev.as_of, "so tai chinh")
    rows = reports.overdue(ev, sc).rows
    assert [(r.ev.id, [a.name for a in r.inherited_from]) for r in rows] == [("1.c", ["Sở Kế hoạch và Đầu tư"])]
    assert reports.overdue(ev_of(SMALL, "2022-06-01"), sc).rows == ()


def test_former_agency_name_still_finds_its_tasks_and_names_the_successor() -> None:
    ev = ev_of(SMALL, "2023-06-01")
    sc = reports.scope(registry(SMALL), ev.as_of, "SỞ KH&ĐT")
    assert sc.agency is not None and sc.agency.id == "skhdt"
    assert [a.name for s in sc.succeeded for a in s.successors] == ["Sở Tài chính"]
    assert [r.ev.id for r in reports.overdue(ev, sc).rows] == ["1.c"]


def test_former_agency_query_marks_the_successor_rows_inherited() -> None:
    # As the table says "Sở Tài chính (kế thừa từ Sở Kế hoạch và Đầu tư)", so must the rows.
    ev = ev_of(SMALL, "2023-06-01")
    rows = reports.overdue(ev, reports.scope(registry(SMALL), ev.as_of, "skhdt")).rows
    assert [(r.ev.id, [a.name for a in r.inherited_from]) for r in rows] == [("1.c", ["Sở Kế hoạch và Đầu tư"])]
    before = ev_of(SMALL, "2022-06-01")  # not succeeded yet: its own task, nothing inherited
    rows = reports.tasks(before, reports.scope(registry(SMALL), before.as_of, "skhdt")).rows
    assert [(r.ev.id, r.inherited_from) for r in rows] == [("1.c", ())]


@pytest.mark.parametrize("query", ["so cong thuong", "SCT", "SỞ CÔNG THƯƠNG", "Sở Công Thương", "sở ct"])
def test_agency_matching_is_loose(query: str) -> None:
    import unicodedata

    for q in (query, unicodedata.normalize("NFD", query)):
        sc = reports.scope(registry(SMALL), D("2021-01-01"), q)
        assert sc.agency is not None and sc.agency.id == "sct"


def test_unknown_agency_names_the_closest() -> None:
    with pytest.raises(UsageProblem, match="Sở Công Thương"):
        reports.scope(registry(SMALL), D("2021-01-01"), "Sở Công Thươg")


def test_partner_role() -> None:
    ev = ev_of(SMALL, "2021-07-01")
    reg = registry(SMALL)
    assert [r.ev.id for r in reports.overdue(ev, reports.scope(reg, ev.as_of, "SCT", "partner")).rows] == ["1.c"]
    lead = {r.ev.id for r in reports.tasks(ev, reports.scope(reg, ev.as_of, "SCT", "lead")).rows}
    both = {r.ev.id for r in reports.tasks(ev, reports.scope(reg, ev.as_of, "SCT", "any")).rows}
    assert both == lead | {"1.c"} and "1.c" not in lead


def test_agencies_scorecard() -> None:
    ev = ev_of(SMALL, "2023-06-01")
    rows = {r.agency.id: r for r in reports.agencies(ev, registry(SMALL)).rows}
    stc, skhdt, sct = rows["stc"], rows["skhdt"], rows["sct"]
    assert (stc.lead, stc.lead_inherited, stc.lead_assigned) == (1, 1, 0)
    assert (skhdt.lead, skhdt.lead_assigned) == (0, 1)
    assert [a.name for s in skhdt.succeeded for a in s.successors] == ["Sở Tài chính"]
    # SCT leads 1.a (on time), 1.d (overdue), 2.a (overdue), 2.d (overdue), 2.đ (none), 3.c (on time).
    assert sct.counts[Status.done_on_time] == 2 and sct.counts[Status.overdue] == 3
    assert sct.counts.on_time_rate == pytest.approx(2 / 5)


def test_agencies_role_picks_the_tasks_the_scorecard_counts() -> None:
    ev = ev_of(SMALL, "2021-07-01")
    reg = registry(SMALL)
    only = reports.agencies(ev, reg, reports.scope(reg, ev.as_of, "SCT", "partner")).rows
    assert [r.agency.id for r in only] == ["sct"]
    # SCT partners only 1.c, overdue as of 2021-07-01; it leads six tasks.
    assert (only[0].lead, only[0].partner, only[0].counts.total, only[0].counts[Status.overdue]) == (6, 1, 1, 1)
    both = reports.agencies(ev, reg, reports.scope(reg, ev.as_of, "SCT", "any")).rows[0]
    lead = reports.agencies(ev, reg, reports.scope(reg, ev.as_of, "SCT")).rows[0]
    assert both.counts.total == lead.counts.total + 1 == 7


# --- targets ---------------------------------------------------------------------------------


def test_target_actual_converted_and_cumulative_adds_later_annual_amounts() -> None:
    ev = ev_of(SMALL, "2022-07-01")
    cap, share = ev.targets
    assert cap.actual == pytest.approx(50.0)  # 40 000 kW total to 2021, plus 10 MW in 2022
    assert cap.attainment == pytest.approx(0.5) and cap.met is False
    # The plan gives no baseline: there is no pace line (never one from zero) before the date.
    assert cap.expected is None and cap.on_pace is None
    # From the target's date on, the target itself is what is expected.
    after = ev_of(SMALL, "2023-01-01").targets[0]
    assert after.expected == 100 and after.on_pace is False
    assert share.actual is None and share.on_pace is None and share.attainment is None  # no data, not zero


def _value(date: str, value: float, unit: str, basis: str = "cumulative", year: int | None = None) -> Entry:
    # model_construct: the model refuses such values; the evaluation must not rely on it.
    rec = Record.model_construct(
        task="1.d",
        date=D(date),
        kind="value",
        value=value,
        unit=unit,
        metric="cong_suat",
        basis=basis,
        year=year,
        milestone=None,
        evidence=None,
        agency="Sở Công Thương",
        note=None,
    )
    return Entry(rec, None, "test", ("progress", 0))


@pytest.mark.parametrize(
    "value", [1e306, float("inf"), float("nan"), 10**400], ids=["1e306 GW", "inf", "nan", "int beyond float"]
)
def test_target_value_that_converts_to_no_finite_number_is_unconvertible(value: float) -> None:
    plan, reg, entries = _loaded(SMALL)
    extra = [*entries, _value("2022-07-30", value, "GW")]  # 1e306 GW is 1e309 MW: infinity
    cap = evaluate(plan, reg, D("2022-08-01"), extra).targets[0]  # type: ignore[arg-type]
    assert cap.actual == pytest.approx(50.0) and cap.unconverted == 1 and cap.records == 2
    assert cap.attainment == pytest.approx(0.5)


def test_target_total_beyond_any_float_is_no_data() -> None:
    plan, reg, _ = _loaded(SMALL)
    huge = [_value("2022-01-01", 1e305, "GW"), _value("2023-01-01", 1e305, "GW", "annual", 2023)]
    cap = evaluate(plan, reg, D("2023-06-01"), huge).targets[0]  # type: ignore[arg-type]
    assert cap.actual is None and cap.attainment is None and cap.on_pace is None and cap.met is None


def test_target_before_any_record_has_no_data() -> None:
    cap = ev_of(SMALL, "2021-01-01").targets[0]
    assert cap.actual is None and cap.records == 0


# --- the shipped plan --------------------------------------------------------------------------


def test_shipped_plan_2020_01_15_the_three_2019_deadlines_are_overdue() -> None:
    ev = ev_of(SHIPPED, "2020-01-15")
    deadlines = [te for te in ev.tasks if te.task.schedule.kind == "deadline"]
    overdue = {te.id for te in deadlines if te.status is Status.overdue}
    assert overdue == {"2.c", "2.đ.1", "4.b"}
    due_2020 = [te for te in deadlines if te.current_due and te.current_due.year == 2020]
    assert due_2020 and all(te.status is Status.open for te in due_2020)


def test_shipped_plan_recurring_2019_is_missed_as_of_2020() -> None:
    te = ev_of(SHIPPED, "2020-01-15").task("2.d.2")
    assert te.status is Status.overdue and [o.period for o in te.missed] == ["2019"]


def test_shipped_plan_finance_inherits_planning_tasks_after_2025_03_01() -> None:
    later = ev_of(SHIPPED, "2026-11-27")
    reg = registry(SHIPPED)
    rows = reports.overdue(later, reports.scope(reg, later.as_of, "Sở Tài chính")).rows
    inherited = {r.ev.id for r in rows if [a.name for a in r.inherited_from] == ["Sở Kế hoạch và Đầu tư"]}
    planning = {te.id for te in later.tasks if "Sở Kế hoạch và Đầu tư" in te.task.lead and te.status is Status.overdue}
    assert planning and inherited == planning
    earlier = ev_of(SHIPPED, "2021-06-01")
    rows = reports.overdue(earlier, reports.scope(reg, earlier.as_of, "Sở Tài chính")).rows
    assert all(not r.inherited_from for r in rows)
    assert not {r.ev.id for r in rows} & planning


def test_shipped_plan_district_committees_are_dissolved_in_july_2025() -> None:
    te = ev_of(SHIPPED, "2025-07-01").task("4.d")
    assert [a.agency.id for a in te.leads] == ["bqlkkt"]
    assert [a.id for a in te.dissolved_leads] == ["ubnd-huyen"]
    assert [a.agency.id for a in ev_of(SHIPPED, "2025-06-30").task("4.d").leads] == ["bqlkkt", "ubnd-huyen"]


def test_shipped_plan_event_task_waits_until_the_master_plan_is_approved() -> None:
    assert status(SHIPPED, "2023-11-21", "7.b") is Status.waiting
    assert status(SHIPPED, "2023-11-22", "7.b") is Status.open
    assert status(SHIPPED, "2023-11-23", "7.b") is Status.overdue
    assert status(SHIPPED, "2024-01-01", "2.a.2") is Status.no_deadline  # the plan sets no period after it


def test_shipped_plan_event_task_has_no_deadline_before_the_master_plan() -> None:
    before = ev_of(SHIPPED, "2020-01-01").task("7.b")
    assert before.status is Status.waiting and before.current_due is None
    assert ev_of(SHIPPED, "2023-11-22").task("7.b").current_due == D("2023-11-22")
    # Both have a lead and a time (after the master plan): `unowned` lists neither.
    rows = {r.ev.id for r in reports.unowned(ev_of(SHIPPED, "2019-06-01"), reports.Scope()).rows}
    assert not rows & {"7.b", "2.a.2"}


def test_shipped_plan_has_no_records_so_every_past_deadline_is_overdue() -> None:
    ev = ev_of(SHIPPED, "2031-01-01")
    assert all(te.status in (Status.overdue, Status.no_deadline) for te in ev.tasks)


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2026-11-27", "2026-11-27"),
        ("27/11/2026", "2026-11-27"),
        ("1/2/2026", "2026-02-01"),
        (" 10/6/2019 ", "2019-06-10"),
    ],
)
def test_as_of_accepts_iso_and_day_first(text: str, date: str) -> None:
    assert parse_date(text) == D(date)


@pytest.mark.parametrize(
    "text", ["06/2020", "2026/11/27", "27-11-2026", "31/02/2026", "2026-13-01", "today", "", "11/27/2026"]
)
def test_as_of_never_guesses(text: str) -> None:
    with pytest.raises(UsageProblem, match="--as-of"):
        parse_date(text)


@pytest.mark.parametrize("text", ["9999-10-31", "31/10/9999", "1899-12-31", "2201-01-01", "0001-01-01"])
def test_as_of_outside_the_plan_years_is_a_usage_error(text: str) -> None:
    with pytest.raises(UsageProblem, match=r"out of range.*1900–2200"):
        as_of(text)
    assert as_of("1900-01-01") == D("1900-01-01") and as_of("31/12/2200") == D("2200-12-31")


@pytest.mark.parametrize(("start", "text"), [("2026-11-27", "9999y"), ("9999-10-31", "90d"), ("9999-12-31", "1w")])
def test_within_past_the_last_day_of_the_calendar_is_a_usage_error(start: str, text: str) -> None:
    with pytest.raises(UsageProblem, match="reaches past 9999-12-31"):
        window_end(D(start), text)
    assert window_end(D("2200-12-31"), "9999m") == D("3034-03-31")  # the longest window from the last as-of


def test_today_is_in_vietnam() -> None:
    late_utc = dt.datetime(2026, 11, 27, 18, 30, tzinfo=dt.UTC)  # 01:30 on the 28th in Hà Nội
    assert today(late_utc) == D("2026-11-28")
    assert today(dt.datetime(2026, 11, 27, 16, 59, tzinfo=dt.UTC)) == D("2026-11-27")


def test_today_without_tzdata_falls_back_to_utc_plus_7(monkeypatch: pytest.MonkeyPatch) -> None:
    import zoneinfo

    def missing(key: str) -> zoneinfo.ZoneInfo:
        raise zoneinfo.ZoneInfoNotFoundError(key)

    monkeypatch.setattr(zoneinfo, "ZoneInfo", missing)
    assert today(dt.datetime(2026, 11, 27, 18, 30, tzinfo=dt.UTC)) == D("2026-11-28")


@pytest.mark.parametrize(
    ("text", "end"),
    [("90d", "2026-04-01"), ("12w", "2026-03-26"), ("3m", "2026-04-01"), ("1y", "2027-01-01"), ("1M", "2026-02-01")],
)
def test_within(text: str, end: str) -> None:
    assert window_end(D("2026-01-01"), text) == D(end)


def test_within_month_end_is_clamped() -> None:
    assert window_end(D("2026-01-31"), "1m") == D("2026-02-28")


@pytest.mark.parametrize("text", ["90", "d", "3 months", "-1d", "1.5y"])
def test_within_rejects_other_text(text: str) -> None:
    with pytest.raises(UsageProblem, match="--within"):
        window_end(D("2026-01-01"), text)
