"""The plan as Markdown: the career development plan for a manager, and a brag document.

User text is data here as everywhere: every piece of it goes through `md`, which shows
control characters, escapes what Markdown would read as markup and keeps each text on its
own line, so no title can open a heading, a list, a table cell, a link, emphasis or HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from tui.domain.document import Document
from tui.domain.inventory import items_of, objectives_of
from tui.domain.models import (
    Feedback,
    Goal,
    GoalStatus,
    InventoryKind,
    Step,
    StepStatus,
)
from tui.domain.pace import Pace, pace
from tui.domain.progress import goal_progress, steps_by_goal, tree_order
from tui.domain.smart import planned_goals, smart_check
from tui.domain.steps import describe_recurrence
from tui.domain.text import visible
from tui.domain.wins import WinEntry, all_wins, wins_between

RECENT_WINS_DAYS = 30
# Characters Markdown may read as markup anywhere in a line; `&` only where it would start
# an entity such as `&lt;`, so "R&D" stays readable in the source.
_INLINE = re.compile(r"[\\`*_\[<|~#$]|&(?=#?\w+;)")
# What opens a block when it starts a line: a list item, a quote, a setext underline.
_BLOCK_START = re.compile(r"[-+=>]|[0-9]{1,9}(?=[.)])")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_PACE_MARK = {Pace.AHEAD: "↑", Pace.ON_TRACK: "→", Pace.BEHIND: "↓", Pace.OVERDUE: "!",
              Pace.DONE: "✓", Pace.UNDATED: "–", Pace.IDLE: "–"}
_STEP_STATUS = {StepStatus.TODO: "to do", StepStatus.DOING: "doing",
                StepStatus.BLOCKED: "blocked", StepStatus.DONE: "done"}
_WIN_SOURCE = {"goal": "goal achieved", "step": "step done", "manual": "win"}


def md(text: str) -> str:
    """`text` as inline Markdown that reads exactly as typed: control characters shown,
    markup characters escaped, line breaks as `<br>` (so it is safe in a table cell)."""
    lines = text.replace("\r\n", "\n").strip(" \t\n").split("\n")
    return "<br>".join(_md_line(line) for line in lines)


def _md_line(line: str) -> str:
    escaped = _INLINE.sub(lambda m: "\\" + m.group(0), visible(line.strip(" \t")))
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    # A list number keeps its digits; the `.` or `)` after it is what gets escaped.
    cut = start.end() if start.group(0)[0].isdigit() else 0
    return escaped[:cut] + "\\" + escaped[cut:]


# --- the career development plan -----------------------------------------------------------


def plan_markdown(doc: Document, today: date) -> str:
    """The whole career development plan, to bring to a manager or mentor."""
    sections = [
        f"# Career development plan — {today.isoformat()}",
        _vision(doc),
        _ranked("Values", [(v.name, v.notes) for v in items_of(doc, InventoryKind.VALUE)],
                "No values ranked yet."),
        _listed(doc, InventoryKind.STRENGTH, "Strengths", "No strengths listed yet."),
        _listed(doc, InventoryKind.WEAKNESS, "Growth areas", "No growth areas listed yet."),
        _listed(doc, InventoryKind.INTEREST, "Interests", "No interests listed yet."),
        _skills(doc),
        _ranked("Organisation objectives",
                [(o.title, o.description) for o in objectives_of(doc)],
                "No organisation objectives recorded yet."),
        _goals(doc, today),
        _action_plan(doc, today),
        _recent_wins(doc, today),
        _feedback(doc),
    ]
    return "\n\n".join(sections) + "\n"


def _section(title: str, body: Iterable[str], empty: str) -> str:
    lines = list(body)
    return f"## {title}\n\n" + ("\n".join(lines) if lines else f"_{empty}_")


def _with_notes(name: str, notes: str) -> str:
    return md(name) + (f" — {md(notes)}" if notes.strip() else "")


def _vision(doc: Document) -> str:
    fields = (("Where I want to be", doc.vision.statement),
              ("Responsibility", doc.vision.responsibility), ("Impact", doc.vision.impact))
    return _section("Vision", (f"- **{label}:** {md(text)}" for label, text in fields
                               if text.strip()), "No vision written yet.")


def _ranked(title: str, entries: list[tuple[str, str]], empty: str) -> str:
    return _section(title, (f"{rank}. {_with_notes(name, notes)}"
                            for rank, (name, notes) in enumerate(entries, 1)), empty)


def _listed(doc: Document, kind: InventoryKind, title: str, empty: str) -> str:
    return _section(title, (f"- {_with_notes(i.name, i.notes)}" for i in items_of(doc, kind)),
                    empty)


def _skills(doc: Document) -> str:
    skills = items_of(doc, InventoryKind.SKILL)  # the biggest gap first
    rows = [f"| {md(s.name)} | {s.skill_kind} | {s.current_level} | {s.target_level} | {s.gap} |"
            for s in skills]
    header = ["| Skill | Kind | Current | Target | Gap |", "| --- | --- | ---: | ---: | ---: |"]
    return _section("Skills and gaps", header + rows if rows else [], "No skills rated yet.")


# --- goals ------------------------------------------------------------------------------


def goal_numbers(doc: Document) -> Iterator[tuple[str, int, Goal]]:
    """Goals in tree order with their outline number ("1", "1.2", "1.2.1") and depth."""
    counters: list[int] = []
    for depth, goal in tree_order(doc):
        del counters[depth + 1:]
        if len(counters) == depth + 1:
            counters[depth] += 1
        else:
            counters.append(1)
        yield ".".join(map(str, counters)), depth, goal


def _goals(doc: Document, today: date) -> str:
    planned = planned_goals(doc)
    blocks = [_goal(doc, number, depth, goal, today, planned)
              for number, depth, goal in goal_numbers(doc)]
    return _section("Goals", ["\n\n".join(blocks)] if blocks else [], "No goals set yet.")


def _goal(doc: Document, number: str, depth: int, goal: Goal, today: date,
          planned: frozenset[int]) -> str:
    progress = goal_progress(doc).get(goal.id, 0.0)
    mark = pace(goal, progress, today)
    lines = [
        f"{'#' * min(3 + depth, 6)} {number} {md(goal.title)}",
        "",
        f"- **Horizon:** {goal.horizon.value}-term · **Status:** {_goal_status(goal)}",
        f"- **Progress:** {progress:.0%} · {_PACE_MARK[mark]} "
        + (goal.status.value if mark is Pace.IDLE else mark.value),
        f"- **Specific:** {md(goal.description) if goal.description.strip() else md(goal.title)}",
        f"- **Measurable:** {_measurable(goal)}",
        f"- **Achievable:** {_resources(goal)}",
        f"- **Relevant:** {_relevant(doc, goal)}",
        f"- **Time-bound:** from {goal.start.isoformat()}, "
        + (f"deadline {goal.deadline.isoformat()}" if goal.deadline else "no deadline"),
        f"- **SMART check:** {_smart(doc, goal, today, planned)}",
    ]
    if goal.retrospective is not None:
        lines.append(f"- **Dropped because:** {md(goal.retrospective.happened)}")
        if goal.retrospective.learned.strip():
            lines.append(f"- **Learned:** {md(goal.retrospective.learned)}")
    return "\n".join(lines)


def _goal_status(goal: Goal) -> str:
    if goal.status is GoalStatus.DONE and goal.done_at is not None:
        return f"done on {goal.done_at.date().isoformat()}"
    return goal.status.value


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else f"{value:.6g}"


def _measurable(goal: Goal) -> str:
    parts = []
    if goal.metric is not None:
        m = goal.metric
        unit = f" {md(m.unit)}" if m.unit.strip() else ""
        now = "no check-in yet" if m.current is None else f"now {_num(m.current)}"
        parts.append(f"{_num(m.baseline)} → {_num(m.target)}{unit}, {now}")
    if goal.done_when.strip():
        parts.append(f"done when {md(goal.done_when)}")
    return "; ".join(parts) or "_no metric or “done when” yet_"


def _resources(goal: Goal) -> str:
    r = goal.resources
    parts = [f"{label}: {md(text)}" for label, text in
             (("time", r.time), ("money", r.money), ("support", r.support),
              ("mentors", r.mentors)) if text.strip()]
    return "; ".join(parts) or "_no resources listed_"


def _relevant(doc: Document, goal: Goal) -> str:
    groups = [("values", [doc.inventory[i].name for i in goal.value_ids if i in doc.inventory]),
              ("objectives", [doc.objectives[i].title for i in goal.objective_ids
                              if i in doc.objectives]),
              ("skills", [doc.inventory[i].name for i in goal.skill_ids if i in doc.inventory])]
    parts = [f"{label}: {', '.join(md(n) for n in names)}" for label, names in groups if names]
    return "; ".join(parts) or "_nothing linked directly_"


def _smart(doc: Document, goal: Goal, today: date, planned: frozenset[int]) -> str:
    verdicts = smart_check(goal, doc, today, planned)
    letters = " ".join(f"{v.letter} {'✓' if v.ok else '✗'}" for v in verdicts)
    failing = "; ".join(f"{v.letter}: {md(v.reason)}" for v in verdicts if not v.ok)
    return f"{letters} — {failing}" if failing else letters


# --- action plan, wins, feedback --------------------------------------------------------


def _action_plan(doc: Document, today: date) -> str:
    groups = steps_by_goal({i: s for i, s in doc.steps.items() if not s.is_done})
    blocks = [f"### {number} {md(goal.title)}\n\n{_step_list(groups[goal.id], today)}"
              for number, _depth, goal in goal_numbers(doc) if groups.get(goal.id)]
    if groups.get(None):
        blocks.append(f"### Not under a goal\n\n{_step_list(groups[None], today)}")
    return _section("Action plan", ["\n\n".join(blocks)] if blocks else [],
                    "No open action steps.")


def _step_list(steps: list[Step], today: date) -> str:
    ordered = sorted(steps, key=lambda s: (s.due or date.max, s.priority.rank, s.position, s.id))
    return "\n".join(f"- {md(s.title)} — {_when(s, today)} · {s.priority.value} priority"
                     f" · {_STEP_STATUS[s.status]}" for s in ordered)


def _when(step: Step, today: date) -> str:
    due = f"due {step.due.isoformat()}" if step.due else "no due date"
    if step.due is not None and step.due < today:
        due += " (overdue)"
    if step.recurrence is not None:
        due += f", repeats {describe_recurrence(step.recurrence)}"
    return due


def _recent_wins(doc: Document, today: date) -> str:
    wins = wins_between(all_wins(doc), today - timedelta(days=RECENT_WINS_DAYS), today)
    return _section(f"Recent wins (last {RECENT_WINS_DAYS} days)",
                    (_win_line(doc, w) for w in wins), "No wins in the last 30 days.")


def _win_line(doc: Document, win: WinEntry) -> str:
    goal_id = win.goal_id
    if win.source == "goal" and goal_id in doc.goals:
        goal_id = doc.goals[goal_id].parent_id  # a goal's win serves the goal above it
    served = doc.goals.get(goal_id) if goal_id is not None else None
    towards = f", towards “{md(served.title)}”" if served is not None else ""
    return f"- **{win.on.isoformat()}** {md(win.title)} ({_WIN_SOURCE[win.source]}{towards})"


def _feedback(doc: Document) -> str:
    entries = sorted(doc.feedback.values(), key=lambda f: (f.on, f.id), reverse=True)
    return _section("Feedback", (_feedback_line(doc, f) for f in entries),
                    "No feedback recorded yet.")


def _feedback_line(doc: Document, entry: Feedback) -> str:
    role = f" ({md(entry.role)})" if entry.role.strip() else ""
    goal = doc.goals.get(entry.goal_id) if entry.goal_id is not None else None
    about = f" on “{md(goal.title)}”" if goal is not None else ", in general"
    return (f"- **{entry.on.isoformat()}** {md(entry.who)}{role} · {entry.kind.value}{about}:"
            f" {md(entry.text)}")


# --- the brag document ------------------------------------------------------------------


def brag_markdown(doc: Document, since: date, today: date) -> str:
    """Wins and feedback from `since` to `today`, newest month first: a promotion case."""
    wins = wins_between(all_wins(doc), since, today)
    feedback = sorted((f for f in doc.feedback.values() if since <= f.on <= today),
                      key=lambda f: (f.on, f.id), reverse=True)
    months = sorted({(w.on.year, w.on.month) for w in wins}
                    | {(f.on.year, f.on.month) for f in feedback}, reverse=True)
    parts = [f"# Brag document — {since.isoformat()} to {today.isoformat()}",
             f"_{_count(len(wins), 'win', 'wins')} and"
             f" {_count(len(feedback), 'piece of feedback', 'pieces of feedback')}._"]
    for year, month in months:
        parts.append(_brag_month(doc, year, month,
                                 [w for w in wins if (w.on.year, w.on.month) == (year, month)],
                                 [f for f in feedback if (f.on.year, f.on.month) == (year, month)]))
    if not months:
        parts.append("_Nothing recorded in this period yet: check steps off, add wins and"
                     " record feedback as it comes._")
    return "\n\n".join(parts) + "\n"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _brag_month(doc: Document, year: int, month: int, wins: list[WinEntry],
                feedback: list[Feedback]) -> str:
    blocks = [f"## {_MONTHS[month - 1]} {year}"]
    if wins:
        blocks.append("### Wins\n\n" + "\n".join(_win_line(doc, w) for w in wins))
    if feedback:
        blocks.append("### Feedback\n\n" + "\n".join(_feedback_line(doc, f) for f in feedback))
    return "\n\n".join(blocks)
