"""Hostile inputs: one small case per hazard, each with its exit code, message and location.

A case is ``tests/hostile/NAME.expect`` (and usually ``NAME.yaml``, the hazardous file). The
test builds a throwaway repository (a folder with ``.git``, next to a folder ``outside``
that stands for the rest of the disk), places the file, builds any filesystem hazard the
case asks for, runs ``kehoach`` and holds the result to the case. Lines of ``.expect``::

    what: the hazard, in one line
    as: plan.yaml                the place of NAME.yaml (default plan.yaml; anywhere else,
                                 plan.yaml is the fixture tests/plans/rec_base/plan.yaml;
                                 `base`: that plan only; `none`: no file at all)
    from: golden/invalid/X.yaml  the input is an existing golden case instead of NAME.yaml
    patch: FILE: OLD => NEW      a text replacement in a placed file
    (values are written with Python escapes: \\n, \\x1b, \\u202e; \\\\ for a backslash)
    setup: fifo PATH | link PATH -> TARGET | chmod MODE PATH | mkdir PATH | write PATH: TEXT
           | stale-temp PATH (a dead writer's temporary file, two hours old) | big PATH BYTES
    run: ARGS                    after `kehoach` (default: check plan.yaml); {outside} is
                                 the outside folder, {repo} the repository
    env: NAME=VALUE              run in a child process with this environment
    as-uid: N                    run as if by user N (not root): file modes apply to it
    during: inplace PATH         another program rewrites PATH in place while kehoach is
                                 about to replace it (child process, paused by a test hook)
    killed: ARGS                 before the run, a `kehoach ARGS` writer is killed just
                                 before its replace
    exit: N
    problem: CODE FILE:LINE:COL  reported by `--format json` too (check runs only)
    says: TEXT                   in stdout or stderr
    line: TEXT                   within one line of the output
    absent: TEXT                 nowhere in the output
    unchanged: PATH | gone: PATH | kept: PATH | records: PATH N

Every case also holds to what any input must give: no traceback, no raw control, bidi or
zero-width character in the output, output of bounded size, and no hang (a watchdog of
30 s; child processes get the same limit).
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kehoach_cli.cli import main
from kehoach_cli.safe import hidden

TESTS = Path(__file__).parent
HERE = TESTS / "hostile"
REC_BASE = TESTS / "plans" / "rec_base" / "plan.yaml"
CASES = sorted(HERE.glob("*.expect"))
LIMIT = 30  # seconds: a hang is a failure, not a stuck suite
MAX_OUTPUT = 60_000  # characters: messages and excerpts are capped


@dataclass
class Case:
    name: str
    what: str = ""
    place: str = "plan.yaml"
    source: Path | None = None
    patches: list[tuple[str, str, str]] = field(default_factory=list)
    setup: list[str] = field(default_factory=list)
    run: str = "check plan.yaml"
    env: dict[str, str] = field(default_factory=dict)
    uid: int | None = None
    during: str | None = None
    killed: str | None = None
    exit: int = -1
    problems: list[tuple[str, str]] = field(default_factory=list)
    says: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    records: list[tuple[str, int]] = field(default_factory=list)

    @property
    def child(self) -> bool:
        return bool(self.env or self.during or self.killed)


def unescape(text: str) -> str:
    return text.encode("ascii", "backslashreplace").decode("unicode_escape")


def read_case(path: Path) -> Case:
    case = Case(path.stem)
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        key, _, value = raw.partition(":")
        value = value.strip()
        if key == "what":
            case.what = value
        elif key == "as":
            case.place = value
        elif key == "from":
            case.source = TESTS / value
        elif key == "patch":
            file, _, rest = value.partition(": ")
            old, _, new = rest.partition(" => ")
            case.patches.append((file, unescape(old), unescape(new)))
        elif key == "setup":
            case.setup.append(unescape(value))
        elif key == "run":
            case.run = unescape(value)
        elif key == "env":
            name, _, val = value.partition("=")
            case.env[name] = val
        elif key == "as-uid":
            case.uid = int(value)
        elif key == "during":
            case.during = value
        elif key == "killed":
            case.killed = value
        elif key == "exit":
            case.exit = int(value)
        elif key == "problem":
            code, where = value.split()
            case.problems.append((code, where))
        elif key == "says":
            case.says.append(unescape(value))
        elif key == "line":
            case.lines.append(unescape(value))
        elif key == "absent":
            case.absent.append(unescape(value))
        elif key in ("unchanged", "gone", "kept"):
            getattr(case, key).append(value)
        elif key == "records":
            file, n = value.rsplit(" ", 1)
            case.records.append((file, int(n)))
        else:
            raise AssertionError(f"{path.name}: unknown directive {key!r}")
    assert case.what and case.exit >= 0, f"{path.name}: needs `what:` and `exit:`"
    if case.source is None and (HERE / f"{case.name}.yaml").exists():
        case.source = HERE / f"{case.name}.yaml"
    return case


def build(case: Case, tmp: Path) -> tuple[Path, Path]:
    repo, outside = tmp / "repo", tmp / "outside"
    (repo / ".git").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.yaml").write_text("agency: SECRET-TOKEN-42\nrecords:\n", encoding="utf-8")
    if case.place not in ("plan.yaml", "none"):
        shutil.copy(REC_BASE, repo / "plan.yaml")
    if case.source is not None and case.place not in ("base", "none"):
        target = repo / case.place
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(case.source, target)
    for file, old, new in case.patches:
        path = repo / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{case.name}: {old!r} not in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    for step in case.setup:
        _setup(fill(step, repo, outside), repo)
    return repo, outside


def fill(text: str, repo: Path, outside: Path) -> str:
    return text.replace("{outside}", str(outside)).replace("{repo}", str(repo))


def _setup(step: str, repo: Path) -> None:
    kind, _, rest = step.partition(" ")
    if kind == "fifo":
        os.mkfifo(repo / rest)
    elif kind == "link":
        link, _, target = rest.partition(" -> ")
        (repo / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, repo / link)
    elif kind == "chmod":
        mode, _, path = rest.partition(" ")
        os.chmod(repo / path, int(mode, 8))
    elif kind == "mkdir":
        (repo / rest).mkdir(parents=True, exist_ok=True)
    elif kind == "write":
        path, _, text = rest.partition(":")
        text = text.removeprefix(" ")
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, encoding="utf-8")
    elif kind == "stale-temp":
        path = repo / rest
        path.write_bytes(b"agency: half-written\n")
        old = time.time() - 7200
        os.utime(path, (old, old))
    elif kind == "big":
        path, size = rest.rsplit(" ", 1)
        with open(repo / path, "wb") as f:
            f.write(b"# " + b"x" * (int(size) - 3) + b"\n")
    else:
        raise AssertionError(f"unknown setup {step!r}")


@contextlib.contextmanager
def watchdog(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError(f"kehoach did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def as_user(uid: int | None) -> Iterator[None]:
    """Run as user `uid` as far as kehoach can tell: its ids, and the chown a user who
    does not own a file is refused. (The kernel still lets root read everything.)"""
    if uid is None:
        yield
        return
    real_chown = os.chown

    def chown(path: str, owner: int, group: int, **kwargs: object) -> None:
        if owner != uid or group != uid:
            raise PermissionError(1, "Operation not permitted")
        real_chown(path, owner, group)

    with pytest.MonkeyPatch.context() as mp:
        for name in ("getuid", "geteuid", "getgid", "getegid"):
            mp.setattr(os, name, lambda: uid)
        mp.setattr(os, "getgroups", lambda: [uid])
        mp.setattr(os, "chown", chown)
        yield


def kehoach(*args: str) -> list[str]:
    return [sys.executable, "-m", "kehoach_cli", *args]


def child_env(extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KEHOACH_", "GITHUB_"))}
    env["PYTHONPATH"] = str(TESTS.parent / "src")
    env["KEHOACH_LANG"] = "en"  # the .expect files quote the English messages
    return {**env, **extra}


def run_child(case: Case, args: list[str], repo: Path) -> tuple[int, str]:
    env = child_env(case.env)
    if case.during is None:
        proc = subprocess.run(kehoach(*args), cwd=repo, env=env, capture_output=True, timeout=LIMIT)
        encoding = case.env.get("PYTHONIOENCODING", "utf-8").split(":")[0]
        return proc.returncode, (proc.stdout + proc.stderr).decode(encoding, "replace")
    kind, _, path = case.during.partition(" ")
    assert kind == "inplace"
    env["KEHOACH_TEST_PAUSE_BEFORE_REPLACE"] = "1"
    proc = subprocess.Popen(kehoach(*args), cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stderr is not None and proc.stdout is not None
    first = proc.stderr.readline()
    assert b"paused before replace" in first, first
    editor = threading.Thread(target=_save_in_place, args=(repo / path,))
    editor.start()
    try:
        code = proc.wait(timeout=LIMIT)
    finally:
        editor.join(LIMIT)
    out = proc.stdout.read() + first + proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    return code, out.decode("utf-8", "replace")


EDITOR_SAVE = (
    "agency: Sở Công Thương\nrecords:\n"
    + "".join(f"  - {{task: '1.a', date: 2020-0{m}-01, kind: started, note: 'editor {m}'}}\n" for m in range(1, 10))
).encode()


def _save_in_place(path: Path) -> None:
    """An editor (or `cmd > file`) saving in place: truncate, write half, pause, finish."""
    with open(path, "r+b") as f:
        f.truncate(0)
        f.write(EDITOR_SAVE[: len(EDITOR_SAVE) // 2])
        f.flush()
        time.sleep(1.5)
        f.write(EDITOR_SAVE[len(EDITOR_SAVE) // 2 :])


def kill_a_writer(args: list[str], repo: Path) -> None:
    env = child_env({"KEHOACH_TEST_PAUSE_BEFORE_REPLACE": "60"})
    proc = subprocess.Popen(kehoach(*args), cwd=repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    try:
        assert b"paused before replace" in proc.stderr.readline()
        proc.send_signal(signal.SIGKILL)
        assert proc.wait(timeout=LIMIT) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def record_count(path: Path) -> int:
    from kehoach_cli.load.validation import validate
    from kehoach_cli.load.yamlio import parse
    from kehoach_cli.model import ReportFile

    doc, problems = parse(path.read_text(encoding="utf-8"), str(path))
    report, more = validate(ReportFile, doc.data)
    assert report is not None and not [p for p in problems if p.severity == "error"], problems + more
    return len(report.records)


def test_corpus_has_at_least_80_cases() -> None:
    assert len(CASES) >= 80


@pytest.mark.skipif(os.name != "posix", reason="FIFOs, links and signals are POSIX")
@pytest.mark.parametrize("path", CASES, ids=[c.stem for c in CASES])
def test_hostile_case(
    path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    case = read_case(path)
    repo, outside = build(case, tmp_path)
    args = shlex.split(fill(case.run, repo, outside))
    if case.killed is not None:
        kill_a_writer(shlex.split(fill(case.killed, repo, outside)), repo)
    before = {p: (repo / p).read_bytes() for p in case.unchanged}
    monkeypatch.chdir(repo)
    monkeypatch.setenv("KEHOACH_LANG", "en")  # the .expect files quote the English messages
    if case.child:
        code, out = run_child(case, args, repo)
    else:
        with watchdog(LIMIT), as_user(case.uid):
            code = main(args)
        captured = capsys.readouterr()
        out = captured.out + captured.err
    shown = f"{case.name} ({case.what}):\n{out[:3000]}"
    assert code == case.exit, shown
    assert "Traceback" not in out, shown
    assert len(out) < MAX_OUTPUT, f"{case.name}: {len(out)} characters of output"
    raw = sorted({f"U+{ord(c):04X}" for c in out if hidden(c) and c != "\n"})
    assert raw == [], f"{case.name}: raw {raw} in the output"
    for text in case.says:
        assert text in out, f"{shown}\nmissing: {text!r}"
    for text in case.lines:
        assert any(text in line for line in out.splitlines()), f"{shown}\nnot on one line: {text!r}"
    for text in case.absent:
        assert text not in out, f"{shown}\nmust not appear: {text!r}"
    for p, data in before.items():
        assert (repo / p).read_bytes() == data, f"{case.name}: {p} changed"
    for p in case.gone:
        assert not os.path.lexists(repo / p), f"{case.name}: {p} is still there"
    for p in case.kept:
        assert os.path.lexists(repo / p), f"{case.name}: {p} is gone"
    for p, n in case.records:
        assert record_count(repo / p) == n, f"{case.name}: {p}"
    assert not any(outside.iterdir()) or sorted(x.name for x in outside.iterdir()) == ["secret.yaml"], (
        f"{case.name}: kehoach wrote outside the repository: {sorted(outside.iterdir())}"
    )
    if case.problems:
        assert args[0] == "check", f"{case.name}: `problem:` needs a check run"
        with watchdog(LIMIT):
            main([*args, "--format", "json"])
        machine = capsys.readouterr().out
        assert not [c for c in machine if hidden(c) and c != "\n"], f"{case.name}: raw characters in the JSON"
        found = {(p["code"], f"{p['file']}:{p['line']}:{p['col']}") for p in json.loads(machine)["problems"]}
        for code_, where in case.problems:
            assert (code_, where) in found, f"{case.name}: no {code_} at {where}; found {sorted(found)}"
