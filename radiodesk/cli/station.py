"""Station commands: init, shows sync, demo; and opening the desk."""

from __future__ import annotations

from typing import Any

import click

from radiodesk import db
from radiodesk.cli.common import StationContext, emit_json, home_option, json_option, pass_station
from radiodesk.i18n import _


@click.command("init", help=_("Create or upgrade a station home and its database."))
@click.argument("directory", required=False, type=click.Path(file_okay=False))
@pass_station
def init_command(station: StationContext, directory: str | None) -> None:
    from radiodesk.home import init_home

    result = init_home(directory or station.home)
    if result.created_settings:
        click.echo(_("Created {file}.").format(file=result.home / "radiodesk.toml"))
    if result.revision_before is None:
        click.echo(_("Database created at {url}.").format(url=result.database_url))
    elif result.revision_before != result.revision_after:
        click.echo(
            _("Database upgraded ({old} → {new}).").format(
                old=result.revision_before, new=result.revision_after
            )
        )
    else:
        click.echo(_("Database is up to date ({url}).").format(url=result.database_url))
    click.echo(_("Station home ready: {home}").format(home=result.home))


@click.group("shows", help=_("Programmes: load shows/*.toml into the database."))
def shows_group() -> None:
    pass


@shows_group.command("sync", help=_("Load shows/*.toml into the database (safe to repeat)."))
@home_option
@json_option
@pass_station
def shows_sync(station: StationContext, as_json: bool) -> None:
    from radiodesk.shows import sync_shows

    with station.unit_of_work() as session:
        report = sync_shows(session, station.settings)
    if as_json:
        emit_json(report)
        return
    click.echo(
        _(
            "Programmes: {added} added, {updated} updated, {unchanged} unchanged, {retired} retired."
        ).format(
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            retired=len(report.retired),
        )
    )


@shows_group.command("list", help=_("List the programmes."))
@home_option
@json_option
@pass_station
def shows_list(station: StationContext, as_json: bool) -> None:
    from sqlalchemy import select

    from radiodesk.cli.common import table
    from radiodesk.models import Show

    with station.unit_of_work() as session:
        rows: list[dict[str, Any]] = [
            {
                "slug": s.slug,
                "title": s.title,
                "hosts": list(s.hosts),
                "podcast": s.podcast,
                "live": s.live,
                "active": s.active,
            }
            for s in session.scalars(select(Show).order_by(Show.slug))
        ]
    if as_json:
        emit_json(rows)
        return
    click.echo(
        table(
            [
                [
                    r["slug"],
                    r["title"],
                    ", ".join(r["hosts"]),
                    _("yes") if r["podcast"] else _("no"),
                ]
                for r in rows
                if r["active"]
            ],
            [_("Slug"), _("Title"), _("Hosts"), _("Podcast")],
        )
    )


@click.command("demo", help=_("Fill the demo station with generated broadcasts, guests and audio."))
@click.option(
    "--if-empty", is_flag=True, help=_("Do nothing when the station already has broadcasts.")
)
@home_option
@pass_station
def demo_command(station: StationContext, if_empty: bool) -> None:
    from radiodesk.demo import is_empty, run_demo

    settings = station.settings
    db.ensure_ready(settings)
    if if_empty and not is_empty(settings):
        click.echo(_("The demo station already has broadcasts; nothing to do."))
        return
    for line in run_demo(settings, station.now()):
        click.echo(line)


def open_desk(station: StationContext) -> None:
    """Open the studio desk on the station home."""
    settings = station.settings
    db.ensure_ready(settings)
    from radiodesk.tui.app import run_desk

    run_desk(settings)


COMMANDS: list[click.Command] = [init_command, shows_group, demo_command]
