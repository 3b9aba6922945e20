"""``radiodesk transcribe``: run the transcript queue, show it, approve a transcript;
``radiodesk transcript replace``: an editor's corrected file in place of the automatic one."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click

from radiodesk.cli.common import (
    ID,
    StationContext,
    emit_json,
    home_option,
    json_option,
    pass_station,
    table,
)
from radiodesk.i18n import N_, _, format_duration
from radiodesk.models import TranscriptStatus

STATUS_LABELS: dict[str, str] = {
    TranscriptStatus.QUEUED: N_("queued"),
    TranscriptStatus.RUNNING: N_("running"),
    TranscriptStatus.DONE: N_("done"),
    TranscriptStatus.FAILED: N_("failed"),
}


def _status_lines(station: StationContext, as_json: bool) -> None:
    from radiodesk.transcripts.queue import transcript_states

    with station.unit_of_work() as session:
        states = transcript_states(session)
    if as_json:
        emit_json(states)
        return
    if not states:
        click.echo(_("No recording is queued for a transcript."))
        return
    rows = []
    for s in states:
        state = _(STATUS_LABELS.get(s.status, s.status))
        if s.working:
            state += f" {s.chunks_done}/{s.chunks_total}"
        if s.status == TranscriptStatus.DONE:
            state += " · " + (_("approved") if s.approved else _("not approved"))
        if s.edited:
            state += " · " + _("edited")
        rows.append(
            [
                str(s.recording_id),
                s.recording[:40],
                format_duration(s.duration),
                state,
                str(s.cues) if s.status == TranscriptStatus.DONE else "",
                s.error[:60],
            ]
        )
    click.echo(
        table(
            rows,
            [_("Recording"), _("Name"), _("Length"), _("Transcript"), _("Cues"), _("Why")],
        )
    )


@click.command(
    "transcribe",
    help=_(
        "Transcribe queued recordings (or the RECORDINGs named), one at a time, at low "
        "priority; a run stopped midway resumes where it was."
    ),
)
@click.argument("recordings", nargs=-1, type=ID)
@click.option(
    "--pending", is_flag=True, help=_("Also queue recordings archived without a transcript.")
)
@click.option("--status", "show_status", is_flag=True, help=_("Show the queue; transcribe none."))
@click.option(
    "--approve",
    "approve_id",
    type=ID,
    metavar="RECORDING",
    help=_("Approve a recording's transcript for publication."),
)
@home_option
@json_option
@pass_station
def transcribe_command(
    station: StationContext,
    recordings: tuple[int, ...],
    pending: bool,
    show_status: bool,
    approve_id: int | None,
    as_json: bool,
) -> None:
    from radiodesk.transcripts.queue import approve, queue_pending, queue_recordings
    from radiodesk.transcripts.runner import Outcome, run_queue

    if show_status:
        _status_lines(station, as_json)
        return
    if approve_id is not None:
        with station.unit_of_work() as session:
            info = approve(session, approve_id, station.now())
        if as_json:
            emit_json(info)
        else:
            click.echo(
                _("The transcript of recording {id} is approved: {path}").format(
                    id=approve_id, path=info.path
                )
            )
        return
    with station.unit_of_work() as session:
        if pending:
            queue_pending(session, station.settings)
        only = queue_recordings(session, station.settings, recordings) if recordings else None
    # The bar appears with the first chunk: a model that cannot be loaded is one line alone.
    with contextlib.ExitStack() as stack:
        bars: list[Any] = []

        def progress(done: float, total: float, _recording: int) -> None:
            if not bars:
                bar = click.progressbar(length=1000, label=_("Transcribing"), file=sys.stderr)
                bars.append(stack.enter_context(bar))
            bars[0].update(max(0, int(done / (total or 1) * 1000) - bars[0].pos))

        def said(outcome: Outcome) -> None:
            if not as_json:
                click.echo("\n" + outcome.text, err=outcome.status == TranscriptStatus.FAILED)
            if bars:
                bars[0].pos = 0

        report = run_queue(
            station.settings, now=station.now, only=only, progress=progress, on_outcome=said
        )
    if as_json:
        emit_json(report.outcomes)
    elif not report.outcomes:
        click.echo(_("No recording is waiting for a transcript."))
    if report.failed:
        raise click.exceptions.Exit(1)


@click.group("transcript", help=_("A recording's transcript, as an editor corrects it."))
def transcript_group() -> None:
    pass


@transcript_group.command(
    "replace",
    help=_(
        "Replace the transcript of RECORDING with the WebVTT FILE (corrected by an editor); "
        "search follows at once, and the transcript needs approving again."
    ),
)
@click.argument("recording", type=ID)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@home_option
@json_option
@pass_station
def replace_command(station: StationContext, recording: int, file: Path, as_json: bool) -> None:
    from radiodesk.transcripts.edit import replace_transcript

    with station.unit_of_work() as session:
        info = replace_transcript(session, station.settings, recording, file, station.now())
    if as_json:
        emit_json(info)
        return
    click.echo(
        _(
            "The transcript of recording {id} is replaced ({cues} cues): {path}. "
            "It needs approving again before it is published."
        ).format(id=recording, cues=info.cues, path=info.path)
    )


COMMANDS = [transcribe_command, transcript_group]
