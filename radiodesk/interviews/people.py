"""The directory of people who speak on air: add, find, edit, merge; and what may be published.

Phone, e-mail and notes are private: they travel in a separate ``private`` part of
:class:`PersonCard` so that no caller mistakes them for public fields, and
:func:`publishable_people` (what publishing reads) never carries them.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from radiodesk.errors import Conflict, InputError, NotFound
from radiodesk.i18n import _
from radiodesk.limits import refuse_too_long
from radiodesk.models import Appearance, Broadcast, Consent, Episode, Person, Role

# Column widths of the person table; longer input is refused, not cut.
LIMITS = {
    "name": 200,
    "honorific": 60,
    "position": 300,
    "institution": 300,
    "phone": 60,
    "email": 200,
}
# Roles that speak for the station itself: their consent is part of their job.
STAFF_ROLES = (Role.HOST,)
# The order people are listed in a broadcast.
ROLE_ORDER = {role: i for i, role in enumerate((Role.HOST, Role.GUEST, Role.REPORTER, Role.CALLER))}


def fold(text: str) -> str:
    """``text`` lower-cased, accents removed (NFKD), runs of spaces made one: for look-ups."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


@dataclass(frozen=True)
class PrivateContact:
    """What only the studio may see: never published, never in a feed or page."""

    phone: str
    email: str
    notes: str


@dataclass(frozen=True)
class AppearanceLine:
    """A person in a broadcast. ``planned_start`` in UTC."""

    id: int
    broadcast_id: int
    person_id: int
    person_name: str
    show_title: str
    planned_start: datetime
    role: Role
    topic: str


@dataclass(frozen=True)
class PersonCard:
    """A person as the desk shows them. ``consent_at`` in UTC."""

    id: int
    name: str
    honorific: str
    display_name: str
    position: str
    institution: str
    consent: Consent
    consent_at: datetime | None
    publish_name: bool
    publish_position: bool
    merged_into_id: int | None
    private: PrivateContact
    appearances: tuple[AppearanceLine, ...] = ()


@dataclass(frozen=True)
class PublicPerson:
    """What publishing may say about someone on air: only what they allowed."""

    person_id: int
    name: str
    role: Role
    topic: str
    position: str = ""
    institution: str = ""


@dataclass(frozen=True)
class LeftOut:
    """Someone on air whom publishing does not name, or names without their position, and
    why (one translated line). Never carries private fields."""

    person_id: int
    name: str
    role: Role
    consent: Consent
    reason: str


@dataclass(frozen=True)
class MergeResult:
    """``moved`` appearances went to the kept person; ``joined`` were already theirs."""

    kept: PersonCard
    merged_id: int
    moved: int
    joined: int


def display_name(person: Person) -> str:
    return f"{person.honorific} {person.name}".strip()


def appearance_line(appearance: Appearance) -> AppearanceLine:
    broadcast = appearance.broadcast
    return AppearanceLine(
        id=appearance.id,
        broadcast_id=appearance.broadcast_id,
        person_id=appearance.person_id,
        person_name=display_name(appearance.person),
        show_title=broadcast.title or broadcast.show.title,
        planned_start=broadcast.planned_start,
        role=appearance.role,
        topic=appearance.topic,
    )


def person_card(person: Person, with_appearances: bool = False) -> PersonCard:
    appearances: tuple[AppearanceLine, ...] = ()
    if with_appearances:
        ordered = sorted(person.appearances, key=lambda a: (a.broadcast.planned_start, a.id))
        appearances = tuple(appearance_line(a) for a in ordered)
    return PersonCard(
        id=person.id,
        name=person.name,
        honorific=person.honorific,
        display_name=display_name(person),
        position=person.position,
        institution=person.institution,
        consent=person.consent,
        consent_at=person.consent_at,
        publish_name=person.publish_name,
        publish_position=person.publish_position,
        merged_into_id=person.merged_into_id,
        private=PrivateContact(phone=person.phone, email=person.email, notes=person.notes),
        appearances=appearances,
    )


def _clean(field: str, value: str) -> str:
    value = " ".join(value.split()) if field != "notes" else value.strip()
    limit = LIMITS.get(field)
    return value if limit is None else refuse_too_long(field, value, limit)


def _check_consent(consent: str) -> Consent:
    try:
        return Consent(consent)
    except ValueError:
        raise InputError(
            _("Unknown consent {value!r}: expected one of {choices}.").format(
                value=consent, choices=", ".join(Consent)
            )
        ) from None


def _check_email(email: str) -> None:
    if email and ("@" not in email or " " in email):
        raise InputError(
            _("{email!r} is not an e-mail address (name@example.go.id).").format(email=email)
        )


def _refold(person: Person) -> None:
    person.name_folded = fold(person.name)
    person.institution_folded = fold(person.institution)


