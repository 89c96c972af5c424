"""Where keys answer together: every screen and dialog with the widgets whose keys work on
it. Importing this imports every screen, so the app asks for it only when it must check a
keymap file or list the keys."""

from __future__ import annotations

from textual.app import App
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select, SelectionList, TextArea

from tui.key_catalog import app_node, node_of
from tui.keymap import Place
from tui.screens.board import BoardScreen
from tui.screens.form import FormScreen
from tui.screens.goals import GoalsScreen
from tui.screens.help import HelpScreen, class_name
from tui.screens.progress import ProgressScreen
from tui.screens.review import ReviewScreen
from tui.screens.review_session import ReviewSession
from tui.screens.today import TodayScreen
from tui.screens.tour import TourScreen
from tui.screens.values import ValuesScreen
from tui.widgets.choice_dialog import ChoiceDialog
from tui.widgets.confirm_dialog import ConfirmDialog
from tui.widgets.entry_table import EntryTable
from tui.widgets.goal_tree import GoalTree
from tui.widgets.section_list import SectionList
from tui.widgets.step_table import StepTable

# The widgets with keys of their own on each screen (tests/ui/test_keymap.py checks this
# against what the screens compose). Modal screens get only the app's priority keys.
MODE_WIDGETS: dict[type[Screen[object]], tuple[type[Widget], ...]] = {
    TodayScreen: (StepTable,),
    ValuesScreen: (SectionList, EntryTable, OptionList),
    GoalsScreen: (GoalTree,),
    BoardScreen: (Input,),
    ProgressScreen: (),
    ReviewScreen: (SectionList, OptionList),
}
OTHER_SCREENS: list[tuple[str, type[Screen[object]], tuple[type[Widget], ...], bool]] = [
    ("Review session", ReviewSession, (Input, TextArea, Select), False),
    ("Forms", FormScreen, (Input, Select, SelectionList, TextArea), True),
    ("Yes/no questions", ConfirmDialog, (), True),
    ("Choices", ChoiceDialog, (OptionList,), True),
    ("Help", HelpScreen, (VerticalScroll,), True),
    ("Tour", TourScreen, (), True),
]



def places(app_cls: type[App[object]]) -> list[Place]:
    """Every place keys answer together: the modes, then pushed screens and dialogs."""
    everywhere, urgent = app_node(app_cls), app_node(app_cls, priority_only=True)
    found = [Place(class_name(screen), node_of(screen), tuple(map(node_of, widgets)),
                   everywhere) for screen, widgets in MODE_WIDGETS.items()]
    for name, screen, widgets, modal in OTHER_SCREENS:
        found.append(Place(name, node_of(screen, name), tuple(map(node_of, widgets)),
                           urgent if modal else everywhere))
    return found
