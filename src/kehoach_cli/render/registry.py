"""Output formats: one table maps each `--format` choice to its renderer module.

Every renderer module has ``render(report, opts) -> str``. Modules are imported only
when chosen, so ``--format json`` never pays for rich.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable
from dataclasses import dataclass

from ..labels import Lang

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..reports import Report


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@dataclass(frozen=True)
class RenderOptions:
    """Everything a renderer may depend on besides the report: no globals, no terminal probing."""

    lang: Lang = "vi"
    width: int = 80
    color: bool = False


RENDERERS: dict[Format, str] = {
    Format.table: "table",
    Format.json: "jsonout",
    Format.csv: "csvout",
    Format.markdown: "markdown",
}

Renderer = Callable[["Report", RenderOptions], str]


def renderer(fmt: Format) -> Renderer:
    module = importlib.import_module(f"{__package__}.{RENDERERS[fmt]}")
    fn: Renderer = module.render
    return fn


def render(report: Report, fmt: Format, opts: RenderOptions) -> str:
    return renderer(fmt)(report, opts)
