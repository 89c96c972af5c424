"""Write the README's screenshots (SVG) from the sample plan on a fixed day.

Run: python -m tui.devtools.screenshots [--out screenshots]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tui.app import CareerApp
from tui.domain.demo import demo_document
from tui.store import Store

MOMENT = datetime(2026, 11, 23, 9, 0)  # a Monday, so the sample plan always looks the same
SIZE = (120, 36)
# (file name, keys pressed before the shot): every screen, a review page, forms with an
# inline error and live hints, and the help overlay.
SHOTS: list[tuple[str, tuple[str, ...]]] = [
    ("today", ()),
    ("values", ("2",)),
    ("goals", ("3", "j", "j")),
    ("board", ("4", "j")),
    ("progress-burn-up", ("5",)),
    ("progress-trajectory", ("5", "tab")),
    ("review", ("6",)),
    ("review-page", ("6", "r", *"Shipped the canary rollout", "tab",
                     *"On-call week ate two evenings")),
    ("review-history", ("6", "j")),
    ("add-step", ("a", *"Prepare 1:1 notes", "tab", "end", *["backspace"] * 5, *"soon",
                  "ctrl+s")),
    ("goal-form", ("3", "j", "a", *"Get better at things")),
    ("help", ("question_mark",)),
]


async def shoot(out: Path) -> list[Path]:
    """Save every shot into `out`; returns the files written."""
    with tempfile.TemporaryDirectory() as config, _environ(XDG_CONFIG_HOME=config):
        return [await _shot(out, name, keys) for name, keys in SHOTS]


@contextmanager
def _environ(**values: str) -> Iterator[None]:
    """Set environment variables for a while: here, an empty config folder, so the
    developer's own keymap and themes stay out of the README's pictures."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


async def _shot(out: Path, name: str, keys: tuple[str, ...]) -> Path:
    """One shot of the sample plan after `keys`, saved as `out/name.svg`."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "careerdash.json", clock=lambda: MOMENT)
        store.replace_document(demo_document(MOMENT.date()))
        app = CareerApp(store)
        app.cursor_blinks = False  # the shot must not catch a cursor mid-blink
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(*keys)
            await pilot.pause()
            path = out / f"{name}.svg"
            app.save_screenshot(filename=path.name, path=str(out))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    written = asyncio.run(shoot(args.out))
    for stale in set(args.out.glob("*.svg")) - set(written):
        stale.unlink()  # a shot no longer taken must not linger in the README's folder
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
