"""Forms of the Schedule screen: a special, and moving an airing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Select, Static
from textual.worker import Worker, WorkerState

from radiodesk import db
from radiodesk.errors import Conflict, InputError, RadiodeskError
from radiodesk.i18n import N_, _, format_datetime
from radiodesk.schedule.exceptions import add_special
from radiodesk.timeinput import parse_local_datetime
from radiodesk.tui.dialogs.base import DeskDialog
from radiodesk.tui.dialogs.confirm import ConfirmDialog


@dataclass(frozen=True)
class SpecialRequest:
    """A one-off airing as the operator typed it; ``start`` is UTC."""

    show_slug: str
    start: datetime
    minutes: int
    title: str
    topic: str
    reason: str


@dataclass(frozen=True)
class MoveRequest:
    """Where an airing should go (``start`` UTC) and why."""

    broadcast_id: int
    start: datetime
    reason: str


def read_minutes(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise InputError(
            _("duration: '{value}' is not a number of minutes").format(value=text)
        ) from None


class SpecialDialog(DeskDialog[str | None]):
    """Add a special: programme, start (station time, now by default), minutes, title,
    topic, reason. It saves itself: a refusal is shown in the form with every field kept;
    an overlap is added only after the operator confirms it. Dismissed with what was done.
    """

    DEFAULT_CSS = """
    SpecialDialog #hint.-error { color: $error; text-style: bold; }
    """
    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), priority=True)]

    class Saved(Message):
        """The special was committed; ``note`` says so in the operator's words."""

        def __init__(self, note: str) -> None:
            super().__init__()
            self.note = note

    def __init__(self, shows: list[tuple[str, str]], zone: str, start: str) -> None:
        super().__init__()
        self.shows = shows
        self.zone = zone
        self.start = start
        self.saving = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Add a special"), classes="dialog-title")
            # Above the fields: at 80×24 a refusal must be in sight, not scrolled away.
            yield Static(
                _("Start in station time. Ctrl+S or Enter saves, Esc cancels."),
                classes="hint",
                id="hint",
            )
            with Grid(classes="form"):
                yield Label(_("Programme"))
                yield Select(
                    [(title, slug) for slug, title in self.shows], id="show", allow_blank=False
                )
                yield Label(_("Start"))
                yield Input(self.start, id="start", placeholder="2026-11-30 10:00")
                yield Label(_("Minutes"))
                yield Input("60", id="minutes")
                yield Label(_("Title"))
                yield Input(id="title")
                yield Label(_("Topic"))
                yield Input(id="topic")
                yield Label(_("Reason"))
                yield Input(id="reason")

    def on_mount(self) -> None:
        # The scrolling form would take the focus first; the programme is the first field.
        self.query_one("#show", Select).focus()

    def say(self, text: str, *, error: bool = False) -> None:
        hint = self.query_one("#hint", Static)
        hint.update(text)
        hint.set_class(error, "-error")

    @on(Input.Submitted)
    def action_save(self) -> None:
        self.send(allow_overlap=False)

    def send(self, *, allow_overlap: bool) -> None:
        if self.saving:
            return
        values = {w.id: w.value for w in self.query(Input) if w.id}
        try:
            start = parse_local_datetime(values["start"], ZoneInfo(self.zone), _("start"))
            minutes = read_minutes(values["minutes"])
        except InputError as err:
            self.say(str(err), error=True)
            return
        request = SpecialRequest(
            show_slug=str(self.query_one("#show", Select).value),
            start=start,
            minutes=minutes,
            title=values["title"].strip(),
            topic=values["topic"].strip(),
            reason=values["reason"].strip(),
        )
        self.saving = True
        self.say(_("Saving…"))
        self.save(request, allow_overlap)

    @work(thread=True, exclusive=True, exit_on_error=False, group="special")
    def save(self, request: SpecialRequest, allow_overlap: bool) -> None:
        desk = self.desk
        with db.unit_of_work(desk.settings) as session:
            airing = add_special(
                session,
                desk.settings,
                request.show_slug,
                request.start,
                request.minutes,
                request.title,
                now=desk.clock(),
                reason=request.reason,
                topic=request.topic,
                allow_overlap=allow_overlap,
            )
        note = _("Saved: {title} on {when}.").format(
            title=airing.title, when=format_datetime(airing.planned_start, self.zone)
        )
        self.post_message(self.Saved(note))

    def on_special_dialog_saved(self, message: Saved) -> None:
        self.dismiss(message.note)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Shown here, in the form: DeskDialog's handler (a toast) must not run as well.
        event.prevent_default()
        error = event.worker.error
        if event.state is not WorkerState.ERROR or error is None:
            return
        self.saving = False
        if isinstance(error, Conflict):
            self.say(str(error), error=True)

            def answered(yes: bool | None) -> None:
                if yes:
                    self.send(allow_overlap=True)

            self.app.push_screen(
                ConfirmDialog(
                    _("{reason} Add the special anyway, overlapping?").format(reason=error),
                    yes=_("Add anyway"),
                    no=_("Change it"),
                ),
                answered,
            )
        elif isinstance(error, RadiodeskError):
            self.say(str(error), error=True)
        else:
            self.desk.report_error(error)
            self.say(_("Not saved."), error=True)


class MoveDialog(DeskDialog[MoveRequest | None]):
    """Move an airing: the new start (station time) and the reason."""

    def __init__(self, broadcast_id: int, what: str, zone: str, start: str) -> None:
        super().__init__()
        self.broadcast_id = broadcast_id
        self.what = what
        self.zone = zone
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(_("Move {what}").format(what=self.what), classes="dialog-title")
            yield Label(_("New start (station time, e.g. 2026-11-30 10:00)"))
            yield Input(self.start, id="start")
            yield Label(_("Reason"))
            yield Input(id="reason")
            yield Static(_("Enter continues, Esc cancels."), classes="hint", id="hint")

    @on(Input.Submitted)
    def _submitted(self) -> None:
        try:
            start = parse_local_datetime(
                self.query_one("#start", Input).value, ZoneInfo(self.zone), _("start")
            )
        except InputError as err:
            self.query_one("#hint", Static).update(str(err))
            return
        reason = self.query_one("#reason", Input).value.strip()
        if not reason:
            self.query_one("#reason", Input).focus()
            self.query_one("#hint", Static).update(_("Say why (it is kept in the history)."))
            return
        self.dismiss(MoveRequest(self.broadcast_id, start, reason))
