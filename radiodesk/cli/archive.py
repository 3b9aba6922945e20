"""Commands of the archive: ingest, clip, verify, export-bag, and ``archive …`` (list, show,
unlinked, link, prune, handover, access). Each parses input, calls one service of
``radiodesk.archive`` and prints its result.
"""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

import click

from radiodesk import db
from radiodesk.archive import (
    IngestedFile,
    IngestProgress,
    RecordingSummary,
    cut_clip,
    export_bag,
    ingest_paths,
    link_recording,
    list_recordings,
    parse_timecode,
    prune,
    prune_plan,
    recording_detail,
    set_access,
    set_handover,
    unlinked_recordings,
    verify_archive,
)
from radiodesk.archive.queries import BroadcastSummary
from radiodesk.cli.common import StationContext, emit_json, home_option, json_option, pass_station
from radiodesk.cli.common import table as text_table
from radiodesk.i18n import N_, _, format_datetime, format_duration, format_number, ngettext
from radiodesk.models import ACCESS_CLASSES

STAGE_LABELS = {
    "hash": N_("checksum"),
    "copy": N_("copy and decode"),
    "render": N_("podcast file"),
    "measure": N_("loudness check"),
}
PROBLEM_LABELS = {
    "missing": N_("missing"),
    "changed": N_("changed"),
    "unreadable": N_("unreadable"),
}


def _when(moment: datetime | None, station: StationContext) -> str:
    if moment is None:
        return "-"
    return format_datetime(moment, station.settings.station.timezone, weekday=False)


def _size(n: int) -> str:
    return _("{n} MB").format(n=format_number(n / 1_000_000, 1))


def _broadcast_label(b: BroadcastSummary, station: StationContext) -> str:
    return _("#{id} {title}, {when}").format(id=b.id, title=b.title, when=_when(b.start, station))


def _ingest_line(item: IngestedFile, station: StationContext) -> str:
    if item.status == "failed":
        return _("{file}: failed: {reason}").format(file=item.path, reason=item.reason)
    if item.status == "duplicate":
        line = _("{file}: already archived as recording {id}").format(
            file=item.path, id=item.recording_id
        )
        if item.rendition is not None:
            line += "; " + _("its podcast file is made now")
        return line
    if item.broadcast_id is not None:
        where = _("{show}, broadcast #{id}").format(show=item.show_title, id=item.broadcast_id)
    elif item.candidates:
        where = _("unlinked: {n} broadcasts fit").format(n=len(item.candidates))
    else:
        where = _("unlinked: no broadcast fits")
    line = _("{file}: archived as recording {id} ({length}, started {start}; {where})").format(
        file=item.path,
        id=item.recording_id,
        length=format_duration(item.duration or 0),
        start=_when(item.recorded_start, station),
        where=where,
    )
    if item.rendition is not None and item.rendition.loudness is not None:
        line += "; " + _("podcast file {lufs} LUFS, true peak {peak} dBTP").format(
            lufs=format_number(item.rendition.loudness, 1),
            peak=format_number(item.rendition.true_peak or 0, 1),
        )
    if item.moved:
        line += "; " + _("original removed")
    for note in item.notes:
        line += "; " + note
    return line


@click.command("ingest", help=_("Archive recordings: files, or folders searched recursively."))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--broadcast", "broadcast_id", type=int, help=_("Link every file to this broadcast (id).")
)
@click.option(
    "--move", is_flag=True, help=_("Delete each original once its archived copy is verified.")
)
@click.option("--no-render", is_flag=True, help=_("Do not make podcast files now."))
@home_option
@json_option
@pass_station
def ingest_command(
    station: StationContext,
    paths: tuple[str, ...],
    broadcast_id: int | None,
    move: bool,
    no_render: bool,
    as_json: bool,
) -> None:
    settings = station.settings
    db.ensure_ready(settings)

    def show_item(p: IngestProgress | None) -> str | None:
        if p is None:
            return None
        name = p.path.rsplit("/", 1)[-1]
        return f"{name} ({_(STAGE_LABELS.get(p.stage, p.stage))})"

    with click.progressbar(
        length=1000, label=_("Archiving"), file=sys.stderr, item_show_func=show_item
    ) as bar:

        def progress(p: IngestProgress) -> None:
            target = int(p.overall * 1000)
            bar.update(max(0, target - bar.pos), current_item=p)

        report = ingest_paths(
            settings,
            paths,
            now=station.now(),
            broadcast_id=broadcast_id,
            move=move,
            render=not no_render,
            progress=progress,
        )
    if as_json:
        emit_json(report.files)
    else:
        for item in report.files:
            click.echo(_ingest_line(item, station))
        click.echo(
            _("{archived} archived, {duplicates} already archived, {failed} failed.").format(
                archived=len(report.archived),
                duplicates=len(report.duplicates),
                failed=len(report.failed),
            )
        )
        unlinked = [f for f in report.archived if f.broadcast_id is None]
        if unlinked:
            click.echo(
                ngettext(
                    "{n} recording belongs to no broadcast yet: see 'radiodesk archive unlinked'.",
                    "{n} recordings belong to no broadcast yet: see 'radiodesk archive unlinked'.",
                    len(unlinked),
                ).format(n=len(unlinked))
            )
    if report.failed:
        for item in report.failed:
            click.echo(_ingest_line(item, station), err=True)
        raise click.exceptions.Exit(1)


