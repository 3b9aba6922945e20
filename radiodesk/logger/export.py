"""Air checks: any span of the logged air as one file, with a text beside it that lists the
gaps in it and the programmes aired in it (what the KPI asks to see)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from radiodesk import db
from radiodesk.archive import audio
from radiodesk.config import Settings
from radiodesk.errors import InputError
from radiodesk.i18n import _, format_datetime, format_duration
from radiodesk.logger.causes import cause_text
from radiodesk.logger.cut import write_span
from radiodesk.logger.state import GapInfo
from radiodesk.models import Broadcast, BroadcastStatus
from radiodesk.timeinput import parse_local_datetime


@dataclass(frozen=True)
class Programme:
    broadcast_id: int
    title: str
    start: datetime
    end: datetime


@dataclass(frozen=True)
class ExportResult:
    """The air check written: the audio ``path``, the ``sidecar`` text, length (s)."""

    path: Path
    sidecar: Path
    start: datetime
    duration: float
    gaps: tuple[GapInfo, ...]
    programmes: tuple[Programme, ...]
    text: str


def read_moment(text: str, zone: ZoneInfo) -> datetime:
    """An operator's "2026-11-23 08:00" (station time) as a UTC instant."""
    return parse_local_datetime(text, zone, "--from/--to")


def export_span(settings: Settings, start: datetime, end: datetime, target: Path) -> ExportResult:
    """Write the logged air of [start, end) (UTC) into ``target`` and ``target``.txt beside."""
    if end <= start:
        raise InputError(_("--to must be after --from."))
    target = target.resolve()
    if not target.parent.is_dir():
        raise InputError(_("{folder}: no such folder").format(folder=target.parent))
    staged = target.with_name(f".partial-{os.getpid()}-{target.stem}")
    span = write_span(settings, start, end, staged)
    produced = span.path
    wanted = target.suffix.lstrip(".").lower()
    try:
        if produced.suffix != target.suffix:
            # Another format than the logger's own: ffmpeg converts (only then it decodes).
            converted = staged.with_suffix(target.suffix)
            run = audio.run_ffmpeg(["-y", "-i", str(produced), "-vn", str(converted)])
            if run.returncode != 0:
                converted.unlink(missing_ok=True)
                raise InputError(
                    _("ffmpeg cannot write {kind} files: {reason}").format(
                        kind=wanted or "?", reason=run.errors[0] if run.errors else ""
                    )
                )
            produced.unlink(missing_ok=True)
            produced = converted
        os.replace(produced, target)
    finally:
        produced.unlink(missing_ok=True)
    zone = settings.station.timezone
    with db.unit_of_work(settings) as session:
        rows = session.scalars(
            select(Broadcast)
            .where(
                Broadcast.status != BroadcastStatus.CANCELLED,
                Broadcast.planned_start < end,
                Broadcast.planned_end > start,
            )
            .order_by(Broadcast.planned_start)
        ).all()
        programmes = tuple(
            Programme(
                b.id,
                b.title or b.show.title,
                b.actual_start or b.planned_start,
                b.actual_end or b.planned_end,
            )
            for b in rows
        )
    lines = [
        _("Air check of {station}").format(station=settings.station.name),
        _("From {start} to {end} ({duration})").format(
            start=format_datetime(start, zone),
            end=format_datetime(end, zone),
            duration=format_duration((end - start).total_seconds()),
        ),
        _("File: {name}").format(name=target.name),
        "",
        _("Gaps (air not recorded):"),
    ]
    for gap in span.gaps:
        gap_end = format_datetime(gap.end, zone) if gap.end else _("still open")
        lines.append(f"  {format_datetime(gap.start, zone)} – {gap_end}: {cause_text(gap.cause)}")
    if not span.gaps:
        lines.append("  " + _("none"))
    lines += ["", _("Programmes:")]
    for item in programmes:
        lines.append(
            f"  {format_datetime(item.start, zone)} – {format_datetime(item.end, zone)}: "
            f"{item.title} (#{item.broadcast_id})"
        )
    if not programmes:
        lines.append("  " + _("none"))
    sidecar = target.with_suffix(".txt")
    sidecar.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = _("Wrote {file} ({duration}) and {sidecar}; {gaps} gap(s).").format(
        file=target,
        duration=format_duration(span.duration),
        sidecar=sidecar.name,
        gaps=len(span.gaps),
    )
    return ExportResult(target, sidecar, span.start, span.duration, span.gaps, programmes, text)
