"""A paste of several lines into the live log: one entry keeping its lines, or one per line."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from radiodesk.i18n import N_, _, ngettext
from radiodesk.tui.dialogs.base import DeskDialog

PasteChoice = Literal["one", "each"]


def pasted_lines(text: str) -> list[str]:
    """The non-empty lines of a paste, each with its spaces tidied."""
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


class PasteDialog(DeskDialog[PasteChoice]):
    """Shows the pasted lines; Enter keeps them as one entry, ``p`` makes one entry per line."""

    DEFAULT_CSS = """
    PasteDialog #pasted { max-height: 10; color: $text; }
    PasteDialog .buttons { height: auto; margin-top: 1; }
    PasteDialog Button { margin-right: 1; }
    """
    BINDINGS = [
        Binding("o", "choose('one')", N_("One entry"), show=False),
        Binding("p", "choose('each')", N_("One per line"), show=False),
    ]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lines = pasted_lines(text)

    def compose(self) -> ComposeResult:
        count = len(self.lines)
        with Vertical(classes="dialog"):
            yield Static(
                ngettext("Pasted {n} line", "Pasted {n} lines", count).format(n=count),
                classes="dialog-title",
            )
            shown = self.lines[:8]
            more = count - len(shown)
            text = "\n".join(shown) + (("\n" + _("… and {n} more").format(n=more)) if more else "")
            yield Static(text, id="pasted")
            with Horizontal(classes="buttons"):
                yield Button(_("One entry (o)"), id="one", variant="primary")
                yield Button(_("One per line (p)"), id="each")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#one", Button).focus()

    @on(Button.Pressed, "#one")
    def _one(self) -> None:
        self.dismiss("one")

    @on(Button.Pressed, "#each")
    def _each(self) -> None:
        self.dismiss("each")

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    def action_choose(self, choice: PasteChoice) -> None:
        self.dismiss(choice)
