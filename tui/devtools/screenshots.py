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
# (file name, terminal size, keys pressed before the shot)
SHOTS: list[tuple[str, tuple[int, int], tuple[str, ...]]] = [
    ("today", (100, 30), ()),
    ("today-80x24", (80, 24), ()),
    ("today-checked-off", (100, 30), ("space", "j")),
    ("add-step", (100, 30), ("a", *"Prepare 1:1 notes", "tab", "end", *["backspace"] * 5, *"soon",
                                  "ctrl+s")),
    ("help", (100, 30), ("question_mark",)),
    ("values", (100, 30), ("2",)),
    ("values-skills", (100, 30), ("2", *["right_square_bracket"] * 3)),
    ("goals", (120, 36), ("3", "j", "j")),
    ("goal-form", (100, 30), ("3", "j", "a", *"Get better at things")),
    ("board", (120, 36), ("4", "j")),
    ("progress-burn-up", (120, 36), ("5",)),
    ("progress-trajectory", (120, 36), ("5", "tab")),
    ("progress-activity", (120, 36), ("5", "left_square_bracket")),
    ("review-page", (120, 36), ("6", "r", *"Shipped the canary rollout", "tab",
                                *"On-call week ate two evenings")),
    ("review-history", (120, 36), ("6", "j")),
]


async def shoot(out: Path) -> list[Path]:
    """Save every shot into `out`; returns the files written."""
    written = []
    for name, size, keys in SHOTS:
        with tempfile.TemporaryDirectory() as folder:
            store = Store(Path(folder) / "careerdash.json", clock=lambda: MOMENT)
            store.replace_document(demo_document(MOMENT.date()))
            app = CareerApp(store)
            async with app.run_test(size=size) as pilot:
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
    for path in asyncio.run(shoot(args.out)):
        print(path)


if __name__ == "__main__":
    main()
