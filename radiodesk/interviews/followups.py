"""Listeners' questions and complaints after the broadcast: which agency has them, and how far
each has got (open → forwarded → answered → closed), with the date of every step."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.agencies import NO_AGENCIES, AgencyList
from radiodesk.errors import Conflict, InputError
from radiodesk.i18n import N_, _, format_datetime
from radiodesk.interviews.history import RevisionLine, revision_lines
from radiodesk.interviews.livelog import (
    CallerPrivate,
    check_length,
    load_entry,
    record_revision,
)
from radiodesk.interviews.people import fold
from radiodesk.limits import MAX_LOG_TEXT, refuse_too_long
from radiodesk.models import (
    LISTENER_KINDS,
    Broadcast,
    Channel,
    FollowupStatus,
    LogEntry,
    LogKind,
    RevisionAction,
    Show,
)
from radiodesk.timeinput import month_instants, parse_month

# The date column each status stamps when it is reached ("open" has none: it is the entry).
STAMPS = {
    FollowupStatus.FORWARDED: "forwarded_at",
    FollowupStatus.ANSWERED: "answered_at",
    FollowupStatus.CLOSED: "closed_at",
}


def steps(item: FollowUp) -> list[tuple[FollowupStatus, datetime]]:
    """The steps ``item`` has reached, each with its date (UTC), in the order of the statuses."""
    return [
        (status, at)
        for status, column in STAMPS.items()
        if (at := getattr(item, column)) is not None
    ]


# What each status is called, for people (msgids: translate with ``_`` where shown).
STATUS_LABELS = {
    FollowupStatus.OPEN: N_("open"),
    FollowupStatus.FORWARDED: N_("forwarded"),
    FollowupStatus.ANSWERED: N_("answered"),
    FollowupStatus.CLOSED: N_("closed"),
}

# What was done to an entry, for people.
ACTION_LABELS = {
    RevisionAction.EDIT: N_("edited"),
    RevisionAction.DELETE: N_("deleted"),
    RevisionAction.RESTORE: N_("restored"),
    RevisionAction.FOLLOWUP: N_("status changed"),
}


@dataclass(frozen=True)
class FollowUp:
    """A listener's question or complaint and where it stands. Instants in UTC."""

    entry_id: int
    broadcast_id: int
    show_title: str
    at: datetime
    kind: LogKind
    text: str
    caller_location: str
    channel: Channel | None
    agency: str
    status: FollowupStatus
    answer: str
    forwarded_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None
    private: CallerPrivate


@dataclass(frozen=True)
class FollowUpDetail:
    """The whole of one follow-up: the item, who logged it, and every earlier state."""

    item: FollowUp
    author: str
    revisions: tuple[RevisionLine, ...]


@dataclass(frozen=True)
class AgencyFollowUps:
    """The follow-ups one agency holds (``agency`` is "" for those not passed on yet)."""

    agency: str
    items: tuple[FollowUp, ...]


@dataclass(frozen=True)
class ReportRow:
    """How many questions and complaints an agency received in the month, by status."""

    agency: str
    counts: dict[FollowupStatus, int] = field(default_factory=dict)
    total: int = 0


@dataclass(frozen=True)
class FollowUpReport:
    """The monthly count of listeners' questions and complaints, by agency and status.

    ``start`` and ``end`` (UTC) bound the month in the station's zone; entries are counted by
    when they were logged, with the status they have now.
    """

    month: str
    start: datetime
    end: datetime
    rows: tuple[ReportRow, ...]
    totals: ReportRow

    def table_rows(self) -> list[list[str | int]]:
        """Heading, one line per agency, then the totals: for CSV and printed tables."""
        heading: list[str | int] = ["agency", *FollowupStatus, "total"]
        lines = [heading]
        for row in (*self.rows, self.totals):
            lines.append([row.agency, *(row.counts.get(s, 0) for s in FollowupStatus), row.total])
        return lines


