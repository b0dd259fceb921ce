"""`--against plan.yaml`: where the draft and a hand-made plan disagree, field by field.

Tasks are paired by their text (ids differ between a draft and a hand-made plan that
numbers differently), agencies by the hand-made registry (so "Sở Tài Chính" and "Sở Tài
chính" are one), schedules by kind and due date, targets by value and unit. The same
pairing feeds `benchmarks/import_quality.py`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..textnorm import fold
from .draft import DraftPlan, DraftTask
from .timephrase import due_date

FIELDS = ("lead", "partners", "schedule kind", "due date", "targets")


def _key(text: str) -> str:
    return fold(re.sub(r"[\s\u00a0]+", " ", str(text))).strip(" .;,:")


@dataclass
class Hand:
    """A hand-made plan read as plain data (any edition of the format)."""

    tasks: list[dict[str, Any]]
    agency_of: dict[str, str]  # folded name or alias → agency id

    @staticmethod
    def load(path: Path) -> tuple[Hand | None, list[str]]:
        from ..load import yamlio

        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            return None, [f"{path}: cannot read ({exc})"]
        doc, problems = yamlio.parse(text, str(path))
        data = doc.data if isinstance(doc.data, dict) else {}
        agency_of: dict[str, str] = {}
        for a in data.get("agencies") or []:
            if isinstance(a, dict) and "id" in a:
                for n in [a.get("name"), *(a.get("aliases") or [])]:
                    if n:
                        agency_of.setdefault(_key(n), str(a["id"]))
        tasks = [t for t in data.get("tasks") or [] if isinstance(t, dict)]
        return Hand(tasks, agency_of), [str(p.message) for p in problems if p.severity == "error"]


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", _key(text)))


def _line(ref: str) -> int | None:
    m = re.search(r"dòng\s+(\d+)", ref or "")
    return int(m.group(1)) if m else None


def pair(draft: list[DraftTask], hand: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(draft index, hand index) pairs: the same task, by its words and its source line."""
    scores: list[tuple[float, int, int]] = []
    dwords = [_words(t.title) for t in draft]
    hwords = [_words(str(t.get("title", ""))) for t in hand]
    for i, dw in enumerate(dwords):
        for j, hw in enumerate(hwords):
            if not dw or not hw:
                continue
            overlap = len(dw & hw) / max(1, min(len(dw), len(hw)))
            if overlap < 0.5:
                continue
            ratio = difflib.SequenceMatcher(
                None, _key(draft[i].title)[:300], _key(str(hand[j].get("title", "")))[:300]
            ).ratio()
            score = 0.6 * overlap + 0.4 * ratio
            dl, hl = _line(draft[i].ref), _line(str(hand[j].get("ref", "")))
            if dl is not None and hl is not None and abs(dl - hl) <= 2:
                score += 0.3
            scores.append((score, i, j))
    scores.sort(reverse=True)
    used_d: set[int] = set()
    used_h: set[int] = set()
    out: list[tuple[int, int]] = []
    for score, i, j in scores:
        if score < 0.55 or i in used_d or j in used_h:
            continue
        used_d.add(i)
        used_h.add(j)
        out.append((i, j))
    return sorted(out, key=lambda p: p[1])


def agency_ids(names: list[str], hand: Hand, draft_plan: DraftPlan) -> set[str]:
    """Agencies as identities: the hand-made registry's id, else the draft's canonical name."""
    out: set[str] = set()
    for n in names:
        key = _key(n)
        ident = hand.agency_of.get(key)
        if ident is None:
            entry = next(
                (a for a in draft_plan.agencies if key in {_key(x) for x in [a["name"], *a.get("aliases", [])]}), None
            )
            if entry is not None:
                for x in [entry["name"], *entry.get("aliases", [])]:
                    ident = hand.agency_of.get(_key(x))
                    if ident:
                        break
                ident = ident or "draft:" + _key(entry["name"])
            else:
                ident = "name:" + key
        out.add(ident)
    return out


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def hand_due(sched: dict[str, Any]) -> dt.date | None:
    kind = sched.get("kind")
    if kind == "deadline":
        return _date(sched.get("by"))
    if kind == "span":
        return _date(sched.get("end"))
    if kind == "milestones":
        dates = [d for m in sched.get("milestones") or [] if (d := _date(m.get("by")))]
        return max(dates) if dates else None
    return None


