"""A listener's question or complaint, with who called, from where, how, and the agency.

One short form for a live programme: the text typed in the log line is already in it, Tab
moves between the fields, Enter saves from any of them, Escape leaves the log line as it was.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from radiodesk.i18n import N_, _
from radiodesk.models import Channel, LogKind
from radiodesk.tui.dialogs.base import DeskDialog
from radiodesk.tui.widgets.choice_line import ChoiceLine
from radiodesk.tui.widgets.live_log import CHANNEL_LABELS

DEFAULT_CHANNEL = Channel.PHONE
TITLES: dict[str, str] = {
    LogKind.QUESTION: N_("A listener's question"),
    LogKind.COMPLAINT: N_("A listener's complaint"),
}


@dataclass(frozen=True)
class ListenerCall:
    """What the operator noted about a listener's call; empty strings for what is unknown."""

    kind: str
    text: str
    caller_name: str
    caller_location: str
    channel: str
    agency: str


def suggester(values: list[str]) -> SuggestFromList | None:
    return SuggestFromList(values, case_sensitive=False) if values else None


class ListenerDialog(DeskDialog[ListenerCall | None]):
    """The form for a question or a complaint; a complaint needs the agency that must answer."""

    DEFAULT_CSS = """
    ListenerDialog > .dialog { width: 92; }
    ListenerDialog #hint.-error { color: $error; text-style: bold; }
    """
    BINDINGS = [Binding("enter", "save", N_("Save"), show=False)]

    def __init__(
        self,
        kind: str,
        text: str,
        *,
        agencies: list[str] | None = None,
        places: list[str] | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.said = text
        self.agencies = agencies or []
        self.places = places or []

    @property
    def agency_required(self) -> bool:
        return self.kind == LogKind.COMPLAINT

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_(TITLES.get(self.kind, self.kind)), classes="dialog-title")
            with Grid(classes="form"):
                yield Label(_("Said"))
                yield Input(self.said, id="text")
                yield Label(_("Caller (private)"))
                yield Input(id="caller", placeholder=_("name, if they gave it"))
                yield Label(_("Calling from"))
                yield Input(
                    id="place", placeholder=_("kecamatan or desa"), suggester=suggester(self.places)
                )
                yield Label(_("Channel"))
                yield ChoiceLine(
                    [(_(CHANNEL_LABELS[c]), c) for c in Channel], DEFAULT_CHANNEL, id="channel"
                )
                yield Label(_("Agency") if self.agency_required else _("Agency (optional)"))
                yield Input(
                    id="agency",
                    placeholder=_("e.g. Dinas Pekerjaan Umum"),
                    suggester=suggester(self.agencies),
                )
            yield Static(
                _("Tab: next field · ←→ channel · Enter saves · Esc cancels"),
                classes="hint",
                id="hint",
            )

    def on_mount(self) -> None:
        # The text is usually typed already: the next thing to note is who called.
        first = "#caller" if self.said.strip() else "#text"
        self.query_one(first, Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        values = {w.id: " ".join(w.value.split()) for w in self.query(Input) if w.id}
        if not values["text"]:
            self.refuse("#text", _("Type what the listener said."))
            return
        if self.agency_required and not values["agency"]:
            self.refuse("#agency", _("A complaint needs the agency that must answer it."))
            return
        self.dismiss(
            ListenerCall(
                kind=self.kind,
                text=values["text"],
                caller_name=values["caller"],
                caller_location=values["place"],
                channel=self.query_one("#channel", ChoiceLine).value,
                agency=values["agency"],
            )
        )

    def refuse(self, field: str, why: str) -> None:
        """Keep the form open, say what is missing and put the cursor there."""
        hint = self.query_one("#hint", Static)
        hint.update(why)
        hint.add_class("-error")
        self.query_one(field, Input).focus()
