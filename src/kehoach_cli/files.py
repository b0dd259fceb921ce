"""Replacing a file atomically: the new content whole, or the old one untouched — and never
over a save another program made meanwhile, finished or not.

Used by `kehoach record` (appending to a report file) and by `-o FILE` (a report written
for someone). A version of a file is a `Snapshot`: its bytes with its size, mtime and inode,
for bytes alone miss an in-place save still being written (a momentarily empty or half-written
file). `atomic_write` writes a temporary file ``.<name>.<pid>.<random>.tmp`` in the same
folder with the original's mode and owner, fsyncs it, checks right before the rename that
the file is still the version read (a new file: that none has appeared), renames it over the
real path (so a symlink survives and a full disk leaves the original intact), and fsyncs the
folder. A save into the old file in the instant of the rename is put back.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from kehoach_cli.messages import Failure, Msg, msg

TEST_PAUSE_ENV = "KEHOACH_TEST_PAUSE_BEFORE_REPLACE"  # crash-safety tests kill the writer here
QUIET = 0.5  # seconds: a save into the old file is waited for before it is put back
TEMP_MAX_AGE = 3600.0  # a temporary file of a dead writer older than this is removed
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>[0-9]+)\.[A-Za-z0-9_]+\.tmp$")
_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class FileChanged(Failure):
    """The file no longer holds what the caller read: another program saved it meanwhile."""


class NotWritable(Failure):
    """The file may not be replaced: not a regular file, too large, no write permission, or
    replacing it would change its owner. Nothing was written."""


def changed(name: str) -> FileChanged:
    return FileChanged(
        msg(
            "{file} was changed by another program while kehoach was writing; nothing was written, "
            "run the command again once that program has saved",
            file=name,
        )
    )


_KINDS = (
    (stat.S_ISFIFO, msg("a FIFO (named pipe)")),
    (stat.S_ISCHR, msg("a character device")),
    (stat.S_ISBLK, msg("a block device")),
    (stat.S_ISSOCK, msg("a socket")),
    (stat.S_ISLNK, msg("a symbolic link")),
)


def kind_of(mode: int) -> Msg | None:
    """What a file that is not regular is ("a FIFO (named pipe)"…), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return msg("a directory")
    return next((what for test, what in _KINDS if test(mode)), msg("not a regular file"))


@dataclass(frozen=True)
class Snapshot:
    """A file as read at one moment: its bytes and what identifies that version (None: no file)."""

    data: bytes | None
    size: int = 0
    mtime_ns: int = 0
    inode: tuple[int, int] = (0, 0)

    @property
    def exists(self) -> bool:
        return self.data is not None

    def same(self, other: Snapshot) -> bool:
        return (self.data, self.size, self.mtime_ns, self.inode) == (
            other.data,
            other.size,
            other.mtime_ns,
            other.inode,
        )


ABSENT = Snapshot(None)


