"""The validated-plan cache: a checked plan stored as plain data, so an unchanged plan is
not parsed, validated or checked again.

An entry holds what `kehoach check` found (every problem, located) and the plan and its
report files as plain data (load.plain); a warm run reads it with `marshal`, imports
neither yaml nor pydantic, and rebuilds light objects for the evaluation.

Trusted only when nothing it depends on changed. Its key hashes kehoach's code (version,
and the size and time of each of its modules, so an edited checkout never reads an entry
of older code), the cache format, Python's version, the plan's bytes and where it stands
(its real path, the repository, the name it is shown by, the working directory), the
largest size read (--max-size) and today's date in Việt Nam (records dated "in the
future" depend on it). The entry then lists every report file the load tried to read,
with its real path and the hash of its bytes (or that it could not be read), and the
names in reports/: a change to any of them, a new report file or a link moved, and the
entry is not used.

Entries live in $XDG_CACHE_HOME/kehoach (default ~/.cache/kehoach), off with --no-cache or
KEHOACH_NO_CACHE=1. An entry has a head (what `check` prints, and what the entry depends
on) and a body (the plan and its report files), each with its own hash: a warm `check`
reads the head only (`check_result`), so it neither unmarshals nor rebuilds the plan.
A report command's output is kept too (`report_output`), keyed by the plan's entry and
everything the command was given and how it is shown (format, language, width, colour),
so a warm report neither rebuilds nor evaluates the plan. How entries are written whole,
read checked (a truncated, corrupt or foreign file is ignored and replaced, never an
error) and pruned to a size is `load.cachedir`'s. A cache directory that cannot be made or
written means no cache, silently.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from kehoach_cli.errors import UnreadableInput
from kehoach_cli.load import cachedir
from kehoach_cli.load.access import read_file, repository_root, within
from kehoach_cli.load.source import LONE_CR, SourceDoc, display_name
from kehoach_cli.messages import Msg
from kehoach_cli.problems import Location, Problem

# What only a plan's own entry needs is imported where it is used: a kept report or a
# warm `check` never rebuilds the plan.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from kehoach_cli.load.loaded import Loaded
    from kehoach_cli.load.result import CheckResult

FORMAT = 4  # of an entry's body: raise it when what is stored changes
_SUFFIX = ".entry"
_REPORT_SUFFIX = ".report"  # a report's output: an entry of the same layout

# The plan (as given) and the key of the entry this process last read it from or wrote it
# to: a report's output is kept only under an entry that holds the plan it was made from.
_trusted: tuple[str, str] | None = None


_FAILURES = (OSError, UnreadableInput, ValueError, TypeError, KeyError, IndexError, EOFError)


def _entry(
    path: Path, max_size: int, *, body: bool = False
) -> tuple[Path, str, dict[str, Any], bytes, dict[str, bytes]] | None:
    """The cache folder, key, head, body (if asked for) and file texts of the plan's entry,
    when one exists and nothing it depends on changed. The body's hash is checked even where
    it is not read (11 ms at 10k tasks): a damaged entry is rebuilt by the run that finds it,
    whatever the command."""
    folder = cachedir.directory()
    if folder is None:
        return None
    key, plan_bytes = _key(path, max_size)
    entry = cachedir.read_entry(folder / f"{key}{_SUFFIX}", whole=body, check_body=True)
    if entry is None:
        return None
    head, data = entry
    texts = _still(path, head, plan_bytes, max_size)
    if texts is None:
        return None
    return folder, key, head, data, texts


def load(path: Path, max_size: int) -> Loaded | None:
    """The checked plan at `path` from its entry, or None (no entry, or it is not to be trusted)."""
    global _trusted
    _trusted = None
    try:
        found = _entry(path, max_size, body=True)
        if found is None:
            return None
        _, key, head, body, texts = found
        loaded = _rebuild(path, head, marshal.loads(body), texts)
        _trusted = (str(path), key)
        return loaded
    except _FAILURES:
        return None  # whatever went wrong, the full load decides


def check_result(path: Path, max_size: int) -> CheckResult | None:
    """What `kehoach check` renders for the plan at `path`, from its entry's head alone, or None."""
    from kehoach_cli.load.result import CheckResult

    try:
        found = _entry(path, max_size)
        if found is None:
            return None
        _, _, head, _, texts = found
        sources = _sources(head, texts)
        tasks, agencies, records = head["counts"]
        name = next(iter(sources), str(path))
        problems = tuple(problem_from_data(p) for p in head["problems"])
        return CheckResult(name, head["ok"], problems, sources, tasks, agencies, records)
    except _FAILURES:
        return None


