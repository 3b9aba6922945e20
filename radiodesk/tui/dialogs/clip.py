"""Cut a clip from a broadcast's recording: which recording, from when to when, a title."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from radiodesk.archive import RecordingDetail
from radiodesk.archive.clip import parse_timecode
from radiodesk.errors import InputError
from radiodesk.i18n import _, format_duration
from radiodesk.tui.dialogs.base import DeskDialog


@dataclass(frozen=True)
class ClipRequest:
    """A clip to cut: seconds from the start of recording ``recording_id``."""

    recording_id: int
    start: float
    end: float
    title: str


class ClipDialog(DeskDialog[ClipRequest | None]):
    """Times as HH:MM:SS, MM:SS or seconds; Enter cuts, Esc cancels."""

    def __init__(self, recordings: list[RecordingDetail]) -> None:
        super().__init__()
        self.recordings = recordings

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Cut a clip"), classes="dialog-title")
            yield Label(_("Recording"))
            yield Select(
                [
                    (f"#{r.id} {r.title} ({format_duration(r.duration)})", r.id)
                    for r in (recording.summary for recording in self.recordings)
                ],
                value=self.recordings[0].summary.id,
                allow_blank=False,
                id="recording",
            )
            yield Label(_("From (e.g. 00:12:30)"))
            yield Input(id="start")
            yield Label(_("To (e.g. 00:15:00)"))
            yield Input(id="end")
            yield Label(_("Title (optional)"))
            yield Input(id="title")
            yield Static(_("Enter cuts the clip, Esc cancels."), classes="hint", id="hint")

    def on_mount(self) -> None:
        self.query_one("#start", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        try:
            start = parse_timecode(self.query_one("#start", Input).value)
            end = parse_timecode(self.query_one("#end", Input).value)
        except InputError as err:
            self.query_one("#hint", Static).update(str(err))
            return
        recording = self.query_one("#recording", Select).value
        assert isinstance(recording, int)
        self.dismiss(
            ClipRequest(recording, start, end, self.query_one("#title", Input).value.strip())
        )
