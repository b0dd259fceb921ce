"""Vietnamese accepted wherever it is shown, read in Vietnamese order, counted as Vietnamese
reports count (issue 13): status names, document references, English agency names,
collation, both rates, grouped day counts, the one-screen status, tables that add up."""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest

from kehoach_cli import labels as L
from kehoach_cli.cli import main
from kehoach_cli.textnorm import closest_ids, id_key, sort_key
from kehoach_cli.vocab import Lang

ROOT = Path(__file__).parent.parent
SHIPPED = str(ROOT / "plan.yaml")
SMALL = str(ROOT / "tests" / "plans" / "rep_kinds.yaml")
AS_OF = "2026-11-27"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def ids(argv: list[str], capsys: pytest.CaptureFixture[str]) -> list[str]:
    code, out, err = run([*argv, "--format", "json"], capsys)
    assert code == 0, err
    return [r["id"] for r in json.loads(out)]


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("NO_COLOR", "FORCE_COLOR", "KEHOACH_PLAN"):
        monkeypatch.delenv(name, raising=False)


# --- --status in either language -------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "slug"),
    [
        (["quá hạn", "qua han", "QUÁ HẠN", "chưa hoàn thành quá hạn", "overdue", "QH"], "overdue"),
        (["hoàn thành đúng hạn", "hoan thanh dung han", "done on time", "done_on_time", "HTĐH"], "done_on_time"),
        (["hoàn thành quá hạn", "HT quá hạn", "done late", "done-late"], "done_late"),
        (["chưa hoàn thành trong hạn", "trong hạn", "open, not yet due", "open"], "open"),
        (["chờ sự kiện", "cho su kien", "waiting for an event"], "waiting"),
        (["không có thời hạn", "khong co thoi han", "no deadline"], "no_deadline"),
    ],
)
def test_status_names_are_accepted(names: list[str], slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["tasks", "--plan", SMALL, "--as-of", "2024-08-01"]
    expected = ids([*base, "--status", slug], capsys)
    for name in names:
        assert L.status_slug(name) == slug
        assert L.status_slug(unicodedata.normalize("NFD", name)) == slug
        assert ids([*base, "--status", name], capsys) == expected, name


def test_an_unknown_status_lists_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["tasks", "--plan", SMALL, "--status", "qua hann"], capsys)
    assert code == 2 and out == ""
    assert "--status 'qua hann'" in err and "chưa hoàn thành quá hạn" in err and "có phải là 'quá hạn'?" in err


# --- task ids: the document's reference, dd for đ, suggestions that keep đ ------------------------


@pytest.mark.parametrize("given", ["2.đ.1", "2.dd.1", "2.Đ.1", "2.DD.1", "II.2.đ.1", "ii.2.dd.1", "II.2.Đ.1"])
def test_show_finds_a_task_by_any_spelling(given: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["show", given, "--plan", SHIPPED, "--as-of", AS_OF, "--format", "json"], capsys)
    assert code == 0 and err == "" and json.loads(out)["id"] == "2.đ.1"


