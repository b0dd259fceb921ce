"""`kehoach import`: a draft plan.yaml from the plan's own document.

The stage reads top to bottom::

    document ─sources─▶ blocks (paragraphs, table rows; each with its line or cell)
             ─outline─▶ the document's numbered items
             ─shapes──▶ tasks (labelled lines, agency-grouped prose, appendix tables),
                        with timephrase (schedules), agencies (names), targets
             ─draft───▶ YAML with "# kiểm tra lại: …" on every uncertain field, or JSON

Nothing is invented: a field the document does not give stays empty and says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach_cli.messages import DEFAULT, Msg, msg, nmsg
from kehoach_cli.units import COUNTS

from .agencies import Book, Registry
from .blocks import Document
from .draft import KINDS, DraftPlan, Review, to_json, to_yaml
from .sources import ScannedPdf, SourceError, read, read_bytes

__all__ = ["ImportResult", "ScannedPdf", "SourceError", "import_document"]


@dataclass
class ImportResult:
    text: str  # the draft, YAML or JSON
    plan: DraftPlan
    summary: dict[str, Any]
    problems: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)  # with --against


def import_document(
    source: str | Path | bytes,
    *,
    name: str | None = None,
    against: Path | None = None,
    agencies_file: Path | None = None,
    fmt: str = "yaml",
    lang: str = DEFAULT,
) -> ImportResult:
    """Read `source` (a path, "-" for stdin, or the document's bytes) into a draft plan.

    The review comments' reasons are written in `lang` (vi or en).
    """
    if isinstance(source, bytes):
        document = read_bytes(source, name or "<bytes>")
    else:
        document = read(source)
        if name is None:
            name = document.name
    book, problems = Book.load(agencies_file)
    plan, summary = build(document, book, name or document.name)
    text = to_json(plan, summary, lang) if fmt == "json" else to_yaml(plan, lang)
    result = ImportResult(text, plan, summary, problems + document.problems)
    if against is not None:
        from .against import compare

        result.disagreements, result.problems = compare(plan, against, result.problems)
    return result


def build(document: Document, book: Book, name: str) -> tuple[DraftPlan, dict[str, Any]]:
    from . import metadata, outline, shapes

    meta = metadata.read(document.blocks)
    registry = Registry(book)
    ctx = shapes.Context(book, registry, meta.data.get("date"))
    root = outline.build(document.blocks)
    shapes.extract(root, ctx)
    plan = DraftPlan(meta=_meta(meta.data))
    for key, texts in meta.reviews.items():
        plan.meta_reviews[key] = [Review("metadata", t) for t in texts]
    _horizon(plan, ctx, meta.data.get("title", ""))
    plan.sections = ctx.sections
    plan.tasks = ctx.tasks
    plan.goals = ctx.goals
    plan.goal_reviews = {k: [Review("target", t) for t in v] for k, v in ctx.goal_reviews.items()}
    for entry in registry.entries:
        data: dict[str, Any] = {"id": entry.id, "name": entry.name, "kind": entry.kind}
        if entry.aliases:
            data["aliases"] = entry.aliases
        if entry.member_kinds:
            data["member_kinds"] = entry.member_kinds
        if entry.notes:
            data["notes"] = entry.notes
        plan.agencies.append(data)
        if entry.reviews:
            plan.agency_reviews[entry.id] = [Review("agency", r) for r in entry.reviews]
    plan.events = [{"id": k, "name": v, "date": None} for k, v in sorted(ctx.events.items())]
    # kehoach's own counted nouns need no declaration
    plan.units = [{"name": u, "kind": "count"} for u in sorted(ctx.count_units - set(COUNTS))]
    plan.header = _header(name, document)
    summary = _summary(plan, ctx)
    return plan, summary


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    order = ("number", "number_as_printed", "date", "place", "issuer", "title", "signer", "implements")
    return {k: data[k] for k in order if k in data}


def _horizon(plan: DraftPlan, ctx: Any, title: str) -> None:
    years: list[int] = []
    for t in plan.tasks if plan.tasks else ctx.tasks:
        years += _years(t.schedule)
    years += [int(str(g["by"])[:4]) for g in ctx.goals if g.get("by")]
    span = re.search(r"giai\s+đoạn\s+(\d{4})\s*[-–]\s*(\d{4})", title, re.I)
    until = re.search(r"đến\s+năm\s+(\d{4})", title, re.I)
    vision = re.search(r"(?:tầm\s+nhìn|định\s+hướng)\s+đến\s+năm\s+(\d{4})", title, re.I)
    horizon = int(span.group(2)) if span else int(until.group(1)) if until else None
    latest = max(years, default=None)
    if horizon is None and latest is not None:
        horizon = latest
        plan.meta_reviews.setdefault("horizon", []).append(
            Review("metadata", msg("the title gives no end year: horizon is the latest year a task or goal is due"))
        )
    elif horizon is not None and latest is not None and latest > horizon:
        plan.meta_reviews.setdefault("horizon", []).append(
            Review(
                "metadata",
                msg(
                    "the title ends in {horizon} but a task or goal is due in {latest}: horizon set to {latest}",
                    horizon=horizon,
                    latest=latest,
                ),
            )
        )
        horizon = latest
    if horizon is not None:
        plan.meta["horizon"] = horizon
    if vision and horizon is not None and int(vision.group(1)) >= horizon:
        plan.meta["vision"] = int(vision.group(1))
    if span and int(span.group(1)) > plan.meta.get("date", dt.date(1900, 1, 1)).year:
        plan.meta["start_year"] = int(span.group(1))


def _years(sched: dict[str, Any]) -> list[int]:
    out = []
    for key in ("by", "end", "start"):
        v = sched.get(key)
        if isinstance(v, dt.date):
            out.append(v.year)
    for m in sched.get("milestones", []):
        out.append(m["by"].year)
    for p in sched.get("parts", []):
        out += _years(p)
    return out


def _header(name: str, document: Document) -> list[str]:
    return [
        f"Bản nháp do `kehoach import` tạo từ {Path(name).name} — draft imported from {Path(name).name}.",
        'Mọi trường chưa chắc chắn có chú thích "kiểm tra lại: …": tìm bằng `grep -n "kiểm tra lại"`,',
        "sửa theo văn bản gốc, xoá chú thích, rồi chạy `kehoach check` trước khi commit.",
        'Every uncertain field carries a "kiểm tra lại" (review) comment saying why; `ref` gives the',
        "source line or table cell of every task. Nothing here is invented: what the document does not",
        "say is left empty.",
    ]


# The kinds of review comment, as the summary names them (draft.KINDS holds the slugs).
REVIEW_KINDS: dict[str, Msg] = {
    "owner": msg("owner"),
    "time": msg("time"),
    "target": msg("target"),
    "structure": msg("structure"),
    "agency": msg("agency"),
    "metadata": msg("metadata"),
}


def _summary(plan: DraftPlan, ctx: Any) -> dict[str, Any]:
    by_kind = Counter(r.kind for _, r in plan.all_reviews())
    return {
        "tasks": len(plan.tasks),
        "sections": len(plan.sections),
        "agencies": len(plan.agencies),
        "goals": len(plan.goals),
        "reviews": {k: by_kind.get(k, 0) for k in KINDS},
        "skipped": list(ctx.skipped),
    }


def summary_text(summary: dict[str, Any], lang: str) -> str:
    """The lines `kehoach import` ends with on stderr, in `lang`."""
    reviews = summary["reviews"]
    total = sum(reviews.values())
    parts = [msg("{kind} {n}", kind=REVIEW_KINDS[k], n=v) for k, v in reviews.items() if v]
    kinds = ", ".join(m.text(lang) for m in parts) or msg("none").text(lang)
    found = [
        nmsg("{n} task", "{n} tasks", summary["tasks"], n=summary["tasks"]),
        nmsg("{n} section", "{n} sections", summary["sections"], n=summary["sections"]),
        nmsg("{n} agency", "{n} agencies", summary["agencies"], n=summary["agencies"]),
        nmsg("{n} goal", "{n} goals", summary["goals"], n=summary["goals"]),
    ]
    lines = [
        "kehoach import: " + ", ".join(m.text(lang) for m in found),
        msg('fields needing review: {total} ({kinds}) — grep -n "kiểm tra lại"', total=total, kinds=kinds).text(lang),
    ]
    lines += [msg("not imported: {what}", what=s).text(lang) for s in summary["skipped"]]
    return "\n".join(lines) + "\n"
