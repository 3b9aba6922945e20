"""The programme schedule: slots into airings, exceptions, conflicts, now/next, as-run, iCal.

Services for the shells (each takes a Session first; the caller frames the unit of work;
instants are UTC, ``now``/``at`` are passed in; results are frozen dataclasses):

- ``plan_airings(session, settings, now, weeks=8, slot_ids=None) -> PlanReport``:
  expand slots into broadcast rows over the horizon, idempotently; re-plan changed slots.
- ``add_special(session, settings, show_slug, start, duration_minutes, title, now=…) -> Airing``
- ``cancel_airing(session, settings, broadcast_id, reason, now=…) -> Airing``
- ``move_airing(session, settings, broadcast_id, to_start, reason, now=…) -> Airing``
- ``find_conflicts(session, start=None, end=None) -> tuple[Overlap, ...]``
- ``now_next(session, settings, at) -> NowNext``
- ``start_broadcast(session, settings, broadcast_id | None, now=…) -> StartResult``
- ``stop_broadcast(session, settings, broadcast_id | None, now=…) -> Airing``
- ``month_report(session, settings, month, now) -> MonthReport``;
  ``write_report_csv(report, path) -> Path``
- ``write_ical(session, settings, path, now) -> IcalResult``
- ``week_grid(session, settings, day) -> WeekGrid``; ``render_week(grid) -> str``
- ``list_slots(session) -> tuple[SlotView, ...]``;
  ``edit_slot(session, settings, show_slug, key, {"start": "07:00", …}, now=…) -> SlotEdit``:
  rewrites the slot in its programme file, updates the row and re-plans its airings.
- ``broadcast_summary(session, broadcast_id) -> Airing``;
  ``broadcast_history(session, broadcast_id) -> tuple[Change, ...]``

Dates and times typed by an operator are read by :mod:`radiodesk.timeinput`.

Bad input raises ``InputError``/``NotFound``; an overlap raises ``Conflict`` unless allowed.
"""

from radiodesk.schedule.asrun import StartResult, start_broadcast, stop_broadcast
from radiodesk.schedule.conflicts import Overlap, find_conflicts
from radiodesk.schedule.exceptions import add_special, cancel_airing, move_airing
from radiodesk.schedule.grid import GridDay, GridItem, WeekGrid, render_week, week_grid
from radiodesk.schedule.ical import IcalResult, write_ical
from radiodesk.schedule.nownext import NowNext, now_next
from radiodesk.schedule.plan import DEFAULT_WEEKS, PlanReport, plan_airings
from radiodesk.schedule.report import (
    MonthReport,
    ProgrammeMonth,
    ReportNote,
    month_report,
    write_report_csv,
)
from radiodesk.schedule.slots import SlotEdit, SlotView, edit_slot, list_slots
from radiodesk.schedule.views import (
    Airing,
    Change,
    broadcast_history,
    broadcast_summary,
)

__all__ = [
    "DEFAULT_WEEKS",
    "Airing",
    "Change",
    "GridDay",
    "GridItem",
    "IcalResult",
    "MonthReport",
    "NowNext",
    "Overlap",
    "PlanReport",
    "ProgrammeMonth",
    "ReportNote",
    "SlotEdit",
    "SlotView",
    "StartResult",
    "WeekGrid",
    "add_special",
    "broadcast_history",
    "broadcast_summary",
    "cancel_airing",
    "edit_slot",
    "find_conflicts",
    "list_slots",
    "month_report",
    "move_airing",
    "now_next",
    "plan_airings",
    "render_week",
    "start_broadcast",
    "stop_broadcast",
    "week_grid",
    "write_ical",
    "write_report_csv",
]
