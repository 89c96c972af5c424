"""The Review screen: a whole weekly review by keyboard, drafts, feedback and wins."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Select, TextArea

from tui.app import CareerApp
from tui.domain.models import GoalStatus
from tui.domain.review import agenda, draft_review, finished_reviews
from tui.screens.export_form import EXPORTS, ExportForm
from tui.screens.log_forms import FeedbackForm, WinForm
from tui.screens.review import ReviewScreen
from tui.screens.review_session import ReviewSession
from tui.screens.today import TodayScreen
from tui.widgets.confirm_dialog import ConfirmDialog
from tui.widgets.hanging_text import HangingText, lay_out

from .helpers import SIZE

TODAY = date(2026, 11, 23)


async def open_review(pilot: Pilot[int]) -> ReviewScreen:
    await pilot.press("6")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def shown(widget: HangingText, width: int = 200) -> str:
    """The plain text a HangingText shows."""
    return "\n".join(line.plain for line in lay_out(widget._lines, width))


async def type_into(pilot: Pilot[int], text: str) -> None:
    """Type `text` into the focused field ('\\n' as enter)."""
    for part in text.split("\n")[:-1]:
        await pilot.press(*part, "enter")
    await pilot.press(*text.split("\n")[-1])


async def test_a_whole_review_by_keyboard_over_the_demo_plan(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        doc = app.store.document
        goals = agenda(doc)
        assert len(goals) == 9
        await open_review(pilot)
        await pilot.press("enter")  # on "Start review"
        await pilot.pause()
        session = app.screen
        assert isinstance(session, ReviewSession)
        assert session.goal is not None and session.goal.id == goals[0]
        assert isinstance(app.focused, Input) and app.focused.id == "field-wins"
        # Page 1 (no metric): wins, obstacles, strategy, a new deadline with its reason and
        # two next steps.
        await type_into(pilot, "Shipped canary")
        await pilot.press("tab")
        await type_into(pilot, "On-call week")
        await pilot.press("tab")
        await type_into(pilot, "Block mornings")
        await pilot.press("tab")
        await type_into(pilot, "2027-08-31")
        await pilot.press("tab", "tab")  # past Status, left unchanged
        await type_into(pilot, "the RFC slipped")
        await pilot.press("tab")
        assert isinstance(app.focused, TextArea)
        await type_into(pilot, "Ask Priya for a slot\nWrite the talk outline")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Page 2 has a metric: a check-in of 2 (of 2 projects).
        assert session.goal is not None and session.goal.id == goals[1]
        assert isinstance(app.focused, Input) and app.focused.id == "field-metric"
        await type_into(pilot, "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        # That met the goal's target: the usual offer to mark it done comes up over the page.
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is session
        for _ in goals[2:]:  # the rest: saved as they are
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert session.goal is None  # the wrap-up
        assert isinstance(app.focused, TextArea) and app.focused.id == "field-reflection"
        await type_into(pilot, "Good week")
        await pilot.press("tab")
        await type_into(pilot, "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

        doc = app.store.document
        review = finished_reviews(doc)[0]
        assert draft_review(doc) is None
        assert (review.reflection, review.confidence) == ("Good week", 4)
        assert [p.goal_id for p in review.pages] == goals
        first = review.pages[0]
        assert (first.wins, first.obstacles, first.strategy) == (
            "Shipped canary", "On-call week", "Block mornings")
        assert [doc.steps[i].title for i in first.step_ids] == [
            "Ask Priya for a slot", "Write the talk outline"]
        assert {doc.steps[i].goal_id for i in first.step_ids} == {goals[0]}
        senior = doc.goals[goals[0]]
        assert senior.deadline == date(2027, 8, 31)
        assert senior.history[-1].reason == "the RFC slipped"
        lead = doc.goals[goals[1]]
        assert lead.metric is not None and lead.metric.current == 2
        assert lead.status is GoalStatus.DONE
        assert review.pages[1].metric_value == 2
        snapshots = [s for s in doc.snapshots.values() if s.on == TODAY]
        assert sorted(s.goal_id for s in snapshots) == sorted(goals)
        # The record is shown in the history, with its pages.
        screen = app.screen
        assert isinstance(screen, ReviewScreen) and screen.section == "history"
        text = shown(screen.query_one(HangingText))
        assert "Review of Monday 23 Nov 2026" in text and "Shipped canary" in text
        assert "→ Write the talk outline" in text and "confidence 4 of 5" in text


async def test_escape_keeps_a_draft_that_the_next_start_resumes(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        goals = agenda(app.store.document)
        await open_review(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+s")  # page 1 saved
        await pilot.pause()
        await type_into(pilot, "1.5")  # page 2: a metric, and wins, then escape
        await pilot.press("tab")
        await type_into(pilot, "Half a page")
        await pilot.press("escape")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        draft = draft_review(app.store.document)
        assert draft is not None
        assert [(p.goal_id, p.saved) for p in draft.pages] == [(goals[0], True),
                                                                (goals[1], False)]
        lead = app.store.document.goals[goals[1]]
        assert lead.metric is not None and lead.metric.current == 1  # a draft applies nothing
        sections = screen.query_one("#review-sections", OptionList)
        assert "Resume 1/9" in str(sections.get_option_at_index(0).prompt)

        await pilot.press("r")
        await pilot.pause()
        session = app.screen
        assert isinstance(session, ReviewSession)
        assert session.goal is not None and session.goal.id == goals[1]
        assert session.query_one("#field-metric", Input).value == "1.5"
        assert session.query_one("#field-wins", Input).value == "Half a page"
        await pilot.press("ctrl+s")
        await pilot.pause()
        lead = app.store.document.goals[goals[1]]
        assert lead.metric is not None and lead.metric.current == 1.5


async def test_a_bad_page_shows_its_errors_and_saves_nothing(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        before = app.store.document
        await type_into(pilot, "lots")  # not a number
        session = app.screen
        session.query_one("#field-status", Select).value = GoalStatus.DROPPED.value
        await pilot.press("ctrl+s")  # and no reason for dropping
        await pilot.pause()
        assert app.store.document == before
        errors = {label.id: str(label.render()) for label in session.query(".field-error")
                  if label.display}
        assert errors == {"error-metric": "a number, e.g. 12 or 3.5",
                          "error-reason": "say why the goal is dropped"}


async def test_feedback_and_wins_are_added_from_the_review_screen(app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FeedbackForm)
        await type_into(pilot, "Sam")
        await pilot.press("tab")
        await type_into(pilot, "manager")
        await pilot.press("tab", "tab", "tab", "tab")  # date today, kind, goal
        await type_into(pilot, "More [bold]design docs[/bold]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        entry = max(app.store.document.feedback.values(), key=lambda f: f.id)
        assert (entry.who, entry.role, entry.on) == ("Sam", "manager", TODAY)
        assert entry.text == "More [bold]design docs[/bold]"
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WinForm)
        await type_into(pilot, "Presented at the team meeting")
        await pilot.press("ctrl+s")
        await pilot.pause()
        wins = app.store.document.wins.values()
        assert "Presented at the team meeting" in [w.title for w in wins]
        screen.show_section("feedback")
        await pilot.pause()
        text = shown(screen.query_one(HangingText))
        assert "More [bold]design docs[/bold]" in text  # literally, not as markup


async def test_today_says_when_the_review_is_due_and_counts_the_weeks_wins(
        app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        line = str(screen.query_one("#today-review").render())
        assert "Weekly review due since Fri 20 Nov" in line
        assert "last one 13 Nov" in line and "0 wins this week" in line
        await pilot.press("space")  # check the first step off: a win
        await pilot.pause()
        assert "1 win this week" in str(screen.query_one("#today-review").render())


async def test_an_export_from_the_palette_is_written_private_and_complete(
        app: CareerApp, tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old")
    async with app.run_test(size=SIZE) as pilot:
        app.export(EXPORTS[0])  # what the palette's "Export plan (Markdown)" runs
        await pilot.pause()
        assert isinstance(app.screen, ExportForm)
        field = app.screen.query_one("#field-path", Input)
        assert field.value.endswith("careerdash-plan-2026-11-23.md")
        field.value = str(target)
        await pilot.press("ctrl+s")  # it exists: the first ctrl+s only warns
        await pilot.pause()
        assert isinstance(app.screen, ExportForm) and target.read_text() == "old"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, ExportForm)
    text = target.read_text()
    assert text.startswith("# ") and "Senior engineer by mid-2027" in text
    assert target.stat().st_mode & 0o777 == 0o600


async def test_x_on_start_review_discards_the_draft_and_ctrl_z_brings_it_back(
        app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("r")
        await pilot.pause()
        await type_into(pilot, "kept for later")
        await pilot.press("escape")
        await pilot.pause()
        assert draft_review(app.store.document) is not None
        await pilot.press("x")
        await pilot.pause()
        assert draft_review(app.store.document) is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        draft = draft_review(app.store.document)
        assert draft is not None and draft.pages[0].wins == "kept for later"


async def test_feedback_from_a_goals_detail_is_recorded_against_that_goal(
        app: CareerApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "j")  # Goals, the first goal under the vision
        await pilot.pause()
        goal_id = agenda(app.store.document)[0]
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FeedbackForm)
        assert form.query_one("#field-goal", Select).value == goal_id
        await type_into(pilot, "Priya")
        form.query_one("#field-text", Input).value = "Take the platform lead role"
        await pilot.press("ctrl+s")
        await pilot.pause()
        entry = max(app.store.document.feedback.values(), key=lambda f: f.id)
        assert (entry.who, entry.goal_id) == ("Priya", goal_id)
