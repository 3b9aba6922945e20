"""How the desk words an airing's status and the people in it (On Air, archive detail)."""

from __future__ import annotations

from rich.text import Text

from radiodesk.i18n import N_, _
from radiodesk.tui.data import GuestOnAir

STATUS_LABELS = {
    "planned": N_("planned"),
    "on_air": N_("ON AIR"),
    "aired": N_("aired"),
    "cancelled": N_("cancelled"),
}
ROLE_LABELS = {
    "host": N_("host"),
    "guest": N_("guest"),
    "caller": N_("caller"),
    "reporter": N_("reporter"),
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
