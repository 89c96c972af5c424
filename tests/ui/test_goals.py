"""The Goals screen by keyboard: build a tree, move, flag deadlines, roll progress up."""

from __future__ import annotations

import re
from datetime import date

import pytest

from textual.pilot import Pilot
from textual.widgets import Input, Label

from tui.actions import add_step
from tui.actions import goals as change
from tui.app import CareerApp
from tui.domain.goals import GoalDraft
from tui.domain.models import GoalStatus, Horizon, Metric
from tui.screens.goal_dialogs import CheckInForm, RetrospectiveForm
from tui.screens.goal_form import GoalForm
from tui.screens.goals import GoalsScreen
from tui.store import Store
from tui.widgets.choice_dialog import ChoiceDialog
from tui.widgets.confirm_dialog import ConfirmDialog
from tui.widgets.goal_tree import GoalTree

from .conftest import AppFactory
from .helpers import SIZE, retype, widget_text


def screen(app: CareerApp) -> GoalsScreen:
    return next(s for s in app.screen_stack if isinstance(s, GoalsScreen))


def tree(app: CareerApp) -> GoalTree:
    return screen(app).query_one(GoalTree)


def label(app: CareerApp, goal_id: int) -> str:
    node = next(n for n in tree(app).nodes() if n.data == goal_id)
    return node.label.plain


def percent(app: CareerApp, goal_id: int) -> int:
    match = re.search(r"(\d+)%", label(app, goal_id))
    assert match, label(app, goal_id)
    return int(match.group(1))


def detail(app: CareerApp) -> str:
    """The detail pane's text with its wrapping undone."""
    return " ".join(widget_text(screen(app).query_one("#goals-detail")).split())


async def type_into(pilot: Pilot[int], field: str, text: str) -> None:
    widget = pilot.app.screen.query_one(f"#field-{field}", Input)
    widget.focus()
    await pilot.pause()
    await retype(pilot, widget, text)


async def new_goal(pilot: Pilot[int], title: str, deadline: str) -> None:
    """a, then title and deadline, then ctrl+s."""
    await pilot.press("a")
    assert isinstance(pilot.app.screen, GoalForm)
    await retype(pilot, pilot.app.screen.query_one("#field-title", Input), title)
    await pilot.press("tab")
    await retype(pilot, pilot.app.screen.query_one("#field-deadline", Input), deadline)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def walk_to(pilot: Pilot[int], goal_id: int) -> None:
    goals = tree(pilot.app)  # type: ignore[arg-type]
    for _ in range(60):
        if goals.goal_id == goal_id:
            return
        await pilot.press("j")
    assert goals.goal_id == goal_id


def seed(store: Store) -> dict[str, int]:
    """Senior > Lead > Ship (with two steps, one done) and a second top goal, Talk."""
    with store.transaction() as tx:
        senior = change.add_goal(tx, GoalDraft("Senior engineer by mid-2027", Horizon.LONG,
                                               deadline=date(2027, 6, 30)), None)
        lead = change.add_goal(tx, GoalDraft("Lead two cross-team projects", Horizon.MEDIUM,
                                             deadline=date(2027, 3, 31)), senior.id)
        ship = change.add_goal(tx, GoalDraft("Ship deploys to ten teams",
                                             deadline=date(2027, 1, 31)), lead.id)
        talk = change.add_goal(tx, GoalDraft("Give a talk at the meetup"), None)
        done = add_step(tx, "Write the guide", goal_id=ship.id)
        last = add_step(tx, "Onboard the last team", goal_id=ship.id, due=date(2026, 11, 23))
    with store.transaction() as tx:
        from tui.actions import toggle_step
        toggle_step(tx, done.id)
    return {"senior": senior.id, "lead": lead.id, "ship": ship.id, "talk": talk.id,
            "last": last.id}


@pytest.fixture
def seeded(empty_store: Store) -> dict[str, int]:
    return seed(empty_store)


@pytest.fixture
def goals_app(empty_store: Store, seeded: dict[str, int], make_app: AppFactory) -> CareerApp:
    """The app on a small plan of its own (see `seed`)."""
    return make_app(empty_store)


# --- building the tree ------------------------------------------------------------------------


