"""On Air: the broadcast now, the big clock, the guests, and the live log.

The typing line always has the focus. Enter saves what it holds as a note; F7 as a segment.
F8 and F9 open a short form for a listener's question or complaint (the text typed is in it)
with the caller, where they call from, the channel and the agency. Ctrl+D deletes the
highlighted entry, or restores a deleted one (they stay in view, struck through), after
asking. An entry appears in the list only once its unit of work has committed; a save that
fails leaves the text in the line and says why.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static
from textual.worker import Worker

from radiodesk import db
from radiodesk.agencies import NO_AGENCIES, AgencyList
from radiodesk.i18n import N_, _, format_time
from radiodesk.interviews import (
    add_appearance,
    add_entry,
    add_person,
    edit_person,
)
from radiodesk.models import LISTENER_KINDS, Consent, LogKind
from radiodesk.schedule.asrun import start_broadcast, stop_broadcast
from radiodesk.tui.data import OnAirState, load_on_air
from radiodesk.tui.dialogs.add_guest import AddGuestDialog, GuestChoice
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.consent import CONSENT_LABELS, ConsentAnswer, ConsentDialog
from radiodesk.tui.dialogs.listener import ListenerCall, ListenerDialog
from radiodesk.tui.dialogs.paste import PasteChoice, PasteDialog, pasted_lines
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.screens.base import DeskScreen
from radiodesk.tui.screens.entry_queue import EntryQueue, PendingEntry, QueuedEntry
from radiodesk.tui.screens.on_air_edits import LogEditing
from radiodesk.tui.widgets.airing_text import guests_text, on_air_text
from radiodesk.tui.widgets.entry_line import EntryLine
from radiodesk.tui.widgets.live_log import KIND_LABELS, LiveLogList
from radiodesk.tui.widgets.station_clock import StationClock
from radiodesk.tui.widgets.status_line import StatusLine

# Seconds between two looks at the schedule (the next airing may have begun).
REFRESH_SECONDS = 20.0


class OnAirScreen(LogEditing):
    """The screen the desk opens on."""

    MODE = "on_air"
    AUTO_FOCUS = "#entry"
    CSS_PATH = "on_air.tcss"
    BINDINGS = [
        Binding("f7", "log('segment')", N_("Segment")),
        Binding("f8", "log('question')", N_("Question")),
        Binding("f9", "log('complaint')", N_("Complaint")),
        Binding("ctrl+e", "edit_entry", N_("Edit entry"), priority=True),
        Binding("ctrl+d", "delete_entry", N_("Delete entry"), priority=True),
        Binding("ctrl+d", "restore_entry", N_("Restore entry"), priority=True),
        Binding("ctrl+g", "add_guest", N_("Add guest")),
        Binding("ctrl+o", "start_broadcast", N_("Start broadcast")),
        Binding("ctrl+o", "stop_broadcast", N_("Stop broadcast")),
        Binding(
            "up", "select_entry(-1)", N_("Choose the entry above (Ctrl+E edits it)"), show=False
        ),
        Binding("down", "select_entry(1)", N_("Choose the entry below"), show=False),
    ]

    class Loaded(Message):
        """What the screen shows, read with ``ticket`` when ``saves`` entries had been saved."""

        def __init__(self, state: OnAirState, ticket: int, saves: int) -> None:
            super().__init__()
            self.state = state
            self.ticket = ticket
            self.saves = saves

    def __init__(self) -> None:
        super().__init__()
        self.state: OnAirState | None = None
        # Entries typed but not yet committed, saved one at a time in order.
        self.entries = EntryQueue()
        # What put_back last left in the line (refused while nothing was on air).
        self._put_back = ""
        # Entries saved (or changed) since the screen opened; tells a stale load apart.
        self.saves = 0
        # A note whose save failed, its text put back in the line: Enter resends it as is.
        self._taken_back: PendingEntry | None = None
        # The station's agencies, read when a listener's form opens: a complaint's agency is
        # stored by its short name.
        self.agencies: AgencyList = NO_AGENCIES

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Static(id="airing")
            yield StationClock(self.zone_name, id="clock")
        yield Static(id="guests")
        yield LiveLogList(self.zone_name, id="log")
        yield EntryLine(
            id="entry",
            placeholder=_("Type a note, Enter saves · F7 segment · F8 question · F9 complaint"),
        )
        yield StatusLine(id="status")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#log").border_title = _("Live log")
        self.query_one("#guests").border_title = _("On air with")
        self.tick()
        self.set_interval(1.0, self.tick)
        self.set_interval(REFRESH_SECONDS, self.reload)
        if not self.desk.operator:
            # Neither RADIODESK_OPERATOR nor a login name: asked once for the session.
            self.call_after_refresh(self.ask_operator)

    def commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                _("Operator"),
                _("Who is at the desk (now: {name})").format(name=self.desk.operator or "-"),
                self.ask_operator,
            )
        ]

    def ask_operator(self) -> None:
        """Ask who is at the desk; every entry and change from now on records the name."""

        def given(name: str | None) -> None:
            if name:
                self.desk.operator = name
                self.say(_("Changes are recorded as made by {name}.").format(name=name))
            self.query_one("#entry", Input).focus()

        self.app.push_screen(
            TextPrompt(
                _("Who is at the desk?"),
                _("Every entry and change records this name. Enter to confirm."),
                value=self.desk.operator,
            ),
            given,
        )

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        self.query_one("#entry", Input).focus()

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self.load()

    def load(self) -> None:
        """Read the airing, guests and log again; only the latest read is shown."""
        self.read_state(self.ticket("state"), self.saves)

    @work(thread=True, exclusive=True, exit_on_error=False, group="on-air-load")
    def read_state(self, ticket: int, saves: int) -> None:
        with db.unit_of_work(self.settings) as session:
            state = load_on_air(session, self.settings, self.now())
        self.post_message(self.Loaded(state, ticket, saves))

    def on_on_air_screen_loaded(self, message: Loaded) -> None:
        if not self.is_latest("state", message.ticket):
            return
        if message.saves != self.saves:
            # An entry was saved while this was read: the list it holds may lack it.
            self.load()
            return
        self.state = message.state
        current = message.state.current
        self.desk.on_air_title = current.title if message.state.on_air and current else None
        self.query_one("#airing", Static).update(on_air_text(message.state, self.zone_name))
        self.query_one("#guests", Static).update(
            guests_text(message.state.guests, _("No guests yet — Ctrl+G adds one."))
        )
        self.query_one(LiveLogList).show_entries(message.state.entries)
        self.refresh_bindings()
        self.tick()

    def tick(self) -> None:
        now = self.now()
        state = self.state
        start = end = None
        if state is not None and state.current is not None:
            current = state.current
            start = current.actual_start if state.on_air else current.planned_start
            end = current.planned_end
        self.query_one(StationClock).show(now, start, end)

    # -- the live log ----------------------------------------------------------------------

    @on(EntryLine.Entered, "#entry")
    def _enter(self, message: EntryLine.Entered) -> None:
        text = message.text.strip()
        if text:
            text = " ".join(text.split())
            taken, self._taken_back = self._taken_back, None
            if taken is not None and (taken.text, taken.kind) == (text, LogKind.NOTE):
                # The same entry sent again: same id, so a save that did commit is not doubled.
                self.queue_entry(taken)
            else:
                self.queue_entry(PendingEntry(text, LogKind.NOTE, self.now()))
        elif self.entries.waiting:
            # Enter on the empty line after a failed save: try the waiting entries again.
            self.entries.resume()
            self.save_next()
        else:
            self.say(_("Type the text first, then press the key for its kind."))

    @on(EntryLine.Pasted, "#entry")
    def _pasted(self, message: EntryLine.Pasted) -> None:
        """Several lines pasted: the operator says whether they are one entry or many."""
        lines = pasted_lines(message.text)
        at = self.now()

        def chosen(choice: PasteChoice | None) -> None:
            if choice == "one":
                self.queue_entry(PendingEntry("\n".join(lines), LogKind.NOTE, at))
            elif choice == "each":
                for line in lines:
                    self.queue_entry(PendingEntry(line, LogKind.NOTE, at))
            self.query_one("#entry", Input).focus()

        self.app.push_screen(PasteDialog(message.text), chosen)

    def action_log(self, kind: str) -> None:
        """Save the typing line as an entry of ``kind``; a listener's opens their form."""
        line = self.query_one("#entry", Input)
        typed = line.value
        text = " ".join(typed.split())
        if kind not in LISTENER_KINDS and not text:
            self.say(_("Type the text first, then press the key for its kind."))
            return
        if kind in LISTENER_KINDS:
            self.ask_listener(kind, typed)
            return
        line.value = ""
        self.queue_entry(PendingEntry(text, kind, self.now()))

    def ask_listener(self, kind: str, typed: str) -> None:
        """The form for a question or complaint; what was typed goes into it."""
        at = self.now()

        def noted(call: ListenerCall | None) -> None:
            line = self.query_one("#entry", Input)
            if call is not None:
                if line.value.startswith(typed):
                    line.value = line.value[len(typed) :].lstrip()
                self.queue_entry(PendingEntry(call.text, call.kind, at, call))
            line.focus()

        entries = [e for e in self.query_one(LiveLogList).entries if not e.deleted]
        self.agencies = self.station_agencies()
        self.app.push_screen(
            ListenerDialog(
                kind,
                " ".join(typed.split()),
                agencies=self.agencies.suggestions(*(e.agency or "" for e in entries)),
                places=sorted({e.caller_location for e in entries if e.caller_location}),
            ),
            noted,
        )

    def queue_entry(self, entry: PendingEntry) -> None:
        """Queue an entry; entries are saved one at a time, in the order they were queued."""
        if self.state is None or self.state.current is None:
            self.put_back(entry.text)
            self.say(
                _("No broadcast now: the log needs a broadcast on air or planned."), error=True
            )
            return
        self._put_back = ""
        self.entries.add(entry, self.state.current.id)
        self.save_next()

    def put_back(self, text: str) -> None:
        """A refused entry's text back into the line, nothing lost and in the order typed:
        after the texts put back before it, before what was typed since (which, typed fast,
        may already be in the line)."""
        line = self.query_one("#entry", Input)
        text = " ".join(text.split())
        earlier = self._put_back
        if earlier and line.value.startswith(earlier):
            typed_since = line.value[len(earlier) :].strip()
            value = f"{earlier} {text}"
        else:
            typed_since = line.value.strip()
            value = text
        self._put_back = value
        line.value = f"{value} {typed_since}".strip()
        line.cursor_position = len(line.value)

    def save_next(self) -> None:
        """Start saving the oldest waiting entry, unless one is being saved."""
        item = self.entries.next()
        if item is None:
            return
        waiting = len(self.entries.waiting) - 1
        note = _("Saving {kind}…").format(kind=_(KIND_LABELS.get(item.entry.kind, item.entry.kind)))
        if waiting:
            note += " " + _("({n} more waiting)").format(n=waiting)
        self.say(note)
        self.save_entry(item)

    @work(thread=True, exit_on_error=False, group="log-save")
    def save_entry(self, item: QueuedEntry) -> None:
        call = item.entry.call
        with db.unit_of_work(self.settings) as session:
            entry = add_entry(
                session,
                item.broadcast_id,
                item.entry.text,
                item.entry.kind,
                at=item.entry.at,
                now=self.now(),
                zone=self.zone_name,
                caller_name=call.caller_name if call else "",
                caller_location=call.caller_location if call else "",
                channel=call.channel if call else None,
                agency=(call.agency or None) if call else None,
                agencies=self.agencies,
                author=self.desk.operator,
                client_id=item.entry.client_id,
            )
        # Posted after the commit: the list shows only what the database holds.
        self.post_message(self.EntrySaved(entry, queued=True))

    def on_log_editing_entry_saved(self, message: LogEditing.EntrySaved) -> None:
        self.saves += 1
        log = self.query_one(LiveLogList)
        before = log.selected_entry
        log.add_entry(message.entry)
        if before is None or before.deleted or message.entry.deleted or not message.queued:
            # Ctrl+D's meaning (delete or restore) follows the highlighted entry.
            self.refresh_bindings()
        self.say(
            message.note
            or _("Saved {kind} at {time}.").format(
                kind=_(KIND_LABELS.get(message.entry.kind, message.entry.kind)),
                time=format_time(message.entry.at, self.zone_name),
            )
        )
        if message.queued:
            self.entries.saved()
            self.save_next()

    def worker_failed(self, worker: Worker[object]) -> None:
        if worker.group == "log-save":
            self.entries.failed()
            line = self.query_one("#entry", Input)
            waiting = self.entries.waiting
            if len(waiting) == 1 and not line.value and "\n" not in waiting[0].entry.text:
                self._taken_back = self.entries.take_back()
                line.value = self._taken_back.text
                note = _("Not saved: {reason} Your text is still in the line; Enter tries again.")
            else:
                note = _(
                    "Not saved: {reason} {n} entries wait, in order; Enter on the empty line "
                    "saves them."
                )
            self.say(note.format(reason=worker.error, n=len(self.entries.waiting)), error=True)
        self.query_one("#entry", Input).focus()

    # -- guests ----------------------------------------------------------------------------

    def action_add_guest(self) -> None:
        """Find or add the guest, then ask their consent to publication unless it is on
        record: without it the episode leaves them out."""
        if self.state is None or self.state.current is None:
            self.say(_("No broadcast now: guests join a broadcast on air or planned."), error=True)
            return
        broadcast_id = self.state.current.id

        def chosen(choice: GuestChoice | None) -> None:
            if choice is None:
                self.query_one("#entry", Input).focus()
            elif choice.person_id is None or choice.consent == Consent.UNKNOWN:
                self.app.push_screen(
                    ConsentDialog(
                        choice.name,
                        choice.consent,
                        publish_name=choice.publish_name,
                        publish_position=choice.publish_position,
                    ),
                    lambda answer: asked(choice, answer),
                )
            else:
                self.save_guest(broadcast_id, choice, None)
                self.query_one("#entry", Input).focus()

        def asked(choice: GuestChoice, answer: ConsentAnswer | None) -> None:
            # Esc on the question still puts the guest on air, consent as it was.
            self.save_guest(broadcast_id, choice, answer)
            self.query_one("#entry", Input).focus()

        self.app.push_screen(AddGuestDialog(), chosen)

    @work(thread=True, exclusive=True, exit_on_error=False, group="guests")
    def save_guest(
        self, broadcast_id: int, choice: GuestChoice, answer: ConsentAnswer | None
    ) -> None:
        now = self.now()
        said = answer or ConsentAnswer(
            Consent(choice.consent), choice.publish_name, choice.publish_position
        )
        with db.unit_of_work(self.settings) as session:
            person_id = choice.person_id
            if person_id is None:
                person_id = add_person(
                    session,
                    choice.name,
                    now=now,
                    position=choice.position,
                    institution=choice.institution,
                    consent=said.consent,
                    publish_name=said.publish_name,
                    publish_position=said.publish_position,
                ).id
            elif answer is not None:
                edit_person(
                    session,
                    person_id,
                    now=now,
                    consent=said.consent,
                    publish_name=said.publish_name,
                    publish_position=said.publish_position,
                )
            line = add_appearance(session, broadcast_id, person_id, now=now, topic=choice.topic)
        given = said.consent
        note = _("{name} is on air.").format(name=line.person_name)
        if given != Consent.GIVEN:
            note += " " + _("Consent {consent}: the episode will not name them.").format(
                consent=_(CONSENT_LABELS[given])
            )
        self.post_message(self.Changed(note))

    # -- start and stop --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_air = self.state is not None and self.state.on_air
        if action == "start_broadcast":
            return not on_air
        if action == "stop_broadcast":
            return on_air
        enabled = self.entry_action_enabled(action)
        return True if enabled is None else enabled

    def action_start_broadcast(self) -> None:
        if self.state is None or self.state.current is None:
            self.say(_("Nothing is planned now; add a special on the Schedule screen."), error=True)
            return
        self.change_broadcast(self.state.current.id, start=True)

    def action_stop_broadcast(self) -> None:
        if self.state is None or self.state.current is None:
            return
        current = self.state.current

        def answered(yes: bool | None) -> None:
            if yes:
                self.change_broadcast(current.id, start=False)
            self.query_one("#entry", Input).focus()

        self.app.push_screen(
            ConfirmDialog(
                _("Stop {title} now? The time is kept as the end of the broadcast.").format(
                    title=current.title
                ),
                yes=_("Stop broadcast"),
                no=_("Keep on air"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="broadcast")
    def change_broadcast(self, broadcast_id: int, *, start: bool) -> None:
        with db.unit_of_work(self.settings) as session:
            if start:
                result = start_broadcast(session, self.settings, broadcast_id, now=self.now())
                note = _("{title} is on air.").format(title=result.started.title)
            else:
                airing = stop_broadcast(session, self.settings, broadcast_id, now=self.now())
                note = _("{title} is off air.").format(title=airing.title)
        self.post_message(self.Changed(note))

    def on_desk_screen_changed(self, message: DeskScreen.Changed) -> None:
        self.say(message.note)
        self.load()
