"""Hostile arguments to every command: one clear line, exit 1 or 2, never a traceback.

The commands are found by walking click's command tree, so a new command is driven too. Each
gets a well-formed command line (placeholders for what it requires) with one value made
hostile at a time: text that is not UTF-8, a 20-digit id or number, a date at the end of the
calendar. They run through ``tests.cli_driver``: the real entry point and standard streams,
one forked process per case. A few cases also run as the installed command with bytes in
``argv``, exactly as a shell passes them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click
import pytest

from radiodesk import db
from radiodesk.cli.common import RecordId, Text
from tests.conftest import REPO, CliResult, Station

# A parameter's label starts so (--option, ARGUMENT); a sub-command's name does not.
_PARAM_START = "-ABCDEFGHIJKLMNOPQRSTUVWXYZ"
NOT_UTF8 = os.fsdecode(b"\xff\xfe")  # as Python hands it over in sys.argv
HUGE = "99999999999999999999"


def radiodesk_cli() -> click.Group:
    """The command tree, built as radiodesk.cli.main builds it (imported here, not at
    collection, so that no test finds its help texts in another test's language)."""
    from radiodesk.locale.click_texts import translate_click

    translate_click()
    from radiodesk.cli.commands import cli

    return cli


def walk(
    command: click.Command, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under ``command``: leaves, and groups that run without a sub-command."""
    if isinstance(command, click.Group):
        if path and command.invoke_without_command:
            yield path, command
        for name, sub in sorted(command.commands.items()):
            yield from walk(sub, (*path, name))
    else:
        yield path, command


def _datelike(param: click.Parameter) -> str | None:
    """What hostile date a parameter takes: a month, a day, an instant; None if no date."""
    names = {n.lstrip("-") for n in param.opts} | {param.name or ""}
    metavar = getattr(param, "metavar", None) or ""
    if metavar in ("DATE", "YYYY-MM-DD"):
        return "9999-12-31"
    if "month" in names or metavar == "YYYY-MM":
        return "9999-12"
    if isinstance(param.type, Text) and (metavar == "TIME" or names & {"at", "at_text"}):
        return "9999-12-31 23:59"
    return None


def _placeholder(param: click.Parameter, tmp: Path) -> str:
    kind = param.type
    date = _datelike(param)
    if isinstance(kind, RecordId):
        return "1"
    if isinstance(kind, click.Choice):
        return str(kind.choices[0])
    if isinstance(kind, click.IntRange):
        return str(kind.min or 1)
    if isinstance(kind, click.types.IntParamType):
        return "1"
    if isinstance(kind, click.File):
        (tmp / "in.txt").write_text("x", encoding="utf-8")
        return str(tmp / "in.txt")
    if isinstance(kind, click.Path):
        return str(tmp / "out")
    if date == "9999-12":
        return "2026-11"
    if date == "9999-12-31":
        return "2026-11-23"
    if date:
        return "2026-11-23 09:00"
    return "kabar-pagi" if param.name == "show" else "x"


def _hostile(param: click.Parameter) -> Iterator[tuple[str, str]]:
    """(what, value): the hostile values ``param`` takes."""
    kind = param.type
    if isinstance(kind, Text | RecordId) or param.name in ("home", "directory"):
        yield "not UTF-8", NOT_UTF8
    if isinstance(kind, RecordId | click.types.IntParamType):
        yield "20 digits", HUGE
    date = _datelike(param)
    if date:
        yield "date out of range", date
        if date != "9999-12":
            yield "date out of range", "0001-01-01"


def _args(param: click.Parameter, value: str) -> list[str]:
    return [value] if isinstance(param, click.Argument) else [param.opts[0], value]


def cases(tmp: Path) -> Iterator[tuple[str, list[str]]]:
    """(what, argv) for each command and each parameter that takes a hostile value."""
    for param in radiodesk_cli().params:  # radiodesk's own options, before a command
        for what, value in _hostile(param):
            yield f"radiodesk {param.opts[0]}: {what}", [param.opts[0], value, "shows", "list"]
    for path, command in walk(radiodesk_cli()):
        params = [p for p in command.get_params(click.Context(command)) if p.name != "help"]
        needed = {p.name: p for p in params if p.required}
        for param in params:
            if getattr(param, "is_flag", False) or getattr(param, "hidden", False):
                continue
            for what, value in _hostile(param):
                argv = list(path)
                for other in params:
                    if other is param:
                        argv += _args(param, value)
                    elif other.name in needed:
                        # A recording's times are offsets in it, not dates.
                        clip = path == ("clip",) and _datelike(other)
                        good = "00:00:05" if clip else _placeholder(other, tmp)
                        argv += _args(other, good)
                label = (
                    param.human_readable_name
                    if isinstance(param, click.Argument)
                    else param.opts[0]
                )
                yield f"{' '.join(path)} {label}: {what}", argv


def drive(cases_: list[tuple[str, list[str]]], tmp: Path) -> list[dict[str, object]]:
    (tmp / "cases.json").write_text(json.dumps([argv for _w, argv in cases_]), encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONUTF8": "0"}
    subprocess.run(
        [sys.executable, "-m", "tests.cli_driver", str(tmp / "cases.json"), str(tmp / "out.json")],
        cwd=REPO,
        env=env,
        check=True,
        timeout=600,
    )
    return json.loads((tmp / "out.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def named(what: str, argv: list[str]) -> list[str]:
    """What the error line may name: the hostile value ("UTF-8" for text that is not), or
    the parameter that took it."""
    param = what.rsplit(":", 1)[0].split()[-1]
    if what.endswith("not UTF-8"):
        return ["UTF-8"]
    value = next(a for a in argv if a == HUGE or a.startswith(("9999-12", "0001-01-01")))
    return [value.split()[0], param, param.lstrip("-") + ":"]  # the date, at least


def problems(cases_: list[tuple[str, list[str]]], results: list[dict[str, object]]) -> list[str]:
    found = []
    for (what, argv), result in zip(cases_, results, strict=True):
        err = str(result["err"])
        lines = [line for line in err.splitlines() if line.strip()]
        wrong = []
        if result["code"] not in (1, 2):
            wrong.append(f"exit {result['code']}")
        if "Traceback" in err + str(result["out"]) or "unexpected error" in err:
            wrong.append("a traceback or an unexpected error")
        if len(lines) != 1:
            wrong.append(f"{len(lines)} lines on stderr")
        elif not any(name in lines[0] for name in named(what, argv)):
            wrong.append(f"the line names none of {named(what, argv)}")
        if wrong:
            found.append(f"{what} ({argv!r}): {', '.join(wrong)}:\n{err[-600:]}")
    return found


def test_the_walk_finds_every_command_and_hostile_values_for_each() -> None:
    commands = {path for path, _c in walk(radiodesk_cli())}
    assert {("guests", "add"), ("log", "show"), ("schedule",), ("init",), ("verify",)} <= commands
    driven = list(cases(Path("/nonexistent")))
    whats = {what for what, _argv in driven}
    assert "log show BROADCAST: 20 digits" in whats
    assert "schedule report --month: date out of range" in whats
    assert "guests add NAME: not UTF-8" in whats
    # Every command (serve and demo included) takes at least one hostile value of its own.
    for path in commands:
        prefix = " ".join(path) + " "
        own = [w for w in whats if w.startswith(prefix) and w[len(prefix)] in _PARAM_START]
        assert own, f"no hostile value for {prefix}"


def test_every_command_refuses_hostile_values_in_one_line(
    station: Station, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from radiodesk.interviews import add_entry, add_person
    from radiodesk.models import Broadcast

    # Records with id 1 for the commands that need one besides the hostile value.
    with station.session() as session:
        now = session.get(Broadcast, 1).planned_start
        add_person(session, "Ibu Sari", now=now)
        add_entry(session, 1, "Pembukaan", "note", None, "op", now=now, zone=station.settings.zone)
    on_postgres = "postgresql" in request.node.name
    chosen = [
        (what, argv)
        for what, argv in cases(tmp_path)
        # Text that is not UTF-8 is refused before any database is touched: SQLite is enough.
        if not (on_postgres and what.endswith("not UTF-8"))
    ]
    results = drive(chosen, tmp_path)
    found = problems(chosen, results)
    assert not found, f"{len(found)} of {len(chosen)} cases:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "argv",
    [
        [b"guests", b"add", b"\xff\xfe"],
        [b"guests", b"add", b"Ibu Sari", b"--phone", b"0812\xff"],
        [b"log", b"now", b"\xe9t\xe9 (latin-1)"],
        [b"--home", b"\xff", b"guests", b"list"],
        [b"init", b"\xff\xfe"],
    ],
)
def test_the_installed_command_refuses_bytes_that_are_not_utf8(
    station: Station, argv: list[bytes]
) -> None:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "PYTHONUTF8": "0"}
    done = subprocess.run(
        [sys.executable, "-m", "radiodesk", *argv],
        capture_output=True,
        env=env,
        cwd=station.home,
        timeout=120,
    )
    err = done.stderr.decode("utf-8", "backslashreplace")
    assert done.returncode in (1, 2), err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert "UTF-8" in err


def one_line(result: CliResult, code: int, *words: str) -> None:
    lines = result.err.strip().splitlines()
    assert result.code == code and len(lines) == 1, result.err
    assert "Traceback" not in result.err and "unexpected error" not in result.err
    for word in words:
        assert word in lines[0], lines[0]


def test_bad_files_settings_and_ranges_get_one_clear_line(
    station: Station, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    one_line(
        cli("schedule", "check", "--from", "2027-01-01", "--to", "2026-01-01"),
        2,
        "--to 2026-01-01 is before --from 2027-01-01",
    )
    one_line(cli("search", "rapat", "--from", "2026-12-01", "--to", "2026-11-01"), 2, "--from")
    one_line(cli("schedule", "report", "--month", "9999-12"), 1, "9999-12", "out of range")
    one_line(cli("verify", "--older-than", HUGE), 2, HUGE)
    latin1 = tmp_path / "description.txt"
    latin1.write_bytes("Dialog Interaktif bersama Dinas Kesehatan, caf\xe9".encode("latin-1"))
    one_line(
        cli("episodes", "edit", "1", "--description-file", str(latin1)), 2, str(latin1), "UTF-8"
    )
    ingest = cli("ingest", str(tmp_path / "nonexistent"))
    assert ingest.code == 1 and "does not exist" in ingest.err and "Traceback" not in ingest.err
    one_line(cli("log", "1", "x" * 4001), 1, "at most 4,000 characters")
    reason = "y" * 501
    one_line(cli("schedule", "cancel", "1", "--reason", reason), 1, "at most 500 characters")
    special = ["schedule", "special", "kabar-pagi", "--start", "2026-11-28 20:00", "--duration"]
    special += ["30", "--title", "Khusus", "--allow-overlap", "--reason", reason]
    one_line(cli(*special), 1, "at most 500 characters")


def test_a_missing_driver_an_unwritable_folder_and_a_damaged_database(
    make_home: Callable[..., Path], tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    driverless = make_home(
        "driverless", settings_text=('database_url = "postgresql+pg8000://radio@dbhost/radio"\n')
    )
    one_line(cli("--home", str(driverless), "guests", "list"), 1, "'postgresql+pg8000'", "install")

    (tmp_path / "a-file").write_text("not a folder")
    one_line(cli("init", str(tmp_path / "a-file" / "station")), 1, "cannot write", "a-file")
    if os.geteuid() != 0:  # root may write anywhere
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        one_line(cli("init", str(locked)), 1, "cannot write", str(locked))

    home = make_home("damaged")
    assert cli("init", str(home)).code == 0
    db.dispose_engines()
    database = home / "archive" / "radiodesk.db"
    with database.open("r+b") as fh:
        fh.write(b"\x00garbage" * 410)  # the first page, header included
    one_line(
        cli("--home", str(home), "guests", "list"), 1, str(database), "damaged", "radiodesk restore"
    )


@pytest.mark.parametrize(
    ("read", "text"),
    [
        ("day", "9999-12-31"),
        ("day", "31/12/9999"),
        ("day", "0001-01-01"),
        ("month", "9999-12"),
        ("month", "0000-01"),
        ("moment", "9999-12-31 23:59"),
        ("moment", "9999-12-31T23:59:59+08:00"),
    ],
)
def test_dates_at_the_end_of_the_calendar_are_refused_where_they_are_read(
    read: str, text: str
) -> None:
    from zoneinfo import ZoneInfo

    from radiodesk.errors import InputError
    from radiodesk.timeinput import parse_day, parse_local_datetime, parse_month

    readers = {
        "day": lambda t: parse_day(t, "--to"),
        "month": lambda t: parse_month(t, "--month"),
        "moment": lambda t: parse_local_datetime(t, ZoneInfo("Asia/Makassar"), "--at"),
    }
    with pytest.raises(InputError, match="out of range: give a date from 1900-01-01 to 2999-12-31"):
        readers[read](text)
    assert parse_day("2999-12-31") and parse_month("1900-01")
