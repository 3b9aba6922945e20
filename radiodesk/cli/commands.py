"""The ``radiodesk`` command group. Each job's commands live in a module of their own."""

from __future__ import annotations

import click

from radiodesk import __version__
from radiodesk.cli import (
    archive,
    followups,
    interviews,
    livelog,
    logger,
    publish,
    schedule,
    search,
    station,
    transcribe,
)
from radiodesk.cli.common import StationContext, refuse_text_that_is_not_utf8
from radiodesk.i18n import _


@click.group(
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=_(
        "radiodesk: the studio desk of a public-service radio station.\n\n"
        "Without a command, opens the studio desk on the station home."
    ),
)
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    help=_("Station home folder (default: RADIODESK_HOME, else the current folder)."),
)
@click.option("--lang", type=click.Choice(["id", "en"]), help=_("Language of messages."))
@click.version_option(__version__, prog_name="radiodesk", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, home: str | None, lang: str | None) -> None:
    station = ctx.ensure_object(StationContext)
    if home:
        station.home = home
    if ctx.invoked_subcommand is None:
        station_desk(station)


def station_desk(station: StationContext) -> None:
    """Open the desk (or, where the desk cannot run, print the week's grid)."""
    from radiodesk.cli.station import open_desk

    open_desk(station)


for module in (
    station,
    schedule,
    interviews,
    livelog,
    followups,
    archive,
    search,
    publish,
    logger,
    transcribe,
):
    for command in module.COMMANDS:
        cli.add_command(command)

refuse_text_that_is_not_utf8(cli)
