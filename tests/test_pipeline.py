"""The shape of the pipeline: one renderer table, layers, and what a command imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach_cli.cli.options import OFFERED
from kehoach_cli.render.registry import RENDERERS, Kind, formats, renderer

ROOT = Path(__file__).resolve().parent.parent


def test_every_table_entry_is_a_renderer() -> None:
    for kind, fmt in RENDERERS:
        assert callable(renderer(kind, fmt)), (kind, fmt)


@pytest.mark.parametrize("kind", list(OFFERED))
def test_every_offered_format_has_a_renderer(kind: Kind) -> None:
    offered = {f.value for f in OFFERED[kind]}
    assert offered == {f.value for f in formats(kind)}


def _imported_by(argv: list[str]) -> set[str]:
    code = (
        "import sys, json, io, contextlib\n"
        "from kehoach_cli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({argv!r})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return set(json.loads(proc.stdout.splitlines()[-1]))


def test_status_json_imports_neither_rich_nor_the_record_writer() -> None:
    mods = _imported_by(["status", "--plan", str(ROOT / "plan.yaml"), "--format", "json", "--as-of", "2026-11-27"])
    assert "kehoach_cli.evaluate" in mods  # the command really ran
    assert not {m for m in mods if m == "rich" or m.startswith("rich.")}
    assert not {m for m in mods if m.startswith("kehoach_cli.record")}


def test_help_imports_neither_yaml_nor_pydantic() -> None:
    mods = _imported_by(["--help"])
    assert "yaml" not in mods and "pydantic" not in mods
