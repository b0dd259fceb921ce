"""The conventions people bring from other command-line tools (issue 13), as CLI contracts:
exit code, stdout and stderr together.

--version, -h, help that names values (no Python types) and never cuts a summary, -o FILE
and -o -, --color with NO_COLOR and FORCE_COLOR, the pager, shell completion, --plan on
every command, our wording instead of pydantic's, warnings for a repeated option and an
--as-of before the plan.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kehoach_cli import __version__
from kehoach_cli.cli import main


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read kehoach's English messages (KEHOACH_LANG, as a user would set it);
    the Vietnamese default has tests of its own."""
    monkeypatch.setenv("KEHOACH_LANG", "en")


ROOT = Path(__file__).parent.parent
SHIPPED = str(ROOT / "plan.yaml")
SMALL = str(ROOT / "tests" / "plans" / "rep_kinds.yaml")
AS_OF = "2026-11-27"

# Every command and the arguments it needs to print something.
PRINTING: dict[str, list[str]] = {
    "check": [SHIPPED],
    "diff": [SMALL, SMALL],
    "export": ["--plan", SHIPPED],
    "rules": [],
    "schema": [],
    "completion": ["bash"],
    "status": ["--plan", SHIPPED, "--as-of", AS_OF],
    "overdue": ["--plan", SHIPPED, "--as-of", AS_OF],
    "upcoming": ["--plan", SHIPPED, "--as-of", AS_OF],
    "unowned": ["--plan", SHIPPED, "--as-of", AS_OF],
    "tasks": ["--plan", SHIPPED, "--as-of", AS_OF],
    "show": ["2.đ.1", "--plan", SHIPPED, "--as-of", AS_OF],
    "agencies": ["--plan", SHIPPED, "--as-of", AS_OF],
    "targets": ["--plan", SHIPPED, "--as-of", AS_OF],
}


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def group() -> Any:
    import typer.main

    from kehoach_cli.cli.app import app
    from kehoach_cli.cli.commands import register

    register()
    return typer.main.get_command(app)


def commands() -> list[str]:
    return list(group().commands)


@pytest.fixture(autouse=True)
def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "KEHOACH_PLAN", "PAGER", "_KEHOACH_COMPLETE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


# --- --version, -h, help ------------------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys) == (0, f"kehoach {__version__}\n", "")


