"""The weekly review: when it is due, what each goal's page shows, and what a page asks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from tui.domain.dates import DateError, parse_date
from tui.domain.document import Document
from tui.domain.goals import subtree_steps
from tui.domain.models import Feedback, Goal, GoalStatus, Review, ReviewPage, Step
from tui.domain.pace import Pace, pace
from tui.domain.progress import goal_progress, tree_order
from tui.domain.series import local_day, progress_on
from tui.domain.text import one_line

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Without an earlier review, a first one looks back this far.
FIRST_LOOK_BACK = timedelta(days=7)
# The fields a goal's page asks for, in order; the form and the draft use these names.
PAGE_FIELDS = ("metric", "wins", "obstacles", "strategy", "deadline", "status", "reason",
               "next_steps")


def finished_reviews(doc: Document) -> list[Review]:
    """Finished reviews, newest first."""
    done = [r for r in doc.reviews.values() if r.finished_at is not None]
    return sorted(done, key=lambda r: (r.finished_at, r.id), reverse=True)


def draft_review(doc: Document) -> Review | None:
    """The review started and not finished, if any (the newest, should there be several)."""
    drafts = [r for r in doc.reviews.values() if r.finished_at is None]
    return max(drafts, key=lambda r: (r.started_at, r.id), default=None)


@dataclass(frozen=True)
class ReviewDue:
    """Whether a weekly review is due: from the review day until one is finished."""

    due: bool
    review_day: date  # the latest review day on or before today
    next_day: date  # the next review day after today's week's one
    last: date | None  # the day the newest review was finished

    def sentence(self, today: date) -> str:
        """'Weekly review due since Fri 20 Nov' or 'Next review Fri 27 Nov'."""
        if self.due:
            when = "today" if self.review_day == today else f"since {self.review_day:%a %d %b}"
            return f"Weekly review due {when}"
        return f"Next review {self.next_day:%a %d %b}"


def review_due(doc: Document, today: date) -> ReviewDue:
    """Due when no review was finished on or after the latest review day."""
    day = today - timedelta(days=(today.weekday() - doc.settings.review_day) % 7)
    reviews = finished_reviews(doc)
    last = local_day(reviews[0].finished_at) if reviews and reviews[0].finished_at else None
    return ReviewDue(last is None or last < day, day, day + timedelta(days=7), last)


def agenda(doc: Document) -> list[int]:
    """The goals a new review walks through: active ones, each parent before its children."""
    return [goal.id for _depth, goal in tree_order(doc) if goal.status is GoalStatus.ACTIVE]


def remaining_goals(doc: Document, review: Review) -> list[int]:
    """The review's goals still to go through (saved pages and deleted goals left out)."""
    saved = {page.goal_id for page in review.pages if page.saved}
    return [g for g in review.goal_ids if g in doc.goals and g not in saved]


def page_of(review: Review, goal_id: int) -> ReviewPage | None:
    """What the review holds for a goal so far."""
    return next((p for p in review.pages if p.goal_id == goal_id), None)


# --- what happened since the last review -------------------------------------------------


@dataclass(frozen=True)
class GoalWeek:
    """What happened to one goal since the last review, for its review page."""

    goal: Goal
    since: datetime
    done: list[Step]
    added: list[Step]
    progress_then: float
    progress_now: float
    pace: Pace
    metric: list[tuple[date, float]]
    feedback: list[Feedback] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the record: steps, progress change, pace and metric trend."""
        done = len(self.done)
        parts = [f"{done} step{'s' * (done != 1)} done", f"{len(self.added)} added",
                 f"progress {round(self.progress_then * 100)}% → "
                 f"{round(self.progress_now * 100)}%", self.pace.value]
        if self.metric:
            parts.append("metric " + " → ".join(f"{v:g}" for _d, v in self.metric[-3:]))
        return ", ".join(parts)


def look_back(doc: Document, now: datetime) -> datetime:
    """Where 'since the last review' starts: the newest finished review, else a week ago."""
    reviews = finished_reviews(doc)
    if reviews and reviews[0].finished_at is not None:
        return reviews[0].finished_at
    return now - FIRST_LOOK_BACK


def goal_week(doc: Document, goal_id: int, since: datetime, today: date) -> GoalWeek:
    """The page summary of `goal_id` for the time from `since` to today."""
    goal = doc.goals[goal_id]
    steps = [doc.steps[i] for i in subtree_steps(doc, goal_id)]  # the goals under it too
    done = [s for s in steps if s.done_at is not None and _after(s.done_at, since)]
    added = [s for s in steps if _after(s.created_at, since)]
    now = goal_progress(doc).get(goal_id, 0.0)
    then = _progress_at_last_review(doc, goal_id)
    if then is None:
        then = progress_on(doc, goal_id, local_day(since) - timedelta(days=1), today)
    checkins = sorted((c for c in doc.checkins.values() if c.goal_id == goal_id),
                      key=lambda c: (c.on, c.id))
    metric = [(c.on, c.value) for c in checkins if c.on >= local_day(since)]
    if checkins and not metric:
        metric = [(checkins[-1].on, checkins[-1].value)]  # the trend starts at the last one
    feedback = sorted((f for f in doc.feedback.values()
                       if f.goal_id == goal_id and f.on >= local_day(since)),
                      key=lambda f: (f.on, f.id))
    return GoalWeek(goal, since, done, added, then, now, pace(goal, now, today), metric,
                    feedback)


def _after(moment: datetime, since: datetime) -> bool:
    # Stored times may be naive (local) or aware; compare them as the same kind.
    if (moment.tzinfo is None) != (since.tzinfo is None):
        moment, since = moment.replace(tzinfo=None), since.replace(tzinfo=None)
    return moment >= since


def _progress_at_last_review(doc: Document, goal_id: int) -> float | None:
    for review in finished_reviews(doc):
        page = page_of(review, goal_id)
        if page is not None and page.progress is not None:
            return page.progress
    return None


# --- what a page asks ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageDraft:
    """What was typed on a goal's page, read into values (unreadable ones left out)."""

    goal_id: int
    metric_value: float | None = None
    wins: str = ""
    obstacles: str = ""
    strategy: str = ""
    new_deadline: date | None = None
    new_status: GoalStatus | None = None
    reason: str = ""
    next_steps: tuple[str, ...] = ()

    def page(self, week: GoalWeek, *, saved: bool, step_ids: list[int] | None = None
             ) -> ReviewPage:
        """The record of this page."""
        return ReviewPage(
            goal_id=self.goal_id, goal_title=week.goal.title, summary=week.summary(),
            progress=week.progress_now, metric_value=self.metric_value, wins=self.wins,
            obstacles=self.obstacles, strategy=self.strategy, adjustment=self.reason,
            new_deadline=self.new_deadline, new_status=self.new_status,
            next_steps="\n".join(self.next_steps), step_ids=step_ids or [], saved=saved)


