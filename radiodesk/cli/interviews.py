"""Commands of the interviews job: ``guests``, ``log`` and ``followups``.

Each command parses its input, calls one service of :mod:`radiodesk.interviews` in one unit of
work (so every log entry is committed the moment it is entered) and prints the result.
"""

from __future__ import annotations

import csv
import getpass
from pathlib import Path
from typing import Any

import click

from radiodesk.cli.common import (
    StationContext,
    emit_json,
    home_option,
    json_option,
    pass_station,
    table,
)
from radiodesk.i18n import N_, _, format_datetime, format_time
from radiodesk.interviews import (
    AppearanceLine,
    BroadcastLog,
    FollowUp,
    LogLine,
    PersonCard,
    add_appearance,
    add_entry,
    add_person,
    broadcast_log,
    delete_entry,
    edit_entry,
    edit_person,
    entry_history,
    find_people,
    get_person,
    list_followups,
    merge_people,
    monthly_report,
    remove_appearance,
    restore_entry,
    set_followup,
)

CONSENT_LABELS = {"unknown": N_("unknown"), "given": N_("given"), "refused": N_("refused")}
BROADCAST_STATUS_LABELS = {
    "planned": N_("planned"),
    "on_air": N_("on air"),
    "aired": N_("aired"),
    "cancelled": N_("cancelled"),
}
STATUS_LABELS = {
    "open": N_("open"),
    "forwarded": N_("forwarded"),
    "answered": N_("answered"),
    "closed": N_("closed"),
}


