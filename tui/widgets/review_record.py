"""Reviews, feedback and wins as read-only lines for the Review screen and its pages."""

from __future__ import annotations

from textual.content import Content

from tui.domain.document import Document
from tui.domain.models import Feedback, FeedbackKind, Review, ReviewPage
from tui.domain.pace import Pace
from tui.domain.review import GoalWeek, page_heading, review_title
from tui.domain.text import one_line, visible
from tui.domain.wins import WinEntry
from tui.widgets.hanging_text import Line, heading, item, row

PACE_STYLE = {Pace.AHEAD: "$success", Pace.ON_TRACK: "$success", Pace.BEHIND: "$warning",
              Pace.OVERDUE: "$error", Pace.DONE: "$success"}
KIND_STYLE = {FeedbackKind.PRAISE: "$success", FeedbackKind.SUGGESTION: "$accent",
              FeedbackKind.CONCERN: "$warning"}
WIN_MARK = {"goal": "★", "step": "✓", "manual": "♦"}
_SHOWN = 5


def _text(value: str) -> Content:
    """User text, literally (never markup), control characters made visible."""
    return Content(visible(value.strip()))


def week_lines(week: GoalWeek) -> list[Line]:
    """What happened to a goal since the last review, for the top of its page."""
    then, now = round(week.progress_then * 100), round(week.progress_now * 100)
    change = f"{then}% → {now}%" + (f"  (+{now - then})" if now > then else "")
    lines = [row("Progress", change),
             row("Pace", Content.styled(week.pace.value, PACE_STYLE.get(week.pace, "dim")))]
    if week.metric:
        unit = week.goal.metric.unit if week.goal.metric else ""
        trend = " → ".join(f"{v:g}" for _d, v in week.metric[-4:])
        lines.append(row("Metric", Content(f"{trend} {one_line(unit, 30)}".strip())))
    lines.append(row("Done", _titles([s.title for s in week.done])))
    lines.append(row("Added", _titles([s.title for s in week.added])))
    lines += [item("“", feedback_body(f), KIND_STYLE[f.kind]) for f in week.feedback]
    return lines


def _titles(titles: list[str]) -> Content:
    if not titles:
        return Content.styled("nothing", "$foreground-muted")
    shown = " · ".join(one_line(t, 60) for t in titles[:_SHOWN])
    more = f"  and {len(titles) - _SHOWN} more" if len(titles) > _SHOWN else ""
    return Content.assemble(f"{len(titles)}: ", shown, (more, "$foreground-muted"))


def feedback_body(entry: Feedback) -> Content:
    """'Priya (mentor), 18 Nov, praise: Lead with the numbers.'"""
    who = one_line(entry.who, 40) + (f" ({one_line(entry.role, 30)})" if entry.role else "")
    return Content.assemble((who, "bold"), f", {entry.on:%d %b}, ",
                            (entry.kind.value, KIND_STYLE[entry.kind]), ": ",
                            _text(one_line(entry.text, 2000)))


def feedback_lines(entry: Feedback, doc: Document) -> list[Line]:
    """One feedback entry in full."""
    goal = doc.goals.get(entry.goal_id) if entry.goal_id else None
    return [row("From", one_line(entry.who, 200)), row("Role", one_line(entry.role, 200)),
            row("Date", f"{entry.on:%A %d %b %Y}"),
            row("Kind", Content.styled(entry.kind.value, KIND_STYLE[entry.kind])),
            row("Goal", one_line(goal.title, 200) if goal else "general"),
            Line(Content("")), Line(_text(entry.text))]


def win_lines(win: WinEntry, doc: Document) -> list[Line]:
    """One win: what, when, and the goal it served."""
    goal = doc.goals.get(win.goal_id) if win.goal_id else None
    source = {"goal": "a goal achieved", "step": "a step done", "manual": "written down"}
    return [row("Win", _text(one_line(win.title, 2000))), row("Date", f"{win.on:%A %d %b %Y}"),
            row("From", source[win.source]),
            row("Goal", one_line(goal.title, 200) if goal else "—")]


def win_line(win: WinEntry) -> Line:
    """A win in a list: its mark, day and title."""
    return item(WIN_MARK[win.source], Content.assemble(
        (f"{win.on:%a %d %b}  ", "$foreground-muted"), _text(one_line(win.title, 200))), "$success")


def record_lines(review: Review, doc: Document) -> list[Line]:
    """A finished (or draft) review as it was written: each goal's page, then the wrap-up."""
    lines = [Line(Content.styled(review_title(review), "bold $text-primary"))]
    if review.confidence is not None:
        lines.append(row("Score", f"confidence {review.confidence} of 5"))
    if review.reflection.strip():
        lines.append(row("Overall", _text(review.reflection)))
    for page in review.pages:
        lines += page_lines(page, doc)
    return lines


def page_lines(page: ReviewPage, doc: Document) -> list[Line]:
    """One goal's page of a review record."""
    lines = heading(Content.styled(page_heading(page, doc), "bold $text-primary"))
    if page.summary:
        lines.append(row("Seen", Content.styled(visible(page.summary), "$foreground-muted")))
    if page.metric_value is not None:
        lines.append(row("Metric", f"{page.metric_value:g}"))
    for label, value in (("Wins", page.wins), ("Obstacles", page.obstacles),
                         ("Strategy", page.strategy)):
        if value.strip():
            lines.append(row(label, _text(value)))
    changes = []
    if page.new_deadline:
        changes.append(f"deadline → {page.new_deadline:%d %b %Y}")
    if page.new_status:
        changes.append(f"status → {page.new_status.value}")
    if changes or page.adjustment.strip():
        reason = f" because {one_line(page.adjustment, 500)}" if page.adjustment.strip() else ""
        lines.append(row("Adjusted", _text(", ".join(changes) + reason)))
    steps = [line for line in page.next_steps.splitlines() if line.strip()]
    lines += [item("→", _text(one_line(step, 500))) for step in steps]
    if not page.saved:
        lines.append(row("", Content.styled("draft: not applied yet", "$warning")))
    return lines
