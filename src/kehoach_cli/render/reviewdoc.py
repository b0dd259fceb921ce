"""The periodic report (review.ReviewReport) as a document in one language: a letterhead,
numbered sections of paragraphs, figures and tables, a closing, and three appendices.

Word, HTML and Markdown all draw this document, so they say the same thing in the same
words and differ only in layout (render/docx.py, html.py, reviewmd.py); the spreadsheet
(xlsx.py) takes the appendix tables' column heads from here and the values from the
report. Text is plain: renderers escape it. The parts an official must write (what was
done to implement the plan, causes, proposals) are placeholders, never invented prose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .. import labels as L
from ..evaluate import STATUS_ORDER, ObligationEval, Status
from ..model import Agency, MilestonesSchedule
from ..reports import TaskRow
from ..review import ByAgency, DueLine, Pace, Period, Rate, ReviewReport, Tally
from ..vocab import Lang

ParaKind = Literal["body", "placeholder", "formula", "note", "item"]
ColKind = Literal["num", "text", "date", "pct"]
Chart = Literal["agencies", "targets", "timeline"]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: "I." upper case bold; 2: "1." bold; 3: "a)" upright


@dataclass(frozen=True)
class Para:
    text: str
    kind: ParaKind = "body"


@dataclass(frozen=True)
class Figure:
    chart: Chart
    caption: str


@dataclass(frozen=True)
class Column:
    label: str
    kind: ColKind = "text"
    weight: float = 1.0  # share of the table's width


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""
    notes: tuple[str, ...] = ()


Block = Heading | Para | Figure | Table


@dataclass(frozen=True)
class Letterhead:
    governing_body: str | None  # upper case already
    issuer: str  # upper case already
    number: str  # "Số:      /BC-SCT"
    nation: str
    motto: str
    place_date: str
    kind: str  # "BÁO CÁO"
    subject: str
    recipient: str


@dataclass(frozen=True)
class Appendix:
    label: str  # "Phụ lục I"
    title: str
    attached: str  # "(Kèm theo Báo cáo số …)"
    table: Table


@dataclass(frozen=True)
class Document:
    lang: Lang
    head: Letterhead
    body: tuple[Block, ...]
    closing: str
    signature: tuple[str, ...]
    copies_label: str
    copies: tuple[str, ...]
    appendices: tuple[Appendix, ...]
    chart_titles: dict[Chart, str]


OPS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
SHORT_TITLE = 160  # characters of a title in the body's lists; Phụ lục II has it whole

BLANK_NUMBER = "\u00a0" * 6  # the clerk writes the number in; non-breaking, so no format collapses it

_W: dict[str, tuple[str, str]] = {
    "nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "number": ("Số:", "No.:"),
    "kind": ("BÁO CÁO", "REPORT"),
    "to": ("Kính gửi: {recipient}.", "To: {recipient}."),
    "plan": ("Kế hoạch", "Plan"),
    "plan_no": ("Kế hoạch số {number}", "Plan No. {number}"),
    "cite": ("{plan} ngày {date} của {issuer}", "{plan} of {date} of {issuer}"),
    "subject.year": ("Kết quả thực hiện {cite} năm {year}", "Results of implementing {cite} in {year}"),
    "subject.range": (
        "Kết quả thực hiện {cite} từ ngày {start} đến ngày {end}",
        "Results of implementing {cite} from {start} to {end}",
    ),
    "subject.review": ("{kind} {n} năm thực hiện {cite} ({years})", "{n}-year {kind} of {cite} ({years})"),
    "review.generic": ("Đánh giá", "review"),
    "period.year": ("năm {year}", "{year}"),
    "period.range": ("từ ngày {start} đến ngày {end}", "from {start} to {end}"),
    "period.review": ("giai đoạn {years}", "the period {years}"),
    "opening": (
        "Thực hiện {cite} “{title}”, {issuer} báo cáo kết quả thực hiện {period} (số liệu tính đến ngày {as_of}) như sau:",
        "Under {cite} “{title}”, {issuer} reports the results for {period} (figures as of {as_of}) as follows:",
    ),
    "scope": (
        "Báo cáo này gồm các nhiệm vụ {issuer} {role} (kể cả nhiệm vụ kế thừa từ cơ quan khác).",
        "This report covers the tasks {issuer} holds as {role} (including those inherited from other agencies).",
    ),
    "h.I": ("I. CÔNG TÁC TRIỂN KHAI", "I. IMPLEMENTATION"),
    "horizon": (", thời gian thực hiện đến năm {horizon}", " and runs to {horizon}"),
    "facts": (
        "Kế hoạch ban hành ngày {date}{horizon}, gồm {tasks} nhiệm vụ"
        " ({leads} cơ quan chủ trì) và {targets} chỉ tiêu. Kỳ báo cáo {period}; tình trạng nhiệm vụ"
        " được đánh giá tại ngày {as_of} theo {records}.",
        "The plan was issued on {date}{horizon}: {tasks} tasks ({leads} lead agencies)"
        " and {targets} targets. The reporting period is {period}; tasks are judged as of {as_of}"
        " from {records}.",
    ),
    "records": ("{n} bản ghi tiến độ của các cơ quan", "{n} progress records of the agencies"),
    "records.none": (
        "các báo cáo tiến độ của các cơ quan (chưa có bản ghi tiến độ nào)",
        "the agencies' progress records (none yet)",
    ),
    "ph.I": (
        "[Cơ quan soạn thảo bổ sung: công tác chỉ đạo, điều hành, tuyên truyền, văn bản triển khai trong kỳ.]",
        "[To be written by the drafting agency: direction, communication and implementing documents in the period.]",
    ),
    "h.II": ("II. KẾT QUẢ THỰC HIỆN", "II. RESULTS"),
    "h.II.1": ("1. Kết quả thực hiện các chỉ tiêu", "1. Targets"),
    "no_targets": ("Kế hoạch không đặt chỉ tiêu định lượng.", "The plan sets no quantified targets."),
    "target": (
        "{label}: mục tiêu {required}{by}; thực hiện {actual}; {share}; {pace}.",
        "{label}: target {required}{by}; actual {actual}; {share}; {pace}.",
    ),
    "by": (" đến {date}", " by {date}"),
    "share": ("đạt {pct} mục tiêu", "{pct} of the target"),
    "share.none": ("chưa tính được tỷ lệ đạt", "attainment not computable"),
    "actual_at": ("{value} (ngày {date})", "{value} (on {date})"),
    "evidence": ("minh chứng: {text}", "evidence: {text}"),
    "pace.no_data": ("chưa có số liệu", "no data"),
    "pace.met": ("đã đạt", "met"),
    "pace.missed": ("không đạt", "missed"),
    "pace.on_pace": ("đúng tiến độ", "on pace"),
    "pace.behind": ("chậm tiến độ", "behind pace"),
    "pace.unknown": ("chưa đánh giá được tiến độ (không có thời hạn)", "pace not judged (no date)"),
    "expected": ("cần đạt đến nay {value}", "{value} expected by now"),
    "see.I": ("(Chi tiết tại Phụ lục I.)", "(Details in Appendix I.)"),
    "h.II.2": ("2. Kết quả thực hiện các nhiệm vụ", "2. Tasks"),
    "h.cum": (
        "a) Lũy kế từ khi ban hành Kế hoạch đến ngày {as_of}",
        "a) Since the plan was issued, as of {as_of}",
    ),
    "cum": ("Tổng số {total} nhiệm vụ, trong đó:", "{total} tasks in all:"),
    "in_progress": (
        "Trong số nhiệm vụ chưa hoàn thành, {n} nhiệm vụ có báo cáo đã bắt đầu thực hiện.",
        "Of the unfinished tasks, {n} have a report that work has started.",
    ),
    "h.per": ("b) Trong kỳ báo cáo ({period})", "b) In the reporting period ({period})"),
    "per": (
        "{total} lượt nhiệm vụ có thời hạn trong kỳ (mỗi kỳ của nhiệm vụ định kỳ và mỗi mốc tính riêng), trong đó:",
        "{total} deadlines fall in the period (each period of a recurring task and each milestone counted), of which:",
    ),
    "per.none": ("Không có nhiệm vụ nào có thời hạn trong kỳ.", "No deadline falls in the period."),
    "count": ("{name} {n}", "{name} {n}"),
    "due": (
        "Số nhiệm vụ đến hạn (hoàn thành + chưa hoàn thành quá hạn): {n}.",
        "Fallen due (done + overdue): {n}.",
    ),
    "rate.completion": (
        "Tỷ lệ hoàn thành = (hoàn thành đúng hạn + hoàn thành quá hạn) ÷ (hoàn thành + chưa hoàn thành quá hạn)"
        " = ({a} + {b}) ÷ ({a} + {b} + {d}) = {num} ÷ {den} = {pct}.",
        "Completion rate = (done on time + done late) ÷ (done + overdue) = ({a} + {b}) ÷ ({a} + {b} + {d})"
        " = {num} ÷ {den} = {pct}.",
    ),
    "rate.on_time": (
        "Tỷ lệ hoàn thành đúng hạn = hoàn thành đúng hạn ÷ (hoàn thành + chưa hoàn thành quá hạn)"
        " = {a} ÷ {den} = {pct}.",
        "On-time rate = done on time ÷ (done + overdue) = {a} ÷ {den} = {pct}.",
    ),
    "rate.none": ("chưa có nhiệm vụ đến hạn, không tính tỷ lệ", "nothing has fallen due, no rate"),
    "rounding": (
        "Cách tính tỷ lệ theo Văn phòng Chính phủ (Báo cáo 1270/BC-TCTTTg năm 2017): nhiệm vụ còn trong hạn"
        " không tính vào mẫu số; tỷ lệ được cắt (không làm tròn) đến hai chữ số thập phân.",
        "Rates as the Government Office publishes them (Report 1270/BC-TCTTTg, 2017): tasks still within"
        " their deadline are left out of the base; rates are truncated (not rounded) to two decimals.",
    ),
    "see.II": ("(Chi tiết tại Phụ lục II và Phụ lục III.)", "(Details in Appendices II and III.)"),
    "h.III": ("III. TỒN TẠI, HẠN CHẾ", "III. SHORTCOMINGS"),
    "h.III.1": ("1. Nhiệm vụ chưa hoàn thành quá hạn", "1. Overdue tasks"),
    "overdue.none": ("Không có nhiệm vụ chưa hoàn thành quá hạn.", "No task is overdue."),
    "group": ("{agency} ({n} nhiệm vụ):", "{agency} ({n} tasks):"),
    "nobody": ("Chưa có cơ quan chủ trì", "No lead agency"),
    "overdue.line": (
        "{id} {title}: hạn {due}, quá hạn {days}{years}.",
        "{id} {title}: due {due}, {days} overdue{years}.",
    ),
    "years": ("; các kỳ chưa hoàn thành: {years}", "; periods missing: {years}"),
    "h.III.2": ("2. Nhiệm vụ chưa có cơ quan chủ trì hoặc chưa có thời hạn", "2. Tasks without a lead or a deadline"),
    "unowned.none": (
        "Mọi nhiệm vụ đều có cơ quan chủ trì và thời hạn.",
        "Every task has a lead agency and a deadline.",
    ),
    "unowned.line": ("{id} {title}: {flags}.", "{id} {title}: {flags}."),
    "h.III.3": ("3. Điều chỉnh Kế hoạch trong kỳ", "3. Amendments in the period"),
    "amend.none": ("Trong kỳ không có văn bản điều chỉnh Kế hoạch.", "No amendment was decided in the period."),
    "amend.line": (
        "Văn bản số {number} ngày {date} của {issuer}: {summary} (nhiệm vụ {tasks}).",
        "Document No. {number} of {date} of {issuer}: {summary} (tasks {tasks}).",
    ),
    "ph.III": (
        "[Cơ quan soạn thảo bổ sung: nguyên nhân của tồn tại, hạn chế.]",
        "[To be written by the drafting agency: the causes.]",
    ),
    "h.IV": ("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", "IV. THE COMING PERIOD"),
    "next": ("Nhiệm vụ đến hạn {period}:", "Falling due in {period}:"),
    "next.none": ("Không có nhiệm vụ nào đến hạn {period}.", "Nothing falls due in {period}."),
    "next.line": ("{id} {title}: hạn {due}{what}.", "{id} {title}: due {due}{what}."),
    "ph.IV": (
        "[Cơ quan soạn thảo bổ sung: giải pháp hoàn thành các nhiệm vụ quá hạn và nhiệm vụ thời gian tới.]",
        "[To be written by the drafting agency: how the overdue and coming tasks will be done.]",
    ),
    "h.V": ("V. KIẾN NGHỊ, ĐỀ XUẤT", "V. PROPOSALS"),
    "ph.V": ("[Cơ quan soạn thảo bổ sung: kiến nghị, đề xuất.]", "[To be written by the drafting agency: proposals.]"),
    "closing": (
        "Trên đây là báo cáo {subject} của {issuer}, kính báo cáo {recipient} xem xét, chỉ đạo./.",
        "This is {issuer}'s report on the {subject}, submitted to {recipient} for consideration./.",
    ),
    "signature.none": ("[QUYỀN HẠN, CHỨC VỤ NGƯỜI KÝ]", "[AUTHORITY AND TITLE OF THE SIGNER]"),
    "copies": ("Nơi nhận:", "Recipients:"),
    "as_above": ("Như trên;", "As above;"),
    "archive": ("Lưu: VT, ….", "Archive: VT, …."),
    "attached": (
        "(Kèm theo Báo cáo số{blank}/{symbol} ngày {date} của {issuer})",
        "(Attached to Report No.{blank}/{symbol} of {date} of {issuer})",
    ),
    "fig.agencies": (
        "Biểu đồ 1. Tình trạng nhiệm vụ theo cơ quan chủ trì (tính đến ngày {as_of})",
        "Chart 1. Tasks by lead agency and status (as of {as_of})",
    ),
    "fig.targets": (
        "Biểu đồ 2. Mức độ đạt chỉ tiêu; vạch đen: mức cần đạt theo tiến độ đến ngày {as_of}",
        "Chart 2. Target attainment; black mark: where the pace expects it on {as_of}",
    ),
    "fig.timeline": (
        "Biểu đồ 3. Thời hạn, mốc của các nhiệm vụ; đường đỏ: ngày {as_of}; nền xám: kỳ báo cáo",
        "Chart 3. Deadlines and milestones; red line: {as_of}; grey band: the reporting period",
    ),
    "app.I": ("Phụ lục I", "Appendix I"),
    "app.I.title": ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "TARGETS"),
    "app.II": ("Phụ lục II", "Appendix II"),
    "app.II.title": ("TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ", "TASKS"),
    "app.III": ("Phụ lục III", "Appendix III"),
    "app.III.title": ("KẾT QUẢ THỰC HIỆN THEO CƠ QUAN CHỦ TRÌ", "RESULTS BY LEAD AGENCY"),
    "c.no": ("STT", "No."),
    "c.target": ("Chỉ tiêu", "Target"),
    "c.unit": ("ĐVT", "Unit"),
    "c.goal": ("Mục tiêu", "Target value"),
    "c.by": ("Thời hạn", "Due"),
    "c.actual": ("Thực hiện", "Actual"),
    "c.share": ("% mục tiêu", "% of target"),
    "c.pace": ("Đánh giá tiến độ", "Pace"),
    "c.note": ("Ghi chú", "Notes"),
    "c.task": ("Nhiệm vụ", "Task"),
    "c.lead": ("Cơ quan chủ trì", "Lead agency"),
    "c.partners": ("Cơ quan phối hợp", "Partners"),
    "c.product": ("Sản phẩm", "Product"),
    "c.done": ("Ngày hoàn thành", "Done on"),
    "c.status": ("Tình trạng", "Status"),
    "c.evidence": ("Minh chứng", "Evidence"),
    "c.total": ("Tổng số", "Total"),
    "c.in_progress": ("Đang thực hiện", "In progress"),
    "c.completion": ("Tỷ lệ hoàn thành", "Completion rate"),
    "c.on_time": ("Tỷ lệ đúng hạn", "On-time rate"),
    "all_tasks": ("Cộng (theo nhiệm vụ)", "All tasks"),
    "multi_lead": (
        "Nhiệm vụ có nhiều cơ quan chủ trì được tính cho mỗi cơ quan; dòng “Cộng” tính mỗi nhiệm vụ một lần.",
        "A task with several lead agencies counts for each; the last row counts each task once.",
    ),
    "inherits": ("kế thừa nhiệm vụ của {names} từ {date}", "answers for {names} from {date}"),
    "inherited": ("kế thừa từ {name}", "inherited from {name}"),
    "inherits.mark": (
        "* có nhiệm vụ kế thừa từ cơ quan khác (xem Phụ lục III)",
        "* answers for a predecessor's tasks (see Appendix III)",
    ),
    "milestone": ("mốc {id}: {title}", "milestone {id}: {title}"),
    "period_of": ("kỳ {period}", "period {period}"),
    "targets.empty": ("Kế hoạch không có chỉ tiêu.", "The plan has no targets."),
    "tasks.empty": ("Không có nhiệm vụ.", "No tasks."),
}


def w(key: str, lang: Lang, **values: object) -> str:
    vi, en = _W[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text


def percent(rate: Rate, lang: Lang) -> str:
    """98,62% (vi) or 98.62% (en), truncated; a dash when nothing is due."""
    h = rate.hundredths
    if h is None:
        return "—"
    text = f"{h // 100}.{h % 100:02d}%"
    return text.replace(".", ",") if lang == "vi" else text


def long_date(d: dt.date, lang: Lang) -> str:
    """Nghị định 30/2020: a zero before days below 10 and months 1 and 2."""
    if lang == "en":
        return f"{d.day} {d.strftime('%B')} {d.year}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def years(p: Period) -> str:
    return str(p.start.year) if p.start.year == p.end.year else f"{p.start.year}–{p.end.year}"


def period_phrase(p: Period, lang: Lang) -> str:
    if p.kind == "year":
        return w("period.year", lang, year=p.start.year)
    if p.kind == "range":
        return w("period.range", lang, start=L.date(p.start, lang), end=L.date(p.end, lang))
    return w("period.review", lang, years=years(p))


def status_word(status: Status, lang: Lang) -> str:
    return L.status_name(str(status), lang)


# --- the document -----------------------------------------------------------------------------


def build(r: ReviewReport, lang: Lang) -> Document:
    head = r.letterhead
    issuer = head.issuer
    cite = _cite(r, lang)
    subject = _subject(r, lang, cite)
    recipient = head.recipient or "…"
    place = head.place or "…"
    letter = Letterhead(
        governing_body=head.governing_body.upper() if head.governing_body else None,
        issuer=issuer.upper(),
        number=f"{w('number', lang)}{BLANK_NUMBER}/{head.symbol or '…'}",
        nation=w("nation", lang),
        motto=w("motto", lang),
        place_date=f"{place}, {long_date(head.date, lang)}",
        kind=w("kind", lang),
        subject=subject,
        recipient=w("to", lang, recipient=recipient),
    )
    body: list[Block] = [
        Para(
            w(
                "opening",
                lang,
                cite=cite,
                title=r.meta.title if lang == "vi" else (r.meta.title_en or r.meta.title),
                issuer=issuer,
                period=period_phrase(r.period, lang),
                as_of=L.date(r.as_of, lang),
            )
        )
    ]
    if r.scope.agency is not None:
        body.append(Para(w("scope", lang, issuer=r.scope.agency.name, role=L.word(f"role.{r.scope.role}", lang))))
    body += _implementation(r, lang)
    body += _targets(r, lang)
    body += _tasks(r, lang)
    body += _shortcomings(r, lang)
    body += _outlook(r, lang)
    body += [Heading(w("h.V", lang), 1), Para(w("ph.V", lang), "placeholder")]
    attached = w(
        "attached", lang, blank=BLANK_NUMBER, symbol=head.symbol or "…", date=L.date(head.date, lang), issuer=issuer
    )
    first = subject[0].lower() + subject[1:]
    return Document(
        lang=lang,
        head=letter,
        body=tuple(body),
        closing=w("closing", lang, subject=first, issuer=issuer, recipient=recipient),
        signature=head.signature or (w("signature.none", lang),),
        copies_label=w("copies", lang),
        copies=(
            f"- {w('as_above', lang)}",
            *(f"- {c}" for c in head.copies),
            f"- {w('archive', lang)}",
        ),
        appendices=(
            Appendix(w("app.I", lang), w("app.I.title", lang), attached, appendix_targets(r, lang)),
            Appendix(w("app.II", lang), w("app.II.title", lang), attached, appendix_tasks(r, lang)),
            Appendix(w("app.III", lang), w("app.III.title", lang), attached, appendix_agencies(r, lang)),
        ),
        chart_titles={
            "agencies": w("fig.agencies", lang, as_of=L.date(r.as_of, lang)),
            "targets": w("fig.targets", lang, as_of=L.date(r.as_of, lang)),
            "timeline": w("fig.timeline", lang, as_of=L.date(r.as_of, lang)),
        },
    )


def _cite(r: ReviewReport, lang: Lang) -> str:
    m = r.meta
    plan = w("plan_no", lang, number=m.number) if m.number else w("plan", lang)
    return w("cite", lang, plan=plan, date=L.date(m.date, lang), issuer=m.issuer)


def _subject(r: ReviewReport, lang: Lang, cite: str) -> str:
    p = r.period
    if p.kind == "year":
        return w("subject.year", lang, cite=cite, year=p.start.year)
    if p.kind == "range":
        return w("subject.range", lang, cite=cite, start=L.date(p.start, lang), end=L.date(p.end, lang))
    kind = p.review_kind if p.review_kind and lang == "vi" else w("review.generic", lang)
    return w("subject.review", lang, kind=kind[0].upper() + kind[1:], n=p.years, cite=cite, years=years(p))


def _implementation(r: ReviewReport, lang: Lang) -> list[Block]:
    leads = {a.agency.id for row in r.tasks for a in row.ev.leads}
    records = sum(len(row.ev.history) for row in r.tasks)
    facts = w(
        "facts",
        lang,
        date=L.date(r.meta.date, lang),
        horizon=w("horizon", lang, horizon=r.horizon) if r.horizon is not None else "",
        tasks=len(r.tasks),
        leads=len(leads),
        targets=len(r.targets),
        period=period_phrase(r.period, lang),
        as_of=L.date(r.as_of, lang),
        records=w("records", lang, n=records) if records else w("records.none", lang),
    )
    return [Heading(w("h.I", lang), 1), Para(facts), Para(w("ph.I", lang), "placeholder")]


def _targets(r: ReviewReport, lang: Lang) -> list[Block]:
    out: list[Block] = [Heading(w("h.II", lang), 1), Heading(w("h.II.1", lang), 2)]
    if not r.targets:
        return [*out, Para(w("no_targets", lang))]
    for line in r.targets:
        t = line.target
        unit = t.target.unit
        label = t.target.label if lang == "vi" else (t.target.label_en or t.target.label)
        actual = (
            "—"
            if t.actual is None
            else w("actual_at", lang, value=f"{L.number(t.actual, lang)} {unit}", date=L.date(t.actual_date, lang))
        )
        share = (
            w("share", lang, pct=L.percent(t.attainment, lang)) if t.attainment is not None else w("share.none", lang)
        )
        pace = pace_word(line.pace, lang)
        if line.evidence:
            pace += "; " + w("evidence", lang, text=line.evidence)
        out.append(
            Para(
                f"- {t.id} "
                + w(
                    "target",
                    lang,
                    label=label,
                    required=f"{OPS[t.target.op]} {L.number(float(t.target.value), lang)} {unit}",
                    by=w("by", lang, date=L.date(t.by, lang)) if t.by else "",
                    actual=actual,
                    share=share,
                    pace=pace,
                ),
                "item",
            )
        )
    return [*out, Figure("targets", w("fig.targets", lang, as_of=L.date(r.as_of, lang))), Para(w("see.I", lang))]


def pace_word(pace: Pace, lang: Lang) -> str:
    return w(f"pace.{pace}", lang)


def _tally(t: Tally, lang: Lang, lead: str) -> list[Block]:
    counts = "; ".join(w("count", lang, name=status_word(s, lang), n=t[s]) for s in STATUS_ORDER)
    return [
        Para(f"{lead} {counts}."),
        Para(w("due", lang, n=t.due)),
        Para(_rate_text(t, "completion", lang), "formula"),
        Para(_rate_text(t, "on_time", lang), "formula"),
    ]


def _rate_text(t: Tally, which: Literal["completion", "on_time"], lang: Lang) -> str:
    rate = t.completion if which == "completion" else t.on_time
    pct = percent(rate, lang) if rate.denominator else w("rate.none", lang)
    return w(
        f"rate.{which}",
        lang,
        a=t[Status.done_on_time],
        b=t[Status.done_late],
        d=t[Status.overdue],
        num=rate.numerator,
        den=rate.denominator,
        pct=pct,
    )


def _tasks(r: ReviewReport, lang: Lang) -> list[Block]:
    as_of = L.date(r.as_of, lang)
    out: list[Block] = [
        Heading(w("h.II.2", lang), 2),
        Heading(w("h.cum", lang, as_of=as_of), 3),
        *_tally(r.cumulative, lang, w("cum", lang, total=r.cumulative.counts.total)),
        Para(w("in_progress", lang, n=r.cumulative.in_progress)),
        Heading(w("h.per", lang, period=period_phrase(r.period, lang)), 3),
    ]
    if r.period_lines:
        out += _tally(r.in_period, lang, w("per", lang, total=r.in_period.counts.total))
    else:
        out.append(Para(w("per.none", lang)))
    out += [
        Para(w("rounding", lang), "note"),
        Figure("agencies", w("fig.agencies", lang, as_of=as_of)),
        Figure("timeline", w("fig.timeline", lang, as_of=as_of)),
        Para(w("see.II", lang)),
    ]
    return out


def agency_name(agency: Agency | None, lang: Lang) -> str:
    return agency.name if agency is not None else w("nobody", lang)


def task_title(row: TaskRow, lang: Lang) -> str:
    if lang == "vi":
        return row.ev.task.title
    return row.ev.task.title_en or f"{L.word('in_vietnamese', lang)} {row.ev.task.title}"


def short_title(row: TaskRow, lang: Lang, limit: int = SHORT_TITLE) -> str:
    """The title without its closing full stop, cut at a word near `limit` characters."""
    text = task_title(row, lang).rstrip(" .;:")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + " …"


def _grouped(groups: Sequence[ByAgency], lang: Lang, line: str) -> list[Block]:
    out: list[Block] = []
    for g in groups:
        ids = {d.row.ev.id for d in g.lines}
        out.append(Para(w("group", lang, agency=agency_name(g.agency, lang), n=len(ids))))
        for d in g.lines:
            out.append(Para("- " + _due_line(d, lang, line), "item"))
    return out


def _due_line(d: DueLine, lang: Lang, key: str) -> str:
    ob = d.ob
    if key == "overdue.line":
        missing = [o.period for o in d.row.ev.missed if o.period is not None]
        extra = w("years", lang, years=", ".join(missing)) if len(missing) > 1 else ""
        return w(
            key,
            lang,
            id=d.row.ev.id,
            title=short_title(d.row, lang),
            due=L.date(ob.due, lang),
            days=L.days(ob.days_overdue or 0, lang),
            years=extra,
        )
    what = obligation_label(d.row, ob, lang)
    return w(
        key,
        lang,
        id=d.row.ev.id,
        title=short_title(d.row, lang),
        due=L.date(ob.due, lang),
        what=f" ({what})" if what else "",
    )


def obligation_label(row: TaskRow, ob: ObligationEval, lang: Lang) -> str:
    """ "kỳ 2026" for a recurring period, "mốc 2: …" for a milestone, "" otherwise."""
    if ob.period is not None:
        return w("period_of", lang, period=ob.period)
    if ob.milestone is None:
        return ""
    s = row.ev.task.schedule
    title = ob.milestone
    if isinstance(s, MilestonesSchedule):
        for m in s.milestones:
            if m.id == ob.milestone:
                title = m.title if lang == "vi" else (m.title_en or m.title)
    return w("milestone", lang, id=ob.milestone, title=title)


def _shortcomings(r: ReviewReport, lang: Lang) -> list[Block]:
    out: list[Block] = [Heading(w("h.III", lang), 1), Heading(w("h.III.1", lang), 2)]
    out += _grouped(r.overdue, lang, "overdue.line") if r.overdue else [Para(w("overdue.none", lang))]
    out.append(Heading(w("h.III.2", lang), 2))
    if r.unowned:
        for row in r.unowned:
            flags = "; ".join(L.word(f"flag.{f}", lang) for f in row.flags)
            out.append(
                Para("- " + w("unowned.line", lang, id=row.ev.id, title=short_title(row, lang), flags=flags), "item")
            )
    else:
        out.append(Para(w("unowned.none", lang)))
    out.append(Heading(w("h.III.3", lang), 2))
    if r.amendments:
        for a in r.amendments:
            tasks = ", ".join(dict.fromkeys(c.task for c in a.changes))
            out.append(
                Para(
                    "- "
                    + w(
                        "amend.line",
                        lang,
                        number=a.number,
                        date=L.date(a.date, lang),
                        issuer=a.issuer,
                        summary=a.summary,
                        tasks=tasks,
                    ),
                    "item",
                )
            )
    else:
        out.append(Para(w("amend.none", lang)))
    out.append(Para(w("ph.III", lang), "placeholder"))
    return out


def _outlook(r: ReviewReport, lang: Lang) -> list[Block]:
    when = period_phrase(r.following, lang)
    out: list[Block] = [Heading(w("h.IV", lang), 1)]
    if r.next_due:
        out.append(Para(w("next", lang, period=when)))
        out += _grouped(r.next_due, lang, "next.line")
    else:
        out.append(Para(w("next.none", lang, period=when)))
    out.append(Para(w("ph.IV", lang), "placeholder"))
    return out


# --- appendices ---------------------------------------------------------------------------------


def target_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        Column(w("c.no", lang), "num", 0.8),
        Column(w("c.target", lang), "text", 3.2),
        Column(w("c.unit", lang), "text", 1.1),
        Column(w("c.goal", lang), "num", 1.1),
        Column(w("c.by", lang), "date", 1.2),
        Column(w("c.actual", lang), "num", 1.3),
        Column(w("c.share", lang), "pct", 0.9),
        Column(w("c.pace", lang), "text", 1.3),
        Column(w("c.note", lang), "text", 2.0),
    )


def appendix_targets(r: ReviewReport, lang: Lang) -> Table:
    rows = []
    for i, line in enumerate(r.targets, 1):
        t = line.target
        label = t.target.label if lang == "vi" else (t.target.label_en or t.target.label)
        actual = "—" if t.actual is None else f"{L.number(t.actual, lang)} ({L.date(t.actual_date, lang)})"
        notes = [f"{t.id}"]
        if t.expected is not None and t.actual is not None:
            notes.append(w("expected", lang, value=L.number(t.expected, lang)))
        if line.evidence:
            notes.append(w("evidence", lang, text=line.evidence))
        rows.append(
            (
                str(i),
                label,
                t.target.unit,
                f"{OPS[t.target.op]} {L.number(float(t.target.value), lang)}",
                L.date(t.by, lang),
                actual,
                L.percent(t.attainment, lang),
                pace_word(line.pace, lang),
                "; ".join(notes),
            )
        )
    return Table(target_columns(lang), tuple(rows), w("targets.empty", lang))


def task_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        Column(w("c.no", lang), "num", 0.8),
        Column(w("c.task", lang), "text", 3.6),
        Column(w("c.lead", lang), "text", 1.7),
        Column(w("c.partners", lang), "text", 1.9),
        Column(w("c.by", lang), "date", 1.4),
        Column(w("c.product", lang), "text", 1.3),
        Column(w("c.done", lang), "date", 1.2),
        Column(w("c.status", lang), "text", 1.3),
        Column(w("c.evidence", lang), "text", 1.4),
    )


def lead_text(row: TaskRow, lang: Lang) -> str:
    parts = [
        a.agency.name
        if a.inherited_from is None
        else f"{a.agency.name} ({w('inherited', lang, name=a.inherited_from.name)})"
        for a in row.ev.leads
    ]
    parts += [f"{a.name} ({L.word('dissolved', lang)})" for a in row.ev.dissolved_leads]
    return "; ".join(parts) or "—"


def due_text(row: TaskRow, lang: Lang) -> str:
    """The deadline the status is judged against, with the source's wording."""
    s = row.ev.task.schedule
    date = L.date(row.ob.due, lang) if row.ob.due else ""
    label = obligation_label(row, row.ob, lang) if row.ob.due else ""
    text = " ".join(x for x in (date, f"({label})" if label else "") if x)
    if s.text:
        text = f"{text}\n“{s.text}”" if text else f"“{s.text}”"
    return text or "—"


