"""The load stage: bytes → text → YAML data with a source map → pydantic models.

`load_plan` reads a plan and its progress report files and returns a `Loaded` value with
every problem found on the way (encoding, YAML, schema), each located by file:line:col.
It judges nothing: the semantic checks are the next stage, `kehoach_cli.rules`.
`yamlio` is the only module of kehoach that imports yaml.
"""

from kehoach_cli.load.loader import (
    Loaded,
    LoadedReport,
    display_name,
    drop_shadowed,
    load_bytes,
    load_plan,
    load_text,
    locate,
    parse_file,
    read_text,
)

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
