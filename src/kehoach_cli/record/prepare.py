"""The core of `kehoach record`: `prepare` turns the options into a record and holds it to
the rules of `rules.records` (refusing with the same problems `check` would report);
`write` appends it through `record.writer`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from kehoach_cli import safe
from kehoach_cli.agencies import Registry
from kehoach_cli.files import Snapshot
from kehoach_cli.load import Loaded
from kehoach_cli.messages import Msg, msg, raw
from kehoach_cli.model import Agency, Record, Task
from kehoach_cli.problems import Problem
from kehoach_cli.record.outcome import RecordOutcome
from kehoach_cli.record.writer import Appended, Value
from kehoach_cli.safe import argument
from kehoach_cli.textnorm import looks_like_tcvn3, nfc

# --- `kehoach record`: validate one new record, then append it ------------------------


class Refused(Exception):
    """`kehoach record` would write something `check` rejects; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p.message) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Request:
    """The options of `kehoach record`, as typed."""

    task: str
    kind: Literal["started", "done", "value"]
    date: str
    value: str | None = None
    unit: str | None = None
    evidence: str | None = None
    note: str | None = None
    year: int | None = None
    metric: str | None = None
    milestone: str | None = None
    basis: Literal["cumulative", "annual"] | None = None
    agency: str | None = None


@dataclass(frozen=True)
class Prepared:
    path: Path  # the report file to append to (as named; may be a symlink)
    agency: Agency
    record: Record
    fields: dict[str, Value]  # what is written, in order
    head: list[str]  # the start of a new file
    snapshot: Snapshot  # the file as it was when validated
    warnings: list[Problem]
    root: Path  # the repository: the file must lie inside it


_NUMBER = re.compile(r"^[-+]?[0-9]+(\.[0-9]+)?$")
_GROUPED = re.compile(r"^[-+]?[1-9][0-9]{0,2}\.[0-9]{3}$")
MAX_VALUE_TEXT = 30  # no amount has 30 digits; int() of 4,300 digits raises
MAX_TEXT = 2000  # characters of one option's text (evidence, note…)


def parse_value(text: str) -> int | float:
    """`--value` as a number, read by one rule: '.' is the decimal point and nothing groups
    thousands. A value Vietnamese writing makes ambiguous (4.108, 1.500: thousands or a
    decimal?) or writes otherwise (2,5, 1.500.000) is refused with the way to write it."""
    from kehoach_cli.load.validation import separator_hint

    s = text.strip()
    plain = msg("write a plain number with '.' as the decimal point and no thousands separator, e.g. 4108 or 12.5")
    if len(s) > MAX_VALUE_TEXT:
        raise _refuse(
            "record-value", msg("the value {value} is too long to be an amount", value=argument(s, 20)), plain
        )
    if _GROUPED.match(s):
        digits = s.replace(".", "")
        raise _refuse(
            "record-value",
            msg(
                "{value} may be {digits} (a Vietnamese thousands separator) or the decimal {value}; "
                "kehoach does not guess",
                value=s,
                digits=digits,
            ),
            msg("write {digits} for the whole number, or {value}0 for the decimal", digits=digits, value=s),
        )
    if not _NUMBER.match(s):
        raise _refuse(
            "record-value", msg("cannot read the value {value}", value=argument(s)), separator_hint(s) or plain
        )
    return float(s) if "." in s else int(s)


def _refuse(code: str, message: Msg, hint: Msg | None = None) -> Refused:
    return Refused([Problem(code, message, hint=hint)])


