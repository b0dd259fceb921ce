"""How faithful `kehoach import` is: each real plan imported and compared with its hand-made encoding.

    python benchmarks/import_quality.py [--shared examples/sources] [--office] [--show PLAN]

For each source the draft is paired with the hand-made plan task by task (by text, see
`kehoach_cli.importer.against`), then compared field by field: lead, partners, schedule
kind, due date, targets. Printed per plan: the share of hand-made tasks found, the share of
(task, field) pairs equal (a hand-made task not found counts as five unequal pairs), and
precision / recall per field (agencies and targets item by item; kind and date over the
tasks where the side has one). `--office` also measures the Word and PDF paths of two
plans (hatinh, prose; dongnai, tables; `--office-plan SLUG` to choose others): the source
is rendered to HTML (paragraphs, and its "|"-cell tables as real tables), converted by
LibreOffice headless (`soffice --headless --convert-to docx|pdf`; install it with
`apt-get install -y libreoffice-writer-nogui fonts-liberation2`), and imported again. Time:
a 50-page plan (the shipped source repeated to 50 A4 pages of text) is imported too.

Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import html
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kehoach_cli.importer import import_document  # noqa: E402
from kehoach_cli.importer.against import FIELDS, Hand, compare_plans  # noqa: E402
from kehoach_cli.importer.blocks import Para, Row  # noqa: E402
from kehoach_cli.importer.sources import read  # noqa: E402

# Converted to .docx and .pdf with --office: a prose plan and a table plan.
OFFICE_PLANS = ("hatinh-624-2025", "dongnai-179-2025")
PLANS = ("cantho-153-2025", "dongnai-179-2025", "hatinh-624-2025", "sonla-2954-2025", "ttg-2530-2025")


def cases(shared: Path, examples: Path) -> list[tuple[str, Path, Path]]:
    out = [
        ("quang-ngai-2019 (shipped)", shared / "source" / "ke-hoach-ubnd-quang-ngai-2019-06-10.txt", ROOT / "plan.yaml")
    ]
    for slug in PLANS:
        hand = examples / slug / "plan.yaml"
        if hand.is_file():
            out.append((slug, shared / "plans" / f"{slug}.md", hand))
    return out


def measure(source: Path, hand_path: Path) -> dict[str, object]:
    start = time.perf_counter()
    result = import_document(source)
    seconds = time.perf_counter() - start
    hand, _ = Hand.load(hand_path)
    assert hand is not None
    cmp = compare_plans(result.plan, hand)
    found = len(cmp.pairs) / max(1, cmp.hand_tasks)
    equal = sum(cmp.equal.values()) / max(1, len(FIELDS) * cmp.hand_tasks)
    return {"cmp": cmp, "found": found, "equal": equal, "seconds": seconds, "reviews": result.summary["reviews"]}


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def row(name: str, m: dict[str, object]) -> str:
    cmp = m["cmp"]
    assert hasattr(cmp, "counts")
    cells = [f"{name:30}", f"{cmp.draft_tasks:4}/{cmp.hand_tasks:<4}", pct(float(m["found"])), pct(float(m["equal"]))]  # type: ignore[arg-type]
    for f in FIELDS:
        tp, dn, hn = cmp.counts[f]
        p = tp / dn if dn else 1.0
        r = tp / hn if hn else 1.0
        cells.append(f"{pct(p)}/{pct(r)}")
    cells.append(f"{float(m['seconds']):5.2f}")  # type: ignore[arg-type]
    return " | ".join(cells)


HEADER = " | ".join([f"{'plan':30}", "draft/hand", "found%", "equal%", *[f"{f[:11]:>11} P/R" for f in FIELDS], "s"])


# --- Word and PDF through LibreOffice ------------------------------------------------------


def to_html(source: Path) -> str:
    """The source as HTML: paragraphs (bold kept) and its tables as real tables."""
    doc = read(source)
    out = ["<html><head><meta charset='utf-8'></head><body>"]
    table: int | None = None
    for b in doc.blocks:
        if isinstance(b, Row):
            if table != b.table:
                if table is not None:
                    out.append("</table>")
                out.append("<table border='1'>")
                table = b.table
            cells = "".join(
                "<td>" + "<br>".join(html.escape(x) for x in (c.lines or [c.text])) + "</td>" for c in b.cells
            )
            out.append(f"<tr>{cells}</tr>")
            continue
        if table is not None:
            out.append("</table>")
            table = None
        assert isinstance(b, Para)
        text = html.escape(b.text)
        out.append(f"<p><b>{text}</b></p>" if b.bold else f"<p>{text}</p>")
    if table is not None:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def office(source: Path, fmt: str, workdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is not installed: apt-get install -y libreoffice-writer-nogui fonts-liberation2")
    page = workdir / (source.stem + ".html")
    page.write_text(to_html(source), encoding="utf-8")
    target = {"docx": "docx:MS Word 2007 XML", "pdf": "pdf:writer_web_pdf_Export"}[fmt]
    subprocess.run(
        [soffice, "--headless", "--convert-to", target, "--outdir", str(workdir), str(page)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return workdir / f"{source.stem}.{fmt}"


def fifty_pages(shared: Path, workdir: Path) -> Path:
    """The shipped source repeated to about 50 pages (≈ 3,000 characters a page)."""
    text = (shared / "source" / "ke-hoach-ubnd-quang-ngai-2019-06-10.txt").read_text(encoding="utf-8")
    body = text.split("II. NHIỆM VỤ", 1)[1].split("III. TỔ CHỨC", 1)[0]
    parts = [text.split("II. NHIỆM VỤ", 1)[0]]
    n = 0
    while sum(len(p) for p in parts) < 50 * 3000:
        n += 1
        parts.append(f"\n{_roman(n + 1)}. NHIỆM VỤ" + body)
    path = workdir / "fifty-pages.txt"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT / "examples" / "sources")
    ap.add_argument("--office", action="store_true", help="also measure .docx and .pdf made by LibreOffice")
    ap.add_argument(
        "--office-plan",
        action="append",
        help="a plan to convert (repeatable; default hatinh-624-2025 and dongnai-179-2025)",
    )
    ap.add_argument("--examples", type=Path, default=ROOT / "examples" / "plans", help="the hand-made plans")
    ap.add_argument("--show", help="print the disagreements of one plan")
    args = ap.parse_args()
    print(HEADER)
    for name, source, hand in cases(args.shared, args.examples):
        m = measure(source, hand)
        print(row(name, m))
        if args.show and args.show in name:
            for line in m["cmp"].disagreements:  # type: ignore[attr-defined]
                print("   ", line)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.office:
            for slug in args.office_plan or OFFICE_PLANS:
                source = args.shared / "plans" / f"{slug}.md"
                hand = args.examples / slug / "plan.yaml"
                for fmt in ("docx", "pdf"):
                    made = office(source, fmt, work)
                    print(row(f"{slug} (.{fmt})", measure(made, hand)))
        big = fifty_pages(args.shared, work)
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = import_document(big)
            times.append(time.perf_counter() - start)
        print(
            f"\n50-page plan ({big.stat().st_size // 1024} KB, {len(result.plan.tasks)} tasks): "
            f"median {statistics.median(times):.2f} s of 3 runs (in-process, after imports)"
        )
        print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
