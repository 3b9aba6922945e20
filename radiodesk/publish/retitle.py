"""An edited episode's title, written into its podcast file's tags before it is published.

A rendition is tagged with the recording's title when it is made; an editor's title for the
episode reaches the file at the next publish. The file is tagged as a copy, which then
replaces it (a reader of the old file, or its link in public/, keeps the old one whole), and
its size and checksum are brought up to date, so that fixity checks and the feed's
enclosure length still hold. Only the title tag changes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

import mutagen
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk.archive.tags import write_title
from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.models import Episode, EpisodeStatus, Rendition
from radiodesk.publish.paths import TEMPORARY_SUFFIX


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


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
        path = os.path.join(settings.archive_dir, rendition.stored_path)
        copy = path + TEMPORARY_SUFFIX
        try:
            shutil.copyfile(path, copy)
            write_title(Path(copy), rendition.format, title)
            sha256 = _sha256(copy)
            os.replace(copy, path)
        except (OSError, ValueError, mutagen.MutagenError) as err:
            with contextlib.suppress(OSError):
                os.unlink(copy)
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