def add_person(
    session: Session,
    name: str,
    *,
    now: datetime,
    honorific: str = "",
    position: str = "",
    institution: str = "",
    phone: str = "",
    email: str = "",
    consent: str = Consent.UNKNOWN,
    publish_name: bool = True,
    publish_position: bool = True,
    notes: str = "",
) -> PersonCard:
    """Add someone to the directory. ``consent_at`` is ``now`` when consent is given or refused."""
    name = _clean("name", name)
    if not name:
        raise InputError(_("A person needs a name."))
    consent = _check_consent(consent)
    email = _clean("email", email)
    _check_email(email)
    person = Person(
        name=name,
        honorific=_clean("honorific", honorific),
        position=_clean("position", position),
        institution=_clean("institution", institution),
        phone=_clean("phone", phone),
        email=email,
        consent=consent,
        consent_at=now if consent != Consent.UNKNOWN else None,
        publish_name=publish_name,
        publish_position=publish_position,
        notes=_clean("notes", notes),
        created_at=now,
        updated_at=now,
    )
    _refold(person)
    session.add(person)
    session.flush()
    return person_card(person)


def load_person(session: Session, person_id: int, *, follow_merge: bool = False) -> Person:
    """The person row; with ``follow_merge`` the record a merged person now lives in."""
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(_("There is no person {id}.").format(id=person_id))
    seen = {person.id}
    while follow_merge and person.merged_into_id is not None:
        person = session.get(Person, person.merged_into_id)
        if person is None or person.id in seen:
            raise NotFound(_("There is no person {id}.").format(id=person_id))
        seen.add(person.id)
    return person


def get_person(session: Session, person_id: int) -> PersonCard:
    """One person with their appearances (oldest first)."""
    return person_card(load_person(session, person_id), with_appearances=True)


def edit_person(
    session: Session,
    person_id: int,
    *,
    now: datetime,
    name: str | None = None,
    honorific: str | None = None,
    position: str | None = None,
    institution: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    consent: str | None = None,
    publish_name: bool | None = None,
    publish_position: bool | None = None,
    notes: str | None = None,
) -> PersonCard:
    """Change the fields given (None leaves a field as it is). A new consent stamps ``now``."""
    person = load_person(session, person_id)
    if person.merged_into_id is not None:
        raise Conflict(
            _("Person {id} was merged into {kept}; edit {kept} instead.").format(
                id=person.id, kept=person.merged_into_id
            )
        )
    texts = {
        "name": name,
        "honorific": honorific,
        "position": position,
        "institution": institution,
        "phone": phone,
        "notes": notes,
        "email": email,
    }
    changes: dict[str, object] = {
        key: _clean(key, value) for key, value in texts.items() if value is not None
    }
    if "name" in changes and not changes["name"]:
        raise InputError(_("A person needs a name."))
    if email is not None:
        _check_email(str(changes["email"]))
    if consent is not None:
        changes["consent"] = _check_consent(consent)
    if publish_name is not None:
        changes["publish_name"] = publish_name
    if publish_position is not None:
        changes["publish_position"] = publish_position
    if not changes:
        raise InputError(_("Nothing to change: give at least one field to edit."))
    if "consent" in changes and changes["consent"] != person.consent:
        person.consent_at = now if changes["consent"] != Consent.UNKNOWN else None
    for key, value in changes.items():
        setattr(person, key, value)
    _refold(person)
    person.updated_at = now
    session.flush()
    return person_card(person, with_appearances=True)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def find_people(
    session: Session, query: str = "", *, include_merged: bool = False, limit: int = 500
) -> list[PersonCard]:
    """People whose name or institution holds every word of ``query``, forgiving case and
    accents ("andi" finds "Andi", "dinas kesehatan" finds "Dinas Kesehatan"). Sorted by name."""
    statement = select(Person)
    for word in fold(query).split():
        pattern = f"%{_escape_like(word)}%"
        statement = statement.where(
            or_(
                Person.name_folded.like(pattern, escape="\\"),
                Person.institution_folded.like(pattern, escape="\\"),
            )
        )
    if not include_merged:
        statement = statement.where(Person.merged_into_id.is_(None))
    statement = statement.order_by(Person.name_folded, Person.id).limit(limit)
    return [person_card(p) for p in session.scalars(statement)]


def _merged_consent(keep: Person, other: Person) -> tuple[Consent, datetime | None]:
    # A refusal on either record wins: publishing something a person refused cannot be undone,
    # while a wrongly kept refusal is fixed by one edit.
    for state in (Consent.REFUSED, Consent.GIVEN):
        stamped = [p for p in (keep, other) if p.consent == state]
        if stamped:
            times = [p.consent_at for p in stamped if p.consent_at is not None]
            return state, max(times) if times else None
    return Consent.UNKNOWN, None


