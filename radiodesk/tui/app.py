"""The desk application, and the one factory that builds it for the CLI and the tests.

``make_app(settings, clock=...)`` is the only way the desk is built: ``radiodesk`` (via
:func:`run_desk`), the pilot tests and the snapshot tests all go through it, so they run the
same app with the station home and the clock passed in.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import cast

from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from radiodesk import db
from radiodesk.changes import ChangeWatch
from radiodesk.clock import Clock, system_clock
from radiodesk.config import Settings
from radiodesk.errorlog import record_error
from radiodesk.errors import RadiodeskError
from radiodesk.i18n import N_, _
from radiodesk.interviews import operator_name
from radiodesk.logger import logger_settings
from radiodesk.logger.state import air_warning
from radiodesk.tui.bindings import translate_bindings
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.keys import KeysDialog
from radiodesk.tui.keygate import KeyGateApp
from radiodesk.tui.screens.archive import ArchiveScreen
from radiodesk.tui.screens.base import DeskScreen
from radiodesk.tui.screens.followups import FollowupsScreen
from radiodesk.tui.screens.guests import GuestsScreen
from radiodesk.tui.screens.on_air import OnAirScreen
from radiodesk.tui.screens.publish import PublishScreen
from radiodesk.tui.screens.schedule import ScheduleScreen
from radiodesk.tui.textual_texts import DeskCommandPalette, quit_hint
from radiodesk.tui.widgets.chrome import SCREENS

# Seconds between two attempts to reach a database that went away.
RETRY_SECONDS = 3.0
# Seconds between two looks for changes made elsewhere (another desk, the CLI, the logger).
CHANGE_SECONDS = 0.5
# Seconds between two looks at the air logger's heartbeat (the warning follows within 10 s:
# a heartbeat is stale after 8 s).
LOGGER_SECONDS = 2.0


class DeskApp(KeyGateApp):
    """The studio desk. Build it with :func:`make_app`."""

    CSS_PATH = "desk.tcss"
    TITLE = "radiodesk"
    MODES = {
        "on_air": OnAirScreen,
        "schedule": ScheduleScreen,
        "guests": GuestsScreen,
        "archive": ArchiveScreen,
        "publish": PublishScreen,
        "followups": FollowupsScreen,
    }
    DEFAULT_MODE = "on_air"
    BINDINGS = [
        *(
            Binding(key, f"switch_mode('{mode}')", title, show=False)
            for mode, key, title in SCREENS
        ),
        Binding("f10", "keys", N_("Keys")),
        Binding("question_mark", "keys", N_("Keys"), show=False),
        Binding("ctrl+q", "quit", N_("Quit"), priority=True),
    ]

    # The one line saying why the database cannot be reached; empty while all is well.
    database_problem: reactive[str] = reactive("")
    # The warning that a broadcast on air is not being recorded; empty while all is well.
    logger_warning: reactive[str] = reactive("")

    class DatabaseBack(Message):
        """The database answers again."""

    def __init__(
        self, settings: Settings, clock: Clock = system_clock, operator: str | None = None
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.settings = settings
        self.clock = clock
        # Who is at the desk: every change records it (asked once when nobody is known).
        self.operator = operator_name(operator)
        # The title of the broadcast on air, kept by the On Air screen: quitting asks first.
        self.on_air_title: str | None = None
        self._retry: Timer | None = None
        self.title = settings.station.name
        self._stop_watching = threading.Event()

    def on_mount(self) -> None:
        # A thread of its own, not a worker: it runs as long as the desk (tests wait for
        # every worker to finish).
        threading.Thread(target=self._watch_changes, name="desk-changes", daemon=True).start()
        if self._station_has_logger():
            self.check_logger()
            self.set_interval(LOGGER_SECONDS, self.check_logger)

    def _station_has_logger(self) -> bool:
        """A station with a logger source set up (a broken [logger] table counts: warn)."""
        try:
            return bool(logger_settings(self.settings).source)
        except RadiodeskError:
            return True

    @work(thread=True, exclusive=True, exit_on_error=False, group="logger")
    def check_logger(self) -> None:
        """Read the logger's state; a database that does not answer keeps the old words
        (the database banner says so already)."""
        try:
            with db.unit_of_work(self.settings) as session:
                warning = air_warning(session, self.clock(), self.settings.zone)
        except (db.DatabaseError, OperationalError, InterfaceError):
            return
        self.call_from_thread(setattr, self, "logger_warning", warning)

    def on_unmount(self) -> None:
        self._stop_watching.set()

    def _watch_changes(self) -> None:
        """Look for commits made anywhere; the screen shown reads again when there are."""
        watch = ChangeWatch(self.settings)
        try:
            while not self._stop_watching.wait(CHANGE_SECONDS):
                if watch.changed() and not self._stop_watching.is_set():
                    try:
                        self.call_from_thread(self.changed_elsewhere)
                    except RuntimeError:  # the desk is closing
                        return
        finally:
            watch.close()

    def changed_elsewhere(self) -> None:
        """Something was committed: the desk screen in view (under any dialog) reads again."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, DeskScreen):
                screen.changed_elsewhere()
                return

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for mode, _key, title in SCREENS:
            yield SystemCommand(
                _(title),
                _("Show the {screen} screen").format(screen=_(title)),
                lambda mode=mode: self.switch_mode(mode),  # type: ignore[misc]
            )
        yield from screen_commands(screen)
        yield SystemCommand(_("Keys"), _("Show the keys of this screen"), self.action_keys)
        yield SystemCommand(_("Quit"), _("Close the desk"), self.action_quit)

    def action_keys(self) -> None:
        """The help overlay: every key of the screen in view, and the desk's own."""
        screen = self.screen
        if isinstance(screen, KeysDialog):
            return
        own: list[tuple[str, str]] = []
        desk: list[tuple[str, str]] = []
        for active in screen.active_bindings.values():
            binding = active.binding
            # The desk's keys only: a text field's own (cursor, selection) are Textual's.
            if not isinstance(active.node, Screen | App):
                continue
            if binding.description and active.enabled:
                line = (self.get_key_display(binding), binding.description)
                if line not in own + desk:
                    (desk if active.node is self else own).append(line)
        self.push_screen(KeysDialog(screen.sub_title or self.title, own + desk))

    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the desk's language, which key quits."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                message, title = quit_hint(self.get_key_display(active.binding) or key)
                self.notify(message, title=title)
                return

    def action_command_palette(self) -> None:
        """Textual's command palette, with its texts in the desk's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(DeskCommandPalette())

    async def action_quit(self) -> None:
        """Quit; while a broadcast is on air, ask first."""
        if not self.on_air_title:
            self.exit()
            return
        question = _("{title} is on air. Quit the desk anyway?").format(title=self.on_air_title)

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(ConfirmDialog(question, yes=_("Quit"), no=_("Stay")), answered)

    # -- errors from workers: one place ---------------------------------------------------

    def report_error(self, error: BaseException) -> None:
        """Show a worker's error: one line for the operator, never a traceback."""
        if isinstance(error, db.DatabaseError | OperationalError | InterfaceError):
            self.database_lost(str(error))
        elif isinstance(error, RadiodeskError):
            self.notify(str(error), title=_("Not done"), severity="error", timeout=8)
        else:
            log = record_error(
                error, "radiodesk desk", self.settings.archive_dir, self.settings.sharing
            )
            self.notify(
                _("Unexpected error: {kind}: {message} (details in {log})").format(
                    kind=type(error).__name__,
                    message=(str(error).splitlines() or [""])[0],
                    log=log or "-",
                ),
                title=_("Not done"),
                severity="error",
                timeout=12,
            )

    # -- a database that went away, and came back -----------------------------------------

    def database_lost(self, reason: str) -> None:
        """Show the banner and try the database again every few seconds until it answers."""
        self.database_problem = reason or _("no answer")
        if self._retry is None:
            self._retry = self.set_interval(RETRY_SECONDS, self.probe_database)

    @work(thread=True, exclusive=True, exit_on_error=False, group="probe")
    def probe_database(self) -> None:
        """One short unit of work; posts DatabaseBack when it succeeds."""
        try:
            with db.unit_of_work(self.settings) as session:
                session.execute(text("SELECT 1"))
        except (db.DatabaseError, OperationalError, InterfaceError) as err:
            self.call_from_thread(setattr, self, "database_problem", str(err))
            return
        self.post_message(self.DatabaseBack())

    def on_desk_app_database_back(self, _message: DatabaseBack) -> None:
        if self._retry is not None:
            self._retry.stop()
            self._retry = None
        if self.database_problem:
            self.database_problem = ""
            self.notify(_("The database answers again."), title=_("Database"))
            reload = getattr(self.screen, "reload", None)
            if reload is not None:
                reload()


def screen_commands(screen: Screen[object]) -> Iterable[SystemCommand]:
    """The commands a screen offers in the palette (its ``commands()``), if any."""
    commands = getattr(screen, "commands", None)
    if commands is None:
        return ()
    return list(commands())


def make_app(
    settings: Settings, clock: Clock = system_clock, operator: str | None = None
) -> DeskApp:
    """The desk for the station ``settings``; ``clock`` says now (UTC), fixed in tests;
    ``operator`` is who is at the desk (default: RADIODESK_OPERATOR, else the login name)."""
    return DeskApp(settings, clock=clock, operator=operator)


def run_desk(settings: Settings) -> None:
    """Open the desk in this terminal until the operator quits."""
    make_app(settings).run()