def target_keys(targets: list[dict[str, Any]]) -> list[tuple[float, str]]:
    out = []
    for t in targets:
        try:
            value = float(t.get("value"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        out.append((round(value, 6), _key(str(t.get("unit", ""))).replace(" ", "")))
    return sorted(out)


@dataclass
class Comparison:
    """Field by field, over paired tasks; counts for precision and recall."""

    pairs: list[tuple[int, int]]
    hand_tasks: int
    draft_tasks: int
    equal: dict[str, int] = field(default_factory=dict)
    counts: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # field → (tp, draft n, hand n)
    disagreements: list[str] = field(default_factory=list)


def compare_plans(plan: DraftPlan, hand: Hand) -> Comparison:
    pairs = pair(plan.tasks, hand.tasks)
    cmp = Comparison(pairs, len(hand.tasks), len(plan.tasks))
    tp: dict[str, int] = dict.fromkeys(FIELDS, 0)
    dn: dict[str, int] = dict.fromkeys(FIELDS, 0)
    hn: dict[str, int] = dict.fromkeys(FIELDS, 0)
    eq: dict[str, int] = dict.fromkeys(FIELDS, 0)
    for i, j in pairs:
        d, h = plan.tasks[i], hand.tasks[j]
        hid = str(h.get("id"))
        for role in ("lead", "partners"):
            ds = agency_ids(d.lead if role == "lead" else d.partners, hand, plan)
            hs = agency_ids([str(x) for x in h.get(role) or []], hand, plan)
            tp[role] += len(ds & hs)
            dn[role] += len(ds)
            hn[role] += len(hs)
            if ds == hs:
                eq[role] += 1
            else:
                cmp.disagreements.append(
                    f"{d.id} ~ {hid}: {role}: draft {sorted(d.lead if role == 'lead' else d.partners)}, "
                    f"hand-made {sorted(str(x) for x in h.get(role) or [])}"
                )
        raw_sched = h.get("schedule")
        hs_sched: dict[str, Any] = raw_sched if isinstance(raw_sched, dict) else {}
        dk, hk = d.schedule.get("kind"), hs_sched.get("kind")
        dn["schedule kind"] += dk != "none"
        hn["schedule kind"] += hk != "none"
        if dk == hk:
            eq["schedule kind"] += 1
            tp["schedule kind"] += dk != "none"
        else:
            cmp.disagreements.append(f"{d.id} ~ {hid}: schedule kind: draft {dk}, hand-made {hk}")
        dd, hd = due_date(d.schedule), hand_due(hs_sched)
        dn["due date"] += dd is not None
        hn["due date"] += hd is not None
        if dd == hd:
            eq["due date"] += 1
            tp["due date"] += dd is not None
        else:
            cmp.disagreements.append(f"{d.id} ~ {hid}: due date: draft {dd}, hand-made {hd}")
        dt_, ht = target_keys(d.targets), target_keys(h.get("targets") or [])
        common = sum(min(dt_.count(k), ht.count(k)) for k in set(dt_))
        tp["targets"] += common
        dn["targets"] += len(dt_)
        hn["targets"] += len(ht)
        if dt_ == ht:
            eq["targets"] += 1
        else:
            cmp.disagreements.append(f"{d.id} ~ {hid}: targets: draft {dt_}, hand-made {ht}")
    paired_h = {j for _, j in pairs}
    paired_d = {i for i, _ in pairs}
    for j, h in enumerate(hand.tasks):
        if j not in paired_h:
            cmp.disagreements.append(f"hand-made task {h.get('id')} not found in the draft ({h.get('ref', '')})")
    for i, d in enumerate(plan.tasks):
        if i not in paired_d:
            cmp.disagreements.append(f"draft task {d.id} has no hand-made counterpart ({d.ref})")
    cmp.equal = eq
    cmp.counts = {f: (tp[f], dn[f], hn[f]) for f in FIELDS}
    return cmp


def compare(plan: DraftPlan, path: Path, problems: list[str]) -> tuple[list[str], list[str]]:
    hand, errs = Hand.load(path)
    if hand is None:
        return [], problems + errs
    cmp = compare_plans(plan, hand)
    head = f"against {path}: {len(cmp.pairs)} of {cmp.hand_tasks} hand-made tasks paired; " + ", ".join(
        f"{f} {cmp.equal[f]}/{len(cmp.pairs)} equal" for f in FIELDS
    )
    return [head, *cmp.disagreements], problems + errs
