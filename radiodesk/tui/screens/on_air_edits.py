"""The On Air screen's work on entries already saved: choose one with ↑/↓, edit it (Ctrl+E),
delete or restore it (Ctrl+D) after asking. Each change is one unit of work in a worker; the
list shows it once committed (:class:`LogEditing.EntrySaved`)."""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.widgets import Input

from radiodesk import db
from radiodesk.i18n import _, format_time
from radiodesk.interviews import LogLine, delete_entry, edit_entry, restore_entry
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.edit_entry import EditEntryDialog, EntryChange
from radiodesk.tui.screens.base import DeskScreen
from radiodesk.tui.widgets.live_log import LiveLogList
from radiodesk.tui.widgets.status_line import StatusLine


class LogEditing(DeskScreen):
    """Editing, deleting and restoring the live log's entries (the On Air screen is one)."""

    class EntrySaved(Message):
        """An entry was committed: a new one from the queue (``queued``), or an edit or a
        deletion, ``note`` saying what was done."""

        def __init__(self, entry: LogLine, note: str = "", *, queued: bool = False) -> None:
            super().__init__()
            self.entry = entry
            self.note = note
            self.queued = queued

    def say(self, line: str, *, error: bool = False) -> None:
        self.query_one("#status", StatusLine).show(line, error=error)

    def action_select_entry(self, step: int) -> None:
        self.query_one(LiveLogList).move(step)
        # Ctrl+D deletes or restores, by the entry now highlighted.
        self.refresh_bindings()

    def action_edit_entry(self) -> None:
        entry = self.query_one(LiveLogList).selected_entry
        if entry is None:
            self.say(_("No entry to edit yet."))
            return
        if entry.deleted:
            self.say(_("That entry is deleted: Ctrl+D restores it first."), error=True)
            return

        def edited(change: EntryChange | None) -> None:
            if change is not None:
                self.save_edit(change)
            self.query_one("#entry", Input).focus()

        self.app.push_screen(EditEntryDialog(entry), edited)

    @work(thread=True, exclusive=True, exit_on_error=False, group="log-edit")
    def save_edit(self, change: EntryChange) -> None:
        with db.unit_of_work(self.settings) as session:
            entry = edit_entry(
                session,
                change.entry_id,
                now=self.now(),
                author=self.desk.operator,
                text=change.text,
                kind=change.kind,
                caller_name=change.caller_name,
                caller_location=change.caller_location,
                channel=change.channel,
            )
        self.post_message(self.EntrySaved(entry))

    def action_delete_entry(self) -> None:
        self.ask_delete_or_restore(delete=True)

    def action_restore_entry(self) -> None:
        self.ask_delete_or_restore(delete=False)

    def ask_delete_or_restore(self, *, delete: bool) -> None:
        """Ask before hiding the highlighted entry from the log, or bringing it back."""
        entry = self.query_one(LiveLogList).selected_entry
        if entry is None:
            self.say(_("No entry to delete yet."))
            return
        if entry.deleted == delete:
            # The highlight moved between the key and the footer: act on what is shown.
            delete = not entry.deleted
        at = format_time(entry.at, self.zone_name)
        if delete:
            question = _(
                "Delete the entry of {time}, “{text}”? It leaves the log and the chapters; "
                "its text is kept in the history and Ctrl+D brings it back."
            ).format(time=at, text=entry.text)
            yes, no = _("Delete"), _("Keep it")
        else:
            question = _("Restore the entry of {time}, “{text}”?").format(time=at, text=entry.text)
            yes, no = _("Restore"), _("Leave it deleted")

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.save_deletion(entry.id, delete=delete)
            self.query_one("#entry", Input).focus()

        self.app.push_screen(ConfirmDialog(question, yes=yes, no=no), answered)

    @work(thread=True, exclusive=True, exit_on_error=False, group="log-edit")
    def save_deletion(self, entry_id: int, *, delete: bool) -> None:
        with db.unit_of_work(self.settings) as session:
            if delete:
                entry = delete_entry(session, entry_id, now=self.now(), author=self.desk.operator)
            else:
                entry = restore_entry(session, entry_id, now=self.now(), author=self.desk.operator)
        at = format_time(entry.at, self.zone_name)
        note = (
            _("Deleted the entry of {time}.") if delete else _("Restored the entry of {time}.")
        ).format(time=at)
        self.post_message(self.EntrySaved(entry, note))

    def entry_action_enabled(self, action: str) -> bool | None:
        """Ctrl+D deletes a live entry and restores a deleted one (None: not an entry key)."""
        if action not in ("delete_entry", "restore_entry"):
            return None
        entry = self.query_one(LiveLogList).selected_entry
        deleted = entry is not None and entry.deleted
        return deleted if action == "restore_entry" else not deleted
