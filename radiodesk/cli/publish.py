"""Commands of the publish job: ``publish``, ``serve`` and ``episodes …``."""

from __future__ import annotations

import sys
from typing import Any

import click

from radiodesk.cli.common import (
    EPISODE,
    StationContext,
    emit_json,
    home_option,
    json_option,
    pass_station,
    read_utf8,
    table,
)
from radiodesk.i18n import _, format_datetime, format_duration
from radiodesk.limits import MAX_ID
from radiodesk.models import EpisodeStatus, values_of


@click.command("publish", help=_("Write feeds, episode files and the public page into public/."))
@click.option(
    "--dry-run", is_flag=True, help=_("Only say what would be added, changed and withdrawn.")
)
@home_option
@json_option
@pass_station
def publish_command(station: StationContext, dry_run: bool, as_json: bool) -> None:
    from radiodesk.publish import plan_publish, publish

    settings = station.settings
    now = station.now()
    if dry_run:
        with station.unit_of_work() as session:
            plan = plan_publish(session, settings, now)
        if as_json:
            emit_json(plan)
            return
        for label, changes in (
            (_("Would add"), plan.added),
            (_("Would change"), plan.changed),
            (_("Would withdraw"), plan.withdrawn),
        ):
            for change in changes:
                click.echo(f"{label}: {change.id} {change.show_slug} {change.title}")
        for episode_id, reason in plan.held:
            click.echo(_("Held back: episode {id}: {reason}").format(id=episode_id, reason=reason))
        for slug in plan.no_feed_yet:
            click.echo(_("No feed yet: {show} (until its first public episode)").format(show=slug))
        click.echo(
            _(
                "{added} to add, {changed} to change, {withdrawn} to withdraw, "
                "{unchanged} unchanged, {drafts} new drafts."
            ).format(
                added=len(plan.added),
                changed=len(plan.changed),
                withdrawn=len(plan.withdrawn),
                unchanged=plan.unchanged,
                drafts=plan.drafts_to_create,
            )
        )
        return

    db_ready(station)
    result = publish(settings, now) if as_json else _publish_with_bar(settings, now)
    if as_json:
        emit_json(result)
    else:
        for episode_id, reason in result.held:
            click.echo(_("Held back: episode {id}: {reason}").format(id=episode_id, reason=reason))
        for problem in result.problems:
            click.echo(_("Problem: {problem}").format(problem=problem), err=True)
        click.echo(
            _(
                "Published {episodes} episodes in {feeds} feeds: {written} files written, "
                "{removed} removed, {unchanged} unchanged ({seconds:.2f} s)."
            ).format(
                episodes=result.episodes,
                feeds=len(result.feeds),
                written=len(result.written),
                removed=len(result.removed),
                unchanged=result.unchanged,
                seconds=result.seconds,
            )
        )
        for link in result.feeds:
            click.echo(f"  {link.url}")
    if result.problems:
        raise click.exceptions.Exit(1)


def _publish_with_bar(settings: Any, now: Any) -> Any:
    """Publish with a progress bar on standard error (the desk shows its own)."""
    from radiodesk.publish import publish

    with click.progressbar(length=1, label=_("Publishing"), file=sys.stderr) as bar:
        seen = [0]

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - seen[0])
            seen[0] = done

        return publish(settings, now, progress=progress)


def db_ready(station: StationContext) -> None:
    """Fail early, with one line, when the database is missing or behind."""
    from radiodesk import db

    db.ensure_ready(station.settings)


