"""The fictional example set is clean and shows every status; the shipped plan holds no progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kehoach_cli import rules
from kehoach_cli.evaluate import Status, evaluate
from kehoach_cli.load import load_plan
from kehoach_cli.progress import collect

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "progress" / "plan.yaml"


def test_example_is_clean_and_shows_every_status() -> None:
    loaded = rules.check(load_plan(EXAMPLE), dt.date(2026, 11, 27))
    assert loaded.problems == []
    assert loaded.plan is not None
    entries = collect(loaded, loaded.registry)
    assert {e.agency.id for e in entries if e.agency} == {"sct", "sxd", "skhdt", "stc"}
    ev = evaluate(loaded.plan, loaded.registry, dt.date(2026, 11, 27), entries)
    got = {t: ev.task(t).status for t in ("1.a", "1.b", "1.c", "1.d", "2.a", "2.b", "2.c", "2.d", "3.a", "3.c")}
    assert got == {
        "1.a": Status.done_on_time,
        "1.b": Status.done_late,
        "1.c": Status.open,
        "1.d": Status.overdue,
        "2.a": Status.waiting,
        "2.b": Status.no_deadline,
        "2.c": Status.open,  # 2021–2025 reported, 2026 not yet due
        "2.d": Status.ongoing,  # thường xuyên: never overdue by date
        "3.a": Status.open,  # milestone 1 done on time, 2 open
        "3.c": Status.done_on_time,  # by the successor, after the succession
    }
    assert set(Status) <= {ev.task(t).status for t in got}
    assert {t.target.metric: t.actual for t in ev.targets} == {
        "cong_suat_mat_troi": 120.0,
        "san_luong_mat_troi": 180.0,  # 0.18 tỷ kWh
        "ty_le_chuyen_doi_so": 82.0,
    }


def test_shipped_plan_holds_no_progress() -> None:
    loaded = load_plan(ROOT / "plan.yaml")
    assert loaded.plan is not None
    assert collect(loaded, loaded.registry) == []
