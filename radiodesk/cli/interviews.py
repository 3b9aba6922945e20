"""Commands of the interviews job: ``guests`` (``log`` is in livelog.py, ``followups`` in followups.py).

Each command parses its input, calls one service of :mod:`radiodesk.interviews` in one unit of
work (so every log entry is committed the moment it is entered) and prints the result.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from radiodesk.cli.choices import ChoiceOf
from radiodesk.cli.common import (
    BROADCAST,
    ID,
    StationContext,
    emit_json,
    fields,
    home_option,
    json_option,
    pass_station,
    table,
)
from radiodesk.i18n import N_, _, format_datetime
from radiodesk.interviews import (
    AppearanceLine,
    PersonCard,
    add_appearance,
    add_person,
    edit_person,
    find_people,
    get_person,
    merge_people,
    remove_appearance,
)
from radiodesk.models import BroadcastStatus, Consent, Role

CONSENT_LABELS = {
    Consent.UNKNOWN: N_("unknown"),
    Consent.GIVEN: N_("given"),
    Consent.REFUSED: N_("refused"),
}
BROADCAST_STATUS_LABELS = {
    BroadcastStatus.PLANNED: N_("planned"),
    BroadcastStatus.ON_AIR: N_("on air"),
    BroadcastStatus.AIRED: N_("aired"),
    BroadcastStatus.CANCELLED: N_("cancelled"),
}


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def _interactive() -> bool:
    return sys.stdin.isatty()


def ask_consent(name: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Ask in the terminal what ``fields`` (the command's options) leave open: consent to
    publication, then whether name and position may be published. Not in a terminal
    (scripts), nothing is asked and consent stays as it is. Questions go to stderr: the
    output (``--json``) stays clean."""
    if fields.get("consent") is not None or not _interactive():
        return fields
    asked = dict(fields)
    asked["consent"] = click.prompt(
        _("Does {name} consent to publication? ({choices})").format(
            name=name, choices=", ".join(_(label) for label in CONSENT_LABELS.values())
        ),
        type=ChoiceOf(CONSENT_LABELS),
        default=_(CONSENT_LABELS[Consent.UNKNOWN]),
        show_choices=False,
        err=True,
    )
    if asked["consent"] == Consent.GIVEN:
        for key, question in (
            ("publish_name", _("May the name be published?")),
            ("publish_position", _("May the position and institution be published?")),
        ):
            if asked.get(key) is None:
                asked[key] = click.confirm(question, default=True, err=True)
    return asked


def say_unnamed(name: str, person_id: int, consent: str) -> None:
    """One line on stderr when publishing will not name ``name``."""
    if consent != Consent.GIVEN:
        click.echo(
            _(
                "Consent {consent}: episodes will not name {name}; record it with "
                "'radiodesk guests edit {id} --consent given'."
            ).format(consent=_(CONSENT_LABELS[Consent(consent)]), name=name, id=person_id),
            err=True,
        )


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
            click.option(
                "--consent",
                type=ChoiceOf(CONSENT_LABELS),
                help=_(
                    "Consent to publication: given, refused or unknown (asked when left out "
                    "in a terminal)."
                ),
            ),
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
    click.echo(fields(rows))
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
    values = {k: v for k, v in ask_consent(name, fields).items() if v is not None}
    with station.unit_of_work() as session:
        card = add_person(session, name, now=station.now(), **values)
    if as_json:
        emit_json(card)
    else:
        click.echo(_("Added person {id}: {name}.").format(id=card.id, name=card.display_name))
    say_unnamed(card.display_name, card.id, card.consent)


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
@click.argument("person_id", type=ID)
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
@click.argument("person_id", type=ID)
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
@click.argument("keep", type=ID)
@click.argument("other", type=ID)
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
@click.argument("broadcast", type=BROADCAST)
@click.argument("person_id", type=ID)
@click.option("--role", default=Role.GUEST, help=_("host, guest, caller or reporter."))
@click.option("--topic", default="", help=_("What they speak about."))
@click.option("--remove", is_flag=True, help=_("Take the person out of the broadcast instead."))
@home_option
@json_option
@pass_station
def guests_appear(
    station: StationContext,
    broadcast: int | str,
    person_id: int,
    role: str,
    topic: str,
    remove: bool,
    as_json: bool,
) -> None:
    consent: dict[str, Any] = {}
    if not remove:
        with station.unit_of_work() as session:
            card = get_person(session, person_id)
        if card.consent == Consent.UNKNOWN:
            consent = ask_consent(card.display_name, {"consent": None})
    with station.unit_of_work() as session:
        if remove:
            count = remove_appearance(session, broadcast, person_id, role=role)
        else:
            if consent.get("consent") not in (None, Consent.UNKNOWN):
                card = edit_person(session, person_id, now=station.now(), **consent)
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
    else:
        click.echo(
            _("{name} appears in broadcast {id} ({show}) as {role}.").format(
                name=line.person_name, id=line.broadcast_id, show=line.show_title, role=line.role
            )
        )
    say_unnamed(card.display_name, card.id, card.consent)


COMMANDS: list[click.Command] = [guests_group]
