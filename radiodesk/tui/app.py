"""The desk application (built by issue 9)."""

from __future__ import annotations

from radiodesk.config import Settings


def run_desk(settings: Settings) -> None:
    """Until the desk exists: print this week's grid."""
    import click

    from radiodesk.i18n import _

    click.echo(
        _("{station}: the studio desk is not built yet.").format(station=settings.station.name)
    )
