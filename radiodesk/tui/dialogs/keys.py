"""Every key of the screen in view, with what it does: the help overlay (? or F10)."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from radiodesk.i18n import _
from radiodesk.tui.dialogs.base import DeskDialog

KeyLine = tuple[str, str]


class KeysDialog(DeskDialog[None]):
    """Lists (key, what it does) pairs, the screen's own first; Esc or ? closes it."""

    DEFAULT_CSS = """
    KeysDialog > .dialog { width: 72; }
    KeysDialog #keys { height: auto; }
    """

    def __init__(self, title: str, keys: list[KeyLine]) -> None:
        super().__init__()
        self.heading = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, what in self.keys:
            table.add_row(key, what)
        with VerticalScroll(classes="dialog"):
            yield Static(_("Keys: {screen}").format(screen=self.heading), classes="dialog-title")
            yield Static(table, id="keys")
            yield Static(_("Esc closes this list."), classes="hint")

    def key_question_mark(self) -> None:
        self.dismiss(None)

    def key_f10(self) -> None:
        self.dismiss(None)
