"""Forms of the Publish screen: edit an episode's title and description; schedule it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from radiodesk.errors import InputError
from radiodesk.i18n import N_, _
from radiodesk.publish import EpisodeDetail
from radiodesk.timeinput import parse_local_datetime
from radiodesk.tui.dialogs.base import DeskDialog


@dataclass(frozen=True)
class EpisodeText:
    """The title and description an editor wants an episode to have."""

    episode_id: int
    title: str
    description: str


class EditEpisodeDialog(DeskDialog[EpisodeText | None]):
    """The title (Enter saves) and the description (several lines; Ctrl+S saves)."""

    DEFAULT_CSS = """
    EditEpisodeDialog > .dialog { width: 96; }
    EditEpisodeDialog TextArea { height: 10; }
    """
    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), priority=True)]

    def __init__(self, episode: EpisodeDetail) -> None:
        super().__init__()
        self.episode = episode

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                _("Edit episode {id}").format(id=self.episode.summary.id), classes="dialog-title"
            )
            yield Label(_("Title"))
            yield Input(self.episode.summary.title, id="title")
            yield Label(_("Description"))
            yield TextArea(self.episode.description, id="description", soft_wrap=True)
            yield Static(
                _("Enter in the title or Ctrl+S saves, Esc cancels."), classes="hint", id="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    @on(Input.Submitted, "#title")
    def action_save(self) -> None:
        title = " ".join(self.query_one("#title", Input).value.split())
        if not title:
            self.query_one("#hint", Static).update(_("An episode needs a title."))
            self.query_one("#title", Input).focus()
            return
        self.dismiss(
            EpisodeText(
                self.episode.summary.id, title, self.query_one("#description", TextArea).text
            )
        )


class ScheduleEpisodeDialog(DeskDialog[datetime | None]):
    """When to publish an episode, in station time; gives the instant in UTC."""

    def __init__(self, title: str, zone: str, suggestion: str) -> None:
        super().__init__()
        self.title_text = title
        self.zone = zone
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                _("Schedule {title}").format(title=self.title_text), classes="dialog-title"
            )
            yield Label(_("Publish at (station time, e.g. 2026-11-30 10:00)"))
            yield Input(self.suggestion, id="at")
            yield Static(_("Enter schedules it, Esc cancels."), classes="hint", id="hint")

    @on(Input.Submitted, "#at")
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            at = parse_local_datetime(event.value, ZoneInfo(self.zone), _("time"))
        except InputError as err:
            self.query_one("#hint", Static).update(str(err))
            return
        self.dismiss(at)
