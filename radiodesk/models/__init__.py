"""The domain, as SQLAlchemy 2 typed models. Import from here."""

from radiodesk.models.archive import Episode, Recording, Rendition
from radiodesk.models.base import Base, UTCDateTime, utcnow
from radiodesk.models.enums import (
    LISTENER_KINDS,
    AccessClass,
    BroadcastStatus,
    ChangeAction,
    Channel,
    Consent,
    EpisodeStatus,
    FollowupStatus,
    JobKind,
    JobStatus,
    LoggerCause,
    LoggerEventKind,
    LoggerRunState,
    LogKind,
    RevisionAction,
    Role,
    TranscriptStatus,
    values_of,
)
from radiodesk.models.logger import (
    Job,
    LoggerEvent,
    LoggerGap,
    LoggerSegment,
    LoggerState,
)
from radiodesk.models.people import Appearance, LogEntry, LogRevision, Person
from radiodesk.models.publish import PublishedFeed
from radiodesk.models.schedule import Broadcast, BroadcastChange
from radiodesk.models.station import Show, Slot, Station
from radiodesk.models.transcript import Transcript, TranscriptChunk

__all__ = [
    "Transcript",
    "TranscriptChunk",
    "TranscriptStatus",
    "JobKind",
    "JobStatus",
    "LoggerCause",
    "LoggerEventKind",
    "LoggerRunState",
    "Job",
    "LoggerEvent",
    "LoggerGap",
    "LoggerSegment",
    "LoggerState",
    "LISTENER_KINDS",
    "AccessClass",
    "Appearance",
    "Base",
    "Broadcast",
    "BroadcastChange",
    "BroadcastStatus",
    "ChangeAction",
    "Channel",
    "Consent",
    "Episode",
    "EpisodeStatus",
    "FollowupStatus",
    "LogEntry",
    "LogKind",
    "LogRevision",
    "Person",
    "PublishedFeed",
    "Recording",
    "Rendition",
    "RevisionAction",
    "Role",
    "Show",
    "Slot",
    "Station",
    "UTCDateTime",
    "utcnow",
    "values_of",
]
