"""Appending a record to a human's YAML file without ever rewriting what is there.

Three layers, each small enough to check by eye:

* `scalar` / `item_lines`: our own emitter for one record (plain where unambiguous,
  double-quoted otherwise; NFC). A human's file never goes through ``yaml.safe_dump``,
  which drops comments, sorts keys and escapes Vietnamese.
* `append_suffix`: the text to add after the file's last byte so that the file gains one
  list item under ``records:``. It proves itself by parsing old + new and comparing the
  data; a file whose shape allows no pure append (``records: []``, a key after the list,
  flow style) is refused, never rewritten.
* `locked_append`: an exclusive lock on ``<file>.lock`` (a separate file: locking the
  file we replace would not stop a concurrent writer), a re-read under the lock once no
  other program is writing the file, and `files.atomic_write` (a temporary file with the
  original's permissions, fsync, ``os.replace`` onto the real path, never over another
  program's save). Any OS error leaves the original as it was; nothing is written outside
  the repository.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kehoach_cli.files import FileChanged, NotWritable, Snapshot, atomic_write, changed, snapshot, sweep_temps
from kehoach_cli.load.access import DEFAULT_MAX_SIZE, within
from kehoach_cli.load.yamlio import parse
from kehoach_cli.messages import Failure, Msg, msg
from kehoach_cli.textnorm import nfc

LOCK_TIMEOUT = 60.0  # seconds; a record append holds the lock for milliseconds
WAIT_NOTICE = 2.0  # seconds of silent waiting for the lock before saying so

Value = str | int | float | dt.date


class WriteError(Failure):
    """The file was not changed: a refused shape, a changed file, or an OS error."""


# --- emitter -------------------------------------------------------------------------

# Plain only when no YAML reader can take the text for anything but this string: it
# starts with a letter and holds letters, digits, spaces and a little punctuation (no
# ':', '#', quotes or brackets), and is not a word YAML 1.1 reads as a boolean or null.
_PLAIN = re.compile(r"[^\W\d_][\w.,/()+ -]*")
_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _printable(ch: str) -> bool:
    """YAML's printable set, less the characters readers treat as line breaks."""
    o = ord(ch)
    if ch in "\x85\u2028\u2029\ufeff":
        return False
    return 0x20 <= o <= 0x7E or 0xA0 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or 0x10000 <= o <= 0x10FFFF


