"""`kehoach completion SHELL`: the shell completion script, to source from the shell's start-up file."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import with_output_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.cli.output import OutputArgs


class Shell(enum.StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    out: OutputArgs,
    shell: Annotated[Shell, typer.Argument(help="bash, zsh or fish", show_default=False)],
) -> Outcome:
    """Tự hoàn thành lệnh · print the completion script for bash, zsh or fish (commands, options,
    task ids, agencies).

    bash: kehoach completion bash > ~/.local/share/bash-completion/completions/kehoach
    zsh:  kehoach completion zsh > "${fpath[1]}/_kehoach"
    fish: kehoach completion fish > ~/.config/fish/completions/kehoach.fish
    (or `kehoach --install-completion`, which detects the shell and edits its start-up file).
    """
    from kehoach_cli.cli.completion import script
    from kehoach_cli.cli.output import write

    write(script(shell.value), out)
    return Outcome.ok


app.command("completion")(with_output_options(completion))
