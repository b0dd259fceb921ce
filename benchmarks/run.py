"""Benchmarks, measured in one run: `python benchmarks/run.py [--sizes 1000,10000] [--with-100k]`.

* start-up on the shipped plan: each command as a ratio to `python -c pass` timed in the
  same run (the machine is shared and noisy, so ratios say more than milliseconds);
* generated plans (benchmarks/generate_plan.py) of 1,000, 10,000 and, with --with-100k,
  100,000 tasks: `check`, `status --format json`, `overdue --format json`, `tasks` as JSON
  and as a table, each cold (no cache entry: an empty cache directory) and warm (the run
  after), with the peak memory of the process;
* where installed, Taskwarrior (`task overdue`) and hledger (`hledger check -s`) on data of
  the same size, in temporary directories (TASKRC and TASKDATA point there, never $HOME).

Every figure is a median of --repeat runs (fewer for 100,000 tasks). The cache lives in a
temporary XDG_CACHE_HOME, never the user's. It prints markdown: the machine, the tables,
and every budget of issue 14 with met or not met. Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plan.yaml"
AS_OF = "2026-11-27"


@dataclass(frozen=True)
class Run:
    wall: float  # seconds, median
    cpu: float  # user + system seconds, median
    peak: int  # bytes, the largest resident set of the runs


def measure(cmd: list[str], env: dict[str, str], repeat: int, before: Callable[[], None] | None = None) -> Run:
    """Medians of `repeat` runs; `before` runs ahead of each (e.g. to empty the cache)."""
    walls, cpus, peaks = [], [], []
    for _ in range(repeat):
        if before is not None:
            before()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        assert proc.stderr is not None
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {err.decode(errors='replace')[:500]}")
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss * 1024)
    return Run(statistics.median(walls), statistics.median(cpus), max(peaks))


def kehoach() -> list[str]:
    """The installed entry point next to this interpreter, else `python -m kehoach_cli`."""
    script = Path(sys.executable).with_name("kehoach")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kehoach_cli"]


def busiest_lead(plan: Path) -> str:
    """The agency (as the plan spells it) that leads most tasks: `overdue --agency` asks for it."""
    import yaml

    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for task in data["tasks"]:
        for name in task.get("lead", []):
            counts[name] = counts.get(name, 0) + 1
    return max(sorted(counts), key=lambda n: counts[n])


def machine() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    versions = []
    for tool, args in (("task", ["--version"]), ("hledger", ["--version"])):
        if shutil.which(tool):
            out = subprocess.run([tool, *args], capture_output=True, text=True, check=False).stdout.strip()
            versions.append(f"{tool} {out.split()[1].rstrip(',') if tool == 'hledger' else out}")
    import importlib.metadata as md

    libs = ", ".join(f"{p} {md.version(p)}" for p in ("typer", "pydantic", "pyyaml", "rich"))
    return [
        f"- {os.cpu_count()} × {cpu}{mem}; {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}; kehoach {md.version('kehoach')}; {libs}",
        f"- peers: {', '.join(versions) or 'none installed'}",
    ]


# --- peers' data ---------------------------------------------------------------------------


def taskwarrior_dir(base: Path, n: int) -> dict[str, str]:
    """A Taskwarrior data directory of `n` tasks with due dates, about half of them done."""
    rng = random.Random(n)
    data = base / "data"
    data.mkdir(parents=True)
    rc = base / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\ngc=off\n", encoding="utf-8")
    tasks = []
    for i in range(n):
        due = f"{rng.randint(2019, 2030)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}T000000Z"
        task = {
            "uuid": f"00000000-0000-4000-8000-{i:012d}",
            "description": f"Nhiệm vụ số {i} về phát triển công nghiệp, thu hút đầu tư và hạ tầng",
            "entry": "20190610T000000Z",
            "due": due,
            "project": f"muc{1 + i % 8}",
            "status": "pending",
        }
        if rng.random() < 0.45:
            task.update(status="completed", end=due)
        tasks.append(task)
    (base / "tasks.json").write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    subprocess.run(["task", "import", str(base / "tasks.json")], env=env, capture_output=True, check=True)
    return env


def hledger_journal(path: Path, n: int) -> None:
    """A journal of `n` two-posting transactions with declared accounts and commodity (for -s)."""
    rng = random.Random(n)
    accounts = [f"chi phí:mục {k}" for k in range(1, 9)]
    lines = ["commodity 1000. VND", "account tài sản:ngân sách", *(f"account {a}" for a in accounts), ""]
    for i in range(n):
        lines += [
            f"2020-{1 + i * 12 // n:02d}-{rng.randint(1, 28):02d} Nhiệm vụ số {i} về phát triển công nghiệp",
            f"    {accounts[i % 8]}    {rng.randint(1, 900) * 1000} VND",
            "    tài sản:ngân sách",
            "",
        ]
    path.write_text("\n".join(lines), encoding="utf-8")


# --- the run -------------------------------------------------------------------------------


@dataclass
class Bench:
    repeat: int
    env: dict[str, str]
    cache: Path

    def clear_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def cold(self, cmd: list[str], repeat: int | None = None) -> Run:
        return measure(cmd, self.env, repeat or self.repeat, self.clear_cache)

    def warm(self, cmd: list[str], repeat: int | None = None) -> Run:
        measure(cmd, self.env, 1)  # makes the cache entry
        return measure(cmd, self.env, repeat or self.repeat)


def fmt_s(r: Run) -> str:
    """CPU seconds (what the budgets are judged on: stable on a shared machine), then wall."""
    return f"{r.cpu:.2f} s ({r.wall:.2f})"


def ms(r: Run) -> str:
    return f"{r.cpu * 1000:.0f} ms ({r.wall * 1000:.0f})"


def mib(r: Run) -> str:
    return f"{r.peak / 2**20:.0f} MiB"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--repeat", type=int, default=7, help="runs per start-up figure (scale figures use fewer)")
    ap.add_argument("--sizes", default="1000,10000", help="task counts of the generated plans")
    ap.add_argument("--with-100k", action="store_true", help="also 100,000 tasks (minutes, over 1 GB of memory)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([100_000] if args.with_100k else [])

    tmp = Path(tempfile.mkdtemp(prefix="kehoach-bench-"))
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp / "cache"), "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("KEHOACH_NO_CACHE", None)
    env["KEHOACH_MAX_SIZE"] = "200M"  # 100,000 tasks are a 66 MB plan; kehoach reads 20 MB by default
    # Measure kehoach as installed: pip compiles an installed package's bytecode, so a user's
    # run never compiles a module. A shell with PYTHONDONTWRITEBYTECODE (set on this
    # project's machine) would compile every module on every run, ~50 ms of a --help.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    import kehoach_cli

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(kehoach_cli.__file__).parent)], check=True)
    bench = Bench(args.repeat, env, tmp / "cache")
    kh = kehoach()
    out: list[str] = ["## Machine", "", *machine(), ""]
    budgets: list[tuple[str, str, bool]] = []
    try:
        # --- start-up ------------------------------------------------------------------
        agency = busiest_lead(PLAN)
        base = measure([sys.executable, "-c", "pass"], env, args.repeat * 2)
        shipped = str(PLAN)
        startup = {
            "--help": ["--help"],
            "check": ["check", shipped],
            "status --format json": ["status", "--plan", shipped, "--as-of", AS_OF, "--format", "json"],
            "status": ["status", "--plan", shipped, "--as-of", AS_OF],
            f"overdue --agency {agency!r}": ["overdue", "--plan", shipped, "--as-of", AS_OF, "--agency", agency],
            "tasks": ["tasks", "--plan", shipped, "--as-of", AS_OF],
        }
        n_shipped = PLAN.read_text(encoding="utf-8").split("\ntasks:\n", 1)[1].count("\n  - id:")
        out += [
            f"## Start-up on the shipped plan ({n_shipped} tasks)",
            "",
            f"`python -c pass`: {base.cpu * 1000:.0f} ms CPU, {base.wall * 1000:.0f} ms wall: the unit of "
            "the ratios, which are of CPU time (user + system), medians; wall-clock ratios in brackets.",
            "",
            "| command | cold | × | warm | × | peak |",
            "|---|---|---|---|---|---|",
        ]
        ratios: dict[str, float] = {}
        for label, argv in startup.items():
            cold = bench.cold(kh + argv)
            warm = bench.warm(kh + argv)
            ratios[label] = warm.cpu / base.cpu
            out.append(
                f"| `{label}` | {cold.cpu * 1000:.0f} ms | {cold.cpu / base.cpu:.1f}× ({cold.wall / base.wall:.1f}×) | "
                f"{warm.cpu * 1000:.0f} ms | {warm.cpu / base.cpu:.1f}× ({warm.wall / base.wall:.1f}×) | {mib(warm)} |"
            )
        for label, limit in (("--help", 6), ("status --format json", 10), ("status", 12)):
            budgets.append(
                (
                    f"shipped plan: `{label}` ≤ {limit}× (warm)",
                    f"{ratios[label]:.1f}×",
                    ratios[label] <= limit,
                )
            )

        # --- scale ------------------------------------------------------------------------
        out += [
            "",
            "## Generated plans",
            "",
            "Cold: no cache entry (the run writes it); warm: the run after. Medians of CPU seconds "
            "(wall-clock seconds in brackets); peak resident memory of the process.",
            "",
            "| command | tasks | file | cold | peak (cold) | warm | peak (warm) |",
            "|---|---|---|---|---|---|---|",
        ]
        results: dict[tuple[str, int], tuple[Run, Run]] = {}
        for n in sizes:
            folder = tmp / f"plan-{n}"
            folder.mkdir()
            plan = folder / "plan.yaml"
            subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / "generate_plan.py"), "--tasks", str(n), "-o", str(plan)],
                check=True,
                capture_output=True,
            )
            size = plan.stat().st_size + sum(p.stat().st_size for p in (folder / "reports").glob("*.yaml"))
            repeat = max(1, args.repeat // (3 if n < 10_000 else 5 if n < 100_000 else 7))
            p = str(plan)
            commands = {
                "check": ["check", p],
                "status --format json": ["status", "--plan", p, "--as-of", AS_OF, "--format", "json"],
                "overdue --format json": ["overdue", "--plan", p, "--as-of", AS_OF, "--format", "json"],
                "tasks --format json": ["tasks", "--plan", p, "--as-of", AS_OF, "--format", "json"],
                "tasks (table)": ["tasks", "--plan", p, "--as-of", AS_OF],
            }
            for label, argv in commands.items():
                cold = bench.cold(kh + argv, repeat)
                warm = bench.warm(kh + argv, repeat)
                results[label, n] = (cold, warm)
                out.append(
                    f"| `{label}` | {n:,} | {size / 1e6:.1f} MB | {fmt_s(cold)} | {mib(cold)} | "
                    f"{fmt_s(warm)} | {mib(warm)} |"
                )

        # --- peers ---------------------------------------------------------------------
        have_task, have_hledger = shutil.which("task") is not None, shutil.which("hledger") is not None
        peers: list[str] = []
        if have_task or have_hledger:
            peers += [
                "",
                "## Peers on data of the same size",
                "",
                "Taskwarrior: a data directory of N tasks with due dates (about half done), "
                "`task overdue`. hledger: a journal of N two-posting transactions with declared "
                "accounts and commodity, `hledger check -s`. kehoach: warm runs. CPU time, wall in "
                "brackets; ratios of CPU time.",
                "",
                "| tasks | `task overdue` | kehoach `overdue --format json` | ratio | `hledger check -s` "
                "| kehoach `check` | ratio |",
                "|---|---|---|---|---|---|---|",
            ]
            for n in [n_shipped, *sizes]:
                repeat = max(1, args.repeat // (1 if n < 1000 else 3 if n < 10_000 else 5 if n < 100_000 else 7))
                if n == n_shipped:
                    k_over = bench.warm(
                        [*kh, "overdue", "--plan", shipped, "--as-of", AS_OF, "--format", "json"], repeat
                    )
                    k_check = bench.warm([*kh, "check", shipped], repeat)
                else:
                    k_over, k_check = results["overdue --format json", n][1], results["check", n][1]
                cells = [f"{n:,}"]
                if have_task:
                    tw_env = taskwarrior_dir(tmp / f"tw-{n}", n)
                    tw = measure(["task", "overdue"], tw_env, repeat)
                    cells += [ms(tw), fmt_s(k_over), f"{k_over.cpu / tw.cpu:.1f}×"]
                else:
                    cells += ["–", fmt_s(k_over), "–"]
                if have_hledger:
                    journal = tmp / f"ledger-{n}.journal"
                    hledger_journal(journal, n)
                    hl = measure(["hledger", "-f", str(journal), "check", "-s"], env, repeat)
                    cells += [ms(hl), fmt_s(k_check), f"{k_check.cpu / hl.cpu:.1f}×"]
                else:
                    cells += ["–", fmt_s(k_check), "–"]
                peers.append("| " + " | ".join(cells) + " |")
        out += peers

        # --- budgets -------------------------------------------------------------------
        if 10_000 in sizes:
            check_cold, check_warm = results["check", 10_000]
            over_warm = results["overdue --format json", 10_000][1]
            table_cold, table_warm = results["tasks (table)", 10_000]
            json_cold, json_warm = results["tasks --format json", 10_000]
            peak = max(r.peak for (label, n), pair in results.items() if n == 10_000 for r in pair)
            budgets += [
                ("10k: `check` ≤ 2 s cold", fmt_s(check_cold), check_cold.cpu <= 2),
                ("10k: `check` ≤ 0.5 s warm", fmt_s(check_warm), check_warm.cpu <= 0.5),
                ("10k: `overdue --format json` ≤ 0.5 s warm", fmt_s(over_warm), over_warm.cpu <= 0.5),
                (
                    "10k: `tasks` table ≤ 1.5× `tasks --format json` (cold / warm)",
                    f"{table_cold.cpu / json_cold.cpu:.2f}× / {table_warm.cpu / json_warm.cpu:.2f}×",
                    table_cold.cpu <= 1.5 * json_cold.cpu and table_warm.cpu <= 1.5 * json_warm.cpu,
                ),
                ("10k: peak memory ≤ 300 MB", f"{peak / 1e6:.0f} MB", peak <= 300e6),
            ]
        if 100_000 in sizes:
            check_cold, check_warm = results["check", 100_000]
            peak = max(r.peak for (label, n), pair in results.items() if n == 100_000 for r in pair)
            budgets += [
                ("100k: `check` ≤ 20 s cold", fmt_s(check_cold), check_cold.cpu <= 20),
                ("100k: `check` ≤ 3 s warm", fmt_s(check_warm), check_warm.cpu <= 3),
                ("100k: peak memory ≤ 1 GB", f"{peak / 1e6:.0f} MB", peak <= 1e9),
            ]
        if len(sizes) >= 2:
            lo, hi = sizes[0], sizes[-1]
            worst = max(
                math.log(results[label, hi][0].cpu / results[label, lo][0].cpu) / math.log(hi / lo)
                for label in ("check", "status --format json", "overdue --format json")
            )
            budgets.append((f"time grows linearly ({lo:,} → {hi:,}, cold)", f"exponent ≤ {worst:.2f}", worst <= 1.15))
        out += ["", "## Budgets (issue 14)", "", "| budget | measured | |", "|---|---|---|"]
        out += [f"| {name} | {value} | {verdict(ok)} |" for name, value, ok in budgets]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("\n".join(out))


if __name__ == "__main__":
    main()
