"""Progress records gathered from report files and from plan.yaml's inline `progress`.

Each record is paired with its reporting agency (a report file's `agency`, or the
record's own `agency` inline) and where it was written, so rules can name file:line
and reports can say who reported what.
"""

from __future__ import annotations

from dataclasses import dataclass

from .agencies import Registry
from .loader import Loaded
from .model import Agency, Record
from .problems import YamlPath


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
