"""Command modules; each adds its commands to `cli.app.app` when imported.

Every module in this package is imported, in name order, so a new command is a new
module. A command only parses its options, calls the library, picks its renderer from the
one table and returns an `Outcome`. Modules keep heavy imports inside their functions:
importing them must stay cheap, so `--help` loads neither yaml nor pydantic.
"""

from __future__ import annotations

import importlib
import pkgutil


def register() -> None:
    from kehoach_cli.cli.app import finish

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        importlib.import_module(f"{__name__}.{info.name}")
    finish()