async def test_a_three_level_tree_by_keyboard_alone(empty_app: CareerApp) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        assert tree(empty_app).goal_id is None, "the cursor starts on the vision"
        await new_goal(pilot, "Senior engineer by mid-2027", "2027-06-30")
        await new_goal(pilot, "Lead two cross-team projects", "2027-03-31")
        await new_goal(pilot, "Ship self-service deploys", "+8w")

        doc = Store.open(empty_app.store.path).document
        by_title = {g.title: g for g in doc.goals.values()}
        senior, lead, ship = (by_title[t] for t in (
            "Senior engineer by mid-2027", "Lead two cross-team projects",
            "Ship self-service deploys"))
        assert (senior.parent_id, lead.parent_id, ship.parent_id) == (None, senior.id, lead.id)
        assert (senior.horizon, lead.horizon, ship.horizon) == (
            Horizon.LONG, Horizon.MEDIUM, Horizon.SHORT)
        assert ship.deadline == date(2027, 1, 18)
        assert tree(empty_app).goal_id == ship.id, "the cursor follows the new goal"

        await pilot.press("A")  # a sibling of Ship, under Lead
        await retype(pilot, empty_app.screen.query_one("#field-title", Input), "Write the RFC")
        await pilot.press("ctrl+s")
        await pilot.pause()
        rfc = next(g for g in empty_app.store.document.goals.values() if g.title == "Write the RFC")
        assert rfc.parent_id == lead.id


async def test_a_template_fills_the_form(empty_app: CareerApp) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a")
        form = empty_app.screen
        assert isinstance(form, GoalForm)
        form.query_one("#field-template").focus()
        await pilot.press("enter", "down", "down", "down", "down", "down", "enter")
        await pilot.pause()
        assert form.query_one("#field-title", Input).value == "Pass the CERTIFICATION exam"
        assert form.query_one("#field-done_when", Input).value == "the certificate is issued"
        await pilot.press("ctrl+s")
        await pilot.pause()
        (goal,) = empty_app.store.document.goals.values()
        assert goal.deadline == date(2027, 2, 1)  # ten weeks from Monday 23 November


async def test_a_goal_without_a_title_is_refused_and_the_form_stays(empty_app: CareerApp) -> None:
    async with empty_app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "a", "ctrl+s")
        await pilot.pause()
        assert isinstance(empty_app.screen, GoalForm)
        assert "must not be empty" in str(empty_app.screen.query_one("#error-title", Label).render())
        assert not empty_app.store.path.exists()


# --- SMART and deadlines ------------------------------------------------------------------------


async def test_a_child_deadline_after_its_parents_is_flagged(
    goals_app: CareerApp, seeded: dict[str, int],
) -> None:
    app, ids = goals_app, seeded
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await walk_to(pilot, ids["lead"])
        await pilot.press("a")
        await retype(pilot, app.screen.query_one("#field-title", Input), "Run the pilot project")
        await pilot.press("tab")
        await retype(pilot, app.screen.query_one("#field-deadline", Input), "2027-05-15")
        await pilot.pause()
        hints = widget_text(app.screen.query_one("#goal-smart"))
        assert "after the parent goal's (2027-03-31)" in hints, "live in the form"
        await pilot.press("ctrl+s")
        await pilot.pause()

        goal = next(g for g in app.store.document.goals.values() if g.title.startswith("Run"))
        assert tree(app).goal_id == goal.id
        assert "✗ T the deadline 2027-05-15 is after the parent goal's" in detail(app)
        assert re.search(r"SMA.T", label(app, goal.id)) or "T" in label(app, goal.id)


async def test_moving_a_deadline_asks_why_and_keeps_the_history(
    goals_app: CareerApp, seeded: dict[str, int],
) -> None:
    app, ids = goals_app, seeded
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await walk_to(pilot, ids["ship"])
        await pilot.press("e")
        await type_into(pilot, "deadline", "2027-02-28")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm), "no reason given: the form stays"
        assert "why" in str(app.screen.query_one("#error-reason", Label).render())
        await type_into(pilot, "reason", "the payments team slipped a month")
        await pilot.press("enter")  # the reason is the last field shown
        await pilot.pause()

        assert isinstance(app.screen, GoalsScreen)
        (entry,) = Store.open(app.store.path).document.goals[ids["ship"]].history
        assert (entry.old, entry.new) == ("2027-01-31", "2027-02-28")
        assert "the payments team slipped a month" in detail(app)


# --- moving, deleting, status ---------------------------------------------------------------------


