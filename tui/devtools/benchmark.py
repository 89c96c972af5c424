"""Measure what people feel: start-up to first paint, and changes on a large plan.

Run: python -m tui.devtools.benchmark [--steps 10000] [--runs 5]
     python -m tui.devtools.benchmark --scale [...]   (plans of 100 to 50,000 steps: scale.py)
Figures are medians of wall-clock times on this machine; nothing here is a test.
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import json
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from tui import actions
from tui.app import CareerApp
from tui.screens.progress import PLOTS, ProgressScreen
from tui.widgets.progress_plots import SeriesPlot
from tui.domain.demo import generated_document
from tui.store import Store, storage

PAINT_MARKER = b"Active goals"  # a panel's title on the first frame (Today's, or its frame)
# Today's summary ("… · 3 overdue · 2 due today …"): drawn once the plan is on the screen.
PLAN_MARKER = "overdue \u00b7".encode()


def first_paint_seconds(extra_args: list[str], env: dict[str, str], *,
                        command: list[str] | None = None, marker: bytes = PAINT_MARKER) -> float:
    """Start `careerdash` (or `command`) on an 80x24 pseudo-terminal; seconds from the spawn
    until `marker` (by default Today's panel title) reaches the terminal."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(command or [sys.executable, "-m", "tui", *extra_args],
                            stdin=follower, stdout=follower, stderr=follower, env=env,
                            close_fds=True)
    os.close(follower)
    seen = b""
    try:
        while marker not in seen:
            ready, _, _ = select.select([leader], [], [], 60)
            if not ready:
                raise RuntimeError("nothing was painted within 60 s")
            seen = seen[-4096:] + os.read(leader, 65536)
        elapsed = time.perf_counter() - start
        os.write(leader, b"\x11")  # ctrl+q quits from anywhere, even a dialog
        _drain_until_exit(proc, leader, 10)  # a full pty would block the app's next frame
        return elapsed
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(leader)


def _drain_until_exit(proc: subprocess.Popen[bytes], leader: int, timeout: float) -> None:
    """Read what the app still writes until it ends (or `timeout` passes)."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if select.select([leader], [], [], 0.1)[0]:
            try:
                os.read(leader, 65536)
            except OSError:  # the app closed its end
                return


def cli_seconds(args: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one `careerdash` command, process start included."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tui", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_ms(runs: int, measure: Callable[[], float]) -> str:
    """Median and spread of `runs` measurements, in milliseconds."""
    return _summary([measure() * 1000 for _ in range(runs)])


def in_process_ms(store: Store, runs: int) -> dict[str, str]:
    """Transaction times inside one process: the app's cost per key press."""
    step_id = next(iter(store.document.steps))

    def add() -> float:
        start = time.perf_counter()
        with store.transaction() as tx:
            actions.add_step(tx, "benchmark step")
        return time.perf_counter() - start

    def toggle() -> float:
        start = time.perf_counter()
        with store.transaction() as tx:
            actions.toggle_step(tx, step_id)
        return time.perf_counter() - start

    def load() -> float:
        start = time.perf_counter()
        Store.open(store.path)
        return time.perf_counter() - start

    return {"add + durable save": median_ms(runs, add),
            "check off + durable save": median_ms(runs, toggle),
            "load and validate the file": median_ms(runs, load)}


def goals_screen_ms(folder: Path, runs: int) -> dict[str, str]:
    """The Goals screen on 300 goals and 10,000 steps: open it, move, page, check a step off.

    Measured inside a headless app (Pilot), from the key until the app is idle again and
    repainted: wall time (which includes Pilot's own waits for the next frame) and the
    process's CPU time (the work the app did for that key).
    """
    path = folder / "goals.json"
    store = Store.open(path)
    store.replace_document(generated_document(10_000, store.clock().date(), goals=300))
    samples: dict[str, list[tuple[float, float]]] = {
        "open Goals, first time": [], "open Goals again": [], "move down (j)": [],
        "page down": [], "check a step off, tree repainted": []}

    async def measure() -> None:
        for _ in range(runs):
            app = CareerApp(Store.open(path), poll_seconds=3600)
            async with app.run_test(size=(120, 40)) as pilot:
                samples["open Goals, first time"].append(await _timed(pilot, "3"))
                for _ in range(2):
                    await pilot.press("1")
                    await pilot.pause()
                    samples["open Goals again"].append(await _timed(pilot, "3"))
                for _ in range(5):
                    samples["move down (j)"].append(await _timed(pilot, "j"))
                    samples["page down"].append(await _timed(pilot, "pagedown"))
                step = next(s.id for s in app.store.document.steps.values() if s.goal_id)
                samples["check a step off, tree repainted"].append(await _timed(
                    pilot, lambda: app.change(lambda tx: actions.toggle_step(tx, step))))

    asyncio.run(measure())
    return {f"300 goals, 10000 steps: {what}": _wall_and_cpu(values)
            for what, values in samples.items()}


