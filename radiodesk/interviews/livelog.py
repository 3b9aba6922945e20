"""The live log of a broadcast: timestamped entries typed during the programme.

Each entry is meant to be its own unit of work, committed the moment it is entered, so a
crash loses at most the entry being typed. The log is a record of a public broadcast: edits
and deletions keep the earlier state in :class:`~radiodesk.models.LogRevision`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from radiodesk.agencies import NO_AGENCIES, AgencyList
from radiodesk.config import DEFAULT_ZONE
from radiodesk.errors import Conflict, InputError, NotFound
from radiodesk.i18n import _, format_datetime
from radiodesk.interviews.appearances import MARGIN, appearances_for, load_broadcast
from radiodesk.interviews.people import AppearanceLine
from radiodesk.limits import MAX_LOG_TEXT, refuse_too_long
from radiodesk.models import (
    LISTENER_KINDS,
    Broadcast,
    BroadcastStatus,
    Channel,
    FollowupStatus,
    LogEntry,
    LogKind,
    LogRevision,
    RevisionAction,
    Station,
)
from radiodesk.timeinput import parse_time_near

LIMITS = {"author": 100, "caller_name": 200, "caller_location": 200, "agency": 300}
# Characters of a sender's id for an entry (LogEntry.client_id).
CLIENT_ID_LENGTH = 80


@dataclass(frozen=True)
class CallerPrivate:
    """Who called: shown to the studio, never published."""

    caller_name: str


@dataclass(frozen=True)
class LogLine:
    """One entry of a live log. Instants in UTC; the follow-up fields only for listeners."""

    id: int
    broadcast_id: int
    at: datetime
    kind: LogKind
    text: str
    author: str
    caller_location: str
    channel: Channel | None
    agency: str | None
    followup_status: FollowupStatus | None
    answer: str
    forwarded_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    deleted: bool
    edited: bool  # text, kind or time changed since it was entered (or deleted and restored)
    private: CallerPrivate
    # True when add_entry found the entry already stored under the sender's id (a retry).
    repeated: bool = False


@dataclass(frozen=True)
class BroadcastLog:
    """A broadcast's log in time order, with who appeared in it. Instants in UTC."""

    broadcast_id: int
    show_title: str
    planned_start: datetime
    planned_end: datetime
    status: BroadcastStatus
    appearances: tuple[AppearanceLine, ...]
    entries: tuple[LogLine, ...]


# Revisions that change what the entry says; a follow-up step is not an edit of the record.
EDIT_ACTIONS = (RevisionAction.EDIT, RevisionAction.DELETE, RevisionAction.RESTORE)


def was_edited(entry: LogEntry) -> bool:
    """Whether the entry's text, kind or time changed (or it was deleted and restored)."""
    return any(r.action in EDIT_ACTIONS for r in entry.revisions)


def log_line(entry: LogEntry, edited: bool, *, repeated: bool = False) -> LogLine:
    return LogLine(
        id=entry.id,
        broadcast_id=entry.broadcast_id,
        at=entry.at,
        kind=entry.kind,
        text=entry.text,
        author=entry.author,
        caller_location=entry.caller_location,
        channel=entry.channel,
        agency=entry.agency,
        followup_status=entry.followup_status,
        answer=entry.answer,
        forwarded_at=entry.forwarded_at,
        answered_at=entry.answered_at,
        closed_at=entry.closed_at,
        deleted=entry.deleted,
        edited=edited,
        private=CallerPrivate(caller_name=entry.caller_name),
        repeated=repeated,
    )


def _zone(session: Session, zone: ZoneInfo | str | None) -> ZoneInfo:
    if isinstance(zone, ZoneInfo):
        return zone
    if zone:
        return ZoneInfo(zone)
    station = session.scalars(select(Station).limit(1)).first()
    return ZoneInfo(station.timezone if station else DEFAULT_ZONE)


