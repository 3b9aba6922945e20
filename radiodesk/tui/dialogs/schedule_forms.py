"""Forms of the Schedule screen: a special, and moving an airing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from radiodesk.errors import InputError
from radiodesk.i18n import N_, _
from radiodesk.timeinput import parse_local_datetime
from radiodesk.tui.dialogs.base import DeskDialog


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


class SpecialDialog(DeskDialog[SpecialRequest | None]):
    """Add a special: programme, start (station time), minutes, title, topic, reason."""

    BINDINGS = [Binding("ctrl+s", "save", N_("Save"), priority=True)]

    def __init__(self, shows: list[tuple[str, str]], zone: str, start: str) -> None:
        super().__init__()
        self.shows = shows
        self.zone = zone
        self.start = start

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog"):
            yield Static(_("Add a special"), classes="dialog-title")
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
            yield Static(
                _("Start in station time. Ctrl+S or Enter saves, Esc cancels."),
                classes="hint",
                id="hint",
            )

    def on_mount(self) -> None:
        # The scrolling form would take the focus first; the programme is the first field.
        self.query_one("#show", Select).focus()

    @on(Input.Submitted)
    def action_save(self) -> None:
        values = {w.id: w.value for w in self.query(Input) if w.id}
        try:
            start = parse_local_datetime(values["start"], ZoneInfo(self.zone), _("start"))
            minutes = read_minutes(values["minutes"])
        except InputError as err:
            self.query_one("#hint", Static).update(str(err))
            return
        self.dismiss(
            SpecialRequest(
                show_slug=str(self.query_one("#show", Select).value),
                start=start,
                minutes=minutes,
                title=values["title"].strip(),
                topic=values["topic"].strip(),
                reason=values["reason"].strip(),
            )
        )


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