def page_texts(page: ReviewPage | None) -> dict[str, str]:
    """The form's texts for a page kept in a draft (empty fields for a new page)."""
    if page is None:
        return dict.fromkeys(PAGE_FIELDS, "")
    return {
        "metric": "" if page.metric_value is None else f"{page.metric_value:g}",
        "wins": page.wins, "obstacles": page.obstacles, "strategy": page.strategy,
        "deadline": page.new_deadline.isoformat() if page.new_deadline else "",
        "status": page.new_status.value if page.new_status else "",
        "reason": page.adjustment, "next_steps": page.next_steps,
    }


def read_page(goal: Goal, texts: dict[str, str], today: date) -> tuple[PageDraft, dict[str, str]]:
    """The draft from the page's texts, and what is wrong by field name."""
    errors: dict[str, str] = {}
    metric = _number(texts.get("metric", ""), "metric", errors)
    if metric is not None and goal.metric is None:
        errors["metric"] = "this goal has no metric; give it one in Goals (e)"
    deadline = _deadline(goal, texts.get("deadline", ""), today, errors)
    status = _status(texts.get("status", ""), errors)
    status = None if status is goal.status else status
    reason = texts.get("reason", "").strip()
    if not reason and (deadline is not None or status in (GoalStatus.PAUSED,
                                                          GoalStatus.DROPPED)):
        errors["reason"] = ("say why: it is kept in the goal's history"
                            if deadline else f"say why the goal is {status}")
    steps = tuple(line.strip() for line in texts.get("next_steps", "").splitlines()
                  if line.strip())
    draft = PageDraft(goal.id, metric, texts.get("wins", "").strip(),
                      texts.get("obstacles", "").strip(), texts.get("strategy", "").strip(),
                      deadline, status, reason, steps)
    return draft, errors


def _number(text: str, name: str, errors: dict[str, str]) -> float | None:
    if not text.strip():
        return None
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        errors[name] = "a number, e.g. 12 or 3.5"
        return None


def _status(text: str, errors: dict[str, str]) -> GoalStatus | None:
    if not text.strip():
        return None
    try:
        return GoalStatus(text.strip())
    except ValueError:
        errors["status"] = "active, paused, done or dropped"
        return None


def _deadline(goal: Goal, text: str, today: date, errors: dict[str, str]) -> date | None:
    if not text.strip():
        return None
    try:
        deadline = parse_date(text, today)
    except DateError as error:
        errors["deadline"] = str(error)
        return None
    if deadline < goal.start:
        errors["deadline"] = f"before the goal's start ({goal.start:%d %b %Y})"
        return None
    return None if deadline == goal.deadline else deadline


def confidence_of(text: str) -> tuple[int | None, str | None]:
    """The wrap-up's confidence score 1-5 from what was typed (blank: not given)."""
    if not text.strip():
        return None, None
    if text.strip() in {"1", "2", "3", "4", "5"}:
        return int(text.strip()), None
    return None, "a whole number from 1 (not at all) to 5 (fully)"


def review_title(review: Review) -> str:
    """'Review of Friday 20 Nov 2026' by the day it was finished (or started)."""
    moment = review.finished_at or review.started_at
    return f"Review of {local_day(moment):%A %d %b %Y}"


def page_heading(page: ReviewPage, doc: Document) -> str:
    """The goal a page was about, by its current title, else the one it had then."""
    goal = doc.goals.get(page.goal_id)
    return one_line(goal.title if goal else page.goal_title or f"goal {page.goal_id}", 200)
