"""Commands of the archive that work on files: ingest, clip, verify, export-bag. The
``archive …`` group (list, show, unlinked, link, prune, handover, access) is in
:mod:`radiodesk.cli.archive_group` and registered from here. Each command parses input,
calls one service of ``radiodesk.archive`` and prints its result.
"""

from __future__ import annotations

import sys

import click

from radiodesk import db
from radiodesk.archive import (
    IngestedFile,
    IngestProgress,
    cut_clip,
    export_bag,
    ingest_paths,
    parse_timecode,
    verify_archive,
)
from radiodesk.cli.archive_group import archive_group, size_text, when_text
from radiodesk.cli.common import (
    ID,
    StationContext,
    check_range,
    emit_json,
    home_option,
    json_option,
    pass_station,
)
from radiodesk.i18n import N_, _, format_duration, format_number, ngettext
from radiodesk.timeinput import parse_day

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
        start=when_text(item.recorded_start, station),
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
    "--broadcast", "broadcast_id", type=ID, help=_("Link every file to this broadcast (id).")
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
@click.argument("recording", type=ID)
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


# The oldest last check --older-than may ask about: a hundred years.
OLDEST_DAYS = 36500


@click.command("verify", help=_("Re-check every archived file against its checksum."))
@click.option(
    "--older-than",
    "older_than",
    type=click.IntRange(min=0, max=OLDEST_DAYS),
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
            if problem.kind == "segment":
                click.echo(
                    _("logger segment: {problem}: {path}").format(
                        problem=_(PROBLEM_LABELS.get(problem.problem, problem.problem)),
                        path=problem.stored_path,
                    )
                )
                continue
            kind = {"master": _("master"), "transcript": _("transcript")}.get(
                problem.kind, _("podcast file")
            )
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
@click.option("--from", "start", metavar="DATE", help=_("First broadcast date."))
@click.option("--to", "end", metavar="DATE", help=_("Last broadcast date."))
@home_option
@json_option
@pass_station
def export_bag_command(
    station: StationContext,
    out: str,
    show: str | None,
    start: str | None,
    end: str | None,
    as_json: bool,
) -> None:
    from pathlib import Path

    settings = station.settings
    first = parse_day(start, "--from") if start else None
    last = parse_day(end, "--to") if end else None
    check_range(first, last)
    db.ensure_ready(settings)
    with click.progressbar(length=1000, label=_("Copying"), file=sys.stderr) as bar:
        report = export_bag(
            settings,
            Path(out),
            now=station.now(),
            show=show,
            start=first,
            end=last,
            progress=lambda done, total: bar.update(max(0, int(done / total * 1000) - bar.pos)),
        )
    if as_json:
        emit_json(report)
        return
    click.echo(
        _("Bag written to {path}: {n} recordings, {files} files, {size}.").format(
            path=report.path, n=report.recordings, files=report.files, size=size_text(report.size)
        )
    )


COMMANDS: list[click.Command] = [
    ingest_command,
    clip_command,
    verify_command,
    export_bag_command,
    archive_group,
]
