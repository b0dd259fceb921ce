"""Where output goes and how it may look, decided here once so that renderers never probe
the terminal or the environment.

* ``-o FILE`` writes the file atomically (the whole output or the old file untouched) and
  is the only way kehoach writes a file it was not told to write by `record`;
  ``-o -`` (or no ``-o``) is standard output.
* ``--color auto|always|never``: ``auto`` colours only a terminal, never with ``NO_COLOR``
  (https://no-color.org) or ``TERM=dumb``, and always with ``FORCE_COLOR``
  (https://force-color.org); ``NO_COLOR`` wins over ``FORCE_COLOR``, the option over both.
* Output longer than the terminal goes through ``$PAGER`` (``less`` by default, with
  ``LESS=FRX`` unless set) when standard output is a terminal; never into a pipe or a
  file, never with ``--no-pager`` or ``PAGER=cat``.
* Width: ``$COLUMNS``, else the terminal's width, else 80 (a pipe or a file).
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kehoach_cli.errors import UsageProblem
from kehoach_cli.messages import language, msg
from kehoach_cli.render.registry import Format, Kind, RenderOptions, render
from kehoach_cli.vocab import Lang

STDOUT = "-"


class Color(enum.StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


@dataclass(frozen=True)
class OutputArgs:
    """-o, --color and --no-pager, as given."""

    path: str | None = None
    color: Color = Color.auto
    pager: bool = True

    @property
    def to_stdout(self) -> bool:
        return self.path is None or self.path == STDOUT


def _tty(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (ValueError, AttributeError):
        return False


def width(out: OutputArgs = OutputArgs(), env: Mapping[str, str] = os.environ) -> int:
    """$COLUMNS, else the terminal's width (writing to it), else 80 (a pipe or a file)."""
    given = env.get("COLUMNS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    if out.to_stdout and _tty(sys.stdout):
        try:
            return os.get_terminal_size(sys.stdout.fileno()).columns
        except (OSError, ValueError, AttributeError):
            pass
    return 80


def color(out: OutputArgs = OutputArgs(), env: Mapping[str, str] = os.environ) -> bool:
    """Whether to colour: the option, else NO_COLOR, else FORCE_COLOR, else a terminal."""
    if out.color is not Color.auto:
        return out.color is Color.always
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return out.to_stdout and env.get("TERM") != "dumb" and _tty(sys.stdout)


def github_actions() -> bool:
    """Running inside GitHub Actions (the runner sets GITHUB_ACTIONS=true): annotations by default."""
    return os.environ.get("GITHUB_ACTIONS") == "true"


def options(
    fmt: Format,
    lang: Lang | None = None,
    out: OutputArgs = OutputArgs(),
    *,
    files: Iterable[str] = (),
    today: dt.date | None = None,
    excel: bool = False,
) -> RenderOptions:
    """The render options for `fmt` written to `out`; CI formats get each file's path from the git root."""
    paths: dict[str, str] = {}
    if fmt in (Format.github, Format.sarif):
        from kehoach_cli.cli.gitrev import repo_paths

        paths = repo_paths(files)
    chosen = lang if lang is not None else Lang(language())
    return RenderOptions(chosen, width(out), fmt is Format.table and color(out), today, paths, excel)


def emit(
    kind: Kind,
    value: object,
    fmt: Format,
    out: OutputArgs = OutputArgs(),
    lang: Lang | None = None,
    *,
    files: Iterable[str] = (),
    keep: Iterable[Path] = (),
    excel: bool = False,
) -> None:
    """Render `value` with the table's renderer and send it where `out` says.

    `keep` are the files the command read: `-o` never writes over them. `lang`: the
    command line's language unless given."""
    write(render(kind, value, fmt, options(fmt, lang, out, files=files, excel=excel)), out, keep)


def emit_stream(kind: Kind, value: object, fmt: Format, stream: str = "stdout") -> None:
    """Render `value` as plain text to standard output or standard error (`record`'s receipt)."""
    out = sys.stderr if stream == "stderr" else sys.stdout
    out.write(render(kind, value, fmt, options(fmt)))


def write(text: str, out: OutputArgs, keep: Iterable[Path] = ()) -> None:
    if not out.to_stdout:
        assert out.path is not None
        write_file(Path(out.path), text.encode("utf-8"), keep)
    elif not (out.pager and _page(text)):
        sys.stdout.write(text)


def write_file(path: Path, data: bytes, keep: Iterable[Path] = (), *, replace: bool = True) -> None:
    """`-o FILE`: the whole content or nothing; never over a file the command is reading,
    and over an existing file only if `replace` (import, report and calendar ask --force)."""
    from kehoach_cli.files import FileChanged, NotWritable, atomic_write, snapshot

    shown = str(path)
    real = Path(os.path.realpath(path))
    if real.is_dir():
        raise UsageProblem(msg("is a directory: name a file to write"), "output", shown)
    if any(real == Path(os.path.realpath(k)) for k in keep):
        raise UsageProblem(msg("is a file this command reads: choose another name"), "output", shown)
    if not real.parent.is_dir():
        raise UsageProblem(
            msg("cannot be written: there is no directory {folder}", folder=repr(str(path.parent))), "output", shown
        )
    try:
        existing = snapshot(real, max_size=1 << 40)  # a FIFO or device is refused, not opened
        if existing.exists and not replace:
            raise UsageProblem(msg("exists; add --force to replace it"), "output", shown)
        atomic_write(real, data, expect=existing)
    except (FileChanged, NotWritable) as exc:
        raise UsageProblem(exc.message, "output", shown) from None
    except OSError as exc:
        raise UsageProblem(
            msg("cannot be written: {reason}", reason=str(exc.strerror or exc)), "output", shown
        ) from None


def _page(text: str, env: Mapping[str, str] = os.environ) -> bool:
    """Show `text` through the pager if it is longer than the terminal; False if it was not."""
    command = pager_command(env)
    if command is None or not _tty(sys.stdout):
        return False
    try:
        rows = os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError):
        return False
    if rows <= 0 or text.count("\n") < rows:  # a terminal of unknown height is not paged
        return False
    sys.stdout.flush()
    child_env = dict(env)
    child_env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the screen as it was
    try:
        # As git does: PAGER is a command line for the shell ("less -S", "most").
        proc = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=child_env)
    except OSError:
        return False
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode(sys.stdout.encoding or "utf-8", errors="replace"))
        proc.stdin.close()
    except BrokenPipeError:  # the reader quit before the end
        pass
    while True:
        try:
            proc.wait()
            return True
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager (less uses it to stop a search)
            continue


def pager_command(env: Mapping[str, str] = os.environ) -> str | None:
    """$PAGER (default less), or None when it is empty or `cat` (no pager wanted)."""
    command = env.get("PAGER", "less").strip()
    return None if command in ("", "cat") else command
