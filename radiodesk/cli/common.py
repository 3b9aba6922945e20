"""What every command shares: the station context, --home, --json, output helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import click
from sqlalchemy.orm import Session

from radiodesk import db
from radiodesk.clock import system_clock
from radiodesk.config import Settings, load_settings
from radiodesk.errors import InputError
from radiodesk.i18n import _
from radiodesk.limits import parse_id

F = TypeVar("F", bound=Callable[..., Any])


class StationContext:
    """The station a command works on; settings and database are opened on first use."""

    def __init__(self, home: str | None = None) -> None:
        self.home = home
        self._settings: Settings | None = None
        self._ready = False

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = load_settings(self.home)
        return self._settings

    def now(self) -> datetime:
        return system_clock()

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One unit of work on a database that exists and is up to date."""
        if not self._ready:
            db.ensure_ready(self.settings)
            self._ready = True
        with db.unit_of_work(self.settings) as session:
            yield session


pass_station = click.make_pass_decorator(StationContext, ensure=True)


class Text(click.ParamType):
    """Text typed by the operator; what is not UTF-8 (another terminal encoding, a binary
    file's name pasted) is refused here, before it reaches the database or the error log."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                self.fail(
                    _("not UTF-8 text; check the terminal's encoding (the locale) and retype it"),
                    param,
                    ctx,
                )
        return value


TEXT = Text()


class RecordId(click.ParamType):
    """A record's id (see radiodesk.limits.parse_id), or one of ``words`` (``now``), or, with
    ``or_name``, any text that is not a number (an episode's guid)."""

    name = "id"

    def __init__(self, *words: str, or_name: bool = False) -> None:
        self.words = words
        self.or_name = or_name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = TEXT.convert(value, param, ctx) if isinstance(value, str) else value
        if isinstance(text, str):
            if text.strip().lower() in self.words:
                return text.strip().lower()
            if self.or_name and not text.strip().isdigit():
                return text
        try:
            return parse_id(text)
        except InputError as err:
            self.fail(str(err), param, ctx)


ID = RecordId()
# A broadcast: its id, or 'now'. An episode: its id, or its guid.
BROADCAST = RecordId("now")
EPISODE = RecordId(or_name=True)


def check_range(start: date | None, end: date | None) -> None:
    """A range typed with --from and --to runs forwards."""
    if start is not None and end is not None and end < start:
        raise click.UsageError(
            _("--to {end} is before --from {start}: give the earlier day with --from.").format(
                start=start.isoformat(), end=end.isoformat()
            )
        )


def read_utf8(file: Any) -> str:
    """The text of a file opened by click in binary mode; one clear line if it is not UTF-8."""
    data = file.read()
    try:
        return str(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise click.UsageError(
            _("{file} is not UTF-8 text (byte {offset}): save it as UTF-8 and try again.").format(
                file=getattr(file, "name", "-"), offset=err.start
            )
        ) from None


def refuse_text_that_is_not_utf8(command: click.Command) -> None:
    """Every plain text parameter of ``command`` and its sub-commands takes :data:`TEXT`."""
    for param in command.params:
        if param.type is click.STRING:
            param.type = TEXT
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            refuse_text_that_is_not_utf8(sub)


def _set_home(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value:
        station = ctx.ensure_object(StationContext)
        station.home = value
        station._settings = None


def home_option(func: F) -> F:
    """``--home DIR`` on a command (it is also accepted before the command name)."""
    return click.option(
        "--home",
        type=click.Path(file_okay=False),
        expose_value=False,
        is_eager=True,
        callback=_set_home,
        help=_("Station home folder (default: RADIODESK_HOME, else the current folder)."),
    )(func)


def json_option(func: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help=_("Print JSON for scripts."))(func)


def operator_option(func: F) -> F:
    """``--operator NAME`` (also ``--author``): who makes the change; its history keeps it."""
    return click.option(
        "--operator",
        "--author",
        "author",
        default=None,
        help=_("Who does it (default: RADIODESK_OPERATOR, else your login name)."),
    )(func)


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


def emit_json(data: Any) -> None:
    """Print ``data`` (dataclasses, dates and paths included) as JSON."""
    click.echo(json.dumps(_plain(data), ensure_ascii=False, indent=2))


def table(rows: list[list[str]], headings: list[str]) -> str:
    """A plain text table with a heading line, columns padded to their widest cell."""
    all_rows = [headings, *rows]
    widths = [max(len(str(r[i])) for r in all_rows) for i in range(len(headings))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
        for r in all_rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fields(rows: Sequence[tuple[str, object]]) -> str:
    """One "label  value" line per row, the values lined up after the longest label."""
    width = max(len(label) for label, _value in rows)
    return "\n".join(f"{label.ljust(width)}  {value}".rstrip() for label, value in rows)
