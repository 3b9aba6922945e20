"""Closed sets typed on the command line in the user's words: ``--status dijawab`` is
``answered`` in an Indonesian terminal, and the stored word is always accepted too."""

from __future__ import annotations

from collections.abc import Mapping
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


class ChoiceOf(click.Choice):
    """A click type for a closed set, read with :func:`read_choice`; its ``choices`` are the
    stored words (what help and completion list)."""

    def __init__(self, labels: Mapping[Value, str]) -> None:
        super().__init__([str(v) for v in labels], case_sensitive=False)
        self.labels = labels

    def convert(  # type: ignore[override]
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> str:
        try:
            return read_choice(str(value), self.labels)
        except click.BadParameter as err:
            self.fail(err.message, param, ctx)
