"""Put a guest on air: find them in the directory, or add someone new."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from radiodesk import db
from radiodesk.i18n import N_, _
from radiodesk.interviews import PersonCard, find_people
from radiodesk.models import Consent
from radiodesk.tui.dialogs.base import DeskDialog


@dataclass(frozen=True)
class GuestChoice:
    """A person from the directory (``person_id``), or a new one (``person_id`` None), with
    the consent to publication on record (a new person's is not asked yet)."""

    person_id: int | None
    name: str
    position: str = ""
    institution: str = ""
    topic: str = ""
    consent: str = Consent.UNKNOWN
    publish_name: bool = True
    publish_position: bool = True


def person_label(person: PersonCard) -> str:
    details = ", ".join(p for p in (person.position, person.institution) if p)
    return f"{person.display_name} — {details}" if details else person.display_name


class AddGuestDialog(DeskDialog[GuestChoice | None]):
    """Type to search the directory; Enter takes the highlighted person. Ctrl+N: a new one."""

    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("ctrl+n", "new_person", N_("New person"), priority=True),
    ]

    class Found(Message):
        def __init__(self, people: list[PersonCard]) -> None:
            super().__init__()
            self.people = people

    def __init__(self) -> None:
        super().__init__()
        self.people: list[PersonCard] = []
        self.new = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Add a guest to this broadcast"), classes="dialog-title")
            yield Input(placeholder=_("Name or institution"), id="search")
            yield OptionList(id="people")
            yield Label(_("Position"), classes="new")
            yield Input(id="position", classes="new")
            yield Label(_("Institution"), classes="new")
            yield Input(id="institution", classes="new")
            yield Label(_("Topic (optional)"))
            yield Input(id="topic")
            yield Static(
                _("↑↓ choose, Enter adds. Ctrl+N: someone new. Esc cancels."),
                classes="hint",
                id="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#people", OptionList).can_focus = False
        self.query(".new").set(display=False)
        self.query_one("#search", Input).focus()
        self.search("")

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        if not self.new:
            self.search(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="people")
    def search(self, query: str) -> None:
        with db.unit_of_work(self.desk.settings) as session:
            people = find_people(session, query, limit=50)
        self.post_message(self.Found(people))

    def on_add_guest_dialog_found(self, message: Found) -> None:
        self.people = message.people
        people = self.query_one("#people", OptionList)
        people.clear_options()
        people.add_options(Option(person_label(p), id=str(p.id)) for p in self.people)
        if self.people:
            people.highlighted = 0

    def action_move(self, step: int) -> None:
        people = self.query_one("#people", OptionList)
        if self.people and people.highlighted is not None:
            people.highlighted = max(0, min(len(self.people) - 1, people.highlighted + step))

    def action_new_person(self) -> None:
        self.new = True
        self.query_one("#people", OptionList).display = False
        self.query(".new").set(display=True)
        self.query_one("#search", Input).placeholder = _("Name of the new guest")
        self.query_one("#hint", Static).update(_("Enter adds the new guest. Esc cancels."))
        self.query_one("#position", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        topic = " ".join(self.query_one("#topic", Input).value.split())
        if self.new:
            name = " ".join(self.query_one("#search", Input).value.split())
            if not name:
                self.query_one("#search", Input).focus()
                self.notify(_("The new guest needs a name."), severity="warning")
                return
            self.dismiss(
                GuestChoice(
                    None,
                    name,
                    position=self.query_one("#position", Input).value.strip(),
                    institution=self.query_one("#institution", Input).value.strip(),
                    topic=topic,
                )
            )
            return
        people = self.query_one("#people", OptionList)
        if not self.people or people.highlighted is None:
            self.notify(_("Nobody found: Ctrl+N adds someone new."), severity="warning")
            return
        person = self.people[people.highlighted]
        self.dismiss(
            GuestChoice(
                person.id,
                person.display_name,
                topic=topic,
                consent=person.consent,
                publish_name=person.publish_name,
                publish_position=person.publish_position,
            )
        )
