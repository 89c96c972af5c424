"""What each `careerdash` subcommand does, and how its errors read.

The command line (tui.cli) parses the arguments and imports this module only for a
subcommand, so opening the dashboard does not wait for what the commands need.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path

import orjson
from pydantic import ValidationError

from tui import actions
from tui.actions.imports import import_tasks, is_empty, replace_with
from tui.cli import READ_ONLY, UsageError, fail
from tui.domain.dates import DateError, parse_date
from tui.domain.demo import demo_document, generated_document
from tui.domain.document import Document
from tui.domain.errors import describe
from tui.domain.models import Priority, Step
from tui.domain.text import one_line
from tui.domain.today import is_overdue, today_steps
from tui.exports import FormatError, render, write_file
from tui.exports.json_doc import read_document_json
from tui.exports.taskwarrior import parse_tasks
from tui.restore_command import list_backups, restore_hint, run_restore
from tui.settings import clock, data_path, lock_seconds
from tui.store import CorruptFile, Invalid, Store, StoreError

_PRIORITIES = {"h": "high", "m": "medium", "l": "low", "1": "high", "2": "medium", "3": "low"}


def failure(error: Exception) -> str | None:
    """What went wrong, as the command line says it; None for an error that is a bug."""
    if isinstance(error, CorruptFile):  # never written over: say which backup would do
        hint = restore_hint(error.path) if error.path else ""
        return f"{error}.{hint}"
    if isinstance(error, StoreError | UsageError | DateError):
        return str(error)
    if isinstance(error, ValidationError):
        return describe(error)
    return None


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


def add(args: argparse.Namespace) -> int:
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


def list_steps(args: argparse.Namespace) -> int:
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


def done(args: argparse.Namespace) -> int:
    store = _store(args)
    with store.transaction() as tx:
        steps = [actions.complete_step(tx, step_id) for step_id in dict.fromkeys(args.ids)]
    for step in steps:
        again = f" (next due {step.due.isoformat()})" if step.recurrence and step.due else ""
        print(f"Done #{step.id}: {one_line(step.title)}{again}")
    return 0


def check(args: argparse.Namespace) -> int:
    store = _store(args)
    doc = store.document
    print(f"{store.path}: {len(doc.goals)} goals, {len(doc.steps)} steps, "
          f"revision {store.revision}, schema version {doc.meta.schema_version}")
    problems = [warning for warning in store.warnings if warning != store.read_only]
    if problems:
        return fail(f"{len(problems)} problem(s), listed above")
    if store.read_only:  # fine, but this careerdash will not change it: a status of its own
        print("read-only: written by a newer careerdash; update careerdash to change it")
        return READ_ONLY
    print("ok")
    return 0


def restore(args: argparse.Namespace) -> int:
    path = Store(data_path(getattr(args, "data", None))).path  # a symlink: where it points
    if args.list:
        return list_backups(path)
    return run_restore(path, clock()().date(), yes=args.yes)


def export(args: argparse.Namespace) -> int:
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


def import_file(args: argparse.Namespace) -> int:
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


def demo(args: argparse.Namespace) -> int:
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


def keys(args: argparse.Namespace) -> int:
    from tui.app import CareerApp  # Textual knows the bindings; only this command loads it
    from tui.key_catalog import listing
    from tui.key_places import places
    from tui.keymap import keymap_path, load_keymap

    keymap = load_keymap(keymap_path(), lambda: places(CareerApp))
    for problem in keymap.problems:
        print(f"careerdash: warning: {one_line(problem, 2000)}", file=sys.stderr)
    sys.stdout.write(listing(CareerApp, keymap))
    return 0
