"""Git, for plan files: a file as it was at a revision, read with `git show` (for
`kehoach diff --base`), and a file's path from the repository root (for annotations).

Git is run as a subprocess: no library, and the user's own git configuration (safe
directories, worktrees, partial clones) applies exactly as on the command line.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kehoach_cli.messages import Failure, msg


class GitError(Failure):
    """Git cannot answer (no repository, unknown revision, git missing): a usage error."""


@dataclass(frozen=True)
class AtRevision:
    label: str  # "REF:path/in/repo", used as the file name in messages
    data: bytes | None  # None: the file did not exist at the revision


def read_at(path: Path, ref: str, max_size: int) -> AtRevision:
    """The content of `path` (a file in a work tree) at revision `ref`."""
    if not ref or ref.startswith("-"):
        raise GitError(msg("{ref} is not a git revision", ref=repr(ref)))
    real = path.resolve()
    top = _git(["rev-parse", "--show-toplevel"], real.parent)
    if top.returncode != 0:
        raise GitError(
            msg(
                "--base needs a git repository, and {folder} is not in one{why}", folder=str(path.parent), why=_why(top)
            )
        )
    root = Path(os.fsdecode(top.stdout.strip())).resolve()
    try:
        rel = real.relative_to(root).as_posix()
    except ValueError:
        raise GitError(msg("{file} is outside the git repository at {root}", file=str(path), root=str(root))) from None
    commit = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root)
    if commit.returncode != 0:
        raise GitError(
            msg(
                "unknown git revision {ref}; in a CI checkout, fetch the base branch first "
                "(actions/checkout with fetch-depth: 0)",
                ref=repr(ref),
            )
        )
    sha = commit.stdout.decode("ascii").strip()
    label = f"{ref}:{rel}"
    if _git(["cat-file", "-e", f"{sha}:{rel}"], root).returncode != 0:
        return AtRevision(label, None)
    size = _git(["cat-file", "-s", f"{sha}:{rel}"], root)
    if size.returncode == 0 and size.stdout.strip().isdigit() and int(size.stdout) > max_size:
        raise GitError(
            msg(
                "{file} is {size} bytes, over the limit of {limit}; see --max-size",
                file=label,
                size=int(size.stdout),
                limit=max_size,
            )
        )
    shown = _git(["show", f"{sha}:{rel}"], root)
    if shown.returncode != 0:
        raise GitError(msg("cannot read {file}{why}", file=label, why=_why(shown)))
    return AtRevision(label, shown.stdout)


GIT_TIMEOUT = 30.0  # seconds: a hanging git (a lock, a network remote) must not hang CI forever


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, check=False, stdin=subprocess.DEVNULL, timeout=GIT_TIMEOUT
        )
    except FileNotFoundError:
        raise GitError(msg("--base needs git, and git was not found on PATH")) from None
    except subprocess.TimeoutExpired:
        raise GitError(
            msg("git {command} did not answer within {seconds} s", command=args[0], seconds=format(GIT_TIMEOUT, ".0f"))
        ) from None


def _why(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return f" ({lines[0]})" if lines else ""


def repo_paths(files: Iterable[str]) -> dict[str, str]:
    """Paths from the root of the enclosing git work tree, for the given file names.

    GitHub attaches an annotation (and a SARIF result) to a file only by its path from the
    repository root, while messages name files as the user gave them (relative to the
    current directory). A name that is not an existing file, or a file outside any work
    tree, or git missing or failing, keeps its name: nothing here is an error. One `git
    rev-parse` per directory.
    """
    roots: dict[Path, Path | None] = {}
    out: dict[str, str] = {}
    for name in dict.fromkeys(files):
        path = Path(name)
        try:
            if not path.is_file():
                continue
            parent = path.parent.resolve()  # the file itself may be a link: annotate the link
        except OSError:
            continue
        if parent not in roots:
            roots[parent] = _toplevel(parent)
        root = roots[parent]
        if root is None:
            continue
        try:
            out[name] = (parent / path.name).relative_to(root).as_posix()
        except ValueError:
            continue
    return out


def _toplevel(directory: Path) -> Path | None:
    try:
        found = _git(["rev-parse", "--show-toplevel"], directory)
    except GitError:
        return None
    if found.returncode != 0 or not found.stdout.strip():
        return None
    return Path(os.fsdecode(found.stdout.strip())).resolve()
