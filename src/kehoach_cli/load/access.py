"""What kehoach may read: regular files inside the repository, of a bounded size.

`kehoach check` runs in CI on pull requests from anyone, so a file layout is input too: a
committed symbolic link, a FIFO, ``/dev/zero`` or a 40 MB file must not make kehoach read
outside the repository, hang, or exhaust memory. Here a file is read only if

* its real path (every link followed) lies inside the repository: the git work tree
  holding the plan, found by looking for ``.git`` upwards (git itself is not run), or the
  plan's own folder when there is no work tree;
* it is a regular file: a FIFO, a device or a socket is refused before it is opened (and
  it is opened non-blocking, then checked again, so one swapped in meanwhile cannot block);
* it is at most `max_size` bytes (default 20 MB; ``--max-size`` or ``$KEHOACH_MAX_SIZE``).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kehoach_cli.errors import UnreadableInput
from kehoach_cli.files import kind_of
from kehoach_cli.messages import Msg, msg

DEFAULT_MAX_SIZE = 20 * 1024 * 1024
MAX_SIZE_ENV = "KEHOACH_MAX_SIZE"
_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int | None:
    """`20M`, `20MB`, `500k`, `1G` or a number of bytes; None when it is none of these."""
    m = _SIZE.match(text)
    if m is None:
        return None
    size = int(float(m.group(1)) * _FACTORS[m.group(2).lower()])
    return size if size > 0 else None


def shown_size(size: int) -> Msg:
    if size >= 1024**2:
        return msg("{size} MB", size=format(size / 1024**2, ".1f"))
    return msg("{size} bytes", size=size)


def repository_root(start: Path) -> Path:
    """The work tree holding folder `start` (its real path), else `start` itself."""
    here = Path(os.path.realpath(start))
    for folder in (here, *here.parents):
        if os.path.lexists(folder / ".git"):
            return folder
    return here


def within(path: str | Path, root: Path) -> bool:
    """Whether the real path of `path` is `root` or lies below it (`root` is real)."""
    real = os.path.realpath(path)
    try:
        return os.path.commonpath([real, str(root)]) == str(root)
    except ValueError:  # another drive (Windows)
        return False


def unsafe_relative(text: str) -> bool:
    """An entry of `plan.reports` that could name a file outside the repository."""
    if os.path.isabs(text) or text.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", text):
        return True
    return ".." in re.split(r"[/\\]", text)


def read_file(path: Path, name: str, root: Path, max_size: int = DEFAULT_MAX_SIZE) -> bytes:
    """The bytes of the regular file `path` inside `root`, or UnreadableInput saying why not."""
    if not within(path, root):
        raise UnreadableInput(
            msg(
                "{file}: leads outside the repository ({root}); kehoach reads only files inside it",
                file=name,
                root=str(root),
            )
        )
    try:
        st = os.stat(path)
        what = kind_of(st.st_mode)
        if what is not None:
            raise UnreadableInput(msg("{file}: is {what}, not a plan or report file", file=name, what=what))
        if st.st_size > max_size:
            raise _too_large(name, st.st_size, max_size)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(path, flags)
        try:
            now = os.fstat(fd)
            if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                raise UnreadableInput(
                    msg("{file}: was replaced while kehoach opened it; run the command again", file=name)
                )
            return _read_at_most(fd, name, max_size)
        finally:
            os.close(fd)
    except FileNotFoundError:
        raise UnreadableInput(msg("{file}: no such file", file=name)) from None
    except PermissionError:
        raise UnreadableInput(msg("{file}: permission denied", file=name)) from None
    except IsADirectoryError:
        raise UnreadableInput(msg("{file}: is a directory, not a plan file", file=name)) from None
    except OSError as exc:
        raise UnreadableInput(
            msg("{file}: cannot read ({reason})", file=name, reason=str(exc.strerror or exc))
        ) from None


def _read_at_most(fd: int, name: str, max_size: int) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(fd, min(1 << 20, max_size + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > max_size:  # it grew after the stat
            raise _too_large(name, total, max_size)


def _too_large(name: str, size: int, max_size: int) -> UnreadableInput:
    return UnreadableInput(
        msg(
            "{file}: is {size} or more, over the limit of {limit}; a larger plan "
            "needs --max-size (e.g. `kehoach --max-size 100M check`) or ${env}",
            file=name,
            size=shown_size(size),
            limit=shown_size(max_size),
            env=MAX_SIZE_ENV,
        )
    )
