"""Schedule: the week grid; add a special, cancel or move an airing; overlaps marked."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from radiodesk import db
from radiodesk.i18n import N_, _, format_date, format_datetime, format_time, weekday_name
from radiodesk.models import BroadcastStatus
from radiodesk.schedule import (
    WeekGrid,
    cancel_airing,
    move_airing,
    week_grid,
)
from radiodesk.schedule.grid import GridItem
from radiodesk.tui.data import active_shows
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.dialogs.schedule_forms import (
    MoveDialog,
    MoveRequest,
    SpecialDialog,
)
from radiodesk.tui.screens.base import DeskScreen

STATUS_MARKS = {
    BroadcastStatus.CANCELLED: N_("cancelled"),
    BroadcastStatus.ON_AIR: N_("on air"),
    BroadcastStatus.AIRED: N_("aired"),
    BroadcastStatus.PLANNED: "",
}


class ScheduleScreen(DeskScreen):
    """One week, Monday to Sunday, in the station's zone."""

    MODE = "schedule"
    AUTO_FOCUS = "#grid"
    CSS_PATH = "schedule.tcss"
    BINDINGS = [
        Binding("a", "add_special", N_("Add special")),
        Binding("c", "cancel_airing", N_("Cancel airing")),
        Binding("m", "move_airing", N_("Move")),
        Binding("left_square_bracket,pageup", "week(-1)", N_("Week before")),
        Binding("right_square_bracket,pagedown", "week(1)", N_("Week after")),
        Binding("t", "this_week", N_("This week")),
    ]

    class Loaded(Message):
        def __init__(self, grid: WeekGrid, shows: list[tuple[str, str]], ticket: int) -> None:
            super().__init__()
            self.grid = grid
            self.shows = shows
            self.ticket = ticket

    def __init__(self) -> None:
        super().__init__()
        self.day: date | None = None
        self.grid: WeekGrid | None = None
        self.shows: list[tuple[str, str]] = []
        self.rows: list[GridItem] = []
        # "a" pressed before the programmes were read: the form opens when they are.
        self.special_wanted = False

    def compose_body(self) -> ComposeResult:
        yield Static(id="week")
        yield DataTable(id="grid", cursor_type="row", zebra_stripes=True)
        yield Static(id="conflicts")

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#grid", DataTable)
        table.add_columns(_("Day"), "#", _("Time"), _("Programme"))

    def today(self) -> date:
        return self.now().astimezone(ZoneInfo(self.zone_name)).date()

    def reload(self) -> None:
        if self.day is None:
            self.day = self.today()
        self.load(self.day)
        self.query_one("#grid").focus()

    @work(thread=True, exclusive=True, exit_on_error=False, group="schedule-load")
    def read_week(self, day: date, ticket: int) -> None:
        with db.unit_of_work(self.settings) as session:
            grid = week_grid(session, self.settings, day)
            shows = active_shows(session)
        self.post_message(self.Loaded(grid, shows, ticket))

    def load(self, day: date) -> None:
        """Read the week of ``day`` again; only the latest read is shown."""
        self.read_week(day, self.ticket("week"))

    def on_schedule_screen_loaded(self, message: Loaded) -> None:
        if not self.is_latest("week", message.ticket):
            return
        self.grid, self.shows = message.grid, message.shows
        grid = message.grid
        self.query_one("#week", Static).update(
            Text(
                _("Week of {start} to {end}").format(
                    start=format_date(grid.week_start), end=format_date(grid.week_end)
                ),
                style="bold",
            )
        )
        table = self.query_one("#grid", DataTable)
        keep = table.cursor_row
        table.clear()
        self.rows = []
        for grid_day in grid.days:
            label = f"{weekday_name(grid_day.day.weekday(), 'abbreviated')} {grid_day.day.day}"
            for i, item in enumerate(grid_day.items):
                self.rows.append(item)
                table.add_row(
                    label if i == 0 else "",
                    str(item.airing.id),
                    self.times(item),
                    programme_cell(item),
                )
        if self.rows:
            table.move_cursor(row=min(keep, len(self.rows) - 1))
        self.query_one("#conflicts", Static).update(self.conflicts_text(grid))
        if self.special_wanted:
            self.special_wanted = False
            self.action_add_special()

    def times(self, item: GridItem) -> str:
        start = format_time(item.local_start)
        end = format_time(item.local_end)
        return f"{start}–{end}" + ("+1" if item.ends_next_day else "")

    def conflicts_text(self, grid: WeekGrid) -> Text:
        if not grid.overlaps:
            return Text(_("No overlaps this week."), style="dim")
        text = Text(_("Overlaps this week:") + " ", style="bold red")
        text.append(
            "; ".join(
                _("{first} and {second} at {time}").format(
                    first=o.first.title,
                    second=o.second.title,
                    time=format_datetime(o.start, self.zone_name),
                )
                for o in grid.overlaps
            ),
            style="red",
        )
        return text

    def selected(self) -> GridItem | None:
        table = self.query_one("#grid", DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            self.notify(_("Choose an airing first."), severity="warning")
            return None
        return self.rows[table.cursor_row]

    def commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(_("Add special"), _("Add a one-off airing"), self.action_add_special),
            SystemCommand(
                _("Cancel airing"), _("Cancel the chosen airing"), self.action_cancel_airing
            ),
            SystemCommand(_("Move airing"), _("Move the chosen airing"), self.action_move_airing),
        ]

    # -- weeks -----------------------------------------------------------------------------

    def action_week(self, step: int) -> None:
        self.day = (self.day or self.today()) + timedelta(days=7 * step)
        self.load(self.day)

    def action_this_week(self) -> None:
        self.day = self.today()
        self.load(self.day)

    # -- changes ---------------------------------------------------------------------------

    def action_add_special(self) -> None:
        """The special's form, starting now by default; it saves itself and says so."""
        if not self.shows:
            self.special_wanted = True
            return
        start = self.now().astimezone(ZoneInfo(self.zone_name)).strftime("%Y-%m-%d %H:%M")

        def saved(note: str | None) -> None:
            if note:
                self.post_message(self.Changed(note))

        self.app.push_screen(SpecialDialog(self.shows, self.zone_name, start), saved)

    def describe(self, item: GridItem) -> str:
        return _("{title} on {when}").format(
            title=item.airing.title,
            when=format_datetime(item.airing.planned_start, self.zone_name),
        )

    def action_cancel_airing(self) -> None:
        item = self.selected()
        if item is None:
            return

        def reason_given(reason: str | None) -> None:
            if reason:
                self.save_cancel(item.airing.id, reason)

        self.app.push_screen(
            TextPrompt(
                _("Cancel {what}?").format(what=self.describe(item)),
                _("Type the reason and press Enter to cancel the airing; Esc keeps it."),
            ),
            reason_given,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="schedule-change")
    def save_cancel(self, broadcast_id: int, reason: str) -> None:
        with db.unit_of_work(self.settings) as session:
            airing = cancel_airing(session, self.settings, broadcast_id, reason, now=self.now())
        self.post_message(
            self.Changed(
                _("Cancelled {title} on {when}.").format(
                    title=airing.title, when=format_datetime(airing.planned_start, self.zone_name)
                )
            )
        )

    def action_move_airing(self) -> None:
        item = self.selected()
        if item is None:
            return
        start = item.airing.planned_start.astimezone(ZoneInfo(self.zone_name))

        def confirm(request: MoveRequest | None) -> None:
            if request is None:
                return
            question = _("Move {what} to {when}?").format(
                what=self.describe(item), when=format_datetime(request.start, self.zone_name)
            )

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self.save_move(request)

            self.app.push_screen(ConfirmDialog(question, yes=_("Move"), no=_("Keep")), confirmed)

        self.app.push_screen(
            MoveDialog(
                item.airing.id,
                self.describe(item),
                self.zone_name,
                start.strftime("%Y-%m-%d %H:%M"),
            ),
            confirm,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="schedule-change")
    def save_move(self, request: MoveRequest) -> None:
        with db.unit_of_work(self.settings) as session:
            airing = move_airing(
                session,
                self.settings,
                request.broadcast_id,
                request.start,
                request.reason,
                now=self.now(),
            )
        self.post_message(
            self.Changed(
                _("Moved {title} to {when}.").format(
                    title=airing.title, when=format_datetime(airing.planned_start, self.zone_name)
                )
            )
        )

    def on_desk_screen_changed(self, message: DeskScreen.Changed) -> None:
        self.notify(message.note)
        if self.day is not None:
            self.load(self.day)


def programme_cell(item: GridItem) -> Text:
    """The title (struck through when cancelled), then its marks: status, special, moved,
    and overlaps in red."""
    airing = item.airing
    text = Text(
        airing.title, style="strike dim" if airing.status == BroadcastStatus.CANCELLED else ""
    )
    marks = [_(STATUS_MARKS[airing.status])] if STATUS_MARKS.get(airing.status) else []
    if airing.special:
        marks.append(_("special"))
    if airing.moved:
        marks.append(_("moved"))
    if marks:
        text.append("  (" + ", ".join(marks) + ")", style="italic")
    if item.overlaps:
        text.append(
            "  " + _("⚠ overlaps {ids}").format(ids=", ".join(f"#{i}" for i in item.overlaps)),
            style="bold red",
        )
    return text
