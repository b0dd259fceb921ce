"""CLI contract of the reports: every command × format, exit codes, stdout vs stderr."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach_cli import labels as L
from kehoach_cli.cli import main, output
from kehoach_cli.vocab import Lang

ROOT = Path(__file__).parent.parent
SHIPPED = str(ROOT / "plan.yaml")
SMALL = str(ROOT / "tests" / "plans" / "rep_kinds.yaml")
AS_OF = "2026-11-27"

LISTS = ["overdue", "upcoming", "unowned", "untimed", "tasks"]
COMMANDS = ["status", *LISTS, "show", "agencies", "targets"]
FORMATS = ["table", "json", "csv", "markdown"]
REQUIRED = {"id", "title", "lead", "partners", "due", "status", "days_overdue", "days_left", "period"}
SLUGS = {"done_on_time", "done_late", "open", "overdue", "ongoing", "waiting", "no_deadline"}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def argv_for(command: str, *extra: str, plan: str = SHIPPED, as_of: str = AS_OF) -> list[str]:
    head = [command, "2.dd.1"] if command == "show" else [command]
    return [*head, "--plan", plan, "--as-of", as_of, *extra]


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("KEHOACH_PLAN", raising=False)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_and_format(command: str, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    for lang in ("vi", "en"):
        code, out, err = run(argv_for(command, "--format", fmt, "--lang", lang), capsys)
        assert code == 0 and err == "" and out.endswith("\n")
        if fmt == "json":
            data = json.loads(out)
            assert isinstance(data, dict if command in ("status", "show") else list)
        elif fmt == "csv":
            rows = list(csv.reader(io.StringIO(out)))
            assert rows and len({len(r) for r in rows}) == 1
        elif fmt == "markdown":
            assert out.startswith("## ") and "|---" in out
        else:
            assert "\x1b[" not in out  # not a terminal: no colour


@pytest.mark.parametrize("command", LISTS)
def test_json_rows_have_the_documented_fields(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    extra = ["--within", "2y"] if command == "upcoming" else []
    code, out, _ = run(argv_for(command, "--format", "json", *extra, as_of="2025-06-01"), capsys)
    rows = json.loads(out)
    assert code == 0 and rows
    for row in rows:
        assert REQUIRED <= set(row)
        assert row["status"] in SLUGS
        assert isinstance(row["lead"], list) and isinstance(row["partners"], list)
        assert row["due"] is None or len(row["due"]) == 10
        for key in ("days_overdue", "days_left"):
            assert row[key] is None or isinstance(row[key], int)
    code, out, _ = run(argv_for(command, "--format", "csv", "--lang", "en", *extra, as_of="2025-06-01"), capsys)
    header = next(csv.reader(io.StringIO(out)))
    # CSV is for people: the JSON fields in the same order, each headed by its name in words.
    assert header == [L.field(f, Lang.en) for f in rows[0]]


def test_upcoming_lists_recurring_years_with_their_period(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(argv_for("upcoming", "--within", "3m", "--format", "json", as_of="2026-11-27"), capsys)
    rows = json.loads(out)
    assert code == 0
    assert {r["period"] for r in rows if r["id"] == "2.d.2"} == {"2026"}
    assert all(r["due"] <= "2027-02-27" and r["status"] == "open" for r in rows)
    assert [r["due"] for r in rows] == sorted(r["due"] for r in rows)


def test_overdue_is_sorted_and_shows_missing_years(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(argv_for("overdue", "--format", "json"), capsys)
    rows = json.loads(out)
    days = [r["days_overdue"] for r in rows]
    assert days == sorted(days, reverse=True)
    recurring = next(r for r in rows if r["id"] == "2.d.2")
    assert recurring["missing_periods"] == [str(y) for y in range(2019, 2026)] and recurring["period"] == "2019"


def test_status_json_is_an_object(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(argv_for("status", "--format", "json", as_of="2020-01-15"), capsys)
    data = json.loads(out)
    assert data["as_of"] == "2020-01-15"
    assert set(data["counts"]) >= SLUGS | {"total", "on_time_rate"}
    assert {r["id"] for r in data["most_overdue"]} >= {"2.c", "2.đ.1"}
    assert [r["days_overdue"] for r in data["most_overdue"]] == [15] * 5  # 31/12/2019 → 15/01/2020


# --- the succession cases of issue 3, on the shipped plan -------------------------------------


def test_finance_inherits_planning_tasks(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(argv_for("overdue", "--agency", "Sở Tài chính", "--format", "json"), capsys)
    rows = json.loads(out)
    inherited = [r for r in rows if r["inherited_from"] == ["Sở Kế hoạch và Đầu tư"]]
    assert {"1.a", "4.b"} <= {r["id"] for r in inherited}
    assert all(r["lead"][0] == "Sở Tài chính" for r in inherited)
    _, table, _ = run(argv_for("overdue", "--agency", "Sở Tài chính"), capsys)
    assert "kế thừa từ Sở Kế hoạch và Đầu tư" in table
    _, out, _ = run(argv_for("overdue", "--agency", "Sở Tài chính", "--format", "json", as_of="2021-06-01"), capsys)
    assert all(not r["inherited_from"] for r in json.loads(out))
    assert not {"1.a", "4.b"} & {r["id"] for r in json.loads(out)}


def test_former_agency_json_marks_inherited_tasks_as_the_table_does(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(argv_for("overdue", "--agency", "skhdt", "--format", "json"), capsys)
    rows = json.loads(out)
    assert {"1.a", "4.b"} <= {r["id"] for r in rows}
    for r in rows:
        assert "Sở Tài chính" in r["lead"] and r["inherited_from"] == ["Sở Kế hoạch và Đầu tư"], r["id"]
    _, table, _ = run(argv_for("overdue", "--agency", "skhdt"), capsys)
    assert "kế thừa từ Sở Kế hoạch và Đầu tư" in table
    _, out, _ = run(argv_for("overdue", "--agency", "skhdt", "--format", "json", as_of="2021-06-01"), capsys)
    assert json.loads(out) and all(r["inherited_from"] == [] for r in json.loads(out))


def test_former_agency_says_who_succeeded_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(argv_for("overdue", "--agency", "so ke hoach va dau tu"), capsys)
    assert code == 0 and "từ 01/03/2025 do Sở Tài chính kế thừa" in out
    code, out, _ = run(
        argv_for("tasks", "--agency", "UBND các huyện, thành phố", "--role", "any", "--lang", "en"), capsys
    )
    assert code == 0 and "dissolved on 2025-07-01 with no successor" in out


def test_show_finds_ids_loosely(capsys: pytest.CaptureFixture[str]) -> None:
    for given in ("2.dd.1", "2.DD.1", "2.đ.1", "2.Đ.1"):
        code, out, _ = run(["show", given, "--plan", SHIPPED, "--as-of", AS_OF, "--format", "json"], capsys)
        assert code == 0 and json.loads(out)["id"] == "2.đ.1"
    code, out, _ = run(["show", "iii.2", "--plan", SHIPPED, "--as-of", AS_OF, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["id"] == "III.2"


def test_tasks_filters(capsys: pytest.CaptureFixture[str]) -> None:
    def ids(*extra: str) -> list[str]:
        code, out, _ = run(argv_for("tasks", "--format", "json", *extra), capsys)
        assert code == 0
        return [r["id"] for r in json.loads(out)]

    assert ids("--search", "NANG LUONG GIO") == ids("--search", "năng lượng gió") == ["2.i"]
    assert ids("--search", "dien gio") == ["2.i"]  # in the target's label
    assert set(ids("--section", "II.6")) == set(ids("--section", "6")) and ids("--section", "6")[0] == "6.a"
    assert set(ids("--status", "open")) == {"2.i", "7.d"}
    assert set(ids("--status", "open", "--status", "no_deadline")) > {"2.i", "7.d", "2.h"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_report_takes_agency_and_role(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    head = ["show", "III.2"] if command == "show" else [command]
    for role in ("lead", "partner", "any"):
        for fmt in FORMATS:
            argv = [*head, "--plan", SHIPPED, "--as-of", AS_OF, "--agency", "SCT", "--format", fmt]
            code, out, err = run([*argv, "--role", "any" if command == "show" else role], capsys)
            assert code == 0 and err == "" and out, (command, role, fmt)


def test_unowned_by_agency_and_role(capsys: pytest.CaptureFixture[str]) -> None:
    def rows(*extra: str, command: str = "unowned", plan: str = SHIPPED) -> dict[str, list[str]]:
        code, out, _ = run(argv_for(command, "--format", "json", *extra, plan=plan, as_of="2024-08-01"), capsys)
        assert code == 0
        return {r["id"]: r["flags"] for r in json.loads(out)}

    # Only tasks nobody leads: tasks without a time are the separate `untimed` list.
    everything = rows()
    assert set(everything) == {"2.g.4", "2.h", "4.a", "4.c", "4.đ", "6.e", "7.c", "8.1", "8.3", "III.3"}
    assert all(flags == ["no_lead"] for flags in everything.values())
    assert set(rows(command="untimed")) == {"2.h", "4.a", "6.e", "8.1", "8.3", "III.1", "III.2", "III.4"}
    assert all(rows("--agency", "SCT", "--role", r) == {} for r in ("lead", "partner", "any"))
    # A dissolved agency's name still finds the tasks it was given to lead, left with no lead.
    small = rows(plan=SMALL)
    assert small == {"3.a": ["no_lead"], "3.b": ["lead_dissolved"]}
    assert rows("--agency", "UBND các huyện", plan=SMALL) == {"3.b": ["lead_dissolved"]}


def test_agencies_takes_agency_and_role(capsys: pytest.CaptureFixture[str]) -> None:
    slugs = sorted(SLUGS)
    code, out, _ = run(
        argv_for("agencies", "--agency", "so cong thuong", "--role", "partner", "--format", "json"), capsys
    )
    (row,) = json.loads(out)
    assert code == 0 and row["name"] == "Sở Công Thương"
    assert sum(row[s] for s in slugs) == row["partner"]  # the scorecard counts its partner tasks
    _, out, _ = run(argv_for("agencies", "--agency", "SCT", "--format", "json"), capsys)
    (lead,) = json.loads(out)
    assert sum(lead[s] for s in slugs) == lead["lead"]
    _, out, _ = run(argv_for("agencies", "--agency", "SCT", "--role", "any", "--format", "json"), capsys)
    assert sum(json.loads(out)[0][s] for s in slugs) <= lead["lead"] + row["partner"]
    _, table, _ = run(argv_for("agencies", "--role", "partner", "--lang", "en"), capsys)
    assert "Counts by status: the tasks each agency holds as partner" in table


def test_show_takes_agency_and_role(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["show", "1.a", "--plan", SHIPPED, "--as-of", AS_OF, "--agency", "stc", "--format", "json"], capsys
    )
    assert code == 0 and json.loads(out)["inherited_from"] == ["Sở Kế hoạch và Đầu tư"]
    code, out, _ = run(["show", "1.a", "--plan", SHIPPED, "--as-of", AS_OF, "--agency", "stc", "--lang", "en"], capsys)
    assert code == 0 and "Agency: Sở Tài chính (lead); inherited from Sở Kế hoạch và Đầu tư" in out
    code, out, err = run(
        ["show", "2.dd.1", "--plan", SHIPPED, "--as-of", AS_OF, "--agency", "SCT", "--lang", "en"], capsys
    )
    assert code == 2 and out == "" and "2.đ.1 is not among the tasks of Sở Công Thương as lead" in err
    code, _, _ = run(["show", "III.4", "--plan", SHIPPED, "--as-of", AS_OF, "--agency", "SCT", "--role", "any"], capsys)
    assert code == 0


def test_event_deadline_is_not_shown_before_the_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", "7.b", "--plan", SHIPPED, "--as-of", "2020-01-01", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0 and data["status"] == "waiting" and data["current_due"] is None and data["due"] is None
    _, table, _ = run(["show", "7.b", "--plan", SHIPPED, "--as-of", "2020-01-01", "--lang", "en"], capsys)
    assert "Current deadline:" in table and "2023-11-2" not in table
    _, out, _ = run(["show", "7.b", "--plan", SHIPPED, "--as-of", "2023-11-22", "--format", "json"], capsys)
    assert json.loads(out)["current_due"] == "2023-11-22"
    _, out, _ = run(argv_for("unowned", "--format", "json", as_of="2019-06-01"), capsys)
    assert not {r["id"] for r in json.loads(out)} & {"7.b", "2.a.2"}  # both have a lead


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["upcoming", "--as-of", "9999-10-31"], "--as-of '9999-10-31' is out of range"),
        (["status", "--as-of", "01/01/1899"], "years 1900–2200"),
        (["upcoming", "--within", "9999y"], "--within '9999y' from "),
        (["upcoming", "--as-of", "2200-12-31", "--within", "9999y"], "reaches past 9999-12-31"),
    ],
)
def test_far_dates_exit_2_not_3(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([*argv, "--plan", SHIPPED, "--lang", "en"], capsys)
    assert code == 2 and out == "" and message in err and "internal error" not in err


# --- exit codes ------------------------------------------------------------------------------


def test_fail_on(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv_for("overdue", "--fail-on", "overdue"), capsys)[0] == 1
    assert run(argv_for("overdue", "--fail-on", "overdue", as_of="2019-07-01"), capsys)[0] == 0
    assert run(argv_for("status", "--fail-on", "overdue"), capsys)[0] == 1
    assert run(argv_for("unowned", "--fail-on", "unowned"), capsys)[0] == 1
    assert run(argv_for("tasks", "--fail-on", "unowned", "--agency", "SCT"), capsys)[0] == 0
    assert (
        run(argv_for("tasks", "--fail-on", "unowned", "--fail-on", "overdue", "--search", "điện gió"), capsys)[0] == 0
    )
    code, out, err = run(argv_for("overdue", "--fail-on", "overdue", "--format", "json", "--lang", "en"), capsys)
    assert code == 1 and json.loads(out)
    # One line on stderr says what tripped the gate, so a CI log shows why the job failed.
    assert err == "kehoach: --fail-on overdue: 53 overdue items listed\n"
    code, _, err = run(argv_for("status", "--fail-on", "overdue", "--fail-on", "unowned", "--lang", "en"), capsys)
    assert (
        code == 1
        and err == "kehoach: --fail-on overdue --fail-on unowned: 53 overdue items and 10 unowned items listed\n"
    )
    code, _, err = run(argv_for("overdue", "--fail-on", "overdue", as_of="2019-07-01"), capsys)
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["status", "--as-of", "06/2020"], "--as-of '06/2020' is not a date: write 2026-11-27"),
        (["status", "--as-of", "31/02/2026"], "not a day of the calendar"),
        (["overdue", "--agency", "Sở Công Thươg"], "did you mean 'Sở Công Thương'"),
        (["overdue", "--agency", "Bộ Ngoại giao"], "names no agency"),
        (["show", "2.z"], "no task '2.z'"),
        (["show", "2.d.9"], "did you mean"),
        (["upcoming", "--within", "soon"], "--within 'soon'"),
        (["tasks", "--status", "tardy"], "--status 'tardy'"),
        (["tasks", "--section", "IX"], "--section 'IX'"),
        (["status", "--format", "xml"], "xml"),
        (["status", "--role", "owner"], "owner"),
        (["status", "--lang", "fr"], "fr"),
    ],
)
def test_usage_errors_exit_2(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([argv[0], "--lang", "en", *argv[1:], "--plan", SHIPPED], capsys)
    assert code == 2 and out == "" and message in err


def test_plan_with_errors_exits_1_with_problems_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    bad = str(ROOT / "tests" / "golden" / "invalid" / "date-span-reversed.yaml")
    for command in COMMANDS:
        code, out, err = run(argv_for(command, "--lang", "en", plan=bad), capsys)
        assert code == 1 and out == "" and "error[" in err and "kehoach check" in err


def test_missing_plan_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(argv_for("status", "--lang", "en", plan=str(tmp_path / "none.yaml")), capsys)
    assert code == 2 and out == "" and "no such file" in err


def test_bundled_plan_is_the_default(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["status", "--as-of", AS_OF, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["plan"]["issuer"] == "UBND tỉnh Quảng Ngãi"
    monkeypatch.setenv("KEHOACH_PLAN", SMALL)
    _, out, _ = run(["status", "--as-of", AS_OF, "--format", "json"], capsys)
    assert json.loads(out)["plan"]["issuer"] == "UBND tỉnh Thử Nghiệm"


# --- output hygiene --------------------------------------------------------------------------


def test_deterministic_for_a_fixed_as_of(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    for command in COMMANDS:
        first = run(argv_for(command), capsys)[1]
        monkeypatch.setenv("TZ", "America/New_York")
        assert run(argv_for(command), capsys)[1] == first
        monkeypatch.delenv("TZ")


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_shipped_plan_tables_fit_the_terminal(
    width: int, lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for command in COMMANDS:
        code, out, _ = run(argv_for(command, "--lang", lang), capsys)
        assert code == 0
        lines = out.splitlines()
        assert max(len(line) for line in lines) <= width, command
        assert not any(line != line.rstrip() for line in lines)


def test_markup_in_a_title_is_printed_as_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(argv_for("tasks", plan=SMALL, as_of="2022-01-01"), capsys)
    assert code == 0 and "[/] [link=https://evil.example]bấm[/link]" in out
    code, out, _ = run(["show", "3.a", "--plan", SMALL, "--as-of", "2022-01-01", "--lang", "en"], capsys)
    assert code == 0 and "@Markup [red]injection[/red] | pipe" in out


def test_csv_formula_is_neutralised(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(argv_for("tasks", "--format", "csv", plan=SMALL, as_of="2022-01-01"), capsys)
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["Mã"] == "3.a")
    assert row["Nhiệm vụ"].startswith("'=") and row["Nhiệm vụ (tiếng Anh)"].startswith("'@")


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_follows_tty_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", _Tty())
    assert output.color()
    monkeypatch.setenv("NO_COLOR", "1")
    assert not output.color()
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not output.color()
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.delenv("TERM")
    assert not output.color()


def test_width_comes_from_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "132")
    assert output.width() == 132
    monkeypatch.setenv("COLUMNS", "wide")
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    assert output.width() == 80


@pytest.mark.parametrize(
    ("env", "extra", "coloured"),
    [
        ({}, [], False),  # a pipe
        ({"FORCE_COLOR": "1"}, [], True),  # https://force-color.org
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, [], False),  # NO_COLOR wins
        ({"FORCE_COLOR": "1"}, ["--color", "never"], False),  # the option wins over both
        ({"NO_COLOR": "1"}, ["--color", "always"], True),
        ({}, ["--color", "always"], True),
    ],
)
def test_colour_in_a_real_pipe(env: dict[str, str], extra: list[str], coloured: bool) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "kehoach_cli", "overdue", "--plan", SMALL, "--as-of", "2024-08-01", *extra],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), **env},
        check=False,
    )
    assert proc.returncode == 0 and proc.stderr == ""
    assert ("\x1b[" in proc.stdout) is coloured and "1.c" in proc.stdout


def test_help_does_not_load_the_reports() -> None:
    code = (
        "import sys; from kehoach_cli.cli import main; main(['--help']); "
        "print(sorted(m for m in ('rich', 'pydantic', 'kehoach_cli.reports', 'kehoach_cli.evaluate') "
        "if m in sys.modules))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")},
        check=True,
    )
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_docs_name_every_machine_field() -> None:
    from kehoach_cli import reports

    docs = (ROOT / "docs" / "reports.md").read_text(encoding="utf-8")
    fields = {*reports.TASK_FIELDS, *reports.AGENCY_FIELDS, *reports.TARGET_FIELDS, *reports.StatusReport.fields}
    missing = sorted(f for f in fields if f"`{f}`" not in docs)
    assert not missing, f"docs/reports.md does not describe {missing}"
    for command in COMMANDS:
        assert f"`kehoach {command}" in docs