@pytest.mark.parametrize("command", commands())
def test_dash_h_on_every_command(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([command, "-h"], capsys)
    assert code == 0 and err == "" and out.startswith(f"Usage: kehoach {command} ")
    assert run([command, "--help"], capsys)[1] == out


PYTHON_TYPES = re.compile(r"<(str|int|float|bool|path|list|Path)\b|list\[|Optional\[|<[a-z|_-]+>")


@pytest.mark.parametrize("width", ["60", "80", "200"])
def test_help_names_values_and_never_cuts_a_summary(
    width: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from kehoach_cli.cli.app import app
    from kehoach_cli.cli.parsing import summary

    monkeypatch.setenv("COLUMNS", width)
    code, root, _ = run(["-h"], capsys)
    body = root.split("\n", 1)[1]  # after "Usage: kehoach [OPTIONS] COMMAND [ARGS]..."
    assert code == 0 and "..." not in body and not PYTHON_TYPES.search(root)
    flat = " ".join(root.split())
    for info in app.registered_commands:
        assert summary(info.help) in flat, info.name
    for command in commands():
        _, text, _ = run([command, "-h"], capsys)
        assert not PYTHON_TYPES.search(text), (command, PYTHON_TYPES.search(text))


def test_every_option_value_has_a_name() -> None:
    """A metavar (DATE, FILE) or its choices: help never falls back to a type or a variable name."""
    for name, command in group().commands.items():
        for param in command.params:
            if getattr(param, "is_flag", False):
                continue
            assert param.metavar or getattr(param.type, "choices", None), f"{name} {param.opts}: no metavar"


def test_root_help_lists_the_conventions(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(["-h"], capsys)
    flat = " ".join(out.split())
    for convention in (
        "-o FILE",
        "--color auto|always|never",
        "NO_COLOR",
        "FORCE_COLOR",
        "--no-pager",
        "$PAGER",
        "--plan FILE",
        "--period 2026|2026q1|2026h2|2026-06",
        "--within 90d|12w|3m|2q|1h|1y",
        "II.2.đ.1",
        "kehoach completion bash|zsh|fish",
        "Exit codes",
    ):
        assert convention in flat, convention


# --- -o FILE and -o - ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", sorted(PRINTING))
def test_dash_o_writes_the_file_and_dash_o_dash_is_stdout(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [command, *PRINTING[command]]
    code, printed, err = run(argv, capsys)
    assert code in (0, 1) and printed
    assert run([*argv, "-o", "-"], capsys) == (code, printed, err)
    target = tmp_path / "out.txt"
    assert run([*argv, "-o", str(target)], capsys) == (code, "", err)
    assert target.read_text(encoding="utf-8") == printed
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]  # no temporary file left


def test_dash_o_replaces_atomically_keeping_the_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "overdue.md"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    code, out, err = run(
        [
            "overdue",
            "--plan",
            SMALL,
            "--as-of",
            "2024-08-01",
            "--format",
            "markdown",
            "-o",
            str(target),
            "--lang",
            "vi",
        ],
        capsys,
    )
    assert (code, out, err) == (0, "", "")
    assert target.read_text(encoding="utf-8").startswith("## Nhiệm vụ chưa hoàn thành quá hạn")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("plan", "is a file this command reads"),
        ("dir", "is a directory"),
        ("missing/out.txt", "there is no directory"),
    ],
)
def test_dash_o_refuses_what_it_must_not_write(
    where: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(Path(SMALL).read_bytes())
    (tmp_path / "dir").mkdir()
    target = plan if where == "plan" else tmp_path / where
    code, out, err = run(["export", "--plan", str(plan), "--format", "yaml", "-o", str(target)], capsys)
    assert code == 2 and out == "" and message in err and err.startswith("kehoach: --output ")
    assert plan.read_bytes() == Path(SMALL).read_bytes()


# --- colour ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "option", "coloured"),
    [
        ({}, "auto", False),
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", False),
        ({"NO_COLOR": "1"}, "always", True),
        ({"FORCE_COLOR": "1"}, "never", False),
    ],
)
def test_color_option_and_environment(
    env: dict[str, str],
    option: str,
    coloured: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    code, out, _ = run(["overdue", "--plan", SMALL, "--as-of", "2024-08-01", "--color", option], capsys)
    assert code == 0 and ("\x1b[" in out) is coloured


def test_colour_never_goes_to_a_file_unless_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kehoach_cli.cli import output

    assert not output.color(output.OutputArgs(str(tmp_path / "x")), {})
    assert output.color(output.OutputArgs(str(tmp_path / "x"), output.Color.always), {})
    assert output.color(output.OutputArgs(str(tmp_path / "x")), {"FORCE_COLOR": "1"})


def test_bad_color_is_worded_by_kehoach(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["status", "--color", "sometimes"], capsys)
    assert code == 2 and out == ""
    assert "'sometimes' is not one of auto, always, never" in err


# --- the pager --------------------------------------------------------------------------------------


def test_pager_command() -> None:
    from kehoach_cli.cli.output import pager_command

    assert pager_command({}) == "less"
    assert pager_command({"PAGER": "most -s"}) == "most -s"
    assert pager_command({"PAGER": ""}) is None and pager_command({"PAGER": "cat"}) is None


def _in_a_terminal(argv: list[str], env: dict[str, str], rows: int = 24) -> str:
    """Run kehoach with a pseudo-terminal of `rows` × 80 as its standard output."""
    import fcntl
    import pty
    import struct
    import termios

    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    with subprocess.Popen(
        [sys.executable, "-m", "kehoach_cli", *argv],
        stdin=subprocess.DEVNULL,
        stdout=child_fd,
        stderr=subprocess.PIPE,
        env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT / "src"), "TERM": "xterm", **env},
    ) as proc:
        os.close(child_fd)
        chunks = []
        while True:
            try:
                data = os.read(main_fd, 65536)
            except OSError:  # the child closed its end
                break
            if not data:
                break
            chunks.append(data)
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.wait(timeout=60)
    os.close(main_fd)
    assert proc.returncode == 0, err
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_long_output_on_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    env = {"PAGER": f"cat > {paged}"}
    argv = ["tasks", "--plan", SHIPPED, "--as-of", AS_OF]
    shown = _in_a_terminal(argv, env)
    assert paged.read_text(encoding="utf-8").count("\n") > 100 and "2.đ.1" not in shown
    paged.unlink()
    shown = _in_a_terminal([*argv, "--no-pager"], env)
    assert not paged.exists() and "2.đ.1" in shown
    # One screen is not paged; neither is a pipe.
    shown = _in_a_terminal(["status", "--plan", SHIPPED, "--as-of", AS_OF], env)
    assert not paged.exists() and "kehoach overdue" in shown
    piped = subprocess.run(
        [sys.executable, "-m", "kehoach_cli", *argv],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT / "src"), **env},
        check=True,
    )
    assert not paged.exists() and "2.đ.1" in piped.stdout


# --- shell completion --------------------------------------------------------------------------------


