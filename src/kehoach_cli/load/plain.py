"""A validated plan as plain data, and back as light objects, for the plan cache.

`to_plain` turns pydantic model instances into lists, dicts, numbers and strings that
`marshal` stores (a model becomes ``("M", class name, {field: value})``, a date
``("D", ordinal)``, a long list of models ``("P", [marshal string of each])``); `from_plain` rebuilds them as `Plain` objects with the same
attributes, so a warm run evaluates and renders a plan without importing pydantic or
building its models. What a model computes from its fields (`Plan.full_ref`,
`PlanMeta.first_year`) comes from kehoach_cli.derived, shared with the models.

The plain objects answer attribute reads only: code that dispatches on a model's class
with `isinstance` does not see them as models, so the pipeline of the commands that
accept them (evaluate, schedule, reports, their renderers) dispatches on `kind`.
"""

from __future__ import annotations

import datetime as dt
import marshal
from typing import Any

from kehoach_cli.derived import MetaYears, PlanSections

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pydantic import BaseModel

_MODEL = "M"
_DATE = "D"
_PACKED = "P"
# A list of at least this many models (the tasks, the records) is stored as one marshal
# string per item: the plain copy of one item lives only while it is packed, so storing
# 100,000 tasks never holds a second tree of the whole plan (at 10,000 tasks the tree was
# 20 MiB, its marshal string 8).
PACK_AT = 64


_SCALARS = frozenset({str, int, float, bool, type(None)})


def to_plain(value: Any) -> Any:
    """Plain data of a model instance (or of a list of them, a date, a scalar)."""
    kind = value.__class__
    if kind in _SCALARS:
        return value
    if kind is list or kind is tuple:
        if len(value) >= PACK_AT and value[0].__class__ not in _SCALARS:
            return (_PACKED, [marshal.dumps(to_plain(v)) for v in value])
        return [v if v.__class__ in _SCALARS else to_plain(v) for v in value]
    if isinstance(value, dt.date):
        return (_DATE, value.toordinal())
    model: BaseModel = value
    # A model's fields are its __dict__, in their declared order (extra fields are
    # forbidden); scalars, most values, are taken as they are without a call per value.
    return (
        _MODEL,
        kind.__name__,
        {name: v if v.__class__ in _SCALARS else to_plain(v) for name, v in model.__dict__.items()},
    )


def from_plain(value: Any) -> Any:
    """The objects `to_plain` describes, as `Plain` objects, dates and lists."""
    kind = value.__class__
    if kind is tuple:
        if value[0] == _DATE:
            return dt.date.fromordinal(value[1])
        if value[0] == _PACKED:
            return [from_plain(marshal.loads(b)) for b in value[1]]
        cls = _CLASSES.get(value[1]) or _plain_class(value[1])
        fields = value[2]  # fresh from marshal: it becomes the object's own attributes
        for name, v in fields.items():
            if v.__class__ is tuple or v.__class__ is list:
                fields[name] = from_plain(v)
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", fields)
        return obj
    if kind is list:
        return [from_plain(v) if v.__class__ is tuple or v.__class__ is list else v for v in value]
    return value


class Plain:
    """A frozen bag of a model's fields, compared by value like a frozen model."""

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is frozen")

    def _fields(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._fields().values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self._fields().items())
        return f"{type(self).__name__}({inner})"


class PlainPlan(Plain, PlanSections[Any]):
    pass


class PlainPlanMeta(Plain, MetaYears):
    pass


_CLASSES: dict[str, type[Plain]] = {"Plan": PlainPlan, "PlanMeta": PlainPlanMeta}


def _plain_class(name: str) -> type[Plain]:
    """One Plain subclass per model name, so `type(x).__name__` reads as the model's."""
    cls = _CLASSES[name] = type(name, (Plain,), {"__module__": __name__})
    return cls
