"""Progress records gathered from report files and from plan.yaml's inline `progress`.

Each record is paired with its reporting agency (a report file's `agency`, or the
record's own `agency` inline) and where it was written, so rules can name file:line
and reports can say who reported what. This is the read side; `record/` writes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kehoach_cli.agencies import Registry
from kehoach_cli.load import Loaded
from kehoach_cli.problems import YamlPath

TYPE_CHECKING = False  # typing's, without importing typing
if TYPE_CHECKING:
    from kehoach_cli.model import Agency, Record


@dataclass(frozen=True)
class Entry:
    record: Record
    agency: Agency | None  # None when the reporting agency does not resolve
    source: str  # file name as displayed
    path: YamlPath  # the record's YAML path inside `source`


def collect(loaded: Loaded, registry: Registry) -> list[Entry]:
    """All records, report files first (sorted by file name), then inline ones."""
    out: list[Entry] = []
    for lr in sorted(loaded.reports, key=lambda r: str(r.path)):
        if lr.report is None:
            continue
        agency = registry.resolve(lr.report.agency)
        for i, rec in enumerate(lr.report.records):
            out.append(Entry(rec, agency, lr.doc.file, ("records", i)))
    if loaded.plan is not None:
        plan_name = next(iter(loaded.sources), str(loaded.path))
        for i, rec in enumerate(loaded.plan.progress):
            agency = registry.resolve(rec.agency) if rec.agency else None
            out.append(Entry(rec, agency, plan_name, ("progress", i)))
    return out


def by_task(loaded: Loaded, registry: Registry) -> dict[str, list[dict[str, object]]]:
    """Each task's records as plain data (for `kehoach export`), oldest first."""
    plan_dir = loaded.path.parent
    files = {lr.doc.file: lr.path for lr in loaded.reports}
    out: dict[str, list[dict[str, object]]] = {}
    for e in sorted(collect(loaded, registry), key=lambda e: e.record.date):
        rec = e.record
        line = loaded.sources[e.source].locate(e.path).line
        file = files.get(e.source, loaded.path)
        out.setdefault(rec.task, []).append(
            {
                "date": rec.date.isoformat(),
                "kind": rec.kind,
                "value": rec.value,
                "unit": rec.unit,
                "metric": rec.metric,
                "basis": rec.basis,
                "year": rec.year,
                "milestone": rec.milestone,
                "evidence": rec.evidence,
                "note": rec.note,
                "agency": e.agency.name if e.agency else rec.agency,
                "agency_id": e.agency.id if e.agency else None,
                "source": f"{Path(os.path.relpath(file, plan_dir)).as_posix()}:{line}",
            }
        )
    return out