def test_section_iii_tasks_keep_their_own_reference(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["show", "III.1", "--plan", SHIPPED, "--as-of", AS_OF, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["id"] == "III.1"


def test_suggestions_respect_d_stroke(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["show", "2.đ", "--plan", SHIPPED, "--as-of", AS_OF], capsys)
    assert code == 2 and out == ""
    assert "có phải là '2.đ.1' hoặc '2.đ.2'?" in err and "2.d." not in err
    assert closest_ids("2.dd", ["2.d.1", "2.d.3", "2.đ.1", "2.đ.2"]) == ["2.đ.1", "2.đ.2"]
    assert closest_ids("2.d", ["2.d.1", "2.d.3", "2.đ.1"]) == ["2.d.1", "2.d.3"]
    assert closest_ids("3.dx", ["3.d", "3.đ"]) == ["3.d"]
    assert id_key("II.2.DD.1") == id_key("ii.2.đ.1")


def test_record_takes_the_same_spellings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(Path(SHIPPED).read_bytes())
    argv = ["record", "II.2.dd.1", "--started", "--date", "2020-01-15", "--plan", str(plan)]
    code, out, err = run(
        [*argv, "--agency", "Management Board of Dung Quất Economic Zone and Quảng Ngãi Industrial Parks"], capsys
    )
    assert code == 0 and "2.đ.1" in out, err
    written = (tmp_path / "reports" / "bqlkkt.yaml").read_text(encoding="utf-8")
    assert '"2.đ.1"' in written and "2.dd" not in written and "II." not in written


# --- --agency: English names and ids ----------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    ["Sở Công Thương", "sct", "SCT", "Department of Industry and Trade", "department of industry and trade"],
)
def test_agency_by_any_of_its_names(given: str, capsys: pytest.CaptureFixture[str]) -> None:
    expected = ids(["overdue", "--plan", SHIPPED, "--as-of", AS_OF, "--agency", "Sở Công Thương"], capsys)
    assert ids(["overdue", "--plan", SHIPPED, "--as-of", AS_OF, "--agency", given], capsys) == expected


def test_a_near_miss_in_english_is_suggested_by_its_vietnamese_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["overdue", "--plan", SHIPPED, "--agency", "Department of Industry and Trades"], capsys)
    assert code == 2 and "có phải là 'Sở Công Thương'" in err and "kehoach agencies" in err


# --- Vietnamese collation ------------------------------------------------------------------------------


def test_the_alphabet() -> None:
    alphabet = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
    assert sorted(reversed(alphabet), key=sort_key) == alphabet
    assert sorted([w.upper() for w in reversed(alphabet)], key=sort_key) == [w.upper() for w in alphabet]


def test_tones_come_after_the_letters() -> None:
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]  # ngang, huyền, hỏi, ngã, sắc, nặng
    assert sorted(reversed(tones), key=sort_key) == tones
    # Letters first, tones second, case last: "mạ" before "mb", "ma" before "Ma".
    words = ["mb", "Ma", "mạ", "ma", "mă", "mà"]
    assert sorted(words, key=sort_key) == ["ma", "Ma", "mà", "mạ", "mă", "mb"]
    # Tones are compared from the left: Uỷ (tone on y) before Ủy (tone on U).
    assert sorted(["Ủy ban", "Uỷ ban"], key=sort_key) == ["Uỷ ban", "Ủy ban"]


def test_collation_of_names() -> None:
    names = [
        "Sở Y tế",
        "Sở Xây dựng",
        "Đài Phát thanh",
        "Sở Tư pháp",
        "Sở Tài chính",
        "Ban Dân tộc",
        "Cục Thuế",
        "Các sở",
    ]
    assert sorted(names, key=sort_key) == [
        "Ban Dân tộc",
        "Các sở",
        "Cục Thuế",
        "Đài Phát thanh",
        "Sở Tài chính",
        "Sở Tư pháp",
        "Sở Xây dựng",
        "Sở Y tế",
    ]
    assert sort_key(unicodedata.normalize("NFD", "Sở Y tế"))[:3] == sort_key("Sở Y tế")[:3]
    assert sorted(["ab", "a b", "a-b", "a1"], key=sort_key) == ["a b", "a-b", "a1", "ab"]  # space, punctuation, digit


def test_agencies_are_listed_in_vietnamese_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["agencies", "--plan", SHIPPED, "--as-of", AS_OF, "--format", "json"], capsys)
    names = [r["name"] for r in json.loads(out)]
    assert code == 0 and names == sorted(names, key=sort_key) and names[0].startswith("Ban Quản lý")
    assert names.index("Sở Tài chính") < names.index("Sở Xây dựng") < names.index("UBND huyện Bình Sơn")


def test_status_ties_are_in_vietnamese_order(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["status", "--plan", SHIPPED, "--as-of", AS_OF, "--format", "json"], capsys)
    groups = [g for g in json.loads(out)["by_agency"] if g["agency"]]
    assert code == 0
    for total in {g["total"] for g in groups}:
        tied = [g["agency"] for g in groups if g["total"] == total]
        assert tied == sorted(tied, key=sort_key)