def scalar(value: Value) -> str:
    """One YAML scalar that reads back (through yamlio) as exactly `value`."""
    if isinstance(value, bool):
        raise TypeError("booleans are not written by kehoach record")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("not a finite number")
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = nfc(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and "  " not in text and text.lower() not in _RESERVED:
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif _printable(ch):
            out.append(ch)
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def item_lines(fields: Mapping[str, Value], dash_col: int = 3, key_col: int = 5) -> list[str]:
    """A block-sequence item: '- key: value' at `dash_col`, its keys at `key_col` (1-based)."""
    lines = []
    for i, (key, value) in enumerate(fields.items()):
        lead = " " * (dash_col - 1) + "-" + " " * (key_col - dash_col - 1) if i == 0 else " " * (key_col - 1)
        lines.append(f"{lead}{key}: {scalar(value)}")
    return lines


def read_back(value: Value) -> object:
    """What yamlio makes of `scalar(value)`: dates stay text until the model reads them."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return nfc(value)
    return value


# --- pure append ---------------------------------------------------------------------


def append_suffix(text: str | None, fields: Mapping[str, Value], head: list[str]) -> str:
    """The text to append to `text` (None or blank: a new file starting with `head`).

    Raises WriteError when no pure append can add the item under ``records:``.
    """
    nl = "\r\n" if text and "\r\n" in text else "\n"
    if text is None or not text.strip():
        old_data: dict[str, object] = {}
        lines = [*head, "records:", *item_lines(fields)]
        expected_records: list[object] = []
    else:
        doc, problems = parse(text, "")
        if problems or not isinstance(doc.data, dict):
            raise WriteError(
                msg("the file is not a YAML mapping without problems; run `kehoach check` and fix it first")
            )
        old_data = doc.data
        records = old_data.get("records", _MISSING)
        if records is _MISSING:
            lines = ["records:", *item_lines(fields)]
            expected_records = []
        elif records is None:
            lines = item_lines(fields)
            expected_records = []
        elif isinstance(records, list) and records:
            dash_line, dash = doc.mark(("records",)) or (0, 0)
            key_line, key = doc.mark(("records", 0)) or (0, 0)
            lines = item_lines(fields, dash, key if key_line == dash_line else dash + 2)
            expected_records = list(records)
        else:
            raise WriteError(_shape_help(records))
    suffix = ("" if not text or text.endswith("\n") else nl) + nl.join(lines) + nl
    new_text = (text or "") + suffix
    doc, problems = parse(new_text, "")
    expected = {**old_data, "records": [*expected_records, {k: read_back(v) for k, v in fields.items()}]}
    if text is None or not text.strip():
        expected = {**_head_data(head), **expected}
    if any(p.code.startswith("yaml-") for p in problems) or doc.data != expected:
        raise WriteError(_shape_help(old_data.get("records", _MISSING)))
    if problems:
        raise WriteError(msg("the appended record would not read back: {problem}", problem=problems[0].message))
    return suffix


_MISSING = object()


def _head_data(head: list[str]) -> dict[str, object]:
    doc, _ = parse("\n".join(head) + "\n", "")
    return dict(doc.data) if isinstance(doc.data, dict) else {}


def _shape_help(records: object) -> Msg:
    if records == []:
        return msg(
            "the file has `records: []`, which cannot grow without rewriting that line; "
            "delete the line `records: []` (kehoach adds `records:` itself) and run the command again"
        )
    return msg(
        "the new record cannot be appended without rewriting existing lines: `records:` must be the "
        "last key of the file, written as a block list ('- task: …' items), not in [flow] style"
    )


# --- locked, atomic write ------------------------------------------------------------

QUIET = 0.5  # seconds a file must have been left alone before kehoach replaces it
QUIET_WAIT = 10.0  # give up on a file that keeps changing for this long


@dataclass(frozen=True)
class Appended:
    path: Path  # the real file written (symlinks resolved)
    changed: bool  # someone else changed the file after it was first read; re-validated
    old_size: int
    new_size: int


def target(path: Path, root: Path, *, create: bool = False) -> Path:
    """The real file to write for `path`: inside `root` whatever links lie on the way, its
    missing folders only under a real folder (never through a link), created if `create`."""
    real = Path(os.path.realpath(path))
    if not within(real, root):
        raise WriteError(
            msg(
                "{file} leads outside the repository ({root}); kehoach writes only inside it",
                file=str(path),
                root=str(root),
            )
        )
    missing: list[Path] = []
    folder = path.parent
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    dangling = os.path.islink(folder) and not os.path.exists(folder)
    if dangling or (missing and (os.path.islink(folder) or not os.path.isdir(folder))):
        raise WriteError(
            msg(
                "{folder} is a symbolic link or not a folder: kehoach does not create folders through it",
                folder=str(folder),
            )
        )
    for part in reversed(missing if create else []):
        os.mkdir(part)
    lock = Path(str(real) + ".lock")
    if os.path.islink(lock):  # a committed link would have the lock truncate its target
        raise WriteError(msg("{file} is a symbolic link; remove it, it is only kehoach's lock file", file=lock.name))
    return real


def locked_append(
    path: Path,
    build: Callable[[bytes | None], bytes],
    expected: Snapshot,
    root: Path | None = None,
    on_wait: Callable[[Msg], None] | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
) -> Appended:
    """Under an exclusive lock, re-read `path`, let `build` validate it and return the new
    content (which must begin with every existing byte), and write it atomically.

    `expected` is the file as first read: a file now missing, shorter, or no longer beginning
    with those bytes was rewritten by another program, and nothing is written. After
    `WAIT_NOTICE` seconds of waiting for the lock, `on_wait` is told who holds it, so that
    nobody stares at a silent terminal for a minute."""
    from filelock import FileLock, Timeout

    shown = str(path)
    try:
        real = target(path, root if root is not None else Path(os.path.realpath(path.parent)), create=True)
        lock_path = str(real) + ".lock"
        lock = FileLock(lock_path, timeout=LOCK_TIMEOUT)
        notice = min(WAIT_NOTICE, LOCK_TIMEOUT)
        try:
            lock.acquire(timeout=notice)
        except Timeout:
            if notice >= LOCK_TIMEOUT:
                raise
            if on_wait is not None:
                on_wait(
                    msg(
                        "waiting for {file}.lock, {holder}; giving up after {seconds} s",
                        file=real.name,
                        holder=_holder(lock_path),
                        seconds=format(LOCK_TIMEOUT, ".0f"),
                    )
                )
            lock.acquire(timeout=LOCK_TIMEOUT - notice)
        try:
            _sign(lock_path)
            sweep_temps(real)
            current = _settled(real, expected, max_size)
            new = build(current.data)
            old = current.data or b""
            if new[: len(old)] != old:
                raise WriteError(
                    msg("{file}: refusing to write: the new content would change existing bytes", file=shown)
                )
            atomic_write(real, new, expect=current)
        finally:
            lock.release()
    except (FileChanged, NotWritable) as exc:
        raise WriteError(exc.message) from None
    except Timeout:
        raise WriteError(
            msg(
                "{file}: another writer has held {lock}.lock for over {seconds} s; try again",
                file=shown,
                lock=Path(shown).name,
                seconds=format(LOCK_TIMEOUT, ".0f"),
            )
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WriteError(
            msg("cannot write {file}: {reason}; the file is unchanged", file=shown, reason=reason)
        ) from None
    return Appended(real, not current.same(expected), len(old), len(new))


def _settled(real: Path, expected: Snapshot, max_size: int) -> Snapshot:
    """The file under the lock, once no other program is writing it, and only if it still
    begins with what was first read and validated."""
    deadline = time.monotonic() + QUIET_WAIT
    current = snapshot(real, max_size)
    while current.exists and abs(time.time_ns() - current.mtime_ns) < QUIET * 1e9:
        # Written a moment ago: an editor saving in place may be halfway through.
        if time.monotonic() > deadline:
            raise WriteError(msg("{file} keeps changing; nothing was written, run the command again", file=real.name))
        time.sleep(QUIET)
        current = snapshot(real, max_size)
    if expected.exists:
        assert expected.data is not None
        if not current.exists or current.size < expected.size or not (current.data or b"").startswith(expected.data):
            raise WriteError(changed(real.name).message)
    if current.exists and not (current.data or b"").strip():
        raise WriteError(
            msg(
                "{file} exists but is empty: another program may be writing it; nothing was written "
                "(delete the empty file to start a new one)",
                file=real.name,
            )
        )
    return current


def _sign(lock_path: str) -> None:
    """Write our process id into the lock file we hold, for a waiting writer to name us.
    The lock is the flock on the file, not its content, so this is only a courtesy."""
    with contextlib.suppress(OSError):
        fd = os.open(lock_path, os.O_WRONLY)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        finally:
            os.close(fd)


def _holder(lock_path: str) -> Msg:
    """Who holds the lock, as far as the lock file says: a kehoach writer signs it with its
    process id; another program, or a writer that died, leaves nothing we can trust."""
    try:
        text = Path(lock_path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        text = ""
    if not text.isdigit():
        return msg("held by another program")
    pid = int(text)
    if os.name != "nt":  # os.kill(pid, 0) probes a process on POSIX; on Windows it would kill it
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return msg("held by another program")
        except PermissionError:
            pass
    return msg("held by process {pid}", pid=pid)
