"""A run builds only the command it invokes: the command line is read the way click reads it."""

from __future__ import annotations

import importlib

import pytest

from kehoach_cli.cli.app import app
from kehoach_cli.cli.commands import register

entry = importlib.import_module("kehoach_cli.cli.main")  # the package's `main` is the function


def test_the_app_options_taking_a_value_are_the_ones_skipped() -> None:
    import typer

    register()
    root = typer.main.get_group(app)
    taking = {opt for p in root.params if not getattr(p, "is_flag", False) for opt in p.opts}
    assert taking == entry.ROOT_VALUE_OPTIONS


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["status", "--format", "json"], "status"),
        (["--max-size", "1M", "check", "plan.yaml"], "check"),
        (["--no-cache", "--max-size=1M", "overdue"], "overdue"),
        (["--help"], None),
        ([], None),
    ],
)
def test_the_invoked_command(args: list[str], name: str | None) -> None:
    assert entry._invoked(args) == name


def test_every_command_is_registered_again_after_a_run(capsys: pytest.CaptureFixture[str]) -> None:
    register()
    before = list(app.registered_commands)
    entry.main(["--no-cache", "rules"])
    capsys.readouterr()
    assert app.registered_commands == before
