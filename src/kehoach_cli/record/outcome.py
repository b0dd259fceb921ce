"""What `kehoach record` did: the value its renderer turns into messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kehoach_cli.messages import Msg
from kehoach_cli.problems import Problem


@dataclass(frozen=True)
class RecordOutcome:
    path: str  # the report file, as named
    task: str
    what: str  # "done", "started", or "12.5 MW"
    date: dt.date | None = None
    agency: str | None = None
    refused: tuple[Problem, ...] = ()  # what `check` would reject: nothing was written
    error: Msg | None = None  # the file could not be read or written: nothing was written
    warnings: tuple[Problem, ...] = ()
    changed: bool = False  # the file changed between reading and writing (checked again)

    @property
    def written(self) -> bool:
        return not self.refused and self.error is None
