"""Edit a live-log entry: its text and its kind."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from radiodesk.i18n import N_, _
from radiodesk.interviews import LogLine
from radiodesk.models import LOG_KINDS
from radiodesk.tui.dialogs.base import DeskDialog
from radiodesk.tui.widgets.live_log import KIND_LABELS


@dataclass(frozen=True)
class EntryChange:
    """What the operator wants an entry to say now."""

    entry_id: int
    text: str
    kind: str


class EditEntryDialog(DeskDialog[EntryChange | None]):
    """Change an entry's text and kind; the earlier text is kept in its history."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), priority=True)]

    def __init__(self, entry: LogLine) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Edit log entry"), classes="dialog-title")
            yield Label(_("Text"))
            yield Input(self.entry.text, id="text")
            yield Label(_("Kind"))
            yield Select(
                [(_(KIND_LABELS[k]), k) for k in LOG_KINDS],
                value=self.entry.kind,
                allow_blank=False,
                id="kind",
            )
            yield Static(
                _("Enter or Ctrl+S saves, Esc cancels. The earlier text stays in the history."),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#text", Input).focus()

    @on(Input.Submitted, "#text")
    def action_save(self) -> None:
        text = " ".join(self.query_one("#text", Input).value.split())
        kind = self.query_one("#kind", Select).value
        if not text:
            self.notify(_("An entry needs some text."), severity="warning")
            return
        self.dismiss(EntryChange(self.entry.id, text, str(kind)))
