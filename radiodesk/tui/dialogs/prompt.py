"""One line of text from the operator (an agency, a reason), with suggestions."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from radiodesk.i18n import _
from radiodesk.tui.dialogs.base import DeskDialog


class TextPrompt(DeskDialog[str | None]):
    """Ask for one line; Enter gives it (stripped), escape gives None.

    With ``required`` an empty answer is refused with a hint instead of being returned.
    """

    def __init__(
        self,
        title: str,
        hint: str = "",
        *,
        value: str = "",
        suggestions: list[str] | None = None,
        required: bool = True,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.value = value
        self.suggestions = suggestions or []
        self.required = required

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Input(
                self.value,
                id="answer",
                suggester=SuggestFromList(self.suggestions, case_sensitive=False)
                if self.suggestions
                else None,
            )
            yield Static(
                self.hint or _("Enter to confirm, Esc to cancel."), classes="hint", id="hint"
            )

    @on(Input.Submitted, "#answer")
    def _submitted(self, event: Input.Submitted) -> None:
        answer = " ".join(event.value.split())
        if self.required and not answer:
            self.query_one("#hint", Static).update(_("Please type something, or Esc to cancel."))
            return
        self.dismiss(answer)
