"""How the desk words an airing's status and the people in it (On Air, archive detail)."""

from __future__ import annotations

from rich.text import Text

from radiodesk.i18n import N_, _, format_time
from radiodesk.interviews import GuestOnAir
from radiodesk.models import BroadcastStatus, Role
from radiodesk.schedule.views import Airing
from radiodesk.tui.data import OnAirState

STATUS_LABELS = {
    BroadcastStatus.PLANNED: N_("planned"),
    BroadcastStatus.ON_AIR: N_("ON AIR"),
    BroadcastStatus.AIRED: N_("aired"),
    BroadcastStatus.CANCELLED: N_("cancelled"),
}
ROLE_LABELS = {
    Role.HOST: N_("host"),
    Role.GUEST: N_("guest"),
    Role.CALLER: N_("caller"),
    Role.REPORTER: N_("reporter"),
}


def guests_text(guests: tuple[GuestOnAir, ...], empty: str = "") -> Text:
    """One line per person: name, role, position and institution; ``empty`` without any."""
    text = Text()
    if not guests:
        text.append(empty or _("No guests."), style="dim")
        return text
    for i, guest in enumerate(guests):
        if i:
            text.append("\n")
        text.append(guest.name, style="bold")
        text.append(f" ({_(ROLE_LABELS.get(guest.role, guest.role))})", style="dim")
        details = ", ".join(p for p in (guest.position, guest.institution) if p)
        if details:
            text.append(" — " + details)
        if guest.topic:
            text.append(" · " + guest.topic, style="italic")
    return text


def on_air_text(state: OnAirState, zone: str) -> Text:
    """The On Air panel: the airing now (status, title, times, topic) and the next one."""
    text = Text()
    current = state.current
    if current is None:
        text.append(_("Nothing is on air now."), style="bold")
    else:
        status = _(STATUS_LABELS.get(current.status, current.status))
        text.append(f" {status} ", style="bold white on red" if state.on_air else "reverse")
        text.append(" " + current.title, style="bold")
        text.append("\n" + airing_times(current, zone))
        if current.topic:
            text.append("\n" + _("Topic: {topic}").format(topic=current.topic))
    if state.next is not None:
        text.append(
            "\n"
            + _("Next: {title} at {time}").format(
                title=state.next.title,
                time=format_time(state.next.planned_start, zone),
            ),
            style="dim",
        )
    return text


def airing_times(airing: Airing, zone: str) -> str:
    """ "planned 09.00–10.00 · started 09.02" in the station's zone."""
    planned = _("planned {start}–{end}").format(
        start=format_time(airing.planned_start, zone),
        end=format_time(airing.planned_end, zone),
    )
    if airing.actual_start is not None:
        return (
            planned
            + " · "
            + _("started {time}").format(time=format_time(airing.actual_start, zone))
        )
    return planned
