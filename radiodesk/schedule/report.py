"""The monthly as-run report: planned against aired minutes per programme, cancellations,
late starts and overruns; and its CSV for the office's spreadsheet."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from radiodesk.config import Settings
from radiodesk.errors import InputError
from radiodesk.i18n import N_, _, current_language
from radiodesk.models import Broadcast, BroadcastChange, BroadcastStatus, ChangeAction
from radiodesk.schedule.views import Airing, airing_of
from radiodesk.timeinput import month_instants

# Starting or ending within this margin of the plan is on time.
LATE_AFTER = timedelta(minutes=2)
OVERRUN_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class ProgrammeMonth:
    """One programme's month. Minutes are floats; counts are airings.

    ``airings`` and ``planned_minutes`` leave cancelled airings out; ``not_logged`` counts
    airings whose planned end has passed without an actual start being marked.
    """

    show_slug: str
    show_title: str
    airings: int = 0
    planned_minutes: float = 0.0
    aired: int = 0
    aired_minutes: float = 0.0
    cancelled: int = 0
    late_starts: int = 0
    late_minutes: float = 0.0
    overruns: int = 0
    overrun_minutes: float = 0.0
    not_logged: int = 0


@dataclass(frozen=True)
class ReportNote:
    """An airing worth a line: ``kind`` is cancelled, late, overrun or not_logged."""

    kind: str
    airing: Airing
    minutes: float | None
    reason: str


@dataclass(frozen=True)
class MonthReport:
    """The month from ``start`` to ``end`` (UTC instants of the station's month)."""

    month: date
    zone: str
    start: datetime
    end: datetime
    programmes: tuple[ProgrammeMonth, ...]
    total: ProgrammeMonth
    notes: tuple[ReportNote, ...]


def month_bounds(month: date, settings: Settings) -> tuple[datetime, datetime]:
    """The first and the last instant (exclusive) of a month in the station's zone, UTC."""
    return month_instants(month, settings.zone)


def _minutes(delta: timedelta) -> float:
    return delta.total_seconds() / 60


def month_report(session: Session, settings: Settings, month: date, now: datetime) -> MonthReport:
    """The as-run report of the airings planned to start in ``month`` (station time)."""
    start, end = month_bounds(month, settings)
    rows = list(
        session.scalars(
            select(Broadcast)
            .options(joinedload(Broadcast.show))
            .where(Broadcast.planned_start >= start, Broadcast.planned_start < end)
            .order_by(Broadcast.planned_start, Broadcast.id)
        )
    )
    reasons: dict[int, str] = {}
    cancelled_ids = [b.id for b in rows if b.status == BroadcastStatus.CANCELLED]
    if cancelled_ids:
        for change in session.scalars(
            select(BroadcastChange)
            .where(
                BroadcastChange.broadcast_id.in_(cancelled_ids),
                BroadcastChange.action == ChangeAction.CANCEL,
            )
            .order_by(BroadcastChange.at, BroadcastChange.seq)
        ):
            reasons[change.broadcast_id] = change.reason

    sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    titles: dict[str, str] = {}
    notes: list[ReportNote] = []
    for b in rows:
        key = b.show.slug
        titles[key] = b.show.title
        s = sums[key]
        if b.status == BroadcastStatus.CANCELLED:
            s["cancelled"] += 1
            notes.append(ReportNote("cancelled", airing_of(b), None, reasons.get(b.id, "")))
            continue
        s["airings"] += 1
        s["planned_minutes"] += _minutes(b.planned_end - b.planned_start)
        if b.actual_start is not None and b.actual_start - b.planned_start > LATE_AFTER:
            late = _minutes(b.actual_start - b.planned_start)
            s["late_starts"] += 1
            s["late_minutes"] += late
            notes.append(ReportNote("late", airing_of(b), late, ""))
        if b.actual_start is not None and b.actual_end is not None:
            s["aired"] += 1
            s["aired_minutes"] += _minutes(b.actual_end - b.actual_start)
            if b.actual_end - b.planned_end > OVERRUN_AFTER:
                over = _minutes(b.actual_end - b.planned_end)
                s["overruns"] += 1
                s["overrun_minutes"] += over
                notes.append(ReportNote("overrun", airing_of(b), over, ""))
        elif b.actual_start is None and b.planned_end <= now:
            s["not_logged"] += 1
            notes.append(ReportNote("not_logged", airing_of(b), None, ""))

    counts = {"airings", "aired", "cancelled", "late_starts", "overruns", "not_logged"}

    def build(slug: str, title: str, values: dict[str, float]) -> ProgrammeMonth:
        fields = {k: (int(v) if k in counts else round(v, 1)) for k, v in values.items()}
        return ProgrammeMonth(show_slug=slug, show_title=title, **fields)  # type: ignore[arg-type]

    programmes = sorted(
        (build(slug, titles[slug], values) for slug, values in sums.items()),
        key=lambda p: (p.show_title.casefold(), p.show_slug),
    )
    total: dict[str, float] = defaultdict(float)
    for values in sums.values():
        for k, v in values.items():
            total[k] += v
    return MonthReport(
        month=date(month.year, month.month, 1),
        zone=settings.station.timezone,
        start=start,
        end=end,
        programmes=tuple(programmes),
        total=build("", _("All programmes"), total),
        notes=tuple(sorted(notes, key=lambda n: (n.airing.planned_start, n.airing.id, n.kind))),
    )


CSV_COLUMNS = (
    (N_("Programme"), "show_title"),
    (N_("Airings"), "airings"),
    (N_("Planned minutes"), "planned_minutes"),
    (N_("Aired"), "aired"),
    (N_("Aired minutes"), "aired_minutes"),
    (N_("Cancelled"), "cancelled"),
    (N_("Late starts"), "late_starts"),
    (N_("Minutes late"), "late_minutes"),
    (N_("Overruns"), "overruns"),
    (N_("Minutes over"), "overrun_minutes"),
    (N_("Not logged"), "not_logged"),
)


def write_report_csv(report: MonthReport, path: Path, delimiter: str | None = None) -> Path:
    """Write the report's table as CSV: one row per programme and a total row.

    UTF-8 with a byte-order mark, so that spreadsheets read the accents right; headings in
    the current language; minutes as whole numbers, so no decimal separator can be misread.
    The delimiter follows the language's spreadsheets unless given: ';' for Indonesian
    (where the comma is the decimal sign), ',' otherwise.
    """
    if delimiter is None:
        delimiter = ";" if current_language() == "id" else ","
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
            writer.writerow([_(heading) for heading, _field in CSV_COLUMNS])
            for row in (*report.programmes, report.total):
                writer.writerow(
                    [
                        value if isinstance(value, str) else round(value)
                        for value in (getattr(row, f) for _heading, f in CSV_COLUMNS)
                    ]
                )
    except OSError as err:
        raise InputError(
            _("{file}: cannot be written: {reason}").format(file=path, reason=err.strerror)
        ) from None
    return path
