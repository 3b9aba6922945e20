"""What the desk shows of transcripts: each recording's transcript state in one line, and a
broadcast's transcript beside its live log (each log entry next to what was being said then).

Plain data for the shells; the desk never reads the transcript tables or files itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.interviews.livelog import LogLine, broadcast_log
from radiodesk.models import Recording, TranscriptStatus
from radiodesk.search.transcripts import Cue, read_cues
from radiodesk.transcripts.queue import TranscriptInfo, transcript_states


def state_text(info: TranscriptInfo | None) -> str:
    """A transcript's state in the user's language: queued, working n %, done, failed (with
    why), approved; "" for a recording that has no automatic transcript."""
    if info is None:
        return ""
    if info.working:
        percent = 100 * info.chunks_done // info.chunks_total if info.chunks_total else 0
        return _("working {percent} %").format(percent=percent)
    if info.status == TranscriptStatus.QUEUED:
        return _("queued")
    if info.status == TranscriptStatus.FAILED:
        return _("failed: {why}").format(why=info.error or _("no reason recorded"))
    if info.approved:
        return _("approved ({cues} cues)").format(cues=info.cues)
    if info.status == TranscriptStatus.DONE and not info.cues:
        return _("done, no speech found")
    if info.status == TranscriptStatus.DONE:
        return _("done ({cues} cues), not approved").format(cues=info.cues)
    return info.status


def recording_states(session: Session, ids: Iterable[int]) -> dict[int, TranscriptInfo]:
    """The transcript of each recording in ``ids`` that has one, by recording id."""
    return {info.recording_id: info for info in transcript_states(session, list(ids))}


@dataclass(frozen=True)
class SaidThen:
    """One live-log entry (None: before the first entry) and the cues heard from its time
    until the next entry's. ``offset`` is seconds into the recording."""

    entry: LogLine | None
    offset: float | None
    cues: tuple[Cue, ...]


@dataclass(frozen=True)
class BroadcastTranscript:
    """A broadcast's transcript beside its live log. ``recording_id`` is the master whose
    transcript is shown (None when no master has a recorded start); ``state`` is that
    transcript's state line; ``rows`` each log entry with what was said then."""

    broadcast_id: int
    title: str
    recording_id: int | None
    state: str
    rows: tuple[SaidThen, ...]
    cue_count: int


def _master(session: Session, broadcast_id: int) -> Recording | None:
    return session.scalars(
        select(Recording)
        .where(Recording.broadcast_id == broadcast_id, Recording.parent_id.is_(None))
        .order_by(Recording.recorded_start.is_(None), Recording.recorded_start, Recording.id)
    ).first()


def _offset(at: datetime, start: datetime | None) -> float | None:
    return None if start is None else (at - start).total_seconds()


def beside_log(
    entries: Iterable[LogLine], cues: list[Cue], start: datetime | None
) -> list[SaidThen]:
    """Each entry with the cues that start from its moment until the next entry's (cues
    before the first entry in a row of their own). ``start`` is the recording's start (UTC);
    without it no cue can be placed and every entry stands alone."""
    shown = [e for e in entries if not e.deleted]
    placed = [(e, _offset(e.at, start)) for e in shown]
    rows: list[SaidThen] = []
    timed = [(e, o) for e, o in placed if o is not None]
    first = timed[0][1] if timed else None
    leading = tuple(c for c in cues if first is None or c.start < first)
    if leading:
        rows.append(SaidThen(None, None, leading))
    for index, (entry, offset) in enumerate(placed):
        if offset is None:
            rows.append(SaidThen(entry, None, ()))
            continue
        later = [o for _e, o in placed[index + 1 :] if o is not None and o > offset]
        until = later[0] if later else None
        said = tuple(c for c in cues if c.start >= offset and (until is None or c.start < until))
        # Entries at the same moment: the cues go with the last of them.
        if index + 1 < len(placed) and placed[index + 1][1] == offset:
            said = ()
        rows.append(SaidThen(entry, offset, said))
    return rows


def broadcast_transcript(
    session: Session, settings: Settings, broadcast_id: int
) -> BroadcastTranscript:
    """The transcript of a broadcast's master recording beside its live log. The automatic
    transcript is shown whatever its approval (the desk is internal); a transcript dropped
    beside the master is shown when there is no automatic one."""
    log = broadcast_log(session, broadcast_id)
    master = _master(session, broadcast_id)
    cues: list[Cue] = []
    state = _("no recording archived")
    if master is not None:
        info = recording_states(session, [master.id]).get(master.id)
        state = state_text(info) or _("no transcript queued")
        path = info.path if info is not None and info.status == TranscriptStatus.DONE else None
        path = path or master.transcript_path
        if path:
            cues = read_cues(settings.archive_dir / path)
            if info is None:
                state = _("transcript given with the recording")
    rows = beside_log(log.entries, cues, master.recorded_start if master else None)
    return BroadcastTranscript(
        broadcast_id=log.broadcast_id,
        title=log.show_title,
        recording_id=master.id if master else None,
        state=state,
        rows=tuple(rows),
        cue_count=len(cues),
    )
