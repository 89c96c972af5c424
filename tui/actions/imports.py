"""Imports into the plan: a whole careerdash document, or tasks from Taskwarrior."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from pydantic import ValidationError

from tui.domain.board import next_position
from tui.domain.document import Document
from tui.domain.errors import describe
from tui.domain.models import Priority, Settings, Step, StepStatus, Vision, revise
from tui.domain.steps import check_off, reopen
from tui.exports.taskwarrior import TaskDraft, goal_projects
from tui.store import Invalid, Transaction


def is_empty(doc: Document) -> bool:
    """True when the plan holds nothing a person wrote: no records, no vision, no settings."""
    return (next(doc.records(), None) is None and doc.vision == Vision()
            and doc.settings == Settings())


def replace_with(tx: Transaction, doc: Document, *, replace: bool = False) -> None:
    """Make `doc` the whole plan; refused when the plan is not empty, unless `replace`."""
    current = tx.doc
    if not replace and not is_empty(current):
        raise Invalid(f"the plan is not empty ({len(current.goals)} goals,"
                      f" {len(current.steps)} steps) and an import would replace all of it")
    tx.replace_all(doc)


@dataclass(frozen=True)
class ImportReport:
    """What a Taskwarrior import did."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    without_goal: int = 0  # added tasks whose project named no goal of the plan

    def lines(self) -> list[str]:
        """The report in sentences, for the command line."""
        total = self.added + self.updated + self.unchanged
        lines = [f"Imported {total} task{'' if total == 1 else 's'}: {self.added} added,"
                 f" {self.updated} updated, {self.unchanged} unchanged"]
        if self.without_goal:
            had = "1 task had" if self.without_goal == 1 else f"{self.without_goal} tasks had"
            lines.append(f"{had} a project with no matching goal; added without a goal")
        return lines


def import_tasks(tx: Transaction, drafts: list[TaskDraft]) -> ImportReport:
    """Merge tasks into the plan: a task exported from one of its steps updates that step
    (title, status, due, priority, notes); any other task becomes a new step."""
    goals: dict[str, int] = {}
    for goal_id, project in goal_projects(tx.doc).items():
        goals.setdefault(project.casefold(), goal_id)  # the first in tree order wins a tie
    position = next_position(tx.doc.steps)
    updates: list[Step] = []
    added: list[Step] = []
    unchanged = without_goal = 0
    for draft in drafts:
        try:
            step = _own_step(tx.doc, draft)
            if step is None:
                goal_id = goals.get(draft.project.casefold()) if draft.project else None
                if draft.project and goal_id is None:
                    without_goal += 1
                added.append(_new_step(tx, draft, goal_id, position + len(added)))
                continue
            new = _updated(step, draft, tx.now)
            if new == step:
                unchanged += 1
            else:
                updates.append(new)
        except ValidationError as error:
            raise Invalid(f"task {draft.index}: {describe(error)}") from None
    tx.put_all([*updates, *added])
    return ImportReport(added=len(added), updated=len(updates), unchanged=unchanged,
                        without_goal=without_goal)


def _own_step(doc: Document, draft: TaskDraft) -> Step | None:
    """The step the task was exported from, if it is this plan's: a uuid carries only the
    id, so the creation time must match too, or another plan's step 12 would be taken
    for this one's."""
    step = doc.steps.get(draft.step_id) if draft.step_id is not None else None
    if step is None or draft.created is None:
        return None
    created = step.created_at.astimezone(timezone.utc).replace(microsecond=0)
    return step if created == draft.created else None


def _updated(step: Step, draft: TaskDraft, now: datetime) -> Step:
    new = revise(step, title=draft.title, due=draft.due, notes=draft.notes,
                 priority=draft.priority or step.priority)
    if draft.status == "done" and not step.is_done:
        return check_off(new, _local(draft.done_at) or now)
    if draft.status == "open" and step.is_done:
        return reopen(new)
    return new


def _new_step(tx: Transaction, draft: TaskDraft, goal_id: int | None, position: int) -> Step:
    done = draft.status == "done"
    return Step(id=tx.new_id(), goal_id=goal_id, title=draft.title, notes=draft.notes,
                priority=draft.priority or Priority.MEDIUM, due=draft.due, position=position,
                created_at=_local(draft.created) or tx.now,
                status=StepStatus.DONE if done else StepStatus.TODO,
                done_at=(_local(draft.done_at) or tx.now) if done else None)


def _local(moment: datetime | None) -> datetime | None:
    """A UTC time as the plan keeps times: naive, in local time."""
    return moment.astimezone().replace(tzinfo=None) if moment else None
