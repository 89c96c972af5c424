"""The `careerdash` command: opens the dashboard, or runs a subcommand for the shell."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path

import orjson
from pydantic import ValidationError

from tui import __version__, actions
from tui.actions.imports import import_tasks, is_empty, replace_with
from tui.actions.settings import set_theme
from tui.domain.dates import DateError, parse_date
from tui.domain.demo import demo_document, generated_document
from tui.domain.document import Document
from tui.domain.errors import describe
from tui.domain.models import Priority, Step
from tui.domain.text import one_line
from tui.domain.today import is_overdue, today_steps
from tui.exports import FORMATS, FormatError, render, write_file
from tui.exports.json_doc import read_document_json
from tui.exports.taskwarrior import parse_tasks
from tui.restore_command import list_backups, restore_hint, run_restore
from tui.settings import clock, data_path, lock_seconds
from tui.store import CorruptFile, Invalid, Store, StoreError

READ_ONLY = 3  # `check`'s exit status for a file from a newer careerdash
_PRIORITIES = {"h": "high", "m": "medium", "l": "low", "1": "high", "2": "medium", "3": "low"}


class UsageError(Exception):
    """A bad argument value, reported like any other error."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except CorruptFile as error:  # never written over: say which backup would do instead
        hint = restore_hint(error.path) if error.path else ""
        return _fail(f"{error}.{hint}")
    except (StoreError, UsageError, DateError) as error:
        return _fail(str(error))
    except ValidationError as error:
        return _fail(describe(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `careerdash export … | head` closed the pipe: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _fail(message: str) -> int:
    print(f"careerdash: error: {one_line(message, 2000)}", file=sys.stderr)
    return 1


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
    add.set_defaults(handler=_add)

    listing = sub.add_parser("list", parents=[common], help="list action steps")
    which = listing.add_mutually_exclusive_group()
    which.add_argument("--today", dest="which", action="store_const", const="today",
                       help="open steps due today or overdue, in Today's order")
    which.add_argument("--overdue", dest="which", action="store_const", const="overdue")
    which.add_argument("--all", dest="which", action="store_const", const="all",
                       help="every step, done ones included")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(handler=_list, which="open")

    done = sub.add_parser("done", parents=[common], help="check steps off")
    done.add_argument("ids", nargs="+", type=_record_id, metavar="ID")
    done.set_defaults(handler=_done)

    check = sub.add_parser("check", parents=[common], help="validate the data file",
                           epilog="Exit status: 0 it is fine; 1 it cannot be used (what is"
                                  " wrong, where, and the newest backup are named) or it is"
                                  f" open to other users; {READ_ONLY} it is from a newer careerdash"
                                  " and only shown, read-only.")
    check.set_defaults(handler=_check)

    back = sub.add_parser("restore", parents=[common],
                          help="replace the data file with its newest good backup (asks first)",
                          description="Bring back the newest backup that can be used (those"
                                      " that cannot are skipped), after a yes on the terminal."
                                      " The file it replaces is kept in backups/ first.")
    back.add_argument("--yes", action="store_true", help="do not ask (for scripts)")
    back.add_argument("--list", action="store_true",
                      help="list the backups, newest first, and whether each can be used")
    back.set_defaults(handler=_restore)

    export = sub.add_parser("export", parents=[common], help="write the plan in another format")
    export.add_argument("format", choices=FORMATS)
    export.add_argument("-o", "--output", metavar="FILE",
                        help="write FILE (private to you: mode 0600) instead of the screen")
    export.add_argument("--wins", metavar="SINCE",
                        help="markdown only: a brag document of the wins since SINCE")
    export.set_defaults(handler=_export)

    load = sub.add_parser("import", parents=[common],
                          help="read a careerdash JSON plan or a Taskwarrior export")
    load.add_argument("file", metavar="FILE")
    load.add_argument("--format", choices=("json", "taskwarrior"),
                      help="the file's format (default: told from its content)")
    load.add_argument("--replace", action="store_true",
                      help="json: replace a plan that is not empty (a copy goes to backups)")
    load.set_defaults(handler=_import)

    demo = sub.add_parser("demo", help="write a generated plan (for screenshots, benchmarks)")
    demo.add_argument("-o", "--output", required=True, metavar="FILE")
    demo.add_argument("--steps", type=int, default=0, metavar="N",
                      help="number of action steps (default: the sample plan's)")
    demo.add_argument("--force", action="store_true", help="replace FILE if it exists")
    demo.set_defaults(handler=_demo)

    keys = sub.add_parser("keys", help="list every key: its binding id (for keymap.toml), the"
                                       " keys it answers to and what it does")
    keys.set_defaults(handler=_keys)
    return parser


def _record_id(text: str) -> int:
    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit() or int(cleaned) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not an id (a number such as 12)")
    return int(cleaned)


def _store(args: argparse.Namespace) -> Store:
    store = Store.open(data_path(getattr(args, "data", None)), clock())
    for warning in store.warnings:
        print(f"careerdash: warning: {warning}", file=sys.stderr)
    store.lock_waiting = partial(_say_waiting, store.path)
    return store


def _say_waiting(path: Path, holder: str) -> None:
    print(f"careerdash: waiting for another careerdash ({holder}), which is changing {path}"
          f" (up to {lock_seconds():.3g} s)", file=sys.stderr, flush=True)


def _today(store: Store) -> date:
    return store.clock().date()


# --- subcommands ------------------------------------------------------------------------


def _add(args: argparse.Namespace) -> int:
    store = _store(args)
    due = parse_date(args.due, _today(store)) if args.due else None
    priority = Priority(_priority(args.priority))
    with store.transaction() as tx:
        step = actions.add_step(tx, args.title, goal_id=args.goal, due=due,
                                priority=priority, notes=args.notes)
    print(f"Added #{step.id}: {one_line(step.title)}")
    return 0


def _priority(text: str) -> str:
    word = _PRIORITIES.get(text.strip().lower(), text.strip().lower())
    if word not in {p.value for p in Priority}:
        raise UsageError(f"{text!r} is not a priority; use high, medium or low")
    return word


def _list(args: argparse.Namespace) -> int:
    store = _store(args)
    steps = _select(store.document, args.which, _today(store))
    if args.json:
        print(_json([_step_json(store.document, s) for s in steps]))
    else:
        for step in steps:
            print(_step_line(store.document, step, _today(store)))
    return 0


def _select(doc: Document, which: str, today: date) -> list[Step]:
    if which == "today":
        return [s for s in today_steps(doc, today) if not s.is_done]
    everything = sorted(doc.steps.values(), key=lambda s: (s.due or date.max, s.position, s.id))
    filters: dict[str, Callable[[Step], bool]] = {
        "overdue": lambda s: is_overdue(s, today),
        "all": lambda s: True,
        "open": lambda s: not s.is_done,
    }
    return [s for s in everything if filters[which](s)]


def _step_json(doc: Document, step: Step) -> dict[str, object]:
    goal = doc.goals.get(step.goal_id) if step.goal_id else None
    return {**step.model_dump(mode="json"), "goal": goal.title if goal else None}


def _json(value: object) -> str:
    text = orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
    # JSON leaves DEL and C1 controls raw; escape them so no terminal acts on them.
    return re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m[0]):04x}", text)


