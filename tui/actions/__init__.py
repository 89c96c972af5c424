"""What a person can do to their plan, as changes inside one store transaction.

Shared by the command line and the app, so both follow the same rules.
"""

from tui.actions.steps import add_step, complete_step, delete_step, edit_step, toggle_step

__all__ = ["add_step", "complete_step", "delete_step", "edit_step", "toggle_step"]