def report_output(path: Path, max_size: int, given: str) -> Any:
    """What a report command stored for the plan at `path` run with `given` (the command
    and every option and date its output depends on), or None."""
    try:
        found = _entry(path, max_size)
        if found is None:
            return None
        folder, key, _, _, _ = found
        kept = cachedir.read_entry(folder / f"{_report_key(key, given)}{_REPORT_SUFFIX}", whole=False)
        if kept is None or kept[0].get("plan") != key or kept[0].get("given") != given:
            return None
        return kept[0]["output"]
    except _FAILURES:
        return None


def store_report(path: Path, given: str, output: Any) -> None:
    """Keep a report's `output` (marshal-able) under the entry the plan was served from or
    stored in by this process; nothing when there is none (the plan's entry was not kept)."""
    folder = cachedir.directory()
    if folder is None or _trusted is None or _trusted[0] != str(path):
        return
    key = _trusted[1]
    head = {"format": FORMAT, "plan": key, "given": given, "output": output}
    cachedir.keep(folder, f"{_report_key(key, given)}{_REPORT_SUFFIX}", head, {})


def _report_key(plan_key: str, given: str) -> str:
    return hashlib.sha256(f"{plan_key}\0report\0{given}".encode("utf-8", "surrogateescape")).hexdigest()


def store(loaded: Loaded, max_size: int) -> None:
    """Keep `loaded` (a plan after `rules.check`) for the next run; never fails the run."""
    global _trusted
    _trusted = None
    folder = cachedir.directory()
    if folder is None:
        return
    try:
        key, plan_bytes = _key(loaded.path, max_size)
        parts = _body(loaded, plan_bytes, max_size)
        if parts is None:
            return
        cachedir.write_entry(folder, f"{key}{_SUFFIX}", *parts)
        _trusted = (str(loaded.path), key)
        cachedir.prune(folder)
    except (OSError, UnreadableInput, ValueError, TypeError):
        return


# --- problems ------------------------------------------------------------------------------
# The one place a Problem becomes plain data and back.


def problem_to_data(p: Problem) -> tuple[Any, ...]:
    loc = None if p.location is None else (p.location.file, p.location.line, p.location.col)
    related = [(r.file, r.line, r.col) for r in p.related]
    hint = None if p.hint is None else p.hint.to_data()
    return (p.code, p.message.to_data(), list(p.path), hint, p.severity, loc, related, [list(s) for s in p.see])


def problem_from_data(data: tuple[Any, ...]) -> Problem:
    code, message, path, hint, severity, loc, related, see = data
    return Problem(
        code,
        Msg.from_data(message),
        tuple(path),
        None if hint is None else Msg.from_data(hint),
        severity,
        None if loc is None else Location(*loc),
        tuple(Location(*r) for r in related),
        tuple(tuple(s) for s in see),
    )


# --- keys and entries ----------------------------------------------------------------------


def _key(path: Path, max_size: int) -> tuple[str, bytes]:
    from kehoach_cli import asof

    root = repository_root(path.parent)
    plan_bytes = read_file(path, display_name(path), root, max_size)
    h = hashlib.sha256()
    for part in (
        cachedir.code_fingerprint(),
        str(FORMAT),
        sys.version,
        os.path.realpath(path),
        str(root),
        display_name(path),
        os.getcwd(),
        str(max_size),
        asof.today().isoformat(),
    ):
        h.update(part.encode("utf-8", "surrogateescape") + b"\0")
    h.update(hashlib.sha256(plan_bytes).digest())
    return h.hexdigest(), plan_bytes


def _raw(path: Path, root: Path, max_size: int) -> bytes | None:
    """A report file's bytes, None when it cannot be read (which the load reported)."""
    try:
        return read_file(path, display_name(path), root, max_size)
    except (UnreadableInput, OSError):
        return None


