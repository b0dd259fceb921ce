"""Agency matching, succession, units: on the shipped plan's registry."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from kehoach_cli.agencies import Registry
from kehoach_cli.load import load_plan
from kehoach_cli.units import convert

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def registry() -> Registry:
    loaded = load_plan(ROOT / "plan.yaml")
    assert loaded.ok
    return loaded.registry


@pytest.mark.parametrize(
    "query",
    [
        "Sở Công Thương",
        "so cong thuong",
        "SCT",
        "SỞ CÔNG THƯƠNG",
        unicodedata.normalize("NFD", "Sở Công Thương"),
        "sct",
    ],
)
def test_loose_find(registry: Registry, query: str) -> None:
    found = registry.find(query)
    assert found is not None and found.name == "Sở Công Thương"


def test_strict_resolve_forgives_case_not_diacritics(registry: Registry) -> None:
    assert registry.resolve("Sở Tài Chính") is not None
    assert registry.resolve("So Tai chinh") is None
    assert registry.suggest("Sở Công Thươg")[0] == "Sở Công Thương"


def test_succession_as_of_a_date(registry: Registry) -> None:
    skhdt = registry.find("Sở Kế hoạch và Đầu tư")
    assert skhdt is not None
    assert [a.name for a in registry.successors(skhdt, dt.date(2021, 1, 1))] == ["Sở Kế hoạch và Đầu tư"]
    assert [a.name for a in registry.successors(skhdt, dt.date(2026, 11, 27))] == ["Sở Tài chính"]


def test_split_succession_per_task(registry: Registry) -> None:
    plan = registry.plan
    sld = registry.find("Sở Lao động - Thương binh và Xã hội")
    assert sld is not None
    after = dt.date(2026, 1, 1)
    by_id = {t.id: t for t in plan.tasks}
    assert [a.name for a in registry.successors(sld, after, by_id["5.a"])] == ["Sở Giáo dục và Đào tạo"]
    assert [a.name for a in registry.successors(sld, after, by_id["5.đ"])] == ["Sở Nội vụ"]
    assert {a.name for a in registry.successors(sld, after)} == {"Sở Nội vụ", "Sở Giáo dục và Đào tạo"}


def test_dissolved_district_committees_have_no_successor(registry: Registry) -> None:
    districts = registry.find("UBND các huyện, thành phố")
    assert districts is not None
    assert registry.successors(districts, dt.date(2025, 6, 30)) == [districts]
    assert registry.successors(districts, dt.date(2025, 7, 1)) == []


def test_units_convert() -> None:
    assert convert(800, "triệu kWh", "GWh") == pytest.approx(800)
    assert convert(100, "MW", "kW") == pytest.approx(100_000)
    assert convert(1, "MW", "GWh") is None
    assert convert(5, "hợp đồng", "trường") is None