def board_ms(folder: Path, runs: int) -> dict[str, str]:
    """The Board on 10,000 steps (2,000 in To do) at 80x24 and 120x40: move a card, check
    one off. Each size runs in a fresh process, as the dashboard does (an earlier app's
    leftovers in the same interpreter slowed the next one by ~5 ms).

    Key to durable: from the key press until the new file is written, fsynced and renamed
    into place. Key to repaint: to the first frame the app renders after that.
    """
    path = folder / "board.json"
    store = Store.open(path)
    store.replace_document(generated_document(10_000, store.clock().date()))
    figures: dict[str, str] = {}
    for size in ("80x24", "120x40"):
        done = subprocess.run([sys.executable, "-m", "tui.devtools.benchmark", "--board-at",
                               size, "--runs", str(runs), "--file", str(path)],
                              check=True, capture_output=True, text=True)
        figures.update(json.loads(done.stdout))
    return figures


class Timeline:
    """When an app rendered each frame (and of which screen), and when each change was
    durable: written, fsynced and renamed into place. Frames are timed as the app hands
    them to the terminal (`App._display`); under `run_test` nothing is written."""

    def __init__(self, app: CareerApp) -> None:
        self.frames: list[tuple[float, object]] = []
        self.durable: list[float] = []
        display = app._display

        def timed_display(screen: object, renderable: object) -> None:
            if renderable is not None:
                self.frames.append((time.perf_counter(), screen))
            display(screen, renderable)  # type: ignore[arg-type]

        app._display = timed_display  # type: ignore[method-assign]
        self._write_atomic = storage.write_atomic

    def __enter__(self) -> Timeline:
        write_atomic = self._write_atomic

        def timed_write(path: Path, data: bytes) -> None:
            write_atomic(path, data)
            self.durable.append(time.perf_counter())

        storage.write_atomic = timed_write  # type: ignore[assignment]
        return self

    def __exit__(self, *_: object) -> None:
        storage.write_atomic = self._write_atomic  # type: ignore[assignment]

    def clear(self) -> None:
        """Forget what came before the next key."""
        self.frames.clear()
        self.durable.clear()

    def change_ms(self, start: float) -> tuple[float, float] | None:
        """Milliseconds from `start` to the first durable write and to the first frame
        rendered after it; None if nothing was written (or not yet repainted)."""
        if not self.durable:
            return None
        repaint = next((t for t, _ in self.frames if t >= self.durable[0]), None)
        if repaint is None:
            return None
        return (self.durable[0] - start) * 1000, (repaint - start) * 1000

    def first_frame_ms(self, screen: object, start: float) -> float | None:
        """Milliseconds from `start` to the first frame of `screen`."""
        return next(((t - start) * 1000 for t, shown in self.frames if shown is screen), None)


def board_at(path: Path, size: tuple[int, int], runs: int) -> dict[str, str]:
    """One size of `board_ms`, in this process."""
    samples: dict[str, list[float]] = {}

    async def measure(size: tuple[int, int]) -> None:
        app = CareerApp(Store.open(path), poll_seconds=3600)
        with Timeline(app) as timeline:
            async with app.run_test(size=size) as pilot:
                await pilot.press("4")
                await pilot.pause()
                for _ in range(runs * 2):
                    for key, what in ((">", "move a card (>)"),
                                      ("space", "check a card off (space)")):
                        timeline.clear()
                        start = time.perf_counter()
                        await pilot.press(key)
                        await pilot.pause()
                        if key == ">":
                            await pilot.press("h")  # back to To do for the next card
                        if (times := timeline.change_ms(start)) is not None:
                            where = f"{size[0]}x{size[1]}, {what}"
                            samples.setdefault(f"{where}: key to durable", []).append(times[0])
                            samples.setdefault(f"{where}: key to repaint", []).append(times[1])

    asyncio.run(measure(size))
    return {f"Board, 10000 steps: {what}": _summary(values) for what, values in samples.items()}