def _listing(plan_path: Path, root: Path) -> tuple[str, bool, list[str]] | None:
    """reports/ as the loader sees it: its real path, whether it is inside the repository, its names."""
    folder = plan_path.parent / "reports"
    if not folder.is_dir():
        return None
    return os.path.realpath(folder), within(folder, root), sorted(p.name for p in folder.glob("*.yaml"))


def _body(loaded: Loaded, plan_bytes: bytes, max_size: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The entry of `loaded` (head and body), or None when a file changed while it was loaded (the entry
    would pair the new bytes with what the old ones held)."""
    from kehoach_cli.load.plain import to_plain
    from kehoach_cli.load.result import result

    root = loaded.root
    read = []
    raw_of: dict[str, bytes | None] = {str(loaded.path): plan_bytes}
    for p in loaded.read:
        raw = _raw(p, root, max_size)
        raw_of[str(p)] = raw
        read.append((str(p), os.path.realpath(p), None if raw is None else hashlib.sha256(raw).hexdigest()))
    sources = []
    for name, doc in loaded.sources.items():
        shown = _source_path(loaded, name)
        raw = raw_of.get(shown)
        if raw is None or _text(raw) != doc.text:
            return None
        sources.append((name, shown, doc.excerpts))  # name, path, whether lines may be shown (the plan first)
    checked = result(loaded)
    head = {
        "format": FORMAT,
        "plan_sha": hashlib.sha256(plan_bytes).hexdigest(),
        "root": str(root),
        "listing": _listing(loaded.path, root),
        "read": read,
        "problems": [problem_to_data(p) for p in loaded.problems],
        "sources": sources,
        "ok": checked.ok,
        "counts": (checked.tasks, checked.agencies, checked.records),
    }
    body = {
        "plan": to_plain(loaded.plan),
        "reports": [(str(r.path), r.doc.file, to_plain(r.report)) for r in loaded.reports],
    }
    return head, body


def _source_path(loaded: Loaded, name: str) -> str:
    if name == loaded.name:
        return str(loaded.path)
    return next(str(r.path) for r in loaded.reports if r.doc.file == name)


def _still(path: Path, head: dict[str, Any], plan_bytes: bytes, max_size: int) -> dict[str, bytes] | None:
    """The bytes of every file the entry was made from, as read now, or None when any of
    them (or the names in reports/) changed since."""
    if head.get("format") != FORMAT or head["plan_sha"] != hashlib.sha256(plan_bytes).hexdigest():
        return None
    root = Path(head["root"])
    listing = _listing(path, root)
    if listing != (None if head["listing"] is None else tuple(head["listing"])):
        return None
    texts: dict[str, bytes] = {str(path): plan_bytes}
    for shown, real, digest in head["read"]:
        p = Path(shown)
        raw = _raw(p, root, max_size)
        if os.path.realpath(p) != real or (None if raw is None else hashlib.sha256(raw).hexdigest()) != digest:
            return None
        if raw is not None:
            texts[shown] = raw
    return texts


def _sources(head: dict[str, Any], texts: dict[str, bytes]) -> dict[str, SourceDoc]:
    return {name: SourceDoc(name, _text(texts[shown]), excerpts=excerpts) for name, shown, excerpts in head["sources"]}


def _rebuild(path: Path, head: dict[str, Any], body: dict[str, Any], texts: dict[str, bytes]) -> Loaded:
    from kehoach_cli.load.loaded import Loaded, LoadedReport
    from kehoach_cli.load.plain import from_plain

    sources = _sources(head, texts)
    root = Path(head["root"])
    loaded = Loaded(path, from_plain(body["plan"]), [problem_from_data(p) for p in head["problems"]], root)
    loaded.sources = sources
    loaded.reports = [LoadedReport(Path(p), sources[name], from_plain(r)) for p, name, r in body["reports"]]
    loaded.read = [Path(shown) for shown, _, _ in head["read"]]
    return loaded


def _text(raw: bytes) -> str:
    """A source's text as the parser numbered its lines (the file decoded when it was cached)."""
    return LONE_CR.sub("\n", raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8"))
