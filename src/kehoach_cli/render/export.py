"""The normalised plan (`kehoach export`) as JSON or YAML."""

from __future__ import annotations

from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports.export import Export
from kehoach_cli.safe import json_text


def render_json(value: Export, opts: RenderOptions) -> str:
    return json_text(value.data) + "\n"


def render_yaml(value: Export, opts: RenderOptions) -> str:
    from kehoach_cli.load.yamlio import dump

    return dump(value.data)
