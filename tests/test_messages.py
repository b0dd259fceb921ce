"""The message catalogue: every message in Vietnamese and English, chosen per command line.

The catalogue is held to the source (every msgid Babel extracts has a Vietnamese
translation, with the same placeholders, and the committed .mo is the .po compiled);
messages are values translated when rendered; every command takes --lang and
$KEHOACH_LANG; help, click's own words and usage errors follow the language; no message
in either language leaks Python or pydantic wording.
"""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
import string
from pathlib import Path

import pytest
from babel.messages import mofile, pofile

from kehoach_cli.cli import main
from kehoach_cli.cli.main import chosen_language
from kehoach_cli.messages import LOCALE_DIR, Msg, either, join, msg, nmsg, raw, translations

ROOT = Path(__file__).resolve().parent.parent
PO = LOCALE_DIR / "vi" / "LC_MESSAGES" / "kehoach.po"
MO = PO.with_suffix(".mo")
SHIPPED = str(ROOT / "plan.yaml")
BROKEN = Path(__file__).parent / "golden" / "invalid" / "ref-agency-near-miss.yaml"


def _tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("translations", ROOT / "scripts" / "translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _po():  # type: ignore[no-untyped-def]
    with PO.open("rb") as f:
        return pofile.read_po(f, locale="vi", domain="kehoach")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def _no_language_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEHOACH_LANG", raising=False)
    monkeypatch.setenv("COLUMNS", "100")


# --- the catalogue is complete and compiled ------------------------------------------------


def test_every_message_of_the_source_has_a_vietnamese_translation() -> None:
    """Babel's extractor over src/ (msg, nmsg, tr, N_): each msgid is in the .po, translated."""
    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in _tool().extracted() if m.id}
    catalogue = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in _po() if m.id}
    assert len(extracted) > 500
    missing = sorted(extracted - set(catalogue))
    assert not missing, f"not in kehoach.po (run python scripts/translations.py): {missing[:5]}"
    untranslated = [
        key for key in extracted if not (s := catalogue[key].string) or not (s if isinstance(s, str) else s[0])
    ]
    assert not untranslated, f"no Vietnamese translation: {untranslated[:5]}"
    assert not [key for key in extracted if catalogue[key].fuzzy], "fuzzy translations are not used"


def test_the_committed_catalogue_files_are_up_to_date() -> None:
    """The .pot, .po and .mo are what scripts/translations.py makes of the source and the .po."""
    assert _tool().main(["--check"]) == 0


def test_the_committed_mo_is_the_po_compiled() -> None:
    out = io.BytesIO()
    mofile.write_mo(out, _po(), use_fuzzy=False)
    compiled = gettext.GNUTranslations(io.BytesIO(out.getvalue()))
    committed = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    assert compiled._catalog == committed._catalog  # type: ignore[attr-defined]


