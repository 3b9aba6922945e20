"""``radiodesk search``: search the archive, with filters; ``--rebuild`` the index."""

from __future__ import annotations

from datetime import date

import click

from radiodesk.cli.common import (
    StationContext,
    check_range,
    emit_json,
    home_option,
    json_option,
    pass_station,
)
from radiodesk.i18n import N_, _
from radiodesk.limits import MAX_ID
from radiodesk.models import AccessClass, FollowupStatus, LogKind, values_of
from radiodesk.search import KINDS, SearchFilters, SearchPage, mark, rebuild_index, search
from radiodesk.search.service import MAX_LIMIT
from radiodesk.timeinput import parse_day

KIND_LABELS = {
    "programme": N_("programme"),
    "broadcast": N_("broadcast"),
    "person": N_("guest"),
    "episode": N_("episode"),
    "transcript": N_("transcript"),
    LogKind.SEGMENT: N_("segment"),
    LogKind.NOTE: N_("note"),
    LogKind.QUESTION: N_("question"),
    LogKind.COMPLAINT: N_("complaint"),
    LogKind.MUSIC: N_("music"),
    LogKind.ANNOUNCEMENT: N_("announcement"),
    LogKind.PSA: N_("public service announcement"),
    LogKind.AD: N_("advertisement"),
}

HELP = N_(
    "Search the archive: programmes, broadcasts, guests, the live log with listeners' "
    "questions and complaints, episodes and transcripts.\n\n"
    "All words must match; Indonesian affixes are understood (wawancara finds "
    'diwawancarai). "quoted words" are a phrase, pelay* a prefix, banjir OR longsor either, '
    "-longsor (or NOT longsor) leaves out. Short forms are understood both ways (kadis, "
    "RSUD, PUPR …; add your own in abbreviations.toml in the station's home), and a word "
    "that matches nothing is searched as the nearest known word. Put -- before a query "
    "that starts with '-'.\n\nWith filters and no words: the broadcasts the filters "
    "leave, newest first.\n\n"
    "Exit status: 0 with or without matches; 1 when the query has nothing to search for or "
    "a filter names nothing known; 2 for wrong options."
)


def _day(value: str | None, option: str) -> date | None:
    return parse_day(value, option) if value else None


@click.command("search", help=_(HELP))
@click.argument("query", nargs=-1)
@click.option(
    "--show",
    "shows",
    multiple=True,
    metavar="PROGRAMME",
    help=_("Only this programme (its short name or words of its title)."),
)
@click.option(
    "--person",
    metavar="NAME",
    help=_("Only broadcasts where this person appeared (name, position or institution)."),
)
@click.option(
    "--institution", metavar="NAME", help=_("Only broadcasts with a guest from this institution.")
)
@click.option(
    "--from",
    "date_from",
    metavar="YYYY-MM-DD",
    help=_("From this day (YYYY-MM-DD, station time)."),
)
@click.option(
    "--to",
    "date_to",
    metavar="YYYY-MM-DD",
    help=_("Up to and including this day (YYYY-MM-DD, station time)."),
)
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help=_("Only this kind of match (log = every live-log entry)."),
)
@click.option(
    "--agency", metavar="NAME", help=_("Only broadcasts with a call passed to this agency.")
)
@click.option(
    "--status",
    "followup",
    type=click.Choice(values_of(FollowupStatus)),
    help=_("Only broadcasts with a call at this follow-up status."),
)
@click.option("--has-audio", is_flag=True, help=_("Only broadcasts with a recording."))
@click.option(
    "--access", type=click.Choice(values_of(AccessClass)), help=_("Only open or exempt broadcasts.")
)
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_LIMIT),
    default=20,
    show_default=True,
    help=_("How many matches to show."),
)
@click.option(
    "--offset",
    type=click.IntRange(0, MAX_ID),
    default=0,
    help=_("Skip this many matches (next pages)."),
)
@click.option("--rebuild", is_flag=True, help=_("Build the search index again from the data."))
@home_option
@json_option
@pass_station
def search_command(
    station: StationContext,
    query: tuple[str, ...],
    shows: tuple[str, ...],
    person: str | None,
    institution: str | None,
    date_from: str | None,
    date_to: str | None,
    kinds: tuple[str, ...],
    has_audio: bool,
    access: str | None,
    agency: str | None,
    followup: str | None,
    limit: int,
    offset: int,
    rebuild: bool,
    as_json: bool,
) -> None:
    first, last = _day(date_from, "--from"), _day(date_to, "--to")
    check_range(first, last)
    if rebuild:
        with station.unit_of_work() as session:
            report = rebuild_index(session, station.settings)
        if as_json and not query:
            emit_json(report)
        elif not as_json:
            click.echo(
                _("Search index rebuilt: {count} documents in {seconds} s.").format(
                    count=report.documents, seconds=report.seconds
                )
            )
        if not query:
            return
    filters = SearchFilters(
        shows=shows,
        person=person,
        institution=institution,
        date_from=first,
        date_to=last,
        kinds=kinds,
        has_audio=has_audio,
        access=access,
        agency=agency,
        followup=followup,
    )
    with station.unit_of_work() as session:
        page = search(session, station.settings, " ".join(query), filters, limit, offset)
    if as_json:
        emit_json(page)
        return
    _print_page(page)


def _print_page(page: SearchPage) -> None:
    if page.notice:
        click.echo(page.notice)
    if not page.hits:
        click.echo(_("No matches."))
        return
    for number, hit in enumerate(page.hits, start=page.offset + 1):
        heading = [_(KIND_LABELS.get(hit.kind, hit.kind))]
        if hit.show_title:
            heading.append(hit.show_title)
        if hit.when:
            heading.append(hit.when)
        click.echo(f"{number}. " + " · ".join(heading))
        if hit.title and hit.kind in ("person", "episode", "transcript"):
            click.echo("   " + hit.title)
        click.echo("   " + mark(hit.snippet, hit.highlights))
        if hit.speakers:
            names = "; ".join(
                ", ".join(p for p in (s.name, s.position, s.institution) if p) for s in hit.speakers
            )
            click.echo("   " + _("Who: {names}").format(names=names))
        if hit.recording_id is not None and hit.offset is not None:
            click.echo(
                "   "
                + _("Heard at {offset} in recording {recording}.").format(
                    offset=hit.offset, recording=hit.recording_id
                )
            )
        elif hit.recording_id is not None:
            click.echo("   " + _("Recording {recording}.").format(recording=hit.recording_id))
    if page.has_more:
        click.echo(
            _("More matches: add --offset {offset}.").format(offset=page.offset + page.limit)
        )


COMMANDS: list[click.Command] = [search_command]
