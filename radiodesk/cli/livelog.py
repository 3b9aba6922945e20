"""Commands of the live log: ``log`` (``followups`` is in followups.py).

Each command parses its input, calls one service of :mod:`radiodesk.interviews` in one unit of
work (so every log entry is committed the moment it is entered) and prints the result.
"""

from __future__ import annotations

import click

from radiodesk.agencies import load_agencies
from radiodesk.cli.common import (
    BROADCAST,
    ID,
    StationContext,
    emit_json,
    home_option,
    json_option,
    operator_option,
    pass_station,
    table,
)
from radiodesk.cli.interviews import BROADCAST_STATUS_LABELS
from radiodesk.cli.search import KIND_LABELS
from radiodesk.i18n import _, format_datetime, format_time
from radiodesk.interviews import (
    BroadcastLog,
    LogLine,
    add_entry,
    broadcast_log,
    command_client_ids,
    delete_entry,
    edit_entry,
    entry_history,
    new_client_id,
    operator_name,
    restore_entry,
)
from radiodesk.interviews.followups import STATUS_LABELS
from radiodesk.models import LogKind

# --- log ------------------------------------------------------------------------------------


class LogGroup(click.Group):
    """``radiodesk log BROADCAST TEXT`` appends an entry; ``log show|edit|history|…`` do the
    rest. Anything that is not a sub-command name goes to ``log add``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        i = 0
        while i < len(args) and (args[i] == "--home" or args[i].startswith("--home=")):
            i += 2 if args[i] == "--home" else 1
        if i < len(args) and args[i] not in self.commands and args[i] not in ctx.help_option_names:
            args = [*args[:i], "add", *args[i:]]
        return super().parse_args(ctx, args)


@click.group(
    "log",
    cls=LogGroup,
    help=_(
        "The live log. 'radiodesk log BROADCAST TEXT' appends an entry (BROADCAST: an id or "
        "'now'); 'log show BROADCAST' prints the log."
    ),
)
@home_option
def log_group() -> None:
    pass


def _print_line(line: LogLine, zone: str) -> str:
    mark = "*" if line.edited else ""
    parts = [line.text]
    if line.followup_status is not None:
        who = ", ".join(
            p for p in (line.private.caller_name, line.caller_location, line.channel or "") if p
        )
        if who:
            parts.append(f"[{who}]")
        parts.append(
            "→ {agency} ({status})".format(
                agency=line.agency or "-", status=_(STATUS_LABELS[line.followup_status])
            )
        )
    return "  ".join(
        [
            f"#{line.id}{mark}".ljust(7),
            format_time(line.at, zone),
            _(KIND_LABELS.get(line.kind, line.kind)).ljust(12),
            " ".join(parts),
        ]
    )


@log_group.command("add", help=_("Append an entry to a broadcast's log (committed at once)."))
@click.argument("broadcast", type=BROADCAST)
@click.argument("text")
@click.option(
    "--kind", default=LogKind.NOTE, help=_("segment, note, question, complaint, music, …")
)
@click.option("--at", "at", help=_("Time: HH:MM on the broadcast's day, or ISO date and time."))
@operator_option
@click.option("--caller", default="", help=_("The caller's name (private)."))
@click.option("--from", "location", default="", help=_("Where the caller is (kecamatan/desa)."))
@click.option("--channel", default=None, help=_("phone, sms, whatsapp, studio, social, letter."))
@click.option("--agency", default=None, help=_("The agency it is passed to."))
@click.option(
    "--client-id",
    default=None,
    help=_("Your id for this entry: the same id sent again is the same entry (for scripts)."),
)
@click.option(
    "--again",
    is_flag=True,
    help=_("Log it even if the same command was logged in the last 10 minutes."),
)
@home_option
@json_option
@pass_station
def log_add(
    station: StationContext,
    broadcast: int | str,
    text: str,
    kind: str,
    at: str | None,
    author: str | None,
    caller: str,
    location: str,
    channel: str | None,
    agency: str | None,
    client_id: str | None,
    again: bool,
    as_json: bool,
) -> None:
    author = operator_name() if author is None else author
    same_as: tuple[str, ...] = ()
    if client_id is None and again:
        client_id = new_client_id()
    elif client_id is None:
        # Made from what the command says: run again after a crash, it is the same entry.
        parts = [str(broadcast), kind, " ".join(text.split()), author, at or "", caller]
        parts += [location, channel or "", agency or ""]
        client_id, same_as = command_client_ids(parts, station.now())
    agencies = load_agencies(station.settings.home)
    with station.unit_of_work() as session:
        line = add_entry(
            session,
            broadcast,
            text,
            kind,
            at,
            author,
            now=station.now(),
            zone=station.settings.zone,
            caller_name=caller,
            caller_location=location,
            channel=channel,
            agency=agency,
            agencies=agencies,
            client_id=client_id,
            same_as=same_as,
        )
    if as_json:
        emit_json(line)
        return
    if line.repeated:
        click.echo(
            _(
                "Already logged as #{id} at {time} in broadcast {broadcast}: not stored twice "
                "(--again logs the same words once more)."
            ).format(
                id=line.id,
                time=format_time(line.at, station.settings.station.timezone),
                broadcast=line.broadcast_id,
            )
        )
        return
    click.echo(
        _("Logged #{id} at {time} in broadcast {broadcast} ({kind}).").format(
            id=line.id,
            time=format_time(line.at, station.settings.station.timezone),
            broadcast=line.broadcast_id,
            kind=_(KIND_LABELS.get(line.kind, line.kind)),
        )
    )


@log_group.command(
    "show", help=_("Print a broadcast's log in time order (BROADCAST: id or 'now').")
)
@click.argument("broadcast", type=BROADCAST)
@click.option("--deleted", is_flag=True, help=_("Include deleted entries."))
@home_option
@json_option
@pass_station
def log_show(station: StationContext, broadcast: int | str, deleted: bool, as_json: bool) -> None:
    with station.unit_of_work() as session:
        log: BroadcastLog = broadcast_log(
            session, broadcast, now=station.now(), include_deleted=deleted
        )
    if as_json:
        emit_json(log)
        return
    zone = station.settings.station.timezone
    click.echo(
        _("Broadcast {id}: {show}, {start} ({status})").format(
            id=log.broadcast_id,
            show=log.show_title,
            start=format_datetime(log.planned_start, zone),
            status=_(BROADCAST_STATUS_LABELS.get(log.status, log.status)),
        )
    )
    for appearance in log.appearances:
        click.echo(
            "  {role}: {name}{topic}".format(
                role=appearance.role,
                name=appearance.person_name,
                topic=f" — {appearance.topic}" if appearance.topic else "",
            )
        )
    if not log.entries:
        click.echo(_("The log is empty."))
    for line in log.entries:
        prefix = _("(deleted) ") if line.deleted else ""
        click.echo(prefix + _print_line(line, zone))


@log_group.command("edit", help=_("Change an entry; the old text is kept in its history."))
@click.argument("entry_id", type=ID)
@click.argument("text", required=False)
@click.option("--kind", default=None, help=_("A new kind."))
@click.option("--at", "at", default=None, help=_("A new time (HH:MM or ISO)."))
@operator_option
@click.option("--caller", default=None, help=_("The caller's name (private)."))
@click.option("--from", "location", default=None, help=_("Where the caller is."))
@click.option("--channel", default=None, help=_("How they reached the studio."))
@home_option
@json_option
@pass_station
def log_edit(
    station: StationContext,
    entry_id: int,
    text: str | None,
    kind: str | None,
    at: str | None,
    author: str | None,
    caller: str | None,
    location: str | None,
    channel: str | None,
    as_json: bool,
) -> None:
    with station.unit_of_work() as session:
        line = edit_entry(
            session,
            entry_id,
            now=station.now(),
            author=operator_name() if author is None else author,
            text=text,
            kind=kind,
            at=at,
            zone=station.settings.zone,
            caller_name=caller,
            caller_location=location,
            channel=channel,
        )
    if as_json:
        emit_json(line)
        return
    click.echo(_("Entry #{id} saved.").format(id=line.id))


@log_group.command("delete", help=_("Delete an entry (it stays in the history)."))
@click.argument("entry_id", type=ID)
@operator_option
@home_option
@pass_station
def log_delete(station: StationContext, entry_id: int, author: str | None) -> None:
    with station.unit_of_work() as session:
        line = delete_entry(session, entry_id, now=station.now(), author=author or operator_name())
    click.echo(_("Entry #{id} deleted.").format(id=line.id))


@log_group.command("restore", help=_("Bring back a deleted entry."))
@click.argument("entry_id", type=ID)
@operator_option
@home_option
@pass_station
def log_restore(station: StationContext, entry_id: int, author: str | None) -> None:
    with station.unit_of_work() as session:
        line = restore_entry(session, entry_id, now=station.now(), author=author or operator_name())
    click.echo(_("Entry #{id} restored.").format(id=line.id))


@log_group.command("history", help=_("Every earlier state of an entry, oldest first."))
@click.argument("entry_id", type=ID)
@home_option
@json_option
@pass_station
def log_history(station: StationContext, entry_id: int, as_json: bool) -> None:
    with station.unit_of_work() as session:
        history = entry_history(session, entry_id)
    if as_json:
        emit_json(history)
        return
    zone = station.settings.station.timezone
    click.echo(_("Now: {line}").format(line=_print_line(history.entry, zone)))
    if not history.revisions:
        click.echo(_("Never changed."))
        return
    click.echo(
        table(
            [
                [
                    format_datetime(r.at, zone, weekday=False),
                    r.author,
                    r.action,
                    format_time(r.old_at, zone),
                    r.old_kind,
                    r.old_followup_status or "",
                    r.old_text,
                ]
                for r in history.revisions
            ],
            [
                _("Changed"),
                _("By"),
                _("Action"),
                _("Old time"),
                _("Old kind"),
                _("Old status"),
                _("Old text"),
            ],
        )
    )


COMMANDS: list[click.Command] = [log_group]
