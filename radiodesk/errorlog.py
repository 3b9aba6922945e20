"""The error log, ``radiodesk-errors.log``: where the desk and the CLI put a traceback that the
operator is spared (they see one line naming the log).

It lives in the station's ``archive/``, private like the rest of it (see
:mod:`radiodesk.files`). When that folder cannot take it, the log goes to the user's own
state folder (``$XDG_STATE_HOME/radiodesk``, else ``~/.local/state/radiodesk``), never to a
fixed name in the machine's shared temporary folder. A heading names the action (the command's
name, the desk), never the values typed, which can hold a guest's phone number or a caller's
name. Writing the log never fails: text that is not UTF-8 is written escaped, and a log that
cannot be written at all is simply not written.
"""

from __future__ import annotations

import os
import traceback
from datetime import UTC, datetime
from pathlib import Path

from radiodesk.files import OWNER_ONLY, Sharing, create_private_file, private_folder

LOG_NAME = "radiodesk-errors.log"


def user_state_dir() -> Path:
    """The user's own folder for radiodesk's state (XDG), outside any station."""
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(
        os.path.expanduser("~"), ".local", "state"
    )
    return Path(base) / "radiodesk"


def _append(folder: Path, text: str, sharing: Sharing) -> Path:
    private_folder(folder, sharing)
    log = folder / LOG_NAME
    create_private_file(log, sharing)
    with log.open("a", encoding="utf-8", errors="backslashreplace") as fh:
        fh.write(text)
    return log


def record_error(
    error: BaseException,
    action: str,
    archive_dir: Path | None,
    sharing: Sharing = OWNER_ONLY,
) -> Path | None:
    """Append ``error``'s traceback under a heading naming ``action`` (no values typed).

    Returns the log written, or None when no log could be written."""
    text = f"--- {datetime.now(UTC).isoformat()} {action}\n" + "".join(
        traceback.format_exception(error)
    )
    # A station's archive/ is used when it exists; an error never creates a station folder.
    folders = [archive_dir] if archive_dir is not None and archive_dir.is_dir() else []
    for folder in [*folders, user_state_dir()]:
        try:
            return _append(folder, text, sharing if folder == archive_dir else OWNER_ONLY)
        except Exception:  # noqa: BLE001, S112 - the log must never be a second failure
            continue
    return None
