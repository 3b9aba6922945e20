"""Keys handed on one at a time, each to the screen that is shown when its turn comes.

Textual forwards a key to the focused widget at once and resolves most bindings later, when
the key has bubbled back up to the app. A burst of keys (a fast typist, a paste of keys, a
terminal catching up) therefore reaches the *old* focused widget while an earlier key is
still switching screens or opening a dialog: `F2 a Esc` typed quickly put the `a` in the On
Air line. The gate holds each key until the one before it has been handled all the way up:
a marker message follows the key along the same path (the same queues, in order) and only
when it arrives back at the app, and the screen the key brought up has taken its first
messages, does the next key go. A marker that never comes back (its widget was removed
on the way) is given up; the key after it goes then, never lost.

Letters typed into a text field cannot change screens, so while the key in flight is such
a letter, the letters after it follow at once, into the same field: typing stays as fast
as the screen can draw, and only Enter, function keys and the like wait their turn.
"""

from __future__ import annotations

from collections import deque

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.message import Message
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widgets import Input

# Seconds between two looks at a key whose marker has not come back yet; after
# GIVE_UP_SECONDS, or once the widget it went to is gone, the key is taken as handled.
LOOK_SECONDS = 0.25
GIVE_UP_SECONDS = 5.0


class KeyHandled(Message):
    """Follows key number ``ticket`` to where it went and bubbles back to the app."""

    def __init__(self, ticket: int, screen: Screen[object]) -> None:
        super().__init__()
        self.ticket = ticket
        self.screen = screen


class KeyGateApp(App[None]):
    """An app that hands keys and pastes on one at a time (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Event] = deque()
        self._in_flight = 0
        self._tickets = 0
        # The text field the letter in flight went to (None when the key in flight is other).
        self._typing_into: Input | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self._held.append(event)
            await self._hand_on()
            return
        await super().on_event(event)

    async def _hand_on(self) -> None:
        """Hand held keys on: the oldest if none is in flight; letters behind a letter."""
        while self._held:
            event = self._held[0]
            if self._in_flight:
                typing_into = self._typing_into
                if typing_into is None or not self._is_letter_for(event, typing_into):
                    return
                self._held.popleft()
                await super().on_event(event)
                continue
            self._held.popleft()
            try:
                screen = self.screen
            except Exception:  # no screen yet (starting) or any more (closing)
                continue
            target: MessagePump = self.focused or screen
            self._tickets += 1
            ticket = self._in_flight = self._tickets
            letter = self._is_letter_for(event, target)
            await super().on_event(event)
            if self.is_running is False:
                return
            self._typing_into = target if letter and isinstance(target, Input) else None
            # Forwarded: the marker takes the same way. Taken by a priority binding (a
            # screen switch): the marker waits behind the messages of the screen now shown.
            follow: MessagePump = target if event.is_forwarded else self.screen
            follow.post_message(KeyHandled(ticket, screen))
            self._look_after(ticket, follow, GIVE_UP_SECONDS)

    def _is_letter_for(self, event: events.Event, target: MessagePump) -> bool:
        """A printable key for the focused text field ``target`` (which takes every letter)."""
        return (
            isinstance(event, events.Key)
            and event.is_printable
            and isinstance(target, Input)
            and self.focused is target
            and not event.is_forwarded
        )

    async def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        if message.ticket != self._in_flight:
            return
        if message.screen is not self.screen and self.screen.is_attached:
            # The key brought up another screen: the next key waits until it is ready.
            self.screen.post_message(KeyHandled(message.ticket, self.screen))
            return
        self._in_flight = 0
        self._typing_into = None
        await self._hand_on()

    def _look_after(self, ticket: int, follow: MessagePump, left: float) -> None:
        """Look again later whether key ``ticket`` is still in flight, and why."""

        async def look() -> None:
            if self._in_flight != ticket:
                return
            gone = isinstance(follow, DOMNode) and not follow.is_attached
            if gone or left <= LOOK_SECONDS:
                self._in_flight = 0
                self._typing_into = None
                await self._hand_on()
            else:
                self._look_after(ticket, follow, left - LOOK_SECONDS)

        self.set_timer(LOOK_SECONDS, look)