def _step_line(doc: Document, step: Step, today: date) -> str:
    mark = "x" if step.is_done else ("!" if is_overdue(step, today) else " ")
    due = step.due.isoformat() if step.due else "-"
    goal = doc.goals.get(step.goal_id) if step.goal_id else None
    suffix = f"  ({one_line(goal.title, 60)})" if goal else ""
    return (f"[{mark}] #{step.id:<5} {due:<10}  {step.priority.value:<6}  "
            f"{one_line(step.title)}{suffix}")


def _done(args: argparse.Namespace) -> int:
    store = _store(args)
    with store.transaction() as tx:
        steps = [actions.complete_step(tx, step_id) for step_id in dict.fromkeys(args.ids)]
    for step in steps:
        again = f" (next due {step.due.isoformat()})" if step.recurrence and step.due else ""
        print(f"Done #{step.id}: {one_line(step.title)}{again}")
    return 0


def _check(args: argparse.Namespace) -> int:
    store = _store(args)
    doc = store.document
    print(f"{store.path}: {len(doc.goals)} goals, {len(doc.steps)} steps, "
          f"revision {store.revision}, schema version {doc.meta.schema_version}")
    problems = [warning for warning in store.warnings if warning != store.read_only]
    if problems:
        return _fail(f"{len(problems)} problem(s), listed above")
    if store.read_only:  # fine, but this careerdash will not change it: a status of its own
        print("read-only: written by a newer careerdash; update careerdash to change it")
        return READ_ONLY
    print("ok")
    return 0


def _restore(args: argparse.Namespace) -> int:
    path = Store(data_path(getattr(args, "data", None))).path  # a symlink: where it points
    if args.list:
        return list_backups(path)
    return run_restore(path, clock()().date(), yes=args.yes)


