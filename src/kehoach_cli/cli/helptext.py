"""`kehoach --help` and `kehoach COMMAND --help`, kept in the cache once printed.

Help is the same text for the same kehoach, language and width, yet printing it costs a
typer app with all nineteen commands built (~60 ms on the project's machine, most of a
`--help`). So a request for help alone is answered from the cache when the text is kept
there; otherwise the text is made from the click command, as click's own ``--help`` makes
it (`Context.get_help`), printed and kept. The key holds kehoach's code fingerprint (its
version and every module, data file and translation), the language, the width and the
request; a changed checkout, another language or another terminal width is another text.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sys
from collections.abc import Mapping, Sequence

from kehoach_cli.cli import completion
from kehoach_cli.load import cachedir

HELP = ("-h", "--help")
_SUFFIX = ".help"


def request(args: Sequence[str], env: Mapping[str, str] = os.environ) -> tuple[str, ...] | None:
    """The command path of a request for help alone: () for `kehoach --help`, ("status",)
    for `kehoach status --lang en -h`; None for anything else (which typer parses)."""
    if completion.requested(env):
        return None
    if len(args) == 1 and args[0] in HELP:
        return ()
    if not args or args[0].startswith("-"):
        return None
    rest, i = [], 1
    while i < len(args):
        if args[i] == "--lang" and i + 1 < len(args):
            i += 2  # every command takes --lang, which chose the language already
            continue
        if not args[i].startswith("--lang="):
            rest.append(args[i])
        i += 1
    return (args[0],) if len(rest) == 1 and rest[0] in HELP else None


def answer(path: tuple[str, ...], lang: str) -> bool:
    """Print the help of `path` from the cache or freshly made; False when `path` names no
    command (typer then says so, as for any unknown command)."""
    cachedir.enabled = True  # as the app's callback sets it for each run (help is before any option)
    columns = shutil.get_terminal_size().columns  # what click's HelpFormatter reads
    key = hashlib.sha256(repr((cachedir.code_fingerprint(), lang, columns, path)).encode()).hexdigest()
    folder = cachedir.directory()
    kept = None if folder is None else cachedir.read_entry(folder / f"{key}{_SUFFIX}", whole=False)
    if kept is not None and kept[0].get("key") == key and isinstance(kept[0].get("text"), str):
        sys.stdout.write(kept[0]["text"])
        return True
    text = made(path, lang)
    if text is None:
        return False
    sys.stdout.write(text)
    if folder is not None:
        cachedir.keep(folder, f"{key}{_SUFFIX}", {"key": key, "text": text}, {})
    return True


def made(path: tuple[str, ...], lang: str) -> str | None:
    """The help text of `path` in `lang` as click's --help prints it, or None for an unknown command."""
    import typer.main

    from kehoach_cli.cli.app import app
    from kehoach_cli.cli.commands import register
    from kehoach_cli.messages import set_language

    register()
    group = typer.main.get_command(app)
    ctx = group.make_context("kehoach", [], resilient_parsing=True)
    if not path:
        return ctx.get_help() + "\n"
    command = getattr(group, "commands", {}).get(path[0])
    if command is None:
        return None
    with command.make_context(path[0], [], parent=ctx, resilient_parsing=True) as sub:
        set_language(lang)  # --lang's callback saw its default while the context was made
        return str(sub.get_help()) + "\n"
