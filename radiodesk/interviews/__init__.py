"""The interviews job: guests, who appeared in which broadcast, the live log, listeners'
questions and complaints with their follow-up, and chapters from the log's segments.

Plain functions taking a SQLAlchemy ``Session`` (the caller frames one unit of work per user
action) and returning frozen dataclasses — what the desk and the command line both call:

- people: :func:`add_person`, :func:`edit_person`, :func:`get_person`, :func:`find_people`,
  :func:`merge_people` → :class:`PersonCard` (private fields under ``.private``),
  :class:`MergeResult`; for publishing :func:`publishable_people` → :class:`PublicPerson`
  and :func:`all_guests_consented`.
- appearances: :func:`add_appearance`, :func:`remove_appearance`, :func:`appearances_for`
  → :class:`AppearanceLine`; :func:`broadcast_at` (the broadcast on air now).
- live log: :func:`add_entry`, :func:`edit_entry`, :func:`delete_entry`,
  :func:`restore_entry` → :class:`LogLine`; :func:`broadcast_log` → :class:`BroadcastLog`;
  :func:`entry_history` → :class:`EntryHistory` of :class:`RevisionLine`.
- follow-ups: :func:`list_followups` → :class:`AgencyFollowUps` of :class:`FollowUp`;
  :func:`set_followup`; :func:`monthly_report` → :class:`FollowUpReport`.
- chapters: :func:`chapters_for` → :class:`Chapter`.
"""

from radiodesk.interviews.appearances import (
    GuestOnAir,
    add_appearance,
    appearances_for,
    broadcast_at,
    guests_on_air,
    remove_appearance,
)
from radiodesk.interviews.chapters import Chapter, chapters_for
from radiodesk.interviews.followups import (
    AgencyFollowUps,
    FollowUp,
    FollowUpDetail,
    FollowUpReport,
    ReportRow,
    followup_detail,
    history_line,
    list_followups,
    monthly_report,
    set_followup,
)
from radiodesk.interviews.history import EntryHistory, RevisionLine, entry_history
from radiodesk.interviews.livelog import (
    BroadcastLog,
    CallerPrivate,
    LogLine,
    add_entry,
    broadcast_log,
    delete_entry,
    edit_entry,
    restore_entry,
)
from radiodesk.interviews.people import (
    AppearanceLine,
    LeftOut,
    MergeResult,
    PersonCard,
    PrivateContact,
    PublicPerson,
    add_person,
    all_guests_consented,
    edit_person,
    episode_people_left_out,
    find_people,
    get_person,
    merge_people,
    people_left_out,
    publishable_people,
)
from radiodesk.interviews.senders import (
    command_client_ids,
    new_client_id,
    operator_name,
)

__all__ = [
    "GuestOnAir",
    "guests_on_air",
    "command_client_ids",
    "new_client_id",
    "operator_name",
    "LeftOut",
    "people_left_out",
    "episode_people_left_out",
    "FollowUpDetail",
    "followup_detail",
    "history_line",
    "AgencyFollowUps",
    "AppearanceLine",
    "BroadcastLog",
    "CallerPrivate",
    "Chapter",
    "EntryHistory",
    "FollowUp",
    "FollowUpReport",
    "LogLine",
    "MergeResult",
    "PersonCard",
    "PrivateContact",
    "PublicPerson",
    "ReportRow",
    "RevisionLine",
    "add_appearance",
    "add_entry",
    "add_person",
    "all_guests_consented",
    "appearances_for",
    "broadcast_at",
    "broadcast_log",
    "chapters_for",
    "delete_entry",
    "edit_entry",
    "edit_person",
    "entry_history",
    "find_people",
    "get_person",
    "list_followups",
    "merge_people",
    "monthly_report",
    "publishable_people",
    "remove_appearance",
    "restore_entry",
    "set_followup",
]
