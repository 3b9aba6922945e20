"""How the desk words an airing's status and the people in it (On Air, archive detail)."""

from __future__ import annotations

from rich.text import Text

from radiodesk.i18n import N_, _
from radiodesk.models import BroadcastStatus, Role
from radiodesk.tui.data import GuestOnAir

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
