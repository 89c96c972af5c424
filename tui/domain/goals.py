"""Goals as a person writes them: drafts, templates, the drift log and the time budget."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from tui.domain.document import Document
from tui.domain.models import Goal, GoalStatus, Horizon, Metric, Resources
from tui.domain.progress import goal_progress, tree_order

# The fields whose change is drift: they move the goalposts, so a change needs a reason.
DRIFT_FIELDS = ("deadline", "metric target", "metric unit", "done when")


@dataclass(frozen=True)
class GoalDraft:
    """What the goal form collected (validated when it becomes a Goal)."""

    title: str
    horizon: Horizon = Horizon.SHORT
    description: str = ""
    done_when: str = ""
    metric: Metric | None = None
    resources: Resources = field(default_factory=Resources)
    value_ids: tuple[int, ...] = ()
    objective_ids: tuple[int, ...] = ()
    deadline: date | None = None

    @classmethod
    def of(cls, goal: Goal) -> GoalDraft:
        """The draft that would write `goal` again."""
        return cls(goal.title, goal.horizon, goal.description, goal.done_when, goal.metric,
                   goal.resources, tuple(goal.value_ids), tuple(goal.objective_ids),
                   goal.deadline)

    def fields(self) -> dict[str, object]:
        """The Goal fields this draft sets."""
        return {"title": self.title, "horizon": self.horizon, "description": self.description,
                "done_when": self.done_when, "metric": self.metric,
                "resources": self.resources, "value_ids": list(self.value_ids),
                "objective_ids": list(self.objective_ids), "deadline": self.deadline}


@dataclass(frozen=True)
class Template:
    """A SMART skeleton from career-planning practice; the person edits every part."""

    key: str
    name: str
    title: str
    done_when: str
    horizon: Horizon
    weeks: int
    time: str
    support: str


TEMPLATES: tuple[Template, ...] = (
    Template("performance", "Improve performance", "Raise my review rating from meets to exceeds",
             "my manager rates me 'exceeds' at the next review", Horizon.MEDIUM, 26,
             "2 h a week", "manager: monthly check on the criteria"),
    Template("skill", "Learn a skill", "Reach level 4 in SKILL by building a real project",
             "a project using SKILL is merged and reviewed", Horizon.SHORT, 12,
             "3 h a week", "a colleague who knows SKILL reviews my work"),
    Template("change", "Change career path", "Move from ROLE to NEW ROLE within the company",
             "I hold the NEW ROLE title", Horizon.LONG, 52,
             "4 h a week", "a mentor in the NEW ROLE; my manager's backing"),
    Template("promotion", "Earn a promotion", "Promoted to LEVEL by the next promotion cycle",
             "the promotion is announced", Horizon.LONG, 40,
             "2 h a week", "manager and skip-level agree on the criteria"),
    Template("certification", "Get a certification", "Pass the CERTIFICATION exam",
             "the certificate is issued", Horizon.SHORT, 10,
             "4 h a week", "exam budget from the training allowance"),
    Template("network", "Grow the network", "Have coffee with 12 people outside my team",
             "12 conversations are logged", Horizon.MEDIUM, 24,
             "1 h a week", "introductions from my mentor"),
)
TEMPLATE_BY_KEY = {t.key: t for t in TEMPLATES}


def from_template(template: Template, today: date) -> GoalDraft:
    """A draft filled from `template`, due `template.weeks` from today."""
    return GoalDraft(
        title=template.title, horizon=template.horizon, done_when=template.done_when,
        resources=Resources(time=template.time, support=template.support),
        deadline=today + timedelta(weeks=template.weeks),
    )


def drift(old: Goal, draft: GoalDraft) -> list[tuple[str, str, str]]:
    """The goalposts `draft` moves: (field, old, new) for deadline, target, unit, done-when."""
    def shown(value: object) -> str:
        return "—" if value in (None, "") else str(value)

    old_metric, new_metric = old.metric, draft.metric
    pairs = {
        "deadline": (old.deadline, draft.deadline),
        "metric target": (old_metric.target if old_metric else None,
                          new_metric.target if new_metric else None),
        "metric unit": (old_metric.unit if old_metric else None,
                        new_metric.unit if new_metric else None),
        "done when": (old.done_when.strip(), draft.done_when.strip()),
    }
    return [(name, shown(a), shown(b)) for name, (a, b) in pairs.items() if a != b]


def descendants(goals: Mapping[int, Goal], goal_id: int) -> list[int]:
    """Ids of every goal below `goal_id`, nearest first."""
    found: list[int] = []
    frontier = [goal_id]
    while frontier:
        children = [g.id for g in goals.values() if g.parent_id in frontier]
        found += children
        frontier = children
    return found


def subtree_steps(doc: Document, goal_id: int) -> Iterator[int]:
    """Ids of the steps under `goal_id` or any goal below it."""
    ids = {goal_id, *descendants(doc.goals, goal_id)}
    return (s.id for s in doc.steps.values() if s.goal_id in ids)


@dataclass(frozen=True)
class Budget:
    """Whether the estimated work left fits the weekly hours before the deadline."""

    hours_left: float
    hours_available: float | None
    unestimated: int

    @property
    def fits(self) -> bool | None:
        """True or False, or None when there is no deadline to measure against."""
        if self.hours_available is None:
            return None
        return self.hours_left <= self.hours_available


def budget(doc: Document, goal: Goal, today: date) -> Budget:
    """Open steps' estimates under the goal against weekly hours until its deadline."""
    steps = [doc.steps[i] for i in subtree_steps(doc, goal.id)]
    open_steps = [s for s in steps if not s.is_done]
    left = sum(s.estimate_hours or 0.0 for s in open_steps)
    unestimated = sum(s.estimate_hours is None for s in open_steps)
    available = None
    if goal.deadline is not None:
        weeks = max(0, (goal.deadline - today).days) / 7
        available = round(weeks * doc.settings.weekly_hours, 1)
    return Budget(left, available, unestimated)


def newly_complete(before: Document, after: Document) -> list[int]:
    """Active goals whose progress reached 100 % with this change (to offer marking done),
    deepest first: the goal whose own work finished, then the goals above it."""
    was, now = goal_progress(before), goal_progress(after)
    return [goal.id for _depth, goal in reversed(tree_order(after))
            if goal.status is GoalStatus.ACTIVE and now[goal.id] >= 1.0
            and was.get(goal.id, 0.0) < 1.0]
