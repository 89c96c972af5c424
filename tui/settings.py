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


LOCK_SECONDS = 10.0


def lock_seconds(env: Mapping[str, str] = os.environ) -> float:
    """How long a change waits for another session's lock: $CAREERDASH_LOCK_TIMEOUT (seconds,
    for a slow network folder or a test), else 10."""
    try:
        seconds = float(env.get("CAREERDASH_LOCK_TIMEOUT") or LOCK_SECONDS)
    except ValueError:
        return LOCK_SECONDS
    return seconds if 0 < seconds < float("inf") else LOCK_SECONDS


# Set by sshd, and by tmux and screen (which are often reached over SSH and may outlive the
# connection that started them).
_REMOTE = ("SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "TMUX", "STY")


def cursor_blinks(env: Mapping[str, str] = os.environ) -> bool:
    """Whether text cursors may blink: not over SSH nor in a multiplexer, where each blink
    is a repaint sent down the wire (about 2 KB/s), and not if $CAREERDASH_BLINK is 0."""
    if env.get("CAREERDASH_BLINK") in ("0", "1"):
        return env["CAREERDASH_BLINK"] == "1"
    return not any(env.get(name) for name in _REMOTE)
