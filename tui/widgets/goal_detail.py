"""Everything about one goal, as read-only text: SMART fields, pace, budget, history."""

from __future__ import annotations

from datetime import date

from textual.content import Content

from tui.domain.document import Document
from tui.domain.goals import budget
from tui.domain.models import Goal
from tui.domain.pace import Pace, expected_progress, pace
from tui.domain.progress import goal_progress
from tui.domain.smart import Verdict, smart_check
from tui.domain.text import one_line, visible
from tui.widgets.hanging_text import Line, heading, item, row

_PACE_STYLE = {Pace.AHEAD: "$success", Pace.ON_TRACK: "$success", Pace.BEHIND: "$warning",
               Pace.OVERDUE: "$error", Pace.DONE: "$success"}
_RECENT = 5


def _pace_line(goal: Goal, progress: float, today: date) -> Line:
    mark = pace(goal, progress, today)
    expected = expected_progress(goal, today)
    against = f"  (the line expects {round(expected * 100)}%)" if expected is not None else ""
    return row("Pace", Content.assemble(
        (mark.value, _PACE_STYLE.get(mark, "$foreground-muted")), against))


def _smart_lines(verdicts: tuple[Verdict, ...]) -> list[Line]:
    badge = Content.assemble(*((v.letter + " ", "bold $success" if v.ok else "bold $error")
                               for v in verdicts))
    return [row("SMART", badge), *(
        Line(Content(v.reason), Content.assemble(
            ("  ✓ " if v.ok else "  ✗ ", "$success" if v.ok else "$error"),
            (v.letter + " ", "bold"))) for v in verdicts)]


def _budget_line(doc: Document, goal: Goal, today: date) -> Line:
    fit = budget(doc, goal, today)
    pace_note = f" at {doc.settings.weekly_hours:g} h a week"
    if fit.hours_left == 0 and fit.unestimated == 0:
        return row("Time", "no open steps")
    parts: list[str | tuple[str, str]] = []
    if fit.hours_left:
        parts.append(f"{fit.hours_left:g} h of estimated work left")
        if fit.fits is not None:
            parts += ["; ", ("fits", "$success") if fit.fits else ("does not fit", "$error"),
                      f" in the {fit.hours_available:g} h before the deadline{pace_note}"]
    elif fit.hours_available is not None:
        parts.append(f"{fit.hours_available:g} h before the deadline{pace_note}")
    if fit.unestimated:
        parts.append(("; " if parts else "") + f"{fit.unestimated} open "
                     f"step{'s' * (fit.unestimated != 1)} without an estimate")
    return row("Time", Content.assemble(*parts))


def _links(doc: Document, goal: Goal) -> str:
    names = [doc.inventory[i].name for i in goal.value_ids + goal.skill_ids if i in doc.inventory]
    names += [doc.objectives[i].title for i in goal.objective_ids if i in doc.objectives]
    return one_line(", ".join(names), 300)


def _measure(goal: Goal) -> str:
    metric = goal.metric
    if metric is None:
        return one_line(goal.done_when, 300)
    now = metric.current if metric.current is not None else metric.baseline
    text = f"{metric.baseline:g} → {metric.target:g} {one_line(metric.unit, 40)}, now {now:g}"
    return text + (f"; done when {one_line(goal.done_when, 200)}" if goal.done_when else "")


def _records(doc: Document, goal: Goal) -> list[Line]:
    lines: list[Line] = []
    checkins = sorted((c for c in doc.checkins.values() if c.goal_id == goal.id),
                      key=lambda c: (c.on, c.id))[-_RECENT:]
    if checkins:
        lines += heading("Check-ins")
        lines += [item("·", f"{c.on}  {c.value:g}  {one_line(c.note, 80)}".rstrip())
                  for c in checkins]
    steps = sorted((s for s in doc.steps.values() if s.goal_id == goal.id),
                   key=lambda s: (s.is_done, s.position, s.id))
    lines += heading(f"Steps ({sum(s.is_done for s in steps)} of {len(steps)} done)")
    lines += [item("✓", one_line(s.title, 120), "$success") if s.is_done
              else item("·", one_line(s.title, 120)) for s in steps[:8]]
    if len(steps) > 8:
        lines.append(item(" ", Content.styled(f"… and {len(steps) - 8} more on the board",
                                               "$foreground-muted")))
    if not steps:
        lines.append(item(" ", Content.styled("none yet: n adds one", "$foreground-muted")))
    feedback = [f for f in doc.feedback.values() if f.goal_id == goal.id]
    if feedback:
        lines += heading("Feedback")
        lines += [item("·", f"{f.on} {one_line(f.who, 30)} ({f.kind.value}): "
                             f"{one_line(f.text, 200)}") for f in feedback[-_RECENT:]]
    if goal.history:
        lines += heading("Changes")
        lines += [item("·", f"{c.at:%Y-%m-%d} {c.field}: {one_line(c.old, 40)} → "
                             f"{one_line(c.new, 40)} — {one_line(c.reason, 120)}")
                  for c in goal.history[-_RECENT:]]
    if goal.retrospective is not None:
        lines += heading("Retrospective")
        lines.append(row("Happened", visible(goal.retrospective.happened)))
        lines.append(row("Learned", visible(goal.retrospective.learned)))
    return lines


def goal_detail(doc: Document, goal: Goal, today: date) -> list[Line]:
    """The whole goal: its SMART fields and verdicts, pace, budget, and its records."""
    progress = goal_progress(doc)[goal.id]
    resources = goal.resources
    support = ", ".join(one_line(v, 60) for v in (resources.time, resources.money,
                                                   resources.support, resources.mentors) if v)
    lines = [
        row("Status", f"{goal.status.value} · {goal.horizon.value}-term"),
        row("Progress", f"{round(progress * 100)}%"),
        _pace_line(goal, progress, today),
        row("Dates", f"{goal.start} → {goal.deadline or 'no deadline'}"),
        row("Measure", _measure(goal)),
        row("Serves", _links(doc, goal)),
        row("Resources", support),
        _budget_line(doc, goal, today),
        *_smart_lines(smart_check(goal, doc, today)),
    ]
    if goal.description.strip():
        lines += [Line(Content("")), Line(Content(visible(goal.description.strip())))]
    return [*lines, *_records(doc, goal)]


def vision_detail(doc: Document) -> list[Line]:
    """The root of the tree: the vision."""
    statement = doc.vision.statement.strip()
    if not statement:
        return [Line(Content.styled("No vision yet. Write it on Values (2) with v.",
                                    "$foreground-muted"))]
    return [Line(Content(visible(statement))), Line(Content("")), Line(Content.styled(
        "a adds a long-term goal under the vision.", "$foreground-muted"))]
