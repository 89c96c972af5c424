"""The careerdash document: pydantic models for the whole career-planning method.

Every record is frozen; a change is a new validated record (see `revise`). Records carry
their own stable integer id, allocated by the store under its lock, so ids never collide
across processes.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

# 2: goals link the skills they build and keep a retrospective when dropped; steps carry an
# estimate in hours; settings hold a weekly budget of hours. 3: a step's estimate is hours
# only. 4: a review keeps its agenda and, per goal, what was shown and what it changed.
SCHEMA_VERSION = 4

RecordId = Annotated[int, Field(ge=1)]
Level = Annotated[int, Field(ge=1, le=5)]
Text = Annotated[str, StringConstraints(max_length=200_000)]


def _required(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class Model(BaseModel):
    """Base of every stored model: strict about unknown fields, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Record(Model):
    """A model stored in a table under its own id."""

    id: RecordId


R = TypeVar("R", bound=Model)


def revise(record: R, **changes: Any) -> R:
    """Return a copy of `record` with `changes`, validated like a new record."""
    return type(record).model_validate({**record.model_dump(), **changes})


# --- enumerations -------------------------------------------------------------------


class Horizon(StrEnum):
    LONG = "long"
    MEDIUM = "medium"
    SHORT = "short"


class GoalStatus(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    DONE = "done"
    DROPPED = "dropped"


class StepStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    BLOCKED = "blocked"
    DONE = "done"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def rank(self) -> int:
        """0 for the most urgent."""
        return _PRIORITY_RANK[self]


_PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


class InventoryKind(StrEnum):
    VALUE = "value"
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    INTEREST = "interest"
    SKILL = "skill"


class FeedbackKind(StrEnum):
    PRAISE = "praise"
    SUGGESTION = "suggestion"
    CONCERN = "concern"


# --- self-assessment and vision ------------------------------------------------------


class Vision(Model):
    """Where the person wants to be: the role, the level of responsibility, the impact."""

    statement: Text = ""
    responsibility: Text = ""
    impact: Text = ""


class Objective(Record):
    """An objective of the team or organisation that personal goals can align with."""

    title: Text
    description: Text = ""
    position: int = 0

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _required(value)


class InventoryItem(Record):
    """One entry of the self-assessment: a value, strength, weakness, interest or skill."""

    kind: InventoryKind
    name: Text
    notes: Text = ""
    position: int = 0
    skill_kind: Literal["technical", "soft"] | None = None
    current_level: Level | None = None
    target_level: Level | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _required(value)

    @model_validator(mode="after")
    def _skill_fields(self) -> Self:
        levels = (self.skill_kind, self.current_level, self.target_level)
        if self.kind is InventoryKind.SKILL:
            if None in levels:
                raise ValueError(
                    "a skill needs skill_kind (technical or soft), current_level and"
                    " target_level (1-5)"
                )
        elif any(v is not None for v in levels):
            raise ValueError(f"only skills have skill_kind and levels, not a {self.kind}")
        return self

    @property
    def gap(self) -> int:
        """Levels still to learn (0 for anything but a skill short of its target)."""
        if self.current_level is None or self.target_level is None:
            return 0
        return max(0, self.target_level - self.current_level)


# --- goals ------------------------------------------------------------------------------


class Metric(Model):
    """How a goal is measured: from a baseline towards a target, in a unit."""

    baseline: float = 0.0
    target: float
    unit: Text = ""
    current: float | None = None

    @model_validator(mode="after")
    def _distinct(self) -> Self:
        if self.target == self.baseline:
            raise ValueError("the metric's target must differ from its baseline")
        return self

    @property
    def fraction(self) -> float:
        """Progress from baseline to target, clamped to 0..1."""
        current = self.baseline if self.current is None else self.current
        raw = (current - self.baseline) / (self.target - self.baseline)
        return min(1.0, max(0.0, raw))


class Resources(Model):
    """What achieving a goal or step takes: time, money, support, mentors."""

    time: Text = ""
    money: Text = ""
    support: Text = ""
    mentors: Text = ""


class GoalChange(Model):
    """One entry of a goal's drift log: a changed target, metric or deadline, and why."""

    at: datetime
    field: str
    old: str
    new: str
    reason: Text


class Retrospective(Model):
    """Why a goal was dropped: what happened, and what was learned."""

    happened: Text
    learned: Text = ""

    @field_validator("happened")
    @classmethod
    def _happened(cls, value: str) -> str:
        return _required(value)


class Goal(Record):
    """A career goal; goals form a tree through `parent_id`."""

    parent_id: RecordId | None = None
    title: Text
    horizon: Horizon = Horizon.SHORT
    status: GoalStatus = GoalStatus.ACTIVE
    description: Text = ""
    done_when: Text = ""
    metric: Metric | None = None
    resources: Resources = Resources()
    value_ids: list[RecordId] = []
    objective_ids: list[RecordId] = []
    skill_ids: list[RecordId] = []
    start: date
    deadline: date | None = None
    position: int = 0
    created_at: datetime
    done_at: datetime | None = None
    history: list[GoalChange] = []
    retrospective: Retrospective | None = None

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _required(value)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.parent_id == self.id:
            raise ValueError("a goal cannot be its own parent")
        if self.deadline is not None and self.deadline < self.start:
            raise ValueError("the deadline must not be before the goal's start")
        return self


# --- action steps ------------------------------------------------------------------------


class Recurrence(Model):
    """How often a step comes back: daily, on weekdays, weekly on a day, every N days."""

    kind: Literal["daily", "weekdays", "weekly", "every"]
    weekday: Annotated[int, Field(ge=0, le=6)] | None = None
    interval: Annotated[int, Field(ge=1, le=366)] | None = None

    @model_validator(mode="after")
    def _fields(self) -> Self:
        if (self.kind == "weekly") != (self.weekday is not None):
            raise ValueError("a weekly recurrence needs a weekday (0=Monday), others none")
        if (self.kind == "every") != (self.interval is not None):
            raise ValueError("an 'every N days' recurrence needs an interval, others none")
        return self


class StepResources(Model):
    """What a step takes besides time (its estimate is Step.estimate_hours): cost, helpers."""

    cost: Text = ""
    helpers: Text = ""


class Step(Record):
    """An action step: the unit of daily work, under a goal or on its own."""

    goal_id: RecordId | None = None
    title: Text
    notes: Text = ""
    status: StepStatus = StepStatus.TODO
    priority: Priority = Priority.MEDIUM
    due: date | None = None
    recurrence: Recurrence | None = None
    position: int = 0
    resources: StepResources = StepResources()
    created_at: datetime
    done_at: datetime | None = None
    completions: list[datetime] = []
    estimate_hours: Annotated[float, Field(ge=0, le=1000)] | None = None

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _required(value)

    @model_validator(mode="after")
    def _done_time(self) -> Self:
        if (self.status is StepStatus.DONE) != (self.done_at is not None):
            raise ValueError("a step has a done time exactly when its status is done")
        if self.recurrence is not None and self.status is StepStatus.DONE:
            raise ValueError("a recurring step is never done; its completions are recorded")
        return self

    @property
    def is_done(self) -> bool:
        """True once checked off."""
        return self.status is StepStatus.DONE


# --- tracking, review, feedback, wins --------------------------------------------------


class CheckIn(Record):
    """A measurement of a goal's metric on a day."""

    goal_id: RecordId
    on: date
    value: float
    note: Text = ""


class ProgressSnapshot(Record):
    """A goal's progress on a day, kept so progress over time can be plotted."""

    goal_id: RecordId
    on: date
    progress: Annotated[float, Field(ge=0.0, le=1.0)]


class ReviewPage(Model):
    """What was seen and said about one goal during a weekly review.

    `goal_title` and `summary` keep what the page showed, so the record still reads right
    after the goal is renamed or deleted. A page is `saved` once ctrl+s applied it: its
    check-in, adjustment and next steps (`step_ids`) then exist in the plan.
    """

    goal_id: RecordId
    goal_title: Text = ""
    summary: Text = ""
    progress: Annotated[float, Field(ge=0.0, le=1.0)] | None = None
    metric_value: float | None = None
    wins: Text = ""
    obstacles: Text = ""
    strategy: Text = ""
    adjustment: Text = ""
    new_deadline: date | None = None
    new_status: GoalStatus | None = None
    next_steps: Text = ""
    step_ids: list[RecordId] = []
    saved: bool = False


class Review(Record):
    """A weekly review over the goals in `goal_ids`: a draft until `finished_at` is set."""

    started_at: datetime
    finished_at: datetime | None = None
    goal_ids: list[RecordId] = []
    pages: list[ReviewPage] = []
    reflection: Text = ""
    confidence: Level | None = None


class Feedback(Record):
    """Feedback from a mentor, manager or peer, on a goal or in general."""

    goal_id: RecordId | None = None
    who: Text
    role: Text = ""
    on: date
    text: Text
    kind: FeedbackKind = FeedbackKind.SUGGESTION

    @field_validator("who", "text")
    @classmethod
    def _present(cls, value: str) -> str:
        return _required(value)


class Win(Record):
    """A win added by hand (completed steps and goals are wins without being stored)."""

    title: Text
    on: date
    goal_id: RecordId | None = None

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _required(value)


class Settings(Model):
    """The person's preferences, kept in the document so every session shares them."""

    review_day: Annotated[int, Field(ge=0, le=6)] = 4
    goal_wip_limit: Annotated[int, Field(ge=1, le=99)] = 3
    doing_wip_limit: Annotated[int, Field(ge=1, le=99)] = 3
    theme: str | None = None
    weekly_hours: Annotated[float, Field(gt=0, le=168)] = 5.0


class Meta(Model):
    """Bookkeeping: the format's version, the change counter and the next free id."""

    schema_version: Annotated[int, Field(ge=1)] = SCHEMA_VERSION
    revision: Annotated[int, Field(ge=0)] = 0
    next_id: RecordId = 1
