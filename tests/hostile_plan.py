"""The sample plan with hostile text in every field a person can type into, for the tests of
the screens (tests/ui) and of the exports (tests/unit)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from tui.domain.demo import demo_document
from tui.domain.document import RECORD_TABLES, SINGLE_TABLES, Document

MARKUP = "[bold]B[/] [link=https://evil.example]L[/link] [@click=app.quit]Q[/]"
CSI = "\x1b[2J\x1b[31mR"  # clear the screen, then red
OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # set the clipboard
CONTROLS = "".join(map(chr, range(0x20))) + "\x7f" + "".join(map(chr, range(0x80, 0xA0)))
EMOJI = "🚀👩‍💻👨‍👩‍👧‍👦🏳️‍🌈"  # ZWJ sequences among them
CJK = "职业发展目标"
RTL = "مرحبا שלום \u202eevil\u202c"
HOSTILE = f"{MARKUP} {CSI} {OSC52} {CONTROLS} {EMOJI} {CJK} {RTL}"
LONG = "long " * 20_000  # a 100,000-character title
# Text the program itself chose, not the person: left as it is.
NOT_TYPED = {"field", "theme"}


def hostile_document(today: date) -> Document:
    """The sample plan with every text field of every record (goal history and
    retrospective, review pages included) replaced by '<where> <HOSTILE>', where is the
    field's path such as 'steps.46.title'; the first goal and step get 100,000-character
    titles."""
    doc = demo_document(today)
    data = doc.model_dump()
    first_goal, first_step, last_goal = min(doc.goals), min(doc.steps), max(doc.goals)
    for goal_id in list(doc.goals)[:2]:
        data["goals"][goal_id]["history"] = [{
            "at": datetime(2026, 11, 1, 9), "field": "deadline", "old": "2027-01-01",
            "new": "2027-02-01", "reason": "r"}]
    data["goals"][last_goal].update(status="dropped",
                                    retrospective={"happened": "h", "learned": "l"})
    for name, model in SINGLE_TABLES.items():
        data[name] = _rewrite(data[name], model, name)
    for name, model in RECORD_TABLES.items():
        for key, record in data[name].items():
            data[name][key] = _rewrite(record, model, f"{name}.{key}")
    data["goals"][first_goal]["title"] = LONG + "end of the long goal"
    data["steps"][first_step]["title"] = LONG + "end of the long step"
    return Document.model_validate(data)


def _rewrite(value: dict[str, Any], model: type[BaseModel], where: str) -> dict[str, Any]:
    out = dict(value)
    for name, field in model.model_fields.items():
        if out.get(name) is None or name in NOT_TYPED:
            continue
        annotation = field.annotation
        if annotation is str:
            out[name] = f"{where}.{name} {HOSTILE}"
        elif get_origin(annotation) is list and _model(get_args(annotation)[0]):
            out[name] = [_rewrite(item, get_args(annotation)[0], f"{where}.{name}.{n}")
                         for n, item in enumerate(out[name])]
        else:
            inner = next((a for a in (*get_args(annotation), annotation) if _model(a)), None)
            if inner is not None:
                out[name] = _rewrite(out[name], inner, f"{where}.{name}")
    return out


def _model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def typed_texts(doc: Document) -> list[str]:
    """Every text a person typed into `doc` (the fields `hostile_document` rewrites)."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, BaseModel):
            for name, field in type(value).model_fields.items():
                item = getattr(value, name)
                if field.annotation is str and name not in NOT_TYPED:
                    found.append(item)
                else:
                    walk(item)
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                walk(item)

    walk(doc)
    return found
