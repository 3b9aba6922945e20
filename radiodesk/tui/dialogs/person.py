"""A person's card (add or edit), choosing a consent, and picking someone to merge."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from radiodesk import db
from radiodesk.i18n import N_, _
from radiodesk.interviews import PersonCard, find_people
from radiodesk.models import Consent
from radiodesk.tui.dialogs.add_guest import person_label
from radiodesk.tui.dialogs.base import DeskDialog
from radiodesk.tui.dialogs.consent import consent_answer, consent_fields


@dataclass(frozen=True)
class PersonForm:
    """What the operator typed on a person's card."""

    name: str
    honorific: str
    position: str
    institution: str
    phone: str
    email: str
    consent: str
    publish_name: bool = True
    publish_position: bool = True


class PersonDialog(DeskDialog[PersonForm | None]):
    """Add a person (``person`` None) or edit one."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), priority=True)]

    def __init__(self, person: PersonCard | None = None) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        p = self.person
        with VerticalScroll(classes="dialog"):
            title = _("Edit {name}").format(name=p.display_name) if p else _("New person")
            yield Static(title, classes="dialog-title")
            for field, label, value in (
                ("name", _("Name"), p.name if p else ""),
                ("honorific", _("Honorific (dr., Ir., H.)"), p.honorific if p else ""),
                ("position", _("Position"), p.position if p else ""),
                ("institution", _("Institution"), p.institution if p else ""),
                ("phone", _("Phone (private)"), p.private.phone if p else ""),
                ("email", _("E-mail (private)"), p.private.email if p else ""),
            ):
                yield Label(label)
                yield Input(value, id=field)
            yield from consent_fields(
                p.consent if p else Consent.UNKNOWN,
                p.publish_name if p else True,
                p.publish_position if p else True,
            )
            yield Static(_("Ctrl+S or Enter saves, Esc cancels."), classes="hint")

    def on_mount(self) -> None:
        # The scrolling form would take the focus first; the name is what is typed first.
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        values = {w.id: w.value.strip() for w in self.query(Input) if w.id}
        if not values["name"]:
            self.query_one("#name", Input).focus()
            self.notify(_("A person needs a name."), severity="warning")
            return
        said = consent_answer(self)
        self.dismiss(
            PersonForm(
                name=values["name"],
                honorific=values["honorific"],
                position=values["position"],
                institution=values["institution"],
                phone=values["phone"],
                email=values["email"],
                consent=said.consent,
                publish_name=said.publish_name,
                publish_position=said.publish_position,
            )
        )


class ChoiceDialog(DeskDialog[str | None]):
    """Pick one of a few values (label, value) with the arrow keys and Enter."""

    def __init__(self, title: str, choices: list[tuple[str, str]], current: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield OptionList(*(Option(label, id=value) for label, value in self.choices))
            yield Static(_("Enter chooses, Esc cancels."), classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        values = [v for _l, v in self.choices]
        options.highlighted = values.index(self.current) if self.current in values else 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class PickPersonDialog(DeskDialog[PersonCard | None]):
    """Search the directory and pick one person (other than ``exclude``)."""

    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    class Found(Message):
        def __init__(self, people: list[PersonCard]) -> None:
            super().__init__()
            self.people = people

    def __init__(self, title: str, exclude: int | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.exclude = exclude
        self.people: list[PersonCard] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Input(placeholder=_("Name or institution"), id="search")
            yield OptionList(id="people")
            yield Static(_("↑↓ choose, Enter picks, Esc cancels."), classes="hint")

    def on_mount(self) -> None:
        self.query_one("#people", OptionList).can_focus = False
        self.query_one("#search", Input).focus()
        self.search("")

    @on(Input.Changed, "#search")
    def _changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="people")
    def search(self, query: str) -> None:
        with db.unit_of_work(self.desk.settings) as session:
            people = [p for p in find_people(session, query, limit=50) if p.id != self.exclude]
        self.post_message(self.Found(people))

    def on_pick_person_dialog_found(self, message: Found) -> None:
        self.people = message.people
        options = self.query_one("#people", OptionList)
        options.clear_options()
        options.add_options(Option(person_label(p), id=str(p.id)) for p in self.people)
        if self.people:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#people", OptionList)
        if self.people and options.highlighted is not None:
            options.highlighted = max(0, min(len(self.people) - 1, options.highlighted + step))

    @on(Input.Submitted, "#search")
    def _pick(self) -> None:
        options = self.query_one("#people", OptionList)
        if self.people and options.highlighted is not None:
            self.dismiss(self.people[options.highlighted])