@pytest.mark.parametrize("instruction", ["bash_source", "source_bash"])
def test_bash_completion_script(
    instruction: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("_KEHOACH_COMPLETE", instruction)
    code, out, _ = run([], capsys)
    assert code == 0 and "complete -o default -F _kehoach_completion kehoach" in out


@pytest.mark.parametrize(
    ("shell", "marker"), [("bash", "complete -o default"), ("zsh", "compdef"), ("fish", "complete --command kehoach")]
)
def test_completion_command(shell: str, marker: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["completion", shell], capsys)
    assert code == 0 and err == "" and marker in out and "_KEHOACH_COMPLETE" in out


def _complete_bash(words: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("_KEHOACH_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split()) - (0 if words.endswith(" ") else 1)))
    code, out, _ = run([], capsys)
    assert code == 0
    return [line for line in out.splitlines() if line]


def test_completion_of_commands_task_ids_and_agencies(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _complete_bash("kehoach sta", capsys, monkeypatch) == ["status"]
    ids = _complete_bash(f"kehoach show --plan {SHIPPED} 2.đ", capsys, monkeypatch)
    assert ids == ["2.đ.1", "2.đ.2"]
    agencies = _complete_bash(f"kehoach overdue --plan {SHIPPED} --agency s", capsys, monkeypatch)
    assert {"sct", "stc", "skhdt"} <= set(agencies)
    assert "Sở Công Thương" in _complete_bash(f"kehoach overdue --plan {SHIPPED} --agency Sở", capsys, monkeypatch)
    # zsh and fish show each task's title next to its id.
    monkeypatch.setenv("_KEHOACH_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", f"kehoach record --plan {SHIPPED} 2.đ")
    _, out, _ = run([], capsys)
    assert '"2.đ.1":"Hoàn thành công tác bồi thường' in out
    monkeypatch.setenv("_KEHOACH_COMPLETE", "complete_fish")
    monkeypatch.setenv("_TYPER_COMPLETE_FISH_ACTION", "get-args")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", f"kehoach tasks --plan {SHIPPED} --status ov")
    _, out, _ = run([], capsys)
    assert out.startswith("overdue\tchưa hoàn thành quá hạn")


def test_completion_of_an_unreadable_plan_is_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _complete_bash(f"kehoach show --plan {tmp_path / 'none.yaml'} 2", capsys, monkeypatch) == []


# --- the plan, the same way everywhere ---------------------------------------------------------------


def test_plan_option_on_every_command_that_reads_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--plan", SMALL], capsys)[0] == 0
    assert run(["check", SMALL], capsys)[0] == 0
    assert run(["check", SMALL, "--plan", SMALL], capsys)[0] == 0
    code, _, err = run(["check", SHIPPED, "--plan", SMALL], capsys)
    assert code == 2 and "name two plans" in err
    assert run(["diff", SMALL, "--plan", SMALL], capsys)[0] == 0
    assert run(["export", "--plan", SMALL], capsys)[0] == 0
    for command in ("status", "overdue", "upcoming", "unowned", "tasks", "agencies", "targets"):
        assert run([command, "--plan", SMALL, "--as-of", "2024-08-01"], capsys)[0] == 0, command


# --- our wording, never pydantic's -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "--format", "jsn"], "'jsn' is not one of text, json, github, sarif; did you mean 'json'?"),
        (["status", "--fail-on", "xx"], "'xx' is not one of overdue, unowned"),
        (["tasks", "--role", "boss"], "'boss' is not one of lead, partner, any"),
        (["status", "--lang", "fr"], "'fr' is not one of vi, en"),
        (["record", "2.a", "--done", "--date", "2020-01-01", "--year", "abc"], "'abc' is not a whole number"),
        (["export", "--format", "toml"], "'toml' is not one of json, yaml"),
    ],
)
def test_bad_values_are_worded_by_kehoach(argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == "" and expected in err
    for pydantic in ("Value error", "Input should", "valid integer", "pydantic", "type=", "errors.pydantic.dev"):
        assert pydantic not in err


# --- warnings -----------------------------------------------------------------------------------------------


def test_a_repeated_single_valued_option_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["overdue", "--plan", SHIPPED, "--as-of", AS_OF, "--format", "json"]
    code, out, err = run([*argv, "--agency", "sct", "--agency", "stc"], capsys)
    assert code == 0 and err == "kehoach: warning: --agency was given 2 times; only the last one, 'stc', is used\n"
    assert out == run([*argv, "--agency", "stc"], capsys)[1]
    # Options that may repeat do so in silence.
    code, _, err = run(
        ["tasks", "--plan", SMALL, "--as-of", "2024-08-01", "--status", "open", "--status", "overdue"], capsys
    )
    assert code == 0 and err == ""


def test_as_of_before_the_plan_is_a_warning(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["status", "--plan", SHIPPED, "--as-of", "2019-01-01", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["counts"]["overdue"] == 0
    assert err == (
        "kehoach: warning: --as-of 2019-01-01 is before the plan was issued (2019-06-10): nothing can be due yet\n"
    )
    assert run(["status", "--plan", SHIPPED, "--as-of", "2019-06-10"], capsys)[2] == ""


def test_readme_documents_every_command_and_convention() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in commands():
        assert f"`kehoach {command}" in readme, command
    for convention in (
        "`-h`",
        "`kehoach --version`",
        "`-o FILE`",
        "`-o -`",
        "`--color auto|always|never`",
        "`NO_COLOR`",
        "`FORCE_COLOR`",
        "`$PAGER`",
        "`--no-pager`",
        "`kehoach --install-completion`",
        "`--period 2026`",
        "`--from DATE`",
        "--within` counts from the as-of date",
        "`--excel`",
        "`--fail-on overdue|unowned`",
        "`II.2.đ.1`",
        "*tỷ lệ hoàn thành*",
        "2.528",
    ):
        assert convention in readme, convention
