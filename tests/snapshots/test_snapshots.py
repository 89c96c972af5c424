"""What each state of the Today screen looks like, at 80x24 and 120x40.

The date is frozen (Monday 23 November 2026), the data lives in tmp_path, the theme comes
from the repository (no user theme: tests/conftest.py points the config at tmp_path), and
text cursors do not blink, so the SVGs are the same on every run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tui.app import CareerApp
from tui.domain.demo import demo_document
from tui.store import Store

FIXED = datetime(2026, 11, 23, 9, 0)  # a Monday
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Compare = Callable[..., bool]


@pytest.fixture
def empty_store(data_file: Path) -> Store:
    """A store in tmp_path (tests/conftest.py points data and config there) on the fixed day."""
    return Store.open(data_file, clock=lambda: FIXED)


@pytest.fixture
def demo_app(empty_store: Store) -> CareerApp:
    empty_store.replace_document(demo_document(FIXED.date()))
    return CareerApp(empty_store)


def keys(*pressed: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    """Press `pressed`, then stop every text cursor blinking so the shot is stable."""

    async def run_before(pilot: Pilot[object]) -> None:
        await pilot.press(*pressed)
        await pilot.pause()
        for field in pilot.app.screen.query("Input, TextArea"):
            assert isinstance(field, Input | TextArea)
            field.cursor_blink = False
        await pilot.pause()

    return run_before


def shoot(snap_compare: Compare, app: CareerApp, size: tuple[int, int],
          pressed: Iterable[str] = ()) -> bool:
    return snap_compare(app, terminal_size=size, run_before=keys(*pressed))


@pytest.mark.parametrize("size", SIZES)
def test_today_on_the_demo_plan(snap_compare: Compare, demo_app: CareerApp,
                                size: tuple[int, int]) -> None:
    """Today on the sample plan.

    A summary line "Monday 23 November 2026 · 4 overdue · 5 due today · 0 done today";
    under it "Weekly review due since Fri 20 Nov (6)" in orange, then " · last one 13 Nov ·
    0 wins this week", whole at 80 columns; a "Due today and overdue" panel with nine rows, the four overdue ones first ("3d late",
    "2d late", "5d late", "1d late" in red, bold), then five due "today"; the cursor on
    "Book the exam date"; below, "Active goals" with indented goal titles, bars and
    percentages; the footer with the keys.
    """
    assert shoot(snap_compare, demo_app, size)


@pytest.mark.parametrize("size", SIZES)
def test_today_after_checking_off_the_first_step(snap_compare: Compare, demo_app: CareerApp,
                                                 size: tuple[int, int]) -> None:
    """Space on the first row.

    "Book the exam date" moves to the bottom of the table with "[✓]" in green and its
    title struck through and dimmed; the cursor is on the new first row, "Fix rollback
    for canary deploys"; the summary says "3 overdue" and "1 done today"; "Pass the CKA
    certification" reads 60% instead of 35%, and "Senior engineer by mid-2027" 53% instead
    of 46%.
    """
    assert shoot(snap_compare, demo_app, size, ["space"])


@pytest.mark.parametrize("size", SIZES)
def test_add_step_form_with_an_invalid_due_date(snap_compare: Compare, demo_app: CareerApp,
                                                size: tuple[int, int]) -> None:
    """The add-step form after typing a title, "soon" as the due date, and ctrl+s.

    A "New step" box over the dimmed Today screen: Title "Prepare 1:1 notes", Due "soon"
    with the error "'soon' is not a date; use YYYY-MM-DD, today, tomorrow, …" in red under
    it; priority "medium", goal "(no goal)", empty notes; the key hint line; a warning
    toast "Fix the marked fields; nothing was saved."
    """
    pressed = ["a", *"Prepare 1:1 notes", "tab", "home", "ctrl+k", *"soon", "ctrl+s"]
    assert shoot(snap_compare, demo_app, size, pressed)


@pytest.mark.parametrize("size", SIZES)
def test_delete_then_undo_toast(snap_compare: Compare, demo_app: CareerApp,
                                size: tuple[int, int]) -> None:
    """x on the first row: deleted at once, no dialog.

    "Book the exam date" is gone from the table (three overdue rows remain, the cursor on
    "Fix rollback for canary deploys"), and a toast says
    'Deleted “Book the exam date”. ctrl+z brings it back.'
    """
    assert shoot(snap_compare, demo_app, size, ["x"])


@pytest.mark.parametrize("size", SIZES)
def test_help_panel(snap_compare: Compare, demo_app: CareerApp, size: tuple[int, int]) -> None:
    """? on Today.

    A box titled "Keys on Today" over the dimmed Today screen: Today's help text ("Steps
    overdue or due today, most urgent first. Active goals below."), "^p: the command
    palette, every action by name", then "This screen" (a Add step, then Textual's tab,
    shift+tab and ^c in grey) and "Here (Due today and overdue)" (space Done, j ↓ Down,
    k ↑ Up, e Edit, x del Delete, then the table's own keys in grey). At 120x40 "Everywhere"
    follows (1 … 6 Today … Review, ^z Undo, ^y Redo, q ^q Quit, ? Help); at 80x24 the list
    stops at "^pgup Page Left". Both have a scroll bar on the right. Keys are bold in the
    accent colour, right-aligned in one column; the bottom border says
    "esc ? q: close · ↑↓ pgdn: scroll".
    """
    assert shoot(snap_compare, demo_app, size, ["question_mark"])


@pytest.mark.parametrize("size", SIZES)
def test_today_on_an_empty_store(snap_compare: Compare, empty_store: Store,
                                 size: tuple[int, int]) -> None:
    """Today with no data file yet.

    The summary "Monday 23 November 2026 · 0 overdue · 0 due today · 0 done today"; the
    steps panel says "Nothing due today. Press a to add a step." with no table header;
    the goals panel says "No active goals yet."; the footer with the keys.
    """
    assert shoot(snap_compare, CareerApp(empty_store), size)


# --- Values ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_values_on_the_demo_plan(snap_compare: Compare, demo_app: CareerApp,
                                 size: tuple[int, int]) -> None:
    """2: the Values screen on the sample plan.

    The vision on the top line after a bold "Vision"; on the left a "Self-assessment"
    panel listing Vision ✓, Values 5, Strengths 3, Growth areas 2, Skills 5, Interests 3,
    Objectives 2, with Values highlighted; on the right "Values · 5" ranked 1-5 with their
    goal counts ("4 goals" … and "none" in the warning colour for Balance), the key hint
    in the panel's bottom border; below, "Goals serving Craftsmanship" listing four goals
    with their percentages; above the footer, "▲ No goal serves Balance."
    """
    assert shoot(snap_compare, demo_app, size, ["2"])


@pytest.mark.parametrize("size", SIZES)
def test_values_skills_by_gap(snap_compare: Compare, demo_app: CareerApp,
                              size: tuple[int, int]) -> None:
    """2 then ] three times: the Skills section.

    "Skills · 5", biggest gap first: Kubernetes, Presenting, System design (2→4, 2→4, 3→5,
    two blocks of gap each, in the warning colour), then Python and Stakeholder management
    (one block); "none" under Goals; below, "Kubernetes" with "Level 2 of 5 now, 4 wanted:
    2 levels to learn." and, in the warning colour, "No goal builds it yet: g creates one."
    """
    assert shoot(snap_compare, demo_app, size, ["2", *["right_square_bracket"] * 3])


@pytest.mark.parametrize("size", SIZES)
def test_values_entry_form_with_a_duplicate_name(snap_compare: Compare, demo_app: CareerApp,
                                                 size: tuple[int, int]) -> None:
    """2, a, "autonomy", ctrl+s: a "New value" form that stays open.

    Name "autonomy" with "another value is named 'Autonomy'" in red under it, empty notes,
    the key hint; a warning toast "Fix the marked fields; nothing was saved."
    """
    assert shoot(snap_compare, demo_app, size, ["2", "a", *"autonomy", "ctrl+s"])


@pytest.mark.parametrize("size", SIZES)
def test_values_on_an_empty_store(snap_compare: Compare, empty_store: Store,
                                  size: tuple[int, int]) -> None:
    """2 with no data yet: "No vision yet: press v …" on the top line, every count 0 (the
    vision "—"), and in the Values panel "Nothing here yet. Press a to add your first
    value. Questions that help:" followed by three questions in italics."""
    assert shoot(snap_compare, CareerApp(empty_store), size, ["2"])


