"""Slots as the desk sees and edits them.

The programme file stays the source of truth: an edit rewrites the slot's lines in
``shows/<slug>.toml`` (comments and the other lines stay as they were), is checked by the
same parser as ``shows sync`` (so a mistake names the file and the field), updates the slot
row and re-plans its future airings in the caller's unit of work. The file is replaced last,
atomically; should the database then fail, the next ``shows sync`` applies the file.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings, read_toml
from radiodesk.errors import ConfigError, InputError, NotFound
from radiodesk.i18n import _
from radiodesk.models import Show, Slot
from radiodesk.schedule.plan import PlanReport, plan_airings
from radiodesk.shows import ShowSpec, SlotSpec, parse_show_file

# The fields of a [[slots]] table an edit may set; None removes an optional one.
EDITABLE = ("days", "start", "duration", "from", "until", "every", "nth")
_HEADER = re.compile(r"^\s*\[")
_SLOTS_HEADER = re.compile(r"^\s*\[\[\s*slots\s*\]\]\s*(#.*)?$")


@dataclass(frozen=True)
class SlotView:
    """A slot in station time. ``every`` 2 is every other week; ``nth`` -1 the last."""

    id: int
    show_slug: str
    show_title: str
    key: str
    weekdays: tuple[str, ...]
    start_time: time
    duration_minutes: int
    valid_from: date
    valid_until: date | None
    every: int
    nth: int | None
    active: bool


@dataclass(frozen=True)
class SlotEdit:
    """The slot after an edit, and what re-planning its airings did."""

    slot: SlotView
    plan: PlanReport


def _view(slot: Slot) -> SlotView:
    return SlotView(
        id=slot.id,
        show_slug=slot.show.slug,
        show_title=slot.show.title,
        key=slot.key,
        weekdays=tuple(d for d in slot.weekdays.split(",") if d),
        start_time=slot.start_time,
        duration_minutes=slot.duration_minutes,
        valid_from=slot.valid_from,
        valid_until=slot.valid_until,
        every=slot.interval,
        nth=slot.monthly_nth,
        active=slot.active and slot.show.active,
    )


def list_slots(session: Session, *, active_only: bool = True) -> tuple[SlotView, ...]:
    """Every slot (of active programmes unless ``active_only`` is False), by programme."""
    rows = session.scalars(
        select(Slot).options(joinedload(Slot.show)).join(Show).order_by(Show.slug, Slot.key)
    ).unique()
    return tuple(_view(s) for s in rows if (s.active and s.show.active) or not active_only)


def _toml_value(field: str, value: Any) -> str:
    if field == "days":
        days = [value] if isinstance(value, str) else list(value)
        return "[" + ", ".join(f'"{str(d).strip().upper()}"' for d in days) + "]"
    if field == "start":
        return f'"{value.strftime("%H:%M")}"' if isinstance(value, time) else f'"{value}"'
    if field in ("from", "until"):
        return value.isoformat() if isinstance(value, date) else f'"{value}"'
    if isinstance(value, bool) or not isinstance(value, int):
        return f'"{value}"'
    return str(value)


def rewrite_slot(text: str, index: int, changes: dict[str, Any], path: Path) -> str:
    """The programme file's text with the ``index``-th ``[[slots]]`` table changed.

    Changed keys keep their line (and a trailing comment); new keys go at the end of the
    table; a key set to None is removed.
    """
    lines = text.splitlines(keepends=True)
    headers = [i for i, line in enumerate(lines) if _SLOTS_HEADER.match(line)]
    if index >= len(headers):
        raise ConfigError(
            _(
                "{file}: the slots are not written as [[slots]] tables; edit the file by hand"
            ).format(file=path)
        )
    begin = headers[index] + 1
    end = next((i for i in range(begin, len(lines)) if _HEADER.match(lines[i])), len(lines))
    body = lines[begin:end]
    tail = len(body)
    while tail and not body[tail - 1].strip():
        tail -= 1
    kept, blank = body[:tail], body[tail:]
    for field, value in changes.items():
        pattern = re.compile(rf"^(\s*{re.escape(field)}\s*=\s*)(.*?)([ \t]+#[^\"'\r\n]*)?(\r?\n)?$")
        at = next((i for i, line in enumerate(kept) if pattern.match(line)), None)
        if at is not None:
            match = pattern.match(kept[at])
            assert match is not None
            if match.group(2).count("[") != match.group(2).count("]"):
                raise ConfigError(
                    _("{file}: key '{key}' spans several lines; edit the file by hand").format(
                        file=path, key=field
                    )
                )
            if value is None:
                del kept[at]
            else:
                kept[at] = (
                    f"{match.group(1)}{_toml_value(field, value)}{match.group(3) or ''}"
                    f"{match.group(4) or chr(10)}"
                )
        elif value is not None:
            if kept and not kept[-1].endswith("\n"):
                kept[-1] += "\n"
            kept.append(f"{field} = {_toml_value(field, value)}\n")
    return "".join([*lines[:begin], *kept, *blank, *lines[end:]])


def edit_slot(
    session: Session,
    settings: Settings,
    show_slug: str,
    key: str,
    changes: dict[str, Any],
    *,
    now: datetime,
    author: str = "",
) -> SlotEdit:
    """Change a slot (``days``, ``start``, ``duration``, ``from``, ``until``, ``every``,
    ``nth``) in its programme file and in the database, and re-plan its future airings.

    Values are as in the file: ``start`` "07:00", ``duration`` minutes, dates as dates.
    A wrong value raises ConfigError naming the file and the field; nothing is changed.
    """
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise InputError(
            _("Unknown slot field {fields}; expected one of {keys}").format(
                fields=", ".join(unknown), keys=", ".join(EDITABLE)
            )
        )
    show = session.scalars(select(Show).where(Show.slug == show_slug)).first()
    if show is None or not show.active:
        raise NotFound(_("There is no programme '{slug}'.").format(slug=show_slug))
    path = settings.shows_dir / f"{show.slug}.toml"
    raw_slots = read_toml(path).get("slots", [])
    index = next(
        (
            i
            for i, raw in enumerate(raw_slots if isinstance(raw_slots, list) else [])
            if isinstance(raw, dict) and raw.get("key", f"slot-{i + 1}") == key
        ),
        None,
    )
    if index is None:
        raise NotFound(_("{file}: there is no slot '{key}'.").format(file=path, key=key))
    text = rewrite_slot(path.read_text(encoding="utf-8"), index, changes, path)
    spec = _check(path, text).slots[index]
    slot = next((s for s in show.slots if s.key == key), None)
    if slot is None:
        raise InputError(
            _("The slot '{key}' is not loaded yet: run 'radiodesk shows sync'.").format(key=key)
        )
    _apply(slot, spec)
    session.flush()
    report = plan_airings(session, settings, now, slot_ids=[slot.id], author=author)
    _replace(path, text)
    return SlotEdit(slot=_view(slot), plan=report)


def _check(path: Path, text: str) -> ShowSpec:
    # Parse the new text under the file's own name, so messages name the real file.
    folder = Path(tempfile.mkdtemp(prefix=".radiodesk-", dir=path.parent))
    try:
        trial = folder / path.name
        trial.write_text(text, encoding="utf-8")
        try:
            return parse_show_file(trial)
        except ConfigError as err:
            raise ConfigError(str(err).replace(str(trial), str(path))) from None
    finally:
        for leftover in folder.iterdir():
            leftover.unlink()
        folder.rmdir()


def _apply(slot: Slot, spec: SlotSpec) -> None:
    slot.weekdays = ",".join(spec.weekdays)
    slot.start_time = spec.start_time
    slot.duration_minutes = spec.duration_minutes
    slot.valid_from = spec.valid_from
    slot.valid_until = spec.valid_until
    slot.interval = spec.interval
    slot.monthly_nth = spec.monthly_nth
    slot.active = True


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(temporary, path)
    except OSError as err:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(
            _("{file}: cannot be written: {reason}").format(file=path, reason=err.strerror)
        ) from None
