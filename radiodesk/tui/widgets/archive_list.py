"""A list of any length, drawn line by line: the archive's broadcasts and search hits.

Only the rows on screen are ever rendered (Textual's Line API, as toolong's log view);
rows not loaded yet show a placeholder and the list asks for their page with a message,
so opening it on 100,000 broadcasts costs one page and one count.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from radiodesk.i18n import _

ROW_HEIGHT = 2


@dataclass(frozen=True)
class ArchiveRow:
    """One row: a key for opening it (broadcast id), a heading line and a detail line."""

    broadcast_id: int | None
    heading: Text
    detail: Text


class ArchiveList(ScrollView, can_focus=True):
    """``total`` rows of two lines each; rows arrive by page through :meth:`put_page`."""

    DEFAULT_CSS = """
    ArchiveList { height: 1fr; background: $surface; overflow-x: hidden; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", show=False),
        Binding("down", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "jump(0)", show=False),
        Binding("end", "jump(-1)", show=False),
        Binding("enter", "open", show=False),
    ]

    cursor: reactive[int] = reactive(0)

    class NeedPage(Message):
        """Rows ``page * page_size`` onwards are on screen and not loaded."""

        def __init__(self, page: int) -> None:
            super().__init__()
            self.page = page

    class Opened(Message):
        def __init__(self, row: ArchiveRow) -> None:
            super().__init__()
            self.row = row

    def __init__(self, page_size: int = 100, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.page_size = page_size
        self.total = 0
        self.rows: dict[int, ArchiveRow] = {}
        self.asked: set[int] = set()
        self.generation = 0

    def reset(self, total: int) -> int:
        """Forget every row; the list now has ``total`` rows. Returns the new generation,
        which pages must carry so that a late page of an earlier list is ignored."""
        self.generation += 1
        self.total = total
        self.rows.clear()
        self.asked.clear()
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.virtual_size = Size(self.size.width, total * ROW_HEIGHT)
        self.refresh()
        return self.generation

    def put_page(
        self, generation: int, start: int, rows: list[ArchiveRow], total: int | None = None
    ) -> None:
        """Rows from index ``start``; ``total`` may grow (search pages find more)."""
        if generation != self.generation:
            return
        for i, row in enumerate(rows):
            self.rows[start + i] = row
        self.asked.discard(start // self.page_size)
        if total is not None and total != self.total:
            self.total = total
            self.virtual_size = Size(self.size.width, total * ROW_HEIGHT)
        self.refresh()

    @property
    def selected(self) -> ArchiveRow | None:
        return self.rows.get(self.cursor)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        index, part = divmod(line, ROW_HEIGHT)
        width = self.size.width
        if index >= self.total:
            return Strip.blank(width, self.rich_style)
        row = self.rows.get(index)
        if row is None:
            page = index // self.page_size
            if page not in self.asked:
                self.asked.add(page)
                self.post_message(self.NeedPage(page))
            text = Text(_("loading…") if part == 0 else "", style="dim")
        else:
            text = row.heading if part == 0 else row.detail
        segments = list(text.render(self.app.console)) if text.plain else []
        style = self.rich_style
        if index == self.cursor:
            # Reverse video while the list has the focus; a quiet bar while typing a query.
            style += Style(reverse=True) if self.has_focus else Style(bgcolor="grey35", bold=True)
        strip = Strip(segments).crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, style).apply_style(style)

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh()
        top = new * ROW_HEIGHT
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False)
        elif top + ROW_HEIGHT > self.scroll_y + self.size.height:
            self.scroll_to(y=top + ROW_HEIGHT - self.size.height, animate=False)

    def action_move(self, step: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + step))

    def action_page(self, step: int) -> None:
        self.action_move(step * max(1, self.size.height // ROW_HEIGHT))

    def action_jump(self, where: int) -> None:
        if self.total:
            self.cursor = self.total - 1 if where < 0 else 0

    def action_open(self) -> None:
        row = self.selected
        if row is not None:
            self.post_message(self.Opened(row))

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", 0)
        index = (int(self.scroll_y) + y) // ROW_HEIGHT
        if 0 <= index < self.total:
            self.cursor = index
