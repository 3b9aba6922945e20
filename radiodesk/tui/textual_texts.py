"""Textual's own words, in the desk's language: the command palette, the quit hint.

Textual writes a few texts of its own in English (the footer's "palette", the palette's
placeholder, "No matches found", the hint shown on ctrl+c). Their msgids are listed here
so that the catalogs carry them; the desk uses the classes and functions below instead of
Textual's English ones.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from radiodesk.i18n import N_, _
from radiodesk.tui.bindings import translate_bindings

# Descriptions of Textual's own bindings (App, CommandPalette), translated by
# translate_bindings like the desk's own.
TEXTUAL_BINDINGS = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Go to bottom"),
    N_("Go to top"),
    N_("Next command"),
    N_("Exit the command palette"),
    N_("Next page"),
    N_("Previous page"),
    N_("Previous command"),
    N_("Copy selected text"),
    N_("Focus Next"),
    N_("Focus Previous"),
)


class DeskCommandPalette(CommandPalette):
    """Textual's command palette with its texts in the desk's language."""

    def __init__(self) -> None:
        super().__init__(placeholder=_("Search for commands…"), id="--command-palette")
        translate_bindings(self)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own shows "No matches found" in English, after the same short wait.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


def quit_hint(key: str) -> tuple[str, str]:
    """(message, title) of the hint shown when ctrl+c is pressed: how to quit instead."""
    return (
        _("Press [b]{key}[/b] to quit the desk.").format(key=key),
        _("Do you want to quit?"),
    )
