"""The keys of the screen in view, on as many lines as the terminal's width needs.

Textual's Footer is one line and cuts what does not fit (at 80 columns the On Air screen
lost Ctrl+G and Ctrl+O). This bar wraps instead: the screen's own keys first, then the
desk's (help, quit), so every key shown is readable at 80×24.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import App
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget


class KeyBar(Widget):
    """Every shown key of the screen's active bindings: "F7 Segmen  F8 Pertanyaan …",
    on as many lines as needed, never splitting a key from what it does."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: auto; background: $footer-background;
             color: $footer-description-foreground; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.items: list[Text] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.show_keys)
        self.show_keys(self.screen)

    def show_keys(self, screen: Screen[object]) -> None:
        own: list[Text] = []
        desk: list[Text] = []
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            item = Text()
            item.append(self.app.get_key_display(binding), style="bold reverse")
            item.append(" " + binding.description, style="" if active.enabled else "dim")
            (desk if isinstance(active.node, App) else own).append(item)
        self.items = own + desk
        self.refresh(layout=True)

    def lines(self, width: int) -> list[Text]:
        """The items laid out in lines of at most ``width`` cells, two spaces apart."""
        lines: list[Text] = []
        line = Text()
        for item in self.items:
            if line.cell_len and line.cell_len + 2 + item.cell_len > width:
                lines.append(line)
                line = Text()
            if line.cell_len:
                line.append("  ")
            line.append_text(item)
        if line.cell_len or not lines:
            lines.append(line)
        return lines

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.content_size.width or self.size.width))
