"""Errors an operator may see: each carries one clear line, never a traceback."""


class RadiodeskError(Exception):
    """A failure the user can act on. ``str(err)`` is the one line to show."""

    exit_code = 1


class ConfigError(RadiodeskError):
    """A missing or wrong setting in radiodesk.toml or a programme file."""


class InputError(RadiodeskError):
    """Bad input from the operator: wrong value, unknown name, impossible request."""


class NotFound(InputError):
    """Something named by the operator does not exist."""


class Conflict(InputError):
    """The request collides with what already exists (an overlap, a duplicate)."""
