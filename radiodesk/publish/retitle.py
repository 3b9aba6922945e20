"""An edited episode's title, written into its podcast file's tags before it is published.

A rendition is tagged with the recording's title when it is made; an editor's title for the
episode reaches the file at the next publish. The file is tagged as a copy, which then
replaces it (a reader of the old file, or its link in public/, keeps the old one whole), and
its size and checksum are brought up to date, so that fixity checks and the feed's
enclosure length still hold. Only the title tag changes.
"""

from __future__ import annotations

import os
from pathlib import Path

import mutagen
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk.archive.store import Partial, copy_file, sha256_file
from radiodesk.archive.tags import write_title
from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.models import Episode, EpisodeStatus, Rendition


def retitle_files(session: Session, settings: Settings) -> list[str]:
    """Write the title of every published, edited episode into its podcast files' tags
    where it is not there yet. Returns a line for each file that could not be tagged."""
    rows = session.execute(
        select(Rendition, Episode.title)
        .join(Episode, Episode.recording_id == Rendition.recording_id)
        .where(
            Episode.status == EpisodeStatus.PUBLISHED,
            Episode.edited_at.is_not(None),
            func.coalesce(Rendition.tagged_title, "") != Episode.title,
        )
    ).all()
    problems: list[str] = []
    for rendition, title in rows:
        path = Path(settings.archive_dir, rendition.stored_path)
        try:
            with Partial(path) as partial:
                copy_file(path, partial.path)
                write_title(partial.path, rendition.format, title)
                partial.sync()
                sha256 = sha256_file(partial.path)
                partial.place()
        except (OSError, ValueError, mutagen.MutagenError) as err:
            problems.append(
                _("{path}: the new title could not be written into its tags: {reason}").format(
                    path=path, reason=getattr(err, "strerror", None) or err
                )
            )
            continue
        rendition.sha256, rendition.size = sha256, os.path.getsize(path)
        rendition.tagged_title = title
    session.flush()
    return problems
