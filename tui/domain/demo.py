"""A realistic sample plan, and generated plans of any size for benchmarks."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import Any

from tui.domain.document import Document
from tui.domain.models import Meta, Recurrence, StepStatus

_VALUES = ["Craftsmanship", "Autonomy", "Helping others grow", "Learning", "Balance"]
_STRENGTHS = ["Debugging hard problems", "Clear technical writing", "Calm under pressure"]
_WEAKNESSES = ["Saying no to side requests", "Public speaking"]
_INTERESTS = ["Distributed systems", "Developer tooling", "Mentoring"]
_SKILLS = [  # name, kind, current, target
    ("System design", "technical", 3, 5),
    ("Kubernetes", "technical", 2, 4),
    ("Presenting", "soft", 2, 4),
    ("Stakeholder management", "soft", 3, 4),
    ("Python", "technical", 4, 5),
]
_OBJECTIVES = ["Cut platform incidents by half", "Ship the self-service deploy tool"]

# (key, parent key, title, horizon, deadline in days, status, metric, value indexes)
_GOALS: list[tuple[str, str | None, str, str, int, str, dict[str, Any] | None, list[int]]] = [
    ("lead", None, "Senior engineer by mid-2027", "long", 220, "active", None, [0, 1]),
    ("proj", "lead", "Lead two cross-team projects", "medium", 150, "active",
     {"baseline": 0, "target": 2, "unit": "projects", "current": 1}, [0, 2]),
    ("deploy", "proj", "Ship self-service deploys to 10 teams", "short", 40, "active",
     {"baseline": 0, "target": 10, "unit": "teams", "current": 4}, [0]),
    ("rfc", "proj", "Write and land the observability RFC", "short", 25, "active", None, [0]),
    ("cert", "lead", "Pass the CKA certification", "medium", 90, "active", None, [3]),
    ("labs", "cert", "Finish the 12 practice labs", "short", 30, "active",
     {"baseline": 0, "target": 12, "unit": "labs", "current": 5}, [3]),
    ("talk", None, "Become a confident speaker", "long", 300, "active", None, [2, 3]),
    ("meetup", "talk", "Give a talk at the local meetup", "medium", 60, "active", None, [2]),
    ("slides", "meetup", "Draft and rehearse the talk", "short", 35, "active", None, [2]),
    ("mentor", None, "Mentor two junior engineers", "medium", 120, "paused", None, [2]),
]

# (goal key, title, status, due in days from today, priority, done days ago)
_STEPS: list[tuple[str | None, str, str, int | None, str, int | None]] = [
    ("deploy", "Onboard the payments team", "doing", 0, "high", None),
    ("deploy", "Write the migration guide", "done", -9, "medium", 10),
    ("deploy", "Onboard the search team", "todo", 5, "medium", None),
    ("deploy", "Fix rollback for canary deploys", "blocked", -2, "high", None),
    ("deploy", "Demo at the platform sync", "done", -4, "low", 4),
    ("deploy", "Collect feedback from early teams", "todo", 9, "low", None),
    ("rfc", "Outline the RFC", "done", -16, "medium", 17),
    ("rfc", "Gather incident data for the RFC", "done", -11, "high", 12),
    ("rfc", "Review draft with Priya", "todo", 0, "high", None),
    ("rfc", "Present the RFC at architecture review", "todo", 12, "medium", None),
    ("rfc", "Address review comments [round 1]", "todo", -1, "medium", None),
    ("labs", "Lab 6: networking policies", "doing", 1, "medium", None),
    ("labs", "Lab 5: storage classes", "done", -3, "medium", 3),
    ("labs", "Lab 4: scheduling", "done", -8, "medium", 8),
    ("labs", "Lab 7: troubleshooting", "todo", 6, "medium", None),
    ("cert", "Book the exam date", "todo", -3, "high", None),
    ("cert", "Read the security chapter", "done", -20, "low", 21),
    ("cert", "Timed mock exam", "todo", 14, "medium", None),
    ("slides", "Pick the talk topic", "done", -25, "medium", 26),
    ("slides", "Write the abstract", "done", -18, "medium", 19),
    ("slides", "First slide draft", "doing", 2, "medium", None),
    ("slides", "Rehearse with two colleagues", "todo", 8, "medium", None),
    ("meetup", "Email the meetup organisers", "done", -14, "high", 15),
    ("meetup", "Confirm the date and venue", "todo", 0, "medium", None),
    ("talk", "Toastmasters session", "done", -6, "low", 6),
    ("talk", "Watch two talks and note what works", "todo", 3, "low", None),
    ("mentor", "Set up a fortnightly 1:1 with Sam", "blocked", None, "medium", None),
    ("lead", "Ask manager for promotion criteria", "done", -30, "high", 31),
    ("lead", "Update the brag document", "todo", 0, "low", None),
    (None, "Renew conference budget request", "todo", -5, "medium", None),
    (None, "Clean up personal notes", "done", -2, "low", 1),
    ("proj", "Weekly sync notes for the deploy project", "done", -1, "low", 1),
]


class _Builder:
    """Accumulates raw records with fresh ids, then validates them as one Document."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.now = datetime.combine(today, time(9, 0))
        self.next_id = 1
        self.tables: dict[str, dict[int, dict[str, Any]]] = {}

    def add(self, table: str, **fields: Any) -> int:
        record_id = self.next_id
        self.next_id += 1
        self.tables.setdefault(table, {})[record_id] = {"id": record_id, **fields}
        return record_id

    def days(self, offset: int) -> date:
        return self.today + timedelta(days=offset)

    def document(self, vision: dict[str, str]) -> Document:
        return Document.model_validate(
            {"meta": Meta(next_id=self.next_id).model_dump(), "vision": vision, **self.tables}
        )


