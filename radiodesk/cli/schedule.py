"""Commands of the schedule: the week grid, now/next, checks, exceptions, as-run, report, iCal.

Each command parses what the operator typed (local times in the station's zone), calls one
service of ``radiodesk.schedule`` and prints its result.
"""

from __future__ import annotations

import getpass
from datetime import datetime, timedelta
from pathlib import Path

import click

from radiodesk.cli.common import (
    ID,
    StationContext,
    check_range,
    emit_json,
    home_option,
    json_option,
    table,
)
from radiodesk.i18n import (
    N_,
    _,
    format_datetime,
    format_duration,
    format_number,
    format_time,
    ngettext,
)
from radiodesk.models import ChangeAction
from radiodesk.schedule import (
    Airing,
    Overlap,
    add_special,
    broadcast_history,
    cancel_airing,
    find_conflicts,
    month_report,
    move_airing,
    now_next,
    plan_airings,
    render_week,
    start_broadcast,
    stop_broadcast,
    week_grid,
    write_ical,
    write_report_csv,
)
from radiodesk.schedule.plan import DEFAULT_WEEKS
from radiodesk.schedule.views import span_text
from radiodesk.timeinput import day_start, parse_day, parse_local_datetime, parse_month


def _station(ctx: click.Context) -> StationContext:
    return ctx.ensure_object(StationContext)


def _author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _span(airing: Airing, zone: str) -> str:
    return span_text(airing.planned_start, airing.planned_end, zone)


def _line(airing: Airing, zone: str) -> str:
    return _("#{id} {title}, {span}").format(
        id=airing.id, title=airing.title, span=_span(airing, zone)
    )


def _overlap_line(pair: Overlap, zone: str) -> str:
    return _("{first}  overlaps  {second}  ({minutes} min)").format(
        first=_line(pair.first, zone),
        second=_line(pair.second, zone),
        minutes=format_number(pair.minutes),
    )


@click.group(
    "schedule",
    invoke_without_command=True,
    help=_("The programme grid. Without a command: print the week's grid in station time."),
)
@click.option("--week", "week", metavar="DATE", help=_("Any day of the week to show (2026-11-30)."))
@home_option
@json_option
@click.pass_context
def schedule_group(ctx: click.Context, week: str | None, as_json: bool) -> None:
    if ctx.invoked_subcommand is not None:
        return
    station = _station(ctx)
    zone = station.settings.zone
    day = parse_day(week, "--week") if week else station.now().astimezone(zone).date()
    with station.unit_of_work() as session:
        grid = week_grid(session, station.settings, day)
    if as_json:
        emit_json(grid)
    else:
        click.echo(render_week(grid))


@schedule_group.command("now", help=_("What is on air now (or --at an instant), and what is next."))
@click.option("--at", "at", metavar="TIME", help=_("An instant: 2026-11-30 10:00 (station time)."))
@home_option
@json_option
@click.pass_context
def now_command(ctx: click.Context, at: str | None, as_json: bool) -> None:
    station = _station(ctx)
    settings = station.settings
    zone = settings.station.timezone
    moment = parse_local_datetime(at, settings.zone, "--at") if at else station.now()
    with station.unit_of_work() as session:
        state = now_next(session, settings, moment)
    if as_json:
        emit_json(state)
        return
    click.echo(_("At {when}:").format(when=format_datetime(moment, zone)))
    if state.current is None:
        click.echo("  " + _("Nothing on air."))
    else:
        click.echo("  " + _("On air: {airing}").format(airing=_line(state.current, zone)))
        if state.overrun_seconds:
            click.echo(
                "  "
                + _("Running over by {time}.").format(time=format_duration(state.overrun_seconds))
            )
        else:
            click.echo(
                "  "
                + _("{time} left (on air for {elapsed}).").format(
                    time=format_duration(state.remaining_seconds or 0),
                    elapsed=format_duration(state.elapsed_seconds or 0),
                )
            )
    if state.next is None:
        click.echo("  " + _("Nothing planned after that."))
    else:
        click.echo(
            "  "
            + _("Next: {airing}, in {time}").format(
                airing=_line(state.next, zone),
                time=format_duration(state.until_next_seconds or 0),
            )
        )


@schedule_group.command("check", help=_("List overlapping airings, pair by pair; exit 1 if any."))
@click.option("--from", "start", metavar="DATE", help=_("First day to check (default: now)."))
@click.option("--to", "end", metavar="DATE", help=_("Last day to check (default: all planned)."))
@home_option
@json_option
@click.pass_context
def check_command(ctx: click.Context, start: str | None, end: str | None, as_json: bool) -> None:
    station = _station(ctx)
    settings = station.settings
    zone = settings.zone
    first = parse_day(start, "--from") if start else None
    last = parse_day(end, "--to") if end else None
    check_range(first, last)
    begin = day_start(first, zone) if first else station.now()
    finish = day_start(last + timedelta(days=1), zone) if last else None
    with station.unit_of_work() as session:
        pairs = find_conflicts(session, begin, finish)
    if as_json:
        emit_json(pairs)
    elif not pairs:
        click.echo(_("No overlapping airings."))
    else:
        for pair in pairs:
            click.echo(_overlap_line(pair, settings.station.timezone))
        click.echo(
            ngettext("{n} overlapping pair.", "{n} overlapping pairs.", len(pairs)).format(
                n=len(pairs)
            )
        )
    if pairs:
        ctx.exit(1)


