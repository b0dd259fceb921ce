"""A large, valid, realistic plan for benchmarks: `python benchmarks/generate_plan.py --tasks N -o FILE`.

The registry (agencies with their aliases, the successions of 2025) and the plan's metadata
are the shipped plan.yaml's own, copied verbatim; the tasks are synthetic and say so. Each
task names its agencies by one of their printed spellings, as real plans do, and has one
of every schedule kind the model accepts, in proportions like those of real plans.
Progress records go to reports/<agency-id>.yaml next to FILE, written by an agency that
answers for the task on the record's date (through succession where it applies), so the
output passes `kehoach check`.

The kinds of the second edition of the format (docs: spec plan-v2: quarterly and monthly
recurrences, ongoing, on-occurrence, relative and combined schedules, baselines with a
year) are written when the model accepts them (`--v2 auto`, the default), always
(`--v2 on`) or never (`--v2 off`).

Output is a function of --tasks and --seed only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

PLAN_DATE = dt.date(2019, 6, 10)
HORIZON = 2030
# Records are dated on or before this day, so a generated plan stays valid from then on
# (`check` refuses records dated after today).
LAST_RECORD = dt.date(2026, 10, 31)

LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

VERBS = [
    "Xây dựng",
    "Triển khai",
    "Rà soát, hoàn thiện",
    "Tổ chức thực hiện",
    "Đẩy mạnh",
    "Nghiên cứu, đề xuất",
    "Hướng dẫn, kiểm tra",
    "Phối hợp tổ chức",
    "Tăng cường",
    "Theo dõi, đánh giá",
    "Đôn đốc, hỗ trợ",
    "Lập và trình phê duyệt",
]
OBJECTS = [
    "cơ chế, chính sách hỗ trợ phát triển công nghiệp hỗ trợ",
    "quy hoạch các cụm công nghiệp gắn với vùng nguyên liệu",
    "chương trình xúc tiến đầu tư vào các khu công nghiệp",
    "đề án chuyển đổi số trong doanh nghiệp công nghiệp",
    "kế hoạch đào tạo nguồn nhân lực chất lượng cao cho ngành chế biến, chế tạo",
    "các dự án điện gió, điện mặt trời và hạ tầng truyền tải",
    "chương trình khuyến công và sản xuất sạch hơn",
    "hạ tầng kỹ thuật, giao thông kết nối cảng biển Dung Quất",
    "cơ sở dữ liệu về doanh nghiệp và lao động ngành công nghiệp",
    "tiêu chí đánh giá hiệu quả hoạt động của các cụm công nghiệp",
    "giải pháp thu hút doanh nghiệp có công nghệ cao, thân thiện môi trường",
    "công tác bảo vệ môi trường tại các khu, cụm công nghiệp",
    "mô hình liên kết chuỗi giá trị trong công nghiệp chế biến nông sản",
    "chính sách ưu đãi về đất đai, thuế cho dự án công nghiệp trọng điểm",
]
PLACES = [
    "trên địa bàn tỉnh",
    "tại Khu kinh tế Dung Quất",
    "tại các khu công nghiệp VSIP, Tịnh Phong",
    "ở các huyện miền núi",
    "tại thị xã Đức Phổ",
    "tại huyện Bình Sơn",
    "theo hướng nâng cao giá trị gia tăng",
    "giai đoạn đến năm 2030",
]
ENGLISH = [
    "support policy for supporting industries",
    "industrial cluster planning",
    "investment promotion programme",
    "digital transformation scheme",
    "high-quality workforce training",
    "renewable energy and grid projects",
    "industrial extension and cleaner production",
    "infrastructure linking Dung Quất port",
    "industry database",
    "industrial cluster evaluation criteria",
    "attracting high-technology firms",
    "environmental protection in industrial zones",
    "value-chain linkage in agro-processing",
    "land and tax incentives for key projects",
]
DOCS = ["Báo cáo", "Quyết định", "Công văn", "Kế hoạch", "Tờ trình"]

# (unit of the target, units a report may use for it, metric stem, label stem, value range)
TARGET_KINDS = [
    ("%", ["%"], "ty_le", "tỷ lệ doanh nghiệp ứng dụng công nghệ số đạt", (20, 95)),
    ("MW", ["MW", "kW"], "cong_suat", "tổng công suất lắp đặt đạt", (50, 900)),
    ("doanh nghiệp", ["doanh nghiệp"], "so_doanh_nghiep", "số doanh nghiệp được hỗ trợ đạt", (10, 400)),
    ("dự án", ["dự án"], "so_du_an", "số dự án thu hút mới đạt", (3, 60)),
    ("nhà máy", ["nhà máy"], "so_nha_may", "số nhà máy đi vào hoạt động đạt", (1, 12)),
    ("triệu kWh", ["triệu kWh", "GWh"], "dien_thuong_pham", "điện thương phẩm đạt", (500, 5000)),
    ("nghìn tấn/năm", ["nghìn tấn/năm", "tấn/năm"], "san_luong", "sản lượng chế biến đạt", (20, 800)),
    ("văn bản", ["văn bản"], "so_van_ban", "số văn bản hướng dẫn được ban hành", (2, 20)),
]

QUARTERS = ["I", "II", "III", "IV"]
REPORT_MARK = "# Báo cáo tiến độ (dữ liệu sinh tự động)"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's), Vietnamese kept as is."""
    return json.dumps(text, ensure_ascii=False)


