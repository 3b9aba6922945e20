"""What the desk's dialogs share: translated keys, escape to cancel, worker errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from radiodesk.i18n import N_
from radiodesk.tui.bindings import translate_bindings

if TYPE_CHECKING:
    from radiodesk.tui.app import DeskApp

Result = TypeVar("Result")


class DeskDialog(ModalScreen[Result]):
    """A modal dialog of the desk; escape dismisses it with None."""

    DEFAULT_CSS = """
    DeskDialog { align: center middle; }
    DeskDialog > .dialog {
        width: 76; max-width: 98%; height: auto; max-height: 95%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    DeskDialog .dialog-title { text-style: bold; margin-bottom: 1; }
    DeskDialog .hint { color: $text-muted; }
    DeskDialog Label { margin-top: 1; }
    DeskDialog .form {
        grid-size: 2; grid-columns: 18 1fr; grid-rows: 3; height: auto; grid-gutter: 0 1;
    }
    DeskDialog .form Label { margin: 1 0 0 0; width: 100%; text-align: right; }
    """
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel")),
        # Checked before the key reaches the focused field, so that letters typed right
        # after Tab land in the next field, not in the one being left.
        Binding("tab", "app.focus_next", show=False, priority=True),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)

    @property
    def desk(self) -> DeskApp:
        return cast("DeskApp", self.app)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.desk.report_error(event.worker.error)
