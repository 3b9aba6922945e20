"""Who sends an entry, and the id it is sent with.

Every change to the log records who made it: the operator's name given (the desk asks once,
the CLI takes ``--operator``), else ``RADIODESK_OPERATOR``, else the login name of the PC.

An entry is sent with an id made before sending (``LogEntry.client_id``). The desk makes a
random one per entry typed and keeps it while it retries. A command cannot keep anything
between two runs, so the CLI's id is made from what the command says (broadcast, kind, text,
who, the time given) and the 10-minute span it runs in; the span before is sent along as an
earlier id of the same entry. The same command run again within 10 to 20 minutes — an
operator retrying a command killed after its commit — is recognised; ``--again`` logs the
same words a second time on purpose.
"""

from __future__ import annotations

import getpass
import hashlib
import os
import uuid
from datetime import datetime

# The span (seconds) within which the same command is the same entry.
RETRY_SPAN = 600


def login_name() -> str:
    """The login name of the PC's user ("" when the system has none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def operator_name(given: str | None = None) -> str:
    """Who is making a change: ``given``, else ``RADIODESK_OPERATOR``, else the login name."""
    if given is not None and given.strip():
        return " ".join(given.split())
    return " ".join(os.environ.get("RADIODESK_OPERATOR", "").split()) or login_name()


def new_client_id() -> str:
    """A fresh id for one entry (the desk's, and the CLI's with ``--again``)."""
    return f"d-{uuid.uuid4().hex}"


def command_client_ids(parts: list[str], now: datetime) -> tuple[str, tuple[str, ...]]:
    """The id of the entry a command sends, made from what it says (``parts``) and the span
    of :data:`RETRY_SPAN` seconds ``now`` falls in; and the id the same command had in the
    span before, to send as an earlier id of the same entry."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:40]
    span = int(now.timestamp()) // RETRY_SPAN
    return f"c-{digest}-{span}", (f"c-{digest}-{span - 1}",)