@click.command("serve", help=_("Serve public/ over HTTP for preview (GET, HEAD, ranges, ETag)."))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8100,
    show_default=True,
    help=_("Port to listen on."),
)
@click.option("--bind", default="127.0.0.1", show_default=True, help=_("Address to listen on."))
@home_option
@pass_station
def serve_command(station: StationContext, port: int, bind: str) -> None:
    from radiodesk.errors import InputError
    from radiodesk.publish.server import make_server

    settings = station.settings
    root = settings.public_dir
    if not root.is_dir():
        raise InputError(
            _("{folder} does not exist yet: run 'radiodesk publish' first.").format(folder=root)
        )
    try:
        server = make_server(root, bind, port, language=settings.station.language)
    except OSError as err:
        raise InputError(
            _("Cannot listen on {bind}:{port}: {reason}").format(
                bind=bind, port=port, reason=err.strerror
            )
        ) from None
    host, real_port = server.server_address[:2]
    click.echo(
        _("Serving {folder} at http://{host}:{port}/ (Ctrl+C to stop)").format(
            folder=root, host=host, port=real_port
        )
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo(_("Stopped."))
    finally:
        server.server_close()


@click.group(
    "episodes", help=_("Review podcast episodes: list, show, edit, publish, schedule, withdraw.")
)
def episodes_group() -> None:
    pass


def _row(summary: Any, zone: str) -> list[str]:
    when = summary.published_at or summary.publish_at or summary.aired
    return [
        str(summary.id),
        summary.status + (" !" if summary.blocked else ""),
        summary.show_slug,
        format_datetime(when, zone, weekday=False) if when else "",
        format_duration(summary.duration),
        summary.title if len(summary.title) <= 70 else summary.title[:69] + "…",
    ]


@episodes_group.command("list", help=_("List episodes, newest first."))
@click.option("--show", "show_slug", help=_("Only this programme (slug)."))
@click.option(
    "--status",
    type=click.Choice(values_of(EpisodeStatus)),
    help=_("Only episodes with this status."),
)
@click.option("--limit", type=click.IntRange(1, MAX_ID), default=None, help=_("At most this many."))
@home_option
@json_option
@pass_station
def episodes_list(
    station: StationContext,
    show_slug: str | None,
    status: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    from radiodesk.publish import list_episodes

    with station.unit_of_work() as session:
        rows = list_episodes(session, station.settings, show=show_slug, status=status, limit=limit)
    if as_json:
        emit_json(rows)
        return
    zone = station.settings.station.timezone
    click.echo(
        table(
            [_row(r, zone) for r in rows],
            [_("Id"), _("Status"), _("Programme"), _("Date"), _("Length"), _("Title")],
        )
    )


def _print_detail(detail: Any, zone: str) -> None:
    s = detail.summary
    click.echo(f"{s.id}  {s.title}")
    click.echo(_("Programme: {show}").format(show=s.show_title))
    click.echo(_("Status: {status}").format(status=s.status))
    click.echo(_("Guid: {guid}").format(guid=s.guid))
    if s.aired:
        click.echo(_("On air: {when}").format(when=format_datetime(s.aired, zone)))
    if s.publish_at:
        click.echo(_("Publish at: {when}").format(when=format_datetime(s.publish_at, zone)))
    if s.published_at:
        click.echo(_("Published: {when}").format(when=format_datetime(s.published_at, zone)))
    click.echo(_("Length: {length}").format(length=format_duration(s.duration)))
    if s.season or s.number:
        click.echo(
            _("Season {season}, episode {number}").format(
                season=s.season or "-", number=s.number or "-"
            )
        )
    for reason in s.blocked:
        click.echo(_("Cannot be published: {reason}").format(reason=reason))
    click.echo("")
    click.echo(detail.description)
    if detail.chapters:
        click.echo("")
        click.echo(_("Chapters:"))
        for chapter in detail.chapters:
            click.echo(f"  {format_duration(chapter.start)}  {chapter.title}")


@episodes_group.command("show", help=_("Show one episode (id or guid)."))
@click.argument("episode", type=EPISODE)
@home_option
@json_option
@pass_station
def episodes_show(station: StationContext, episode: int | str, as_json: bool) -> None:
    from radiodesk.publish import episode_detail

    with station.unit_of_work() as session:
        detail = episode_detail(session, station.settings, episode)
    if as_json:
        emit_json(detail)
        return
    _print_detail(detail, station.settings.station.timezone)


@episodes_group.command("edit", help=_("Edit an episode's title, description, season or number."))
@click.argument("episode", type=EPISODE)
@click.option("--title", help=_("New title."))
@click.option("--description", help=_("New description (plain text)."))
@click.option(
    "--description-file",
    type=click.File("rb"),
    help=_("Read the new description from this file ('-' for standard input)."),
)
@click.option("--season", type=int, help=_("Season number (0 clears it)."))
@click.option("--number", type=int, help=_("Episode number (0 clears it)."))
@click.option(
    "--redraft", is_flag=True, help=_("Draft title and description again from the broadcast.")
)
@home_option
@pass_station
def episodes_edit(
    station: StationContext,
    episode: int | str,
    title: str | None,
    description: str | None,
    description_file: Any,
    season: int | None,
    number: int | None,
    redraft: bool,
) -> None:
    from radiodesk.publish import UNSET, edit_episode

    if description is not None and description_file is not None:
        raise click.UsageError(_("Give --description or --description-file, not both."))
    if description_file is not None:
        description = read_utf8(description_file)
    with station.unit_of_work() as session:
        detail = edit_episode(
            session,
            station.settings,
            episode,
            now=station.now(),
            title=title,
            description=description,
            season=UNSET if season is None else season,
            number=UNSET if number is None else number,
            redraft=redraft,
        )
    click.echo(
        _("Episode {id} saved: {title}").format(id=detail.summary.id, title=detail.summary.title)
    )


@episodes_group.command(
    "publish", help=_("Publish an episode now (it appears at the next 'radiodesk publish').")
)
@click.argument("episode", type=EPISODE)
@home_option
@pass_station
def episodes_publish(station: StationContext, episode: int | str) -> None:
    from radiodesk.publish import publish_episode

    with station.unit_of_work() as session:
        detail = publish_episode(session, station.settings, episode, now=station.now())
    click.echo(
        _("Episode {id} is published: {title}").format(
            id=detail.summary.id, title=detail.summary.title
        )
    )


@episodes_group.command(
    "schedule", help=_("Schedule an episode for publication at a station time.")
)
@click.argument("episode", type=EPISODE)
@click.option("--at", "at_text", required=True, help=_("When, in station time: 2026-11-30 10:00."))
@home_option
@pass_station
def episodes_schedule(station: StationContext, episode: int | str, at_text: str) -> None:
    from radiodesk.publish import schedule_episode
    from radiodesk.timeinput import parse_local_datetime

    settings = station.settings
    at = parse_local_datetime(at_text, settings.zone, "--at")
    with station.unit_of_work() as session:
        detail = schedule_episode(session, settings, episode, at=at, now=station.now())
    click.echo(
        _("Episode {id} will be published at {when}.").format(
            id=detail.summary.id, when=format_datetime(at, settings.station.timezone)
        )
    )


@episodes_group.command(
    "withdraw", help=_("Withdraw an episode: its file and item go at the next publish.")
)
@click.argument("episode", type=EPISODE)
@home_option
@pass_station
def episodes_withdraw(station: StationContext, episode: int | str) -> None:
    from radiodesk.publish import withdraw_episode

    with station.unit_of_work() as session:
        detail = withdraw_episode(session, station.settings, episode, now=station.now())
    click.echo(
        _("Episode {id} is withdrawn; run 'radiodesk publish' to remove it from public/.").format(
            id=detail.summary.id
        )
    )


COMMANDS: list[click.Command] = [publish_command, serve_command, episodes_group]
