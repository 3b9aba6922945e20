"""Commands of the follow-ups: ``followups`` lists, shows, moves and counts listeners'
questions and complaints; agencies come from the station's list (:mod:`radiodesk.agencies`).

Each command parses its input, calls one service of :mod:`radiodesk.interviews` in one unit of
work and prints the result.
"""

from __future__ import annotations

import csv
from pathlib import Path

import click

from radiodesk.agencies import load_agencies
from radiodesk.cli.choices import ChoiceOf
from radiodesk.cli.common import (
    ID,
    StationContext,
    emit_json,
    fields,
    home_option,
    json_option,
    operator_option,
    pass_station,
    table,
)
from radiodesk.cli.search import KIND_LABELS
from radiodesk.i18n import _, format_datetime
from radiodesk.interviews import (
    FollowUp,
    FollowUpDetail,
    followup_detail,
    history_line,
    list_followups,
    monthly_report,
    operator_name,
    set_followup,
)
from radiodesk.interviews.followups import STATUS_LABELS, steps

# --- follow-ups -----------------------------------------------------------------------------


def _print_followup(item: FollowUp, zone: str) -> str:
    where = ", ".join(p for p in (item.private.caller_name, item.caller_location) if p)
    return "  #{id}  {when}  {kind}  {status}  {where}  {text}".format(
        id=item.entry_id,
        when=format_datetime(item.at, zone, weekday=False),
        kind=_(KIND_LABELS.get(item.kind, item.kind)),
        status=_(STATUS_LABELS[item.status]),
        where=f"[{where}]" if where else "",
        text=item.text,
    )


@click.group(
    "followups",
    invoke_without_command=True,
    help=_("Listeners' questions and complaints not closed yet, by agency."),
)
@click.option(
    "--agency",
    default=None,
    help=_(
        "Only this agency (part of its name, or any name in the [[agency]] list of radiodesk.toml)."
    ),
)
@click.option(
    "--status",
    default=None,
    type=ChoiceOf(STATUS_LABELS),
    help=_("Only this status: open, forwarded, answered, closed."),
)
@home_option
@json_option
@pass_station
@click.pass_context
def followups_group(
    ctx: click.Context,
    station: StationContext,
    agency: str | None,
    status: str | None,
    as_json: bool,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    agencies = load_agencies(station.settings.home)
    with station.unit_of_work() as session:
        groups = list_followups(session, agency=agency, status=status, agencies=agencies)
    if as_json:
        emit_json(groups)
        return
    if not groups:
        click.echo(_("No follow-ups."))
        return
    zone = station.settings.station.timezone
    for group in groups:
        click.echo(
            _("{agency} ({count})").format(
                agency=group.agency or _("Not passed to an agency yet"), count=len(group.items)
            )
        )
        for item in group.items:
            click.echo(_print_followup(item, zone))


@followups_group.command("set", help=_("Move a question or complaint to STATUS."))
@click.argument("entry_id", type=ID)
@click.argument("status", type=ChoiceOf(STATUS_LABELS))
@click.option("--answer", default=None, help=_("The agency's answer."))
@click.option("--agency", default=None, help=_("The agency it is passed to."))
@operator_option
@home_option
@json_option
@pass_station
def followups_set(
    station: StationContext,
    entry_id: int,
    status: str,
    answer: str | None,
    agency: str | None,
    author: str | None,
    as_json: bool,
) -> None:
    agencies = load_agencies(station.settings.home)
    with station.unit_of_work() as session:
        item = set_followup(
            session,
            entry_id,
            status,
            now=station.now(),
            answer=answer,
            agency=agency,
            author=operator_name() if author is None else author,
            agencies=agencies,
        )
    if as_json:
        emit_json(item)
        return
    click.echo(
        _("#{id} is {status} ({agency}).").format(
            id=item.entry_id, status=_(STATUS_LABELS[item.status]), agency=item.agency or "-"
        )
    )


def _print_detail(detail: FollowUpDetail, zone: str) -> None:
    item = detail.item
    rows = [
        (_("Broadcast"), f"{item.broadcast_id} · {item.show_title}"),
        (_("When"), format_datetime(item.at, zone)),
        (_("Kind"), _(KIND_LABELS.get(item.kind, item.kind))),
        (_("Said"), item.text),
        (_("Caller (private)"), item.private.caller_name),
        (_("Calling from"), item.caller_location),
        (_("Channel"), item.channel or ""),
        (_("Agency"), item.agency),
        (_("Status"), _(STATUS_LABELS[item.status])),
        *((_(STATUS_LABELS[status]), format_datetime(at, zone)) for status, at in steps(item)),
        (_("Answer"), item.answer),
        (_("Logged by"), detail.author),
    ]
    click.echo(_("Follow-up #{id}").format(id=item.entry_id))
    click.echo(fields(rows))
    for revision in detail.revisions:
        click.echo("  " + history_line(revision, zone))


@followups_group.command(
    "show", help=_("Show one question or complaint in full: caller, agency, history, answer.")
)
@click.argument("entry_id", type=ID)
@home_option
@json_option
@pass_station
def followups_show(station: StationContext, entry_id: int, as_json: bool) -> None:
    with station.unit_of_work() as session:
        detail = followup_detail(session, entry_id)
    if as_json:
        emit_json(detail)
        return
    _print_detail(detail, station.settings.station.timezone)


@followups_group.command(
    "agencies",
    help=_("List the station's agencies ([[agency]] in radiodesk.toml) and their other names."),
)
@home_option
@json_option
@pass_station
def followups_agencies(station: StationContext, as_json: bool) -> None:
    agencies = load_agencies(station.settings.home).agencies
    if as_json:
        emit_json(list(agencies))
        return
    if not agencies:
        click.echo(
            _(
                "No agencies listed: write them as [[agency]] tables in the station's radiodesk.toml."
            )
        )
        return
    click.echo(
        table(
            [[a.name, a.full_name, ", ".join(a.aliases)] for a in agencies],
            [_("Agency"), _("Full name"), _("Also called")],
        )
    )


@followups_group.command("report", help=_("Count a month's questions and complaints by agency."))
@click.option("--month", required=True, help=_("The month, YYYY-MM."))
@click.option("--csv", "csv_file", type=click.Path(dir_okay=False), help=_("Also write CSV here."))
@home_option
@json_option
@pass_station
def followups_report(
    station: StationContext, month: str, csv_file: str | None, as_json: bool
) -> None:
    agencies = load_agencies(station.settings.home)
    with station.unit_of_work() as session:
        report = monthly_report(session, month, station.settings.zone, agencies=agencies)
    rows = report.table_rows()
    if csv_file:
        with Path(csv_file).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    if as_json:
        emit_json(report)
        return
    headings = [_("Agency"), *(_(STATUS_LABELS[s]) for s in STATUS_LABELS), _("Total")]
    body = [[str(c) if c != "" else _("(no agency)") for c in row] for row in rows[1:]]
    click.echo(_("Questions and complaints, {month}").format(month=report.month))
    click.echo(table(body, headings))
    if csv_file:
        click.echo(_("Wrote {file}.").format(file=csv_file))


COMMANDS: list[click.Command] = [followups_group]
