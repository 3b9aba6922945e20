"""Guests: the directory of people who appear on air; add, edit, merge, consent."""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from radiodesk import db
from radiodesk.i18n import N_, _, format_datetime
from radiodesk.interviews import (
    PersonCard,
    add_person,
    edit_person,
    find_people,
    get_person,
    merge_people,
)
from radiodesk.models import Consent
from radiodesk.tui.dialogs.add_guest import person_label
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.consent import CONSENT_LABELS, ConsentAnswer, ConsentDialog
from radiodesk.tui.dialogs.person import PersonDialog, PersonForm, PickPersonDialog
from radiodesk.tui.screens.base import DeskScreen

# How many people the list shows for one search; the directory of a regency radio is small.
LIST_LIMIT = 500


class GuestsScreen(DeskScreen):
    """Search on the left, the chosen person's card on the right."""

    MODE = "guests"
    AUTO_FOCUS = "#people"
    CSS_PATH = "guests.tcss"
    BINDINGS = [
        Binding("slash", "search", N_("Search")),
        Binding("a", "add_person", N_("Add")),
        Binding("e", "edit_person", N_("Edit")),
        Binding("c", "consent", N_("Consent")),
        Binding("m", "merge", N_("Merge")),
    ]

    class Found(Message):
        def __init__(self, people: list[PersonCard], ticket: int) -> None:
            super().__init__()
            self.people = people
            self.ticket = ticket

    class Detail(Message):
        def __init__(self, person: PersonCard, ticket: int) -> None:
            super().__init__()
            self.person = person
            self.ticket = ticket

    def __init__(self) -> None:
        super().__init__()
        self.people: list[PersonCard] = []
        self.person: PersonCard | None = None
        self.keep_id: int | None = None
        # The person just added or changed: chosen in the next list that holds them.
        self.choose_id: int | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal():
            with Vertical(id="left"):
                yield Input(placeholder=_("/ search: name or institution"), id="search")
                yield OptionList(id="people")
            yield Static(id="card")

    def reload(self) -> None:
        self.search(self.query_one("#search", Input).value)
        if not isinstance(self.focused, Input):
            self.query_one("#people").focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#search")
    def _search_done(self) -> None:
        self.query_one("#people").focus()

    def search(self, query: str) -> None:
        """List the people matching ``query``; only the latest search is shown."""
        self.find(query, self.ticket("people"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="guests-search")
    def find(self, query: str, ticket: int) -> None:
        with db.unit_of_work(self.settings) as session:
            people = find_people(session, query, limit=LIST_LIMIT)
        self.post_message(self.Found(people, ticket))

    def on_guests_screen_found(self, message: Found) -> None:
        if not self.is_latest("people", message.ticket):
            return
        self.people = message.people
        options = self.query_one("#people", OptionList)
        options.clear_options()
        options.add_options(Option(list_label(p), id=str(p.id)) for p in self.people)
        if not self.people:
            self.person = None
            self.query_one("#card", Static).update(Text(_("Nobody found."), style="dim"))
            return
        ids = [p.id for p in self.people]
        if self.choose_id in ids:
            self.keep_id, self.choose_id = self.choose_id, None
        options.highlighted = ids.index(self.keep_id) if self.keep_id in ids else 0

    @on(OptionList.OptionHighlighted, "#people")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_id is not None:
            self.keep_id = int(event.option_id)
            self.load_card(int(event.option_id))

    def load_card(self, person_id: int) -> None:
        """Show one person's card; only the latest asked for is shown."""
        self.read_card(person_id, self.ticket("card"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="guests-card")
    def read_card(self, person_id: int, ticket: int) -> None:
        with db.unit_of_work(self.settings) as session:
            person = get_person(session, person_id)
        self.post_message(self.Detail(person, ticket))

    def on_guests_screen_detail(self, message: Detail) -> None:
        if not self.is_latest("card", message.ticket):
            return
        self.person = message.person
        self.query_one("#card", Static).update(self.card_text(message.person))

    def card_text(self, p: PersonCard) -> Text:
        text = Text()
        text.append(p.display_name + "\n", style="bold")
        for label, value in ((_("Position"), p.position), (_("Institution"), p.institution)):
            if value:
                text.append(f"{label}: ", style="dim")
                text.append(value + "\n")
        style = {Consent.GIVEN: "green", Consent.REFUSED: "bold red"}.get(p.consent, "yellow")
        text.append(_("Consent to publish") + ": ", style="dim")
        text.append(_(CONSENT_LABELS.get(p.consent, p.consent)), style=style)
        if p.consent_at is not None:
            text.append(" (" + format_datetime(p.consent_at, self.zone_name, weekday=False) + ")")
        text.append("\n")
        withheld = [
            label
            for label, allowed in ((_("name"), p.publish_name), (_("position"), p.publish_position))
            if not allowed
        ]
        if withheld:
            text.append(
                _("Not to be published: {what}").format(what=", ".join(withheld)) + "\n",
                style="yellow",
            )
        for label, value in ((_("Phone"), p.private.phone), (_("E-mail"), p.private.email)):
            if value:
                text.append(f"{label}: ", style="dim")
                text.append(value + "\n")
        text.append(
            "\n" + _("Appearances ({count})").format(count=len(p.appearances)) + "\n", style="bold"
        )
        for a in reversed(p.appearances[-12:]):
            text.append(
                format_datetime(a.planned_start, self.zone_name, weekday=False) + "  ", style="dim"
            )
            text.append(a.show_title)
            if a.topic:
                text.append(" · " + a.topic, style="italic")
            text.append("\n")
        return text

    def commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                _("Add person"), _("Add someone to the directory"), self.action_add_person
            ),
            SystemCommand(_("Edit person"), _("Edit the chosen person"), self.action_edit_person),
            SystemCommand(
                _("Merge people"), _("Fold a duplicate into the chosen person"), self.action_merge
            ),
        ]

    # -- changes ---------------------------------------------------------------------------

    def action_add_person(self) -> None:
        def saved(form: PersonForm | None) -> None:
            if form is not None:
                self.save_person(None, form)

        self.app.push_screen(PersonDialog(), saved)

    def action_edit_person(self) -> None:
        if self.person is None:
            return
        person_id = self.person.id

        def saved(form: PersonForm | None) -> None:
            if form is not None:
                self.save_person(person_id, form)

        self.app.push_screen(PersonDialog(self.person), saved)

    @work(thread=True, exclusive=True, exit_on_error=False, group="guests-change")
    def save_person(self, person_id: int | None, form: PersonForm) -> None:
        with db.unit_of_work(self.settings) as session:
            if person_id is None:
                card = add_person(
                    session,
                    form.name,
                    now=self.now(),
                    honorific=form.honorific,
                    position=form.position,
                    institution=form.institution,
                    phone=form.phone,
                    email=form.email,
                    consent=form.consent,
                    publish_name=form.publish_name,
                    publish_position=form.publish_position,
                )
                note = _("Added {name}.").format(name=card.display_name)
            else:
                card = edit_person(
                    session,
                    person_id,
                    now=self.now(),
                    name=form.name,
                    honorific=form.honorific,
                    position=form.position,
                    institution=form.institution,
                    phone=form.phone,
                    email=form.email,
                    consent=form.consent,
                    publish_name=form.publish_name,
                    publish_position=form.publish_position,
                )
                note = _("Saved {name}.").format(name=card.display_name)
        self.post_message(self.Changed(note, card.id))

    def action_consent(self) -> None:
        person = self.person
        if person is None:
            return

        def answered(answer: ConsentAnswer | None) -> None:
            if answer is not None:
                self.save_consent(person.id, answer)

        self.app.push_screen(
            ConsentDialog(
                person.display_name,
                person.consent,
                publish_name=person.publish_name,
                publish_position=person.publish_position,
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="guests-change")
    def save_consent(self, person_id: int, answer: ConsentAnswer) -> None:
        with db.unit_of_work(self.settings) as session:
            card = edit_person(
                session,
                person_id,
                now=self.now(),
                consent=answer.consent,
                publish_name=answer.publish_name,
                publish_position=answer.publish_position,
            )
        note = _("Consent of {name}: {consent}.").format(
            name=card.display_name, consent=_(CONSENT_LABELS[answer.consent])
        )
        self.post_message(self.Changed(note, card.id))

    def action_merge(self) -> None:
        keep = self.person
        if keep is None:
            return

        def picked(other: PersonCard | None) -> None:
            if other is None:
                return
            question = _(
                "Merge {other} into {keep}? Their appearances move to {keep}; this cannot be undone."
            ).format(other=person_label(other), keep=keep.display_name)

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.save_merge(keep.id, other.id)

            self.app.push_screen(
                ConfirmDialog(question, yes=_("Merge"), no=_("Keep both")), confirmed
            )

        self.app.push_screen(
            PickPersonDialog(
                _("Which duplicate of {name}?").format(name=keep.display_name), keep.id
            ),
            picked,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="guests-change")
    def save_merge(self, keep_id: int, other_id: int) -> None:
        with db.unit_of_work(self.settings) as session:
            result = merge_people(session, keep_id, other_id, now=self.now())
        note = _("Merged into {name}: {moved} appearances moved.").format(
            name=result.kept.display_name, moved=result.moved
        )
        self.post_message(self.Changed(note, result.kept.id))

    def on_desk_screen_changed(self, message: DeskScreen.Changed) -> None:
        self.notify(message.note)
        self.keep_id = self.choose_id = message.chosen
        self.reload()
        if message.chosen is not None:
            self.load_card(message.chosen)


def list_label(person: PersonCard) -> Text:
    """One line in the list: the name, then the institution dimmed, cut to the width."""
    text = Text(person.display_name, no_wrap=True, overflow="ellipsis")
    if person.institution:
        text.append(" · " + person.institution, style="dim")
    return text
