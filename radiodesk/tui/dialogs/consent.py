"""Asked when a guest is put on air: may the podcast and the public page name them?

Consent is given, refused or not asked yet; with it, whether the name and the position may be
published. Without consent given the episode leaves the person out (the Publish screen says
so); a refusal keeps the whole episode private. ←/→ change a choice, Tab moves, Enter saves,
Esc puts the guest on air with their consent as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static

from radiodesk.i18n import N_, _
from radiodesk.models import Consent
from radiodesk.tui.dialogs.base import DeskDialog
from radiodesk.tui.widgets.choice_line import ChoiceLine

CONSENT_LABELS: dict[str, str] = {
    Consent.UNKNOWN: N_("not asked yet"),
    Consent.GIVEN: N_("given"),
    Consent.REFUSED: N_("refused"),
}
YES, NO = "yes", "no"


@dataclass(frozen=True)
class ConsentAnswer:
    """What the guest said about publication."""

    consent: Consent
    publish_name: bool
    publish_position: bool


def yes_no(value: bool, *, id: str) -> ChoiceLine:
    return ChoiceLine([(_("yes"), YES), (_("no"), NO)], YES if value else NO, id=id)


def consent_fields(consent: str, publish_name: bool, publish_position: bool) -> ComposeResult:
    """Label and choice of the consent, then of name and position: for a form's grid."""
    yield Label(_("Consent to publish"))
    yield ChoiceLine([(_(CONSENT_LABELS[c]), c) for c in Consent], consent, id="consent")
    yield Label(_("Name may be published"))
    yield yes_no(publish_name, id="publish-name")
    yield Label(_("Position may be published"))
    yield yes_no(publish_position, id="publish-position")


def consent_answer(form: Widget) -> ConsentAnswer:
    """What the fields of :func:`consent_fields` inside ``form`` say."""
    return ConsentAnswer(
        consent=Consent(form.query_one("#consent", ChoiceLine).value),
        publish_name=form.query_one("#publish-name", ChoiceLine).value == YES,
        publish_position=form.query_one("#publish-position", ChoiceLine).value == YES,
    )


class ConsentDialog(DeskDialog[ConsentAnswer | None]):
    """Consent to publication of one person, with name and position."""

    DEFAULT_CSS = """
    ConsentDialog .form { grid-columns: 26 1fr; }
    """
    BINDINGS = [Binding("enter", "save", N_("Save"), show=False)]

    def __init__(
        self,
        name: str,
        consent: str = Consent.UNKNOWN,
        *,
        publish_name: bool = True,
        publish_position: bool = True,
    ) -> None:
        super().__init__()
        self.person_name = name
        self.consent = consent
        self.publish_name = publish_name
        self.publish_position = publish_position

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                _("May the podcast and the public page name {name}?").format(name=self.person_name),
                classes="dialog-title",
            )
            with Grid(classes="form"):
                yield from consent_fields(self.consent, self.publish_name, self.publish_position)
            yield Static(
                _("←→ change · Tab: next · Enter saves · Esc: leave consent as it was"),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#consent", ChoiceLine).focus()

    def action_save(self) -> None:
        self.dismiss(consent_answer(self))
