"""Units the tool understands, and conversion between them.

A small table rather than a units library: the plan's units are Vietnamese words
("triệu kWh", "triệu tấn/năm", "tỷ đồng") that no library knows, the set is small, and
importing pint costs more start-up time than the whole report.

Physical units (energy, power, area, length, mass, money, shares) are checked and
converted within their dimension. Counted nouns ("lần", "văn bản", "hợp tác xã") are an
open vocabulary: a built-in list, plus what a plan declares under `units:`; each counts
only itself, so plants never convert into contracts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kehoach_cli.textnorm import closest

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Plan


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: float  # multiply to get the dimension's base unit

    @property
    def count(self) -> bool:
        return self.dimension.startswith("count:")


_PHYSICAL: tuple[Unit, ...] = (
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
    # mass, base tonnes
    Unit("kg", "mass", 1e-3),
    Unit("tấn", "mass", 1.0),
    Unit("nghìn tấn", "mass", 1e3),
    Unit("triệu tấn", "mass", 1e6),
    # area, base hectares
    Unit("m2", "area", 1e-4),
    Unit("m²", "area", 1e-4),
    Unit("ha", "area", 1.0),
    Unit("km2", "area", 100.0),
    Unit("km²", "area", 100.0),
    # length, base km
    Unit("m", "length", 1e-3),
    Unit("km", "length", 1.0),
    # money, base đồng (tỷ and tỉ are both in use)
    Unit("đồng", "money:VND", 1.0),
    Unit("nghìn đồng", "money:VND", 1e3),
    Unit("triệu đồng", "money:VND", 1e6),
    Unit("tỷ đồng", "money:VND", 1e9),
    Unit("tỉ đồng", "money:VND", 1e9),
    Unit("nghìn tỷ đồng", "money:VND", 1e12),
    Unit("nghìn tỉ đồng", "money:VND", 1e12),
    Unit("USD", "money:USD", 1.0),
    Unit("nghìn USD", "money:USD", 1e3),
    Unit("triệu USD", "money:USD", 1e6),
    Unit("tỷ USD", "money:USD", 1e9),
    Unit("tỉ USD", "money:USD", 1e9),
    # people and visits, counted in thousands too
    Unit("người", "count:người", 1.0),
    Unit("nghìn người", "count:người", 1e3),
    Unit("lượt", "count:lượt", 1.0),
    Unit("nghìn lượt", "count:lượt", 1e3),
    Unit("triệu lượt", "count:lượt", 1e6),
    # shares: a share of a whole, and a yearly rate of growth
    # concentration in air (QCVN 05:2023/BTNMT prints µg/m³), base µg/m³; both micro signs
    Unit("μg/m3", "concentration", 1.0),
    Unit("µg/m3", "concentration", 1.0),
    Unit("μg/m³", "concentration", 1.0),
    Unit("µg/m³", "concentration", 1.0),
    Unit("mg/m3", "concentration", 1e3),
    Unit("mg/m³", "concentration", 1e3),
    Unit("%", "share", 1.0),
    Unit("%/năm", "rate", 1.0),
)

# Counted nouns seen in provincial plans; a plan adds its own under `units:`.
COUNTS: tuple[str, ...] = (
    "lần",
    "văn bản",
    "đơn vị",
    "xã",
    "phường",
    "hợp đồng",
    "nhà máy",
    "doanh nghiệp",
    "trường",
    "dự án",
    "sản phẩm",
    "sàn giao dịch",
    "mô hình",
    "cơ sở",
    "nhóm trẻ",
    "cụm công nghiệp",
    "khu công nghiệp",
    "hợp tác xã",
    "làng nghề",
    "chợ",
    "siêu thị",
    "trung tâm",
    "công trình",
    "chương trình",
    "đề án",
    "đề tài",
    "nhiệm vụ",
    "hồ sơ",
    "thủ tục",
    "dịch vụ",
    "hộ",
    "lao động",
    "học viên",
    "lớp",
    "hội nghị",
    "cuộc",
    "bệnh viện",
    "giường bệnh",
)

_BUILTIN: dict[str, Unit] = {u.name: u for u in _PHYSICAL} | {
    n: Unit(n, f"count:{n}", 1.0) for n in COUNTS if n not in {u.name for u in _PHYSICAL}
}


class Vocabulary:
    """The units one plan may use: the built-in table and the counts it declares."""

    def __init__(self, declared: Iterable[str] = ()) -> None:
        self.units: dict[str, Unit] = dict(_BUILTIN)
        for name in declared:
            self.units.setdefault(name.strip(), Unit(name.strip(), f"count:{name.strip()}", 1.0))

    def lookup(self, name: str) -> Unit | None:
        return self.units.get(name.strip())

    def is_count(self, name: str) -> bool:
        unit = self.lookup(name)
        return unit is not None and unit.count

    def convert(self, value: float, from_unit: str, to_unit: str) -> float | None:
        """`value` in `to_unit`, or None when the units measure different things. A unit
        the vocabulary does not know converts only to itself."""
        a, b = self.lookup(from_unit), self.lookup(to_unit)
        if a is None or b is None:
            return value if from_unit.strip() == to_unit.strip() else None
        if a.dimension != b.dimension:
            return None
        return value * a.factor / b.factor

    def suggest(self, name: str) -> list[str]:
        exact_case = [u for u in self.units if u.lower() == name.strip().lower()]
        return exact_case or closest(name, list(self.units))

    def miscased_physical(self, name: str) -> str | None:
        """The physical unit `name` misspells by case only ("KWh" for "kWh"), if any."""
        folded = name.strip().lower()
        return next((u.name for u in _PHYSICAL if u.name.lower() == folded and u.name != name.strip()), None)


BUILTIN = Vocabulary()


def for_plan(plan: Plan) -> Vocabulary:
    return Vocabulary(u.name for u in plan.units)


def convert(value: float, from_unit: str, to_unit: str) -> float | None:
    """`value` in `to_unit` with the built-in units only (for comparing two plans' targets)."""
    return BUILTIN.convert(value, from_unit, to_unit)