# --- both rates, cut to two decimals -----------------------------------------------------------------


def test_rates_are_cut_as_the_government_office_prints_them() -> None:
    # Báo cáo 1270/BC-TCTTTg: 16.051 done (14.068 on time, 1.983 late), 223 unfinished overdue.
    base = 14_068 + 1_983 + 223
    assert L.rate(Fraction(14_068 + 1_983, base), Lang.vi) == "98,62%"
    assert L.rate(Fraction(14_068, base), Lang.vi) == "86,44%"
    assert L.rate(Fraction(29, 100), Lang.en) == "29.00%" and L.rate(0.29, Lang.en) == "29.00%"
    assert L.rate(Fraction(2, 3), Lang.vi) == "66,66%" and L.rate(None, Lang.vi) == "—"


def test_status_shows_both_rates_and_their_formula(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["status", "--plan", SMALL, "--as-of", "2023-06-01", "--format", "json"], capsys)
    counts = json.loads(out)["counts"]
    assert code == 0
    done = counts["done_on_time"] + counts["done_late"]
    assert counts["completion_rate"] == round(done / (done + counts["overdue"]), 6)
    assert counts["on_time_rate"] == round(counts["done_on_time"] / (done + counts["overdue"]), 6)
    _, table, _ = run(["status", "--plan", SMALL, "--as-of", "2023-06-01"], capsys)
    assert "33,33%" in table and "22,22%" in table and "Tỷ lệ hoàn thành = (đúng hạn + quá hạn)" in table


# --- day counts grouped as each language writes them -------------------------------------------------


def test_day_counts_are_grouped(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["overdue", "--plan", SHIPPED, "--as-of", AS_OF]
    assert "2.523" in run(argv, capsys)[1]
    assert "2,523" in run([*argv, "--lang", "en"], capsys)[1]
    assert L.days(1, Lang.en) == "1 day" and L.days(2528, Lang.vi) == "2.528 ngày"
    assert L.integer(1_234_567, Lang.vi) == "1.234.567" and L.integer(12, Lang.en) == "12"
    code, out, _ = run([*argv, "--format", "json"], capsys)
    assert code == 0 and json.loads(out)[0]["days_overdue"] == 2523  # machine formats stay numbers


# --- one screen ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", ["2019-07-01", "2020-06-30", "2023-01-01", AS_OF])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("extra", [[], ["--agency", "sct"], ["--period", "2025"]])
def test_status_fits_one_80_by_24_screen(
    as_of: str, lang: str, extra: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["status", "--plan", SHIPPED, "--as-of", as_of, "--lang", lang, *extra], capsys)
    lines = out.splitlines()
    assert code == 0 and err == ""
    assert len(lines) <= 23, f"{len(lines)} lines: the shell's prompt needs the 24th"
    assert max(len(line) for line in lines) <= 80
    assert ("kehoach" in lines[-1]) and ("status --full" in lines[-1])


def test_status_full_has_every_breakdown(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["status", "--full", "--plan", SHIPPED, "--as-of", AS_OF], capsys)
    for heading in ("Theo mục", "Theo cơ quan chủ trì", "Chỉ tiêu", "Quá hạn lâu nhất"):
        assert f"\n{heading}" in out
    _, short, _ = run(["status", "--plan", SHIPPED, "--as-of", AS_OF], capsys)
    assert "Theo mục" not in short and "Theo cơ quan chủ trì" not in short


# --- tables that add up -----------------------------------------------------------------------------


def _rows(table: str, first: str) -> list[list[str]]:
    """The rows of the counts grid whose heading row starts with `first` (lines ending with a
    rate; a long name's continuation lines end without one), split on spaces."""
    lines = table.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(first)) + 2
    rows = []
    for line in lines[start:]:
        if not line.strip():
            break
        words = line.split()
        if words[-1].endswith("%") or words[-1] == "—":
            rows.append(words)
    return rows


