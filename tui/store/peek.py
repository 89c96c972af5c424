"""A glance at the data file's first lines, for the frame painted before the plan is read.

The store writes `meta` and `settings` first (see `FILE_ORDER`), so the theme a person
chose is within the file's first few hundred bytes. What is found here is only a hint for
the opening frame's colours: the loaded, validated plan decides, and a hint that is wrong
or missing costs one repaint in another theme.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

FILE_ORDER = ("meta", "settings")  # the tables the store writes first, in this order
HEAD_BYTES = 4096

# The settings record's theme, when it is a name (null, or anything unusual, is no hint).
# [^{}] keeps the search inside that one record.
_THEME = re.compile(rb'"settings"\s*:\s*\{\s*"1"\s*:\s*\{'
                    rb'[^{}]*?"theme"\s*:\s*"([A-Za-z0-9_-]{1,60})"')


def theme_hint(path: Path) -> str | None:
    """The theme the file at `path` names in its settings, if its head says so plainly."""
    try:
        # Non-blocking: a FIFO planted at the data path must not hang the start; the
        # store then refuses it with a proper message.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        head = os.read(fd, HEAD_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)
    found = _THEME.search(head)
    return found.group(1).decode() if found else None