def default_author() -> str:
    """Who is typing: the login name of the studio PC's user."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


# --- guests ---------------------------------------------------------------------------------


@click.group("guests", help=_("The directory of guests: add, list, show, edit, merge, appear."))
def guests_group() -> None:
    pass


def _person_options(func: Any) -> Any:
    for option in reversed(
        [
            click.option("--honorific", help=_("Title before the name, e.g. dr., Ir., H.")),
            click.option("--position", help=_("Position (jabatan), e.g. Kepala Dinas.")),
            click.option("--institution", help=_("Institution (instansi), e.g. Dinas Kesehatan.")),
            click.option("--phone", help=_("Phone number (private).")),
            click.option("--email", help=_("E-mail address (private).")),
            click.option("--consent", help=_("Consent to publication: given, refused or unknown.")),
            click.option(
                "--publish-position/--no-publish-position",
                default=None,
                help=_("Whether position and institution may be published."),
            ),
            click.option(
                "--publish-name/--no-publish-name",
                default=None,
                help=_("Whether the name may be published."),
            ),
            click.option("--notes", help=_("Notes for the studio (private).")),
        ]
    ):
        func = option(func)
    return func


def _print_person(card: PersonCard, zone: str) -> None:
    click.echo(_("Person {id}: {name}").format(id=card.id, name=card.display_name))
    if card.merged_into_id is not None:
        click.echo(_("Merged into person {id}.").format(id=card.merged_into_id))
    rows = [
        (_("Position"), card.position),
        (_("Institution"), card.institution),
        (
            _("Consent"),
            _("{consent} {when}; publish name: {name}, position: {position}").format(
                consent=_(CONSENT_LABELS[card.consent]),
                when=format_datetime(card.consent_at, zone) if card.consent_at else "",
                name=_yes(card.publish_name),
                position=_yes(card.publish_position),
            ),
        ),
        (_("Phone (private)"), card.private.phone),
        (_("E-mail (private)"), card.private.email),
        (_("Notes (private)"), card.private.notes),
    ]
    width = max(len(label) for label, _value in rows)
    for label, value in rows:
        click.echo(f"{label.ljust(width)}  {value}".rstrip())
    if card.appearances:
        click.echo("")
        click.echo(_appearance_table(card.appearances, zone))


def _appearance_table(
    appearances: tuple[AppearanceLine, ...] | list[AppearanceLine], zone: str
) -> str:
    return table(
        [
            [
                str(a.broadcast_id),
                format_datetime(a.planned_start, zone, weekday=False),
                a.show_title,
                a.person_name,
                a.role,
                a.topic,
            ]
            for a in appearances
        ],
        [_("Broadcast"), _("Planned"), _("Show"), _("Person"), _("Role"), _("Topic")],
    )


@guests_group.command("add", help=_("Add a person to the directory."))
@click.argument("name")
@_person_options
@home_option
@json_option
@pass_station
def guests_add(station: StationContext, name: str, as_json: bool, **fields: Any) -> None:
    values = {k: v for k, v in fields.items() if v is not None}
    with station.unit_of_work() as session:
        card = add_person(session, name, now=station.now(), **values)
    if as_json:
        emit_json(card)
        return
    click.echo(_("Added person {id}: {name}.").format(id=card.id, name=card.display_name))


@guests_group.command("list", help=_("List people; QUERY finds names and institutions."))
@click.argument("query", required=False, default="")
@click.option("--all", "include_merged", is_flag=True, help=_("Include merged records."))
@home_option
@json_option
@pass_station
def guests_list(station: StationContext, query: str, include_merged: bool, as_json: bool) -> None:
    with station.unit_of_work() as session:
        cards = find_people(session, query, include_merged=include_merged)
    if as_json:
        emit_json(cards)
        return
    if not cards:
        click.echo(_("Nobody found."))
        return
    click.echo(
        table(
            [
                [str(c.id), c.display_name, c.position, c.institution, _(CONSENT_LABELS[c.consent])]
                for c in cards
            ],
            [_("ID"), _("Name"), _("Position"), _("Institution"), _("Consent")],
        )
    )


@guests_group.command("show", help=_("Show a person, private contact included, and appearances."))
@click.argument("person_id", type=int)
@home_option
@json_option
@pass_station
def guests_show(station: StationContext, person_id: int, as_json: bool) -> None:
    with station.unit_of_work() as session:
        card = get_person(session, person_id)
    if as_json:
        emit_json(card)
        return
    _print_person(card, station.settings.station.timezone)


@guests_group.command("edit", help=_("Change a person's details or consent."))
@click.argument("person_id", type=int)
@click.option("--name", help=_("The name, without title."))
@_person_options
@home_option
@json_option
@pass_station
def guests_edit(station: StationContext, person_id: int, as_json: bool, **fields: Any) -> None:
    with station.unit_of_work() as session:
        card = edit_person(session, person_id, now=station.now(), **fields)
    if as_json:
        emit_json(card)
        return
    click.echo(_("Updated person {id}: {name}.").format(id=card.id, name=card.display_name))


@guests_group.command("merge", help=_("Merge person OTHER into KEEP; every appearance moves."))
@click.argument("keep", type=int)
@click.argument("other", type=int)
@home_option
@json_option
@pass_station
def guests_merge(station: StationContext, keep: int, other: int, as_json: bool) -> None:
    with station.unit_of_work() as session:
        result = merge_people(session, keep, other, now=station.now())
    if as_json:
        emit_json(result)
        return
    click.echo(
        _(
            "Merged person {other} into {keep} ({name}): {moved} appearances moved, {joined} joined."
        ).format(
            other=result.merged_id,
            keep=result.kept.id,
            name=result.kept.display_name,
            moved=result.moved,
            joined=result.joined,
        )
    )


@guests_group.command("appear", help=_("Put PERSON in BROADCAST (an id or 'now')."))
@click.argument("broadcast")
@click.argument("person_id", type=int)
@click.option("--role", default="guest", help=_("host, guest, caller or reporter."))
@click.option("--topic", default="", help=_("What they speak about."))
@click.option("--remove", is_flag=True, help=_("Take the person out of the broadcast instead."))
@home_option
@json_option
@pass_station
def guests_appear(
    station: StationContext,
    broadcast: str,
    person_id: int,
    role: str,
    topic: str,
    remove: bool,
    as_json: bool,
) -> None:
    with station.unit_of_work() as session:
        if remove:
            count = remove_appearance(session, broadcast, person_id, role=role)
        else:
            line = add_appearance(
                session, broadcast, person_id, now=station.now(), role=role, topic=topic
            )
    if remove:
        if as_json:
            emit_json({"removed": count})
        else:
            click.echo(_("Removed {count} appearance(s).").format(count=count))
        return
    if as_json:
        emit_json(line)
        return
    click.echo(
        _("{name} appears in broadcast {id} ({show}) as {role}.").format(
            name=line.person_name, id=line.broadcast_id, show=line.show_title, role=line.role
        )
    )


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
            line.kind.ljust(12),
            " ".join(parts),
        ]
    )


@log_group.command("add", help=_("Append an entry to a broadcast's log (committed at once)."))
@click.argument("broadcast")
@click.argument("text")
@click.option("--kind", default="note", help=_("segment, note, question, complaint, music, …"))
@click.option("--at", "at", help=_("Time: HH:MM on the broadcast's day, or ISO date and time."))
@click.option("--author", default=None, help=_("Who wrote it (default: your login name)."))
@click.option("--caller", default="", help=_("The caller's name (private)."))
@click.option("--from", "location", default="", help=_("Where the caller is (kecamatan/desa)."))
@click.option("--channel", default=None, help=_("phone, sms, whatsapp, studio, social, letter."))
@click.option("--agency", default=None, help=_("The agency it is passed to."))
@home_option
@json_option
@pass_station
def log_add(
    station: StationContext,
    broadcast: str,
    text: str,
    kind: str,
    at: str | None,
    author: str | None,
    caller: str,
    location: str,
    channel: str | None,
    agency: str | None,
    as_json: bool,
) -> None:
    with station.unit_of_work() as session:
        line = add_entry(
            session,
            broadcast,
            text,
            kind,
            at,
            default_author() if author is None else author,
            now=station.now(),
            zone=station.settings.zone,
            caller_name=caller,
            caller_location=location,
            channel=channel,
            agency=agency,
        )
    if as_json:
        emit_json(line)
        return
    click.echo(
        _("Logged #{id} at {time} in broadcast {broadcast} ({kind}).").format(
            id=line.id,
            time=format_time(line.at, station.settings.station.timezone),
            broadcast=line.broadcast_id,
            kind=line.kind,
        )
    )


@log_group.command(
    "show", help=_("Print a broadcast's log in time order (BROADCAST: id or 'now').")
)
@click.argument("broadcast")
@click.option("--deleted", is_flag=True, help=_("Include deleted entries."))
@home_option
@json_option
@pass_station
def log_show(station: StationContext, broadcast: str, deleted: bool, as_json: bool) -> None:
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
@click.argument("entry_id", type=int)
@click.argument("text", required=False)
@click.option("--kind", default=None, help=_("A new kind."))
@click.option("--at", "at", default=None, help=_("A new time (HH:MM or ISO)."))
@click.option("--author", default=None, help=_("Who edits (default: your login name)."))
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
            author=default_author() if author is None else author,
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
@click.argument("entry_id", type=int)
@click.option("--author", default=None, help=_("Who deletes (default: your login name)."))
@home_option
@pass_station
def log_delete(station: StationContext, entry_id: int, author: str | None) -> None:
    with station.unit_of_work() as session:
        line = delete_entry(session, entry_id, now=station.now(), author=author or default_author())
    click.echo(_("Entry #{id} deleted.").format(id=line.id))


@log_group.command("restore", help=_("Bring back a deleted entry."))
@click.argument("entry_id", type=int)
@click.option("--author", default=None, help=_("Who restores (default: your login name)."))
@home_option
@pass_station
def log_restore(station: StationContext, entry_id: int, author: str | None) -> None:
    with station.unit_of_work() as session:
        line = restore_entry(
            session, entry_id, now=station.now(), author=author or default_author()
        )
    click.echo(_("Entry #{id} restored.").format(id=line.id))


@log_group.command("history", help=_("Every earlier state of an entry, oldest first."))
@click.argument("entry_id", type=int)
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


# --- follow-ups -----------------------------------------------------------------------------


def _print_followup(item: FollowUp, zone: str) -> str:
    where = ", ".join(p for p in (item.private.caller_name, item.caller_location) if p)
    return "  #{id}  {when}  {kind}  {status}  {where}  {text}".format(
        id=item.entry_id,
        when=format_datetime(item.at, zone, weekday=False),
        kind=item.kind,
        status=_(STATUS_LABELS[item.status]),
        where=f"[{where}]" if where else "",
        text=item.text,
    )


@click.group(
    "followups",
    invoke_without_command=True,
    help=_("Listeners' questions and complaints not closed yet, by agency."),
)
@click.option("--agency", default=None, help=_("Only this agency (part of its name)."))
@click.option(
    "--status", default=None, help=_("Only this status: open, forwarded, answered, closed.")
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
    with station.unit_of_work() as session:
        groups = list_followups(session, agency=agency, status=status)
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
@click.argument("entry_id", type=int)
@click.argument("status")
@click.option("--answer", default=None, help=_("The agency's answer."))
@click.option("--agency", default=None, help=_("The agency it is passed to."))
@click.option("--author", default=None, help=_("Who records it (default: your login name)."))
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
    with station.unit_of_work() as session:
        item = set_followup(
            session,
            entry_id,
            status,
            now=station.now(),
            answer=answer,
            agency=agency,
            author=default_author() if author is None else author,
        )
    if as_json:
        emit_json(item)
        return
    click.echo(
        _("#{id} is {status} ({agency}).").format(
            id=item.entry_id, status=_(STATUS_LABELS[item.status]), agency=item.agency or "-"
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
    with station.unit_of_work() as session:
        report = monthly_report(session, month, station.settings.zone)
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


COMMANDS: list[click.Command] = [guests_group, log_group, followups_group]
