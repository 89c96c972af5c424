"""The last guard between user text and the terminal: no control character is drawn."""

from __future__ import annotations

import re

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

# C0, DEL, C1, and the bidirectional overrides and isolates (which reorder the rest of a
# line). Rich counts each as zero cells wide, so dropping one keeps every line's width.
CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class ControlCharacters(LineFilter):
    """Drops control characters from every line the app draws.

    Screens show user text through `visible` (ESC as ␛ …); this catches what reaches a
    line another way, such as a value being edited in an Input or a TextArea, so that an
    escape sequence in the plan can never clear the screen or set the clipboard (OSC 52).
    """

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if not CONTROLS.search("".join(segment.text for segment in segments)):
            return segments
        return [segment if segment.control else
                Segment(CONTROLS.sub("", segment.text), segment.style)
                for segment in segments]