def snapshot(path: Path, max_size: int) -> Snapshot:
    """`path` (a real path, no link) as it is now. A FIFO, device or link is refused before
    it is opened; the file is opened non-blocking and checked again once open."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return ABSENT
    what = kind_of(st.st_mode)
    if what is not None:
        raise NotWritable(
            msg("{file} is {what}, not a file kehoach writes; nothing was written", file=path.name, what=what)
        )
    fd = os.open(path, _OPEN)
    try:
        return _snapshot_fd(fd, path, max_size)
    finally:
        os.close(fd)


def _snapshot_fd(fd: int, path: Path, max_size: int) -> Snapshot:
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise NotWritable(msg("{file} is not a regular file; nothing was written", file=path.name))
    chunks, total = [], 0
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_size:
            raise NotWritable(
                msg("{file} is larger than {size} bytes; nothing was written", file=path.name, size=max_size)
            )
    end = os.fstat(fd)  # what was read is one version only if nothing moved meanwhile
    if (end.st_size, end.st_mtime_ns) != (st.st_size, st.st_mtime_ns) or end.st_size != total:
        raise changed(path.name)
    return Snapshot(b"".join(chunks), total, st.st_mtime_ns, (st.st_dev, st.st_ino))


def check_writable(real: Path) -> None:
    """Write access to the file itself, as its mode says (root included: a file nobody may
    write is not replaced), since a rename needs only a writable folder."""
    if not hasattr(os, "geteuid"):
        return
    st = os.stat(real)
    euid = os.geteuid()
    if euid == 0:
        allowed = bool(st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    elif st.st_uid == euid:
        allowed = bool(st.st_mode & stat.S_IWUSR)
    elif st.st_gid in (os.getegid(), *os.getgroups()):
        allowed = bool(st.st_mode & stat.S_IWGRP)
    else:
        allowed = bool(st.st_mode & stat.S_IWOTH)
    if not allowed:
        raise NotWritable(
            msg(
                "no permission to write {file} (mode {mode}); nothing was written",
                file=real.name,
                mode=format(stat.S_IMODE(st.st_mode), "04o"),
            )
        )


def atomic_write(real: Path, data: bytes, *, expect: Snapshot) -> None:
    """Replace `real` (already symlink-resolved) by `data`, or leave it untouched.

    The file must still be exactly `expect` (bytes, size, mtime, inode; absent: not exist)
    right before the rename: an editor or `git pull` takes no lock, and its save must not
    be lost."""
    if expect.exists:
        check_writable(real)
        st = os.stat(real)
        mode = stat.S_IMODE(st.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    import tempfile  # only writers need it (~5 ms to import): a read never does

    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.{os.getpid()}.", suffix=".tmp", dir=real.parent)
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, mode)  # mkstemp creates 0600
        if expect.exists and hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                raise NotWritable(
                    msg(
                        "{file} belongs to another user; replacing it would change its owner, so nothing was written",
                        file=real.name,
                    )
                ) from None
        _test_pause()
        if expect.exists:
            _replace_unchanged(tmp, real, expect)
        else:
            _create(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(real.parent)


def _create(tmp: str, real: Path) -> None:
    """Give `tmp` the name `real` only if nothing has that name: a hard link fails if it exists."""
    try:
        os.link(tmp, real)
    except FileExistsError:
        raise changed(real.name) from None
    except OSError:  # no hard links here (FAT, some network file systems)
        if os.path.lexists(real):
            raise changed(real.name) from None
        os.replace(tmp, real)
        return
    os.unlink(tmp)


def _replace_unchanged(tmp: str, real: Path, expect: Snapshot) -> None:
    old = os.open(real, _OPEN)
    try:
        st = os.fstat(old)
        if (st.st_size, st.st_mtime_ns, (st.st_dev, st.st_ino)) != (expect.size, expect.mtime_ns, expect.inode):
            raise changed(real.name)
        try:
            checked = _snapshot_fd(old, real, expect.size)
        except NotWritable:  # it grew while being read
            raise changed(real.name) from None
        if not checked.same(expect):
            raise changed(real.name)
        os.replace(tmp, real)
        after = os.fstat(old)
        if (after.st_size, after.st_mtime_ns) != (checked.size, checked.mtime_ns):
            _put_back(old, real)
    finally:
        os.close(old)


def _put_back(old: int, real: Path) -> None:
    """Another program wrote into the old file between the last check and the rename: its
    save is in the file just unlinked, which we still hold open. Put it back."""
    time.sleep(QUIET)
    os.lseek(old, 0, os.SEEK_SET)
    saved = b"".join(iter(lambda: os.read(old, 1 << 20), b""))
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.{os.getpid()}.", suffix=".tmp", dir=real.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(saved)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, stat.S_IMODE(os.fstat(old).st_mode))
        os.replace(tmp, real)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    raise FileChanged(
        msg(
            "another program saved {file} at the instant kehoach replaced it; its save was kept and "
            "nothing was written: run the command again",
            file=real.name,
        )
    )


def sweep_temps(real: Path) -> None:
    """Remove the temporary files of `real` (`.<name>.<pid>.<random>.tmp`) that writers
    killed mid-write left behind: older than an hour, and their writer's process gone."""
    now = time.time()
    try:
        names = os.listdir(real.parent)
    except OSError:
        return
    for name in names:
        m = _TEMP.match(name)
        if m is None or m.group("name") != real.name:
            continue
        leftover = real.parent / name
        with contextlib.suppress(OSError):
            st = os.lstat(leftover)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > TEMP_MAX_AGE and not alive(int(m.group("pid"))):
                os.unlink(leftover)


def alive(pid: int) -> bool:
    """Whether process `pid` may still run (when in doubt, yes)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":  # os.kill(pid, 0) probes a process on POSIX; on Windows it would kill it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError, OverflowError):
        return True
    return True


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
