"""How careerdash scales: plans of 100 to 50,000 steps against their budgets.

Run: python -m tui.devtools.scale [--sizes 100,1000,10000,50000] [--runs 5] [--idle-seconds 10]
 (or python -m tui.devtools.benchmark --scale [the same options])

Plans are written by `careerdash demo --steps N -o FILE`; "empty" is a data file that does
not exist yet. Every figure comes from fresh processes, one warm-up run first (not counted:
it fills the page cache and makes the day's backup), then the median of --runs runs:

- cold start: spawn of `careerdash --data FILE` on an 80x24 pseudo-terminal until the first
  frame reaches the terminal (Today's panels, empty while the plan loads: their title is
  the mark), and until the plan is on the screen (Today's summary line); the baseline is a
  one-Label Textual app (a script written here) timed the same way, until its label arrives,
  its runs taking turns with the empty plan's first paint, the figure held to it;
- check off, screens, memory: a headless app (`run_test`, 80x24) per run; frames timed as
  the app renders them (`App._display`), durability at the end of `storage.write_atomic`.
  Check off: space on Today's first row (an open step), key to durable and key to the
  first frame after it. Screens: keys 2 … 6 then 1, key to the new screen's first frame.
  Memory: the session's peak resident size (ru_maxrss);
- careerdash add: the whole process, wall clock;
- idle CPU: `tui.devtools.idle.measure` on the plan, --idle-seconds long.
careerdash's modules are byte-compiled first, as an installed package's are (an editable
checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile ~70 modules on every
start, about 60 ms, which the baseline's Textual never pays).
Nothing here is a test; the machine's load moves every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from tui.app import CareerApp
from tui.devtools import idle
from tui.devtools.benchmark import (
    PAINT_MARKER,
    PLAN_MARKER,
    Timeline,
    cli_seconds,
    first_paint_seconds,
)
from tui.store import Store
from tui.widgets.step_table import StepTable

SCREEN_KEYS = {"2": "Values", "3": "Goals", "4": "Board", "5": "Progress", "6": "Review",
               "1": "Today (again)"}
CHECKS_PER_RUN = 3
ONE_LABEL = '''from textual.app import App, ComposeResult
from textual.widgets import Label


class OneLabel(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("one Label, painted")


OneLabel().run()
'''
LABEL_MARKER = b"one Label, painted"
Table = dict[str, dict[str, float | None]]  # row -> plan -> figure
Check = Callable[[Table], bool | None]  # None: not measured


@dataclass(frozen=True)
class Budget:
    """A budget on one row at one size (or on a ratio of two columns)."""

    row: str
    text: str
    passes: Check


def _at(row: str, size: str, limit: float) -> Check:
    """Row `row` under `limit` at plan `size`."""
    def check(table: Table) -> bool | None:
        value = table[row].get(size)
        return None if value is None else value < limit
    return check


def _ratio(row: str, over: str, under: str, limit: float) -> Check:
    """Row `row` at plan `over` at most `limit` times its figure at plan `under`."""
    def check(table: Table) -> bool | None:
        ratio = _divide(table[row].get(over), table[row].get(under))
        return None if ratio is None else ratio <= limit
    return check


PAINT = "cold start to first paint (ms)"
PLAN = "cold start to the plan on screen (ms)"
REPAINT, DURABLE = "check off: key to repaint (ms)", "check off: key to durable (ms)"
ADD, MEMORY = "careerdash add, whole process (ms)", "peak memory (MB)"
IDLE = "idle CPU (% of a core)"
FIRST_ROWS = [PAINT, PLAN, REPAINT, DURABLE, ADD]  # then the screens, memory and idle CPU
BUDGETS = [
    Budget(PAINT, "empty ≤ 1.5× one Label", _ratio(PAINT, "empty", "one Label", 1.5)),
    Budget(PAINT, "10k < 1000", _at(PAINT, "10000", 1000)),
    Budget(PAINT, "10k ≤ 1.3× empty", _ratio(PAINT, "10000", "empty", 1.3)),
    # The first frame holds no plan: its size budgets are kept by the plan's figures too.
    Budget(PLAN, "10k < 1000", _at(PLAN, "10000", 1000)),
    Budget(PLAN, "10k ≤ 1.3× empty", _ratio(PLAN, "10000", "empty", 1.3)),
    Budget(REPAINT, "10k < 50", _at(REPAINT, "10000", 50)),
    Budget(DURABLE, "10k < 100", _at(DURABLE, "10000", 100)),
    Budget(ADD, "10k < 500", _at(ADD, "10000", 500)),
    Budget(MEMORY, "10k < 150", _at(MEMORY, "10000", 150)),
]


# --- in the child: one headless session ----------------------------------------------------


def session(path: Path, checks: int) -> dict[str, object]:
    """Open each screen once, then check steps off on Today; times in ms, peak memory."""
    figures: dict[str, object] = {}

    async def run() -> None:
        app = CareerApp(Store.open(path), poll_seconds=3600)
        with Timeline(app) as timeline:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                for key, name in SCREEN_KEYS.items():
                    timeline.clear()
                    start = time.perf_counter()
                    await pilot.press(key)
                    await pilot.pause()
                    shown = await _first_frame(pilot, timeline, start)
                    figures[f"open {key} {name} (ms)"] = shown
                figures[REPAINT], figures[DURABLE] = [], []
                listed = app.screen.query_one(StepTable).step_id is not None
                for _ in range(checks if listed else 0):
                    timeline.clear()
                    start = time.perf_counter()
                    await pilot.press("space")
                    await pilot.pause()
                    if (times := timeline.change_ms(start)) is not None:
                        figures[DURABLE].append(times[0])  # type: ignore[attr-defined]
                        figures[REPAINT].append(times[1])  # type: ignore[attr-defined]

    asyncio.run(run())
    figures[MEMORY] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    return figures


async def _first_frame(pilot: Pilot[int], timeline: Timeline, start: float) -> float | None:
    """Wait (up to 30 s) for the current screen's first frame after `start`."""
    for _ in range(3000):
        if (shown := timeline.first_frame_ms(pilot.app.screen, start)) is not None:
            return shown
        await pilot.pause(0.01)
    return None