def progress_ms(folder: Path, runs: int) -> dict[str, str]:
    """Each Progress plot over a year of history with 10,000 steps, at 120x40: the series
    computed and drawn (the screen's show) plus plotext building the figure when the
    widget renders. Pilot's waits for the next frame are not counted."""
    path = folder / "progress.json"
    store = Store.open(path)
    store.replace_document(generated_document(10_000, store.clock().date()))
    samples: dict[str, list[float]] = {}
    renders: list[float] = []
    render = SeriesPlot.render

    def timed_render(plot: SeriesPlot) -> object:
        start = time.perf_counter()
        result = render(plot)
        renders.append(time.perf_counter() - start)
        return result

    async def measure() -> None:
        app = CareerApp(Store.open(path), poll_seconds=3600)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("5", "r")  # a year
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ProgressScreen)
            for _ in range(runs):
                for index, name in enumerate(PLOTS):
                    screen.plot_index = index
                    await pilot.pause()
                    renders.clear()
                    start = time.perf_counter()
                    screen.show(app.store.document)
                    shown = time.perf_counter() - start
                    await pilot.pause()
                    samples.setdefault(name, []).append((shown + sum(renders[:1])) * 1000)

    SeriesPlot.render = timed_render  # type: ignore[method-assign]
    try:
        asyncio.run(measure())
    finally:
        SeriesPlot.render = render  # type: ignore[method-assign]
    return {f"Progress, a year of 10000 steps: {name}": _summary(values)
            for name, values in samples.items()}


async def _timed(pilot: Pilot[int], key: str | Callable[[], object]) -> tuple[float, float]:
    """Milliseconds of (wall, CPU) from pressing `key` (or calling it) to idle and repainted."""
    wall, cpu = time.perf_counter(), time.process_time()
    if callable(key):
        key()
    else:
        await pilot.press(key)
    await pilot.pause()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def _summary(samples: list[float]) -> str:
    return (f"median {statistics.median(samples):7.1f} ms  "
            f"(min {min(samples):.1f}, max {max(samples):.1f})")


def _wall_and_cpu(samples: list[tuple[float, float]]) -> str:
    wall, cpu = [s[0] for s in samples], [s[1] for s in samples]
    return (f"median {statistics.median(wall):6.1f} ms wall, {statistics.median(cpu):6.1f} ms CPU"
            f"  (wall {min(wall):.0f}–{max(wall):.0f})")


def main() -> None:
    if "--scale" in sys.argv[1:]:  # the scale benchmark has its own options
        from tui.devtools.scale import main as scale

        scale([arg for arg in sys.argv[1:] if arg != "--scale"])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=("goals", "board", "progress"),
                        help="measure only one screen (Goals on 300 goals, or the Board)")
    parser.add_argument("--board-at", help=argparse.SUPPRESS)  # WxH: one board_ms process
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.board_at:
        width, height = map(int, args.board_at.split("x"))
        print(json.dumps(board_at(args.file, (width, height), args.runs)))
        return
    if args.only:
        with tempfile.TemporaryDirectory() as folder:
            measure = {"goals": goals_screen_ms, "board": board_ms,
                       "progress": progress_ms}[args.only]
            _print(measure(Path(folder), args.runs))
        return
    with tempfile.TemporaryDirectory() as folder:
        big = Path(folder) / "big.json"
        env = {**os.environ, "CAREERDASH_DATA": str(Path(folder) / "own.json"),
               "TERM": "xterm-256color"}
        subprocess.run([sys.executable, "-m", "tui", "demo", "--steps", str(args.steps),
                        "-o", str(big)], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; "
              f"{args.steps} steps = {big.stat().st_size / 1e6:.1f} MB file\n")
        figures = {
            "careerdash --demo, start to first paint": median_ms(
                args.runs, lambda: first_paint_seconds(["--demo"], env)),
            "careerdash --demo, start to the plan on screen": median_ms(
                args.runs, lambda: first_paint_seconds(["--demo"], env, marker=PLAN_MARKER)),
            f"careerdash on {args.steps} steps, start to first paint": median_ms(
                args.runs, lambda: first_paint_seconds(["--data", str(big)], env)),
            f"careerdash on {args.steps} steps, start to the plan on screen": median_ms(
                args.runs, lambda: first_paint_seconds(["--data", str(big)], env,
                                                       marker=PLAN_MARKER)),
            f"careerdash add at {args.steps} steps (whole process)": median_ms(
                args.runs, lambda: cli_seconds(["--data", str(big), "add", "bench"], env)),
            f"careerdash list --today at {args.steps} steps": median_ms(
                args.runs, lambda: cli_seconds(["--data", str(big), "list", "--today"], env)),
        }
        store = Store.open(big)
        figures.update({f"{name} at {args.steps} steps (in process)": value
                        for name, value in in_process_ms(store, args.runs * 4).items()})
        figures.update(goals_screen_ms(Path(folder), args.runs))
        figures.update(board_ms(Path(folder), args.runs))
        figures.update(progress_ms(Path(folder), args.runs))
    _print(figures)


def _print(figures: dict[str, str]) -> None:
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
