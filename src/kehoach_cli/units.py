"""Units the tool understands, and conversion between them.

A small table rather than a units library: the plan's units are Vietnamese words
("triệu kWh", "triệu tấn/năm", "hợp đồng") that no library knows, the set is tiny, and
importing pint costs more start-up time than the whole report.
"""

from __future__ import annotations

from dataclasses import dataclass

from kehoach_cli.textnorm import closest


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: float  # multiply to get the dimension's base unit


_TABLE: tuple[Unit, ...] = (
    # energy, base kWh
    Unit("Wh", "energy", 1e-3),
    Unit("kWh", "energy", 1.0),
    Unit("MWh", "energy", 1e3),
    Unit("GWh", "energy", 1e6),
    Unit("TWh", "energy", 1e9),
    Unit("triệu kWh", "energy", 1e6),
    Unit("tỷ kWh", "energy", 1e9),
    # power, base kW
    Unit("W", "power", 1e-3),
    Unit("kW", "power", 1.0),
    Unit("MW", "power", 1e3),
    Unit("GW", "power", 1e6),
    # throughput, base tonnes a year
    Unit("tấn/năm", "throughput", 1.0),
    Unit("nghìn tấn/năm", "throughput", 1e3),
    Unit("triệu tấn/năm", "throughput", 1e6),
    # share
    Unit("%", "share", 1.0),
    # counts: each its own dimension, so plants never convert into contracts
    Unit("nhà máy", "count:nhà máy", 1.0),
    Unit("hợp đồng", "count:hợp đồng", 1.0),
    Unit("trường", "count:trường", 1.0),
    Unit("dự án", "count:dự án", 1.0),
    Unit("doanh nghiệp", "count:doanh nghiệp", 1.0),
    Unit("văn bản", "count:văn bản", 1.0),
)

UNITS: dict[str, Unit] = {u.name: u for u in _TABLE}


def lookup(name: str) -> Unit | None:
    return UNITS.get(name.strip())


def suggest(name: str) -> list[str]:
    exact_case = [u for u in UNITS if u.lower() == name.strip().lower()]
    return exact_case or closest(name, list(UNITS))


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` in `to_unit`, or None when the units measure different things."""
    a, b = lookup(from_unit), lookup(to_unit)
    if a is None or b is None or a.dimension != b.dimension:
        return None
    return value * a.factor / b.factor
