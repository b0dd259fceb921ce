"""The cache's folder and its entry files: where they live, how one is written whole and read
checked, how the folder stays under its size, and the fingerprint of kehoach's own files.

Kept apart from `load.cache` (what an entry holds) because a run served from the cache
(`--help`, a kept report) needs only this: it imports nothing but the standard library.

An entry is a file of: a magic line, the head's length (8 bytes), the hash of the head and
of the body (32 bytes each), the head, the body; head and body are marshal data. It is
written to a temporary file and renamed into place, so a reader never sees half of one
however many processes write; a truncated, corrupt or foreign file fails its hashes and is
ignored (and replaced by the run that finds it), never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from pathlib import Path
from typing import Any, BinaryIO

MAX_BYTES = 256 * 1024 * 1024  # all entries together; the least recently used beyond it are removed
MAGIC = b"kehoach plan cache\n"
SUFFIXES = (".entry", ".report", ".help")  # a plan, a report's output, a help text
NO_CACHE_ENV = "KEHOACH_NO_CACHE"

# Cleared by the app's --no-cache for the run.
enabled = True


def directory() -> Path | None:
    """Where entries live ($XDG_CACHE_HOME/kehoach, default ~/.cache/kehoach), or None when the cache is off."""
    if not enabled or os.environ.get(NO_CACHE_ENV, "").strip() not in ("", "0"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG rule: a relative path is ignored.
    root = Path(base) if base and os.path.isabs(base) else Path.home() / ".cache"
    return root / "kehoach"


_fingerprint: str | None = None


def code_fingerprint() -> str:
    """kehoach's version and the size and modification time of each of its files (code,
    data, translations): an edited checkout never reads an entry its older code wrote."""
    global _fingerprint
    if _fingerprint is None:
        from kehoach_cli import __version__

        package = Path(__file__).resolve().parent.parent
        h = hashlib.sha256(__version__.encode())
        for folder, dirs, files in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".yaml", ".mo")):
                    st = os.stat(os.path.join(folder, name))
                    h.update(f"{os.path.relpath(folder, package)}/{name}:{st.st_size}:{st.st_mtime_ns}\0".encode())
        _fingerprint = h.hexdigest()
    return _fingerprint


_DIGEST = hashlib.sha256().digest_size
_PREAMBLE = len(MAGIC) + 8 + 2 * _DIGEST


def read_entry(file: Path, *, whole: bool, check_body: bool = False) -> tuple[dict[str, Any], bytes] | None:
    """The head of the entry in `file` and (`whole`) its body's bytes, checked against
    their hashes; None when there is no entry or it is damaged. `check_body` checks the
    body's hash without keeping it (read in pieces: at 100,000 tasks it is tens of MB)."""
    try:
        with open(file, "rb") as f:
            pre = f.read(_PREAMBLE)
            if len(pre) < _PREAMBLE or not pre.startswith(MAGIC):
                return None
            size = int.from_bytes(pre[len(MAGIC) : len(MAGIC) + 8], "big")
            head_digest = pre[len(MAGIC) + 8 : len(MAGIC) + 8 + _DIGEST]
            head_bytes = f.read(size)
            rest = f.read() if whole else b""
            body_digest = hashlib.sha256(rest).digest() if whole else _digest(f) if check_body else None
    except OSError:
        return None
    if len(head_bytes) != size or hashlib.sha256(head_bytes).digest() != head_digest:
        return None  # truncated or corrupt: rebuilt by this run
    if body_digest is not None and body_digest != pre[-_DIGEST:]:
        return None
    try:
        head = marshal.loads(head_bytes)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(head, dict):
        return None
    with contextlib.suppress(OSError):
        os.utime(file)  # recently used: pruned last
    return head, rest


def _digest(f: BinaryIO) -> bytes:
    h = hashlib.sha256()
    while chunk := f.read(1 << 20):
        h.update(chunk)
    return h.digest()


def write_entry(folder: Path, name: str, head: dict[str, Any], body: dict[str, Any]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    head_bytes, body_bytes = marshal.dumps(head), marshal.dumps(body)
    sizes = len(head_bytes).to_bytes(8, "big")
    digests = hashlib.sha256(head_bytes).digest() + hashlib.sha256(body_bytes).digest()
    tmp = folder / f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        with open(tmp, "xb") as f:
            f.write(MAGIC + sizes + digests + head_bytes + body_bytes)
        os.replace(tmp, folder / name)  # atomic: readers see the old entry or the new one, whole
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def keep(folder: Path, name: str, head: dict[str, Any], body: dict[str, Any]) -> None:
    """Write an entry and prune the folder; a folder that cannot be written means nothing is kept."""
    try:
        write_entry(folder, name, head, body)
        prune(folder)
    except (OSError, ValueError, TypeError):
        return


def prune(folder: Path) -> None:
    """Remove the least recently used entries beyond MAX_BYTES (and temporary files a killed writer left)."""
    entries = []
    for item in os.scandir(folder):
        try:
            st = item.stat(follow_symlinks=False)
        except OSError:
            continue
        if item.name.endswith(".tmp") and item.name.startswith("."):
            if st.st_mtime < _now() - 3600:
                with contextlib.suppress(OSError):
                    os.unlink(item.path)
            continue
        if item.name.endswith(SUFFIXES):
            entries.append((st.st_mtime_ns, item.path, st.st_size))
    total = sum(size for _, _, size in entries)
    for _, file, size in sorted(entries):
        if total <= MAX_BYTES:
            break
        with contextlib.suppress(OSError):
            os.unlink(file)
        total -= size


def _now() -> float:
    import time

    return time.time()
