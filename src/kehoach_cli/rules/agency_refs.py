"""Every agency reference resolves to the registry.

Leads, partners, successions, per-task successions, goal owners and group members name
agencies as printed; each must be the name or an alias of exactly one registry entry
(case and spacing are forgiven, diacritics are not). A near miss gets a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator

from kehoach_cli.agencies import Registry
from kehoach_cli.messages import N_, msg
from kehoach_cli.problems import Problem, YamlPath
from kehoach_cli.rules.subject import Subject
from kehoach_cli.textnorm import did_you_mean, unknown_name

ID = "agency-refs"
SUMMARY = N_("every agency reference names an agency of the registry")
CODES = ("agency-unknown",)


def check(subject: Subject) -> Iterator[Problem]:
    plan, registry = subject.plan, subject.registry
    for i, task in enumerate(plan.tasks):
        for role in ("lead", "partners"):
            for j, name in enumerate(getattr(task, role)):
                yield from _ref(registry, name, ("tasks", i, role, j))
        for j, o in enumerate(task.succession):
            yield from _ref(registry, o.from_, ("tasks", i, "succession", j, "from"))
            for k, t in enumerate(o.to):
                yield from _ref(registry, t, ("tasks", i, "succession", j, "to", k))
    for i, s in enumerate(plan.successions):
        yield from _ref(registry, s.from_, ("successions", i, "from"))
        for k, t in enumerate(s.to):
            yield from _ref(registry, t, ("successions", i, "to", k))
    for i, goal in enumerate(plan.goals):
        if goal.owner is not None:
            yield from _ref(registry, goal.owner, ("goals", i, "owner"))
    for i, agency in enumerate(plan.agencies):
        for j, member in enumerate(agency.members):
            yield from _ref(registry, member, ("agencies", i, "members", j))


def _ref(registry: Registry, name: str, path: YamlPath) -> Iterator[Problem]:
    if registry.resolve(name) is not None:
        return
    if not name.strip():
        yield Problem(
            "agency-unknown",
            msg("an agency name that is only spaces"),
            path,
            msg("write the name, or remove the entry"),
        )
        return
    near = registry.suggest(name)
    hint = did_you_mean(near[:1], msg("add the agency to `agencies:` (with this spelling in its aliases)"))
    yield Problem("agency-unknown", unknown_name(msg("agency"), name), path, hint)
