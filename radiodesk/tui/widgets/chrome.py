"""What every screen shows around its body: the tab bar and the database banner."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from radiodesk.i18n import N_, _

# (mode, key, title msgid): the order of the tab bar and of the F-keys.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("on_air", "f1", N_("On Air")),
    ("schedule", "f2", N_("Schedule")),
    ("guests", "f3", N_("Guests")),
    ("archive", "f4", N_("Archive")),
    ("publish", "f5", N_("Publish")),
    ("followups", "f6", N_("Follow-ups")),
)


class TabBar(Static):
    """One line: the station's short name, then each screen with its F-key; the current lit."""

    DEFAULT_CSS = """
    TabBar { height: 1; background: $panel; color: $text; }
    """

    def __init__(self, current: str, station: str) -> None:
        super().__init__(id="tabs")
        self.current = current
        self.station = station

    def on_resize(self) -> None:
        text = self.render_tabs(roomy=True)
        if text.cell_len > self.size.width:
            # A narrow terminal (80 columns, longer Indonesian titles): drop the padding.
            text = self.render_tabs(roomy=False)
        self.update(text)

    def render_tabs(self, roomy: bool) -> Text:
        pad = " " if roomy else ""
        text = Text(no_wrap=True, overflow="crop")
        text.append(f"{pad}{self.station}{pad}", style="bold reverse")
        for mode, key, title in SCREENS:
            current = mode == self.current
            text.append(" ")
            text.append(key.upper(), style="bold reverse" if current else "bold")
            text.append(f" {_(title)}{pad}", style="bold reverse" if current else "")
        return text


class DatabaseBanner(Static):
    """A red line shown while the database cannot be reached; hidden otherwise."""

    DEFAULT_CSS = """
    DatabaseBanner { height: auto; background: $error; color: $text; text-style: bold;
                     padding: 0 1; display: none; }
    DatabaseBanner.-shown { display: block; }
    """

    def show_problem(self, problem: str) -> None:
        """Show ``problem`` (one line), or hide the banner when it is empty."""
        if problem:
            self.update(
                _("Database unreachable: {reason} — retrying; nothing you typed is lost.").format(
                    reason=problem
                )
            )
        self.set_class(bool(problem), "-shown")
