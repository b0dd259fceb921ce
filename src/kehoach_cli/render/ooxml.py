"""Word and Excel files are zip packages whose entries carry the time they were written:
rewrite them with one fixed time so that the same report gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def fixed_zip(data: bytes, when: dt.date) -> bytes:
    """The same entries in the same order, each stamped `when` (zip cannot go before 1980)."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
