"""The command line: ``radiodesk`` and its commands.

The language is chosen before the commands are built, so their ``--help`` is translated:
``--lang`` on the command line, else ``RADIODESK_LANG``, else the station's setting.
Every failure reaches the operator as one line; a traceback goes to a log file only.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

import click

from radiodesk import i18n
from radiodesk.errors import RadiodeskError


def _argv_option(argv: list[str], name: str) -> str | None:
    for i, arg in enumerate(argv):
        if arg == name and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith(name + "="):
            return arg.split("=", 1)[1]
    return None


def choose_language(argv: list[str]) -> str:
    """--lang, else RADIODESK_LANG, else the station's language (quietly, if readable)."""
    lang = _argv_option(argv, "--lang") or os.environ.get("RADIODESK_LANG")
    if not lang:
        from radiodesk.config import load_settings

        try:
            lang = load_settings(_argv_option(argv, "--home")).station.language
        except RadiodeskError:
            lang = None
    return i18n.set_language(lang)


def _error_log(home: str | None) -> Path:
    base = Path(home or os.environ.get("RADIODESK_HOME") or os.getcwd()) / "archive"
    if not base.is_dir() or not os.access(base, os.W_OK):
        base = Path(tempfile.gettempdir())
    return base / "radiodesk-errors.log"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``radiodesk`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    choose_language(args)
    # click's own texts ("Usage:", "Error: …") too; before the commands are built.
    from radiodesk.locale.click_texts import translate_click

    translate_click()
    from radiodesk.cli.commands import cli
    from radiodesk.i18n import _

    try:
        code = cli.main(args=args, prog_name="radiodesk", standalone_mode=False)
    except click.exceptions.Exit as exit_:
        code = exit_.exit_code
    except click.ClickException as err:
        err.show()
        code = err.exit_code
    except click.exceptions.Abort:
        click.echo(_("Aborted."), err=True)
        code = 1
    except KeyboardInterrupt:
        click.echo(_("Interrupted."), err=True)
        code = 130
    except RadiodeskError as err:
        click.echo(_("radiodesk: error: {message}").format(message=err), err=True)
        code = err.exit_code
    except Exception as err:  # noqa: BLE001 - the operator gets one line, the log the rest
        log = _error_log(_argv_option(args, "--home"))
        try:
            with log.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {datetime.now(UTC).isoformat()} radiodesk {' '.join(args)}\n")
                fh.write(traceback.format_exc())
        except OSError:
            log = Path("-")
        click.echo(
            _("radiodesk: unexpected error: {kind}: {message} (details in {log})").format(
                kind=type(err).__name__,
                message=str(err).splitlines()[0] if str(err) else "",
                log=log,
            ),
            err=True,
        )
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
