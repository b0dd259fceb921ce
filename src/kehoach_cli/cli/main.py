"""Entry point: run the Typer app and turn every outcome, and every exception, into one exit code."""

from __future__ import annotations

import gc
import io
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kehoach_cli.cli.outcome import Outcome, exit_code
from kehoach_cli.messages import DEFAULT, LANGUAGES, language, msg, set_language
from kehoach_cli.safe import terminal

GC_THRESHOLD = 1_000_000  # allocations between collections of the youngest generation (Python's default: 700)
MESSAGE_LINE_LIMIT = 500  # a usage error quoting a huge argument is cut, line by line


# Libraries only some commands load (pyproject's extras): without them, say which extra to install.
OPTIONAL_MODULES: dict[str, str] = {
    "docx": "report",
    "openpyxl": "report",
    "icalendar": "report",
    "resvg_py": "report",
    "pypdfium2": "import",
}


def main(argv: list[str] | None = None) -> int:
    # A run builds large trees of small objects (about 400,000 YAML nodes at 10,000 tasks)
    # and makes few reference cycles, yet the cyclic collector, by default run every 700
    # allocations, walks the whole growing tree again and again: a fifth of a cold `check`
    # at 10,000 tasks (3.9 s against 3.1 s, the same peak memory). Collect far less often.
    gc.set_threshold(GC_THRESHOLD, 20, 50)
    _tolerant_streams()
    args = sys.argv[1:] if argv is None else argv
    set_language(chosen_language(args, os.environ))
    helped = _help(args)
    return exit_code(helped if helped is not None else _run(argv))


def _help(args: list[str]) -> Outcome | None:
    """A request for help alone, answered without parsing (see `cli.helptext`); None otherwise."""
    from kehoach_cli.cli import helptext

    path = helptext.request(args)
    if path is None:
        return None
    try:
        return Outcome.ok if helptext.answer(path, language()) else None
    except BrokenPipeError:
        return Outcome.ok


def chosen_language(argv: list[str], env: Mapping[str, str]) -> str:
    """The language of this command line, decided before any command module is imported
    (help is printed before options are parsed): the last ``--lang X`` or ``--lang=X``
    before a ``--``, else $KEHOACH_LANG, else Vietnamese. A value that names no language
    counts as none here (the option itself then refuses it, in the language otherwise chosen)."""
    chosen = DEFAULT
    given = [env.get("KEHOACH_LANG", "")]
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            given.append(argv[i + 1])
        elif arg.startswith("--lang="):
            given.append(arg.removeprefix("--lang="))
    for value in given:
        if value.strip().lower() in LANGUAGES:
            chosen = value.strip().lower()
    return chosen