def log_window(broadcast: Broadcast) -> tuple[datetime, datetime]:
    """The instants (UTC) between which a broadcast takes entries: 2 hours either side."""
    start = broadcast.planned_start
    if broadcast.actual_start is not None:
        start = min(start, broadcast.actual_start)
    end = broadcast.actual_end or broadcast.planned_end
    return start - MARGIN, max(end, broadcast.planned_start) + MARGIN


def parse_time(value: str, broadcast: Broadcast, zone: ZoneInfo) -> datetime:
    """An operator's time for an entry of ``broadcast`` (UTC): "HH:MM" on the broadcast's day
    in ``zone`` — the day after for a programme running past midnight — or a date and time
    (see :func:`radiodesk.timeinput.parse_time_near`)."""
    end = broadcast.actual_end or broadcast.planned_end
    return parse_time_near(value, zone, broadcast.planned_start, end, _("time"))


def _check_kind(kind: str) -> LogKind:
    try:
        return LogKind(kind)
    except ValueError:
        raise InputError(
            _("Unknown kind {value!r}: expected one of {choices}.").format(
                value=kind, choices=", ".join(LogKind)
            )
        ) from None


def _check_text(text: str) -> str:
    cleaned = text.strip()
    if not cleaned:
        raise InputError(_("The entry has no text: type what happened."))
    return refuse_too_long(_("text"), cleaned, MAX_LOG_TEXT)


def check_length(field: str, value: str) -> str:
    return refuse_too_long(field, " ".join(value.split()), LIMITS[field])


def _check_channel(channel: str | None) -> Channel | None:
    if channel is None:
        return None
    try:
        return Channel(channel)
    except ValueError:
        raise InputError(
            _("Unknown channel {value!r}: expected one of {choices}.").format(
                value=channel, choices=", ".join(Channel)
            )
        ) from None


def _check_window(
    session: Session, broadcast: Broadcast, at: datetime, zone: ZoneInfo | str | None
) -> None:
    if at.tzinfo is None:
        raise InputError(_("An entry's time needs a time zone."))
    first, last = log_window(broadcast)
    if not first <= at <= last:
        key = _zone(session, zone).key
        raise InputError(
            _(
                "{time} is outside broadcast {id}: entries are taken from {first} to {last} "
                "(2 hours before its start to 2 hours after its end)."
            ).format(
                time=format_datetime(at, key),
                id=broadcast.id,
                first=format_datetime(first, key),
                last=format_datetime(last, key),
            )
        )


def _resolve_at(
    session: Session,
    broadcast: Broadcast,
    at: datetime | str | None,
    now: datetime,
    zone: ZoneInfo | str | None,
) -> datetime:
    # The station's zone is read only when needed: most entries come as instants.
    if at is None:
        moment = now
    elif isinstance(at, str):
        moment = parse_time(at, broadcast, _zone(session, zone))
    else:
        moment = at
    _check_window(session, broadcast, moment, zone)
    return moment