# --- in the parent: fresh processes per figure --------------------------------------------


class Plans:
    """The plans measured, and a fresh working copy of one for each run that changes it."""

    def __init__(self, folder: Path, sizes: Sequence[int], env: dict[str, str]) -> None:
        self.folder = folder
        self.sources: dict[str, Path | None] = {"empty": None}
        for steps in sizes:
            source = folder / "plans" / f"steps-{steps}.json"
            subprocess.run([sys.executable, "-m", "tui", "demo", "--steps", str(steps), "-o",
                            str(source)], env=env, check=True, stdout=subprocess.DEVNULL)
            self.sources[str(steps)] = source

    def fresh(self, name: str) -> Path:
        """A working copy of plan `name` (for "empty", a path with no file)."""
        work = self.folder / "work" / f"{name}.json"
        work.parent.mkdir(mode=0o700, exist_ok=True)
        work.unlink(missing_ok=True)
        if (source := self.sources[name]) is not None:
            shutil.copyfile(source, work)
            work.chmod(0o600)
        return work


def _runs(count: int, measure: Callable[[], float]) -> float:
    """The median of `count` runs after one warm-up run."""
    measure()
    return statistics.median(measure() for _ in range(count))


def _paired_runs(count: int, first: Callable[[], float],
                 second: Callable[[], float]) -> tuple[float, float]:
    """The medians of `count` runs of each, taking turns after one warm-up run of each: two
    figures held to a ratio are then measured alike when the machine gets busier mid-way."""
    first(), second()
    pairs = [(first(), second()) for _ in range(count)]
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs))


def paint_ms(plans: Plans, name: str, env: dict[str, str], marker: bytes = PAINT_MARKER) -> float:
    """Cold start of `careerdash` on plan `name` until `marker` reaches the terminal (by
    default: its first frame)."""
    return first_paint_seconds(["--data", str(plans.fresh(name))], env, marker=marker) * 1000


def measure_plan(plans: Plans, name: str, runs: int, idle_seconds: float,
                 env: dict[str, str], painted: float | None = None) -> dict[str, float | None]:
    """Every figure of one plan, each from fresh processes (the first paint's unless
    `painted` already is that figure)."""
    def add() -> float:
        return cli_seconds(["--data", str(plans.fresh(name)), "add", "benchmark step"], env) * 1000

    if painted is None:
        painted = _runs(runs, lambda: paint_ms(plans, name, env))
    figures: dict[str, float | None] = {
        PAINT: painted, PLAN: _runs(runs, lambda: paint_ms(plans, name, env, PLAN_MARKER)),
        ADD: _runs(runs, add)}
    sessions = [_session(plans.fresh(name), env) for _ in range(runs + 1)][1:]
    for row in sessions[0]:
        values = [v for s in sessions for v in (s[row] if isinstance(s[row], list) else [s[row]])
                  if v is not None]
        figures[row] = statistics.median(values) if values else None
    settle = 6 + 3 * (figures[PLAN] or 0) / 1000  # a large plan takes longer to start
    quiet = idle.measure(idle_seconds, 80, 24, args=["--data", str(plans.fresh(name))],
                         settle=settle)
    figures[IDLE] = quiet.cpu_percent
    return figures