async def test_m_moves_a_goal_with_its_subtree_to_another_parent(
    goals_app: CareerApp, seeded: dict[str, int],
) -> None:
    app, ids = goals_app, seeded
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await walk_to(pilot, ids["lead"])
        await pilot.press("m")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        assert all("Ship" not in label for _key, label in dialog.choices), "not under itself"
        await pilot.press("end", "enter")  # the last choice: Talk
        await pilot.pause()
        doc = Store.open(app.store.path).document
        assert doc.goals[ids["lead"]].parent_id == ids["talk"]
        assert doc.goals[ids["ship"]].parent_id == ids["lead"]
        assert tree(app).goal_id == ids["lead"]
        node = next(n for n in tree(app).nodes() if n.data == ids["lead"])
        assert node.parent is not None and node.parent.data == ids["talk"]


async def test_deleting_a_goal_with_children_asks_and_undo_restores_it(
    goals_app: CareerApp, seeded: dict[str, int],
) -> None:
    app, ids = goals_app, seeded
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        before = app.store.document
        await walk_to(pilot, ids["lead"])
        await pilot.press("x")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # keep them: lift
        await pilot.pause()
        doc = Store.open(app.store.path).document
        assert ids["lead"] not in doc.goals
        assert doc.goals[ids["ship"]].parent_id == ids["senior"]

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert Store.open(app.store.path).document.goals == before.goals


async def test_dropping_a_goal_asks_for_a_retrospective(
    goals_app: CareerApp, seeded: dict[str, int],
) -> None:
    app, ids = goals_app, seeded
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await walk_to(pilot, ids["talk"])
        await pilot.press("s", "end", "enter")
        assert isinstance(app.screen, RetrospectiveForm)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RetrospectiveForm), "what happened is required"
        await pilot.press(*"the meetup stopped", "tab", *"ask earlier", "enter")
        await pilot.pause()
        goal = Store.open(app.store.path).document.goals[ids["talk"]]
        assert goal.status is GoalStatus.DROPPED
        assert goal.retrospective is not None and goal.retrospective.learned == "ask earlier"
        assert "Learned ask earlier" in detail(app)


async def test_c_logs_a_metric_check_in(
    goals_app: CareerApp, seeded: dict[str, int],
) -> None:
    app, ids = goals_app, seeded
    with Store.open(app.store.path).transaction() as tx:
        from tui.domain.models import revise
        tx.put(revise(tx.doc.goals[ids["talk"]], metric=Metric(target=3, unit="talks")))
    app.store.refresh()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await walk_to(pilot, ids["talk"])
        await pilot.press("c")
        assert isinstance(app.screen, CheckInForm)
        await pilot.press(*"two", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CheckInForm), "not a number"
        await pilot.press("ctrl+u", *"2", "enter", "enter", "enter")
        await pilot.pause()
        assert Store.open(app.store.path).document.goals[ids["talk"]].metric.current == 2  # type: ignore[union-attr]
        assert percent(app, ids["talk"]) == 67


# --- progress rolls up ------------------------------------------------------------------------------


async def test_the_last_step_checked_off_moves_every_ancestor_and_offers_done(
    goals_app: CareerApp, seeded: dict[str, int],
) -> None:
    app, ids = goals_app, seeded
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        assert [percent(app, ids[k]) for k in ("senior", "lead", "ship")] == [50, 50, 50]
        await pilot.press("1")  # Today lists the last step, due today
        await pilot.press("space")
        await pilot.pause()
        offer = app.screen
        assert isinstance(offer, ConfirmDialog)
        assert "Ship deploys to ten teams" in offer.question
        await pilot.press("y")  # mark Ship done; then Lead and Senior are offered in turn
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "Lead" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert [percent(app, ids[k]) for k in ("senior", "lead", "ship")] == [100, 100, 100]
        doc = Store.open(app.store.path).document
        assert doc.goals[ids["ship"]].status is GoalStatus.DONE
        assert doc.goals[ids["lead"]].status is GoalStatus.ACTIVE


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_line_shows_the_same_figures_in_the_same_columns(
        app: CareerApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await pilot.pause()
        lines = widget_text(tree(app)).splitlines()
        goal_lines = [line for line in lines if "%" in line]
        assert len(goal_lines) == len(app.store.document.goals)
        assert len({line.index("%") for line in goal_lines}) == 1, goal_lines
        # Every line keeps its deadline at both sizes; the wider one adds the SMART badge.
        assert all(re.search(r"\d{4}-\d\d-\d\d", line) for line in goal_lines)
        assert all(("SMART" in line) == (size[0] > 100) for line in goal_lines)
