"""One listener's question or complaint in full, and the agency's answer to record.

Enter on the Follow-ups screen opens it: what was said, when, who called and from where, the
channel, the agency, the status with the date of each step, who logged it, its history, and
the answer. The agency and the answer can be changed here: Enter saves (an answer given marks
it answered; an agency given to an open one marks it forwarded), Esc closes.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static

from radiodesk.i18n import N_, _, format_datetime
from radiodesk.interviews import FollowUpDetail, history_line
from radiodesk.interviews.followups import STATUS_LABELS, steps
from radiodesk.models import FollowupStatus
from radiodesk.tui.dialogs.base import DeskDialog
from radiodesk.tui.dialogs.listener import suggester
from radiodesk.tui.widgets.live_log import CHANNEL_LABELS, KIND_LABELS

STATUS_STYLES = {
    FollowupStatus.OPEN: "bold red",
    FollowupStatus.FORWARDED: "yellow",
    FollowupStatus.ANSWERED: "green",
    FollowupStatus.CLOSED: "dim",
}


@dataclass(frozen=True)
class FollowUpAnswer:
    """What the operator recorded: the status to move to, the agency and the answer."""

    entry_id: int
    status: FollowupStatus
    agency: str
    answer: str


def detail_text(detail: FollowUpDetail, zone: str) -> Text:
    """The item as lines of "label  value", then its history."""
    item = detail.item
    text = Text()

    def line(label: str, value: str | Text) -> None:
        if value:
            text.append(f"{label}: ", style="bold")
            text.append(value)
            text.append("\n")

    line(_("When"), format_datetime(item.at, zone))
    line(_("Said"), item.text)
    line(_("Caller (private)"), item.private.caller_name)
    line(_("Calling from"), item.caller_location)
    line(_("Channel"), _(CHANNEL_LABELS[item.channel]) if item.channel else "")
    line(_("Status"), Text(_(STATUS_LABELS[item.status]), style=STATUS_STYLES[item.status]))
    line(
        _("Steps"),
        " · ".join(
            f"{_(STATUS_LABELS[status])} {format_datetime(at, zone, weekday=False)}"
            for status, at in steps(item)
        ),
    )
    line(_("Logged by"), detail.author)
    if detail.revisions:
        text.append(_("History") + ":\n", style="bold")
        for revision in detail.revisions:
            text.append("  " + history_line(revision, zone) + "\n")
    text.rstrip()
    return text


class FollowUpDialog(DeskDialog[FollowUpAnswer | None]):
    """The whole item, with its agency and answer to fill in."""

    DEFAULT_CSS = """
    FollowUpDialog > .dialog { width: 92; }
    FollowUpDialog #detail { height: auto; max-height: 9; }
    FollowUpDialog #hint.-error { color: $error; text-style: bold; }
    """
    BINDINGS = [Binding("enter", "save", N_("Save"), show=False)]

    def __init__(self, detail: FollowUpDetail, zone: str, agencies: list[str]) -> None:
        super().__init__()
        self.detail = detail
        self.zone = zone
        self.agencies = agencies

    def compose(self) -> ComposeResult:
        item = self.detail.item
        with Vertical(classes="dialog"):
            yield Static(
                _("{kind} #{id} · {show}").format(
                    kind=_(KIND_LABELS.get(item.kind, item.kind)).capitalize(),
                    id=item.entry_id,
                    show=item.show_title,
                ),
                classes="dialog-title",
            )
            with VerticalScroll(id="detail"):
                yield Static(detail_text(self.detail, self.zone))
            with Grid(classes="form"):
                yield Label(_("Agency"))
                yield Input(
                    item.agency,
                    id="agency",
                    placeholder=_("e.g. Dinas PUPR"),
                    suggester=suggester(self.agencies),
                )
                yield Label(_("Answer"))
                yield Input(item.answer, id="answer", placeholder=_("what the agency answered"))
            yield Static(
                _("Enter saves (an answer marks it answered) · Tab: next field · Esc closes"),
                classes="hint",
                id="hint",
            )

    def on_mount(self) -> None:
        item = self.detail.item
        self.query_one("#agency" if not item.agency else "#answer", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        item = self.detail.item
        agency = " ".join(self.query_one("#agency", Input).value.split())
        answer = self.query_one("#answer", Input).value.strip()
        if (agency, answer) == (item.agency, item.answer):
            self.dismiss(None)
            return
        if item.answer and not answer:
            self.refuse("#answer", _("An answer recorded stays: change it, or Esc."))
            return
        if not agency and item.agency:
            self.refuse("#agency", _("Say which agency has it, or Esc."))
            return
        status = item.status
        if answer and status in (FollowupStatus.OPEN, FollowupStatus.FORWARDED):
            status = FollowupStatus.ANSWERED
        elif agency and status == FollowupStatus.OPEN:
            status = FollowupStatus.FORWARDED
        self.dismiss(FollowUpAnswer(item.entry_id, status, agency, answer))

    def refuse(self, field: str, why: str) -> None:
        """Keep the dialog open, say why and put the cursor there."""
        hint = self.query_one("#hint", Static)
        hint.update(why)
        hint.add_class("-error")
        self.query_one(field, Input).focus()
