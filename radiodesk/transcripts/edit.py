"""An editor replaces a recording's transcript with a corrected WebVTT file.

The file takes the automatic transcript's place beside the master (written under a temporary
name, then renamed), its checksum is recorded for ``verify``, the transcript is marked as made
by a person, and search re-indexes its cues at once. An edited transcript is new text nobody
approved: its approval is withdrawn (publishing drops it until an editor approves again).
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from radiodesk.archive.store import Partial, sha256_file, transcript_rel
from radiodesk.config import Settings
from radiodesk.errors import InputError, NotFound
from radiodesk.i18n import _
from radiodesk.models import Recording, Transcript, TranscriptChunk, TranscriptStatus
from radiodesk.search.transcripts import MAX_TRANSCRIPT_BYTES, parse_cues
from radiodesk.transcripts.queue import (
    TranscriptInfo,
    language_of,
    refuse_own_transcript,
    transcript_states,
)

# What ``Transcript.settings`` says of a transcript an editor gave.
EDITED_BY = "person"
_HEADER_RE = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_TIMING_RE = re.compile(
    r"^\s*(?:\d+:)?\d{2}:\d{2}\.\d{3}\s*-->\s*(?:\d+:)?\d{2}:\d{2}\.\d{3}(?:\s.*)?$"
)


def checked_webvtt(source: Path) -> bytes:
    """The bytes of the WebVTT file ``source``; InputError (one line) when it cannot be read
    or is not WebVTT: UTF-8, the ``WEBVTT`` header, every ``-->`` line a cue timing."""
    name = source.name
    try:
        if source.stat().st_size > MAX_TRANSCRIPT_BYTES:
            raise InputError(_("{file} is too large for a transcript.").format(file=name))
        raw = source.read_bytes()
    except OSError as err:
        raise InputError(
            _("{file} cannot be read: {reason}").format(file=name, reason=err.strerror or err)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("{file} is not UTF-8 text.").format(file=name)) from None
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not _HEADER_RE.match(lines[0]):
        raise InputError(
            _("{file} is not WebVTT: its first line must be WEBVTT.").format(file=name)
        )
    for number, line in enumerate(lines, start=1):
        if "-->" in line and not _TIMING_RE.match(line):
            raise InputError(
                _("{file} is not WebVTT: line {line} is not a cue timing.").format(
                    file=name, line=number
                )
            )
    return raw


def replace_transcript(
    session: Session, settings: Settings, recording_id: int, source: Path, now: datetime
) -> TranscriptInfo:
    """Make the WebVTT file ``source`` the transcript of recording ``recording_id`` in place
    of the automatic one (see the module's text). Nothing changes when ``source`` is not
    WebVTT or the recording cannot take it."""
    raw = checked_webvtt(source)
    recording = session.get(Recording, recording_id)
    if recording is None:
        raise NotFound(_("There is no recording {id}.").format(id=recording_id))
    rel = transcript_rel(recording.stored_path, ".vtt")
    refuse_own_transcript(recording, rel)
    row = session.scalar(select(Transcript).where(Transcript.recording_id == recording_id))
    if row is None:
        row = Transcript(recording_id=recording_id, language=language_of(recording, settings))
        session.add(row)
    final = settings.archive_dir / rel
    with Partial(final) as partial:
        partial.path.write_bytes(raw)
        partial.sync()
        partial.place()
    if row.id is not None:
        session.execute(delete(TranscriptChunk).where(TranscriptChunk.transcript_id == row.id))
    row.status, row.path, row.error = TranscriptStatus.DONE, rel, ""
    row.cues = len(parse_cues(raw.decode("utf-8-sig")))
    row.sha256, row.size = sha256_file(final), final.stat().st_size
    row.model = ""
    row.settings = {"edited_by": EDITED_BY, "file": source.name, "at": now.isoformat()}
    row.finished_at, row.verified_at, row.verified_ok = now, None, None
    row.approved_at = None
    recording.transcript_path = None
    session.flush()
    return transcript_states(session, [recording_id])[0]
