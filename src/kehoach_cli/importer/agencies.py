"""Agency names: splitting printed lists, folding spellings, abbreviations from a data file.

Names always come from the document or from `data/co-quan.yaml` (extendable with the
user's own file), never from this code: the code only knows how lists are written
("A, B và C"; "A; B") and which words end a list in a sentence (the verb that follows).
Spellings that differ only in case, tone-mark placement or a repeated word are one
agency with aliases; an abbreviation found in the data file is expanded to its full
name, which becomes the registry name, with the printed form as an alias.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import Msg, msg
from ..textnorm import fold


def lower(text: str) -> str:
    """Lower case, one character for one, so positions in it are positions in `text`.

    Diacritics stay: without them "Đài" (a broadcaster) and "Đại học" look alike.
    """
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in unicodedata.normalize("NFC", text))


def _tone_key(text: str) -> str:
    """Old and new tone placement ("Hoà"/"Hòa", "Uỷ"/"Ủy") and case folded together."""
    return fold(re.sub(r"[\s\u00a0]+", " ", text)).strip(" .,;:")


@dataclass
class Known:
    name: str
    kind: str
    id: str | None = None
    aliases: list[str] = field(default_factory=list)
    member_kinds: list[str] = field(default_factory=list)


# Words that begin the predicate after a list of agencies in a sentence
# ("phối hợp với Sở A và Sở B *xây dựng* …"). Grammar, not names.
_VERBS = (
    "xây dựng",
    "triển khai",
    "thực hiện",
    "kiểm tra",
    "hướng dẫn",
    "tham mưu",
    "nghiên cứu",
    "đề xuất",
    "chỉ đạo",
    "theo dõi",
    "đôn đốc",
    "rà soát",
    "ban hành",
    "trình",
    "tăng cường",
    "đẩy mạnh",
    "căn cứ",
    "bố trí",
    "phát triển",
    "quản lý",
    "tuyên truyền",
    "đảm bảo",
    "bảo đảm",
    "hỗ trợ",
    "thẩm định",
    "cung cấp",
    "giải quyết",
    "kết nối",
    "lồng ghép",
    "huy động",
    "cập nhật",
    "phổ biến",
    "giám sát",
    "đánh giá",
    "khảo sát",
    "tiếp tục",
    "chủ động",
    "kịp thời",
    "để",
    "nhằm",
    "trong",
    "theo",
    "thông qua",
    "có trách nhiệm",
    "chịu trách nhiệm",
    "tổng hợp",
    "xử lý",
    "phát động",
    "nâng cao",
    "tập trung",
    "duy trì",
    "vận động",
    "tiếp nhận",
    "sử dụng",
    "tổ chức thực hiện",
    "tổ chức triển khai",
    "tổ chức các",
    "tổ chức tập huấn",
    "tổ chức tuyên truyền",
    "phát hiện",
    "kiểm soát",
    "mở rộng",
    "áp dụng",
    "thúc đẩy",
    "khuyến khích",
    "ưu tiên",
    "bổ sung",
    "xác định",
    "điều phối",
    "thường xuyên",
    "định kỳ",
    "hằng năm",
    "hàng năm",
    "đối với",
    "thí điểm",
    "điều tra",
    "truy tố",
    "xét xử",
    "chia sẻ",
    "báo cáo",
    "gửi",
    "cùng",
    "nắm bắt",
    "ký",
    "tuân thủ",
    "ở",
    "phối hợp",
    "chủ trì",
    "tham gia",
    "tiên phong",
    "dẫn dắt",
    "phát huy",
    "cử",
    "mở thêm",
    "đẩy nhanh",
    "chịu",
    "cần",
    "phải",
)
_VERB_RE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True)) + r")(?![\w])"
)


def _verb_at(low: str, pos: int, text: str) -> bool:
    """A verb begins at `pos` of the folded text; a capitalised word is a name ("Cần Thơ"), not "cần"."""
    return not text[pos : pos + 1].isupper() and _VERB_RE.match(low, pos) is not None


_SEPARATOR = re.compile(r"\s*(?:;|,|\s+và\s+|\s+với\s+|\s+cùng\s+)\s*")


class Book:
    """The agency data file(s): heads, abbreviations, known bodies, groups."""

    def __init__(self, data: list[dict[str, Any]]) -> None:
        self.heads: list[tuple[str, str]] = []
        self.abbreviations: list[tuple[str, str]] = []
        self.known: list[Known] = []
        self.continuations: list[str] = []
        for d in data:
            for h in d.get("heads") or []:
                self.heads.append((str(h["word"]), str(h.get("kind", "other"))))
            for a in d.get("abbreviations") or []:
                self.abbreviations.append((str(a["short"]), str(a["long"])))
            for a in d.get("agencies") or []:
                self.known.append(
                    Known(
                        str(a["name"]),
                        str(a.get("kind", "other")),
                        a.get("id"),
                        [str(x) for x in a.get("aliases") or []],
                    )
                )
            for g in d.get("groups") or []:
                self.known.append(
                    Known(
                        str(g["name"]),
                        "group",
                        g.get("id"),
                        [str(x) for x in g.get("aliases") or []],
                        [str(x) for x in g.get("member_kinds") or []],
                    )
                )
            self.continuations += [str(c) for c in d.get("continuations") or []]
        self.heads.sort(key=lambda h: -len(h[0]))
        self._heads_folded = [(lower(w), k) for w, k in self.heads]
        # One-word heads that are words of the language, not abbreviations: see `head_at`.
        self._bare_heads = {lower(w) for w, _ in self.heads if " " not in w and not w.isupper()}
        self._by_key: dict[str, Known] = {}
        for k in self.known:
            for n in (k.name, *k.aliases):
                self._by_key.setdefault(_tone_key(n), k)
                self._by_key.setdefault(_tone_key(self.expand(n)), k)
        self._names_folded = sorted({lower(n) for k in self.known for n in (k.name, *k.aliases)}, key=len, reverse=True)
        self._cont_folded = sorted((lower(c) for c in self.continuations), key=len, reverse=True)

    @staticmethod
    def load(extra: Path | None = None) -> tuple[Book, list[str]]:
        """The shipped data file plus the user's, and any problems reading the user's."""
        from ..load import yamlio

        problems: list[str] = []
        shipped = Path(__file__).resolve().parent.parent / "data" / "co-quan.yaml"
        datas: list[dict[str, Any]] = []
        for path in (shipped, extra):
            if path is None:
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: cannot read the agency file ({exc})")
                continue
            doc, errs = yamlio.parse(text, str(path))
            problems += [f"{e.location}: {e.message}" if e.location else str(e.message) for e in errs]
            if isinstance(doc.data, dict):
                datas.append(doc.data)
            elif doc.data is not None:
                problems.append(f"{path}: expected a mapping with heads/abbreviations/agencies/groups")
        return Book(datas), problems

    # --- lookups -------------------------------------------------------------------------

    def expand(self, name: str) -> str:
        out = name
        for short, long in self.abbreviations:
            out = re.sub(rf"(?<![\w&-]){re.escape(short)}(?![\w&-])", long, out)
        return out

    def lookup(self, name: str) -> Known | None:
        return self._by_key.get(_tone_key(name)) or self._by_key.get(_tone_key(self.expand(name)))

    def kind_of(self, name: str) -> str:
        known = self.lookup(name)
        if known is not None:
            return known.kind
        folded = lower(name.strip())
        for head, kind in self._heads_folded:
            if folded.startswith(head):
                return kind
        return "other"

    def head_at(self, folded: str, pos: int, text: str) -> int:
        """Length of the agency head word starting at `pos` of folded text, or 0.

        `text` is the same text before folding. A one-word head ("Bộ", "Ban", "Hội",
        "Báo") opens a name only before a capital or a digit: "Bộ Xây dựng", but not
        "bộ công cụ", "Ban hành", "Hội thảo", "Báo cáo".
        """
        for name in self._names_folded:
            if folded.startswith(name, pos) and _boundary(folded, pos + len(name)):
                return len(name)
        return self._head_end(folded, pos, text)

    def _head_end(self, folded: str, pos: int, text: str) -> int:
        """Length of the head word (not a known name) at `pos`, or 0; see `head_at`."""
        for head, _ in self._heads_folded:
            end = pos + len(head)
            if folded.startswith(head, pos) and _boundary(folded, end):
                if head in self._bare_heads and not _capital_after(text, end):
                    continue
                return len(head)
        return 0

    def looks_like_agency(self, text: str) -> bool:
        bare = text.strip().lstrip("-+• ").strip()
        return self.head_at(lower(bare), 0, bare) > 0 or self.lookup(text) is not None

    # --- splitting -----------------------------------------------------------------------

    def split(self, text: str) -> list[str]:
        """The agencies of a printed list: "Sở A, Ban B và UBND các huyện, thành phố"."""
        text = re.sub(r"\s+", " ", text).strip().strip(" .;:,")
        names: list[str] = []
        for piece in re.split(r"\s*;\s*|\s*\n\s*", text):
            piece = piece.strip().lstrip("-+• ").strip().strip(" .,")
            if piece:
                names += self._split_piece(piece)
        return [n for n in names if n]

    def _split_piece(self, piece: str) -> list[str]:
        folded = lower(piece)
        cuts = [0]
        is_group = self.kind_of(piece) == "group"
        known_end = self._known_prefix(folded, 0)
        for m in _SEPARATOR.finditer(piece):
            nxt = m.end()
            if nxt < known_end or nxt >= len(piece):
                continue
            start_folded = folded[nxt:]
            comma = m.group(0).strip() == ","
            if (
                comma
                and self._continuation(start_folded)
                and (is_group or self._is_group_tail(piece[cuts[-1] : m.start()]))
            ):
                continue
            if self.head_at(folded, nxt, piece):
                cuts.append(nxt)
                is_group = self.kind_of(piece[nxt:]) == "group"
                known_end = self._known_prefix(folded, nxt)
        parts = []
        for a, b in zip(cuts, [*cuts[1:], len(piece)], strict=True):
            part = piece[a:b]
            part = _SEPARATOR_TAIL.sub("", part).strip()
            if part:
                parts.append(part)
        return parts

    def _known_prefix(self, folded: str, pos: int) -> int:
        for name in self._names_folded:
            if folded.startswith(name, pos) and _boundary(folded, pos + len(name)):
                return pos + len(name)
        return pos

    def _continuation(self, folded_rest: str) -> bool:
        return any(folded_rest.startswith(c) and _boundary(folded_rest, len(c)) for c in self._cont_folded)

    def _is_group_tail(self, text: str) -> bool:
        return fold(text).startswith(("cac ", "ubnd cac", "uy ban nhan dan cac"))

    def names_in_sentence(self, text: str) -> tuple[list[str], int]:
        """Agencies at the start of `text`, up to the verb that follows them, and where they end.

        Known names (data file) are taken whole; an unknown name runs from its head word to
        the first verb, to "liên quan", or to a separator that is followed by something that
        is neither another agency nor the rest of a collective name.
        """
        clause = re.split(r"[:;(.]", text, maxsplit=1)[0]
        low = lower(clause)
        pos = 0
        end = 0
        while pos < len(low):
            known = self._known_prefix(low, pos)
            if known > pos and not self._ends_name(low, known, clause):
                known = pos
            if known > pos:
                seg_end = known
                tail = re.match(r"\s+(?:có\s+)?liên\s+quan\b", low[seg_end:])
                if tail:
                    seg_end += tail.end()
            elif self.head_at(low, pos, clause):
                seg_end = self._unknown_name_end(low, pos, clause)
            else:
                break
            end = seg_end
            sep = _SEPARATOR.match(low, end)
            if sep is None or sep.end() >= len(low):
                break
            nxt = sep.end()
            if self.head_at(low, nxt, clause) and not _verb_at(low, nxt, clause):
                pos = nxt
                continue
            break
        span = clause[:end].rstrip(" ,")
        if not span:
            return [], 0
        return self.split(span), end

    def _ends_name(self, low: str, end: int, text: str) -> bool:
        """Whether a known name ending at `end` is a whole name here, not the start of a longer one."""
        rest = low[end:]
        if not rest.strip() or re.match(r"\s*[,;:]|\s+(?:và|với|cùng)\s", rest):
            return not re.match(r"\s*,\s*", rest) or not self._continuation(rest.lstrip(" ,"))
        return bool(re.match(r"\s+(?:có\s+)?liên\s+quan\b", rest) or _verb_at(low, end + 1, text))

    def _unknown_name_end(self, low: str, pos: int, text: str) -> int:
        head = self._head_end(low, pos, text)
        i = pos + (head or len(low[pos:].split(" ", 1)[0]))
        while i < len(low):
            m = re.match(r"\s*(,|;|\s+và\s+)?\s*", low[i:])
            gap = m.end() if m else 0
            word_start = i + gap
            if word_start >= len(low):
                return len(low.rstrip())
            if _verb_at(low, word_start, text):
                return i
            if m and m.group(1):
                if self.head_at(low, word_start, text):
                    return i
                if m.group(1).strip() == "," and not (
                    self._continuation(low[word_start:]) or low[word_start].isupper()
                ):
                    if not clause_upper(low, word_start):
                        return i
            rel = re.match(r"(?:có\s+)?liên\s+quan\b", low[word_start:])
            if rel:
                return word_start + rel.end()
            w = re.match(r"\S+", low[word_start:])
            i = word_start + (w.end() if w else 1)
        return len(low)


_SEPARATOR_TAIL = re.compile(r"(?:\s*(?:,|;|\bvà\b|\bvới\b|\bcùng\b)\s*)+$")


def clause_upper(low: str, pos: int) -> bool:
    """`low` is lower-cased: capitals are gone, so only digits keep a name going."""
    return low[pos : pos + 1].isdigit()


def _capital_after(text: str, end: int) -> bool:
    """Whether the word after position `end` (past one space) begins with a capital or a digit."""
    nxt = text[end + 1 : end + 2] if text[end : end + 1] == " " else ""
    return nxt.isupper() or nxt.isdigit()


def _boundary(folded: str, end: int) -> bool:
    return end >= len(folded) or not folded[end].isalnum()


# --- the draft's registry ------------------------------------------------------------


@dataclass
class DraftAgency:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    notes: list[Msg] = field(default_factory=list)  # rendered in the command's language with the draft
    reviews: list[Msg] = field(default_factory=list)
    members: list[str] = field(default_factory=list)
    member_kinds: list[str] = field(default_factory=list)
    first_seen: str = ""


_REPEAT = re.compile(r"\b(\w+), \1\b")


def variant_key(book: Book, name: str) -> str:
    """One key for spellings of one agency: case, tone marks, abbreviations, a doubled word."""
    name = _REPEAT.sub(r"\1", name)
    name = re.sub(r"\bSở Sở\b", "Sở", name)
    return _tone_key(book.expand(name))


class Registry:
    """Every agency name seen, merged into registry entries with aliases."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.entries: list[DraftAgency] = []
        self._by_key: dict[str, DraftAgency] = {}
        self._ids: set[str] = set()

    def add(self, printed: str, where: str) -> DraftAgency:
        key = variant_key(self.book, printed)
        entry = self._by_key.get(key)
        known = self.book.lookup(printed) or self.book.lookup(_REPEAT.sub(r"\1", printed))
        if entry is None and known is not None:
            entry = self._by_key.get(variant_key(self.book, known.name))
        if entry is None:
            entry = self._new(printed, known, where)
            self._by_key[key] = entry
            if known is not None:
                self._by_key[variant_key(self.book, known.name)] = entry
        elif printed != entry.name and printed not in entry.aliases:
            entry.aliases.append(printed)
            if _tone_key(printed) == _tone_key(entry.name):
                entry.notes.append(
                    msg(
                        'Printed "{printed}" ({where}): the same name in another case or tone spelling.',
                        printed=printed,
                        where=where,
                    )
                )
            elif _REPEAT.search(printed) or "Sở Sở" in printed:
                entry.notes.append(_repeated_word(printed, where, entry.name))
                entry.reviews.append(msg('misprint "{printed}" merged into "{name}"', printed=printed, name=entry.name))
        self._by_key.setdefault(key, entry)
        return entry

    def _new(self, printed: str, known: Known | None, where: str) -> DraftAgency:
        kind = known.kind if known else self.book.kind_of(printed)
        expanded = self.book.expand(printed)
        name = printed
        notes: list[Msg] = []
        reviews: list[Msg] = []
        if known is not None and _tone_key(known.name) != _tone_key(printed):
            name = known.name
            notes.append(
                msg('Printed "{printed}" ({where}); full name from the agency data file.', printed=printed, where=where)
            )
        elif _REPEAT.search(printed) or "Sở Sở" in printed:
            name = re.sub(r"\bSở Sở\b", "Sở", _REPEAT.sub(r"\1", printed))
            notes.append(_repeated_word(printed, where, name))
            reviews.append(msg('misprint "{printed}" read as "{name}"', printed=printed, name=name))
        unknown = [w for w in re.findall(r"(?<![\w&-])[A-ZĐ]{2,}(?:[&-][A-ZĐ]+)*(?![\w&-])", expanded) if len(w) > 1]
        if unknown and known is None:
            reviews.append(
                msg(
                    'abbreviation {words} in "{printed}" is not in the agency data file',
                    words=", ".join(unknown),
                    printed=printed,
                )
            )
        if known is None and kind == "other":
            reviews.append(msg('kind of "{printed}" unknown: set `kind`', printed=printed))
        base = known.id if known and known.id else _slug(name)
        ident = base
        n = 2
        while ident in self._ids:
            ident = f"{base}-{n}"
            n += 1
        self._ids.add(ident)
        aliases = [printed] if name != printed else []
        if known is not None:
            aliases += [a for a in known.aliases if a not in aliases and a != name]
        entry = DraftAgency(ident, name, kind, aliases, notes, reviews, first_seen=where)
        if known is not None:
            entry.member_kinds = list(known.member_kinds)
        self.entries.append(entry)
        return entry


def _repeated_word(printed: str, where: str, name: str) -> Msg:
    return msg(
        'Printed "{printed}" ({where}): a repeated word, read as "{name}".', printed=printed, where=where, name=name
    )


def _slug(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    slug = "-".join(words)
    if len(slug) > 40:
        slug = "-".join(w[:1] if i else w for i, w in enumerate(words))[:40].strip("-")
    return slug or "agency"