def _followup(entry: LogEntry, show_title: str) -> FollowUp:
    return FollowUp(
        entry_id=entry.id,
        broadcast_id=entry.broadcast_id,
        show_title=show_title,
        at=entry.at,
        kind=entry.kind,
        text=entry.text,
        caller_location=entry.caller_location,
        channel=entry.channel,
        agency=entry.agency or "",
        status=entry.followup_status or FollowupStatus.OPEN,
        answer=entry.answer,
        forwarded_at=entry.forwarded_at,
        answered_at=entry.answered_at,
        closed_at=entry.closed_at,
        private=CallerPrivate(caller_name=entry.caller_name),
    )


def _check_status(status: str) -> FollowupStatus:
    try:
        return FollowupStatus(status)
    except ValueError:
        raise InputError(
            _("Unknown follow-up status {value!r}: expected one of {choices}.").format(
                value=status, choices=", ".join(FollowupStatus)
            )
        ) from None


def _agency_key(agency: str) -> tuple[int, str]:
    # Those not passed to any agency yet come last: they need an operator's attention.
    return (0 if agency else 1, fold(agency))


def list_followups(
    session: Session,
    *,
    agency: str | None = None,
    status: str | None = None,
    agencies: AgencyList = NO_AGENCIES,
) -> list[AgencyFollowUps]:
    """Listeners' questions and complaints grouped by agency, oldest first in each group.

    Without ``status``, every one not closed. ``agency`` matches part of the agency's name,
    forgiving case and accents, or any name of it in the station's ``agencies`` ("pekerjaan
    umum" finds Dinas PUPR's); an agency stored under another of its names is grouped under
    its short name.
    """
    statement = (
        select(LogEntry, Broadcast.title, Show.title)
        .join(Broadcast, LogEntry.broadcast_id == Broadcast.id)
        .join(Show, Broadcast.show_id == Show.id)
        .where(LogEntry.kind.in_(LISTENER_KINDS), LogEntry.deleted.is_(False))
        .order_by(LogEntry.at, LogEntry.id)
    )
    if status is None:
        statement = statement.where(LogEntry.followup_status != FollowupStatus.CLOSED)
    else:
        statement = statement.where(LogEntry.followup_status == _check_status(status))
    groups: dict[str, list[FollowUp]] = {}
    names: dict[str, str] = {}
    for entry, broadcast_title, show_title in session.execute(statement):
        name = agencies.canonical(entry.agency or "")
        key = fold(name)
        if agency and not agencies.matches(entry.agency or "", agency):
            continue
        names.setdefault(key, name)
        groups.setdefault(key, []).append(_followup(entry, broadcast_title or show_title))
    return [
        AgencyFollowUps(agency=names[key], items=tuple(groups[key]))
        for key in sorted(groups, key=lambda k: _agency_key(names[k]))
    ]


def set_followup(
    session: Session,
    entry_id: int,
    status: str,
    *,
    now: datetime,
    answer: str | None = None,
    agency: str | None = None,
    author: str = "",
    agencies: AgencyList = NO_AGENCIES,
) -> FollowUp:
    """Move a question or complaint to ``status`` and stamp the date of that step with ``now``.

    Forwarding needs an agency (given here or earlier; stored by its short name when the
    station's ``agencies`` list it); answering needs the answer. Moving
    back (a complaint re-opened) clears the dates of the later steps; the earlier status is
    kept in the entry's history.
    """
    new_status = _check_status(status)
    author = check_length("author", author)
    entry = _listener_entry(session, entry_id)
    new_agency = entry.agency
    if agency is not None:
        new_agency = check_length("agency", agencies.canonical(agency)) or None
    new_answer = entry.answer if answer is None else answer.strip()
    refuse_too_long(_("answer"), new_answer or "", MAX_LOG_TEXT)
    if new_status == FollowupStatus.FORWARDED and not new_agency:
        raise InputError(_("Say which agency it was forwarded to (--agency), e.g. Dinas PUPR."))
    if new_status == FollowupStatus.ANSWERED and not new_answer:
        raise InputError(_("Give the agency's answer (--answer) to mark it answered."))
    old = entry.followup_status or FollowupStatus.OPEN
    if (new_status, new_agency, new_answer) == (old, entry.agency, entry.answer):
        return _followup(entry, entry.broadcast.title or entry.broadcast.show.title)
    record_revision(entry, action=RevisionAction.FOLLOWUP, author=author, now=now)
    order = list(FollowupStatus)
    for state, column in STAMPS.items():
        if order.index(state) > order.index(new_status):
            setattr(entry, column, None)
        elif state == new_status and (old != new_status or getattr(entry, column) is None):
            setattr(entry, column, now)
    entry.followup_status = new_status
    entry.agency = new_agency
    entry.answer = new_answer
    session.flush()
    return _followup(entry, entry.broadcast.title or entry.broadcast.show.title)


