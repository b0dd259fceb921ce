"""The document's header and signature: number, date, place, issuer, title, signer, and
the documents it implements, each as printed (a blank number stays blank)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..messages import Msg, msg
from .blocks import Block, Para, Row

_NUMBER = re.compile(r"^Số\s*:?\s*(?P<num>[^\s|]*)\s*$")
_DATE = re.compile(
    r"^(?P<place>[^,\d]{2,40}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I
)
# The same, inside a longer line: a PDF runs the header's two columns into one line
# ("Số: 624/KH-UBND Hà Tĩnh, ngày 19 tháng 11 năm 2025"); the place is then its capitalised words.
_NUMBER_IN = re.compile(r"(?:^|\s)(?P<all>Số\s*:\s*(?P<num>[^\s|]*\d[^\s|]*))(?=\s|$)")
_DATE_IN = re.compile(
    r"(?P<place>[A-ZĐ][^\s,\d]*(?:\s+[A-ZĐ][^\s,\d]*){0,3}),\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})"
    r"\s+năm\s+(?P<y>\d{4})"
)
_DOC = re.compile(
    r"(?P<kind>Chương\s+trình\s+hành\s+động|Nghị\s+quyết|Quyết\s+định|Kế\s+hoạch|Chỉ\s+thị|Nghị\s+định|"
    r"Thông\s+tư|Kết\s+luận|Chiến\s+lược|Luật)\s+số\s+(?P<num>[\w./-]*\d[\w./-]*)\s+ngày\s+(?P<d>\d{1,2})"
    r"(?:\s*/\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)(?P<y>\d{4})"
    r"(?:\s+của\s+(?P<issuer>.+?))?(?=\s+(?:về|phê\s+duyệt|thực\s+hiện|ban\s+hành|sửa\s+đổi|quy\s+định)\b|[,;(]|$)"
    r"(?P<title>[^;(]*)",
)
_SIGN_TITLE = re.compile(r"(?:KT\.|TM\.|Q\.)?\s*(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|BỘ\s+TRƯỞNG)", re.I)
_CAPS_WORDS = {"ỦY", "UỶ", "BAN", "NHÂN", "DÂN", "TỈNH", "THÀNH", "PHỐ", "THỦ", "TƯỚNG", "CHÍNH", "PHỦ"}


@dataclass
class Meta:
    data: dict[str, Any]
    reviews: dict[str, list[Msg]] = field(default_factory=dict)

    def review(self, key: str, text: Msg) -> None:
        self.reviews.setdefault(key, []).append(text)


def _texts(blocks: list[Block]) -> list[tuple[str, str]]:
    """(text, origin label) of paragraphs and of table cells, in order."""
    out: list[tuple[str, str]] = []
    for b in blocks:
        if isinstance(b, Para):
            out.append((b.text, b.origin.label()))
        else:
            out += [(c.text, c.origin.label()) for c in b.cells]
    return out


def read(blocks: list[Block]) -> Meta:
    texts = _texts(blocks)
    head = texts[:120]
    meta = Meta({})
    data = meta.data
    number = next(((m, w) for t, w in head if (m := _NUMBER.match(t))), None)
    if number is None:
        number = next(((m, w) for t, w in head[:12] if (m := _NUMBER_IN.search(t))), None)
    if number is not None:
        m, where = number
        num = m.group("num")
        data["number"] = num if re.search(r"\d", num) else None
        data["number_as_printed"] = (m.groupdict().get("all") or m.group(0)).strip()
        if data["number"] is None:
            meta.review(
                "number", msg('the number is printed blank ("{text}", {where})', text=m.group(0).strip(), where=where)
            )
        elif "/QĐ-" in num:
            meta.review("number", msg("the number is the decision's that issues the plan; the plan may have none"))
    else:
        data["number"] = None
        data["number_as_printed"] = "(không in số)"
        meta.review("number", msg('no "Số: …" line found'))
    date = next(((m, w) for t, w in head if (m := _DATE.match(t))), None)
    if date is None:
        date = next(((m, w) for t, w in head[:12] if (m := _DATE_IN.search(t))), None)
    if date is not None:
        m, _ = date
        try:
            data["date"] = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            meta.review("date", msg("the date line '{text}' is not a calendar day", text=m.group(0)))
        data["place"] = m.group("place").strip(" *")
    if "date" not in data:
        meta.review("date", msg('no dated place line ("…, ngày … tháng … năm …") found: write the date'))
    data["issuer"], issuer_review = _issuer(head)
    if issuer_review:
        meta.review("issuer", issuer_review)
    title, title_where = _title(blocks)
    data["title"] = title or "(chưa đọc được tiêu đề)"
    if not title:
        meta.review("title", msg('no title found after the "KẾ HOẠCH" heading'))
    elif title.isupper():
        meta.review("title", msg("the title is printed in capitals ({where}); kept as printed", where=title_where))
    signer = _signer(texts)
    if signer is not None:
        data["signer"] = signer
    implements, skipped = _implements(blocks)
    if implements:
        data["implements"] = implements
    for s in skipped:
        meta.review("implements", s)
    return meta


def _issuer(head: list[tuple[str, str]]) -> tuple[str, Msg | None]:
    for text, _ in head:
        m = re.search(
            r"((?:Ủy|Uỷ)\s+ban\s+nhân\s+dân|UBND)\s+(tỉnh|thành\s+phố)\s+([A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*)*)\s+ban\s+hành",
            text,
        )
        if m:
            return m.group(0)[: -len(" ban hành")].strip(), None
    for text, where in head[:12]:
        upper = text.upper() == text and any(w in text.split() for w in ("ỦY", "UỶ", "THỦ", "BỘ"))
        if upper and not text.startswith("CỘNG HÒA"):
            words = text.split()
            out = []
            after_unit = False
            for w in words:
                if w in _CAPS_WORDS and not after_unit:
                    out.append(w.lower())
                    after_unit = w in ("TỈNH", "PHỐ", "PHỦ")
                else:
                    out.append(w[:1] + w[1:].lower())
            name = " ".join(out)
            name = name[:1].upper() + name[1:]
            return name, msg(
                'issuer written from the capitals of the header ({where}): "{text}"', where=where, text=text
            )
    return "(chưa rõ cơ quan ban hành)", msg("no issuer found: write it")


def _title(blocks: list[Block]) -> tuple[str | None, str]:
    paras = [b for b in blocks[:80] if isinstance(b, Para)]
    for i, p in enumerate(paras):
        if re.fullmatch(r"KẾ\s+HOẠCH(?:\s+HÀNH\s+ĐỘNG)?", p.text.strip(" *")):
            parts: list[str] = []
            first = None
            for q in paras[i + 1 : i + 4]:
                if (
                    re.match(
                        r"^(?:Thực\s+hiện|Căn\s+cứ|Triển\s+khai\s+thực\s+hiện\s+các\s+mục\s+tiêu|I\.|\d\.|\()", q.text
                    )
                    and parts
                ):
                    break
                if re.match(r"^(?:Căn\s+cứ|Thực\s+hiện\s+(?:Quyết|Nghị|Chương|Chỉ|Kế))", q.text):
                    break
                parts.append(q.text)
                first = first or q
                if not q.text.isupper():
                    break
            if parts and first is not None:
                return " ".join(parts), first.origin.label()
    return None, ""


def _signer(texts: list[tuple[str, str]]) -> dict[str, str] | None:
    for i in range(len(texts) - 1, max(-1, len(texts) - 40), -1):
        text, _ = texts[i]
        if _SIGN_TITLE.search(text) and len(text) < 60:
            for name, _ in texts[i + 1 : i + 4]:
                if re.fullmatch(r"(?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*\s+){1,4}[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ]*", name) and not name.isupper():
                    return {"name": name, "title": text}
            return None
    return None


def _implements(blocks: list[Block]) -> tuple[list[dict[str, Any]], list[Msg]]:
    out: list[dict[str, Any]] = []
    skipped: list[Msg] = []
    seen: set[str] = set()
    for b in blocks[:60]:
        if not isinstance(b, Para) or isinstance(b, Row):
            continue
        if not re.match(r"^(?:Thực\s+hiện|Triển\s+khai\s+thực\s+hiện|Căn\s+cứ)", b.text):
            continue
        for m in _DOC.finditer(b.text):
            num = m.group("num")
            if num in seen:
                continue
            seen.add(num)
            try:
                day = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                skipped.append(msg("{kind} số {num}: the date is not a calendar day", kind=m.group("kind"), num=num))
                continue
            issuer = (m.group("issuer") or "").strip()
            if not issuer:
                skipped.append(
                    msg(
                        "{kind} số {num} ({where}): no issuer printed, not listed",
                        kind=m.group("kind"),
                        num=num,
                        where=b.origin.label(),
                    )
                )
                continue
            doc: dict[str, Any] = {"kind": m.group("kind"), "number": num, "date": day, "issuer": issuer}
            title = (m.group("title") or "").strip(" ,")
            if title:
                doc["title"] = title
            out.append(doc)
    return out, skipped