@click.command("clip", help=_("Cut a part of a recording out as a recording of its own."))
@click.argument("recording", type=int)
@click.option("--from", "start", required=True, metavar="TIME", help=_("Start, e.g. 00:12:30."))
@click.option("--to", "end", required=True, metavar="TIME", help=_("End, e.g. 00:41:00."))
@click.option("--title", help=_("Title of the clip (default: its broadcast's)."))
@click.option("--no-render", is_flag=True, help=_("Do not make a podcast file now."))
@home_option
@json_option
@pass_station
def clip_command(
    station: StationContext,
    recording: int,
    start: str,
    end: str,
    title: str | None,
    no_render: bool,
    as_json: bool,
) -> None:
    settings = station.settings
    db.ensure_ready(settings)
    result = cut_clip(
        settings,
        recording,
        parse_timecode(start),
        parse_timecode(end),
        now=station.now(),
        title=title,
        render=not no_render,
    )
    if as_json:
        emit_json(result)
    elif result.duplicate:
        click.echo(
            _("This clip is already archived as recording {id}.").format(id=result.recording_id)
        )
    else:
        click.echo(
            _(
                "Clip {start}–{end} of recording {parent} archived as recording {id} ({path})."
            ).format(
                start=format_duration(result.start),
                end=format_duration(result.end),
                parent=result.parent_id,
                id=result.recording_id,
                path=result.stored_path,
            )
        )


@click.command("verify", help=_("Re-check every archived file against its checksum."))
@click.option(
    "--older-than",
    "older_than",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help=_("Only files not verified in the last DAYS days."),
)
@home_option
@json_option
@pass_station
def verify_command(station: StationContext, older_than: int | None, as_json: bool) -> None:
    settings = station.settings
    db.ensure_ready(settings)
    with click.progressbar(length=1000, label=_("Verifying"), file=sys.stderr) as bar:

        def progress(done: int, total: int, _path: str) -> None:
            bar.update(max(0, int(done / total * 1000) - bar.pos))

        report = verify_archive(
            settings, now=station.now(), older_than_days=older_than, progress=progress
        )
    if as_json:
        emit_json(report)
    else:
        for problem in report.problems:
            kind = _("master") if problem.kind == "master" else _("podcast file")
            click.echo(
                _("{kind} of recording {id}: {problem}: {path}").format(
                    kind=kind,
                    id=problem.recording_id,
                    problem=_(PROBLEM_LABELS.get(problem.problem, problem.problem)),
                    path=problem.stored_path,
                )
            )
        click.echo(
            _("Checked {checked} files: {ok} intact, {bad} missing or changed.").format(
                checked=report.checked, ok=report.ok, bad=len(report.problems)
            )
        )
        if report.skipped:
            click.echo(_("{n} verified recently, not checked.").format(n=report.skipped))
    if report.problems:
        raise click.exceptions.Exit(1)


@click.command("export-bag", help=_("Write a BagIt bag of masters with PBCore metadata."))
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--show", help=_("Only this programme (slug)."))
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d"]), help=_("First broadcast date."))
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help=_("Last broadcast date."))
@home_option
@json_option
@pass_station
def export_bag_command(
    station: StationContext,
    out: str,
    show: str | None,
    start: datetime | None,
    end: datetime | None,
    as_json: bool,
) -> None:
    from pathlib import Path

    settings = station.settings
    db.ensure_ready(settings)
    with click.progressbar(length=1000, label=_("Copying"), file=sys.stderr) as bar:
        report = export_bag(
            settings,
            Path(out),
            now=station.now(),
            show=show,
            start=start.date() if start else None,
            end=end.date() if end else None,
            progress=lambda done, total: bar.update(max(0, int(done / total * 1000) - bar.pos)),
        )
    if as_json:
        emit_json(report)
        return
    click.echo(
        _("Bag written to {path}: {n} recordings, {files} files, {size}.").format(
            path=report.path, n=report.recordings, files=report.files, size=_size(report.size)
        )
    )


