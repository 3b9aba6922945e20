"""The ``radiodesk archive …`` commands: list, show, unlinked, link, prune, handover, access.

Each parses input, calls one service of ``radiodesk.archive`` and prints its result. (The
commands that work on files — ingest, clip, verify, export-bag — are in
:mod:`radiodesk.cli.archive`.)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from radiodesk import db
from radiodesk.archive import (
    RecordingSummary,
    link_recording,
    list_recordings,
    prune,
    prune_plan,
    recording_detail,
    set_access,
    set_handover,
    unlinked_recordings,
)
from radiodesk.archive.queries import BroadcastSummary
from radiodesk.cli.common import (
    ID,
    StationContext,
    emit_json,
    home_option,
    json_option,
    pass_station,
)
from radiodesk.cli.common import table as text_table
from radiodesk.i18n import _, format_datetime, format_duration, format_number
from radiodesk.limits import MAX_ID
from radiodesk.models import AccessClass, values_of


def when_text(moment: datetime | None, station: StationContext) -> str:
    if moment is None:
        return "-"
    return format_datetime(moment, station.settings.station.timezone, weekday=False)


def size_text(n: int) -> str:
    return _("{n} MB").format(n=format_number(n / 1_000_000, 1))


def broadcast_label(b: BroadcastSummary, station: StationContext) -> str:
    return _("#{id} {title}, {when}").format(
        id=b.id, title=b.title, when=when_text(b.start, station)
    )


@click.group("archive", help=_("The recording archive: list, show, link, prune, hand-over."))
def archive_group() -> None:
    pass


def _rows(items: list[RecordingSummary], station: StationContext) -> list[list[str]]:
    return [
        [
            str(r.id),
            when_text(r.recorded_start, station),
            r.show_slug or _("(unlinked)"),
            r.title[:60],
            format_duration(r.duration),
            _("yes") if r.renditions else _("no"),
            {True: _("ok"), False: _("FAILED"), None: "-"}[r.verified_ok],
        ]
        for r in items
    ]


@archive_group.command("list", help=_("List recordings, newest first."))
@click.option("--show", help=_("Only this programme (slug)."))
@click.option("--unlinked", is_flag=True, help=_("Only recordings that belong to no broadcast."))
@click.option("--limit", type=click.IntRange(1, MAX_ID), help=_("At most this many."))
@home_option
@json_option
@pass_station
def list_command(
    station: StationContext, show: str | None, unlinked: bool, limit: int | None, as_json: bool
) -> None:
    with station.unit_of_work() as session:
        items = list_recordings(
            session, station.settings, show=show, unlinked=unlinked, limit=limit
        )
    if as_json:
        emit_json(items)
        return
    if not items:
        click.echo(_("No recordings."))
        return
    headings = [_("ID"), _("Start"), _("Programme"), _("Title"), _("Length")]
    click.echo(text_table(_rows(items, station), [*headings, _("Podcast"), _("Verified")]))


@archive_group.command("show", help=_("Show one recording with its renditions and chapters."))
@click.argument("recording", type=ID)
@home_option
@json_option
@pass_station
def show_command(station: StationContext, recording: int, as_json: bool) -> None:
    with station.unit_of_work() as session:
        detail = recording_detail(session, station.settings, recording)
    if as_json:
        emit_json(detail)
        return
    s = detail.summary
    lines: list[tuple[str, Any]] = [
        (_("Recording"), f"#{s.id} {s.title}"),
        (_("Original name"), s.original_name),
        (_("Master"), f"{s.stored_path} ({size_text(s.size)})"),
        (_("SHA-256"), detail.sha256),
        (
            _("Format"),
            f"{s.container} / {detail.codec}, {detail.sample_rate or '-'} Hz, "
            f"{detail.channels or '-'} ch",
        ),
        (_("Length"), format_duration(s.duration)),
        (_("Started"), when_text(s.recorded_start, station)),
        (_("Loudness"), f"{format_number(detail.loudness, 1)} LUFS" if detail.loudness else "-"),
        (
            _("Broadcast"),
            broadcast_label(detail.broadcast, station) if detail.broadcast else _("(unlinked)"),
        ),
    ]
    if s.parent_id:
        lines.append(
            (
                _("Clip of"),
                _("recording {id}, {start}–{end}").format(
                    id=s.parent_id,
                    start=format_duration(detail.clip_start or 0),
                    end=format_duration(detail.clip_end or 0),
                ),
            )
        )
    if detail.transcript_path:
        lines.append((_("Transcript"), detail.transcript_path))
    verified = _("never")
    if detail.verified_at:
        state = _("ok") if s.verified_ok else _("FAILED")
        verified = f"{when_text(detail.verified_at, station)} ({state})"
    lines.append((_("Verified"), verified))
    width = max(len(k) for k, _v in lines)
    for key, value in lines:
        click.echo(f"{key.ljust(width)}  {value}")
    for r in detail.renditions:
        click.echo(
            _("Podcast file: {path} ({format}, {size}, {lufs} LUFS, true peak {peak} dBTP)").format(
                path=r.stored_path,
                format=r.format,
                size=size_text(r.size),
                lufs=format_number(r.loudness or 0, 1),
                peak=format_number(r.true_peak or 0, 1),
            )
        )
    for chapter in detail.chapters:
        click.echo(
            _("Chapter {start}: {title}").format(
                start=format_duration(chapter.start), title=chapter.title
            )
        )
    if detail.clips:
        click.echo(_("Clips: {ids}").format(ids=", ".join(f"#{c}" for c in detail.clips)))


@archive_group.command("unlinked", help=_("Recordings that belong to no broadcast, with hints."))
@home_option
@json_option
@pass_station
def unlinked_command(station: StationContext, as_json: bool) -> None:
    with station.unit_of_work() as session:
        items = unlinked_recordings(session, station.settings)
    if as_json:
        emit_json(items)
        return
    if not items:
        click.echo(_("Every recording belongs to a broadcast."))
        return
    for item in items:
        r = item.recording
        click.echo(
            _("#{id} {name}, started {start}").format(
                id=r.id, name=r.original_name, start=when_text(r.recorded_start, station)
            )
        )
        if item.fitting:
            click.echo("  " + _("fits several broadcasts:"))
        elif item.nearest:
            click.echo("  " + _("fits none; nearest:"))
        for b in item.fitting or item.nearest:
            click.echo("    " + broadcast_label(b, station))
    click.echo(_("Link one with: radiodesk archive link RECORDING BROADCAST"))


@archive_group.command("link", help=_("Link a recording to a broadcast and make its podcast file."))
@click.argument("recording", type=ID)
@click.argument("broadcast", type=ID)
@click.option("--no-render", is_flag=True, help=_("Do not make a podcast file now."))
@home_option
@pass_station
def link_command(station: StationContext, recording: int, broadcast: int, no_render: bool) -> None:
    db.ensure_ready(station.settings)
    result = link_recording(
        station.settings, recording, broadcast, now=station.now(), render=not no_render
    )
    click.echo(
        _("Recording {id} now belongs to {broadcast}.").format(
            id=recording, broadcast=broadcast_label(result.broadcast, station)
        )
    )
    if result.rendition is not None:
        click.echo(_("Podcast file: {path}").format(path=result.rendition.stored_path))


@archive_group.command(
    "prune", help=_("Remove masters past the retention period (shows them; --yes removes).")
)
@click.option("--yes", is_flag=True, help=_("Really remove them."))
@home_option
@json_option
@pass_station
def prune_command(station: StationContext, yes: bool, as_json: bool) -> None:
    settings = station.settings
    if yes:
        db.ensure_ready(settings)
        report = prune(settings, station.now())
    else:
        with station.unit_of_work() as session:
            report = prune_plan(session, settings, station.now())
    if as_json:
        emit_json(report)
        return
    for item in report.items:
        click.echo(
            _("#{id} {title}: {days} days old, {size}").format(
                id=item.recording_id,
                title=item.title,
                days=item.age_days,
                size=size_text(item.size),
            )
        )
    if report.kept_for_handover:
        click.echo(
            _("{n} old recordings are kept for hand-over.").format(n=report.kept_for_handover)
        )
    if not report.items and not report.segments:
        click.echo(
            _("Nothing is older than the retention period ({days} days).").format(
                days=report.retention_days
            )
        )
    items_size = size_text(sum(item.size for item in report.items))
    segments_size = size_text(sum(segment.size for segment in report.segments))
    if report.items and report.removed:
        click.echo(
            _("Removed {n} recordings ({size}).").format(n=len(report.items), size=items_size)
        )
    elif report.items:
        click.echo(
            _(
                "{n} recordings ({size}) may be removed; run again with --yes to remove them."
            ).format(n=len(report.items), size=items_size)
        )
    if report.segments and report.removed:
        click.echo(
            _("Removed {n} air logger segments ({size}).").format(
                n=len(report.segments), size=segments_size
            )
        )
    elif report.segments:
        click.echo(
            _(
                "{n} air logger segments ({size}) may be removed; run again with --yes to "
                "remove them."
            ).format(n=len(report.segments), size=segments_size)
        )


@archive_group.command("handover", help=_("Mark a broadcast for hand-over (never pruned)."))
@click.argument("broadcast", type=ID)
@click.option("--off", is_flag=True, help=_("Remove the mark."))
@home_option
@pass_station
def handover_command(station: StationContext, broadcast: int, off: bool) -> None:
    with station.unit_of_work() as session:
        summary = set_handover(session, broadcast, not off)
    message = (
        _("{broadcast} is marked for hand-over; its recordings are never pruned.")
        if summary.handover
        else _("{broadcast} is no longer marked for hand-over.")
    )
    click.echo(message.format(broadcast=broadcast_label(summary, station)))


@archive_group.command("access", help=_("Set a broadcast's access class (open or exempt)."))
@click.argument("broadcast", type=ID)
@click.argument("access_class", type=click.Choice(values_of(AccessClass)))
@home_option
@pass_station
def access_command(station: StationContext, broadcast: int, access_class: str) -> None:
    with station.unit_of_work() as session:
        summary = set_access(session, broadcast, access_class)
    click.echo(
        _("{broadcast}: access class {access}.").format(
            broadcast=broadcast_label(summary, station), access=summary.access_class
        )
    )
