"""The document's own numbering: paragraphs into a tree of numbered items.

A marker style ("I.", "1.", "1.1.", "a)", "-", "+", "*") that is already open on the
path from the root makes a sibling; a style not yet open makes a child, so the nesting
is the document's, whatever order its styles come in. Paragraphs without a marker
continue the item above them; labelled lines ("- Thời gian thực hiện: …") attach to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block, Para, Row

_MARKER = re.compile(
    r"^(?:(?P<roman>[IVXL]{1,5})\.|(?P<arabic>\d{1,2}(?:\.\d{1,2}){0,3})[.)]|(?P<letter>[a-zđ])\)"
    r"|(?P<bullet>-\s*\+|[-+•*])(?=\s)|(?P<dieu>Điều\s+\d+)\.)\s*(?P<rest>.*)$",
    re.S,
)
_CLOSING = re.compile(r"^(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*:?")
_PART = re.compile(r"^(?:PHỤ\s+LỤC|Phụ\s+lục|KẾ\s+HOẠCH|QUYẾT\s+ĐỊNH|CHƯƠNG\s+TRÌNH\s+HÀNH\s+ĐỘNG)\b(?P<rest>.*)$")

# "- Thời gian thực hiện: năm 2020." and its relatives; the qualifier between the label
# and the colon ("… xây dựng kế hoạch") is kept.
_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "time",
        re.compile(
            r"^(?:thời\s+gian|thời\s+hạn|tiến\s+độ)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?(?P<q>[^:]{0,40}?)\s*:", re.I
        ),
    ),
    (
        "lead",
        re.compile(
            r"^(?:cơ\s+quan|đơn\s+vị)(?:,\s*đơn\s+vị)?\s+(?:chủ\s+trì(?:\s+thực\s+hiện)?|thực\s+hiện|đầu\s+mối)(?P<q>[^:]{0,20}?)\s*:",
            re.I,
        ),
    ),
    ("partners", re.compile(r"^(?:cơ\s+quan|đơn\s+vị)\s+phối\s+hợp(?:\s+thực\s+hiện)?(?P<q>[^:]{0,20}?)\s*:", re.I)),
    ("product", re.compile(r"^(?:sản\s+phẩm(?:\s+đầu\s+ra)?|kết\s+quả\s+dự\s+kiến)(?P<q>[^:]{0,20}?)\s*:", re.I)),
    (
        "funding",
        re.compile(r"^(?:nguồn\s+kinh\s+phí|kinh\s+phí(?:\s+thực\s+hiện)?|nguồn\s+lực)(?P<q>[^:]{0,20}?)\s*:", re.I),
    ),
)


@dataclass
class Label:
    kind: str  # time, lead, partners, product, funding
    printed: str  # the label as printed, e.g. "Cơ quan chủ trì thực hiện"
    qualifier: str  # words between label and colon ("xây dựng kế hoạch")
    value: str
    para: Para
    items: list[Para] = field(default_factory=list)  # "+" sub-items under an empty label


@dataclass
class Node:
    style: str  # root, part, roman, arabic, arabic:2…, letter, bullet:-, bullet:+, bullet:*, dieu
    mark: str  # the marker as printed ("II.", "a)", "-")
    key: str  # the id segment ("II", "a", "3" for the third bullet)
    text: str  # the first paragraph without its marker
    head: Para | None
    parent: Node | None = None
    cont: list[Para] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    seq: int = 0  # document order

    @property
    def paras(self) -> list[Para]:
        return ([self.head] if self.head else []) + self.cont

    def label(self, kind: str) -> Label | None:
        return next((lab for lab in self.labels if lab.kind == kind), None)

    def path(self) -> list[Node]:
        out: list[Node] = []
        node: Node | None = self
        while node is not None and node.style != "root":
            out.append(node)
            node = node.parent
        return out[::-1]

    def walk(self) -> list[Node]:
        out = [self]
        for c in self.children:
            out += c.walk()
        return out


def label_of(text: str) -> tuple[str, str, str, str] | None:
    """(kind, label as printed, qualifier, value) of a labelled line, else None."""
    body = re.sub(r"^(?:[-+•*]\s*)+", "", text).strip()
    for kind, pattern in _LABELS:
        m = pattern.match(body)
        if m:
            printed = body[: m.end()].rstrip(" :")
            return kind, printed, m.group("q").strip(), body[m.end() :].strip()
    return None


def marker(para: Para) -> tuple[str, str, str, str] | None:
    """(style, marker as printed, id segment, text after the marker)."""
    m = _MARKER.match(para.text)
    if m:
        rest = m.group("rest")
        if m.group("roman"):
            return "roman", m.group("roman") + ".", m.group("roman"), rest
        if m.group("arabic"):
            num = m.group("arabic")
            depth = num.count(".") + 1
            style = "arabic" if depth == 1 else f"arabic:{depth}"
            return style, para.text[: len(num) + 1], num.split(".")[-1], rest
        if m.group("letter"):
            return "letter", m.group("letter") + ")", m.group("letter"), rest
        if m.group("dieu"):
            return "dieu", m.group("dieu") + ".", m.group("dieu").replace(" ", ""), rest
        bullet = re.sub(r"\s+", "", m.group("bullet"))
        return f"bullet:{bullet}", bullet, "", rest
    p = _PART.match(para.text)
    if p and (para.bold or para.text.isupper() or para.text.upper() == para.text):
        return "part", para.text, _part_key(para.text), p.group("rest").strip()
    return None


def _part_key(text: str) -> str:
    m = re.match(r"^(?:PHỤ\s+LỤC|Phụ\s+lục)\s*([IVXL]+|\d+)?", text)
    if m:
        return "PL" + (f".{m.group(1)}" if m.group(1) else "")
    return ""


def build(blocks: list[Block]) -> Node:
    root = Node("root", "", "", "", None)
    stack = [root]
    pending: Label | None = None
    seq = 0
    for block in blocks:
        seq += 1
        if isinstance(block, Row):
            stack[-1].rows.append(block)
            pending = None
            continue
        para = block
        if pending is not None and re.match(r"^[+•]\s", para.text):
            pending.items.append(para)
            continue
        pending = None
        if _CLOSING.match(para.text):
            # "Nơi nhận:" and the signature: the end of the body, nothing to number.
            del stack[1:]
            closing = Node("part", "", "", para.text, para, parent=root, seq=seq)
            root.children.append(closing)
            stack.append(closing)
            continue
        lab = label_of(para.text)
        if lab is not None and stack[-1].style not in ("root", "part"):
            kind, printed, qualifier, value = lab
            label = Label(kind, printed, qualifier, value, para)
            owner = stack[-1]
            if owner.style.startswith("bullet:") and owner.parent is not None and owner.parent.text.endswith(":"):
                # "… các chương trình cụ thể sau đây:" then bullets, then one time line for all.
                while stack[-1] is not owner.parent:
                    stack.pop()
                owner = owner.parent
            owner.labels.append(label)
            if not value:
                pending = label
            continue
        mk = marker(para)
        if mk is None:
            if para.text.endswith("./."):
                # The closing formula ("Yêu cầu các cơ quan … thực hiện./."): not part of an item.
                del stack[1:]
                closing = Node("part", "", "", para.text, para, parent=root, seq=seq)
                root.children.append(closing)
                stack.append(closing)
                continue
            stack[-1].cont.append(para)
            continue
        style, mark, key, rest = mk
        if style == "part":
            del stack[1:]
        elif style == "roman" and not any(n.style == "roman" for n in stack):
            # A roman heading is a top-level section, whatever stray item came before it.
            while len(stack) > 1 and stack[-1].style not in ("part", "dieu"):
                stack.pop()
        else:
            same = [i for i, n in enumerate(stack) if n.style == style]
            if same:
                del stack[same[-1] :]
        parent = stack[-1]
        if style.startswith("bullet:"):
            key = str(1 + sum(1 for c in parent.children if c.style == style))
        node = Node(style, mark, key, rest, para, parent=parent, seq=seq)
        parent.children.append(node)
        stack.append(node)
    return root
