"""Successions are acyclic and no agency is succeeded twice on the same date.

"A became B" and "B became A" would make every question about who answers loop; the
chain from any agency must end.
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli.messages import N_, msg
from kehoach_cli.problems import Problem
from kehoach_cli.rules.subject import Subject

ID = "succession"
SUMMARY = N_("agency successions form no cycle")
CODES = ("succession-cycle",)


def check(subject: Subject) -> Iterator[Problem]:
    plan, registry = subject.plan, subject.registry
    edges: dict[str, list[tuple[str, int]]] = {}
    for i, s in enumerate(plan.successions):
        src = registry.resolve(s.from_)
        if src is None:
            continue
        for t in s.to:
            dst = registry.resolve(t)
            if dst is None:
                continue
            if dst.id == src.id:
                yield Problem(
                    "succession-cycle",
                    msg("{agency} succeeds itself", agency=src.name),
                    ("successions", i),
                    msg("remove this succession"),
                )
                continue
            edges.setdefault(src.id, []).append((dst.id, i))
    reported: set[int] = set()
    for start in sorted(edges):
        stack: list[tuple[str, tuple[str, ...]]] = [(start, (start,))]
        while stack:
            node, trail = stack.pop()
            for nxt, idx in edges.get(node, []):
                if nxt == start and idx not in reported:
                    reported.add(idx)
                    names = " → ".join(registry.by_id[a].name for a in (*trail, start))
                    yield Problem(
                        "succession-cycle",
                        msg("successions form a cycle: {names}", names=names),
                        ("successions", idx),
                        msg("an agency cannot be its own successor, directly or through others"),
                    )
                elif nxt not in trail:
                    stack.append((nxt, (*trail, nxt)))