@schedule_group.command("plan", help=_("Plan the slots' airings ahead (safe to repeat)."))
@click.option("--weeks", type=int, default=DEFAULT_WEEKS, show_default=True, help=_("Weeks ahead."))
@home_option
@json_option
@click.pass_context
def plan_command(ctx: click.Context, weeks: int, as_json: bool) -> None:
    station = _station(ctx)
    with station.unit_of_work() as session:
        report = plan_airings(session, station.settings, station.now(), weeks=weeks)
    if as_json:
        emit_json(report)
        return
    click.echo(
        _(
            "Planned until {until}: {created} added, {updated} re-timed, {removed} removed, "
            "{protected} left as they were."
        ).format(
            until=format_datetime(report.until, station.settings.station.timezone),
            created=report.created,
            updated=report.updated,
            removed=report.removed,
            protected=report.protected,
        )
    )


@schedule_group.command("special", help=_("Add a one-off special airing of a programme."))
@click.argument("show")
@click.option("--start", required=True, metavar="TIME", help=_("Start, station time."))
@click.option("--duration", type=int, required=True, help=_("Minutes."))
@click.option("--title", required=True, help=_("Title of the special."))
@click.option("--reason", default="", help=_("Why (kept in the history)."))
@click.option("--topic", default="", help=_("Topic."))
@click.option("--allow-overlap", is_flag=True, help=_("Keep it even if it overlaps an airing."))
@home_option
@click.pass_context
def special_command(
    ctx: click.Context,
    show: str,
    start: str,
    duration: int,
    title: str,
    reason: str,
    topic: str,
    allow_overlap: bool,
) -> None:
    station = _station(ctx)
    settings = station.settings
    moment = parse_local_datetime(start, settings.zone, "--start")
    with station.unit_of_work() as session:
        airing = add_special(
            session,
            settings,
            show,
            moment,
            duration,
            title,
            now=station.now(),
            reason=reason,
            topic=topic,
            allow_overlap=allow_overlap,
            author=_author(),
        )
    click.echo(_("Added special {airing}.").format(airing=_line(airing, settings.station.timezone)))


@schedule_group.command("cancel", help=_("Cancel one airing, with a reason."))
@click.argument("broadcast", type=ID)
@click.option("--reason", required=True, help=_("Why (kept in the history)."))
@home_option
@click.pass_context
def cancel_command(ctx: click.Context, broadcast: int, reason: str) -> None:
    station = _station(ctx)
    with station.unit_of_work() as session:
        airing = cancel_airing(
            session, station.settings, broadcast, reason, now=station.now(), author=_author()
        )
    click.echo(
        _("Cancelled {airing}.").format(airing=_line(airing, station.settings.station.timezone))
    )


@schedule_group.command("move", help=_("Move one airing to another time, with a reason."))
@click.argument("broadcast", type=ID)
@click.option("--to", "to", required=True, metavar="TIME", help=_("New start, station time."))
@click.option("--duration", type=int, help=_("New length in minutes (default: unchanged)."))
@click.option("--reason", required=True, help=_("Why (kept in the history)."))
@click.option("--allow-overlap", is_flag=True, help=_("Keep it even if it overlaps an airing."))
@home_option
@click.pass_context
def move_command(
    ctx: click.Context,
    broadcast: int,
    to: str,
    duration: int | None,
    reason: str,
    allow_overlap: bool,
) -> None:
    station = _station(ctx)
    settings = station.settings
    moment = parse_local_datetime(to, settings.zone, "--to")
    with station.unit_of_work() as session:
        airing = move_airing(
            session,
            settings,
            broadcast,
            moment,
            reason,
            now=station.now(),
            duration_minutes=duration,
            allow_overlap=allow_overlap,
            author=_author(),
        )
    click.echo(_("Moved {airing}.").format(airing=_line(airing, settings.station.timezone)))


@schedule_group.command(
    "start", help=_("Mark an airing on air now (default: the one planned now).")
)
@click.argument("broadcast", type=ID, required=False)
@home_option
@click.pass_context
def start_command(ctx: click.Context, broadcast: int | None) -> None:
    station = _station(ctx)
    zone = station.settings.station.timezone
    with station.unit_of_work() as session:
        result = start_broadcast(
            session, station.settings, broadcast, now=station.now(), author=_author()
        )
    if result.stopped is not None:
        click.echo(_("Stopped {airing}.").format(airing=_line(result.stopped, zone)))
    assert result.started.actual_start is not None
    click.echo(
        _("On air since {time}: {airing}.").format(
            time=format_time(result.started.actual_start, zone),
            airing=_line(result.started, zone),
        )
    )


