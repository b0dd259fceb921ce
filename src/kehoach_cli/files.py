"""Replacing a file atomically: the new content whole, or the old one untouched.

Used by `kehoach record` (appending to a report file) and by `-o FILE` (a report written
for someone). A temporary file in the same directory gets the original's permissions,
is fsynced and renamed over the real path (so a symlink survives and a full disk leaves
the original intact); the directory is fsynced after the rename.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

TEST_PAUSE_ENV = "KEHOACH_TEST_PAUSE_BEFORE_REPLACE"  # crash-safety tests kill the writer here


class FileChanged(Exception):
    """The file no longer holds what the caller read: another program saved it meanwhile."""


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def atomic_write(real: Path, data: bytes, *, expect: bytes | None) -> None:
    """Replace `real` (already symlink-resolved) by `data`, or leave it untouched.

    The file must still hold exactly `expect` (None: not exist) right before the replace:
    an editor or `git pull` does not take our lock, and its save must not be lost.
    """
    existed = expect is not None
    if existed:
        st = os.stat(real)
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=real.parent)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)  # mkstemp creates 0600
        if existed and hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            with contextlib.suppress(PermissionError):
                os.chown(tmp, st.st_uid, st.st_gid)
        _test_pause()
        if read_bytes(real) != expect:
            raise FileChanged(
                f"{real.name} was changed by another program while kehoach was writing; nothing was "
                "written, run the command again"
            )
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(real.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _fsync_dir(directory: Path) -> None:
    """Make the rename durable. Best effort: Windows and some filesystems cannot open or
    fsync a directory, and the new content is already in place."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        dfd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)


def _test_pause() -> None:
    pause = os.environ.get(TEST_PAUSE_ENV)
    if pause:
        sys.stderr.write("kehoach: test hook: paused before replace\n")
        sys.stderr.flush()
        time.sleep(float(pause))
