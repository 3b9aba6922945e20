"""The domain, as SQLAlchemy 2 typed models. Import from here."""

from radiodesk.models.archive import EPISODE_STATUSES, Episode, Recording, Rendition
from radiodesk.models.base import Base, UTCDateTime, utcnow
from radiodesk.models.people import (
    CHANNELS,
    CONSENT_STATES,
    FOLLOWUP_STATUSES,
    LISTENER_KINDS,
    LOG_KINDS,
    ROLES,
    Appearance,
    LogEntry,
    LogRevision,
    Person,
)
from radiodesk.models.schedule import (
    ACCESS_CLASSES,
    BROADCAST_STATUSES,
    Broadcast,
    BroadcastChange,
)
from radiodesk.models.station import Show, Slot, Station

__all__ = [
    "ACCESS_CLASSES",
    "BROADCAST_STATUSES",
    "CHANNELS",
    "CONSENT_STATES",
    "EPISODE_STATUSES",
    "FOLLOWUP_STATUSES",
    "LISTENER_KINDS",
    "LOG_KINDS",
    "ROLES",
    "Appearance",
    "Base",
    "Broadcast",
    "BroadcastChange",
    "Episode",
    "LogEntry",
    "LogRevision",
    "Person",
    "Recording",
    "Rendition",
    "Show",
    "Slot",
    "Station",
    "UTCDateTime",
    "utcnow",
]