def _fields(text: str) -> set[str] | None:
    """The {placeholders} of a template; None for a message without any, which may hold braces."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def test_translations_keep_the_placeholders_and_are_nfc() -> None:
    """A translation that drops or renames a {placeholder} would fail at render time."""
    import unicodedata

    for m in _po():
        if not m.id:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for s in strings:
            assert unicodedata.normalize("NFC", s) == s, m.id
            wanted, got = _fields(ids[0]), _fields(s)
            if wanted is None or not wanted:
                assert not got, (m.id, s)  # shown as written: a placeholder would stay "{x}"
                continue
            assert got is not None and got - {"n"} == wanted - {"n"}, (m.id, s)


def test_status_names_and_vocabulary_are_the_fixed_ones() -> None:
    vi = translations("vi")
    assert vi.gettext("lead") == "chủ trì" and vi.gettext("partner") == "phối hợp"
    assert vi.gettext("help") == "gợi ý" and vi.gettext("error") == "lỗi"
    from kehoach_cli.labels import STATUS

    names = {vi_name for vi_name, _ in STATUS.values()}
    assert {
        "hoàn thành đúng hạn",
        "hoàn thành quá hạn",
        "chưa hoàn thành trong hạn",
        "chưa hoàn thành quá hạn",
    } <= names


# --- messages are values -------------------------------------------------------------------


def test_a_message_is_translated_when_rendered() -> None:
    m = msg("unknown task {task}", task="'2.z'")
    assert str(m) == "unknown task '2.z'" == m.text("en")
    assert m.text("vi") == "không có nhiệm vụ '2.z'"
    nested = msg("{problem}; {suggestion}", problem=m, suggestion=msg("did you mean {names}?", names=either(["'2.a'"])))
    assert nested.text("vi") == "không có nhiệm vụ '2.z'; có phải là '2.a'?"
    assert either(["'a'", "'b'", "'c'"]).text("en") == "'a', 'b' or 'c'"
    assert either(["'a'", "'b'"]).text("vi") == "'a' hoặc 'b'"
    assert join(["x{y}", msg("task")], " / ").text("vi") == "x{y} / nhiệm vụ"
    assert raw("{not a field}").text("vi") == "{not a field}"


def test_plurals_where_english_needs_them() -> None:
    assert nmsg("{n} error", "{n} errors", 1).text("en") == "1 error"
    assert nmsg("{n} error", "{n} errors", 2).text("en") == "2 errors"
    assert nmsg("{n} error", "{n} errors", 2).text("vi") == "2 lỗi"


def test_messages_go_to_plain_data_and_back() -> None:
    import json

    m = msg(
        "{problem}; {suggestion}",
        problem=nmsg("{n} task", "{n} tasks", 3),
        suggestion=msg("did you mean {names}?", names=either(["'1.a'", "'1.b'"])),
    )
    data = json.loads(json.dumps(m.to_data()))
    assert Msg.from_data(data) == m
    assert Msg.from_data(data).text("vi") == m.text("vi")
    assert Msg.from_data(msg("x {v}", v=None).to_data()) == msg("x {v}", v=None)


def test_a_problem_message_is_a_message() -> None:
    from kehoach_cli.problems import MAX_TEXT, Problem

    p = Problem("task-unknown", msg("unknown task {task}", task="x" * 5000), hint=msg("check the year"))
    assert len(p.text("en")) <= MAX_TEXT and p.text("en").endswith("…")
    assert p.hint_text("vi") == "hãy kiểm tra lại năm"


def test_a_long_parameter_is_cut_even_deep_inside_a_message() -> None:
    from kehoach_cli.problems import MAX_TEXT, Problem

    short = msg("unknown task {task}", task="1.a")
    assert Problem("task-unknown", short).message is short  # nothing to cut: kept as it is
    nested = msg("{what} names {name}", what=msg("the record"), name=msg("agency {x}", x="y" * 5000))
    inner = Problem("task-unknown", nested).message.params[1][1]
    assert isinstance(inner, Msg) and inner.params == (("x", "y" * (MAX_TEXT - 1) + "…"),)


def test_a_located_problem_keeps_everything_else() -> None:
    from dataclasses import fields

    from kehoach_cli.problems import Location, Problem

    p = Problem(
        "id-duplicate",
        msg("task id {id} is used twice", id="1.a"),
        ("tasks", 3, "id"),
        msg("give each task its own id"),
        "warning",
        None,
        (Location("plan.yaml", 1, 2),),
        (("tasks", 1, "id"),),
    )
    moved = p.at(Location("plan.yaml", 9, 5))
    assert moved.location == Location("plan.yaml", 9, 5)
    assert all(getattr(moved, f.name) == getattr(p, f.name) for f in fields(Problem) if f.name != "location")


def test_every_help_text_of_every_command_is_in_the_catalogue() -> None:
    """A help string not marked for the extractor (N_) would print in English in Vietnamese
    help without any other test noticing: walk the whole command tree instead."""
    import typer

    from kehoach_cli.cli.app import app
    from kehoach_cli.cli.commands import register

    register()
    root = typer.main.get_command(app)
    ctx = root.make_context("kehoach", [], resilient_parsing=True)
    vi = translations("vi")
    texts: list[tuple[str, str]] = []
    for cmd in [root, *(root.commands[name] for name in root.list_commands(ctx))]:  # type: ignore[attr-defined]
        if cmd.help:
            texts.append((cmd.name or "kehoach", cmd.help))
        texts += [(f"{cmd.name} {p.name}", p.help) for p in cmd.params if getattr(p, "help", None)]
    assert len(texts) > 100
    untranslated = [(where, text) for where, text in texts if vi.gettext(text) == text]
    assert not untranslated, untranslated


# --- the language of a command line --------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        ([], {}, "vi"),
        ([], {"KEHOACH_LANG": "en"}, "en"),
        ([], {"KEHOACH_LANG": " EN "}, "en"),
        (["status", "--lang", "en"], {}, "en"),
        (["status", "--lang=en"], {"KEHOACH_LANG": "vi"}, "en"),
        (["status", "--lang", "vi"], {"KEHOACH_LANG": "en"}, "vi"),
        (["status", "--lang", "fr"], {"KEHOACH_LANG": "en"}, "en"),
        (["status", "--lang"], {}, "vi"),
        (["status", "--", "--lang", "en"], {}, "vi"),
        (["status", "--lang", "en", "--lang", "vi"], {}, "vi"),
    ],
)
def test_the_language_is_decided_before_any_command_runs(argv: list[str], env: dict[str, str], expected: str) -> None:
    assert chosen_language(argv, env) == expected


def _commands() -> list[str]:
    import typer

    from kehoach_cli.cli.app import app
    from kehoach_cli.cli.commands import register

    register()
    return sorted(typer.main.get_group(app).commands)


@pytest.mark.parametrize("command", _commands())
def test_every_command_takes_lang_and_kehoach_lang(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, vi, _ = run([command, "--lang", "vi", "-h"], capsys)
    assert code == 0 and vi.startswith(f"Cách dùng: kehoach {command} ") and "--lang" in vi
    assert "Tùy chọn:" in vi and "Hiện hướng dẫn này rồi thoát." in vi and "Options:" not in vi
    code, en, _ = run([command, "--lang", "en", "-h"], capsys)
    assert code == 0 and en.startswith(f"Usage: kehoach {command} ") and "Show this message and exit." in en
    monkeypatch.setenv("KEHOACH_LANG", "en")
    assert run([command, "-h"], capsys)[1] == en
    code, _, err = run([command, "--lang", "fr"], capsys)
    assert code == 2 and "'fr' is not one of vi, en" in err and "KEHOACH_LANG" in err


def test_help_is_in_one_language_only(capsys: pytest.CaptureFixture[str]) -> None:
    _, vi, _ = run(["-h"], capsys)
    _, en, _ = run(["status", "--lang", "en", "-h"], capsys)
    assert "Lệnh:" in vi and "kiểm tra plan.yaml" in vi and "validate the plan" not in vi
    assert " · " not in vi
    assert "Mã thoát: 0" in vi
    assert "Usage: kehoach status" in en and "Cách dùng" not in en and "ngày tính" not in en


def test_click_errors_are_worded_in_the_chosen_language(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "--nope"], capsys)
    assert code == 2
    assert err == (
        "Cách dùng: kehoach check [OPTIONS] [PLAN]\n"
        "Xem 'kehoach check -h' để được hướng dẫn.\n\n"
        "Lỗi: không có tùy chọn --nope; có phải là '--no-pager'?\n"
    )
    assert "thiếu đối số 'TASK'" in run(["record"], capsys)[2]
    assert "không có lệnh 'stauts'; có phải là 'status'?" in run(["stauts"], capsys)[2]
    assert "giá trị không hợp lệ cho '--format': 'jsn' không thuộc" in run(["check", "--format", "jsn"], capsys)[2]
    assert "tùy chọn --as-of cần một giá trị" in run(["status", "--as-of"], capsys)[2]
    assert "thừa đối số: a b" in run(["schema", "a", "b"], capsys)[2]
    code, _, err = run(["check", "--nope", "--lang", "en"], capsys)
    assert err.endswith("Error: no such option: --nope; did you mean '--no-pager'?\n")


def test_check_speaks_vietnamese_by_default_and_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, vi, _ = run(["check", str(BROKEN)], capsys)
    assert code == 1 and "lỗi[agency-unknown]" in vi and "= gợi ý: có phải là 'Sở Công Thương'?" in vi
    code, en, _ = run(["check", str(BROKEN), "--lang", "en"], capsys)
    assert code == 1 and "error[agency-unknown]" in en and "= help: did you mean 'Sở Công Thương'?" in en
    for lang, words in (("vi", "có phải là"), ("en", "did you mean")):
        for fmt in ("json", "sarif", "github"):
            code, out, _ = run(["check", str(BROKEN), "--format", fmt, "--lang", lang], capsys)
            assert code == 1 and words in out, (lang, fmt)
            assert "agency-unknown" in out
        data = json.loads(run(["check", str(BROKEN), "--format", "json", "--lang", lang], capsys)[1])
        assert set(data["problems"][0]) >= {"code", "severity", "message", "hint", "file", "line", "col"}
        assert data["problems"][0]["severity"] == "error"


def test_usage_problems_and_record_refusals_follow_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["overdue", "--plan", SHIPPED, "--agency", "Sở Công Thươg"], capsys)
    assert code == 2 and err.startswith("kehoach: --agency 'Sở Công Thươg' không ứng với cơ quan nào trong kế hoạch")
    plan = tmp_path / "plan.yaml"
    plan.write_text(Path(SHIPPED).read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run(["record", "1.a", "--done", "--plan", str(plan)], capsys)
    assert code == 2 and "thiếu --date" in err
    code, _, err = run(["record", "9.z", "--started", "--date", "2020-01-01", "--plan", str(plan)], capsys)
    assert code == 2 and "kehoach: từ chối: không có nhiệm vụ '9.z'" in err and "= gợi ý:" in err


# --- no Python or pydantic wording, in either language --------------------------------------

LEAKS = re.compile(r"Value error|list\[|<class|NoneType|Input should be|input should be|Traceback|pydantic")


def test_no_message_in_the_catalogue_has_python_wording() -> None:
    for m in _po():
        if not m.id:
            continue
        texts = ([m.id] if isinstance(m.id, str) else list(m.id)) + (
            [m.string] if isinstance(m.string, str) else list(m.string)
        )
        for text in texts:
            assert not LEAKS.search(text), text


def test_no_output_has_python_wording(capsys: pytest.CaptureFixture[str]) -> None:
    golden = Path(__file__).parent / "golden"
    for out in [*golden.glob("*/*.out"), *(Path(__file__).parent / "golden_diff").glob("*/*.out")]:
        assert not LEAKS.search(out.read_text(encoding="utf-8")), out
    for lang in ("vi", "en"):
        for argv in (
            ["status", "--as-of", "soon"],
            ["record", "1.a", "--year", "abc"],
            ["tasks", "--status", "tardy"],
            ["status", "--format", "jsn"],
            ["upcoming", "--within", "2x"],
        ):
            _, out, err = run([*argv, "--plan", SHIPPED, "--lang", lang], capsys)
            assert not LEAKS.search(out + err), (argv, err)
    for lang in ("vi", "en"):
        _, out, _ = run(["status", "-h", "--lang", lang], capsys)
        assert not LEAKS.search(out)
