"""Renderers: golden outputs (data in tests/golden_reports), one interface, escaping.

Each ``tests/golden_reports/<case>.args`` holds a command line (optionally starting with
``NAME=value`` environment settings, e.g. ``COLUMNS=80``); ``<case>.out`` is its exact
stdout. A new case is a new file. To regenerate every ``.out`` deliberately, after
checking the change is wanted::

    KEHOACH_REGENERATE_GOLDEN=1 pytest tests/test_render.py
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import math
import os
import re
import shlex
from pathlib import Path

import pytest

from kehoach_cli import labels as L
from kehoach_cli import reports
from kehoach_cli.agencies import Registry
from kehoach_cli.asof import Window
from kehoach_cli.cli import main
from kehoach_cli.evaluate import Evaluation, evaluate
from kehoach_cli.load import load_plan
from kehoach_cli.progress import collect
from kehoach_cli.render import csvout, jsonout, markdown, registry
from kehoach_cli.render.registry import Format, Kind, RenderOptions, formats
from kehoach_cli.vocab import Lang

ROOT = Path(__file__).parent.parent
GOLDEN = ROOT / "tests" / "golden_reports"
SMALL = ROOT / "tests" / "plans" / "rep_kinds.yaml"
CASES = sorted(p.stem for p in GOLDEN.glob("*.args"))


def _split(line: str) -> tuple[dict[str, str], list[str]]:
    words = shlex.split(line)
    env = {}
    while words and "=" in words[0] and words[0].split("=", 1)[0].isupper():
        key, value = words.pop(0).split("=", 1)
        env[key] = value
    return env, words


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    env, argv = _split((GOLDEN / f"{case}.args").read_text(encoding="utf-8").strip())
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("COLUMNS", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code = main(argv)
    out = capsys.readouterr()
    assert code == 0 and out.err == ""
    expected = GOLDEN / f"{case}.out"
    if os.environ.get("KEHOACH_REGENERATE_GOLDEN"):
        expected.write_text(out.out, encoding="utf-8")
    assert expected.exists(), f"no {expected.name}: run with KEHOACH_REGENERATE_GOLDEN=1 to create it"
    assert out.out == expected.read_text(encoding="utf-8"), f"{case}: output differs from {expected.name}"
    if "COLUMNS" in env:
        width = int(env["COLUMNS"])
        assert all(len(line) <= width for line in out.out.splitlines()), f"{case}: a line is wider than {width}"


def test_every_golden_case_has_an_output() -> None:
    assert CASES and all((GOLDEN / f"{c}.out").exists() for c in CASES)
    assert {p.stem for p in GOLDEN.glob("*.out")} == set(CASES), "an .out file without its .args"


# --- one interface ------------------------------------------------------------------------------


def _small(as_of: str) -> tuple[Evaluation, Registry]:
    loaded = load_plan(SMALL)
    reg = loaded.registry
    assert loaded.plan is not None
    return evaluate(loaded.plan, reg, dt.date.fromisoformat(as_of), collect(loaded, reg)), reg


def _every_report(as_of: str = "2024-08-01") -> list[reports.Report]:
    ev, reg = _small(as_of)
    sc = reports.Scope()
    return [
        reports.status(ev, sc),
        reports.overdue(ev, sc),
        reports.upcoming(ev, reports.Scope(window=Window(None, dt.date(2026, 1, 1)))),
        reports.unowned(ev, sc),
        reports.tasks(ev, sc),
        reports.show(ev, reg, "2.a"),
        reports.agencies(ev, reg),
        reports.targets(ev, sc),
    ]


def render(report: object, fmt: Format, opts: RenderOptions) -> str:
    return registry.render(Kind.report, report, fmt, opts)


@pytest.mark.parametrize("fmt", formats(Kind.report))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_format_renders_every_report(fmt: Format, lang: str) -> None:
    opts = RenderOptions("vi" if lang == "vi" else "en", 80)
    for report in _every_report():
        text = render(report, fmt, opts)
        assert text.endswith("\n") and text.strip()
        assert render(report, fmt, opts) == text  # deterministic


def test_records_have_exactly_the_csv_fields() -> None:
    for report in _every_report():
        records = report.records()
        assert records, type(report).__name__
        assert all(list(r) == list(report.fields) for r in records), type(report).__name__


def test_machine_formats_do_not_depend_on_language_or_width() -> None:
    for report in _every_report():
        assert render(report, Format.json, RenderOptions("vi", 80)) == render(
            report, Format.json, RenderOptions("en", 200)
        )
        for lang in ("vi", "en"):
            csv_text = render(report, Format.csv, RenderOptions(Lang(lang), 80))
            assert csv_text == render(report, Format.csv, RenderOptions(Lang(lang), 200))


def test_csv_is_worded_for_people() -> None:
    """CSV headings and coded values follow --lang; the rates are the tables' percentages."""
    ev, _ = _small("2024-08-01")
    status = reports.status(ev, reports.Scope())
    vi = list(csv.reader(io.StringIO(render(status, Format.csv, RenderOptions(Lang.vi)))))
    en = list(csv.reader(io.StringIO(render(status, Format.csv, RenderOptions(Lang.en)))))
    assert vi[0][:4] == ["Nhóm", "Tên", "Tên mục", "hoàn thành đúng hạn"]
    assert en[0][:4] == ["Group", "Name", "Section heading", "done on time"]
    assert vi[0][-2:] == ["Tỷ lệ hoàn thành", "Tỷ lệ đúng hạn"] and en[0][-2:] == ["Completion rate", "On-time rate"]
    assert len(vi[0]) == len(status.fields) and vi[1][0] == "toàn bộ" and en[1][0] == "all"
    c = status.counts
    table = render(status, Format.table, RenderOptions(Lang.vi, 200))
    assert vi[1][-2:] == [L.rate(c.completion_rate, Lang.vi), L.rate(c.on_time_rate, Lang.vi)]
    assert all(cell in table for cell in vi[1][-2:]) and vi[1][-1].endswith("%")
    tasks = list(csv.DictReader(io.StringIO(render(reports.tasks(ev, reports.Scope()), Format.csv, RenderOptions()))))
    assert {r["Tình trạng"] for r in tasks} <= {vi for vi, _ in L.STATUS.values()}
    assert {r["Đang thực hiện"] for r in tasks} <= {"có", "không"}


