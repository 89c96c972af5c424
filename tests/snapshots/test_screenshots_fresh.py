"""The README's screenshots are what the code draws today (regenerate them with
`python -m tui.devtools.screenshots`)."""

from __future__ import annotations

from pathlib import Path

from tui.devtools.screenshots import SHOTS, SIZE, shoot

COMMITTED = Path(__file__).resolve().parents[2] / "screenshots"


async def test_every_committed_screenshot_is_up_to_date(tmp_path: Path) -> None:
    fresh = {path.name: path.read_bytes() for path in await shoot(tmp_path)}
    committed = {path.name: path.read_bytes() for path in COMMITTED.glob("*.svg")}
    assert sorted(committed) == sorted(fresh), "screenshots/ holds other shots than SHOTS"
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, (f"out of date with the code: {', '.join(stale)}; "
                       "run python -m tui.devtools.screenshots")


def test_the_shots_cover_every_screen_at_the_fixed_size() -> None:
    keys = {shot_keys[0] if shot_keys else "1" for _name, shot_keys in SHOTS}
    assert {"1", "2", "3", "4", "5", "6"} <= keys
    assert SIZE == (120, 36)
