"""Filters of the archive search: programme, person, institution, dates, audio only."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Checkbox, Input, Label, Select, Static

from radiodesk.errors import InputError
from radiodesk.i18n import N_, _
from radiodesk.search import SearchFilters
from radiodesk.timeinput import parse_day
from radiodesk.tui.dialogs.base import DeskDialog


class FilterDialog(DeskDialog[SearchFilters | None]):
    """Edit the filters; Enter or Ctrl+S applies them, Esc leaves them as they were."""

    BINDINGS = [Binding("ctrl+s", "apply", N_("Apply"), priority=True)]

    def __init__(self, filters: SearchFilters, shows: list[tuple[str, str]]) -> None:
        super().__init__()
        self.filters = filters
        self.shows = shows

    def compose(self) -> ComposeResult:
        f = self.filters
        with VerticalScroll(classes="dialog"):
            yield Static(_("Search filters"), classes="dialog-title")
            yield Label(_("Programme"))
            yield Select(
                [(title, slug) for slug, title in self.shows],
                value=f.shows[0] if f.shows else Select.NULL,
                prompt=_("every programme"),
                id="show",
            )
            yield Label(_("Person"))
            yield Input(f.person or "", id="person")
            yield Label(_("Institution"))
            yield Input(f.institution or "", id="institution")
            yield Label(_("From (e.g. 2026-11-01)"))
            yield Input(f.date_from.isoformat() if f.date_from else "", id="from")
            yield Label(_("To (e.g. 2026-11-30)"))
            yield Input(f.date_to.isoformat() if f.date_to else "", id="to")
            yield Checkbox(_("Only broadcasts with audio"), f.has_audio, id="audio")
            yield Static(_("Enter or Ctrl+S applies, Esc cancels."), classes="hint", id="hint")

    def on_mount(self) -> None:
        # The scrolling form would take the focus first; the programme is the first field.
        self.query_one("#show", Select).focus()

    @on(Input.Submitted)
    def action_apply(self) -> None:
        values = {w.id: w.value.strip() for w in self.query(Input) if w.id}
        try:
            date_from = parse_day(values["from"], _("from")) if values["from"] else None
            date_to = parse_day(values["to"], _("to")) if values["to"] else None
        except InputError as err:
            self.query_one("#hint", Static).update(str(err))
            return
        show = self.query_one("#show", Select).value
        self.dismiss(
            SearchFilters(
                shows=(str(show),) if isinstance(show, str) else (),
                person=values["person"] or None,
                institution=values["institution"] or None,
                date_from=date_from,
                date_to=date_to,
                has_audio=self.query_one("#audio", Checkbox).value,
            )
        )
