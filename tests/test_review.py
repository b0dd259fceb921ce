"""`kehoach report`: the report value and every format against `status`/`targets` JSON for
the same date, on the shipped plan and on the example plans; periods, rates, options."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from kehoach_cli.cli import main
from kehoach_cli.errors import UsageProblem
from kehoach_cli.labels import number, percent
from kehoach_cli.load import load_plan
from kehoach_cli.review import Rate, resolve_period

ROOT = Path(__file__).parent.parent
SHIPPED = ROOT / "plan.yaml"
EXAMPLES = sorted((ROOT / "examples").glob("**/plan.yaml"))
PLANS = [SHIPPED, *EXAMPLES]
CASES = [(p, d) for p in PLANS for d in ("2024-06-30", "2026-12-31")]
STATUSES = ("done_on_time", "done_late", "open", "overdue", "ongoing", "waiting", "no_deadline")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def status_json(plan: Path, as_of: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, _ = run(["status", "--plan", str(plan), "--as-of", as_of, "--format", "json"], capsys)
    assert code == 0
    data: dict[str, object] = json.loads(out)
    return data


def targets_json(plan: Path, as_of: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, _ = run(["targets", "--plan", str(plan), "--as-of", as_of, "--format", "json"], capsys)
    assert code == 0
    data: list[dict[str, object]] = json.loads(out)
    return data


def report(plan: Path, as_of: str, fmt: str, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    code, _, err = run(
        ["report", "--plan", str(plan), "--as-of", as_of, "--format", fmt, "-o", str(out), *extra], capsys
    )
    assert code == 0, err
    return out


def pct(numerator: int, denominator: int) -> str:
    """The Government Office's way, written independently of review.Rate: truncate, 2 decimals."""
    if denominator == 0:
        return "—"
    h = numerator * 10_000 // denominator
    return f"{h // 100},{h % 100:02d}%"


def test_rates_truncate_as_the_government_office_prints() -> None:
    # Báo cáo 1270/BC-TCTTTg: 16.051 done of 16.274 fallen due, printed 98,62% (98,6297…)
    assert Rate(16_051, 16_051 + 223).hundredths == 9862
    assert Rate(14_068, 16_274).hundredths == 8644
    assert Rate(2, 3).hundredths == 6666  # 66,666… truncated, not rounded to 66,67
    assert Rate(0, 0).hundredths is None and Rate(0, 0).value is None


