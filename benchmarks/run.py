"""Benchmarks: start-up and load cost, reported as ratios measured in one run.

    python benchmarks/run.py [--tasks 1000] [--repeat 5]

The machine is shared and noisy, so every figure is printed next to a baseline taken in
the same run: start-up against `python -c pass`, loading against `json.loads` of the
same data. Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
sys.path.insert(0, str(SRC))


def synthetic_plan(n: int) -> str:
    """A realistic plan of `n` tasks (about 500 bytes each) built from the shipped registry."""
    head = (ROOT / "plan.yaml").read_text(encoding="utf-8").split("\ntasks:\n", 1)[0]
    lines = [head, "tasks:"]
    for i in range(n):
        section = 1 + i % 8
        lines += [
            f'  - id: "{section}.{i + 1}"',
            f"    title: Nhiệm vụ tổng hợp số {i} về phát triển công nghiệp, thu hút đầu tư và hạ tầng",
            f"    title_en: Synthetic task {i}",
            f"    ref: II.{section}, dòng {i}",
            "    lead: [Sở Công Thương]",
            "    partners: [Sở Tài chính, Ban Quản lý KKT Dung Quất và các KCN Quảng Ngãi]",
            f"    schedule: {{kind: deadline, by: {2020 + i % 10}-12-31, text: năm {2020 + i % 10}}}",
            "    notes: [Dữ liệu tổng hợp cho đo hiệu năng.]",
        ]
    return "\n".join(lines) + "\n"


def timed(cmd: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=False, capture_output=True)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    py = sys.executable
    env_cmd = [py, "-m", "kehoach_cli"]
    base = timed([py, "-c", "pass"], args.repeat)
    print(f"python -c pass: {base * 1000:.0f} ms (baseline 1.0×)")
    for label, extra in (
        ("kehoach --help", ["--help"]),
        ("kehoach check plan.yaml", ["check", str(ROOT / "plan.yaml")]),
        ("kehoach status (shipped plan)", ["status", "--plan", str(ROOT / "plan.yaml"), "--as-of", "2026-11-27"]),
    ):
        t = timed(env_cmd + extra, args.repeat)
        print(f"{label}: {t * 1000:.0f} ms = {t / base:.1f}× python -c pass")

    from kehoach_cli.loader import load_plan

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.yaml"
        path.write_text(synthetic_plan(args.tasks), encoding="utf-8")
        t = time.perf_counter()
        loaded = load_plan(path, with_reports=False)
        load_s = time.perf_counter() - t
        assert loaded.ok, loaded.problems[:3]
        exported = json.dumps([t.model_dump(mode="json") for t in loaded.plan.tasks])  # type: ignore[union-attr]
        t = time.perf_counter()
        json.loads(exported)
        json_s = time.perf_counter() - t
        size = path.stat().st_size
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"load_plan, {args.tasks} tasks ({size / 1e6:.2f} MB): {load_s:.3f} s = "
        f"{load_s / json_s:.0f}× json.loads of the same tasks; peak RSS {peak / 1e6:.0f} MB "
        f"= {peak / size:.0f}× the file"
    )


if __name__ == "__main__":
    main()
