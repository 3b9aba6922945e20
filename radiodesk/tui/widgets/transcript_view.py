"""Transcripts on the desk: a recording's transcript state in one line, and the table of a
broadcast's live log beside what was being said then (shown by
:mod:`radiodesk.tui.screens.transcript`). The data comes from :mod:`radiodesk.transcripts.view`."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from radiodesk.i18n import _, format_duration
from radiodesk.transcripts.queue import TranscriptInfo
from radiodesk.transcripts.view import BroadcastTranscript, state_text
from radiodesk.tui.widgets.live_log import entry_text

STATE_STYLES = {"queued": "dim", "running": "cyan", "failed": "bold red", "done": "green"}


def transcript_line(info: TranscriptInfo | None) -> Text:
    """``transcript: <state>`` for a recording in a list; empty without a transcript."""
    text = Text()
    if info is not None:
        style = "bold green" if info.approved else STATE_STYLES.get(info.status, "")
        text.append(_("transcript: "), style="dim")
        text.append(state_text(info), style=style)
    return text


def said_table(transcript: BroadcastTranscript, zone: str) -> Table:
    """Two columns: the live log, and what was said from each entry until the next."""
    table = Table(expand=True, show_edge=False, box=None, padding=(0, 1, 1, 0))
    table.add_column(_("Live log"), ratio=2)
    table.add_column(_("Said then"), ratio=3)
    for row in transcript.rows:
        left = entry_text(row.entry, zone) if row.entry is not None else Text("")
        if row.offset is not None:
            left.append(f"  ▶ {format_duration(max(0.0, row.offset))}", style="green")
        right = Text()
        for i, cue in enumerate(row.cues):
            if i:
                right.append("\n")
            right.append(format_duration(cue.start) + " ", style="dim")
            right.append(cue.text)
        table.add_row(left, right)
    return table
