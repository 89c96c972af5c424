"""Goal progress, computed from the document, never stored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from types import MappingProxyType

from tui.domain.document import Document
from tui.domain.models import Goal, GoalStatus, Step


def children_of(goals: Mapping[int, Goal]) -> dict[int | None, list[Goal]]:
    """Goals grouped by parent id (None for the top level), each group in order."""
    groups: dict[int | None, list[Goal]] = defaultdict(list)
    for goal in goals.values():
        groups[goal.parent_id].append(goal)
    for group in groups.values():
        group.sort(key=lambda g: (g.position, g.id))
    return groups


def steps_by_goal(steps: Mapping[int, Step]) -> dict[int | None, list[Step]]:
    """Steps grouped by goal id (None for steps under no goal)."""
    groups: dict[int | None, list[Step]] = defaultdict(list)
    for step in steps.values():
        groups[step.goal_id].append(step)
    return groups


# Progress depends only on the goals and steps tables, which a new document shares with
# the one before it until they change: the last few results are kept, by table identity.
_RECENT: list[tuple[Mapping[int, Goal], Mapping[int, Step], Mapping[int, float]]] = []


def goal_progress(doc: Document) -> Mapping[int, float]:
    """Progress 0..1 of every goal (read-only: the result is shared between callers).

    A done goal is complete. A goal with a metric is as far as its metric. Otherwise it is
    the mean of its child goals (dropped ones excluded) and its own one-off steps;
    recurring steps are habits, not deliverables, and do not count. Nothing to count is 0.
    """
    for goals, steps, known in _RECENT:
        if goals is doc.goals and steps is doc.steps:
            return known
    result = MappingProxyType(_progress(doc))
    _RECENT.insert(0, (doc.goals, doc.steps, result))
    del _RECENT[4:]
    return result


def _progress(doc: Document) -> dict[int, float]:
    children = children_of(doc.goals)
    steps = steps_by_goal(doc.steps)
    result: dict[int, float] = {}
    # Children come after their parent in tree order, so walking it backwards settles
    # every child before the parent that averages it.
    for _depth, goal in reversed(tree_order(doc)):
        parts = [result[child.id] for child in children.get(goal.id, ())
                 if child.status is not GoalStatus.DROPPED]
        parts += [1.0 if step.is_done else 0.0 for step in steps.get(goal.id, ())
                  if step.recurrence is None]
        if goal.status is GoalStatus.DONE:
            result[goal.id] = 1.0
        elif goal.metric is not None:
            result[goal.id] = goal.metric.fraction
        else:
            result[goal.id] = sum(parts) / len(parts) if parts else 0.0
    return result


def tree_order(doc: Document) -> list[tuple[int, Goal]]:
    """Goals depth-first from the top level, each with its depth."""
    children = children_of(doc.goals)
    ordered: list[tuple[int, Goal]] = []
    stack = [(0, goal) for goal in reversed(children.get(None, []))]
    while stack:
        depth, goal = stack.pop()
        ordered.append((depth, goal))
        stack.extend((depth + 1, child) for child in reversed(children.get(goal.id, [])))
    return ordered
