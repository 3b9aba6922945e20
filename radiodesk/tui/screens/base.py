"""What every desk screen shares: tab bar, database banner, footer, and worker errors.

Slow work runs in thread workers started from the screen (``@work(thread=True,
exclusive=True, exit_on_error=False, group=...)``). Each worker opens its own unit of work
with ``radiodesk.db.unit_of_work`` and posts its result as a message of the screen. A worker
that fails lands in :meth:`DeskScreen.on_worker_state_changed`, which hands the error to the
app's one error handler and then lets the screen undo its "busy" state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from radiodesk.agencies import NO_AGENCIES, AgencyList, load_agencies
from radiodesk.config import Settings
from radiodesk.errors import ConfigError
from radiodesk.i18n import _
from radiodesk.tui.bindings import translate_bindings
from radiodesk.tui.widgets.chrome import SCREENS, DatabaseBanner, TabBar
from radiodesk.tui.widgets.key_bar import KeyBar
from radiodesk.tui.widgets.logger_banner import LoggerBanner

if TYPE_CHECKING:
    from datetime import datetime

    from radiodesk.tui.app import DeskApp


class DeskScreen(Screen[None]):
    """A screen of the desk. Subclasses set ``MODE`` and write :meth:`compose_body`."""

    MODE: ClassVar[str] = ""

    class Changed(Message):
        """A worker changed and committed something the screen shows: ``note`` says what,
        ``chosen`` is the row to keep chosen (an episode, a person) when there is one.
        Each screen answers it in ``on_desk_screen_changed``."""

        def __init__(self, note: str, chosen: int | None = None) -> None:
            super().__init__()
            self.note = note
            self.chosen = chosen

    def __init__(self) -> None:
        super().__init__()
        translate_bindings(self)
        self._tickets: dict[str, int] = {}
        self._agency_problem = ""

    def ticket(self, reader: str) -> int:
        """A number for a new read by ``reader`` (e.g. "state"); pass it to the worker and
        back with its result, and show the result only if :meth:`is_latest` says so.

        Reads overlap (one on showing the screen, one after a change): an older read that
        finishes last would otherwise put back what the change replaced.
        """
        self._tickets[reader] = self._tickets.get(reader, 0) + 1
        return self._tickets[reader]

    def is_latest(self, reader: str, ticket: int) -> bool:
        return self._tickets.get(reader) == ticket

    @property
    def desk(self) -> DeskApp:
        return cast("DeskApp", self.app)

    @property
    def settings(self) -> Settings:
        return self.desk.settings

    def now(self) -> datetime:
        """Now, in UTC, from the desk's clock."""
        return self.desk.clock()

    @property
    def zone_name(self) -> str:
        return self.settings.station.timezone

    def station_agencies(self) -> AgencyList:
        """The station's agencies (the [[agency]] tables of radiodesk.toml), read afresh: an edit of the
        file shows at the next read. A mistake in the file is said once; the list is then
        taken as empty (agencies can still be typed)."""
        try:
            agencies = load_agencies(self.settings.home)
        except ConfigError as err:
            if str(err) != self._agency_problem:
                self._agency_problem = str(err)
                self.notify(str(err), title=_("Agency list"), severity="error", timeout=8)
            return NO_AGENCIES
        self._agency_problem = ""
        return agencies

    def compose(self) -> ComposeResult:
        yield TabBar(self.MODE, self.settings.station.short_name or self.settings.station.name)
        yield DatabaseBanner()
        yield LoggerBanner()
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.sub_title = dict((m, _(t)) for m, _k, t in SCREENS).get(self.MODE, "")
        self.watch(self.desk, "database_problem", self._database_problem, init=True)

    def _database_problem(self, problem: str) -> None:
        self.query_one(DatabaseBanner).show_problem(problem)

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Load what the screen shows again (on showing it, and when the database is back)."""

    def changed_elsewhere(self) -> None:
        """Something was committed (here or in another program): show it."""
        self.reload()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.desk.report_error(event.worker.error)
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Undo the screen's busy state after ``worker`` failed (the error is shown already)."""
