"""The command line: a thin Typer adapter over the library stages.

`main` parses options, runs one command, and maps its outcome to the exit code in one
place (`exitcodes`). Commands live in `commands/`, one module each.
"""

from kehoach_cli.cli.main import main

__all__ = ["main"]
