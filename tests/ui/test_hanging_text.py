"""Label columns whose values wrap under themselves."""

from __future__ import annotations

from textual.content import Content

from tui.widgets.hanging_text import Line, lay_out

ROW = Line(Content("Craftsmanship, Helping others grow, Cut platform incidents by half"),
           Content("Serves    "))


def test_continuation_lines_start_under_the_value() -> None:
    lines = [line.plain for line in lay_out([ROW], 40)]
    assert lines[0].startswith("Serves    Craftsmanship")
    assert len(lines) > 1
    assert all(line.startswith(" " * 10) and line[10] != " " for line in lines[1:])
    assert all(len(line) <= 40 for line in lines)
    assert " ".join(" ".join(lines).split()) == "Serves " + ROW.body.plain


def test_a_column_too_thin_to_read_indents_by_two_instead() -> None:
    lines = [line.plain for line in lay_out([ROW], 20)]
    assert lines[0].startswith("Serves")
    assert all(line.startswith("  ") and line[2] != " " for line in lines[1:])
    assert all(len(line) <= 20 for line in lines)


def test_short_and_empty_lines_stay_one_line() -> None:
    assert [line.plain for line in lay_out([Line(Content("")), Line(Content("ok"))], 30)] == [
        "", "ok"]
