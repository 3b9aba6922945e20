"""One broadcast from the archive: airing, guests, recordings with chapters, live log,
episodes. Esc goes back to the list where it was."""

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
from radiodesk.archive import RecordingDetail
from radiodesk.archive.clip import ClipResult, cut_clip
from radiodesk.i18n import N_, _, format_datetime, format_duration, format_number, format_time
from radiodesk.transcripts.queue import TranscriptInfo
from radiodesk.transcripts.view import recording_states
from radiodesk.tui.bindings import translate_bindings
from radiodesk.tui.data import BroadcastDetail, broadcast_detail
from radiodesk.tui.dialogs.clip import ClipDialog, ClipRequest
from radiodesk.tui.screens.transcript import TranscriptScreen
from radiodesk.tui.widgets.airing_text import STATUS_LABELS, guests_text
from radiodesk.tui.widgets.live_log import entry_text
from radiodesk.tui.widgets.publish_text import EPISODE_STATUS
from radiodesk.tui.widgets.transcript_view import transcript_line


class BroadcastScreen(Screen[None]):
    """The detail of one broadcast, on top of the Archive screen."""

    CSS_PATH = "broadcast.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", N_("Back")),
        Binding("c", "clip", N_("Cut clip")),
        Binding("t", "transcript", N_("Transcript")),
    ]

    class Loaded(Message):
        def __init__(self, detail: BroadcastDetail, transcripts: dict[int, TranscriptInfo]) -> None:
            super().__init__()
            self.detail = detail
            self.transcripts = transcripts

    class Clipped(Message):
        def __init__(self, clip: ClipResult) -> None:
            super().__init__()
            self.clip = clip

    def __init__(self, broadcast_id: int) -> None:
        super().__init__()
        translate_bindings(self)
        self.broadcast_id = broadcast_id
        self.detail: BroadcastDetail | None = None
        self.transcripts: dict[int, TranscriptInfo] = {}

    @property
    def zone(self) -> str:
        return self.app.settings.station.timezone  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(_("Loading…"), id="airing")
            yield Static(id="guests")
            yield Static(id="recordings")
            yield Static(id="log")
            yield Static(id="episodes")
        yield Footer()

    def on_mount(self) -> None:
        for name, title in (
            ("guests", _("On air")),
            ("recordings", _("Recordings and chapters")),
            ("log", _("Live log")),
            ("episodes", _("Episodes")),
        ):
            self.query_one(f"#{name}").border_title = title
        self.query_one("#detail").focus()
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="broadcast-detail")
    def load(self) -> None:
        with db.unit_of_work(self.app.settings) as session:  # type: ignore[attr-defined]
            detail = broadcast_detail(session, self.app.settings, self.broadcast_id)  # type: ignore[attr-defined]
            states = recording_states(session, (r.summary.id for r in detail.recordings))
        self.post_message(self.Loaded(detail, states))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.app.report_error(event.worker.error)  # type: ignore[attr-defined]

    def on_broadcast_screen_loaded(self, message: Loaded) -> None:
        self.detail = d = message.detail
        self.transcripts = message.transcripts
        a = d.airing
        text = Text()
        text.append(a.title, style="bold")
        text.append(f"  #{a.id}  ", style="dim")
        text.append(_(STATUS_LABELS.get(a.status, a.status)), style="reverse")
        text.append(
            "\n"
            + _("planned {start}–{end}").format(
                start=format_datetime(a.planned_start, self.zone),
                end=format_time(a.planned_end, self.zone),
            )
        )
        if a.actual_start is not None:
            text.append(
                "\n"
                + _("aired {start}–{end}").format(
                    start=format_datetime(a.actual_start, self.zone),
                    end=format_time(a.actual_end, self.zone) if a.actual_end else "…",
                )
            )
        if a.topic:
            text.append("\n" + _("Topic: {topic}").format(topic=a.topic))
        self.query_one("#airing", Static).update(text)
        self.query_one("#guests", Static).update(guests_text(d.guests))
        self.query_one("#recordings", Static).update(self.recordings_text(d.recordings))
        log = Text()
        for i, entry in enumerate(d.entries):
            if i:
                log.append("\n")
            log.append_text(entry_text(entry, self.zone))
        if not d.entries:
            log.append(_("No log entries."), style="dim")
        self.query_one("#log", Static).update(log)
        episodes = Text()
        for i, ep in enumerate(d.episodes):
            if i:
                episodes.append("\n")
            episodes.append(_(EPISODE_STATUS.get(ep.status, ep.status)), style="bold")
            episodes.append("  " + ep.title)
            if ep.blocked:
                episodes.append("  (" + "; ".join(ep.blocked) + ")", style="yellow")
        if not d.episodes:
            episodes.append(_("No episode yet."), style="dim")
        self.query_one("#episodes", Static).update(episodes)

    def recordings_text(self, recordings: tuple[RecordingDetail, ...]) -> Text:
        """Each recording (master or clip) with its file, sound, podcast renditions and
        chapters."""
        text = Text()
        if not recordings:
            text.append(_("No recording archived."), style="dim")
            return text
        for i, rec in enumerate(recordings):
            summary = rec.summary
            if i:
                text.append("\n")
            kind = _("clip") if summary.parent_id else _("master")
            text.append(f"#{summary.id} {kind}  ", style="bold")
            text.append(summary.title)
            details = [format_duration(summary.duration), rec.codec]
            if rec.loudness is not None:
                details.append(_("{lufs} LUFS").format(lufs=format_number(rec.loudness, 1)))
            details.append(_("{mb} MB").format(mb=format_number(summary.size / 1_000_000, 1)))
            text.append("  (" + ", ".join(d for d in details if d) + ")", style="dim")
            text.append("\n    " + summary.original_name, style="dim")
            if summary.id in self.transcripts:
                text.append("\n    ").append_text(transcript_line(self.transcripts[summary.id]))
            for rendition in rec.renditions:
                sound = [rendition.format]
                if rendition.loudness is not None:
                    sound.append(_("{lufs} LUFS").format(lufs=format_number(rendition.loudness, 1)))
                sound.append(_("{mb} MB").format(mb=format_number(rendition.size / 1_000_000, 1)))
                text.append(
                    "\n    " + _("podcast file: {details}").format(details=", ".join(sound)),
                    style="dim",
                )
            for chapter in rec.chapters:
                text.append(f"\n    {format_duration(chapter.start):>8}  {chapter.title}")
        return text

    def action_transcript(self) -> None:
        self.app.push_screen(TranscriptScreen(self.broadcast_id))

    # -- clips -----------------------------------------------------------------------------

    def action_clip(self) -> None:
        recordings = self.detail.recordings if self.detail else ()
        masters = [r for r in recordings if not r.summary.parent_id]
        if not masters:
            self.notify(_("This broadcast has no recording to cut from."), severity="warning")
            return

        def chosen(request: ClipRequest | None) -> None:
            if request is not None:
                self.notify(_("Cutting the clip…"))
                self.cut(request)

        self.app.push_screen(ClipDialog(masters), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="broadcast-clip")
    def cut(self, request: ClipRequest) -> None:
        clip = cut_clip(
            self.app.settings,  # type: ignore[attr-defined]
            request.recording_id,
            request.start,
            request.end,
            now=self.app.clock(),  # type: ignore[attr-defined]
            title=request.title or None,
        )
        self.post_message(self.Clipped(clip))

    def on_broadcast_screen_clipped(self, message: Clipped) -> None:
        clip = message.clip
        if clip.duplicate:
            self.notify(
                _("That clip was archived before: recording {id}.").format(id=clip.recording_id)
            )
        else:
            self.notify(
                _("Clip archived as recording {id} ({length}).").format(
                    id=clip.recording_id, length=format_duration(clip.duration)
                )
            )
        self.load()
