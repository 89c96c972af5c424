"""Goal progress, computed from the document, never stored."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
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


def changed_records(before: Mapping[int, object], after: Mapping[int, object]) -> list[int]:
    """Ids of the records added, removed or replaced between two tables (records are
    replaced, never changed in place, so identity says which)."""
    changed = [i for i, record in after.items() if before.get(i) is not record]
    added = sum(i not in before for i in changed)
    if len(before) + added > len(after):  # some were removed
        changed += before.keys() - after.keys()
    return changed


@dataclass(frozen=True)
class GoalProgress:
    """The progress of every goal of one document, with what it was worked out from:
    per goal, how many of its own one-off steps there are and how many are done."""

    goals: Mapping[int, Goal]
    steps: Mapping[int, Step]
    progress: Mapping[int, float]
    counts: Mapping[int | None, tuple[int, int]]  # goal id -> (done, one-off steps)
    children: Mapping[int | None, list[Goal]]


# Progress depends only on the goals and steps tables, which a new document shares with
# the one before it until they change: the last few results are kept, by table identity.
_RECENT: list[GoalProgress] = []
_KEPT = 4


def goal_progress(doc: Document) -> Mapping[int, float]:
    """Progress 0..1 of every goal (read-only: the result is shared between callers).

    A done goal is complete. A goal with a metric is as far as its metric. Otherwise it is
    the mean of its child goals (dropped ones excluded) and its own one-off steps;
    recurring steps are habits, not deliverables, and do not count. Nothing to count is 0.
    """
    for known in _RECENT:
        if known.goals is doc.goals and known.steps is doc.steps:
            return known.progress
    # Checking a step off changes the steps alone: move on from a result for the same goals.
    same_goals = next((known for known in _RECENT if known.goals is doc.goals), None)
    result = progress_of(doc) if same_goals is None else updated_progress(same_goals, doc)
    _RECENT.insert(0, result)
    del _RECENT[_KEPT:]
    return result.progress


def progress_of(doc: Document) -> GoalProgress:
    """The progress of every goal of `doc`, worked out from scratch."""
    counts: dict[int | None, list[int]] = defaultdict(lambda: [0, 0])
    for step in doc.steps.values():
        if step.recurrence is None:
            tally = counts[step.goal_id]
            tally[0] += step.is_done
            tally[1] += 1
    children = children_of(doc.goals)
    result: dict[int, float] = {}
    # Children come after their parent in tree order, so walking it backwards settles
    # every child before the parent that averages it.
    for _depth, goal in reversed(_tree_order(children)):
        result[goal.id] = _value(goal, children, result, counts.get(goal.id, (0, 0)))
    return GoalProgress(doc.goals, doc.steps, MappingProxyType(result),
                        MappingProxyType({k: (done, n) for k, (done, n) in counts.items()}),
                        children)


def updated_progress(known: GoalProgress, doc: Document) -> GoalProgress:
    """`known` (the progress of a document with the same goals table as `doc`) brought up
    to `doc` by recounting only the goals whose steps changed, and the goals above them:
    the same as `progress_of(doc)`, at the cost of the change rather than of the plan."""
    if known.goals is not doc.goals:
        raise ValueError("progress moves on only between documents with the same goals")
    before, after = known.steps, doc.steps
    changed = changed_records(before, after)
    if len(changed) * 4 > len(after):  # most of the plan changed: counting anew is cheaper
        return progress_of(doc)
    counts = dict(known.counts)
    touched: set[int | None] = set()
    for step_id in changed:
        for step, sign in ((before.get(step_id), -1), (after.get(step_id), 1)):
            if step is not None and step.recurrence is None:
                done, n = counts.get(step.goal_id, (0, 0))
                counts[step.goal_id] = (done + sign * step.is_done, n + sign)
                touched.add(step.goal_id)
    result = dict(known.progress)
    for goal in _deepest_first(doc.goals, _with_ancestors(doc.goals, touched)):
        result[goal.id] = _value(goal, known.children, result, counts.get(goal.id, (0, 0)))
    return GoalProgress(doc.goals, after, MappingProxyType(result), MappingProxyType(counts),
                        known.children)


def _value(goal: Goal, children: Mapping[int | None, list[Goal]], settled: Mapping[int, float],
           count: tuple[int, int]) -> float:
    """The progress of `goal`, its children's being `settled` and its own one-off steps
    `count` (done, all)."""
    if goal.status is GoalStatus.DONE:
        return 1.0
    if goal.metric is not None:
        return goal.metric.fraction
    parts = [settled[child.id] for child in children.get(goal.id, ())
             if child.status is not GoalStatus.DROPPED]
    done, steps = count
    if not parts and not steps:
        return 0.0
    # Summed as the values of the children, then 1.0 for each done step (an open one adds
    # nothing), in that order: a total of the counts would round differently, and move a
    # bar by a cell.
    return sum([*parts, *[1.0] * done]) / (len(parts) + steps)


def _with_ancestors(goals: Mapping[int, Goal], goal_ids: Iterable[int | None]) -> set[int]:
    """`goal_ids` (those that are goals) and every goal above them."""
    found: set[int] = set()
    for goal_id in goal_ids:
        node: int | None = goal_id
        while node is not None and node in goals and node not in found:
            found.add(node)
            node = goals[node].parent_id
    return found


def _deepest_first(goals: Mapping[int, Goal], goal_ids: set[int]) -> list[Goal]:
    """The goals `goal_ids`, every child before its parent."""
    def depth(goal_id: int) -> int:
        steps, node = 0, goals[goal_id].parent_id
        while node is not None:
            steps, node = steps + 1, goals[node].parent_id
        return steps
    return [goals[i] for i in sorted(goal_ids, key=depth, reverse=True)]


def tree_order(doc: Document) -> list[tuple[int, Goal]]:
    """Goals depth-first from the top level, each with its depth."""
    return _tree_order(children_of(doc.goals))


def _tree_order(children: Mapping[int | None, list[Goal]]) -> list[tuple[int, Goal]]:
    ordered: list[tuple[int, Goal]] = []
    stack = [(0, goal) for goal in reversed(children.get(None, []))]
    while stack:
        depth, goal = stack.pop()
        ordered.append((depth, goal))
        stack.extend((depth + 1, child) for child in reversed(children.get(goal.id, [])))
    return ordered
