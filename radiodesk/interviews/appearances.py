"""Who was on air in a broadcast: a person, a role (host, guest, caller, reporter), a topic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.errors import Conflict, InputError, NotFound
from radiodesk.i18n import _
from radiodesk.interviews.people import (
    ROLE_ORDER,
    AppearanceLine,
    appearance_line,
    display_name,
    load_person,
)
from radiodesk.limits import parse_id
from radiodesk.models import Appearance, Broadcast, BroadcastStatus, Person, Role
from radiodesk.schedule.nownext import on_air_at


@dataclass(frozen=True)
class GuestOnAir:
    """Someone in a broadcast, with what the studio needs to introduce them."""

    person_id: int
    name: str
    role: Role
    position: str
    institution: str
    topic: str


# How far before its planned start and after its end a broadcast still takes log entries.
MARGIN = timedelta(hours=2)


def load_broadcast(
    session: Session, broadcast: int | str, now: datetime | None = None
) -> Broadcast:
    """A broadcast by id, or ``"now"``: the one on air, else the one planned at ``now``."""
    if isinstance(broadcast, str):
        ref = broadcast.strip()
        if ref.lower() == "now":
            if now is None:
                raise InputError(_("'now' needs the current time."))
            return broadcast_at(session, now)
        if not ref.isdigit():
            raise InputError(
                _("{value!r} is not a broadcast: give its number or 'now'.").format(value=ref)
            )
        broadcast = parse_id(ref)
    row = session.get(Broadcast, broadcast)
    if row is None:
        raise NotFound(_("There is no broadcast {id}.").format(id=broadcast))
    return row


def broadcast_at(session: Session, now: datetime) -> Broadcast:
    """The broadcast on air at ``now`` (UTC), by the schedule's one rule (``on_air_at``)."""
    current = on_air_at(session, now)
    if current is None:
        raise NotFound(_("No broadcast is on air or planned right now."))
    return current


def _check_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise InputError(
            _("Unknown role {value!r}: expected one of {choices}.").format(
                value=role, choices=", ".join(Role)
            )
        ) from None


def add_appearance(
    session: Session,
    broadcast_id: int | str,
    person_id: int,
    *,
    now: datetime,
    role: str = Role.GUEST,
    topic: str = "",
) -> AppearanceLine:
    """Put a person in a broadcast. Adding the same person in the same role again updates the
    topic. A merged person's id is followed to the record they were merged into."""
    role = _check_role(role)
    broadcast = load_broadcast(session, broadcast_id, now)
    if broadcast.status == BroadcastStatus.CANCELLED:
        raise Conflict(
            _("Broadcast {id} was cancelled; nobody can appear in it.").format(id=broadcast.id)
        )
    person = load_person(session, person_id, follow_merge=True)
    topic = " ".join(topic.split())
    appearance = session.scalars(
        select(Appearance).where(
            Appearance.broadcast_id == broadcast.id,
            Appearance.person_id == person.id,
            Appearance.role == role,
        )
    ).first()
    if appearance is None:
        appearance = Appearance(
            broadcast=broadcast, person=person, role=role, topic=topic, created_at=now
        )
        session.add(appearance)
    elif topic:
        appearance.topic = topic
    session.flush()
    return appearance_line(appearance)


def remove_appearance(
    session: Session, broadcast_id: int | str, person_id: int, *, role: str | None = None
) -> int:
    """Take a person out of a broadcast (in ``role``, or every role); returns how many went."""
    if role is not None:
        role = _check_role(role)
    broadcast = load_broadcast(session, broadcast_id)
    person = load_person(session, person_id, follow_merge=True)
    statement = select(Appearance).where(
        Appearance.broadcast_id == broadcast.id, Appearance.person_id == person.id
    )
    if role is not None:
        statement = statement.where(Appearance.role == role)
    gone = list(session.scalars(statement))
    if not gone:
        raise NotFound(
            _("{name} does not appear in broadcast {id}.").format(name=person.name, id=broadcast.id)
        )
    for appearance in gone:
        session.delete(appearance)
    session.flush()
    # Collections already loaded in this session would still list the removed rows.
    session.expire(person, ["appearances"])
    session.expire(broadcast, ["appearances"])
    return len(gone)


def appearances_for(session: Session, broadcast_id: int | str) -> list[AppearanceLine]:
    """Everyone in a broadcast: hosts first, then guests, reporters, callers; in added order."""
    broadcast = load_broadcast(session, broadcast_id)
    found = session.scalars(select(Appearance).where(Appearance.broadcast_id == broadcast.id))
    rows = sorted(found, key=lambda a: (ROLE_ORDER.get(a.role, 9), a.id))
    return [appearance_line(a) for a in rows]


def guests_on_air(session: Session, broadcast_id: int) -> tuple[GuestOnAir, ...]:
    """Everyone in a broadcast with position and institution, in :func:`appearances_for`'s
    order; one query."""
    rows = sorted(
        session.execute(
            select(Appearance, Person)
            .join(Person, Person.id == Appearance.person_id)
            .where(Appearance.broadcast_id == broadcast_id)
        ).all(),
        key=lambda r: (ROLE_ORDER.get(r[0].role, 9), r[0].id),
    )
    return tuple(
        GuestOnAir(
            person_id=person.id,
            name=display_name(person),
            role=appearance.role,
            position=person.position,
            institution=person.institution,
            topic=appearance.topic,
        )
        for appearance, person in rows
    )