def product_text(row: TaskRow, lang: Lang) -> str:
    s = row.ev.task.schedule
    if isinstance(s, MilestonesSchedule):
        return "; ".join(m.title if lang == "vi" else (m.title_en or m.title) for m in s.milestones)
    return "—"


def status_text(row: TaskRow, lang: Lang) -> str:
    ob = row.ob
    text = status_word(row.status, lang)
    if ob.days_overdue is not None:
        text += f" ({L.days(ob.days_overdue, lang)})"
    elif ob.days_late is not None:
        text += f" ({L.word('late_by', lang, days=L.days(ob.days_late, lang))})"
    if row.ev.in_progress:
        text += f"; {L.word('in_progress', lang)}"
    return text


def appendix_tasks(r: ReviewReport, lang: Lang) -> Table:
    rows = tuple(
        (
            str(i),
            f"{row.ev.id}. {task_title(row, lang)}",
            lead_text(row, lang),
            "; ".join(a.agency.name for a in row.ev.partners) or "—",
            due_text(row, lang),
            product_text(row, lang),
            L.date(row.ob.done, lang) if row.ob.done else "—",
            status_text(row, lang),
            row.ob.evidence or "—",
        )
        for i, row in enumerate(r.tasks, 1)
    )
    return Table(task_columns(lang), rows, w("tasks.empty", lang))


