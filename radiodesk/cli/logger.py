"""``radiodesk logger``: record the air; ``logger status | cut | export``."""

from __future__ import annotations

import shutil
import signal
import sys
import threading
from datetime import datetime
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
from radiodesk.i18n import _, format_datetime

UNIT = """\
[Unit]
Description=radiodesk air logger ({home})
After=network-online.target
Wants=network-online.target

[Service]
Type=simple
WorkingDirectory={home}
Environment=RADIODESK_HOME={home}
ExecStart={program} logger --home {home}
Restart=always
RestartSec=2
# ffmpeg is a child of the logger; stop them together, gently first.
KillMode=mixed
TimeoutStopSec=20

[Install]
WantedBy=multi-user.target
"""


def _program() -> str:
    found = shutil.which("radiodesk")
    return found or f"{sys.executable} -m radiodesk"


@click.group(
    "logger",
    invoke_without_command=True,
    help=_(
        "Record the station's air around the clock, in clock-aligned segments under "
        "archive/logger/, noting every gap; cut each broadcast from them when it ends.\n\n"
        "Without a command, records until stopped (Ctrl+C or SIGTERM). One logger per station."
    ),
)
@click.option("--print-unit", is_flag=True, help=_("Print a systemd unit that runs the logger."))
@home_option
@pass_station
@click.pass_context
def logger_group(ctx: click.Context, station: StationContext, print_unit: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    if print_unit:
        click.echo(UNIT.format(home=station.settings.home, program=_program()), nl=False)
        return
    from radiodesk.logger.run import run_logger

    stop = threading.Event()

    def stop_on(_signum: int, _frame: Any) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, stop_on)
    signal.signal(signal.SIGINT, stop_on)
    with station.unit_of_work():
        pass  # the database exists and is up to date
    run_logger(station.settings, stop=stop, say=lambda text: click.echo(text, err=True))


@logger_group.command("status", help=_("Is the air being recorded? Exit status 1 when not."))
@home_option
@json_option
@pass_station
def status_command(station: StationContext, as_json: bool) -> None:
    from radiodesk.logger.state import logger_status

    with station.unit_of_work() as session:
        status = logger_status(session, station.now(), station.settings.zone)
    if as_json:
        emit_json(status)
    else:
        click.echo(status.text)
    if not status.running:
        sys.exit(1)


def _moment(value: str, station: StationContext) -> datetime:
    from radiodesk.logger.export import read_moment

    return read_moment(value, station.settings.zone)


@logger_group.command("cut", help=_("Cut a broadcast from the logger's segments and archive it."))
@click.argument("broadcast", type=ID)
@home_option
@json_option
@pass_station
def cut_command(station: StationContext, broadcast: int, as_json: bool) -> None:
    from radiodesk.logger.jobs import cut_and_archive

    result = cut_and_archive(station.settings, broadcast, now=station.now())
    if as_json:
        emit_json(result)
    else:
        click.echo(result.text)
    if not result.ok:
        sys.exit(1)


@logger_group.command(
    "export",
    help=_("Write a span of the air as one file, with a text listing gaps and programmes."),
)
@click.option(
    "--from", "start", required=True, metavar="'YYYY-MM-DD HH:MM'", help=_("Start (station time).")
)
@click.option(
    "--to", "end", required=True, metavar="'YYYY-MM-DD HH:MM'", help=_("End (station time).")
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@home_option
@json_option
@pass_station
def export_command(
    station: StationContext, start: str, end: str, file: Path, as_json: bool
) -> None:
    from radiodesk.logger.export import export_span

    with station.unit_of_work():
        pass
    result = export_span(station.settings, _moment(start, station), _moment(end, station), file)
    if as_json:
        emit_json(result)
    else:
        click.echo(result.text)


@logger_group.command(
    "work", help=_("Do the queued work after broadcasts (cut, archive), then stop.")
)
@home_option
@pass_station
def work_command(station: StationContext) -> None:
    from radiodesk.logger.jobs import run_queue

    with station.unit_of_work():
        pass
    for line in run_queue(station.settings, now=station.now):
        click.echo(line)


@logger_group.command("jobs", help=_("The queue of work after broadcasts, newest first."))
@click.option("--limit", type=click.IntRange(1, 10000), default=50, show_default=True)
@home_option
@json_option
@pass_station
def jobs_command(station: StationContext, limit: int, as_json: bool) -> None:
    from radiodesk.logger.jobs import list_jobs

    with station.unit_of_work() as session:
        jobs = list_jobs(session, limit)
    if as_json:
        emit_json(jobs)
        return
    zone = station.settings.station.timezone
    rows = [
        [
            str(j.id),
            j.kind,
            j.status,
            str(j.broadcast_id or ""),
            format_datetime(j.created_at, zone, weekday=False),
            str(j.recording_id or ""),
            j.error,
        ]
        for j in jobs
    ]
    headings = [
        _("job"),
        _("kind"),
        _("status"),
        _("broadcast"),
        _("queued"),
        _("recording"),
        _("error"),
    ]
    click.echo(table(rows, headings) if rows else _("No jobs yet."))


COMMANDS: list[click.Command] = [logger_group]
