"""Report windows: --period, --from/--to and --within (issue 13). One small parser, never guessing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kehoach_cli.asof import Window, parse_period, window, window_end
from kehoach_cli.cli import main
from kehoach_cli.errors import UsageProblem


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read kehoach's English messages (KEHOACH_LANG, as a user would set it);
    the Vietnamese default has tests of its own."""
    monkeypatch.setenv("KEHOACH_LANG", "en")


ROOT = Path(__file__).parent.parent
SHIPPED = str(ROOT / "plan.yaml")
SMALL = str(ROOT / "tests" / "plans" / "rep_kinds.yaml")
D = dt.date


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),  # as recurring periods are labelled
        ("2026h1", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026-06", D(2026, 6, 1), D(2026, 6, 30)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        (" 2025q3 ", D(2025, 7, 1), D(2025, 9, 30)),
    ],
)
def test_periods(text: str, start: dt.date, end: dt.date) -> None:
    assert parse_period(text) == Window(start, end)


@pytest.mark.parametrize(
    "text", ["2026q5", "2026q0", "2026h3", "2026-13", "2026-00", "26", "q1/2026", "06/2026", "2026 q1", "1899"]
)
def test_periods_are_never_guessed(text: str) -> None:
    with pytest.raises(UsageProblem) as info:
        parse_period(text)
    assert info.value.field == "period"


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("90d", D(2026, 4, 1)),
        ("12w", D(2026, 3, 26)),
        ("3m", D(2026, 4, 1)),
        ("2q", D(2026, 7, 1)),
        ("1h", D(2026, 7, 1)),
        ("3h", D(2027, 7, 1)),
        ("1y", D(2027, 1, 1)),
    ],
)
def test_within_counts_from_the_as_of_date(text: str, end: dt.date) -> None:
    assert window_end(D(2026, 1, 1), text) == end
    assert window(D(2026, 1, 1), within=text) == Window(D(2026, 1, 1), end)


def test_one_way_of_giving_a_window() -> None:
    day = D(2026, 1, 1)
    assert window(day) is None
    assert window(day, start="2026-01-01") == Window(D(2026, 1, 1), None)
    assert window(day, end="31/03/2026") == Window(None, D(2026, 3, 31))
    for bad in (
        {"period": "2026", "start": "2026-01-01"},
        {"period": "2026", "within": "3m"},
        {"within": "3m", "end": "2026-06-30"},
        {"start": "2026-06-30", "end": "2026-01-01"},
        {"start": "06/2026"},
    ):
        with pytest.raises(UsageProblem):
            window(day, **bad)


def test_window_contains_both_ends() -> None:
    q1 = parse_period("2026q1")
    assert q1.contains(D(2026, 1, 1)) and q1.contains(D(2026, 3, 31))
    assert not q1.contains(D(2025, 12, 31)) and not q1.contains(D(2026, 4, 1)) and not q1.contains(None)


# --- on the reports --------------------------------------------------------------------------------


def rows(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, err = run([*argv, "--format", "json"], capsys)
    assert code == 0, err
    data: list[dict[str, object]] = json.loads(out)
    return data


def test_upcoming_in_a_period(capsys: pytest.CaptureFixture[str]) -> None:
    found = rows(["upcoming", "--plan", SHIPPED, "--as-of", "2025-06-01", "--period", "2025h2"], capsys)
    assert found and all("2025-07-01" <= str(r["due"]) <= "2025-12-31" and r["status"] == "open" for r in found)
    same = rows(
        ["upcoming", "--plan", SHIPPED, "--as-of", "2025-06-01", "--from", "2025-07-01", "--to", "31/12/2025"], capsys
    )
    assert same == found
    within = rows(["upcoming", "--plan", SHIPPED, "--as-of", "2025-06-01", "--within", "2h"], capsys)
    assert within and all(str(r["due"]) <= "2026-06-01" for r in within)
    assert rows(["upcoming", "--plan", SHIPPED, "--as-of", "2025-06-01", "--within", "4q"], capsys) == within


def test_overdue_in_a_period(capsys: pytest.CaptureFixture[str]) -> None:
    everything = rows(["overdue", "--plan", SMALL, "--as-of", "2023-06-01"], capsys)
    first_half = rows(["overdue", "--plan", SMALL, "--as-of", "2023-06-01", "--period", "2021h1"], capsys)
    assert {r["id"] for r in first_half} == {"2.b", "1.c"} < {r["id"] for r in everything}
    assert all("2021-01-01" <= str(r["due"]) <= "2021-06-30" for r in first_half)
    # A recurring task is listed by its first missed year inside the window.
    later = rows(["overdue", "--plan", SHIPPED, "--as-of", "2026-11-27", "--period", "2022"], capsys)
    recurring = next(r for r in later if r["id"] == "2.d.2")
    assert recurring["due"] == "2022-12-31" and recurring["period"] == "2022"


def test_status_tasks_and_agencies_in_a_period(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["status", "--plan", SHIPPED, "--as-of", "2026-11-27", "--period", "2025", "--format", "json"], capsys
    )
    data = json.loads(out)
    assert code == 0 and data["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    listed = rows(["tasks", "--plan", SHIPPED, "--as-of", "2026-11-27", "--period", "2025"], capsys)
    assert data["counts"]["total"] == len(listed) < 64
    agencies = rows(["agencies", "--plan", SHIPPED, "--as-of", "2026-11-27", "--period", "2025"], capsys)
    assert sum(int(str(r["overdue"])) for r in agencies) <= sum(int(str(r["lead"])) for r in agencies)
    _, table, _ = run(
        ["status", "--plan", SHIPPED, "--as-of", "2026-11-27", "--period", "2025", "--lang", "vi"], capsys
    )
    assert "Kỳ: từ 01/01/2025 đến 31/12/2025" in table


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["upcoming", "--period", "2026", "--within", "3m"], "--period '2026' cannot be combined"),
        (["overdue", "--period", "2026", "--from", "2026-01-01"], "--period '2026' cannot be combined"),
        (["tasks", "--period", "2026q5"], "--period '2026q5' is not a period"),
        (["status", "--from", "2026-06-01", "--to", "2026-01-01"], "--to '2026-01-01' is before --from"),
        (["upcoming", "--within", "2x"], "--within '2x' is not a window"),
    ],
)
def test_window_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([*argv, "--plan", SHIPPED], capsys)
    assert code == 2 and out == "" and message in err