# --- Goals ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_goals_on_the_demo_plan(snap_compare: Compare, demo_app: CareerApp,
                                size: tuple[int, int]) -> None:
    """3 then j: the goal tree with the first goal selected.

    Left, "Goals": the vision in bold at the root, then the tree with fold marks and
    guides: "Senior engineer by mid-2027" highlighted, its children indented below, the
    paused "Mentor two junior engineers" dimmed with "‖". At 120x40 each line also shows the
    SMART badge (red letters for failed checks), a bar, the pace arrow (↑ ↓ →) and
    percentage in the pace colour, and the deadline; at 80x24 the bar and badge give way to
    the title. Right, the selected goal's details: status, progress, pace against the line,
    dates, measure, what it serves, resources, time, the five SMART verdicts, its steps.
    """
    assert shoot(snap_compare, demo_app, size, ["3", "j"])


@pytest.mark.parametrize("size", SIZES)
def test_goal_form_with_live_smart_hints(snap_compare: Compare, demo_app: CareerApp,
                                         size: tuple[int, int]) -> None:
    """3, j, a, "Get better": the "New goal under …" form.

    At the top "SMART" with the letters coloured by verdict and a line for each failed one
    ("✗ S say exactly what, in at least 4 words …", "✗ M add a metric …", "✗ T set a
    deadline" …); below, Template, Title "Get better", Deadline with "no deadline yet".
    """
    assert shoot(snap_compare, demo_app, size, ["3", "j", "a", *"Get better"])


