"""What a plan's models compute from their own fields: a task's section and full
reference, the first year of obligations.

Shared by the pydantic models (kehoach_cli.model) and the plain objects a cached plan is
rebuilt as (kehoach_cli.load.plain), so a warm run answers the same without pydantic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cached_property
from typing import Generic, Protocol, TypeVar

TYPE_CHECKING = False

# Months in one period of each recurring unit.
UNIT_MONTHS: dict[str, int] = {"year": 12, "half": 6, "quarter": 3, "month": 1}


class _Section(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def parent(self) -> str | None: ...


class _Task(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def section(self) -> str | None: ...


class _Dated(Protocol):
    @property
    def start_year(self) -> int | None: ...

    @property
    def date(self) -> dt.date: ...


_S = TypeVar("_S", bound=_Section)


class PlanSections(Generic[_S]):
    """The plan's sections, for a plan-like object with `sections`."""

    # Declared for the type checker only: pydantic would read a runtime annotation as a
    # field of the model and reorder the JSON Schema.
    if TYPE_CHECKING:
        sections: Sequence[_S]

    @cached_property
    def _sections(self) -> dict[str, _S]:
        return {s.id: s for s in self.sections}

    def section_of(self, task: _Task) -> str:
        """The task's `section`, else the first segment of its id ("2.đ.1" → "2")."""
        return task.section if task.section is not None else task.id.split(".", 1)[0]

    def section(self, section_id: str) -> _S | None:
        return self._sections.get(section_id)

    def section_chain(self, section_id: str) -> list[str]:
        """The section's ancestors' ids and its own, outermost first ("2" under "II": II, 2)."""
        chain = [section_id]
        current = self._sections.get(section_id)
        while current is not None and current.parent is not None and current.parent not in chain:
            chain.insert(0, current.parent)
            current = self._sections.get(current.parent)
        return chain

    def full_ref(self, task: _Task) -> str:
        """The document's own reference: the id with every enclosing section it does not already
        name ("2.đ.1" in "2" under "II" → "II.2.đ.1"; "III.3.a.1" in "III.3.a" stays as it is)."""
        chain = self.section_chain(self.section_of(task)) if self._sections else []
        ref = task.id
        for section_id in reversed(chain):  # innermost first
            if ref != section_id and not ref.startswith(section_id + "."):
                ref = f"{section_id}.{ref}"
        return ref


class MetaYears:
    """The plan metadata's first year, for an object with `start_year` and `date`."""

    @property
    def first_year(self: _Dated) -> int:
        return self.start_year if self.start_year is not None else self.date.year