def _tolerant_streams() -> None:
    """Any output encoding works: what it cannot encode (Vietnamese in cp1258, which
    lacks the precomposed letters) is written as a backslash escape, never an error."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, io.UnsupportedOperation):
                continue


def say(text: str) -> None:
    """A message on stderr, made safe for the terminal and cut to a sane length."""
    lines = [terminal(line, limit=MESSAGE_LINE_LIMIT) for line in text.rstrip("\n").split("\n")]
    sys.stderr.write("\n".join(lines) + "\n")


def _run(argv: list[str] | None) -> Outcome:
    from typer import exceptions as typer_exc
    from typer._click import exceptions as click_exc

    from kehoach_cli.cli import completion
    from kehoach_cli.cli.app import app
    from kehoach_cli.cli.commands import register
    from kehoach_cli.cli.parsing import explain
    from kehoach_cli.errors import UnreadableInput, UsageProblem

    register()
    completion.normalise_instruction()
    every = list(app.registered_commands)
    invoked = _invoked(sys.argv[1:] if argv is None else argv)
    # typer builds a click command for every registered command on each run (about 4 ms
    # each): a run of one command builds only that one. Help, completion and an unknown
    # name still see them all.
    chosen = [c for c in every if invoked is not None and _name(c) == invoked]
    if completion.requested():
        chosen = []
    try:
        app.registered_commands[:] = chosen or every
        result = app(args=argv, prog_name="kehoach", standalone_mode=False)
    except SystemExit as exc:  # shell completion answers, then exits with its own status
        return Outcome.ok if exc.code in (0, None) else Outcome.usage
    except typer_exc.Exit as exc:
        return Outcome.ok if exc.exit_code == 0 else Outcome.usage
    except typer_exc.Abort:
        say("kehoach: " + msg("interrupted").text(language()))
        return Outcome.interrupted
    except click_exc.ClickException as exc:
        say(explain(exc))  # click echoes the bad value: it goes through `say`
        return Outcome.usage
    except (UsageProblem, UnreadableInput) as exc:
        say(f"kehoach: {exc.worded(language())}")
        return Outcome.usage
    except KeyboardInterrupt:
        say("kehoach: " + msg("interrupted").text(language()))
        return Outcome.interrupted
    except BrokenPipeError:
        return Outcome.ok
    except Exception as exc:  # a bug: one line naming the crash log, not a traceback
        missing = exc.name or "" if isinstance(exc, ModuleNotFoundError) else ""
        extra = OPTIONAL_MODULES.get(missing.split(".")[0])
        if isinstance(exc, ModuleNotFoundError) and extra is not None:
            needs = msg(
                "this needs the optional package {package}: install kehoach with its '{extra}' extra, "
                "e.g. pip install 'kehoach[{extra}]'",
                package=repr(exc.name),
                extra=extra,
            )
            say("kehoach: " + needs.text(language()))
            return Outcome.usage
        log = crash_log(exc, argv)
        where = msg("details in {file}", file=str(log)) if log is not None else msg("no crash log could be written")
        bug = msg(
            "internal error ({error}); this is a bug in kehoach, not in your plan: {where}; "
            "please report it with the command you ran",
            error=type(exc).__name__,
            where=where,
        )
        say("kehoach: " + bug.text(language()))
        if os.environ.get("KEHOACH_DEBUG"):
            import traceback

            traceback.print_exc()
        return Outcome.internal
    finally:
        app.registered_commands[:] = every  # main() may run again in the same process (tests)
    return result if isinstance(result, Outcome) else Outcome.ok


# The options of the app itself (given before the command) that take a value.
ROOT_VALUE_OPTIONS = frozenset({"--max-size"})


def _invoked(args: list[str]) -> str | None:
    """The command named on the command line: the first word after the app's own options."""
    i = 0
    while i < len(args) and args[i].startswith("-"):
        i += 2 if args[i] in ROOT_VALUE_OPTIONS else 1
    return args[i] if i < len(args) else None


def _name(info: Any) -> str | None:
    return info.name or (info.callback.__name__.replace("_", "-") if info.callback else None)


def crash_dir() -> list[Path]:
    """Where crash logs go, in order of preference: $XDG_STATE_HOME/kehoach (default
    ~/.local/state/kehoach, the XDG place for logs), else the system's temporary folder.
    Never the repository: a CI checkout may be read-only, and a log there could be
    committed with the plan."""
    import tempfile

    state = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return [Path(state) / "kehoach", Path(tempfile.gettempdir()) / f"kehoach-{_user()}"]


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:  # Windows
        return os.environ.get("USERNAME", "user")


def _own_directory(directory: Path) -> bool:
    """A real folder of ours, not a link someone planted in a shared temporary folder."""
    import stat

    st = directory.lstat()
    return stat.S_ISDIR(st.st_mode) and (not hasattr(os, "getuid") or st.st_uid == os.getuid())


def crash_log(exc: BaseException, argv: list[str] | None) -> Path | None:
    """Write the traceback, the command line and the versions to a new file; its path."""
    import datetime as dt
    import platform
    import traceback

    from kehoach_cli import __version__

    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    args = sys.argv[1:] if argv is None else argv
    body = (
        f"kehoach {__version__}, Python {platform.python_version()} on {platform.platform()}\n"
        f"arguments: {[terminal(a, limit=MESSAGE_LINE_LIMIT) for a in args]}\n"
        f"working directory: {terminal(os.getcwd())}\n\n" + terminal("".join(traceback.format_exception(exc)))
    )
    for directory in crash_dir():
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _own_directory(directory):
                continue
            path = directory / f"crash-{stamp}-{os.getpid()}.log"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except OSError:
            continue
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as f:
            f.write(body)
        return path
    return None