def agency_columns(lang: Lang) -> tuple[Column, ...]:
    return (
        Column(w("c.no", lang), "num", 0.8),
        Column(w("c.lead", lang), "text", 3.4),
        Column(w("c.total", lang), "num", 0.8),
        *(Column(L.status_name(str(s), lang), "num", 1.0) for s in STATUS_ORDER),
        Column(w("c.in_progress", lang), "num", 0.9),
        Column(w("c.completion", lang), "pct", 1.0),
        Column(w("c.on_time", lang), "pct", 1.0),
    )


def agency_label(line_agency: Agency | None, inherits: Sequence[tuple[str, dt.date]], lang: Lang) -> str:
    text = agency_name(line_agency, lang)
    for name, date in inherits:
        text += f" ({w('inherits', lang, names=name, date=L.date(date, lang))})"
    return text


def appendix_agencies(r: ReviewReport, lang: Lang) -> Table:
    rows: list[tuple[str, ...]] = []
    for i, line in enumerate(r.agencies, 1):
        t = line.tally
        label = agency_label(line.group.agency, [(x.predecessor.name, x.effective) for x in line.inherits], lang)
        rows.append(_tally_row(str(i), label, t, lang))
    if r.agencies:
        rows.append(_tally_row("", w("all_tasks", lang), r.cumulative, lang))
    return Table(agency_columns(lang), tuple(rows), w("tasks.empty", lang), (w("multi_lead", lang),))


def _tally_row(no: str, label: str, t: Tally, lang: Lang) -> tuple[str, ...]:
    return (
        no,
        label,
        str(t.counts.total),
        *(str(t[s]) for s in STATUS_ORDER),
        str(t.in_progress),
        percent(t.completion, lang),
        percent(t.on_time, lang),
    )
