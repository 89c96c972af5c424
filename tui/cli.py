"""The `careerdash` command: opens the dashboard, or runs a subcommand for the shell."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__
from tui.domain.text import one_line
from tui.exports import FORMATS
from tui.settings import clock, data_path

# Only the dashboard's opening path is here; each subcommand is in tui.commands, imported
# when it runs, so that the dashboard's first frame waits for none of them.
if TYPE_CHECKING:
    from tui.store import Store

READ_ONLY = 3  # `check`'s exit status for a file from a newer careerdash


class UsageError(Exception):
    """A bad argument value, reported like any other error."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `careerdash export … | head` closed the pipe: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:
        from tui.commands import failure

        message = failure(error)
        if message is None:  # a bug: its traceback
            raise
        return fail(message)


def fail(message: str) -> int:
    """Say `message` as the command's error; returns the exit status for it."""
    print(f"careerdash: error: {one_line(message, 2000)}", file=sys.stderr)
    return 1


def _command(name: str) -> Callable[[argparse.Namespace], int]:
    """The subcommand `name` of tui.commands, imported when it runs."""
    def run(args: argparse.Namespace) -> int:
        handler: Callable[[argparse.Namespace], int] = getattr(
            import_module("tui.commands"), name)
        return handler(args)

    return run


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data", metavar="PATH", default=argparse.SUPPRESS,
                        help="the data file (default: $CAREERDASH_DATA, else"
                             " $XDG_DATA_HOME/careerdash/careerdash.json)")
    parser = argparse.ArgumentParser(
        prog="careerdash", parents=[common],
        description="A keyboard-driven terminal dashboard for career goals.")
    parser.add_argument("--version", action="version", version=f"careerdash {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open a throwaway copy of a sample plan (your data is not touched)")
    parser.add_argument("--theme", metavar="NAME",
                        help="open in theme NAME and keep it for next time (careerdash,"
                             " careerdash-light, careerdash-high-contrast, careerdash-ansi …)")
    parser.set_defaults(handler=_open_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    add = sub.add_parser("add", parents=[common], help="add an action step")
    add.add_argument("title")
    add.add_argument("--goal", type=_record_id, metavar="ID", help="the goal it serves")
    add.add_argument("--due", metavar="DATE",
                     help="YYYY-MM-DD, today, tomorrow, a weekday, +3d or +2w")
    add.add_argument("--priority", default="medium", metavar="P", help="high, medium or low")
    add.add_argument("--notes", default="")
    add.set_defaults(handler=_command("add"))

    listing = sub.add_parser("list", parents=[common], help="list action steps")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--today", dest="which", action="store_const", const="today",
                       help="open steps due today or overdue, in Today's order")
    which.add_argument("--overdue", dest="which", action="store_const", const="overdue")
    which.add_argument("--all", dest="which", action="store_const", const="all",
                       help="every step, done ones included")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=_command("list_steps"), which="open")

    done = sub.add_parser("done", parents=[common], help="check steps off")
    done.add_argument("ids", nargs="+", type=_record_id, metavar="ID")
    done.set_defaults(handler=_command("done"))

    check = sub.add_parser("check", parents=[common], help="validate the data file",
                           epilog="Exit status: 0 it is fine; 1 it cannot be used (what is"
                                  " wrong, where, and the newest backup are named) or it is"
                                  f" open to other users; {READ_ONLY} it is from a newer careerdash"
                                  " and only shown, read-only.")
    check.set_defaults(handler=_command("check"))

    back = sub.add_parser("restore", parents=[common],
                          help="replace the data file with its newest good backup (asks first)",
                          description="Bring back the newest backup that can be used (those"
                                      " that cannot are skipped), after a yes on the terminal."
                                      " The file it replaces is kept in backups/ first.")
    back.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    back.add_argument("--list", action="store_true",
                      help="list the backups, newest first, and whether each can be used")
    back.set_defaults(handler=_command("restore"))

    export = sub.add_parser("export", parents=[common], help="write the plan in another format")
    export.add_argument("format", choices=FORMATS)
    export.add_argument("-o", "--output", metavar="FILE",
                        help="write FILE (private to you: mode 0600) instead of the screen")
    export.add_argument("--wins", metavar="SINCE",
                        help="markdown only: a brag document of the wins since SINCE")
    export.set_defaults(handler=_command("export"))

    load = sub.add_parser("import", parents=[common],
                          help="read a careerdash JSON plan or a Taskwarrior export")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--format", choices=("json", "taskwarrior"),
                      help="the file's format (default: told from its content)")
    load.add_argument("--replace", action="store_true",
                      help="json: replace a plan that is not empty (a copy goes to backups)")
    load.set_defaults(handler=_command("import_file"))

    demo = sub.add_parser("demo", help="write a generated plan (for screenshots, benchmarks)")
    demo.add_argument("-o", "--output", required=True, metavar="FILE")
    demo.add_argument("--steps", type=int, default=0, metavar="N",
                      help="number of action steps (default: the sample plan's)")
    demo.add_argument("--force", action="store_true", help="replace FILE if it exists")
    demo.set_defaults(handler=_command("demo"))

    keys = sub.add_parser("keys", help="list every key: its binding id (for keymap.toml), the"
                                       " keys it answers to and what it does")
    keys.set_defaults(handler=_command("keys"))
    return parser


def _record_id(text: str) -> int:
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit() or int(cleaned) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a number such as 12)")
    return int(cleaned)


def _open_app(args: argparse.Namespace) -> int:
    theme = check_theme(args.theme) if args.theme is not None else None  # before any file
    if args.demo:
        return _open_demo(theme)
    path = data_path(getattr(args, "data", None))

    def load() -> Store:  # on the app's loading thread, once its first frame is painted
        from tui.store import Store

        return Store.open(path, clock())

    return _run_app(load, path, tour=True, theme=theme)


def check_theme(name: str) -> str:
    """`name` if there is such a theme; else a UsageError naming the ones there are."""
    from tui.themes import load_themes, theme_folders, theme_names  # these load Textual

    themes, problems = load_themes(theme_folders())
    names = theme_names(themes)
    if name in names:
        return name
    why = next((p for p in problems if Path(p.split(": ", 1)[0]).stem == name), None)
    if why is not None:
        raise UsageError(f"theme {name!r} cannot be used: {why}")
    raise UsageError(f"there is no theme {name!r}; the themes are: {', '.join(names)}")


def _open_demo(theme: str | None) -> int:
    folder = Path(tempfile.mkdtemp(prefix="careerdash-demo-"))
    path = folder / "careerdash.json"

    def load() -> Store:
        from tui.domain.demo import demo_document
        from tui.store import Store

        store = Store(path, clock())
        store.replace_document(demo_document(store.clock().date()))
        return store

    try:
        return _run_app(load, path, tour=False, theme=theme)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_app(load: Callable[[], Store], path: Path, *, tour: bool, theme: str | None) -> int:
    from tui.opening import OpeningApp  # Textual loads only when the dashboard opens

    app = OpeningApp(load, path, tour=tour, theme=theme)
    result = app.run()
    if app.load_error is not None:  # reported as any other command's error
        raise app.load_error
    return int(result or 0)
