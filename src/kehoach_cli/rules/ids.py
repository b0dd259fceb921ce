"""Task, goal and section ids are unique and follow the document's own numbering.

An id is one or more segments joined by "."; a segment is letters and/or digits
(Unicode letters, so "đ" is a letter; lowercase or uppercase as printed), optionally
with "-" inside: ``1.a``, ``2.đ.1``, ``III.2``, ``PL.I.5``, ``B.III.9.5``, ``A.1``,
``PL2.12``, ``IV.2.p``, ``row-17``. Continuation rows of a table add ``.1``, ``.2`` to the
row's number as printed. "dd" in an id is a warning: Vietnamese numbering prints the
letter đ. Task and goal ids share one namespace (progress records name either). Agency
and event ids, agency names and aliases are unique too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kehoach_cli.messages import N_, Msg, msg
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import exact_key, foreign_letters, quoted

ID = "ids"
SUMMARY = N_("task, goal and section ids are unique and follow the document's numbering")
CODES = (
    "agency-alias-clash",
    "id-duplicate",
    "id-format",
    "id-letter",
)

TASK_ID = re.compile(r"^[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*$")
EXAMPLES = msg("ids look like 1.a, 2.đ.1, III.2, PL.I.5 or row-17")


def suggest(ident: str) -> str | None:
    """An id of the grammar that `ident` was probably meant to be, or None.

    Never an id the grammar refuses: the result is checked before it is offered.
    """
    text = re.sub(r"[\s/_,;:()\[\]]+", ".", ident.strip())
    segments = [seg.strip("-") for seg in text.split(".")]
    candidate = ".".join(seg for seg in segments if seg)
    if candidate and candidate != ident and TASK_ID.fullmatch(candidate):
        return candidate
    return None


def id_problem(ident: str, what: Msg, path: YamlPath) -> Iterator[Problem]:
    """The grammar's verdict on one id: an error with a fix, or a warning for "dd"."""
    if not TASK_ID.fullmatch(ident):
        fixed = suggest(ident)
        hint = msg("write it {id}", id=quoted(fixed)) if fixed is not None else EXAMPLES
        foreign = foreign_letters(ident)
        if foreign:
            hint = msg("it contains {letters}; type the id again with Vietnamese letters", letters=foreign)
        yield Problem(
            "id-format", msg("{what} id {id} does not follow the numbering", what=what, id=quoted(ident)), path, hint
        )
    elif foreign_letters(ident):
        yield Problem(
            "id-letter",
            msg(
                "{what} id {id} contains {letters}, not a Vietnamese letter",
                what=what,
                id=quoted(ident),
                letters=foreign_letters(ident),
            ),
            path,
            msg("type the id again: a look-alike letter makes an id nobody can type or find"),
            severity="warning",
        )
    elif "dd" in ident.casefold():
        fixed = ident.replace("dd", "đ").replace("DD", "Đ").replace("Dd", "Đ")
        hint = msg("write the letter as printed: {id}", id=quoted(fixed)) if TASK_ID.fullmatch(fixed) else EXAMPLES
        yield Problem(
            "id-letter",
            msg("{what} id {id} has 'dd': numbering prints the letter đ", what=what, id=quoted(ident)),
            path,
            hint,
            severity="warning",
        )


# What an id belongs to, as messages made once (not once per task).
_TASK, _GOAL, _SECTION = msg("task"), msg("goal"), msg("section")


def check(subject: Subject) -> Iterator[Problem]:
    plan = subject.plan
    seen: dict[str, int] = {}
    for i, task in enumerate(plan.tasks):
        if task.id in seen:
            first = seen[task.id]
            yield Problem(
                "id-duplicate",
                msg("task id {id} is already the id of tasks[{first}]", id=quoted(task.id), first=first),
                ("tasks", i, "id"),
                msg("give each task its own id; a forgotten '- ' can merge or repeat tasks"),
                see=(("tasks", first, "id"),),
            )
        else:
            seen[task.id] = i
        yield from id_problem(task.id, _TASK, ("tasks", i, "id"))
        metrics: set[str] = set()
        for j, target in enumerate(task.targets):
            if target.metric in metrics:
                yield Problem(
                    "id-duplicate",
                    msg("metric {metric} appears twice in task {task}", metric=quoted(target.metric), task=task.id),
                    ("tasks", i, "targets", j, "metric"),
                    msg("give each target its own metric name"),
                )
            metrics.add(target.metric)
    goals: set[str] = set()
    for i, goal in enumerate(plan.goals):
        if goal.id in seen or goal.id in goals:
            clash = msg("a task") if goal.id in seen else msg("another goal")
            yield Problem(
                "id-duplicate",
                msg("goal id {id} is also the id of {clash}", id=quoted(goal.id), clash=clash),
                ("goals", i, "id"),
                msg("progress records name tasks and goals by id: each needs its own"),
            )
        goals.add(goal.id)
        yield from id_problem(goal.id, _GOAL, ("goals", i, "id"))
    for i, section in enumerate(plan.sections):
        yield from id_problem(section.id, _SECTION, ("sections", i, "id"))
    yield from _unique_ids("sections", [s.id for s in plan.sections])
    yield from _unique_ids("agencies", [a.id for a in plan.agencies])
    yield from _unique_ids("events", [e.id for e in plan.events])
    owner: dict[str, str] = {}
    for i, agency in enumerate(plan.agencies):
        for j, name in enumerate((agency.name, *agency.aliases)):
            key = exact_key(name)
            other = owner.get(key)
            if other is not None and other != agency.id:
                path = ("agencies", i, "name") if j == 0 else ("agencies", i, "aliases", j - 1)
                yield Problem(
                    "agency-alias-clash",
                    msg("{name} names two agencies ({one} and {other})", name=quoted(name), one=other, other=agency.id),
                    path,
                    msg("an alias must point to one agency only"),
                )
            owner.setdefault(key, agency.id)


def _unique_ids(section: str, ids: list[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            yield Problem(
                "id-duplicate",
                msg("{section} id {id} is used twice", section=section, id=quoted(ident)),
                (section, i, "id"),
                msg("ids must be unique"),
            )
        seen.add(ident)
