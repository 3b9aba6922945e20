"""The command line: ``radiodesk`` and its commands.

The language is chosen before the commands are built, so their ``--help`` is translated:
``--lang`` on the command line, else ``RADIODESK_LANG``, else the station's setting.
Every failure reaches the operator as one line; a traceback goes to a log file only.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

import click

from radiodesk import i18n
from radiodesk.errorlog import record_error
from radiodesk.errors import RadiodeskError
from radiodesk.files import OWNER_ONLY, Sharing


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
        except Exception:  # noqa: BLE001 - the command itself says what is wrong
            lang = None
    return i18n.set_language(lang)


def _archive_dir(argv: list[str]) -> tuple[Path | None, Sharing]:
    """Where the station's error log goes, as far as the settings can be read."""
    from radiodesk.config import load_settings, resolve_home

    home = _argv_option(argv, "--home")
    try:
        settings = load_settings(home)
    except Exception:  # noqa: BLE001 - any failure: the plain home/archive, owner only
        try:
            return resolve_home(home) / "archive", OWNER_ONLY
        except Exception:  # noqa: BLE001
            return None, OWNER_ONLY
    return settings.archive_dir, settings.sharing


def command_name(argv: list[str]) -> str:
    """The command ``argv`` runs ("radiodesk guests add"): its names only, never a value."""
    from radiodesk.cli.commands import cli

    words = ["radiodesk"]
    command: click.Command = cli
    for arg in argv:
        sub = command.commands.get(arg) if isinstance(command, click.Group) else None
        if sub is not None:
            words.append(arg)
            command = sub
    return " ".join(words)


def usage_line(err: click.UsageError) -> str:
    """click's usage error as one line: what is wrong, then where the help is."""
    from radiodesk.i18n import _

    message = " ".join(err.format_message().split())
    if not message.endswith((".", "!", "?")):
        message += "."
    line = _("Error: {message}").format(message=message)
    ctx = err.ctx
    if ctx is not None and ctx.command.get_help_option(ctx) is not None:
        # The longest name (--help), as click itself says it.
        line += " " + _("Try '{command} {option}' for help.").format(
            command=ctx.command_path, option=max(ctx.command.get_help_option_names(ctx), key=len)
        )
    return line


def _never_fail_to_print() -> None:
    # A path typed in another encoding is shown escaped rather than ending the command.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``radiodesk`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    _never_fail_to_print()
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
    except click.UsageError as err:
        click.echo(usage_line(err), err=True)
        code = err.exit_code
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
        archive_dir, sharing = _archive_dir(args)
        log = record_error(err, command_name(args), archive_dir, sharing)
        click.echo(
            _("radiodesk: unexpected error: {kind}: {message} (details in {log})").format(
                kind=type(err).__name__,
                message=str(err).splitlines()[0] if str(err) else "",
                log=log or "-",
            ),
            err=True,
        )
        code = 1
    sys.exit(code if isinstance(code, int) else 0)
