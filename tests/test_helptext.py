"""Help kept in the cache: the same text as typer's own --help, per language and width."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach_cli.cli import helptext
from kehoach_cli.cli.main import main
from kehoach_cli.load import cachedir

COMMANDS = [
    "calendar", "check", "completion", "diff", "export", "import", "record", "report", "status", "overdue",
    "upcoming", "unowned", "untimed", "tasks", "show", "agencies", "targets", "rules", "schema",
]  # fmt: skip


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cachedir, "enabled", True)
    return tmp_path / "cache" / "kehoach"


@pytest.mark.parametrize("columns", ["60", "200"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_kept_help_is_typers_help(
    lang: str, columns: str, own_cache: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("KEHOACH_LANG", lang)
    for path in [[], *([c] for c in COMMANDS)]:
        # A root option before the command: typer parses the line and prints its own help.
        typers = run(["--no-cache", *path, "--help"], capsys)
        assert typers[0] == 0 and typers[1].strip(), path
        assert run([*path, "--help"], capsys) == typers, path  # made and kept
        assert run([*path, "-h"], capsys) == typers, path  # served kept
    assert len(list(own_cache.glob("*.help"))) == 1 + len(COMMANDS)


def test_kept_help_is_served_without_typer(
    own_cache: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = run(["status", "--help"], capsys)
    english = run(["status", "--lang", "en", "--help"], capsys)
    assert english != first
    monkeypatch.setattr(helptext, "made", lambda *a: pytest.fail("help was made again"))
    assert run(["status", "--help"], capsys) == first
    assert run(["status", "--lang", "en", "--help"], capsys) == english


def test_kept_help_differs_by_width_language_and_code(
    own_cache: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[object] = []
    real = helptext.made
    monkeypatch.setattr(helptext, "made", lambda *a: made.append(a) or real(*a))
    for columns in ("60", "120", "60"):
        monkeypatch.setenv("COLUMNS", columns)
        run(["--help"], capsys)
    assert len(made) == 2
    run(["status", "--lang", "en", "-h"], capsys)
    run(["status", "--lang", "vi", "-h"], capsys)
    assert len(made) == 4
    monkeypatch.setattr(cachedir, "_fingerprint", "another build of kehoach")
    run(["--help"], capsys)
    assert len(made) == 5


def test_a_damaged_kept_help_is_made_again(own_cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = run(["--help"], capsys)
    (kept,) = own_cache.glob("*.help")
    kept.write_bytes(kept.read_bytes()[:-7] + b"garbage")
    assert run(["--help"], capsys) == first
    assert run(["--help"], capsys) == first


def test_no_cache_keeps_no_help(
    own_cache: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KEHOACH_NO_CACHE", "1")
    assert run(["--help"], capsys)[0] == 0
    assert not own_cache.exists() or list(own_cache.glob("*.help")) == []


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (["--help"], ()),
        (["-h"], ()),
        (["status", "--help"], ("status",)),
        (["status", "--lang", "en", "-h"], ("status",)),
        (["status", "-h", "--lang=en"], ("status",)),
        ([], None),  # no arguments: typer's usage, exit 2
        (["--lang", "en", "--help"], None),  # the app itself takes no --lang: typer says so
        (["--no-cache", "--help"], None),
        (["status", "--help", "--full"], None),
        (["status"], None),
        (["status", "--lang"], None),
        (["show", "1.a", "--help"], None),
    ],
)
def test_what_is_a_request_for_help_alone(args: list[str], path: tuple[str, ...] | None) -> None:
    assert helptext.request(args, {}) == path


def test_an_unknown_command_asking_for_help_is_typers_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["stauts", "--help"], capsys)
    assert code == 2 and out == "" and "status" in err  # did you mean


def test_completion_requests_are_never_help(monkeypatch: pytest.MonkeyPatch) -> None:
    assert helptext.request(["--help"], {"_KEHOACH_COMPLETE": "complete_bash"}) is None
