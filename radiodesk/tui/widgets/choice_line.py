"""One value out of a few, all in view on one line: ← and → (or space) change it.

Unlike ``Select``, it leaves Enter alone, so a form can save with Enter from any field and
the operator never has to open a drop-down during a live programme.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.reactive import reactive
from textual.widget import Widget


class ChoiceLine(Widget, can_focus=True):
    """Choices as (label, value); ``value`` is the chosen one."""

    DEFAULT_CSS = """
    ChoiceLine {
        height: 3; width: 100%; background: $surface; padding: 0 1;
        border: tall $border-blurred;
    }
    ChoiceLine:focus { border: tall $border; background-tint: $foreground 5%; }
    """
    BINDINGS = [
        Binding("left", "step(-1)", show=False),
        Binding("right,space", "step(1)", show=False),
    ]

    value: reactive[str] = reactive("")

    def __init__(
        self, choices: list[tuple[str, str]], value: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        self.set_reactive(ChoiceLine.value, value if value in self.values else self.values[0])
        # (first cell, last cell) of each choice as last drawn, for clicks.
        self._spans: list[tuple[int, int]] = []

    @property
    def values(self) -> list[str]:
        return [value for _label, value in self.choices]

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for i, (label, value) in enumerate(self.choices):
            if i:
                text.append(" ")
            start = text.cell_len
            if value == self.value:
                text.append(f" {label} ", style="bold reverse")
            else:
                text.append(f" {label} ", style="dim")
            self._spans.append((start, text.cell_len))
        if text.cell_len <= self.content_size.width:
            return text
        # Too narrow for every choice: the chosen one between arrows, and where it stands.
        self._spans = []
        index = self.values.index(self.value)
        label = self.choices[index][0]
        compact = Text(no_wrap=True, overflow="ellipsis")
        compact.append("◀ ", style="dim")
        compact.append(f" {label} ", style="bold reverse")
        compact.append(" ▶", style="dim")
        compact.append(f"  {index + 1}/{len(self.choices)}", style="dim")
        return compact

    def action_step(self, step: int) -> None:
        values = self.values
        self.value = values[(values.index(self.value) + step) % len(values)]

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if not self._spans:
            # The compact form: a click on the left arrow goes back, anywhere else forward.
            self.action_step(-1 if offset.x < 2 else 1)
            return
        for (start, end), value in zip(self._spans, self.values, strict=True):
            if start <= offset.x < end:
                self.value = value
                return