def last_day(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


# --- which kinds the model accepts ---------------------------------------------------------


V2_PROBES: dict[str, dict[str, Any]] = {
    "recurring-unit": {"kind": "recurring", "unit": "quarter", "due_month": 3, "due_day": 20, "text": "x"},
    "ongoing": {"kind": "ongoing", "text": "thường xuyên"},
    "occurrence": {"kind": "occurrence", "within_days": 15, "text": "khi có phát sinh"},
    "relative": {"kind": "relative", "days": 10, "from": "received", "text": "x"},
    "several": {
        "kind": "several",
        "text": "x",
        "parts": [{"kind": "recurring", "text": "x"}, {"kind": "occurrence", "text": "x"}],
    },
}


def accepted_v2() -> set[str]:
    """The second-edition features the installed model validates."""
    from pydantic import ValidationError

    from kehoach_cli import model

    out: set[str] = set()
    task = {"id": "1.a", "title": "x", "title_en": "x", "ref": "x"}
    for name, schedule in V2_PROBES.items():
        try:
            model.Task.model_validate({**task, "schedule": schedule})
        except ValidationError:
            continue
        out.add(name)
    try:
        model.Record.model_validate({"task": "1.a", "date": "2020-01-01", "kind": "occurred"})
        out.add("occurred")
    except ValidationError:
        pass
    baseline = {"metric": "m", "label": "x", "op": ">=", "value": 1, "unit": "%"}
    try:
        model.Target.model_validate({**baseline, "baseline": {"value": 1.5, "year": 2018, "source": "x"}})
        out.add("baseline-object")
    except ValidationError:
        pass
    if "received" in model.PlanMeta.model_fields:
        out.add("received")
    return out


ALL_V2 = {*V2_PROBES, "occurred", "baseline-object", "received"}


# --- the registry, as the shipped plan has it ------------------------------------------------


def shipped_head() -> tuple[str, str]:
    """The shipped plan's text before `tasks:`, split before `successions:` (events go there)."""
    text = (ROOT / "plan.yaml").read_text(encoding="utf-8")
    head = text.split("\ntasks:\n", 1)[0]
    body = head[head.index("\nplan:\n") + 1 :]
    before, after = body.split("\nsuccessions:\n", 1)
    return before.rstrip() + "\n", "successions:\n" + after.rstrip() + "\n"


@dataclass
class Registry:
    """Names, spellings and successions of the shipped registry (no agency is made up here)."""

    agencies: list[dict[str, Any]]
    successions: list[dict[str, Any]]
    by_key: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for a in self.agencies:
            for n in (a["name"], *a.get("aliases", [])):
                self.by_key[n.casefold()] = a

    def agency(self, name: str) -> dict[str, Any]:
        return self.by_key[name.casefold()]

    def answerers(self, names: list[str], on: dt.date, overrides: dict[str, list[str]]) -> list[dict[str, Any]]:
        """Who answers for agencies `names` on `on`, following successions (as agencies.py does)."""
        out: list[dict[str, Any]] = []
        for n in names:
            for a in self._follow(self.agency(n), on, overrides, set()):
                if all(a["id"] != o["id"] for o in out):
                    out.append(a)
        return out

    def _follow(
        self, a: dict[str, Any], on: dt.date, overrides: dict[str, list[str]], seen: set[str]
    ) -> Iterator[dict[str, Any]]:
        if a["id"] in seen:
            yield a
            return
        seen.add(a["id"])
        for s in self.successions:
            if self.agency(s["from"])["id"] == a["id"] and s["effective"] <= on:
                for t in overrides.get(a["id"], s["to"]):
                    yield from self._follow(self.agency(t), on, overrides, seen)
                return
        yield a


def load_registry(head: str, successions: str) -> Registry:
    import yaml

    data = yaml.safe_load(head + successions)
    return Registry(data["agencies"], data["successions"])


# --- tasks ---------------------------------------------------------------------------------


@dataclass
class Generated:
    lines: list[str]
    records: list[tuple[str, dict[str, Any]]]  # (agency id, record fields in order)
    events: list[str]
    amendments: list[str]


class Generator:
    def __init__(self, seed: int, v2: set[str], registry: Registry) -> None:
        self.rng = random.Random(seed)
        self.v2 = v2
        self.reg = registry
        # Agencies that tasks are given to: everything but the issuer itself.
        self.assignable = [a for a in registry.agencies if a["id"] != "ubnd-tinh"]
        self.events: list[tuple[str, dt.date | None]] = [("quy-hoach-tinh", dt.date(2023, 11, 22))]
        self.event_lines: list[str] = []
        self.records: list[tuple[str, dict[str, Any]]] = []
        self.amendments: list[str] = []
        self.doc_no = 0
        kinds: list[tuple[str, int]] = [
            ("deadline", 34),
            ("span", 12),
            ("recurring", 14),
            ("event", 7),
            ("milestones", 9),
            ("none", 5),
        ]
        if "recurring-unit" in v2:
            kinds += [("recurring-quarter", 4), ("recurring-month", 2), ("recurring-half", 2)]
        for name, weight in (("ongoing", 5), ("occurrence", 3), ("relative", 2), ("several", 3)):
            if name in v2:
                kinds.append((name, weight))
        self.kinds = [k for k, _ in kinds]
        self.weights = [w for _, w in kinds]

    # -- helpers --

    def spelling(self, agency: dict[str, Any]) -> str:
        """One of the agency's printed spellings; the canonical name most often."""
        names = [agency["name"], *agency.get("aliases", [])]
        return names[0] if self.rng.random() < 0.6 else self.rng.choice(names)

    def date_between(self, lo: dt.date, hi: dt.date) -> dt.date:
        return lo + dt.timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def evidence(self, agency: dict[str, Any], on: dt.date) -> str:
        self.doc_no += 1
        kind = self.rng.choice(DOCS)
        return f"{kind} số {self.doc_no}/{agency['id'].upper()} ngày {on.day}/{on.month}/{on.year}"

    def event(self) -> tuple[str, dt.date | None]:
        """A new event now and then, else one already declared."""
        if len(self.events) < 40 and self.rng.random() < 0.15:
            n = len(self.events)
            obj = self.rng.choice(OBJECTS)
            dated = self.rng.random() < 0.6
            when = self.date_between(dt.date(2020, 1, 1), dt.date(2026, 6, 30)) if dated else None
            ident = f"de-an-{n}"
            self.events.append((ident, when))
            self.event_lines += [
                f"  - id: {ident}",
                f"    name: {q(f'Đề án {n} về {obj} được phê duyệt')}",
                f"    date: {when.isoformat() if when else 'null'}",
            ]
            if when:
                self.event_lines.append(f"    basis: {q(f'Quyết định số {100 + n}/QĐ-UBND')}")
        return self.rng.choice(self.events)

    def record(self, task: TaskDraft, on: dt.date, fields: dict[str, Any]) -> None:
        """A record by an agency answering for the task on `on` (none answers: no record)."""
        if on > LAST_RECORD or on < PLAN_DATE:
            return
        # Only a lead (or its successor) records completion; partners report progress and values.
        named = task.lead if fields["kind"] == "done" else task.lead + task.partners
        who = self.reg.answerers(named, on, task.overrides)
        if not who:
            return
        agency = who[0]
        rec: dict[str, Any] = {"task": task.id, "date": on, **fields}
        if fields["kind"] == "done":
            rec["evidence"] = self.evidence(agency, on)
        self.records.append((agency["id"], rec))

    # -- one task --

    def task(self, ident: str, section: int, line: int) -> list[str]:
        rng = self.rng
        lead_n = 1 if rng.random() < 0.9 else 2 if rng.random() < 0.8 else 0
        chosen = rng.sample(self.assignable, lead_n + rng.randint(0, 4))
        leads, partners = chosen[:lead_n], chosen[lead_n:]
        d = TaskDraft(ident, [self.spelling(a) for a in leads], [self.spelling(a) for a in partners])
        verb, obj, place = rng.choice(VERBS), rng.randrange(len(OBJECTS)), rng.choice(PLACES)
        letter = ident.split(".")[1]
        out = [
            f"  - id: {q(ident)}",
            f"    title: {q(f'{verb} {OBJECTS[obj]} {place}')}",
            f"    title_en: {q(f'Synthetic task {ident}: {ENGLISH[obj]}')}",
            f"    ref: {q(f'II.{section}.{letter}, dòng {line}')}",
            f"    lead: [{', '.join(q(n) for n in d.lead)}]",
        ]
        if d.partners:
            out.append(f"    partners: [{', '.join(q(n) for n in d.partners)}]")
        split = next((a for a in chosen if a["id"] == "sldtbxh"), None)
        if split is not None and rng.random() < 0.5:
            # The 2025 split of the labour department: some tasks name their heir.
            heir = rng.choice(["Sở Nội vụ", "Sở Giáo dục và Đào tạo"])
            d.overrides[split["id"]] = [heir]
            out.append(f"    succession: [{{from: {q(split['name'])}, to: [{q(heir)}]}}]")
        kind = rng.choices(self.kinds, self.weights)[0]
        out += getattr(self, "s_" + kind.replace("-", "_"))(d)
        if rng.random() < 0.3:
            out += self.targets(d)
        if rng.random() < 0.15:
            out.append(f"    notes: [{q('Dữ liệu sinh tự động để đo hiệu năng; không phải văn bản thật.')}]")
        self.progress(d)
        return out

    # -- schedules: each returns the schedule's lines and sets the draft's dates --

    def s_deadline(self, d: TaskDraft) -> list[str]:
        rng = self.rng
        year = rng.randint(2019, HORIZON)
        form = rng.randrange(4)
        if form == 0 or year == 2019:
            by, text = dt.date(year, 12, 31), f"năm {year}"
        elif form == 1:
            quarter = rng.randint(1, 4)
            by, text = last_day(year, quarter * 3), f"Quý {QUARTERS[quarter - 1]}/{year}"
        elif form == 2:
            month = rng.randint(1, 12)
            by, text = last_day(year, month), f"tháng {month}/{year}"
        else:
            by = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            text = f"trước ngày {by.day}/{by.month}/{by.year}"
        d.dues = [by]
        if rng.random() < 0.02 and year < HORIZON:
            self.amend(d.id, by)
        return [f"    schedule: {{kind: deadline, by: {by.isoformat()}, text: {q(text)}}}"]

    def s_span(self, d: TaskDraft) -> list[str]:
        first = self.rng.randint(2019, HORIZON - 1)
        last = self.rng.randint(first + 1, min(HORIZON, first + 6))
        d.start, d.dues = dt.date(first, 1, 1), [dt.date(last, 12, 31)]
        return [
            "    schedule:",
            "      kind: span",
            f"      start: {first}-01-01",
            f"      end: {last}-12-31",
            f"      text: {q(f'Từ năm {first} - {last}')}",
        ]

    def s_recurring(self, d: TaskDraft) -> list[str]:
        rng = self.rng
        every = 1 if rng.random() < 0.85 else 3
        first = rng.choice([None, None, 2020, 2021])
        last = rng.choice([None, None, 2025, 2028])
        lines = ["    schedule:", "      kind: recurring"]
        if every != 1:
            lines.append(f"      every: {every}")
        if first:
            lines.append(f"      first_year: {first}")
        if last:
            lines.append(f"      last_year: {last}")
        lines.append(f"      text: {q('hằng năm' if every == 1 else f'định kỳ {every} năm')}")
        start, end = first or PLAN_DATE.year, last or HORIZON
        year = start
        while year <= end:
            top = min(year + every - 1, end)
            d.periods.append((year, top))
            year = top + 1
        return lines

    def _recurring_unit(self, d: TaskDraft, unit: str, text: str, due: dict[str, int]) -> list[str]:
        lines = ["    schedule:", "      kind: recurring", f"      unit: {unit}"]
        lines += [f"      {k}: {v}" for k, v in due.items()]
        if self.rng.random() < 0.5:
            lines.append(f"      start: {self.rng.randint(2020, 2025)}-01-01")
        lines.append(f"      text: {q(text)}")
        return lines

    def s_recurring_quarter(self, d: TaskDraft) -> list[str]:
        if self.rng.random() < 0.5:
            return self._recurring_unit(d, "quarter", "định kỳ hằng quý", {})
        text = "báo cáo quý trước ngày 20 của tháng cuối quý"
        return self._recurring_unit(d, "quarter", text, {"due_month": 3, "due_day": 20})

    def s_recurring_month(self, d: TaskDraft) -> list[str]:
        return self._recurring_unit(d, "month", "định kỳ hàng tháng (trước ngày 16 hàng tháng)", {"due_day": 16})

    def s_recurring_half(self, d: TaskDraft) -> list[str]:
        return self._recurring_unit(d, "half", "Định kỳ 06 tháng", {})

    def s_ongoing(self, d: TaskDraft) -> list[str]:
        if self.rng.random() < 0.5:
            return ['    schedule: {kind: ongoing, text: "thường xuyên, liên tục"}']
        return [
            "    schedule:",
            "      kind: ongoing",
            "      start: 2025-01-01",
            "      end: 2030-12-31",
            f"      text: {q('xuyên suốt 2025–2030')}",
        ]

    def s_occurrence(self, d: TaskDraft) -> list[str]:
        d.occurrence = True
        if self.rng.random() < 0.5:
            return ['    schedule: {kind: occurrence, text: "khi có yêu cầu"}']
        return ['    schedule: {kind: occurrence, within_days: 15, text: "khi có phát sinh"}']

    def s_relative(self, d: TaskDraft) -> list[str]:
        return [
            "    schedule:",
            "      kind: relative",
            "      days: 10",
            "      from: received",
            f"      text: {q('trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch này')}",
        ]

    def s_several(self, d: TaskDraft) -> list[str]:
        if self.rng.random() < 0.5:
            return [
                "    schedule:",
                "      kind: several",
                f"      text: {q('6 tháng (trước ngày 16/6) và năm (trước ngày 20/11)')}",
                "      parts:",
                '        - {kind: recurring, due_month: 6, due_day: 16, label: "6 tháng", text: "6 tháng (trước ngày 16/6)"}',
                '        - {kind: recurring, due_month: 11, due_day: 20, label: "năm", text: "năm (trước ngày 20/11)"}',
            ]
        return [
            "    schedule:",
            "      kind: several",
            f"      text: {q('Hàng năm hoặc khi có yêu cầu')}",
            "      parts:",
            '        - {kind: recurring, text: "Hàng năm"}',
            '        - {kind: occurrence, text: "khi có yêu cầu"}',
        ]

    def s_event(self, d: TaskDraft) -> list[str]:
        ident, when = self.event()
        offset = self.rng.choice([None, 30, 90, 180, 365])
        if when is not None and offset is not None:
            due = when + dt.timedelta(days=offset)
            if due.year > HORIZON:
                offset = None
            else:
                d.dues = [due]
        if when is not None:
            d.start = when
        off = "" if offset is None else f", offset_days: {offset}"
        text = "ngay sau khi có quyết định phê duyệt" if offset is None else f"trong {offset} ngày sau khi phê duyệt"
        return [f"    schedule: {{kind: event, event: {ident}{off}, text: {q(text)}}}"]

    def s_milestones(self, d: TaskDraft) -> list[str]:
        rng = self.rng
        years = sorted(rng.sample(range(2020, HORIZON + 1), rng.randint(2, 4)))
        lines = ["    schedule:", "      kind: milestones", "      milestones:"]
        for i, year in enumerate(years, 1):
            by = dt.date(year, rng.choice([6, 12]), 30 if rng.random() < 0.5 else 1)
            product = rng.choice(["Báo cáo đánh giá", "Đề án", "Quyết định phê duyệt", "Hoàn thành đầu tư"])
            lines.append(f'        - {{id: "{i}", title: {q(f"{product} giai đoạn {i}")}, by: {by.isoformat()}}}')
            d.milestones.append((str(i), by))
        lines.append(f"      text: {q('theo từng giai đoạn')}")
        return lines

    def s_none(self, d: TaskDraft) -> list[str]:
        return ["    schedule: {kind: none}"]

    # -- targets, progress, amendments --

    def targets(self, d: TaskDraft) -> list[str]:
        rng = self.rng
        lines = ["    targets:"]
        for unit, report_units, stem, label, (lo, hi) in rng.sample(TARGET_KINDS, rng.randint(1, 2)):
            value = rng.randint(lo, hi)
            measure = rng.choice(["level", "level", "cumulative", "annual"]) if unit != "%" else "level"
            by = dt.date(rng.choice([2025, 2030]), 12, 31) if rng.random() < 0.8 else None
            metric = f"{stem}_{len(d.targets) + 1}"
            lines += [
                f"      - metric: {metric}",
                f"        label: {q(f'{label} {value} {unit}')}",
                '        op: ">="',
                f"        value: {value}",
                f"        unit: {q(unit)}",
                f"        by: {by.isoformat() if by else 'null'}",
            ]
            if measure != "level":
                lines.append(f"        measure: {measure}")
            if rng.random() < 0.3:
                base = round(value * rng.uniform(0.1, 0.5), 1)
                if "baseline-object" in self.v2 and rng.random() < 0.5:
                    source = q("Báo cáo tình hình kinh tế - xã hội năm 2018")
                    lines.append(f"        baseline: {{value: {base}, year: 2018, source: {source}}}")
                else:
                    lines.append(f"        baseline: {base}")
            d.targets.append((metric, measure, report_units, value))
        return lines

    def progress(self, d: TaskDraft) -> None:
        rng = self.rng
        if rng.random() > 0.45:
            return
        if d.start is not None and rng.random() < 0.5:
            self.record(d, d.start + dt.timedelta(days=rng.randint(0, 60)), {"kind": "started"})
        for ident, by in d.milestones:
            if rng.random() < 0.6:
                self.record(d, by + dt.timedelta(days=rng.randint(-90, 45)), {"kind": "done", "milestone": ident})
        for _first, last in d.periods:
            if rng.random() < 0.7:
                on = dt.date(last, 12, 31) + dt.timedelta(days=rng.randint(-40, 25))
                self.record(d, on, {"kind": "done", "year": last})
        for due in d.dues:
            if rng.random() < 0.6:
                on = max(PLAN_DATE, due + dt.timedelta(days=rng.randint(-200, 60)))
                self.record(d, on, {"kind": "done"})
        if d.occurrence and "occurred" in self.v2 and rng.random() < 0.6:
            arose = self.date_between(dt.date(2020, 1, 1), dt.date(2026, 6, 30))
            self.record(d, arose, {"kind": "occurred", "note": "Có văn bản yêu cầu của UBND tỉnh"})
            if rng.random() < 0.7:
                self.record(d, arose + dt.timedelta(days=rng.randint(1, 25)), {"kind": "done"})
        for metric, measure, report_units, value in d.targets:
            lo, hi = dt.date(2020, 1, 1), LAST_RECORD
            if d.periods:  # a recurring task's value measures one of its years
                lo = max(lo, dt.date(d.periods[0][0], 1, 1))
                hi = min(hi, dt.date(d.periods[-1][1], 12, 31))
            annual_seen: set[tuple[str, int]] = set()
            for _ in range(rng.randint(0, 3)):
                on = self.date_between(lo, hi)
                fields: dict[str, Any] = {"kind": "value"}
                unit = rng.choice(report_units)
                amount = round(value * rng.uniform(0.2, 1.1), 1)
                if unit in ("kW", "tấn/năm"):
                    amount = round(amount * 1000)
                fields.update({"value": amount, "unit": unit, "metric": metric})
                if measure == "cumulative":
                    fields["basis"] = rng.choice(["cumulative", "annual"])
                if (measure == "cumulative" and fields["basis"] == "annual") or d.periods:
                    fields["year"] = on.year
                    if (metric, on.year) in annual_seen:  # one annual value of a metric per year
                        continue
                    annual_seen.add((metric, on.year))
                self.record(d, on, fields)

    def amend(self, task_id: str, previous: dt.date) -> None:
        """An amendment that extended the deadline (gia hạn): the task's `by` is the new one."""
        n = len(self.amendments) + 1
        on = previous - dt.timedelta(days=30) if previous - dt.timedelta(days=30) > PLAN_DATE else previous
        self.amendments += [
            f'  - number: "{n}/QĐ-UBND"',
            f"    date: {on.isoformat()}",
            f"    issuer: {q('UBND tỉnh Quảng Ngãi')}",
            f"    summary: {q('Điều chỉnh thời hạn thực hiện nhiệm vụ')}",
            f"    changes: [{{task: {q(task_id)}, fields: [schedule], previous_due: {previous.isoformat()}}}]",
        ]


@dataclass
class TaskDraft:
    """What the progress records of a task depend on, noted while its schedule is written."""

    id: str
    lead: list[str]
    partners: list[str]
    overrides: dict[str, list[str]] = field(default_factory=dict)
    start: dt.date | None = None
    dues: list[dt.date] = field(default_factory=list)
    periods: list[tuple[int, int]] = field(default_factory=list)
    milestones: list[tuple[str, dt.date]] = field(default_factory=list)
    targets: list[tuple[str, str, list[str], int]] = field(default_factory=list)
    occurrence: bool = False


def task_ids(n: int) -> Iterator[tuple[str, int]]:
    """Ids in the document's numbering: <section>.<letter>.<bullet>, 1.a.1 onwards."""
    per_letter = 6
    per_section = per_letter * len(LETTERS)
    for i in range(n):
        section, rest = divmod(i, per_section)
        letter, bullet = divmod(rest, per_letter)
        yield f"{section + 1}.{LETTERS[letter]}.{bullet + 1}", section + 1


def generate(n: int, seed: int, v2: set[str]) -> tuple[str, dict[str, str]]:
    """The plan's text and its report files (name → text)."""
    head, successions = shipped_head()
    registry = load_registry(head, successions)
    gen = Generator(seed, v2, registry)
    body: list[str] = []
    line = 40
    for ident, section in task_ids(n):
        lines = gen.task(ident, section, line)
        line += len(lines) + 2
        body += lines
    if "received" in v2:
        head = head.replace("\n  date: 2019-06-10\n", "\n  date: 2019-06-10\n  received: 2019-06-14\n", 1)
    out = [
        "# Kế hoạch tổng hợp sinh tự động để đo hiệu năng của kehoach (benchmarks/generate_plan.py).",
        f"# {n} nhiệm vụ giả lập; danh mục cơ quan và kế thừa chép từ plan.yaml. Not a real plan.",
        "",
        head.rstrip(),
        *gen.event_lines,
        "",
        successions.rstrip(),
        "",
        "tasks:",
        *body,
    ]
    if gen.amendments:
        out += ["", "amendments:", *gen.amendments]
    reports: dict[str, list[str]] = {}
    by_id = {a["id"]: a for a in registry.agencies}
    for agency_id, rec in sorted(gen.records, key=lambda r: r[0]):
        lines = reports.setdefault(
            agency_id,
            [
                f"{REPORT_MARK} của {by_id[agency_id]['name']}",
                f"agency: {q(by_id[agency_id]['name'])}",
                "records:",
            ],
        )
        lines.append(f"  - task: {q(rec.pop('task'))}")
        for key, value in rec.items():
            text = value.isoformat() if isinstance(value, dt.date) else q(value) if isinstance(value, str) else value
            lines.append(f"    {key}: {text}")
    return "\n".join(out) + "\n", {k: "\n".join(v) + "\n" for k, v in reports.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--v2", choices=["auto", "on", "off"], default="auto", help="second-edition schedule kinds")
    ap.add_argument("--no-reports", action="store_true", help="write no progress records")
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args(argv)
    v2 = accepted_v2() if args.v2 == "auto" else ALL_V2 if args.v2 == "on" else set()
    plan, reports = generate(args.tasks, args.seed, v2)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(plan, encoding="utf-8")
    folder = args.output.parent / "reports"
    if folder.is_dir():
        # Only files an earlier run wrote: never a human's report file.
        for old in folder.glob("*.yaml"):
            if old.read_text(encoding="utf-8").startswith(REPORT_MARK):
                old.unlink()
    if not args.no_reports:
        folder.mkdir(exist_ok=True)
        for agency_id, text in reports.items():
            (folder / f"{agency_id}.yaml").write_text(text, encoding="utf-8")
    records = 0 if args.no_reports else sum(t.count("\n  - task:") for t in reports.values())
    print(
        f"{args.output}: {args.tasks} tasks, {args.output.stat().st_size / 1e6:.2f} MB, "
        f"{records} records in {0 if args.no_reports else len(reports)} report files"
        f"{'; second-edition kinds: ' + ', '.join(sorted(v2)) if v2 else ''}"
    )


if __name__ == "__main__":
    main()