def prepare(loaded: Loaded, registry: Registry, req: Request, today: dt.date) -> Prepared:
    """Everything `check` would say about the new record, before anything is written."""
    from kehoach_cli import asof
    from kehoach_cli.files import FileChanged, NotWritable, snapshot
    from kehoach_cli.load.access import DEFAULT_MAX_SIZE
    from kehoach_cli.load.validation import validate
    from kehoach_cli.record.writer import WriteError, target
    from kehoach_cli.rules import records as record_rules

    plan = loaded.plan
    assert plan is not None
    for text in (req.task, req.evidence, req.note, req.unit, req.metric, req.milestone, req.agency):
        if text is not None and len(text) > MAX_TEXT:
            raise _refuse(
                "record-text", msg("{text} is longer than {n} characters", text=argument(text, 40), n=MAX_TEXT)
            )
        hidden = next((c for c in text or "" if c not in "\n\t" and safe.hidden(c)), None)
        if text is not None and hidden is not None:
            raise _refuse(
                "record-text",
                msg(
                    "{text} contains an invisible or control character ({char}), or undecodable bytes",
                    text=argument(text, 40),
                    char=safe.escape_char(hidden),
                ),
                msg("type the text again; check files will refuse the character too"),
            )
        if text is not None and looks_like_tcvn3(text):
            raise _refuse(
                "encoding-tcvn3",
                msg("{text} looks like TCVN3 (ABC) font text pasted as Unicode", text=argument(text, 40)),
                msg("convert it to Unicode first (e.g. UniKey's converter, TCVN3 → Unicode)"),
            )
    on = asof.parse_date(req.date, "date")
    # Insertion order is the order written: task, date, kind, value, unit, metric, …
    data: dict[str, Value] = {"task": nfc(req.task.strip()), "date": on, "kind": req.kind}
    if req.value is not None:
        data["value"] = parse_value(req.value)
    optional: dict[str, str | int | None] = {
        "unit": req.unit,
        "metric": req.metric,
        "basis": req.basis,
        "year": req.year,
        "milestone": req.milestone,
        "evidence": req.evidence,
        "note": req.note,
    }
    for key, val in optional.items():
        if val is not None:
            data[key] = nfc(val.strip()) if isinstance(val, str) else val
    data["recorded_on"] = today
    rec, problems = validate(Record, data)
    if rec is None:
        raise Refused(problems)
    task = next((t for t in plan.tasks if t.id == rec.task), None)
    if task is None:
        raise Refused([p for p in record_rules.check_record(plan, registry, rec, None, today) if p.severity == "error"])
    agency = _agency(registry, task, req.agency, on)
    found = record_rules.check_record(plan, registry, rec, agency, today)
    # `record` writes lines nobody will rewrite: a field `check` would warn about forever
    # (an ignored --year or --basis) is refused here, not written.
    errors = [p if p.severity == "error" else replace(p, severity="error") for p in found]
    if errors:
        raise Refused(errors)
    repeated = _repeats(loaded, registry, rec)
    if repeated is not None:
        raise Refused([repeated])
    path = report_path(loaded, registry, agency)
    try:
        current = snapshot(target(path, loaded.root), DEFAULT_MAX_SIZE)
    except (WriteError, FileChanged, NotWritable) as exc:
        raise _refuse("record-file", exc.message, msg("check the reports folder")) from None
    except OSError as exc:
        raise _refuse(
            "record-file",
            msg("cannot read {file}: {reason}", file=str(path), reason=str(exc.strerror or exc)),
            msg("check the reports folder"),
        ) from None
    warnings: list[Problem] = []
    prepared = Prepared(path, agency, rec, data, _head(loaded, agency), current, warnings, loaded.root)
    try:
        _new_content(prepared, registry, current.data)
    except WriteError as exc:
        raise _refuse("record-file", exc.message) from None
    return prepared


def _repeats(loaded: Loaded, registry: Registry, rec: Record) -> Problem | None:
    """The problem when the new record repeats one already made (the same record, a second
    completion, a second annual value for a year)."""
    from kehoach_cli.progress import Entry, collect
    from kehoach_cli.rules.records import record_keys, repeats

    assert loaded.plan is not None
    seen: dict[tuple[object, ...], Entry] = {}
    for entry in collect(loaded, registry):
        for key in record_keys(loaded.plan, entry.record):
            seen.setdefault(key, entry)
    found = repeats(loaded.plan, rec, seen, lambda e: loaded.sources[e.source].locate(e.path))
    if found is None:
        return None
    where = ", ".join(str(r) for r in found.related)
    return replace(found, message=msg("{problem} ({where})", problem=found.message, where=where), related=())


def _agency(registry: Registry, task: Task, given: str | None, on: dt.date) -> Agency:
    from kehoach_cli.rules.records import unknown_agency

    if given is not None:
        found = registry.find(given)
        if found is None:
            raise Refused([unknown_agency(registry, given, (), raw("--agency"))])
        return found
    leads = registry.answerers(task.lead, on, task)
    if len(task.lead) == 1 and len(leads) == 1:
        return leads[0].agency
    who = ", ".join(a.agency.name for a in leads) or msg("no lead")
    raise _refuse(
        "record-agency",
        msg(
            "task {task} has no sole lead on {date} ({who}); say who reports",
            task=task.id,
            date=on.isoformat(),
            who=who,
        ),
        msg("add --agency <name or id>"),
    )


