"""The plan cache (load/cache.py): a warm run gives what a full load gives, and an entry is
never trusted once anything it depends on changed, nor when it is damaged."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kehoach_cli import asof
from kehoach_cli.cli.main import main
from kehoach_cli.cli.plan import load_checked
from kehoach_cli.load import cache, cachedir
from kehoach_cli.load.access import DEFAULT_MAX_SIZE

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "progress"
AS_OF = "2026-11-27"


@pytest.fixture
def plan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example plan with its report files, in a folder of its own; a cache of its own."""
    folder = tmp_path / "repo"
    shutil.copytree(EXAMPLE, folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(cachedir, "enabled", True)  # as the app's callback sets it for each run
    monkeypatch.chdir(folder)
    return Path("plan.yaml")  # as the commands find it


def entries(path: Path) -> list[Path]:
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "kehoach"
    return sorted(folder.glob("*.entry")) if folder.is_dir() else []


def warm(path: Path, max_size: int = DEFAULT_MAX_SIZE) -> bool:
    return cache.load(path, max_size) is not None


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def no_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make a full load fail the test: what follows must come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the plan was parsed again")

    monkeypatch.setattr("kehoach_cli.load.loader.load_plan", refuse)


# --- hits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["status", "--as-of", AS_OF],
        ["status", "--as-of", AS_OF, "--format", "json"],
        ["overdue", "--as-of", AS_OF, "--format", "json"],
        ["tasks", "--as-of", AS_OF],
        ["agencies", "--as-of", AS_OF, "--format", "csv"],
        ["targets", "--as-of", AS_OF, "--format", "markdown"],
    ],
)
def test_a_warm_run_prints_what_a_full_load_prints(
    plan: Path, args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    full = run(["--no-cache", *args], capsys)
    assert entries(plan) == []
    assert run(args, capsys) == full  # writes the entry
    assert len(entries(plan)) == 1
    no_full_load(monkeypatch)
    assert run(args, capsys) == full


def test_a_broken_plan_warm_prints_the_same_located_messages_with_excerpts(
    plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("kind: deadline", "kind: deadlin", 1), encoding="utf-8")
    (plan.parent / "reports" / "extra.yaml").write_text("agency: Nobody\nrecords: []\n", encoding="utf-8")
    full = run(["check"], capsys)
    assert full[0] == 1 and " | " in full[1] and "^" in full[1]
    status = run(["--no-cache", "status", "--as-of", AS_OF], capsys)
    assert status[0] == 1 and "deadlin" in status[2]
    no_full_load(monkeypatch)
    assert run(["check"], capsys) == full
    assert run(["status", "--as-of", AS_OF], capsys) == status


# --- misses --------------------------------------------------------------------------------


def test_any_change_to_the_plan_or_its_report_files_is_a_miss(plan: Path) -> None:
    reports = plan.parent / "reports"
    first = sorted(reports.glob("*.yaml"))[0]
    changes = [
        lambda: plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8"),
        lambda: first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8"),
        lambda: (reports / "new.yaml").write_text("agency: X\nrecords: []\n", encoding="utf-8"),
        lambda: (reports / "new.yaml").unlink(),
        lambda: first.rename(reports / "renamed.yaml"),
    ]
    load_checked(plan, cached=True)
    assert warm(plan)
    for change in changes:
        change()
        assert not warm(plan)
        load_checked(plan, cached=True)
        assert warm(plan)


def test_a_report_file_that_becomes_readable_is_a_miss(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("plan:\n", "plan:\n  reports: [later/a.yaml]\n", 1), encoding="utf-8")
    load_checked(plan, cached=True)
    assert warm(plan)
    (plan.parent / "later").mkdir()
    (plan.parent / "later" / "a.yaml").write_text("agency: X\nrecords: []\n", encoding="utf-8")
    assert not warm(plan)


def test_a_linked_reports_folder_is_a_miss(plan: Path, tmp_path: Path) -> None:
    load_checked(plan, cached=True)
    reports = plan.parent / "reports"
    outside = tmp_path / "outside"
    reports.rename(outside)
    reports.symlink_to(outside)
    assert not warm(plan)


def test_max_size_the_date_and_the_working_directory_are_in_the_key(
    plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_checked(plan, cached=True)
    assert warm(plan)
    assert not warm(plan, DEFAULT_MAX_SIZE * 2)  # what is accepted may differ
    monkeypatch.setattr(asof, "today", lambda now=None: asof.parse_date("2099-01-01"))
    assert not warm(plan)  # records "in the future" depend on it
    monkeypatch.undo()
    monkeypatch.chdir("..")
    assert not warm(Path("repo/plan.yaml"))  # names in messages differ


def test_changed_code_is_a_miss(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_checked(plan, cached=True)
    assert warm(plan)
    monkeypatch.setattr(cachedir, "_fingerprint", "another build of kehoach")
    assert not warm(plan)


# --- damaged entries, unusable folders ----------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # truncated
        lambda b: b[:-10] + b"0123456789",  # corrupt
        lambda b: b"",  # empty
        lambda b: b"\x89PNG\r\n\x1a\n" + b[8:],  # foreign
        lambda b: cachedir.MAGIC + b"\0" * 32,  # a header and no body
    ],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(plan: Path, damage: object, capsys: pytest.CaptureFixture[str]) -> None:
    full = run(["check"], capsys)
    (entry,) = entries(plan)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert not warm(plan)
    assert run(["check"], capsys) == full
    assert warm(plan)


def test_an_entry_of_another_format_is_ignored(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_checked(plan, cached=True)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    monkeypatch.setattr(cachedir, "_fingerprint", None)  # same key otherwise: only the body's format differs
    key, _ = cache._key(plan, DEFAULT_MAX_SIZE)
    monkeypatch.setattr(cache, "_key", lambda path, size: (entries(plan)[0].stem, plan.read_bytes()))
    assert not warm(plan)
    assert key != entries(plan)[0].stem


def test_an_unusable_cache_folder_means_no_cache(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    full = run(["--no-cache", "check"], capsys)
    assert run(["check"], capsys) == full
    assert run(["check"], capsys) == full
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_read_only_cache_folder_means_no_cache(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "ro"
    (folder / "kehoach").mkdir(parents=True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")  # as for a folder without write access

    monkeypatch.setattr(cachedir, "write_entry", refuse)
    full = run(["--no-cache", "check"], capsys)
    assert run(["check"], capsys) == full
    assert list((folder / "kehoach").iterdir()) == []


def test_no_cache_option_and_environment(
    plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(["--no-cache", "check"], capsys)
    assert entries(plan) == []
    monkeypatch.setenv("KEHOACH_NO_CACHE", "1")
    run(["check"], capsys)
    assert entries(plan) == []
    monkeypatch.delenv("KEHOACH_NO_CACHE")
    run(["check"], capsys)
    assert len(entries(plan)) == 1
    from kehoach_cli.load import loader

    calls: list[object] = []
    real = loader.load_plan
    monkeypatch.setattr(loader, "load_plan", lambda *a, **k: calls.append(a) or real(*a, **k))
    run(["--no-cache", "check"], capsys)
    assert len(calls) == 1  # a warm entry is not read either


def test_the_cache_stays_under_its_size(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_checked(plan, cached=True)
    (one,) = entries(plan)
    size = one.stat().st_size
    monkeypatch.setattr(cachedir, "MAX_BYTES", size * 2 + size // 2)
    for n in range(5):
        plan.write_text(plan.read_text(encoding="utf-8") + f"# {n}\n", encoding="utf-8")
        load_checked(plan, cached=True)
        os.utime(entries(plan)[0])  # a hit of an old entry makes it recent
    kept = entries(plan)
    assert len(kept) == 2
    assert sum(p.stat().st_size for p in kept) <= cachedir.MAX_BYTES
    assert warm(plan)  # the newest is kept


def test_concurrent_writers_never_leave_a_torn_entry(plan: Path, tmp_path: Path) -> None:
    writer = textwrap.dedent(
        """
        from pathlib import Path
        from kehoach_cli.cli.plan import load_checked
        from kehoach_cli.load import cache
        from kehoach_cli.load.access import DEFAULT_MAX_SIZE
        path = Path("plan.yaml")
        loaded = load_checked(path)
        for _ in range(30):
            cache.store(loaded, DEFAULT_MAX_SIZE)
            assert cache.load(path, DEFAULT_MAX_SIZE) is not None
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    procs = [
        subprocess.Popen([sys.executable, "-c", writer], env=env, cwd=Path.cwd(), stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert len(entries(plan)) == 1
    assert not list((Path(os.environ["XDG_CACHE_HOME"]) / "kehoach").glob(".*.tmp"))
    assert warm(plan)


# --- the warm path imports -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["status", "--as-of", AS_OF, "--format", "json"],
        ["overdue", "--as-of", AS_OF, "--format", "json"],
    ],
)
def test_the_warm_path_imports_neither_pydantic_nor_rich_nor_yaml(plan: Path, tmp_path: Path, args: list[str]) -> None:
    probe = textwrap.dedent(
        f"""
        import io, contextlib, sys
        from kehoach_cli.cli.main import main
        with contextlib.redirect_stdout(io.StringIO()):
            main({args!r})
        print(sorted({{m.split(".")[0] for m in sys.modules}} & {{"pydantic", "rich", "yaml"}}))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}

    def loaded_libraries() -> str:
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, cwd=Path.cwd(), capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert loaded_libraries() == "['pydantic', 'yaml']"  # cold: parsed and validated, then stored
    assert loaded_libraries() == "[]"


def test_a_plan_changed_while_it_was_loaded_is_not_stored(plan: Path) -> None:
    loaded = load_checked(plan)
    plan.write_text(plan.read_text(encoding="utf-8").replace("kind: deadline", "kind: deadlin", 1), encoding="utf-8")
    cache.store(loaded, DEFAULT_MAX_SIZE)
    assert entries(plan) == []


# --- kept report output ----------------------------------------------------------------------

JSON = ["--as-of", AS_OF, "--format", "json"]
# Each differs from the one before it in one thing the output depends on: each must be a
# miss the first time (evaluated) and a hit the second (not evaluated), printing what a run
# without the cache prints.
REPORT_VARIANTS = [
    ["overdue", *JSON],
    ["overdue", "--as-of", "2026-11-28", "--format", "json"],
    ["overdue", *JSON, "--lang", "en"],
    ["overdue", *JSON, "--agency", "sct"],
    ["overdue", *JSON, "--agency", "sct", "--role", "partner"],
    ["overdue", *JSON, "--fail-on", "overdue"],
    ["overdue", *JSON, "--period", "2025"],
    ["overdue", *JSON, "--from", "2025-01-01"],
    ["overdue", *JSON, "--to", "2025-12-31"],
    ["overdue", *JSON, "-o", "out.json"],
    ["status", *JSON],
    ["status", *JSON, "--full"],
    ["upcoming", *JSON],
    ["upcoming", *JSON, "--within", "2y"],
    ["unowned", *JSON],
    ["untimed", *JSON],
    ["tasks", *JSON],
    ["tasks", *JSON, "--status", "open"],
    ["tasks", *JSON, "--section", "1"],
    ["tasks", *JSON, "--search", "quy hoach"],
    ["show", "1.a", *JSON],
    ["show", "1.b", *JSON],
    ["agencies", *JSON],
    ["agencies", *JSON, "--aliases"],
    ["agencies", *JSON, "--role", "any"],
    ["targets", *JSON],
    ["overdue", "--as-of", "2000-01-01", "--format", "json"],  # with the warning on stderr
    ["overdue", "--as-of", AS_OF],  # a table
    ["overdue", "--as-of", AS_OF, "--color", "always"],
    ["overdue", "--as-of", AS_OF, "--lang", "en"],
    ["overdue", "--as-of", AS_OF, "--format", "csv"],
    ["overdue", "--as-of", AS_OF, "--format", "csv", "--excel"],
    ["overdue", "--as-of", AS_OF, "--format", "markdown"],
    ["status", "--as-of", AS_OF],
    ["tasks", "--as-of", AS_OF, "--status", "open"],
]


def count_evaluations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    import kehoach_cli.evaluate

    calls = [0]
    real = kehoach_cli.evaluate.evaluate

    def counted(*args: object, **kwargs: object) -> object:
        calls[0] += 1
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(kehoach_cli.evaluate, "evaluate", counted)
    return calls


def produced(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[tuple[int, str, str], str | None]:
    """The run's exit code, stdout and stderr, and what it wrote with -o (then removed)."""
    result = run(args, capsys)
    written = Path("out.json")
    text = written.read_text(encoding="utf-8") if written.exists() else None
    written.unlink(missing_ok=True)
    return result, text


def test_each_option_of_a_report_is_in_its_key(
    plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    full = [produced(["--no-cache", *args], capsys) for args in REPORT_VARIANTS]
    assert len({out for (_, out, _), _ in full}) > 10  # the variants do differ
    calls = count_evaluations(monkeypatch)
    for args, expected in zip(REPORT_VARIANTS, full, strict=True):
        before = calls[0]
        assert produced(args, capsys) == expected, args
        assert calls[0] == before + 1, f"{args}: served a kept output of other options"
    for args, expected in zip(REPORT_VARIANTS, full, strict=True):
        before = calls[0]
        assert produced(args, capsys) == expected, args
        assert calls[0] == before, f"{args}: evaluated again"


def test_a_kept_report_neither_rebuilds_nor_evaluates_the_plan(
    plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["overdue", *JSON, "--fail-on", "overdue"]
    full = run(args, capsys)
    assert full[0] == 1 and "--fail-on overdue" in full[2]
    no_full_load(monkeypatch)
    monkeypatch.setattr(cache, "load", lambda *a: pytest.fail("the plan was rebuilt"))
    monkeypatch.setattr("kehoach_cli.evaluate.evaluate", lambda *a: pytest.fail("the plan was evaluated"))
    assert run(args, capsys) == full


def test_a_changed_report_file_or_plan_is_never_served_a_kept_report(
    plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["status", *JSON]
    run(args, capsys)
    calls = count_evaluations(monkeypatch)
    first = sorted((plan.parent / "reports").glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run(args, capsys) == run(["--no-cache", *args], capsys)
    assert calls[0] == 2  # the cached run evaluated too
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run(args, capsys)
    assert calls[0] == 3


def test_a_table_is_kept_for_each_width(
    plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["tasks", "--as-of", AS_OF]
    calls = count_evaluations(monkeypatch)
    shown = {}
    for columns in ("60", "120", "60", "120"):
        monkeypatch.setenv("COLUMNS", columns)
        shown.setdefault(columns, run(args, capsys))
        assert run(args, capsys) == shown[columns]
    assert calls[0] == 2  # one evaluation per width, every other run served kept
    assert shown["60"] != shown["120"]
    assert max(len(line) for line in shown["60"][1].splitlines()) <= 60
    folder = Path(os.environ["XDG_CACHE_HOME"]) / "kehoach"
    assert len(list(folder.glob("*.report"))) == 2


def test_a_damaged_kept_report_is_ignored(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["overdue", *JSON]
    full = run(args, capsys)
    (kept,) = (Path(os.environ["XDG_CACHE_HOME"]) / "kehoach").glob("*.report")
    kept.write_bytes(kept.read_bytes()[:-5] + b"xxxxx")
    assert run(args, capsys) == full
    assert run(args, capsys) == full