def followup_detail(session: Session, entry_id: int) -> FollowUpDetail:
    """One question or complaint with who logged it and its history, oldest state first."""
    entry = _listener_entry(session, entry_id, deleted=True)
    return FollowUpDetail(
        item=_followup(entry, entry.broadcast.title or entry.broadcast.show.title),
        author=entry.author,
        revisions=revision_lines(entry),
    )


def _listener_entry(session: Session, entry_id: int, *, deleted: bool = False) -> LogEntry:
    """Log entry ``entry_id`` when it is a listener's question or complaint (a deleted one
    only when ``deleted``); anything else is a :class:`Conflict`."""
    entry = load_entry(session, entry_id)
    if entry.kind not in LISTENER_KINDS or (entry.deleted and not deleted):
        raise Conflict(
            _("Log entry {id} is not a listener's question or complaint.").format(id=entry.id)
        )
    return entry


def history_line(revision: RevisionLine, zone: str) -> str:
    """One earlier state of a follow-up, for people: when (in ``zone``), who, what was done,
    and the status it had before."""
    was = revision.old_followup_status
    return _("{time} {author}: {action} (was {status})").format(
        time=format_datetime(revision.at, zone, weekday=False),
        author=revision.author or "-",
        action=_(ACTION_LABELS[revision.action]),
        status=_(STATUS_LABELS[was]) if was else "-",
    )


def monthly_report(
    session: Session,
    month: str,
    zone: ZoneInfo | str,
    *,
    agencies: AgencyList = NO_AGENCIES,
) -> FollowUpReport:
    """Count the questions and complaints logged in ``month`` ("YYYY-MM", in ``zone``) by
    agency (any name of a listed agency counts under its short name) and current status."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    start, end = month_instants(parse_month(month), tz)
    rows = session.execute(
        select(LogEntry.agency, LogEntry.followup_status).where(
            LogEntry.kind.in_(LISTENER_KINDS),
            LogEntry.deleted.is_(False),
            LogEntry.at >= start,
            LogEntry.at < end,
        )
    )
    counts: dict[str, dict[FollowupStatus, int]] = {}
    names: dict[str, str] = {}
    for agency, status in rows:
        name = agencies.canonical(agency or "")
        key = fold(name)
        names.setdefault(key, name)
        per = counts.setdefault(key, {s: 0 for s in FollowupStatus})
        per[status or FollowupStatus.OPEN] += 1
    report_rows = tuple(
        ReportRow(agency=names[key], counts=counts[key], total=sum(counts[key].values()))
        for key in sorted(counts, key=lambda k: _agency_key(names[k]))
    )
    totals = {s: sum(r.counts[s] for r in report_rows) for s in FollowupStatus}
    return FollowUpReport(
        month=f"{start.astimezone(tz):%Y-%m}",
        start=start,
        end=end,
        rows=report_rows,
        totals=ReportRow(agency=_("Total"), counts=totals, total=sum(totals.values())),
    )
