"""The SMART check: five verdicts on a goal, each with the reason a person can act on.

The rules, in order:

- Specific: the title has at least four words and names something concrete, i.e. a word
  that is not a vague verb or filler ("improve", "get better", "more" …).
- Measurable: a metric with a target, or a "done when" criterion.
- Achievable: some resource is listed (time, money, support, mentors) and the work is
  planned (an action step or a child goal); an active top-level goal must also fit the
  work-in-progress limit on active top-level goals (settings, default 3).
- Relevant: the goal, or a goal above it, links a value or an organisation objective.
- Time-bound: a deadline, in the future unless the goal is done, and not after the
  deadline of its parent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tui.domain.document import Document
from tui.domain.models import Goal, GoalStatus

# Words that say nothing about *what*: a title made only of these (and short words) is vague.
VAGUE_WORDS = frozenset("""
    improve improving get getting better best be become becoming more less good great
    work working on try trying do doing make making grow growing develop developing
    increase enhance boost advance progress general generally stuff things thing some
    really very much many lot lots overall career skills skill myself my self new
    and the for with from into than that this then also just
    """.split())
MIN_WORDS = 4
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Verdict:
    """One letter of SMART: met or not, and why."""

    letter: str
    ok: bool
    reason: str


def specific(goal: Goal) -> Verdict:
    """Enough words, and at least one of them concrete."""
    words = _WORD.findall(goal.title.casefold())
    if len(words) < MIN_WORDS:
        return Verdict("S", False, f"say exactly what, in at least {MIN_WORDS} words"
                                   f" (the title has {len(words)})")
    concrete = [w for w in words if w not in VAGUE_WORDS and len(w) > 2]
    if not concrete:
        return Verdict("S", False, "name a concrete result, not only words like "
                                   "“improve” or “get better”")
    return Verdict("S", True, f"names a concrete result ({', '.join(concrete[:3])})")


def measurable(goal: Goal) -> Verdict:
    """A metric with a target, or a 'done when' criterion."""
    if goal.metric is not None:
        unit = f" {goal.metric.unit}" if goal.metric.unit else ""
        return Verdict("M", True, f"metric: {goal.metric.baseline:g} → {goal.metric.target:g}{unit}")
    if goal.done_when.strip():
        return Verdict("M", True, "has a “done when” criterion")
    return Verdict("M", False, "add a metric with a target, or say when it is done")


def planned_goals(doc: Document) -> frozenset[int]:
    """Goals with an action step or a child goal under them (computed once per document)."""
    return frozenset({s.goal_id for s in doc.steps.values() if s.goal_id is not None}
                     | {g.parent_id for g in doc.goals.values() if g.parent_id is not None})


def achievable(goal: Goal, doc: Document, planned: frozenset[int] | None = None) -> Verdict:
    """Resources listed, work planned, and within the limit of active top-level goals."""
    resources = goal.resources
    if not any(v.strip() for v in (resources.time, resources.money, resources.support,
                                   resources.mentors)):
        return Verdict("A", False, "list the resources it takes: time, money, support, mentors")
    if goal.id not in (planned if planned is not None else planned_goals(doc)):
        return Verdict("A", False, "plan it: add an action step or a smaller goal under it")
    if goal.parent_id is None and goal.status is GoalStatus.ACTIVE:
        active = sorted(g.id for g in doc.goals.values()
                        if g.parent_id is None and g.status is GoalStatus.ACTIVE)
        limit = doc.settings.goal_wip_limit
        if len(active) > limit and goal.id in active[limit:]:
            return Verdict("A", False, f"{len(active)} active top-level goals, over the limit"
                                       f" of {limit}: pause one, or this one")
    return Verdict("A", True, "resources listed and the work planned")


def relevant(goal: Goal, doc: Document) -> Verdict:
    """Linked to a value or objective, itself or through a goal above it."""
    node: Goal | None = goal
    seen: set[int] = set()
    while node is not None and node.id not in seen:
        seen.add(node.id)
        names = [doc.inventory[i].name for i in node.value_ids if i in doc.inventory]
        names += [doc.objectives[i].title for i in node.objective_ids if i in doc.objectives]
        if names:
            through = "" if node is goal else " (through the goal above it)"
            return Verdict("R", True, f"serves {', '.join(names[:2])}{through}")
        node = doc.goals.get(node.parent_id) if node.parent_id is not None else None
    return Verdict("R", False, "link it to a value or an organisation objective")


def time_bound(goal: Goal, doc: Document, today: date) -> Verdict:
    """A deadline, not passed unless done, and not after the parent's."""
    if goal.deadline is None:
        return Verdict("T", False, "set a deadline")
    parent = doc.goals.get(goal.parent_id) if goal.parent_id is not None else None
    if parent is not None and parent.deadline is not None and goal.deadline > parent.deadline:
        return Verdict("T", False, f"the deadline {goal.deadline} is after the parent goal's"
                                   f" ({parent.deadline})")
    if goal.deadline < today and goal.status is not GoalStatus.DONE:
        return Verdict("T", False, f"the deadline {goal.deadline} has passed: move it or"
                                   " close the goal")
    return Verdict("T", True, f"due {goal.deadline}")


def smart_check(goal: Goal, doc: Document, today: date,
                planned: frozenset[int] | None = None) -> tuple[Verdict, ...]:
    """The five verdicts, S M A R T in order (`planned`: `planned_goals(doc)`, when checking
    many goals of one document)."""
    return (specific(goal), measurable(goal), achievable(goal, doc, planned),
            relevant(goal, doc), time_bound(goal, doc, today))
