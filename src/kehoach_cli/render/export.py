"""The normalised plan (`kehoach export`) as JSON or YAML."""

from __future__ import annotations

import json

from kehoach_cli.render.registry import RenderOptions
from kehoach_cli.reports.export import Export


def render_json(value: Export, opts: RenderOptions) -> str:
    return json.dumps(value.data, ensure_ascii=False, indent=2) + "\n"


def render_yaml(value: Export, opts: RenderOptions) -> str:
    from kehoach_cli.load.yamlio import dump

    return dump(value.data)
