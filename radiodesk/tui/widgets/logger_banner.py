"""A line under the tab bar while a broadcast is on air and the air logger is not recording
it; hidden otherwise. The desk (``DeskApp.logger_warning``) keeps the words up to date."""

from __future__ import annotations

from textual.widgets import Static


class LoggerBanner(Static):
    """Shows the app's ``logger_warning``; hidden while it is empty."""

    DEFAULT_CSS = """
    LoggerBanner { height: auto; background: $warning; color: $text; text-style: bold;
                   padding: 0 1; display: none; }
    LoggerBanner.-shown { display: block; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "logger_warning", self.show_warning, init=True)

    def show_warning(self, warning: str) -> None:
        if warning:
            self.update(warning)
        self.set_class(bool(warning), "-shown")
