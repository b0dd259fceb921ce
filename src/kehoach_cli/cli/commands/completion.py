"""`kehoach completion SHELL`: the shell completion script, to source from the shell's start-up file."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from kehoach_cli.cli.app import app
from kehoach_cli.cli.options import with_output_options
from kehoach_cli.cli.outcome import Outcome
from kehoach_cli.cli.output import OutputArgs
from kehoach_cli.messages import N_


class Shell(enum.StrEnum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


def completion(
    out: OutputArgs,
    shell: Annotated[Shell, typer.Argument(help=N_("bash, zsh or fish"), show_default=False)],
) -> Outcome:
    from kehoach_cli.cli.completion import script
    from kehoach_cli.cli.output import write

    write(script(shell.value), out)
    return Outcome.ok


app.command(
    "completion",
    help=N_(
        "print the completion script for bash, zsh or fish (commands, options, task ids, agencies).\n\n"
        "\b\n"
        "bash: kehoach completion bash > ~/.local/share/bash-completion/completions/kehoach\n"
        'zsh:  kehoach completion zsh > "${fpath[1]}/_kehoach"\n'
        "fish: kehoach completion fish > ~/.config/fish/completions/kehoach.fish\n\n"
        "(or `kehoach --install-completion`, which detects the shell and edits its start-up file)."
    ),
)(with_output_options(completion))
