"""The live log's list of entries: newest at the bottom, one highlighted for editing.

It never takes the focus: on the On Air screen the typing line keeps it, and the screen
moves the highlight with the arrow keys.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from radiodesk.i18n import N_, _, format_time
from radiodesk.interviews import LogLine
from radiodesk.models import Channel, LogKind

KIND_LABELS: dict[str, str] = {
    LogKind.SEGMENT: N_("SEGMENT"),
    LogKind.NOTE: N_("note"),
    LogKind.QUESTION: N_("QUESTION"),
    LogKind.COMPLAINT: N_("COMPLAINT"),
    LogKind.MUSIC: N_("music"),
    LogKind.ANNOUNCEMENT: N_("announcement"),
    LogKind.PSA: N_("PSA"),
    LogKind.AD: N_("ad"),
}
# Where an entry's text starts: after "09.14  " and the kind padded to 11, and a space.
TEXT_COLUMN = 19
KIND_STYLES = {
    LogKind.SEGMENT: "bold cyan",
    LogKind.QUESTION: "bold yellow",
    LogKind.COMPLAINT: "bold red",
}
# How a listener reached the studio (radiodesk.models.Channel), as the desk names it.
CHANNEL_LABELS = {
    Channel.PHONE: N_("phone"),
    Channel.SMS: N_("SMS"),
    Channel.WHATSAPP: N_("WhatsApp"),
    Channel.STUDIO: N_("in the studio"),
    Channel.SOCIAL: N_("social media"),
    Channel.LETTER: N_("letter"),
}


def caller_details(entry: LogLine) -> str:
    """Who called, from where and how: "Ibu Rina, Baebunta, WhatsApp" (empty if unknown).

    The caller's name is private: the studio and staff see it, the public pages never do.
    """
    channel = _(CHANNEL_LABELS.get(entry.channel, entry.channel)) if entry.channel else ""
    parts = (entry.private.caller_name, entry.caller_location, channel)
    return ", ".join(p for p in parts if p)


def entry_text(entry: LogLine, zone: str) -> Text:
    """One line of the log: time, kind, text; for listeners the caller and the agency.

    A deleted entry stays in view, struck through, so that it can be restored.
    """
    line = Text(no_wrap=False)
    line.append(format_time(entry.at, zone), style="bold")
    line.append("  ")
    line.append(
        f"{_(KIND_LABELS.get(entry.kind, entry.kind)):<11}",
        style="dim" if entry.deleted else KIND_STYLES.get(entry.kind, "dim"),
    )
    line.append(" ")
    # A pasted message keeps its lines, each under the first one's text.
    text = entry.text.replace("\n", "\n" + " " * TEXT_COLUMN)
    line.append(text, style="strike dim" if entry.deleted else "")
    details = caller_details(entry)
    if details:
        line.append(" — " + details, style="dim")
    if entry.agency:
        line.append(" → " + entry.agency, style="italic")
    if entry.deleted:
        line.append(" " + _("(deleted)"), style="bold dim")
    elif entry.edited:
        line.append(" " + _("(edited)"), style="dim")
    return line


class LiveLogList(OptionList):
    """The entries of one broadcast's log."""

    can_focus = False

    def __init__(self, zone: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.zone = zone
        self.entries: list[LogLine] = []

    def show_entries(self, entries: tuple[LogLine, ...] | list[LogLine]) -> None:
        """Show ``entries`` (oldest first). The highlight follows the newest entry, unless
        the operator moved it back to an older one: that one stays highlighted."""
        keep = self.selected_entry
        if keep is not None and self.entries and keep.id == self.entries[-1].id:
            keep = None  # following the log
        self.entries = list(entries)
        self.clear_options()
        self.add_options(Option(entry_text(e, self.zone), id=str(e.id)) for e in self.entries)
        if not self.entries:
            return
        index = len(self.entries) - 1
        if keep is not None:
            for i, e in enumerate(self.entries):
                if e.id == keep.id:
                    index = i
        self.highlighted = index
        # After the next layout: before it the list does not know its height yet.
        self.call_after_refresh(self.scroll_to_highlight)

    def add_entry(self, entry: LogLine) -> None:
        """Add a committed entry in its place by time, and highlight it."""
        entries = [e for e in self.entries if e.id != entry.id] + [entry]
        entries.sort(key=lambda e: (e.at, e.id))
        self.entries = []
        self.clear_options()
        self.entries = entries
        self.add_options(Option(entry_text(e, self.zone), id=str(e.id)) for e in entries)
        self.highlighted = next(i for i, e in enumerate(entries) if e.id == entry.id)
        self.call_after_refresh(self.scroll_to_highlight)

    @property
    def selected_entry(self) -> LogLine | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.entries):
            return None
        return self.entries[self.highlighted]

    def move(self, step: int) -> None:
        """Move the highlight ``step`` entries (negative: up, towards older ones)."""
        if not self.entries:
            return
        current = self.highlighted if self.highlighted is not None else len(self.entries) - 1
        self.highlighted = max(0, min(len(self.entries) - 1, current + step))
        self.scroll_to_highlight()
