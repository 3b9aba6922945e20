"""One line saying what the screen just did; redrawn alone, without a new layout."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget


class StatusLine(Widget):
    """A one-line message; ``-error`` styles a failure. Changing it repaints only itself
    (``Static.update`` lays the whole screen out again: costly when the log grows fast)."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    message: reactive[str] = reactive("", layout=False)

    def render(self) -> Text:
        return Text(self.message, no_wrap=True, overflow="ellipsis")

    def show(self, message: str, *, error: bool = False) -> None:
        self.message = message
        self.set_class(error, "-error")
