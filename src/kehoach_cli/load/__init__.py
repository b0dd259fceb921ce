"""The load stage: bytes → text → YAML data with a source map → pydantic models.

`load_plan` reads a plan and its progress report files and returns a `Loaded` value with
every problem found on the way (encoding, YAML, schema), each located by file:line:col.
It judges nothing: the semantic checks are the next stage, `kehoach_cli.rules`.
`yamlio` is the only module of kehoach that imports yaml.

The names below are imported on first use: a warm run served by the plan cache
(`load.cache`) imports neither yaml nor pydantic, which the loader needs.
"""

from __future__ import annotations

import importlib
from typing import Any

TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.load.loaded import Loaded as Loaded
    from kehoach_cli.load.loaded import LoadedReport as LoadedReport
    from kehoach_cli.load.loader import drop_shadowed as drop_shadowed
    from kehoach_cli.load.loader import load_bytes as load_bytes
    from kehoach_cli.load.loader import load_plan as load_plan
    from kehoach_cli.load.loader import load_text as load_text
    from kehoach_cli.load.loader import locate as locate
    from kehoach_cli.load.loader import parse_file as parse_file
    from kehoach_cli.load.loader import read_text as read_text
    from kehoach_cli.load.source import display_name as display_name

_WHERE = {
    "Loaded": "loaded",
    "LoadedReport": "loaded",
    "display_name": "source",
    "drop_shadowed": "loader",
    "load_bytes": "loader",
    "load_plan": "loader",
    "load_text": "loader",
    "locate": "loader",
    "parse_file": "loader",
    "read_text": "loader",
}

__all__ = [
    "Loaded",
    "LoadedReport",
    "display_name",
    "drop_shadowed",
    "load_bytes",
    "load_plan",
    "load_text",
    "locate",
    "parse_file",
    "read_text",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