def _session(path: Path, env: dict[str, str]) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "tui.devtools.scale", "--session", str(path),
                           "--checks", str(CHECKS_PER_RUN)], env=env, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def baseline_ms(plans: Plans, runs: int, env: dict[str, str]) -> tuple[float, float]:
    """Cold start to first paint of a one-Label Textual app, timed as the dashboard is, and
    of the dashboard on an empty plan, in turns."""
    script = plans.folder / "one_label.py"
    script.write_text(ONE_LABEL)
    return _paired_runs(runs, lambda: first_paint_seconds(
        [], env, command=[sys.executable, str(script)], marker=LABEL_MARKER) * 1000,
        lambda: paint_ms(plans, "empty", env))


# --- the report ----------------------------------------------------------------------------


def report(table: Table, columns: list[str]) -> str:
    """The table (rows = measures, columns = plans), the budgets and how each row grows."""
    rows = sorted(table, key=lambda r: FIRST_ROWS.index(r) if r in FIRST_ROWS else 99)
    width = max(map(len, rows))
    head = f"{'':<{width}}" + "".join(f"{_label(c):>10}" for c in columns) + "   budget"
    lines = [head, "-" * len(head)]
    for row in rows:
        cells = "".join(f"{_cell(table[row].get(c)):>10}" for c in columns)
        budget = "; ".join(f"{b.text} {_mark(b.passes(table))}" for b in BUDGETS if b.row == row)
        lines.append(f"{row:<{width}}{cells}   {budget or '—'}")
    paint, plan = table[PAINT], table.get(PLAN, {})
    lines += ["", "ratios: first paint, empty / one Label = " + _x(_divide(
              paint.get("empty"), paint.get("one Label"))) + " (budget ≤ 1.5×); plan on"
              " screen, 10k / empty = " + _x(_divide(plan.get("10000"), plan.get("empty")))
              + " (budget ≤ 1.3×)"]
    lines += ["", "growth per 1,000 steps added (linear: the same on both stretches; ! marks a",
              "second stretch over 1.5× as steep, its extra over 10% of the 50k figure):",
              f"{'':<{width}}    1k→10k   10k→50k   ratio"]
    lines += [f"{row:<{width}}{growth}" for row in rows
              if (growth := _growth(table[row])) is not None]
    return "\n".join(lines)


def _growth(values: dict[str, float | None]) -> str | None:
    small, middle, large = (values.get(str(n)) for n in (1000, 10_000, 50_000))
    if small is None or middle is None or large is None:
        return None
    early, late = (middle - small) / 9, (large - middle) / 40
    steep = (late > 1.5 * max(early, 0) and (late - max(early, 0)) * 40 > 0.1 * large
             and large >= 1)  # below 1 (idle CPU, in %): noise
    ratio = _x(late / early) if early >= 0.05 else "—"  # a first stretch of +0.0: no ratio
    return f"{early:+10.1f}{late:+10.1f}{ratio:>8}{' !' if steep else ''}"


def _divide(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def _x(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _mark(ok: bool | None) -> str:
    return "?" if ok is None else "✓" if ok else "✗"


def _label(column: str) -> str:
    return column if not column.isdigit() else _k(int(column))


def _k(steps: int) -> str:
    return f"{steps // 1000}k" if steps >= 1000 and steps % 1000 == 0 else str(steps)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000",
                        help="plan sizes in steps, comma-separated (an empty plan is always run)")
    parser.add_argument("--runs", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--session", type=Path, help=argparse.SUPPRESS)  # a child's one run
    parser.add_argument("--checks", type=int, default=CHECKS_PER_RUN, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.session:
        print(json.dumps(session(args.session, args.checks)))
        return
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="careerdash-scale-") as name:
        folder = Path(name)
        # Nothing a person keeps is read or touched: data, themes and keymap live here.
        os.environ.update({"CAREERDASH_DATA": str(folder / "own.json"), "TERM": "xterm-256color",
                           "XDG_CONFIG_HOME": str(folder / "config"),
                           "XDG_DATA_HOME": str(folder / "data")})
        env = dict(os.environ)
        compileall.compile_dir(Path(__file__).parents[1], quiet=1)  # as pip install does
        plans = Plans(folder, sizes, env)
        columns = ["one Label", *plans.sources]
        sizes_mb = ", ".join(f"{_k(int(name))} steps = {path.stat().st_size / 1e6:.1f} MB"
                             for name, path in plans.sources.items() if path is not None)
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}; medians of {args.runs} runs; plans: {sizes_mb}",
              flush=True)
        one_label, empty = baseline_ms(plans, args.runs, env)
        table: Table = {PAINT: {"one Label": one_label}}
        for plan in plans.sources:
            started = time.perf_counter()
            for row, value in measure_plan(plans, plan, args.runs, args.idle_seconds, env,
                                           empty if plan == "empty" else None).items():
                table.setdefault(row, {})[plan] = value
            print(f"  {_label(plan)} measured in {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)
    print(f"\n{report(table, columns)}\n(load average now {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