# --- Board ------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_board_on_the_demo_plan(snap_compare: Compare, demo_app: CareerApp,
                                size: tuple[int, int]) -> None:
    """4, j, then l: the kanban with the Doing column active.

    A status line ("all steps · 9 done over a week ago hidden (o shows them)"), then four
    bordered columns "To do 14", "Doing 3/3" (bold: active), "Blocked 2", "Done 5". Each card
    is three lines: the title (cut with "…"), "◆" and its goal in muted text, and its due
    date (overdue ones in red, e.g. "2d late") with its priority in colour; the recurring
    step shows "↻" and its streak. The cursor card of Doing is filled in the cursor colour,
    the other columns' cursor cards in a muted blue. Below, "Card": the selected step's
    title, what it needs, and its goal. Nothing overlaps at 80x24.
    """
    assert shoot(snap_compare, demo_app, size, ["4", "j", "l"])


@pytest.mark.parametrize("size", SIZES)
def test_board_over_its_work_in_progress_limit(snap_compare: Compare, demo_app: CareerApp,
                                               size: tuple[int, int]) -> None:
    """4 then >: a fourth card moved into Doing; the column's border, title "Doing 4/3" and
    subtitle "over the limit" turn to the warning colour, and the moved card is the cursor
    card of Doing."""
    assert shoot(snap_compare, demo_app, size, ["4", "greater_than_sign"])


@pytest.mark.parametrize("size", SIZES)
def test_step_form_with_a_bad_repeat(snap_compare: Compare, demo_app: CareerApp,
                                     size: tuple[int, int]) -> None:
    """4, e, five tabs to Repeats, "now and then", ctrl+s: the step form with its new fields
    (Repeats, Estimate, Cost, Who helps) and, under Repeats, the error in red; the form is
    still open with what was typed."""
    assert shoot(snap_compare, demo_app, size,
                 ["4", "e", *["tab"] * 4, *"now and then", "ctrl+s"])