def _export(args: argparse.Namespace) -> int:
    if args.wins is not None and args.format != "markdown":
        raise UsageError("--wins works only with markdown (a brag document of recent wins)")
    store = _store(args)  # reading only: no lock is taken and nothing is written
    now = store.clock()
    since = parse_date(args.wins, now.date()) if args.wins is not None else None
    if since is not None and since > now.date():
        raise UsageError(f"--wins {args.wins}: {since.isoformat()} is after today")
    text = render(store.document, args.format, now, wins_since=since)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(args.output).expanduser()
    if target.resolve() == store.path.resolve():
        raise UsageError(f"{target} is the data file itself; export to another file")
    size = write_file(target, text)
    print(f"Wrote {target} ({size} bytes)")
    return 0


def _import(args: argparse.Namespace) -> int:
    source = Path(args.file).expanduser()
    try:
        data = source.read_bytes()
    except OSError as error:
        raise UsageError(f"{source}: cannot be read: {error.strerror}") from None
    fmt = args.format or _detect(source, data)
    try:  # everything is checked before the data file is opened
        parsed = read_document_json(data) if fmt == "json" else parse_tasks(data)
    except FormatError as error:
        raise UsageError(f"{source}: cannot be imported: {error}; nothing was changed") from None
    if isinstance(parsed, Document):
        return _import_plan(_store(args), source, parsed, args.replace)
    if args.replace:
        raise UsageError("--replace is for a careerdash JSON plan; tasks are merged")
    with _store(args).transaction() as tx:
        try:
            report = import_tasks(tx, parsed)
        except Invalid as error:
            raise UsageError(f"{source}: cannot be imported: {error}; nothing was changed"
                             ) from None
    print("\n".join(report.lines()))
    return 0


def _detect(source: Path, data: bytes) -> str:
    start = data.lstrip()[:1]
    if start in (b"{", b"["):
        return "json" if start == b"{" else "taskwarrior"
    raise UsageError(f"{source}: neither a careerdash JSON plan (an object) nor a Taskwarrior"
                     " export (an array of tasks); nothing was changed")


def _import_plan(store: Store, source: Path, doc: Document, replace: bool) -> int:
    with store.transaction() as tx:
        empty = is_empty(tx.doc)
        try:
            replace_with(tx, doc, replace=replace)
        except Invalid as error:
            raise UsageError(f"{error}: pass --replace for that (a copy goes to backups)"
                             ) from None
        # The daily backup may be from before today's changes: keep this exact version.
        kept = None if empty else store.keep_copy("import")
    print(f"Imported {source}: {len(doc.goals)} goals, {len(doc.steps)} steps")
    if kept is not None:
        print(f"The plan it replaced is kept in {kept}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    target = Path(args.output).expanduser()
    if args.steps < 0:
        raise UsageError("--steps must not be negative")
    if target.exists() and not args.force:
        raise UsageError(f"{target} exists; pass --force to replace it")
    if args.force:
        target.unlink(missing_ok=True)
    store = Store.open(target, clock())
    today = _today(store)
    doc = generated_document(args.steps, today) if args.steps else demo_document(today)
    store.replace_document(doc)
    print(f"Wrote {target}: {len(doc.goals)} goals, {len(doc.steps)} steps")
    return 0


def _open_app(args: argparse.Namespace) -> int:
    theme = check_theme(args.theme) if args.theme is not None else None  # before any file
    if args.demo:
        return _open_demo(theme)
    store = _store(args)
    keep_theme(store, theme)
    return _run_app(store, tour=True)


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


def keep_theme(store: Store, name: str | None) -> None:
    """Make `name` the theme of every session from now on (nothing if None or already)."""
    if name is not None and store.document.settings.theme != name:
        with store.transaction() as tx:
            set_theme(tx, name)


def _open_demo(theme: str | None) -> int:
    folder = Path(tempfile.mkdtemp(prefix="careerdash-demo-"))
    try:
        store = Store(folder / "careerdash.json", clock())
        store.replace_document(demo_document(_today(store)))
        keep_theme(store, theme)
        return _run_app(store, tour=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_app(store: Store, *, tour: bool) -> int:
    from tui.app import CareerApp  # Textual loads only when the dashboard opens

    result = CareerApp(store, tour=tour).run()
    return int(result or 0)


def _keys(args: argparse.Namespace) -> int:
    from tui.app import CareerApp  # Textual knows the bindings; only this command loads it
    from tui.key_catalog import listing
    from tui.key_places import places
    from tui.keymap import keymap_path, load_keymap

    keymap = load_keymap(keymap_path(), lambda: places(CareerApp))
    for problem in keymap.problems:
        print(f"careerdash: warning: {one_line(problem, 2000)}", file=sys.stderr)
    sys.stdout.write(listing(CareerApp, keymap))
    return 0
