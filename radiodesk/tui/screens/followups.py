"""Follow-ups: listeners' questions and complaints by agency; change their status."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from radiodesk import db
from radiodesk.i18n import N_, _
from radiodesk.interviews import AgencyFollowUps, FollowUp, list_followups, set_followup
from radiodesk.models import FollowupStatus
from radiodesk.tui.data import short_moment
from radiodesk.tui.dialogs.person import ChoiceDialog
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.screens.base import DeskScreen
from radiodesk.tui.widgets.live_log import KIND_LABELS

STATUS_LABELS = {
    FollowupStatus.OPEN: N_("open"),
    FollowupStatus.FORWARDED: N_("forwarded"),
    FollowupStatus.ANSWERED: N_("answered"),
    FollowupStatus.CLOSED: N_("closed"),
}
STATUS_STYLES = {
    FollowupStatus.OPEN: "bold red",
    FollowupStatus.FORWARDED: "yellow",
    FollowupStatus.ANSWERED: "green",
    FollowupStatus.CLOSED: "dim",
}


class FollowupsScreen(DeskScreen):
    """Every question and complaint not closed yet, grouped by the agency that must answer."""

    MODE = "followups"
    AUTO_FOCUS = "#followups"
    CSS_PATH = "followups.tcss"
    BINDINGS = [
        Binding("s", "set_status", N_("Change status")),
        Binding("f", "filter_agency", N_("Agency filter")),
        Binding("c", "toggle_closed", N_("Closed / open")),
    ]

    class Loaded(Message):
        def __init__(self, groups: list[AgencyFollowUps], ticket: int) -> None:
            super().__init__()
            self.groups = groups
            self.ticket = ticket

    def __init__(self) -> None:
        super().__init__()
        self.items: list[FollowUp] = []
        self.agency = ""
        self.closed = False

    def compose_body(self) -> ComposeResult:
        yield Static(id="heading")
        yield DataTable(id="followups", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#followups", DataTable).add_columns(
            _("Agency"), _("When"), _("Kind"), _("Status"), _("What the listener said")
        )

    def reload(self) -> None:
        """Read the list again; only the latest read is shown."""
        self.load(self.agency, self.closed, self.ticket("followups"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="followups-load")
    def load(self, agency: str, closed: bool, ticket: int) -> None:
        with db.unit_of_work(self.settings) as session:
            groups = list_followups(
                session, agency=agency or None, status=FollowupStatus.CLOSED if closed else None
            )
        self.post_message(self.Loaded(groups, ticket))

    def on_followups_screen_loaded(self, message: Loaded) -> None:
        if not self.is_latest("followups", message.ticket):
            return
        table = self.query_one("#followups", DataTable)
        keep = table.cursor_row
        table.clear()
        self.items = []
        for group in message.groups:
            for i, item in enumerate(group.items):
                self.items.append(item)
                table.add_row(
                    Text(group.agency or _("(not passed on yet)"), style="bold") if i == 0 else "",
                    short_moment(item.at, self.zone_name),
                    _(KIND_LABELS.get(item.kind, item.kind)),
                    Text(
                        _(STATUS_LABELS.get(item.status, item.status)),
                        style=STATUS_STYLES.get(item.status, ""),
                    ),
                    item.text,
                )
        if self.items:
            table.move_cursor(row=min(keep, len(self.items) - 1))
        what = (
            _("Closed questions and complaints")
            if self.closed
            else _("Open questions and complaints")
        )
        heading = _("{what}: {count}").format(what=what, count=len(self.items))
        if self.agency:
            heading += " · " + _("agency: {agency}").format(agency=self.agency)
        self.query_one("#heading", Static).update(Text(heading, style="bold"))

    def selected(self) -> FollowUp | None:
        table = self.query_one("#followups", DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return None
        return self.items[table.cursor_row]

    def action_toggle_closed(self) -> None:
        self.closed = not self.closed
        self.reload()

    def action_filter_agency(self) -> None:
        def given(agency: str | None) -> None:
            if agency is not None:
                self.agency = agency
                self.reload()

        self.app.push_screen(
            TextPrompt(
                _("Show the follow-ups of which agency?"),
                _("Part of the name is enough; empty shows every agency."),
                value=self.agency,
                required=False,
            ),
            given,
        )

    def action_set_status(self) -> None:
        item = self.selected()
        if item is None:
            return

        def chosen(status: str | None) -> None:
            if status is None or status == item.status:
                return

            def with_agency(agency: str | None) -> None:
                if agency and status:
                    self.save_status(item.entry_id, status, agency=agency)

            def with_answer(answer: str | None) -> None:
                if answer and status:
                    self.save_status(item.entry_id, status, answer=answer)

            if status == FollowupStatus.FORWARDED:
                self.app.push_screen(
                    TextPrompt(
                        _("Forwarded to which agency?"),
                        value=item.agency,
                        suggestions=sorted({i.agency for i in self.items if i.agency}),
                    ),
                    with_agency,
                )
            elif status == FollowupStatus.ANSWERED:
                self.app.push_screen(
                    TextPrompt(_("What did the agency answer?"), value=item.answer), with_answer
                )
            else:
                self.save_status(item.entry_id, status)

        self.app.push_screen(
            ChoiceDialog(
                _("Status of: {text}").format(text=item.text),
                [(_(STATUS_LABELS[s]), s) for s in FollowupStatus],
                item.status,
            ),
            chosen,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="followups-change")
    def save_status(
        self, entry_id: int, status: str, *, agency: str | None = None, answer: str | None = None
    ) -> None:
        with db.unit_of_work(self.settings) as session:
            item = set_followup(
                session, entry_id, status, now=self.now(), agency=agency, answer=answer
            )
        note = _("{kind} is now {status}.").format(
            kind=_(KIND_LABELS.get(item.kind, item.kind)).capitalize(),
            status=_(STATUS_LABELS.get(item.status, item.status)),
        )
        self.post_message(self.Changed(note))

    def on_desk_screen_changed(self, message: DeskScreen.Changed) -> None:
        self.notify(message.note)
        self.reload()
