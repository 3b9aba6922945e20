"""Follow-ups: listeners' questions and complaints by agency; open one, record the answer,
change its status. Agencies are offered from the station's list (radiodesk.toml's [[agency]] tables)."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Static

from radiodesk import db
from radiodesk.agencies import NO_AGENCIES, AgencyList
from radiodesk.i18n import N_, _
from radiodesk.interviews import (
    AgencyFollowUps,
    FollowUp,
    FollowUpDetail,
    followup_detail,
    list_followups,
    set_followup,
)
from radiodesk.models import FollowupStatus
from radiodesk.tui.data import short_moment
from radiodesk.tui.dialogs.followup import (
    STATUS_LABELS,
    STATUS_STYLES,
    FollowUpAnswer,
    FollowUpDialog,
)
from radiodesk.tui.dialogs.person import ChoiceDialog
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.screens.base import DeskScreen
from radiodesk.tui.widgets.live_log import KIND_LABELS


class FollowupsScreen(DeskScreen):
    """Every question and complaint not closed yet, grouped by the agency that must answer."""

    MODE = "followups"
    AUTO_FOCUS = "#followups"
    CSS_PATH = "followups.tcss"
    BINDINGS = [
        # Before the table's own Enter: the key bar shows it, and it opens the whole item.
        Binding("enter", "open_item", N_("Open / answer"), priority=True),
        Binding("s", "set_status", N_("Change status")),
        Binding("f", "filter_agency", N_("Agency filter")),
        Binding("c", "toggle_closed", N_("Closed / open")),
    ]

    class Loaded(Message):
        def __init__(
            self, groups: list[AgencyFollowUps], agencies: AgencyList, ticket: int
        ) -> None:
            super().__init__()
            self.groups = groups
            self.agencies = agencies
            self.ticket = ticket

    class DetailRead(Message):
        """One item read in full, to show in its dialog."""

        def __init__(self, detail: FollowUpDetail) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self) -> None:
        super().__init__()
        self.items: list[FollowUp] = []
        self.agencies: AgencyList = NO_AGENCIES
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
        """Read the list (and the station's agencies) again; only the latest read is shown."""
        self.load(self.agency, self.closed, self.ticket("followups"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="followups-load")
    def load(self, agency: str, closed: bool, ticket: int) -> None:
        # Read afresh off the UI thread: reloads come every few seconds while a logger runs.
        agencies = self.station_agencies()
        with db.unit_of_work(self.settings) as session:
            groups = list_followups(
                session,
                agency=agency or None,
                status=FollowupStatus.CLOSED if closed else None,
                agencies=agencies,
            )
        self.post_message(self.Loaded(groups, agencies, ticket))

    def on_followups_screen_loaded(self, message: Loaded) -> None:
        if not self.is_latest("followups", message.ticket):
            return
        self.agencies = message.agencies
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
        if not self.closed and self.items:
            # By status: answering one changes these even while it stays on the list.
            counts = {s: sum(1 for i in self.items if i.status == s) for s in FollowupStatus}
            heading += (
                " ("
                + " · ".join(f"{_(STATUS_LABELS[s])} {n}" for s, n in counts.items() if n)
                + ")"
            )
        if self.agency:
            heading += " · " + _("agency: {agency}").format(agency=self.agency)
        self.query_one("#heading", Static).update(Text(heading, style="bold"))

    def selected(self) -> FollowUp | None:
        table = self.query_one("#followups", DataTable)
        if not self.items or not 0 <= table.cursor_row < len(self.items):
            return None
        return self.items[table.cursor_row]

    def agency_names(self) -> list[str]:
        """Agencies to offer: the station's list, then any other typed before."""
        return self.agencies.suggestions(*(i.agency for i in self.items))

    def action_open_item(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.read_detail(item.entry_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="followups-detail")
    def read_detail(self, entry_id: int) -> None:
        with db.unit_of_work(self.settings) as session:
            detail = followup_detail(session, entry_id)
        self.post_message(self.DetailRead(detail))

    def on_followups_screen_detail_read(self, message: DetailRead) -> None:
        def recorded(change: FollowUpAnswer | None) -> None:
            if change is not None:
                self.save_status(
                    change.entry_id,
                    change.status,
                    agency=change.agency or None,
                    answer=change.answer,
                )

        self.app.push_screen(
            FollowUpDialog(message.detail, self.zone_name, self.agency_names()), recorded
        )

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
                _(
                    "Part of the name or a short name (PU, Dinkes) is enough; empty shows every agency."
                ),
                value=self.agency,
                suggestions=self.agency_names(),
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
                        suggestions=self.agency_names(),
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
        self,
        entry_id: int,
        status: str,
        *,
        agency: str | None = None,
        answer: str | None = None,
    ) -> None:
        with db.unit_of_work(self.settings) as session:
            item = set_followup(
                session,
                entry_id,
                status,
                now=self.now(),
                agency=agency,
                answer=answer,
                agencies=self.agencies,
                author=self.desk.operator,
            )
        note = _("{kind} is now {status}.").format(
            kind=_(KIND_LABELS.get(item.kind, item.kind)).capitalize(),
            status=_(STATUS_LABELS.get(item.status, item.status)),
        )
        self.post_message(self.Changed(note))

    def on_desk_screen_changed(self, message: DeskScreen.Changed) -> None:
        self.notify(message.note)
        self.reload()
