"""Where the data lives and what time it is (both overridable, for people and for tests)."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path

APP_NAME = "careerdash"


def data_path(option: str | None, env: Mapping[str, str] = os.environ) -> Path:
    """`--data PATH`, else $CAREERDASH_DATA, else $XDG_DATA_HOME/careerdash/careerdash.json."""
    if option:
        return Path(option).expanduser()
    if env.get("CAREERDASH_DATA"):
        return Path(env["CAREERDASH_DATA"]).expanduser()
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / APP_NAME / f"{APP_NAME}.json"


def clock(env: Mapping[str, str] = os.environ) -> Callable[[], datetime]:
    """The current local time, or the fixed $CAREERDASH_NOW (ISO) for screenshots and tests."""
    fixed = env.get("CAREERDASH_NOW")
    if not fixed:
        return datetime.now
    moment = datetime.fromisoformat(fixed)
    return lambda: moment