def _head(loaded: Loaded, agency: Agency) -> list[str]:
    from kehoach_cli.record.writer import scalar

    assert loaded.plan is not None
    meta = loaded.plan.plan
    return [
        f"# Báo cáo tiến độ của {_one_line(agency.name)} · progress records of {_one_line(agency.name_en or agency.name)}",
        f"# Kế hoạch {_one_line(meta.number_as_printed)} ngày {meta.date:%d/%m/%Y} của {_one_line(meta.issuer)}.",
        "# Only this agency's records belong here; the format is in docs/progress.md.",
        "# `kehoach record` appends to this file; existing lines are never rewritten.",
        f"agency: {scalar(agency.name)}",
    ]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _new_content(prepared: Prepared, registry: Registry, current: bytes | None) -> bytes:
    """The file with the record appended, after checking the file as it is now."""
    from kehoach_cli.load import display_name
    from kehoach_cli.load.validation import validate
    from kehoach_cli.load.yamlio import decode, parse
    from kehoach_cli.model import ReportFile
    from kehoach_cli.record.writer import WriteError, append_suffix

    name = display_name(prepared.path)
    text: str | None = None
    if current is not None:
        text, problems = decode(current, name)
        if text is None:
            raise WriteError(msg("{file}: {problem}", file=name, problem=problems[0].message))
        if text.strip():
            doc, problems = parse(text, name)
            report, more = validate(ReportFile, doc.data) if not problems else (None, [])
            if report is None:
                first = (problems + more)[0]
                where = doc.locate(first.path) if first.location is None else first.location
                raise WriteError(
                    msg(
                        "{where}: {problem}; run `kehoach check`, fix the file, then record again",
                        where=str(where),
                        problem=first.message,
                    )
                )
            owner = registry.resolve(report.agency)
            if owner is None or owner.id != prepared.agency.id:
                raise WriteError(
                    msg(
                        "{file} reports for {agency}, not for {other}",
                        file=name,
                        agency=repr(report.agency),
                        other=prepared.agency.name,
                    )
                )
    try:
        suffix = append_suffix(text, prepared.fields, prepared.head)
    except WriteError as exc:
        raise WriteError(msg("{file}: {problem}", file=name, problem=exc.message)) from None
    return (current or b"") + suffix.encode("utf-8")


def write(prepared: Prepared, registry: Registry, on_wait: Callable[[Msg], None] | None = None) -> Appended:
    """Append under the lock; the file is re-read and re-checked there."""
    from kehoach_cli.record.writer import locked_append

    return locked_append(
        prepared.path, lambda cur: _new_content(prepared, registry, cur), prepared.snapshot, prepared.root, on_wait
    )


def report_path(loaded: Loaded, registry: Registry, agency: Agency) -> Path:
    """Where `kehoach record` writes for `agency`: its file listed in `plan.reports` (the
    last one, when it has several), else reports/<agency-id>.yaml next to the plan."""
    plan = loaded.plan
    assert plan is not None
    listed = {(loaded.path.parent / p).resolve() for p in plan.plan.reports}
    chosen: Path | None = None
    for lr in loaded.reports:
        if lr.report is None or lr.path.resolve() not in listed:
            continue
        owner = registry.resolve(lr.report.agency)
        if owner is not None and owner.id == agency.id:
            chosen = lr.path
    return chosen if chosen is not None else loaded.path.parent / "reports" / f"{agency.id}.yaml"


def record_outcome(
    loaded: Loaded, req: Request, today: dt.date, on_wait: Callable[[Msg], None] | None = None
) -> RecordOutcome:
    """Prepare and write one record; every refusal and write error becomes part of the outcome.
    `on_wait` hears, once, that the report file's lock is held by someone else."""
    from kehoach_cli.record.writer import WriteError

    registry = loaded.registry
    what = f"{req.value} {req.unit}" if req.kind == "value" else req.kind
    try:
        prepared = prepare(loaded, registry, req, today)
        written = write(prepared, registry, on_wait)
    except Refused as exc:
        return RecordOutcome("", req.task, what, refused=tuple(exc.problems))
    except WriteError as exc:
        return RecordOutcome("", req.task, what, error=exc.message)
    rec = prepared.record
    shown = f"{rec.value} {rec.unit}" if rec.kind == "value" else rec.kind
    return RecordOutcome(
        str(prepared.path),
        req.task,
        shown,
        rec.date,
        prepared.agency.name,
        warnings=tuple(prepared.warnings),
        changed=written.changed,
    )
