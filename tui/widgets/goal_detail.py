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

_LABEL = 10
_PACE_STYLE = {Pace.AHEAD: "$success", Pace.ON_TRACK: "$success", Pace.BEHIND: "$warning",
               Pace.OVERDUE: "$error", Pace.DONE: "$success"}
_RECENT = 5


def _row(label: str, value: str | Content) -> Content:
    return Content.assemble((f"{label:<{_LABEL}}", "bold"), value or "—")


def _heading(text: str) -> Content:
    return Content.styled(f"\n{text}", "bold $text-primary")


def _pace_line(goal: Goal, progress: float, today: date) -> Content:
    mark = pace(goal, progress, today)
    expected = expected_progress(goal, today)
    against = f"  (the line expects {round(expected * 100)}%)" if expected is not None else ""
    return _row("Pace", Content.assemble(
        (mark.value, _PACE_STYLE.get(mark, "$foreground-muted")), against))


def _smart_lines(verdicts: tuple[Verdict, ...]) -> list[Content]:
    badge = Content.assemble(*((v.letter + " ", "bold $success" if v.ok else "bold $error")
                               for v in verdicts))
    lines = [_row("SMART", badge)]
    lines += [Content.assemble(("  ✓ " if v.ok else "  ✗ ", "$success" if v.ok else "$error"),
                               (v.letter + " ", "bold"), v.reason) for v in verdicts]
    return lines


def _budget_line(doc: Document, goal: Goal, today: date) -> Content:
    fit = budget(doc, goal, today)
    hours = f"{fit.hours_left:g} h of estimated work left"
    if fit.unestimated:
        hours += f" ({fit.unestimated} step{'s' * (fit.unestimated != 1)} not estimated)"
    if fit.fits is None:
        return _row("Time", hours)
    verdict = (("fits", "$success") if fit.fits else ("does not fit", "$error"))
    return _row("Time", Content.assemble(
        hours, "; ", verdict, f" in {fit.hours_available:g} h before the deadline"
        f" at {doc.settings.weekly_hours:g} h a week"))


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


def _records(doc: Document, goal: Goal) -> list[Content]:
    lines: list[Content] = []
    checkins = sorted((c for c in doc.checkins.values() if c.goal_id == goal.id),
                      key=lambda c: (c.on, c.id))[-_RECENT:]
    if checkins:
        lines.append(_heading("Check-ins"))
        lines += [Content(f"  {c.on}  {c.value:g}  {one_line(c.note, 80)}") for c in checkins]
    steps = sorted((s for s in doc.steps.values() if s.goal_id == goal.id),
                   key=lambda s: (s.is_done, s.position, s.id))
    lines.append(_heading(f"Steps ({sum(s.is_done for s in steps)} of {len(steps)} done)"))
    lines += [Content.assemble(("  ✓ " if s.is_done else "  · ", "$success" if s.is_done else ""),
                               one_line(s.title, 120)) for s in steps[:8]]
    if len(steps) > 8:
        lines.append(Content.styled(f"  … and {len(steps) - 8} more on the board",
                                    "$foreground-muted"))
    feedback = [f for f in doc.feedback.values() if f.goal_id == goal.id]
    if feedback:
        lines.append(_heading("Feedback"))
        lines += [Content(f"  {f.on} {one_line(f.who, 30)} ({f.kind.value}): "
                          f"{one_line(f.text, 200)}") for f in feedback[-_RECENT:]]
    if goal.history:
        lines.append(_heading("Changes"))
        lines += [Content(f"  {c.at:%Y-%m-%d} {c.field}: {one_line(c.old, 40)} → "
                          f"{one_line(c.new, 40)} — {one_line(c.reason, 120)}")
                  for c in goal.history[-_RECENT:]]
    if goal.retrospective is not None:
        lines.append(_heading("Retrospective"))
        lines.append(Content(f"  Happened: {visible(goal.retrospective.happened)}"))
        lines.append(Content(f"  Learned: {visible(goal.retrospective.learned) or '—'}"))
    return lines


def goal_detail(doc: Document, goal: Goal, today: date) -> Content:
    """The whole goal: its SMART fields and verdicts, pace, budget, and its records."""
    progress = goal_progress(doc)[goal.id]
    resources = goal.resources
    support = ", ".join(one_line(v, 60) for v in (resources.time, resources.money,
                                                   resources.support, resources.mentors) if v)
    lines = [
        _row("Status", f"{goal.status.value} · {goal.horizon.value}-term"),
        _row("Progress", f"{round(progress * 100)}%"),
        _pace_line(goal, progress, today),
        _row("Dates", f"{goal.start} → {goal.deadline or 'no deadline'}"),
        _row("Measure", _measure(goal)),
        _row("Serves", _links(doc, goal)),
        _row("Resources", support),
        _budget_line(doc, goal, today),
        *_smart_lines(smart_check(goal, doc, today)),
    ]
    if goal.description.strip():
        lines += [Content(""), Content(visible(goal.description.strip()))]
    return Content("\n").join([*lines, *_records(doc, goal)])


def vision_detail(doc: Document) -> Content:
    """The root of the tree: the vision."""
    statement = doc.vision.statement.strip()
    if not statement:
        return Content.styled("No vision yet. Write it on Values (2) with v.", "$foreground-muted")
    return Content("\n").join([Content(visible(statement)), Content(""), Content.styled(
        "a adds a long-term goal under the vision.", "$foreground-muted")])
