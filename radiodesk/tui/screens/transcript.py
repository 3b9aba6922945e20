"""A broadcast's transcript beside its live log (T in a broadcast's view), each entry next to
what was being said then. The data comes from :mod:`radiodesk.transcripts.view`."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from radiodesk import db
from radiodesk.i18n import N_, _
from radiodesk.transcripts.view import BroadcastTranscript, broadcast_transcript
from radiodesk.tui.bindings import translate_bindings
from radiodesk.tui.widgets.transcript_view import said_table


class TranscriptScreen(Screen[None]):
    """A broadcast's transcript beside its live log, on top of the broadcast's view."""

    DEFAULT_CSS = """
    TranscriptScreen #said { height: 1fr; padding: 0 1; }
    TranscriptScreen #said-state { height: auto; margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "app.pop_screen", N_("Back"))]

    class Loaded(Message):
        def __init__(self, transcript: BroadcastTranscript) -> None:
            super().__init__()
            self.transcript = transcript

    def __init__(self, broadcast_id: int) -> None:
        super().__init__()
        translate_bindings(self)
        self.broadcast_id = broadcast_id
        self.transcript: BroadcastTranscript | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="said"):
            yield Static(_("Loading…"), id="said-state")
            yield Static(id="said-table")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#said").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="broadcast-transcript")
    def load(self) -> None:
        settings = self.app.settings  # type: ignore[attr-defined]
        with db.unit_of_work(settings) as session:
            transcript = broadcast_transcript(session, settings, self.broadcast_id)
        self.post_message(self.Loaded(transcript))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.app.report_error(event.worker.error)  # type: ignore[attr-defined]

    def on_transcript_screen_loaded(self, message: Loaded) -> None:
        self.transcript = t = message.transcript
        head = Text()
        head.append(t.title, style="bold")
        head.append(f"  #{t.broadcast_id}", style="dim")
        if t.recording_id is not None:
            head.append("  " + _("recording {id}").format(id=t.recording_id), style="dim")
        head.append("\n" + _("Transcript: {state}").format(state=t.state))
        self.query_one("#said-state", Static).update(head)
        body = self.query_one("#said-table", Static)
        if not t.rows:
            body.update(Text(_("No live log and no transcript."), style="dim"))
        else:
            zone = self.app.settings.station.timezone  # type: ignore[attr-defined]
            body.update(said_table(t, zone))