@pytest.mark.parametrize(("plan", "as_of"), CASES, ids=[f"{p.parent.name}-{d}" for p, d in CASES])
def test_markdown_figures_equal_status_json(
    plan: Path, as_of: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = status_json(plan, as_of, capsys)
    counts = data["counts"]
    assert isinstance(counts, dict)
    text = report(plan, as_of, "markdown", tmp_path / "r.md", capsys).read_text(encoding="utf-8")
    cumulative = text.split("#### a)", 1)[1].split("#### b)", 1)[0]
    assert f"Tổng số {counts['total']} nhiệm vụ" in cumulative
    for slug, name in zip(
        STATUSES,
        (
            "hoàn thành đúng hạn",
            "hoàn thành quá hạn",
            "chưa hoàn thành trong hạn",
            "chưa hoàn thành quá hạn",
            "thường xuyên",
            "chờ sự kiện",
            "không có thời hạn",
        ),
        strict=True,
    ):
        assert f"{name} {counts[slug]}" in cumulative
    a, b, d = counts["done_on_time"], counts["done_late"], counts["overdue"]
    assert f"= ({a} + {b}) ÷ ({a} + {b} + {d}) = {a + b} ÷ {a + b + d} = " in cumulative
    assert f"= {a} ÷ {a + b + d} = " in cumulative
    if a + b + d:
        assert cumulative.count(pct(a + b, a + b + d)) >= 1 and pct(a, a + b + d) in cumulative
        # status JSON's on_time_rate is the same figure, rounded to 6 places
        assert abs(float(counts["on_time_rate"]) - a / (a + b + d)) < 1e-6
    # Phụ lục III: one row per lead agency of status JSON, same counts, and the total row
    appendix = text.split("## Phụ lục III", 1)[1]
    by_agency = data["by_agency"]
    assert isinstance(by_agency, list)
    rows = [r for r in appendix.splitlines() if r.startswith("| ") and not r.startswith("| STT")]
    assert len(rows) == len(by_agency) + 1
    for row, group in zip(rows, by_agency, strict=False):
        cells = [c.strip() for c in row.strip("|").split(" | ")]
        name = group["agency"] or "Chưa có cơ quan chủ trì"
        assert cells[1].startswith(name)
        assert cells[2:10] == [str(group["total"]), *(str(group[s]) for s in STATUSES)]
        due = group["done_on_time"] + group["done_late"] + group["overdue"]
        assert cells[11:13] == [pct(group["done_on_time"] + group["done_late"], due), pct(group["done_on_time"], due)]


@pytest.mark.parametrize(("plan", "as_of"), CASES, ids=[f"{p.parent.name}-{d}" for p, d in CASES])
def test_targets_appendix_equals_targets_json(
    plan: Path, as_of: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = targets_json(plan, as_of, capsys)
    text = report(plan, as_of, "markdown", tmp_path / "r.md", capsys).read_text(encoding="utf-8")
    appendix = text.split("## Phụ lục I:", 1)[1].split("## Phụ lục II", 1)[0]
    lines = [r for r in appendix.splitlines() if r.startswith("| ") and not r.startswith("| STT")]
    assert len(lines) == len(rows)
    for line, t in zip(lines, rows, strict=True):
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        assert cells[8].startswith(str(t["id"]))
        assert cells[3].endswith(number(float(t["value"]), "vi"))  # type: ignore[arg-type]
        if t["actual"] is None:
            assert cells[5] == "—" and cells[7] == "chưa có số liệu"
        else:
            assert cells[5].startswith(number(float(t["actual"]), "vi"))  # type: ignore[arg-type]
            assert cells[6] == percent(t["attainment"], "vi")  # type: ignore[arg-type]


def test_xlsx_reads_back_with_real_numbers_dates_and_frozen_headers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import openpyxl

    plan = ROOT / "examples" / "progress" / "plan.yaml"
    data = status_json(plan, "2026-11-27", capsys)
    targets = targets_json(plan, "2026-11-27", capsys)
    book = openpyxl.load_workbook(report(plan, "2026-11-27", "xlsx", tmp_path / "r.xlsx", capsys))
    assert book.sheetnames == ["Phụ lục I", "Phụ lục II", "Phụ lục III"]
    for ws in book:
        assert ws.freeze_panes == "A4"
        assert "27/11/2026" in str(ws["A1"].value)
        assert all(c.value for c in ws[3])  # the header row
    tasks = book["Phụ lục II"]
    assert tasks.max_row - 3 == data["counts"]["total"]  # type: ignore[index]
    due = [r[6].value for r in tasks.iter_rows(min_row=4) if r[6].value is not None]
    assert due and all(isinstance(v, dt.datetime) for v in due)
    agencies = book["Phụ lục III"]
    last = [c.value for c in agencies[agencies.max_row]]
    counts = data["counts"]
    assert isinstance(counts, dict)
    assert last[3:11] == [counts["total"], *(counts[s] for s in STATUSES)]
    a, b, d = counts["done_on_time"], counts["done_late"], counts["overdue"]
    assert last[12] == (a + b) * 10_000 // (a + b + d) / 10_000 and isinstance(last[12], float)
    sheet_targets = list(book["Phụ lục I"].iter_rows(min_row=4, values_only=True))
    assert [(r[1], r[5], r[7]) for r in sheet_targets] == [(t["id"], t["value"], t["actual"]) for t in targets]


def test_html_is_self_contained(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    page = report(SHIPPED, "2026-12-31", "html", tmp_path / "r.html", capsys, "--year", "2026").read_text("utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page, re.IGNORECASE)
    assert "@import" not in page
    assert page.count("<svg") == 3 and page.count('<table class="data">') == 3


@pytest.mark.parametrize("fmt", ["docx", "html", "markdown", "xlsx"])
def test_same_input_same_bytes(fmt: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    one = report(SHIPPED, "2026-12-31", fmt, tmp_path / f"a.{fmt}", capsys).read_bytes()
    two = report(SHIPPED, "2026-12-31", fmt, tmp_path / f"b.{fmt}", capsys).read_bytes()
    assert one == two


def test_english(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = report(SHIPPED, "2026-12-31", "markdown", tmp_path / "r.md", capsys, "--lang", "en").read_text("utf-8")
    assert "# REPORT" in text and "Completion rate = (done on time + done late)" in text and "BÁO CÁO" not in text


def test_letterhead_from_plan_reporting_and_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = report(SHIPPED, "2027-01-05", "markdown", tmp_path / "a.md", capsys, "--year", "2026").read_text("utf-8")
    assert text.startswith("UBND TỈNH QUẢNG NGÃI  \n**SỞ CÔNG THƯƠNG**")
    assert "/BC-SCT" in text and "Quảng Ngãi, ngày 05 tháng 01 năm 2027" in text
    assert "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ngãi." in text and "**KT. GIÁM ĐỐC**" in text
    other = report(
        SHIPPED, "2026-12-31", "markdown", tmp_path / "b.md", capsys, "--issuer", "Sở Xây dựng", "--date", "2027-03-09"
    ).read_text("utf-8")
    assert "**SỞ XÂY DỰNG**" in other and "/BC-SCT" not in other and "ngày 09 tháng 3 năm 2027" in other


def test_agency_scope_and_successor_marks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = report(SHIPPED, "2026-12-31", "markdown", tmp_path / "r.md", capsys, "--agency", "Sở Tài chính")
    body = text.read_text("utf-8")
    code, out, _ = run(
        ["status", "--plan", str(SHIPPED), "--as-of", "2026-12-31", "--agency", "Sở Tài chính", "--format", "json"],
        capsys,
    )
    assert code == 0 and f"Tổng số {json.loads(out)['counts']['total']} nhiệm vụ" in body
    assert "**SỞ TÀI CHÍNH**" in body
    assert "kế thừa nhiệm vụ của Sở Kế hoạch và Đầu tư từ 01/03/2025" in body
    assert "Sở Tài chính (kế thừa từ Sở Kế hoạch và Đầu tư)" in body


def test_periods() -> None:
    plan = load_plan(SHIPPED).plan
    assert plan is not None
    today = dt.date(2027, 1, 5)
    year, as_of = resolve_period(plan, today, year=2026)
    assert (year.start, year.end, as_of) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31), dt.date(2026, 12, 31))
    review, as_of = resolve_period(plan, today, dt.date(2026, 12, 31), review="3y")
    assert (review.start, review.end, review.review_kind) == (dt.date(2024, 1, 1), dt.date(2026, 12, 31), "sơ kết")
    five, _ = resolve_period(plan, today, dt.date(2021, 6, 30), review="5y")
    assert five.start == dt.date(2019, 1, 1) and five.review_kind == "tổng kết"  # not before the plan
    span, as_of = resolve_period(plan, today, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
    assert as_of == dt.date(2026, 6, 30) and span.following().start == dt.date(2026, 7, 1)
    for kwargs, message in (
        ({"year": 2026, "review": "3y"}, "choose one"),
        ({"start": dt.date(2026, 1, 1)}, "go together"),
        ({"review": "3 years"}, "e.g. 3y"),
        ({"year": 2028}, "after the as-of date"),
    ):
        with pytest.raises(UsageProblem, match=message):
            resolve_period(plan, today, dt.date(2026, 12, 31) if "year" in kwargs else None, **kwargs)  # type: ignore[arg-type]


def test_period_counts_obligations_due_in_it(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = ROOT / "examples" / "progress" / "plan.yaml"
    dues = []
    code, out, _ = run(["tasks", "--plan", str(plan), "--as-of", "2026-11-27", "--format", "json"], capsys)
    assert code == 0
    for t in json.loads(out):
        _, shown, _ = run(["show", t["id"], "--plan", str(plan), "--as-of", "2026-11-27", "--format", "json"], capsys)
        dues += [o for o in json.loads(shown)["obligations"] if o["due"] and o["due"].startswith("2025")]
    text = report(plan, "2026-11-27", "markdown", tmp_path / "r.md", capsys, "--year", "2025").read_text("utf-8")
    in_period = text.split("#### b)", 1)[1].split("## III", 1)[0]
    assert f"{len(dues)} lượt nhiệm vụ có thời hạn trong kỳ" in in_period
    for slug, name in (("done_on_time", "hoàn thành đúng hạn"), ("overdue", "chưa hoàn thành quá hạn")):
        assert f"{name} {sum(1 for o in dues if o['status'] == slug)}" in in_period


def test_output_rules(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "r.docx"
    target.write_bytes(b"keep me")
    base = ["report", "--plan", str(SHIPPED), "--as-of", "2026-12-31"]
    code, _, err = run([*base, "-o", str(target)], capsys)
    assert code == 2 and "--force" in err and target.read_bytes() == b"keep me"
    code, _, err = run([*base, "-o", str(target), "--force"], capsys)
    assert code == 0 and target.read_bytes().startswith(b"PK")
    code, _, err = run([*base, "--format", "docx", "-o", "-"], capsys)
    assert code == 2 and "tệp nhị phân" in err
    code, out, _ = run([*base, "--format", "markdown", "-o", "-"], capsys)
    assert code == 0 and "# BÁO CÁO" in out
    code, _, err = run([*base, "-o", str(tmp_path / "r.pdf")], capsys)
    assert code == 2 and "--format" in err


def test_csv_excel_option_writes_a_bom(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        ["status", "--plan", str(SHIPPED), "--as-of", "2026-12-31", "--format", "csv", "--excel"], capsys
    )
    assert code == 0 and out.startswith("\ufeffNhóm,")  # CSV headings are in words (--lang)
    code, out, _ = run(["status", "--plan", str(SHIPPED), "--as-of", "2026-12-31", "--format", "csv"], capsys)
    assert not out.startswith("\ufeff")
    code, _, err = run(["status", "--plan", str(SHIPPED), "--format", "json", "--excel"], capsys)
    assert code == 2 and "csv" in err


def test_other_commands_do_not_load_the_report_libraries() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from kehoach_cli.cli import main; import io, contextlib;"
        "buf = io.StringIO();\n"
        "with contextlib.redirect_stdout(buf): main(['status', '--as-of', '2026-12-31', '--format', 'json'])\n"
        "print(sorted(m for m in ('docx', 'openpyxl', 'icalendar', 'resvg_py') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_markdown_escapes_user_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = (ROOT / "examples" / "progress" / "plan.yaml").read_text("utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(src.replace('title: "Kế hoạch mẫu', 'title: "R&D <b>| Kế hoạch mẫu', 1), encoding="utf-8")
    for f in (ROOT / "examples" / "progress" / "reports").iterdir():
        (tmp_path / "reports").mkdir(exist_ok=True)
        (tmp_path / "reports" / f.name).write_bytes(f.read_bytes())
    html = report(plan, "2026-11-27", "html", tmp_path / "r.html", capsys).read_text("utf-8")
    assert "R&amp;D &lt;b&gt;| Kế hoạch" in html
    md = report(plan, "2026-11-27", "markdown", tmp_path / "r.md", capsys).read_text("utf-8")
    assert "R&D \\<b\\>\\| Kế hoạch" in md
