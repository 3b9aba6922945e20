"""Closed sets typed on the command line in the user's words: ``--status dijawab`` is
``answered`` in an Indonesian terminal, and the stored word is always accepted too."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import click

from radiodesk.i18n import _

Value = TypeVar("Value", bound=str)


def read_choice(value: str, labels: Mapping[Value, str]) -> Value:
    """The stored value for ``value``: a stored value itself, or its label (a msgid of
    ``labels``) in the language in force or in English; case and spaces do not matter."""
    wanted = " ".join(value.split()).casefold()
    for stored, label in labels.items():
        if wanted in (stored.casefold(), _(label).casefold(), label.casefold()):
            return stored
    raise click.BadParameter(
        _("{value!r} is not one of: {choices}.").format(
            value=value, choices=", ".join(_(label) for label in labels.values())
        )
    )


def choice_of(labels: Mapping[Value, str]) -> Callable[..., Value | None]:
    """A click ``callback`` reading an option or argument with :func:`read_choice`."""

    def callback(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Value | None:
        return None if value is None else read_choice(value, labels)

    return callback