def add_entry(
    session: Session,
    broadcast_id: int | str,
    text: str,
    kind: str = "note",
    at: datetime | str | None = None,
    author: str = "",
    *,
    now: datetime,
    zone: ZoneInfo | str | None = None,
    caller_name: str = "",
    caller_location: str = "",
    channel: str | None = None,
    agency: str | None = None,
    agencies: AgencyList = NO_AGENCIES,
    client_id: str | None = None,
    same_as: Sequence[str] = (),
) -> LogLine:
    """Append an entry to a broadcast's log and flush it; the caller commits at once.

    ``broadcast_id`` is an id or ``"now"``. ``at`` is an instant, an operator's time string
    (see :func:`parse_time`, read in ``zone``, default the station's), or None for ``now``.
    Questions and complaints start with follow-up status "open" and may carry the caller
    (private), where they call from, the channel and the agency they are passed to (stored
    by its short name when the station's ``agencies`` list it). Everything is checked
    before anything is written.

    ``client_id`` is the id the sender made for the entry before sending it. When an entry
    with that id (or one of ``same_as``, earlier ids of the same entry) is stored already,
    nothing is written and that entry comes back with ``repeated`` set: a command retried
    after a crash between its commit and its answer is not stored twice.
    """
    text = _check_text(text)
    if client_id is not None:
        client_id = refuse_too_long(_("client id"), client_id.strip(), CLIENT_ID_LENGTH)
        stored = _stored_entry(session, (client_id, *same_as), text)
        if stored is not None:
            return stored
    log_kind = _check_kind(kind)
    author = check_length("author", author)
    broadcast = load_broadcast(session, broadcast_id, now)
    if broadcast.status == BroadcastStatus.CANCELLED:
        raise Conflict(
            _("Broadcast {id} was cancelled; its log takes no entries.").format(id=broadcast.id)
        )
    moment = _resolve_at(session, broadcast, at, now, zone)
    listener = log_kind in LISTENER_KINDS
    caller_name = check_length("caller_name", caller_name)
    caller_location = check_length("caller_location", caller_location)
    if agency is not None:
        agency = check_length("agency", agencies.canonical(agency)) or None
    log_channel = _check_channel(channel)
    if not listener and (caller_name or caller_location or channel or agency):
        raise InputError(
            _(
                "Caller, place, channel and agency belong to a question or a complaint, not a {kind}."
            ).format(kind=kind)
        )
    entry = LogEntry(
        broadcast_id=broadcast.id,
        at=moment,
        kind=log_kind,
        text=text,
        author=author,
        caller_name=caller_name,
        caller_location=caller_location,
        channel=log_channel,
        agency=agency,
        followup_status=FollowupStatus.OPEN if listener else None,
        answer="",
        deleted=False,
        client_id=client_id or None,
        created_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(entry)
            session.flush()
    except IntegrityError:
        # The same id sent twice at once: the other one was stored first.
        stored = _stored_entry(session, (client_id,), text) if client_id else None
        if stored is None:
            raise
        return stored
    return log_line(entry, edited=False)


def _stored_entry(session: Session, client_ids: Sequence[str], text: str) -> LogLine | None:
    """The entry stored under any of ``client_ids``, marked ``repeated``; Conflict when that
    id holds another text (an id is never used for two entries)."""
    entry = session.scalars(
        select(LogEntry).where(LogEntry.client_id.in_([c for c in client_ids if c])).limit(1)
    ).first()
    if entry is None:
        return None
    if " ".join(entry.text.split()) != " ".join(text.split()) and not was_edited(entry):
        raise Conflict(
            _("The id {client_id} belongs to log entry {id}, which says something else.").format(
                client_id=entry.client_id, id=entry.id
            )
        )
    return log_line(entry, edited=was_edited(entry), repeated=True)


def load_entry(session: Session, entry_id: int) -> LogEntry:
    entry = session.get(LogEntry, entry_id)
    if entry is None:
        raise NotFound(_("There is no log entry {id}.").format(id=entry_id))
    return entry


def record_revision(entry: LogEntry, *, action: RevisionAction, author: str, now: datetime) -> None:
    """Keep the entry's current text, kind, time and status before it changes."""
    entry.revisions.append(
        LogRevision(
            at=now,
            author=author,
            action=action,
            old_text=entry.text,
            old_kind=entry.kind,
            old_at=entry.at,
            old_followup_status=entry.followup_status,
        )
    )
    entry.updated_at = now


def edit_entry(
    session: Session,
    entry_id: int,
    *,
    now: datetime,
    author: str = "",
    text: str | None = None,
    kind: str | None = None,
    at: datetime | str | None = None,
    zone: ZoneInfo | str | None = None,
    caller_name: str | None = None,
    caller_location: str | None = None,
    channel: str | None = None,
) -> LogLine:
    """Change an entry's text, kind, time or caller details (None leaves a field as it is);
    the earlier state is kept with ``author`` and ``now``. An edit that changes nothing
    writes nothing."""
    if all(v is None for v in (text, kind, at, caller_name, caller_location, channel)):
        raise InputError(_("Nothing to change: give a new text, kind, time or caller detail."))
    author = check_length("author", author)
    entry = load_entry(session, entry_id)
    if entry.deleted:
        raise Conflict(
            _("Log entry {id} was deleted; restore it before editing.").format(id=entry.id)
        )
    new_text = _check_text(text) if text is not None else entry.text
    new_kind = _check_kind(kind) if kind is not None else entry.kind
    new_at = entry.at
    if at is not None:
        new_at = _resolve_at(session, entry.broadcast, at, now, zone)
    listener = new_kind in LISTENER_KINDS
    details = {
        "caller_name": check_length("caller_name", caller_name)
        if caller_name is not None
        else entry.caller_name,
        "caller_location": check_length("caller_location", caller_location)
        if caller_location is not None
        else entry.caller_location,
        "channel": _check_channel(channel) if channel is not None else entry.channel,
    }
    if not listener and (caller_name or caller_location or channel):
        raise InputError(
            _(
                "Caller, place, channel and agency belong to a question or a complaint, not a {kind}."
            ).format(kind=new_kind)
        )
    status = entry.followup_status
    if listener and status is None:
        status = FollowupStatus.OPEN
    elif not listener:
        status = None
    new = {"text": new_text, "kind": new_kind, "at": new_at, "followup_status": status, **details}
    if all(getattr(entry, key) == value for key, value in new.items()):
        return log_line(entry, edited=was_edited(entry))
    record_revision(entry, action=RevisionAction.EDIT, author=author, now=now)
    for key, value in new.items():
        setattr(entry, key, value)
    session.flush()
    return log_line(entry, edited=True)


def delete_entry(session: Session, entry_id: int, *, now: datetime, author: str = "") -> LogLine:
    """Hide an entry from the log and from chapters; its text stays in the history."""
    entry = load_entry(session, entry_id)
    if entry.deleted:
        raise Conflict(_("Log entry {id} is already deleted.").format(id=entry.id))
    record_revision(
        entry, action=RevisionAction.DELETE, author=check_length("author", author), now=now
    )
    entry.deleted = True
    session.flush()
    return log_line(entry, edited=True)


def restore_entry(session: Session, entry_id: int, *, now: datetime, author: str = "") -> LogLine:
    """Bring back a deleted entry."""
    entry = load_entry(session, entry_id)
    if not entry.deleted:
        raise Conflict(_("Log entry {id} is not deleted.").format(id=entry.id))
    record_revision(
        entry, action=RevisionAction.RESTORE, author=check_length("author", author), now=now
    )
    entry.deleted = False
    session.flush()
    return log_line(entry, edited=True)


def broadcast_log(
    session: Session,
    broadcast_id: int | str,
    *,
    now: datetime | None = None,
    include_deleted: bool = False,
) -> BroadcastLog:
    """A broadcast's log in time order (then in the order entered), with its appearances.
    ``broadcast_id`` is an id or ``"now"`` (which needs ``now``)."""
    broadcast = load_broadcast(session, broadcast_id, now)
    statement = (
        select(LogEntry)
        .where(LogEntry.broadcast_id == broadcast.id)
        .order_by(LogEntry.at, LogEntry.id)
    )
    if not include_deleted:
        statement = statement.where(LogEntry.deleted.is_(False))
    edited = set(
        session.scalars(
            select(LogRevision.entry_id)
            .join(LogEntry, LogRevision.entry_id == LogEntry.id)
            .where(LogEntry.broadcast_id == broadcast.id, LogRevision.action.in_(EDIT_ACTIONS))
            .distinct()
        )
    )
    return BroadcastLog(
        broadcast_id=broadcast.id,
        show_title=broadcast.title or broadcast.show.title,
        planned_start=broadcast.planned_start,
        planned_end=broadcast.planned_end,
        status=broadcast.status,
        appearances=tuple(appearances_for(session, broadcast.id)),
        entries=tuple(log_line(e, e.id in edited) for e in session.scalars(statement)),
    )
