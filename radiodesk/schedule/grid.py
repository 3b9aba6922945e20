"""The week grid in the station's zone, and its plain-text form for the terminal."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings
from radiodesk.i18n import _, format_date, format_time, ngettext, zone_abbreviation
from radiodesk.models import Broadcast, BroadcastStatus
from radiodesk.schedule.conflicts import Overlap, find_conflicts
from radiodesk.schedule.views import Airing, airing_of
from radiodesk.timeinput import day_start


@dataclass(frozen=True)
class GridItem:
    """An airing on one day of the grid. Local times are aware, in the station's zone.

    A programme that runs past midnight appears on its first day with ``ends_next_day``
    and again on the next day with ``continued`` (from 00:00 to its end).
    """

    airing: Airing
    local_start: datetime
    local_end: datetime
    ends_next_day: bool
    continued: bool
    overlaps: tuple[int, ...]


@dataclass(frozen=True)
class GridDay:
    day: date
    items: tuple[GridItem, ...]


@dataclass(frozen=True)
class WeekGrid:
    """Monday to Sunday (station dates) and the overlapping pairs of that week."""

    week_start: date
    week_end: date
    zone: str
    days: tuple[GridDay, ...]
    overlaps: tuple[Overlap, ...]


def _midnight(day: date, settings: Settings) -> datetime:
    return day_start(day, settings.zone)


def week_grid(session: Session, settings: Settings, day: date) -> WeekGrid:
    """The grid of the week (Monday to Sunday) that holds ``day``, cancelled airings included."""
    zone = settings.zone
    monday = day - timedelta(days=day.weekday())
    days = [monday + timedelta(days=i) for i in range(7)]
    start, end = _midnight(monday, settings), _midnight(monday + timedelta(days=7), settings)
    rows = list(
        session.scalars(
            select(Broadcast)
            .options(joinedload(Broadcast.show))
            .where(Broadcast.planned_end > start, Broadcast.planned_start < end)
            .order_by(Broadcast.planned_start, Broadcast.id)
        )
    )
    overlaps = find_conflicts(session, start, end)
    partners: dict[int, list[int]] = defaultdict(list)
    for pair in overlaps:
        partners[pair.first.id].append(pair.second.id)
        partners[pair.second.id].append(pair.first.id)

    grid_days = []
    for current in days:
        day_start = _midnight(current, settings)
        day_end = _midnight(current + timedelta(days=1), settings)
        items = []
        for row in rows:
            if not (row.planned_end > day_start and row.planned_start < day_end):
                continue
            continued = row.planned_start < day_start
            local_start = max(row.planned_start, day_start).astimezone(zone)
            items.append(
                GridItem(
                    airing=airing_of(row),
                    local_start=local_start,
                    local_end=row.planned_end.astimezone(zone),
                    ends_next_day=row.planned_end > day_end,
                    continued=continued,
                    overlaps=tuple(partners.get(row.id, ())),
                )
            )
        grid_days.append(GridDay(current, tuple(items)))
    return WeekGrid(
        week_start=monday,
        week_end=days[-1],
        zone=settings.station.timezone,
        days=tuple(grid_days),
        overlaps=overlaps,
    )


def _marks(item: GridItem) -> list[str]:
    airing = item.airing
    marks = []
    status = {
        BroadcastStatus.CANCELLED: _("cancelled"),
        BroadcastStatus.ON_AIR: _("on air"),
        BroadcastStatus.AIRED: _("aired"),
    }.get(airing.status)
    if status:
        marks.append(status)
    if airing.special:
        marks.append(_("special"))
    if airing.moved:
        marks.append(_("moved"))
    if item.overlaps:
        marks.append(_("! overlaps {ids}").format(ids=", ".join(f"#{i}" for i in item.overlaps)))
    return marks


def render_week(grid: WeekGrid) -> str:
    """The grid as text: one section per day, one line per airing, marks in brackets."""
    noon = datetime.combine(grid.week_start, time(12), tzinfo=UTC)
    zone_name = zone_abbreviation(grid.zone, noon)
    lines = [
        _("Week of {first} to {last} ({zone})").format(
            first=format_date(grid.week_start), last=format_date(grid.week_end), zone=zone_name
        )
    ]
    rows_by_day: list[list[tuple[str, str, str, str]]] = []
    for day in grid.days:
        rows = []
        for item in day.items:
            start = "…" if item.continued else format_time(item.local_start)
            span = f"{start}–{format_time(item.local_end)}"
            if item.ends_next_day:
                span += " " + _("(+1 day)")
            title = item.airing.title
            if item.continued:
                title = _("{title} (continued)").format(title=title)
            marks = _marks(item)
            rows.append(
                (span, title, f"#{item.airing.id}", f"[{', '.join(marks)}]" if marks else "")
            )
        rows_by_day.append(rows)
    # One set of column widths for the whole week, so the days line up.
    every = [r for rows in rows_by_day for r in rows]
    widths = [max((len(r[i]) for r in every), default=0) for i in range(3)]
    for day, rows in zip(grid.days, rows_by_day, strict=True):
        lines.append("")
        lines.append(format_date(day.day))
        if not rows:
            lines.append("  " + _("(nothing planned)"))
        for row in rows:
            cells = [row[i].ljust(widths[i]) for i in range(3)] + [row[3]]
            lines.append(("  " + "  ".join(cells)).rstrip())
    lines.append("")
    if grid.overlaps:
        lines.append(
            ngettext(
                "{n} overlapping pair this week: see 'radiodesk schedule check'.",
                "{n} overlapping pairs this week: see 'radiodesk schedule check'.",
                len(grid.overlaps),
            ).format(n=len(grid.overlaps))
        )
    else:
        lines.append(_("No overlaps this week."))
    return "\n".join(lines)
