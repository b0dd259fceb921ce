"""What every rule is given: the plan, its registry, and (for progress records) the load."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kehoach_cli.agencies import Registry
from kehoach_cli.load import Loaded
from kehoach_cli.model import Plan


@dataclass(frozen=True)
class Subject:
    plan: Plan
    registry: Registry
    loaded: Loaded | None = None  # None when rules run on the valid part of an invalid plan
    today: dt.date | None = None  # for dates "in the future"; None: today in Việt Nam
