"""A calendar (calendar.Calendar) as RFC 5545 text with the icalendar library.

Each item is an all-day VEVENT on its due date (DTEND the next day: the end is exclusive),
transparent (a deadline does not make anyone busy), with a display alarm seven days
before; `todo` writes VTODO items with DUE instead, for task clients (Google Calendar and
Outlook ignore VTODO), their alarm related to the due date. METHOD:PUBLISH: a feed to
subscribe to, not an invitation. Properties are written sorted, so output is stable.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Calendar, Event, Todo

from .. import __version__
from .. import labels as L
from ..calendar import ALARM_DAYS, Item
from ..calendar import Calendar as Deadlines
from ..render.registry import RenderOptions
from ..vocab import Lang
from . import reviewdoc as D

SUMMARY_TITLE = 90  # characters of the title in a summary: what a calendar cell can show; the description has it whole

_C: dict[str, tuple[str, str]] = {
    "name": ("Thời hạn: {plan}", "Deadlines: {plan}"),
    "lead": ("Chủ trì", "Lead"),
    "partners": ("Phối hợp", "Partners"),
    "status": ("Tình trạng ngày {date}", "Status on {date}"),
    "ref": ("Vị trí trong văn bản", "Source"),
    "plan": ("Kế hoạch", "Plan"),
    "alarm": ("Còn {n} ngày: {summary}", "{n} days left: {summary}"),
}


def c(key: str, lang: Lang, **values: object) -> str:
    vi, en = _C[key]
    return (vi if lang == "vi" else en).format(**values)


def render_events(cal: Deadlines, opts: RenderOptions) -> bytes:
    return render(cal, opts.lang)


def render_todos(cal: Deadlines, opts: RenderOptions) -> bytes:
    return render(cal, opts.lang, todo=True)


def render(cal: Deadlines, lang: Lang, *, todo: bool = False) -> bytes:
    out = Calendar()
    out.add("prodid", f"-//kehoach//kehoach {__version__}//{lang.upper()}")
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    out.add("method", "PUBLISH")
    plan = _plan_name(cal, lang)
    name = c("name", lang, plan=plan)
    if cal.scope.agency is not None:
        name += f" · {cal.scope.agency.name}"
    out.add("x-wr-calname", name)
    for item in cal.items:
        as_of = cal.meta.as_of
        out.add_component(_todo(item, lang, plan, as_of) if todo else _event(item, lang, plan, as_of))
    data: bytes = out.to_ical()
    return data


def _plan_name(cal: Deadlines, lang: Lang) -> str:
    m = cal.meta
    plan = D.w("plan_no", lang, number=m.number) if m.number else D.w("plan", lang)
    return D.w("cite", lang, plan=plan, date=L.date(m.date, lang), issuer=m.issuer)


def summary(item: Item, lang: Lang) -> str:
    what = D.obligation_label(item.row, item.ob, lang)
    return f"[{item.row.ev.id}] {D.short_title(item.row, lang, SUMMARY_TITLE)}" + (f" ({what})" if what else "")


def description(item: Item, lang: Lang, plan: str, as_of: dt.date) -> str:
    row, ob = item.row, item.ob
    status = D.status_word(ob.status, lang)
    if ob.days_overdue is not None:
        status += f" ({L.days(ob.days_overdue, lang)})"
    return "\n".join(
        (
            D.task_title(row, lang),
            f"{c('lead', lang)}: {D.lead_text(row, lang)}",
            f"{c('partners', lang)}: {'; '.join(a.agency.name for a in row.ev.partners) or '—'}",
            f"{c('status', lang, date=L.date(as_of, lang))}: {status}",
            f"{c('ref', lang)}: {row.ev.task.ref}",
            f"{c('plan', lang)}: {plan}",
        )
    )


def _common(component: Event | Todo, item: Item, lang: Lang, plan: str, as_of: dt.date) -> None:
    component.add("uid", item.uid)
    component.add("dtstamp", item.stamp)
    component.add("sequence", item.sequence)
    component.add("summary", summary(item, lang))
    component.add("description", description(item, lang, plan, as_of))


def _alarm(item: Item, lang: Lang, *, related_end: bool) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", c("alarm", lang, n=ALARM_DAYS, summary=summary(item, lang)))
    params = {"RELATED": "END"} if related_end else {}
    alarm.add("trigger", dt.timedelta(days=-ALARM_DAYS), parameters=params)
    return alarm


def _event(item: Item, lang: Lang, plan: str, as_of: dt.date) -> Event:
    event = Event()
    _common(event, item, lang, plan, as_of)
    event.add("dtstart", item.day)
    event.add("dtend", item.day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm(item, lang, related_end=False))
    return event


def _todo(item: Item, lang: Lang, plan: str, as_of: dt.date) -> Todo:
    todo = Todo()
    _common(todo, item, lang, plan, as_of)
    todo.add("due", item.day)
    if item.ob.done is not None:
        todo.add("status", "COMPLETED")
        todo.add("completed", dt.datetime.combine(item.ob.done, dt.time(), dt.UTC))
    else:
        todo.add("status", "NEEDS-ACTION")
    # An alarm on a VTODO counts from DTSTART unless related to the end (its DUE).
    todo.add_component(_alarm(item, lang, related_end=True))
    return todo
