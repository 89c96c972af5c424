"""Text whose wrapped lines stay under their first word: label columns that read as a table."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


_MIN_BODY = 14
_NARROW_HANG = 2


@dataclass(frozen=True)
class Line:
    """One logical line: a `prefix` (a label, a bullet) and a `body` that wraps beside it."""

    body: Content
    prefix: Content = Content("")


def lay_out(lines: list[Line], width: int) -> list[Content]:
    """`lines` wrapped to `width`, continuation lines indented by their prefix's width
    (or by _NARROW_HANG when that would leave a column too thin to read)."""
    out: list[Content] = []
    for line in lines:
        hang = line.prefix.cell_length
        if width - hang >= _MIN_BODY:
            first, *rest = line.body.wrap(width - hang)
            first = line.prefix + first
        else:
            hang = min(hang, _NARROW_HANG)
            first, *rest = (line.prefix + line.body).wrap(max(1, width - hang))
        out.append(first)
        out += [Content(" " * hang) + more for more in rest]
    return out


LABEL_WIDTH = 10


def row(label: str, value: str | Content) -> Line:
    """A bold label and its value (an em dash when there is none)."""
    body = Content(value) if isinstance(value, str) and value else value or Content("—")
    return Line(body, Content.styled(f"{label:<{LABEL_WIDTH}}", "bold"))


def heading(text: str | Content) -> list[Line]:
    """A blank line and a section heading."""
    title = Content.styled(text, "bold $text-primary") if isinstance(text, str) else text
    return [Line(Content("")), Line(title)]


def item(mark: str, body: str | Content, style: str = "") -> Line:
    """A bulleted line: `mark` hangs to the left of the wrapped `body`."""
    return Line(Content(body) if isinstance(body, str) else body,
                Content.styled(f"  {mark} ", style))


class HangingText(Widget):
    """Shows `Line`s wrapped to the widget's width with a hanging indent."""

    DEFAULT_CSS = "HangingText { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[Line] = []

    def update(self, lines: list[Line]) -> None:
        self._lines = lines
        # A new layout repaints the whole screen; only pay for it when the height changes.
        width = self.content_size.width
        self.refresh(layout=not width or len(lay_out(lines, width)) != self.content_size.height)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(lay_out(self._lines, width))

    def render(self) -> Content:
        return Content("\n").join(lay_out(self._lines, self.content_size.width or 80))
