"""Edit a live-log entry: its text and kind; for a listener's, who called, from where, how."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.widgets import Input, Label, Select, Static

from radiodesk.i18n import N_, _
from radiodesk.interviews import LogLine
from radiodesk.models import LISTENER_KINDS, Channel, LogKind
from radiodesk.tui.dialogs.base import DeskDialog
from radiodesk.tui.dialogs.listener import DEFAULT_CHANNEL
from radiodesk.tui.widgets.choice_line import ChoiceLine
from radiodesk.tui.widgets.live_log import CHANNEL_LABELS, KIND_LABELS


@dataclass(frozen=True)
class EntryChange:
    """What the operator wants an entry to say now; caller details (None: left as they are)
    only for a listener's question or complaint."""

    entry_id: int
    text: str
    kind: str
    caller_name: str | None = None
    caller_location: str | None = None
    channel: str | None = None


class EditEntryDialog(DeskDialog[EntryChange | None]):
    """Change an entry; the earlier state is kept in its history."""

    DEFAULT_CSS = """
    EditEntryDialog > .dialog { width: 92; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("enter", "save", N_("Save"), show=False),
    ]

    def __init__(self, entry: LogLine) -> None:
        super().__init__()
        self.entry = entry

    @property
    def listener(self) -> bool:
        return self.entry.kind in LISTENER_KINDS

    def compose(self) -> ComposeResult:
        entry = self.entry
        with Vertical(classes="dialog"):
            yield Static(_("Edit log entry"), classes="dialog-title")
            with Grid(classes="form"):
                yield Label(_("Text"))
                yield Input(entry.text, id="text")
                yield Label(_("Kind"))
                yield Select(
                    [(_(KIND_LABELS[k]), k) for k in LogKind],
                    value=entry.kind,
                    allow_blank=False,
                    id="kind",
                )
                if self.listener:
                    yield Label(_("Caller (private)"))
                    yield Input(entry.private.caller_name, id="caller")
                    yield Label(_("Calling from"))
                    yield Input(entry.caller_location, id="place")
                    yield Label(_("Channel"))
                    yield ChoiceLine(
                        [(_(CHANNEL_LABELS[c]), c) for c in Channel],
                        entry.channel or DEFAULT_CHANNEL,
                        id="channel",
                    )
            yield Static(
                _("Enter or Ctrl+S saves, Esc cancels. The earlier text stays in the history."),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        text = " ".join(self.query_one("#text", Input).value.split())
        kind = str(self.query_one("#kind", Select).value)
        if not text:
            self.notify(_("An entry needs some text."), severity="warning")
            return
        if not (self.listener and kind in LISTENER_KINDS):
            # Caller details belong to listeners' entries only; a note keeps none.
            self.dismiss(EntryChange(self.entry.id, text, kind))
            return
        channel = self.query_one("#channel", ChoiceLine).value
        self.dismiss(
            EntryChange(
                self.entry.id,
                text,
                kind,
                caller_name=" ".join(self.query_one("#caller", Input).value.split()),
                caller_location=" ".join(self.query_one("#place", Input).value.split()),
                # An entry without a channel shows the usual one; left so, it stays unset.
                channel=None if channel == (self.entry.channel or DEFAULT_CHANNEL) else channel,
            )
        )
