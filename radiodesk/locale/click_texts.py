"""click's own texts ("Usage:", "Options", "Error: …") in the operator's language.

click looks its texts up through a module-level ``_`` (``gettext.gettext``) and
``ngettext`` in each of its modules, that is in the process-wide "messages" domain that
radiodesk does not use. :func:`translate_click` points those names at radiodesk's catalogs.
It must run before the commands are built, because some help texts (``--version``) are
translated when a decorator runs.

The texts below are click's msgids exactly as click writes them, marked with ``N_`` so the
catalog tool extracts them; a test checks that each is still one of click's msgids.
"""

from __future__ import annotations

import importlib

from radiodesk import i18n
from radiodesk.i18n import N_, ngettext

# click's modules that translate; the private ones are imported on first use by click.
CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.types",
    "click.termui",
    "click.utils",
    "click._termui_impl",
    "click.shell_completion",
)

# Texts an operator can meet: help pages, usage errors, prompts. click's messages for
# programming mistakes (a parameter declared twice…) are left in English.
CLICK_TEXTS = (
    # help pages
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("deprecated"),
    N_("env var: {var}"),
    N_("default: {default}"),
    N_("required"),
    N_("(dynamic)"),
    N_("Choose from:\n\t{choices}"),
    # usage errors and their hints
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value: {message}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Value must be an iterable."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid UUID."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} does not exist."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    N_("Could not open file {filename!r}: {message}"),
    N_("unknown error"),
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
    # prompts
    N_("Aborted!"),
    N_("Do you want to continue?"),
    N_("Confirm the action without prompting."),
    N_("Repeat for confirmation"),
    N_("Error: The two entered values do not match."),
    N_("Error: invalid input"),
    N_("Press any key to continue..."),
    N_("{editor}: Editing failed"),
    N_("{editor}: Editing failed: {e}"),
)


def _click_plural_texts() -> None:
    """Never called: marks click's texts that depend on a count, for extraction."""
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 1)
    ngettext(
        "Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given.", 1
    )
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 1)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 1
    )
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 1)
    ngettext(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
        1,
    )
    ngettext(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
        1,
    )


def translate_click() -> None:
    """Make click show its texts through radiodesk's catalogs, in the current language.

    The language can change afterwards (:func:`radiodesk.i18n.set_language`): click then
    follows, since each lookup goes through :func:`radiodesk.i18n._` at the time it is made.
    """
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a click without that module has nothing there to translate
            continue
        if hasattr(module, "_"):
            module._ = i18n._  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]
