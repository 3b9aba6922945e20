"""The On Air typing line: Enter hands its text on and empties it at once; a paste of
several lines is handed on whole instead of being cut to its first line."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class LineText(Message):
    """Text from the line; ``control`` is the line, for ``@on(…, "#id")``."""

    def __init__(self, line: EntryLine, text: str) -> None:
        super().__init__()
        self.line = line
        self.text = text

    @property
    def control(self) -> EntryLine:
        return self.line


class EntryLine(Input):
    """An :class:`Input` for the live log.

    Enter posts :class:`EntryLine.Entered` with the text and clears the line in the same
    step, so a key typed right after Enter starts the next entry and never joins this one.
    """

    class Entered(LineText):
        """The operator pressed Enter on ``text`` (possibly empty)."""

    class Pasted(LineText):
        """A paste of several lines, ``text`` as pasted (the line itself is left alone)."""

    async def action_submit(self) -> None:
        text = self.value
        self.value = ""
        self.post_message(self.Entered(self, text))

    def _on_paste(self, event: events.Paste) -> None:
        # Input's own handler (first line only) must not run after this one.
        event.prevent_default()
        event.stop()
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) > 1:
            self.post_message(self.Pasted(self, event.text))
        elif lines:
            if self.selection.is_empty:
                self.insert_text_at_cursor(lines[0])
            else:
                self.replace(lines[0], *self.selection)
