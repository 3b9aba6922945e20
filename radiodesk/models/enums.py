"""The closed sets of the domain: every status, kind, role and channel a row may hold.

Each is a ``StrEnum`` whose values are the strings stored in the database, so a member
compares equal to its string and prints as it. The columns holding them are declared with
:func:`closed_set`, which gives the database a CHECK constraint naming the allowed values
(migrations 0003 and 0007 added those constraints to existing databases).
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Enum


class BroadcastStatus(StrEnum):
    """Where an airing is in its life."""

    PLANNED = "planned"
    ON_AIR = "on_air"
    AIRED = "aired"
    CANCELLED = "cancelled"


class AccessClass(StrEnum):
    """Whether a broadcast may be published (``exempt``: kept in the archive only)."""

    OPEN = "open"
    EXEMPT = "exempt"


class ChangeAction(StrEnum):
    """What a line of a broadcast's history records."""

    SPECIAL = "special"
    CANCEL = "cancel"
    MOVE = "move"
    REPLAN = "replan"
    START = "start"
    STOP = "stop"


class EpisodeStatus(StrEnum):
    """Where an episode is on its way to (and off) the feed."""

    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class Consent(StrEnum):
    """A person's consent to have their name and words published."""

    UNKNOWN = "unknown"
    GIVEN = "given"
    REFUSED = "refused"


class Role(StrEnum):
    """What a person was in a broadcast."""

    HOST = "host"
    GUEST = "guest"
    CALLER = "caller"
    REPORTER = "reporter"


class LogKind(StrEnum):
    """What a line of the live log is."""

    SEGMENT = "segment"
    NOTE = "note"
    QUESTION = "question"
    COMPLAINT = "complaint"
    MUSIC = "music"
    ANNOUNCEMENT = "announcement"
    PSA = "psa"
    AD = "ad"


class Channel(StrEnum):
    """How a listener reached the studio."""

    PHONE = "phone"
    SMS = "sms"
    WHATSAPP = "whatsapp"
    STUDIO = "studio"
    SOCIAL = "social"
    LETTER = "letter"


class FollowupStatus(StrEnum):
    """How far a listener's question or complaint has been followed up, in order."""

    OPEN = "open"
    FORWARDED = "forwarded"
    ANSWERED = "answered"
    CLOSED = "closed"


class RevisionAction(StrEnum):
    """What was done to a live-log entry (kept in its revisions)."""

    EDIT = "edit"
    DELETE = "delete"
    RESTORE = "restore"
    FOLLOWUP = "followup"


class LoggerRunState(StrEnum):
    """What the air logger is doing (its heartbeat row); "not running" is no row state but
    a heartbeat gone stale."""

    RECORDING = "recording"
    CONNECTING = "connecting"
    DISCONNECTED = "disconnected"
    PAUSED = "paused"
    STOPPED = "stopped"


class LoggerCause(StrEnum):
    """Why the air logger is not recording (a gap's cause); words in radiodesk.logger.causes."""

    CONNECTION_REFUSED = "connection_refused"
    NOT_FOUND = "not_found"
    NOT_AUDIO = "not_audio"
    UNREACHABLE = "unreachable"
    TIMEOUT = "timeout"
    STREAM_ENDED = "stream_ended"
    NO_DEVICE = "no_device"
    DISK_LOW = "disk_low"
    DISK_FULL = "disk_full"
    NOT_RUNNING = "not_running"
    STOPPED = "stopped"
    FFMPEG_FAILED = "ffmpeg_failed"


class LoggerEventKind(StrEnum):
    """Something the air logger noticed."""

    DEAD_AIR = "dead_air"
    DISK_LOW = "disk_low"
    STARTED = "started"
    STOPPED = "stopped"


class JobKind(StrEnum):
    """Work queued after a broadcast."""

    CUT = "cut"
    PUBLISH = "publish"


class JobStatus(StrEnum):
    """Where a queued job is."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class TranscriptStatus(StrEnum):
    """Where an automatic transcript is (its column is plain text, with no CHECK)."""

    QUEUED = "queued"  # waiting
    RUNNING = "running"  # being made, or left so by a crash: resumed
    DONE = "done"  # the file is written (``cues`` 0: no speech found)
    FAILED = "failed"  # ``error`` says why


# The kinds that come from listeners: they carry a caller, a channel and a follow-up status.
LISTENER_KINDS = (LogKind.QUESTION, LogKind.COMPLAINT)


def values_of(members: type[StrEnum]) -> tuple[str, ...]:
    """The strings of a closed set, in order: what an operator types. (click's ``Choice``
    given the members themselves would match their Python names, ``ON_AIR``.)"""
    return tuple(m.value for m in members)


def closed_set(values: type[StrEnum], length: int, name: str) -> Enum:
    """The column type of a closed set: a VARCHAR of ``length`` with a CHECK constraint
    named ``ck_<table>_<name>``; rows come back as members of ``values``."""
    return Enum(
        values,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=length,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
    )
