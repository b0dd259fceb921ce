"""Regenerate kehoach's message catalogue: extract, update, compile.

    python scripts/translations.py           # kehoach.pot from src/, merged into vi/kehoach.po, then kehoach.mo
    python scripts/translations.py --check   # fail if the .pot, .po or .mo is out of date (what CI runs)

Needs Babel (the `test` extra). Translators edit only
src/kehoach_cli/locale/vi/LC_MESSAGES/kehoach.po; everything else here is generated. A
msgid that disappears from the source stays in the .po as obsolete (#~) until removed.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from babel.messages import mofile, pofile
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "kehoach_cli" / "locale"
POT = LOCALE / "kehoach.pot"
PO = LOCALE / "vi" / "LC_MESSAGES" / "kehoach.po"
MO = PO.with_suffix(".mo")
# The functions whose first argument (and, for the plural ones, second) is a msgid.
KEYWORDS: dict[str, tuple[int, ...]] = {"msg": (1,), "nmsg": (1, 2), "tr": (1,), "ntr": (1, 2), "N_": (1,)}
METHOD_MAP = [("src/kehoach_cli/**.py", "python")]
# Fixed header dates: the files are generated, and must be byte-identical run after run.
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def extracted() -> Catalog:
    """Every msgid of the source, with where it is used (file and line)."""
    catalog = Catalog(project="kehoach", domain="kehoach", fuzzy=False, creation_date=STAMP, revision_date=STAMP)
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), METHOD_MAP, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def template_text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    pofile.write_po(out, catalog, width=100, omit_header=True, sort_output=True, include_lineno=False)
    return out.getvalue()


def read_po(path: Path) -> Catalog:
    with path.open("rb") as f:
        return pofile.read_po(f, locale="vi", domain="kehoach")


def updated(template: Catalog) -> Catalog:
    po = read_po(PO) if PO.exists() else Catalog(locale="vi", domain="kehoach", project="kehoach")
    po.update(template, no_fuzzy_matching=True)
    po.creation_date = po.revision_date = STAMP
    po.last_translator = "kehoach"
    po.language_team = "kehoach"
    return po


def po_text(po: Catalog) -> bytes:
    out = io.BytesIO()
    pofile.write_po(out, po, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def mo_bytes(po: Catalog) -> bytes:
    out = io.BytesIO()
    mofile.write_mo(out, po, use_fuzzy=False)
    return out.getvalue()


def main(argv: list[str]) -> int:
    template = extracted()
    pot = template_text(template)
    po = updated(template)
    po_out = po_text(po)
    mo = mo_bytes(po)
    if "--check" in argv:
        stale = [p for p, data in ((POT, pot), (PO, po_out), (MO, mo)) if not p.exists() or p.read_bytes() != data]
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run python scripts/translations.py", file=sys.stderr)
        return 1 if stale else 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    POT.write_bytes(pot)
    PO.write_bytes(po_out)
    MO.write_bytes(mo)
    missing = [m.id for m in po if m.id and not m.string]
    print(f"{len(template)} messages; {len(missing)} without a Vietnamese translation")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