# --- Progress ---------------------------------------------------------------------------

_PLOT_KEYS = {"burn-up": [], "trajectory": ["tab"], "metric": ["tab"] * 2,
              "skills": ["tab"] * 3, "activity": ["tab"] * 4}


@pytest.mark.parametrize("plot", list(_PLOT_KEYS))
@pytest.mark.parametrize("size", SIZES)
def test_progress_plots_on_the_demo_plan(snap_compare: Compare, demo_app: CareerApp,
                                         size: tuple[int, int], plot: str) -> None:
    """5, then tab to the plot. A tab line with the current plot in reverse and the range
    ("3 months (r)"), then the plot in a panel, in the theme's colours, with its sentence:

    burn-up: bars per week in the primary colour, the running total as a green line on the
    right axis, weeks labelled "23 Nov". trajectory: "Senior engineer by mid-2027", progress
    in blue against the muted straight line, "At this pace: …". metric: the practice-lab
    check-ins rising towards the green target line. skills: a line per skill, widest gap
    first: a solid blue bar to its level, a light green one on to its target, "2 → 4". activity: a calendar of squares, Monday to Sunday down and
    weeks across with month names, green shades on active days, "Current streak: 4 days".
    No axis label or title is cut at either size.
    """
    assert shoot(snap_compare, demo_app, size, ["5", *_PLOT_KEYS[plot]])


@pytest.mark.parametrize("size", SIZES)
def test_review_page_of_the_first_goal(snap_compare: Compare, demo_app: CareerApp,
                                       size: tuple[int, int]) -> None:
    """6, then r: the first page of the weekly review.

    A head line "Weekly review · goal 1 of 9 · Senior engineer by mid-2027"; under
    "Since Fri 13 Nov": Progress "33% → 46% (+13)", Pace "ahead" in green, Done listing five
    steps of the goals below it, Added "nothing"; then the fields Wins (holding "Shipped
    the canary rollout", focused), Obstacles, Strategy, Deadline (placeholder with the
    current deadline), Status "active (unchanged)", Reason and, at 120x40, Next steps; the
    key hint line "tab: next field · ctrl+s: save, go on · escape: leave, keep a draft" and a footer with "^s Save and go on" and "esc Keep draft and leave".
    """
    assert shoot(snap_compare, demo_app, size, ["6", "r", *"Shipped the canary rollout"])


@pytest.mark.parametrize("size", SIZES)
def test_review_history(snap_compare: Compare, demo_app: CareerApp,
                        size: tuple[int, int]) -> None:
    """6, then j: the history of reviews.

    The status line "Weekly review due since Fri 20 Nov · last one 13 Nov · 0 wins this
    week", whole at 80 columns; the left panel with History highlighted (1), Feedback (1),
    Wins (15) and "Due every Friday"; the list "History · 1" with "Friday 13 Nov 2026 · 2
    goals · confidence 4/5"; below, the record: "Review of Friday 13 Nov 2026", Score
    "confidence 4 of 5", Overall, then a page for the RFC goal (Seen, Wins, Obstacles,
    Strategy, "→ Review draft with Priya") and one for the labs goal with its metric and "Adjusted deadline → …".
    """
    assert shoot(snap_compare, demo_app, size, ["6", "j"])


@pytest.mark.parametrize("size", [pytest.param((80, 24), id="80x24")])
def test_review_wrap_up(snap_compare: Compare, demo_app: CareerApp,
                        size: tuple[int, int]) -> None:
    """6, r, then ctrl+s on all nine goal pages: the wrap-up page, "Weekly review · wrap-up";
    "No wins recorded this week yet" (it is Monday morning); the Reflection box (focused,
    with its placeholder) and the Confidence field; the key line starts with
    "✓ “Draft and rehearse the talk” saved" in green. No toasts cover the page."""
    assert shoot(snap_compare, demo_app, size, ["6", "r", *["ctrl+s"] * 9])