def _inventory(b: _Builder) -> list[int]:
    values = [b.add("inventory", kind="value", name=n, position=i) for i, n in enumerate(_VALUES)]
    for kind, names in (("strength", _STRENGTHS), ("weakness", _WEAKNESSES),
                        ("interest", _INTERESTS)):
        for i, name in enumerate(names):
            b.add("inventory", kind=kind, name=name, position=i)
    for i, (name, skill_kind, current, target) in enumerate(_SKILLS):
        b.add("inventory", kind="skill", name=name, position=i, skill_kind=skill_kind,
              current_level=current, target_level=target)
    return values


def _goals(b: _Builder, values: list[int], objectives: list[int]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for position, (key, parent, title, horizon, days, status, metric, links) in enumerate(_GOALS):
        ids[key] = b.add(
            "goals", parent_id=ids.get(parent or ""), title=title, horizon=horizon,
            status=status, metric=metric, deadline=b.days(days), start=b.days(-45),
            created_at=b.now - timedelta(days=45), value_ids=[values[i] for i in links],
            objective_ids=objectives[:1] if key in ("proj", "deploy") else [],
            position=position, description=f"{title}, as agreed with my manager.",
            resources={"time": "3 h a week", "support": "manager", "mentors": "Priya"},
        )
    return ids


def _steps(b: _Builder, goals: dict[str, int]) -> None:
    for position, (key, title, status, due, priority, done_ago) in enumerate(_STEPS):
        done_at = b.now - timedelta(days=done_ago) if done_ago is not None else None
        b.add("steps", goal_id=goals[key] if key else None, title=title, status=status,
              due=b.days(due) if due is not None else None, priority=priority,
              position=position, created_at=b.now - timedelta(days=40), done_at=done_at)
    b.add("steps", goal_id=goals["labs"], title="30 minutes of kubectl practice",
          recurrence=Recurrence(kind="weekdays").model_dump(), due=b.today,
          created_at=b.now - timedelta(days=20), position=len(_STEPS),
          completions=[b.now - timedelta(days=d) for d in (1, 2, 3, 6, 7)])


def _review(b: _Builder, goals: dict[str, int]) -> None:
    """Last week's review (ten days ago), so the history and the snapshots have one."""
    finished = b.now - timedelta(days=10)
    pages = [
        {"goal_id": goals["rfc"], "goal_title": "Write and land the observability RFC",
         "summary": "1 step done, 0 added, progress 25% → 50%, on track", "progress": 0.5,
         "wins": "Incident data gathered", "obstacles": "On-call week ate two evenings",
         "strategy": "Block Tuesday mornings for writing",
         "next_steps": "Review draft with Priya", "saved": True},
        {"goal_id": goals["labs"], "goal_title": "Finish the 12 practice labs",
         "summary": "1 step done, 0 added, progress 25% → 33%, behind", "progress": 0.33,
         "metric_value": 4, "obstacles": "Lab cluster kept timing out",
         "strategy": "Use the local kind cluster", "new_deadline": b.days(30).isoformat(),
         "adjustment": "two labs need the new cluster", "saved": True},
    ]
    b.add("reviews", started_at=finished - timedelta(minutes=25), finished_at=finished,
          goal_ids=[goals["rfc"], goals["labs"]], pages=pages, confidence=4,
          reflection="A slow week for the talk, good for the RFC.")
    for key, progress in (("rfc", 0.5), ("labs", 0.33)):
        b.add("snapshots", goal_id=goals[key], on=b.days(-10), progress=progress)


def demo_document(today: date) -> Document:
    """The sample plan, with dates relative to `today` so it always looks current."""
    b = _Builder(today)
    values = _inventory(b)
    objectives = [b.add("objectives", title=t, position=i) for i, t in enumerate(_OBJECTIVES)]
    goals = _goals(b, values, objectives)
    _steps(b, goals)
    for weeks_ago, value in ((6, 0), (4, 2), (2, 3), (0, 5)):
        b.add("checkins", goal_id=goals["labs"], on=b.days(-7 * weeks_ago), value=value)
    b.add("feedback", goal_id=goals["rfc"], who="Priya", role="mentor", on=b.days(-5),
          text="Lead with the incident numbers; the proposal is strong.", kind="praise")
    b.add("wins", title="Presented the deploy tool at the all-hands", on=b.days(-4))
    _review(b, goals)
    return b.document({
        "statement": "A senior engineer who leads platform work other teams rely on.",
        "responsibility": "Own a platform area end to end and guide two or three people.",
        "impact": "Teams ship safely on their own, without waiting on us.",
    })


def generated_document(steps: int, today: date, seed: int = 7,
                       goals: int | None = None) -> Document:
    """The sample plan grown to `steps` action steps spread over many goals and a year.

    With `goals`, the plan has that many goals in all, the generated ones nested three to a
    parent (a tree five or six levels deep); without, one flat goal per 50 steps.
    """
    base = demo_document(today)
    if steps <= len(base.steps):
        return base
    rng = random.Random(seed)
    b = _Builder(today)
    b.next_id = base.meta.next_id
    b.tables = {name: {i: r.model_dump(mode="json") for i, r in getattr(base, name).items()}
                for name in ("objectives", "inventory", "goals", "steps", "checkins",
                             "feedback", "wins", "reviews", "snapshots")}
    extra = steps - len(base.steps)
    count = max(1, goals - len(base.goals) if goals is not None else extra // 50)
    goal_ids: list[int] = []
    for n in range(count):
        parent = goal_ids[(n - 1) // 3] if goals is not None and n > 0 else None
        goal_ids.append(b.add("goals", title=f"Generated goal {n + 1}", horizon="short",
                              parent_id=parent, start=b.days(-365),
                              created_at=b.now - timedelta(days=365),
                              deadline=b.days(rng.randint(10, 200)), position=100 + n))
    statuses = [s.value for s in StepStatus]
    for n in range(extra):
        status = rng.choices(statuses, weights=(2, 1, 1, 6))[0]  # 10,000 steps: 2,000 to do
        done_at = b.now - timedelta(days=rng.randint(0, 365)) if status == "done" else None
        b.add("steps", goal_id=rng.choice(goal_ids), title=f"Generated step {n + 1}",
              status=status, priority=rng.choice(("high", "medium", "low")),
              due=b.days(rng.randint(-30, 60)), position=1000 + n,
              created_at=b.now - timedelta(days=366), done_at=done_at)
    return b.document(base.vision.model_dump())