def merge_people(session: Session, keep_id: int, other_id: int, *, now: datetime) -> MergeResult:
    """Fold person ``other_id`` into ``keep_id``: every appearance moves to the kept record.

    Where both were in the same broadcast in the same role, one appearance remains (the topics
    are joined). Empty fields of the kept record are filled from the other; a refusal of
    consent on either record is kept. The other record stays (log entries and old links still
    name it) with ``merged_into_id`` set, hidden from lists.
    """
    if keep_id == other_id:
        raise InputError(_("A person cannot be merged with themselves."))
    keep = load_person(session, keep_id)
    other = load_person(session, other_id)
    for person in (keep, other):
        if person.merged_into_id is not None:
            raise Conflict(
                _("Person {id} was already merged into {kept}.").format(
                    id=person.id, kept=person.merged_into_id
                )
            )
    existing = {(a.broadcast_id, a.role): a for a in keep.appearances}
    moved = joined = 0
    for appearance in list(other.appearances):
        twin = existing.get((appearance.broadcast_id, appearance.role))
        if twin is None:
            appearance.person = keep
            existing[(appearance.broadcast_id, appearance.role)] = appearance
            moved += 1
            continue
        if appearance.topic and appearance.topic not in twin.topic:
            twin.topic = "; ".join(t for t in (twin.topic, appearance.topic) if t)
        other.appearances.remove(appearance)
        session.delete(appearance)
        joined += 1
    for field in ("honorific", "position", "institution", "phone", "email"):
        if not getattr(keep, field) and getattr(other, field):
            setattr(keep, field, getattr(other, field))
    if other.notes and other.notes not in keep.notes:
        keep.notes = "\n".join(n for n in (keep.notes, other.notes) if n)
    keep.consent, keep.consent_at = _merged_consent(keep, other)
    keep.publish_name = keep.publish_name and other.publish_name
    keep.publish_position = keep.publish_position and other.publish_position
    _refold(keep)
    keep.updated_at = now
    other.merged_into_id = keep.id
    other.updated_at = now
    # Records merged into ``other`` earlier now point straight at the kept one.
    for earlier in session.scalars(select(Person).where(Person.merged_into_id == other.id)):
        if earlier.id != other.id:
            earlier.merged_into_id = keep.id
    session.flush()
    session.expire(keep, ["appearances"])
    return MergeResult(
        kept=person_card(keep, with_appearances=True),
        merged_id=other.id,
        moved=moved,
        joined=joined,
    )


def _broadcast(session: Session, broadcast_id: int) -> Broadcast:
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise NotFound(_("There is no broadcast {id}.").format(id=broadcast_id))
    return broadcast


def _appearances_with_people(session: Session, broadcast_id: int) -> list[Appearance]:
    _broadcast(session, broadcast_id)
    return list(
        session.scalars(
            select(Appearance)
            .join(Person, Appearance.person_id == Person.id)
            .where(Appearance.broadcast_id == broadcast_id)
            .order_by(Appearance.id)
        )
    )


def publishable_people(session: Session, broadcast_id: int) -> list[PublicPerson]:
    """Who may be named when ``broadcast_id`` is published: people who gave consent and allow
    their name, with position and institution only when they allow those too. Hosts first,
    then in the order they were added. Never carries private fields."""
    people = [
        public
        for appearance in _appearances_with_people(session, broadcast_id)
        if (public := _public_person(appearance)) is not None
    ]
    return sorted(people, key=lambda p: ROLE_ORDER.get(p.role, 9))


def _public_person(appearance: Appearance) -> PublicPerson | None:
    """What publishing may say of the person in ``appearance``; None when they are not named."""
    person = appearance.person
    if person.consent != Consent.GIVEN or not person.publish_name:
        return None
    return PublicPerson(
        person_id=person.id,
        name=display_name(person),
        role=appearance.role,
        topic=appearance.topic,
        position=person.position if person.publish_position else "",
        institution=person.institution if person.publish_position else "",
    )


def all_guests_consented(session: Session, broadcast_id: int) -> bool:
    """True when everyone in ``broadcast_id`` other than its hosts gave consent to publication
    (a broadcast with no guests is True). Unknown consent counts as not given."""
    return all(
        a.person.consent == Consent.GIVEN
        for a in _appearances_with_people(session, broadcast_id)
        if a.role not in STAFF_ROLES
    )


def people_left_out(session: Session, broadcast_id: int) -> list[LeftOut]:
    """Who in ``broadcast_id`` publishing leaves out (the rule is
    :func:`publishable_people`'s) or names without position, each with the reason, in the
    order they were added."""
    left: list[LeftOut] = []
    for appearance in _appearances_with_people(session, broadcast_id):
        person = appearance.person
        named = _public_person(appearance)
        if named is not None:
            if named.position or named.institution or not (person.position or person.institution):
                continue
            reason = _("named without position: not allowed")
        elif person.consent == Consent.REFUSED:
            reason = _("refused consent: the episode stays private")
        elif person.consent == Consent.UNKNOWN:
            reason = _("not named: consent not asked yet")
        else:
            reason = _("not named: name not allowed")
        left.append(
            LeftOut(person.id, display_name(person), appearance.role, person.consent, reason)
        )
    return left


def episode_people_left_out(session: Session, episode_id: int) -> list[LeftOut]:
    """:func:`people_left_out` of the broadcast an episode was made from (none without one)."""
    broadcast_id = session.scalar(select(Episode.broadcast_id).where(Episode.id == episode_id))
    return people_left_out(session, broadcast_id) if broadcast_id is not None else []
