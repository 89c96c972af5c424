"""Write the README's screenshots (SVG) from the sample plan on a fixed day.

Run: python -m tui.devtools.screenshots [--out screenshots]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
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
    written = []
    for name, keys in SHOTS:
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
                written.append(path)
    return written


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
