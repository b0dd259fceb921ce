"""Change control: two versions of a plan → a `Diff` of typed, located changes (pure).

`compare` pairs the versions and asks each aspect module what changed: `tasks`,
`successions`, `schedules`, `targets`, `plan_level`; `coverage` then decides which
weakening changes a new amendment covers.
"""

from kehoach_cli.diff.change import UNCOVERED, Change, Diff, Kind, Version
from kehoach_cli.diff.compare import compare, from_loaded

__all__ = ["UNCOVERED", "Change", "Diff", "Kind", "Version", "compare", "from_loaded"]