def test_agency_table_has_every_column_and_a_total_row(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["agencies", "--plan", SHIPPED, "--as-of", AS_OF]
    data = json.loads(run([*argv, "--format", "json"], capsys)[1])
    code, table, _ = run(argv, capsys)
    head = table.splitlines()[3].split()
    assert code == 0
    assert head == ["Cơ", "quan", "CT", "PH", "HTĐH", "HTQH", "TH", "QH", "TX", "CSK", "KTH", "%HT", "%ĐH"]
    for abbr in head[2:]:
        assert f" {abbr}:" in " " + " ".join(table.split())  # the legend says what each means
    total = next(line for line in table.splitlines() if line.startswith("Tổng")).split()[1:]
    slugs = ("done_on_time", "done_late", "open", "overdue", "ongoing", "waiting", "no_deadline")
    sums = [sum(r["lead"] for r in data), sum(r["partner"] for r in data), *(sum(r[s] for r in data) for s in slugs)]
    assert [int(n) for n in total[:9]] == sums
    for r in data:  # the scorecard counts the tasks it leads
        assert sum(r[s] for s in slugs) == r["lead"]
    assert "Mã: sct" in table  # ids folded under the name at 80 columns


def test_markdown_tables_spell_the_headings_out(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["agencies", "--plan", SMALL, "--as-of", "2024-08-01", "--format", "markdown"], capsys)
    head = next(line for line in out.splitlines() if line.startswith("| Cơ quan"))
    assert "Hoàn thành đúng hạn" in head and "Không có thời hạn" in head and "Tỷ lệ hoàn thành" in head
    assert "| **Tổng** |" in out or "| Tổng |" in out


def test_aliases_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["agencies", "--plan", SHIPPED, "--as-of", AS_OF]
    assert "BQL KKT Dung Quất" not in run(argv, capsys)[1]
    assert "BQL KKT Dung Quất" in run([*argv, "--aliases"], capsys)[1]
    _, out, _ = run([*argv, "--format", "json"], capsys)
    assert "BQL KKT Dung Quất" in next(r for r in json.loads(out) if r["id"] == "bqlkkt")["aliases"]


def test_status_section_table_adds_up(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["status", "--full", "--plan", SHIPPED, "--as-of", AS_OF], capsys)
    rows = [r[-10:] for r in _rows(out, "Mục")]  # the total, seven statuses and two rates
    assert _rows(out, "Mục")[-1][0] == "Tổng"
    for col in range(8):
        assert sum(int(r[col].replace(".", "")) for r in rows[:-1]) == int(rows[-1][col].replace(".", ""))


# --- CSV for people -----------------------------------------------------------------------------------


def test_csv_headings_follow_the_language(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    argv = ["overdue", "--plan", SHIPPED, "--as-of", AS_OF, "--format", "csv"]
    vi = next(csv.reader(io.StringIO(run(argv, capsys)[1])))
    en = next(csv.reader(io.StringIO(run([*argv, "--lang", "en"], capsys)[1])))
    assert vi[:4] == ["Mã", "Mục", "Số hiệu trong văn bản", "Nhiệm vụ"] and len(vi) == len(en)
    assert en[:4] == ["ID", "Section", "Reference in the document", "Task"]
    rows = list(csv.DictReader(io.StringIO(run(argv, capsys)[1])))
    assert {r["Tình trạng"] for r in rows} == {"chưa hoàn thành quá hạn"}
    target = tmp_path / "qua-han.csv"
    assert run([*argv, "--excel", "-o", str(target)], capsys)[0] == 0
    assert target.read_bytes().startswith("\ufeffMã,".encode())


def test_agency_csv_rates_match_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["agencies", "--plan", SMALL, "--as-of", "2024-08-01"]
    rows = list(csv.DictReader(io.StringIO(run([*argv, "--format", "csv"], capsys)[1])))
    table = run([*argv, "--color", "never"], capsys)[1]
    sct = next(r for r in rows if r["Mã"] == "sct")
    assert sct["Tỷ lệ hoàn thành"] == "40,00%" and sct["Tỷ lệ đúng hạn"] == "40,00%"
    assert "40,00%  40,00%" in table