# --- escaping -------------------------------------------------------------------------------


def test_table_prints_markup_as_written() -> None:
    report = _every_report()[4]
    for color in (False, True):
        out = render(report, Format.table, RenderOptions("vi", 200, color))
        assert "[/]" in out and "[link=https://evil.example]bấm[/link]" in out and "[bold]đậm" in out
        assert "\x1b]8;" not in out  # no hyperlink escape
    plain = render(report, Format.table, RenderOptions("en", 200))
    assert "@Markup [red]injection[/red] | pipe" in plain


def test_colour_only_when_asked() -> None:
    report = _every_report()[1]
    assert "\x1b[" not in render(report, Format.table, RenderOptions("vi", 80, color=False))
    assert "\x1b[" in render(report, Format.table, RenderOptions("vi", 80, color=True))


def test_csv_neutralises_formulas() -> None:
    report = _every_report()[4]
    rows = list(csv.DictReader(io.StringIO(render(report, Format.csv, RenderOptions(Lang.en)))))
    row = next(r for r in rows if r["ID"] == "3.a")
    assert row["Task"].startswith("'=HYPERLINK(")
    assert row["Task (English)"].startswith("'@Markup")
    for value in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert csvout.cell(value, "title", Lang.vi) == "'" + value
    assert csvout.cell(-3, "days_left", Lang.vi) == -3
    assert csvout.cell("Sở Công Thương", "lead", Lang.vi) == "Sở Công Thương"
    assert csvout.cell(["Sở A", "Sở B"], "lead", Lang.vi) == "Sở A; Sở B"
    assert csvout.cell(None, "due", Lang.vi) == "" and csvout.cell(True, "met", Lang.en) == "yes"
    assert csvout.cell(8.5, "value", Lang.vi) == "8,5" and csvout.cell(8.5, "value", Lang.en) == "8.5"


def _unescaped_pipes(line: str) -> int:
    """The `|` that delimit markdown cells: those not escaped by an odd run of backslashes."""
    n, backslashes = 0, 0
    for ch in line:
        if ch == "|" and backslashes % 2 == 0:
            n += 1
        backslashes = backslashes + 1 if ch == "\\" else 0
    return n


def _ragged_rows(out: str) -> list[str]:
    """Rows of markdown tables whose cell count differs from their table's header."""
    bad, head = [], None
    for line in out.splitlines():
        if not line.startswith("|"):
            head = None
        elif head is None:
            head = _unescaped_pipes(line)
        elif _unescaped_pipes(line) != head:
            bad.append(line)
    return bad


def test_markdown_escapes_pipes_and_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    out = render(_every_report()[4], Format.markdown, RenderOptions("en", 80))
    line = next(x for x in out.splitlines() if x.startswith("| 3.a"))
    assert r"\| pipe" in line and r"\[red\]" in line
    assert markdown.escape("a|b\nc") == r"a\|b c"
    assert _unescaped_pipes(r"| a\|b | c\\|") == 3
    for lang in ("vi", "en"):
        for report in _every_report():
            text = render(report, Format.markdown, RenderOptions("vi" if lang == "vi" else "en", 80))
            assert "|---" in text and not _ragged_rows(text), type(report).__name__
    # The check can fail: without escaping, the pipe in 3.a's title splits its cell.
    monkeypatch.setattr(markdown, "escape", lambda text: text)
    broken = render(_every_report()[4], Format.markdown, RenderOptions("en", 80))
    assert [x[:5] for x in _ragged_rows(broken)] == ["| 3.a"]


def test_non_finite_numbers_never_reach_the_output() -> None:
    report = _every_report("2022-07-01")[7]
    assert isinstance(report, reports.TargetsReport)
    t, row = report.rows[0]
    bad = dataclasses.replace(t, actual=math.inf, attainment=math.inf, expected=math.nan)
    broken = dataclasses.replace(report, rows=((bad, row), *report.rows[1:]))

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    data = json.loads(render(broken, Format.json, RenderOptions()), parse_constant=refuse)
    assert (data[0]["actual"], data[0]["attainment"], data[0]["expected"]) == (None, None, None)
    assert jsonout.finite({"a": [math.nan, 1.5, {"b": -math.inf}]}) == {"a": [None, 1.5, {"b": None}]}
    first = next(csv.DictReader(io.StringIO(render(broken, Format.csv, RenderOptions(Lang.en)))))
    assert (first["Actual"], first["Attained"], first["Expected by now"]) == ("", "", "")
    for lang in ("vi", "en"):
        for fmt in (Format.table, Format.markdown):
            text = render(broken, fmt, RenderOptions("vi" if lang == "vi" else "en", 80))
            assert not re.search(r"\b(inf|infinity|nan)\b", text, re.IGNORECASE), text


def test_table_fits_the_width_and_keeps_ids_whole() -> None:
    for width in (60, 80, 120, 200):
        for report in _every_report():
            out = render(report, Format.table, RenderOptions("vi", width))
            assert max(len(line) for line in out.splitlines()) <= width
    out = render(_every_report()[4], Format.table, RenderOptions("vi", 60))
    assert all(f"\n{i} " in out for i in ("1.a", "2.đ", "3.c"))