@schedule_group.command("stop", help=_("Mark the end of an airing now (default: the one on air)."))
@click.argument("broadcast", type=ID, required=False)
@home_option
@click.pass_context
def stop_command(ctx: click.Context, broadcast: int | None) -> None:
    station = _station(ctx)
    zone = station.settings.station.timezone
    with station.unit_of_work() as session:
        airing = stop_broadcast(
            session, station.settings, broadcast, now=station.now(), author=_author()
        )
    assert airing.actual_end is not None
    click.echo(
        _("Off air at {time}: {airing} ({minutes} min aired).").format(
            time=format_time(airing.actual_end, zone),
            airing=_line(airing, zone),
            minutes=format_number(airing.aired_minutes or 0),
        )
    )


_NOTE_KINDS = {
    "cancelled": N_("cancelled"),
    "late": N_("late start"),
    "overrun": N_("overrun"),
    "not_logged": N_("not logged"),
}
_ACTIONS = {
    ChangeAction.SPECIAL: N_("special added"),
    ChangeAction.CANCEL: N_("cancelled"),
    ChangeAction.MOVE: N_("moved"),
    ChangeAction.REPLAN: N_("re-planned"),
    ChangeAction.START: N_("started"),
    ChangeAction.STOP: N_("stopped"),
}


@schedule_group.command("report", help=_("Planned against aired minutes per programme, a month."))
@click.option("--month", required=True, metavar="YYYY-MM", help=_("The month: 2026-11."))
@click.option(
    "--csv", "csv_file", type=click.Path(dir_okay=False), help=_("Also write a CSV file.")
)
@home_option
@json_option
@click.pass_context
def report_command(ctx: click.Context, month: str, csv_file: str | None, as_json: bool) -> None:
    station = _station(ctx)
    zone = station.settings.station.timezone
    first = parse_month(month)
    with station.unit_of_work() as session:
        report = month_report(session, station.settings, first, station.now())
    if csv_file:
        write_report_csv(report, Path(csv_file))
    if as_json:
        emit_json(report)
        return
    rows = [
        [
            p.show_title,
            str(p.airings),
            format_number(p.planned_minutes),
            format_number(p.aired_minutes),
            str(p.cancelled),
            str(p.late_starts),
            str(p.overruns),
            str(p.not_logged),
        ]
        for p in (*report.programmes, report.total)
    ]
    click.echo(
        table(
            rows,
            [
                _("Programme"),
                _("Airings"),
                _("Planned min"),
                _("Aired min"),
                _("Cancelled"),
                _("Late"),
                _("Overruns"),
                _("Not logged"),
            ],
        )
    )
    if report.notes:
        click.echo("")
    for note in report.notes:
        detail = note.reason or (
            _("{n} min").format(n=format_number(note.minutes)) if note.minutes else ""
        )
        click.echo(
            _("{kind}: {airing}").format(
                kind=_(_NOTE_KINDS[note.kind]), airing=_line(note.airing, zone)
            )
            + (f" — {detail}" if detail else "")
        )
    if csv_file:
        click.echo(_("Wrote {file}.").format(file=csv_file))


@schedule_group.command("ical", help=_("Write the grid as an iCalendar file (.ics)."))
@click.argument("file", type=click.Path(dir_okay=False))
@home_option
@click.pass_context
def ical_command(ctx: click.Context, file: str) -> None:
    station = _station(ctx)
    with station.unit_of_work() as session:
        result = write_ical(session, station.settings, Path(file), station.now())
    click.echo(
        _(
            "Wrote {file}: {series} recurring programmes, {overrides} moved airings, "
            "{singles} single airings, {exdates} exceptions."
        ).format(
            file=result.path,
            series=result.series,
            overrides=result.overrides,
            singles=result.singles,
            exdates=result.exdates,
        )
    )


@schedule_group.command("history", help=_("The history of one broadcast: who changed what, why."))
@click.argument("broadcast", type=ID)
@home_option
@json_option
@click.pass_context
def history_command(ctx: click.Context, broadcast: int, as_json: bool) -> None:
    station = _station(ctx)
    zone = station.settings.station.timezone
    from radiodesk.schedule import broadcast_summary

    with station.unit_of_work() as session:
        airing = broadcast_summary(session, broadcast)
        changes = broadcast_history(session, broadcast)
    if as_json:
        emit_json({"broadcast": airing, "changes": changes})
        return
    click.echo(_line(airing, zone))

    def when(moment: datetime | None) -> str:
        return format_datetime(moment, zone) if moment else ""

    click.echo(
        table(
            [
                [
                    when(c.at),
                    _(_ACTIONS[c.action]) if c.action in _ACTIONS else c.action,
                    f"{when(c.old_start)} → {when(c.new_start)}" if c.old_start else "",
                    f"{c.old_status or ''} → {c.new_status or ''}",
                    c.reason,
                    c.author,
                ]
                for c in changes
            ],
            [_("When"), _("Action"), _("Time"), _("Status"), _("Reason"), _("By")],
        )
    )


COMMANDS: list[click.Command] = [schedule_group]