@click.group("archive", help=_("The recording archive: list, show, link, prune, hand-over."))
def archive_group() -> None:
    pass


def _rows(items: list[RecordingSummary], station: StationContext) -> list[list[str]]:
    return [
        [
            str(r.id),
            _when(r.recorded_start, station),
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
@click.option("--limit", type=click.IntRange(min=1), help=_("At most this many."))
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
@click.argument("recording", type=int)
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
        (_("Master"), f"{s.stored_path} ({_size(s.size)})"),
        (_("SHA-256"), detail.sha256),
        (
            _("Format"),
            f"{s.container} / {detail.codec}, {detail.sample_rate or '-'} Hz, "
            f"{detail.channels or '-'} ch",
        ),
        (_("Length"), format_duration(s.duration)),
        (_("Started"), _when(s.recorded_start, station)),
        (_("Loudness"), f"{format_number(detail.loudness, 1)} LUFS" if detail.loudness else "-"),
        (
            _("Broadcast"),
            _broadcast_label(detail.broadcast, station) if detail.broadcast else _("(unlinked)"),
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
        verified = f"{_when(detail.verified_at, station)} ({state})"
    lines.append((_("Verified"), verified))
    width = max(len(k) for k, _v in lines)
    for key, value in lines:
        click.echo(f"{key.ljust(width)}  {value}")
    for r in detail.renditions:
        click.echo(
            _("Podcast file: {path} ({format}, {size}, {lufs} LUFS, true peak {peak} dBTP)").format(
                path=r.stored_path,
                format=r.format,
                size=_size(r.size),
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
                id=r.id, name=r.original_name, start=_when(r.recorded_start, station)
            )
        )
        if item.fitting:
            click.echo("  " + _("fits several broadcasts:"))
        elif item.nearest:
            click.echo("  " + _("fits none; nearest:"))
        for b in item.fitting or item.nearest:
            click.echo("    " + _broadcast_label(b, station))
    click.echo(_("Link one with: radiodesk archive link RECORDING BROADCAST"))


@archive_group.command("link", help=_("Link a recording to a broadcast and make its podcast file."))
@click.argument("recording", type=int)
@click.argument("broadcast", type=int)
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
            id=recording, broadcast=_broadcast_label(result.broadcast, station)
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
                id=item.recording_id, title=item.title, days=item.age_days, size=_size(item.size)
            )
        )
    if report.kept_for_handover:
        click.echo(
            _("{n} old recordings are kept for hand-over.").format(n=report.kept_for_handover)
        )
    if not report.items:
        click.echo(
            _("Nothing is older than the retention period ({days} days).").format(
                days=report.retention_days
            )
        )
    elif report.removed:
        click.echo(
            _("Removed {n} recordings ({size}).").format(
                n=len(report.items), size=_size(report.size)
            )
        )
    else:
        click.echo(
            _(
                "{n} recordings ({size}) may be removed; run again with --yes to remove them."
            ).format(n=len(report.items), size=_size(report.size))
        )


@archive_group.command("handover", help=_("Mark a broadcast for hand-over (never pruned)."))
@click.argument("broadcast", type=int)
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
    click.echo(message.format(broadcast=_broadcast_label(summary, station)))


@archive_group.command("access", help=_("Set a broadcast's access class (open or exempt)."))
@click.argument("broadcast", type=int)
@click.argument("access_class", type=click.Choice(ACCESS_CLASSES))
@home_option
@pass_station
def access_command(station: StationContext, broadcast: int, access_class: str) -> None:
    with station.unit_of_work() as session:
        summary = set_access(session, broadcast, access_class)
    click.echo(
        _("{broadcast}: access class {access}.").format(
            broadcast=_broadcast_label(summary, station), access=summary.access_class
        )
    )


COMMANDS: list[click.Command] = [
    ingest_command,
    clip_command,
    verify_command,
    export_bag_command,
    archive_group,
]
