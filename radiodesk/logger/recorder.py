"""``radiodesk logger``: the supervisor of the recording ffmpeg.

ffmpeg does the work (see :mod:`radiodesk.logger.ffmpeg`); this process only watches it:
it reads ffmpeg's progress to learn when the first sample of the connection was on air, gives
each segment its final name when ffmpeg finishes it, writes a heartbeat, the gaps and events
into the database, keeps free disk above the reserve, and starts ffmpeg again with backoff
when the stream drops. Killed at any moment, the next run closes what was left (see
:func:`Recorder.recover`) and the gap covers only the time nobody was recording.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from radiodesk import db
from radiodesk.archive import audio
from radiodesk.archive.audio import die_with_parent
from radiodesk.archive.store import sha256_file
from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.logger import ffmpeg, segments, state
from radiodesk.logger.causes import cause_text, classify
from radiodesk.logger.segments import INCOMING, Connection
from radiodesk.logger.settings import LoggerSettings, logger_dir
from radiodesk.models import (
    LoggerCause,
    LoggerEvent,
    LoggerEventKind,
    LoggerRunState,
    LoggerSegment,
)

BACKOFF = (1.0, 2.0, 3.0)
# Shorter segments (seconds) are dropped: a frame or two, left when ffmpeg stops at a cut.
MIN_SEGMENT = 0.1
# Free space needed above the reserve before writing starts again (bytes).
RESUME_MARGIN = 20_000_000
_SILENCE_START = re.compile(r"silence_start: (-?[\d.]+)")
_SILENCE_END = re.compile(r"silence_end: (-?[\d.]+)")

Say = Callable[[str], None]


def _now() -> datetime:
    return datetime.now(UTC)


class Recorder:
    """Records the station's air until ``stop`` is set (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        config: LoggerSettings,
        *,
        stop: threading.Event | None = None,
        say: Say | None = None,
        on_tick: Callable[[datetime], None] | None = None,
    ) -> None:
        self.settings = settings
        self.config = config
        self.stop = stop or threading.Event()
        self.say = say or (lambda _text: None)
        self.on_tick = on_tick
        self.folder = logger_dir(settings)
        self.incoming = self.folder / INCOMING
        self.archive = settings.archive_dir
        self.fmt: ffmpeg.SourceFormat | None = None
        self.last_state: tuple[str, str] = ("", "")

    # the whole life ----------------------------------------------------------------------
    def run(self) -> None:
        self.incoming.mkdir(parents=True, exist_ok=True)
        self.recover()
        with db.unit_of_work(self.settings) as session:
            end = state.recorded_end(session)
            if end is not None:
                state.open_gap(session, end, LoggerCause.NOT_RUNNING)
        failures = 0
        while not self.stop.is_set():
            if self.disk_low():
                self.wait_for_disk()
                continue
            if self.fmt is None:
                probed = ffmpeg.probe_source(self.config)
                if isinstance(probed, ffmpeg.ProbeFailure):
                    self.report(LoggerRunState.DISCONNECTED, probed.cause, probed.detail)
                    failures += 1
                    self.stop.wait(BACKOFF[min(failures, len(BACKOFF)) - 1])
                    continue
                self.fmt = probed
            started = time.monotonic()
            cause, detail = self.record(self.fmt)
            if self.stop.is_set():
                break
            failures = 0 if time.monotonic() - started > 30 else failures + 1
            self.report(LoggerRunState.DISCONNECTED, cause, detail)
            self.stop.wait(BACKOFF[min(max(failures, 1), len(BACKOFF)) - 1])
        with db.unit_of_work(self.settings) as session:
            end = state.recorded_end(session)
            if end is not None:
                state.open_gap(session, end, LoggerCause.STOPPED)
            state.set_state(session, _now(), LoggerRunState.STOPPED, cause=LoggerCause.STOPPED)
        self.say(_("The logger stopped."))

    def report(self, what: LoggerRunState, cause: str = "", detail: str = "") -> None:
        """Write the state to the database; tell the operator when it changed."""
        with db.unit_of_work(self.settings) as session:
            state.set_state(
                session, _now(), what, cause=cause, detail=detail, source=self.config.source
            )
        if (what, cause) != self.last_state:
            self.last_state = (what, cause)
            if what == LoggerRunState.DISCONNECTED:
                self.say(_("Not recording: {cause}; trying again.").format(cause=cause_text(cause)))
            elif what == LoggerRunState.PAUSED:
                self.say(_("Not recording: {cause}.").format(cause=cause_text(cause)))

    # one connection -----------------------------------------------------------------------
    def record(self, fmt: ffmpeg.SourceFormat) -> tuple[str, str]:
        """Run one recording ffmpeg until it stops; (cause, ffmpeg's words) of its stop."""
        conn = Connection(
            id=datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}",
            codec=fmt.codec,
            muxer=fmt.muxer,
            ext=fmt.ext,
            delay=self.config.stream_delay,
        )
        command = ffmpeg.recorder_command(
            self.config, fmt, self.incoming, conn.id, ffmpeg.clock_offset(self.config)
        )
        env = dict(os.environ, TZ=self.settings.station.timezone)
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            preexec_fn=die_with_parent,  # noqa: PLW1509
        )
        self.report(LoggerRunState.CONNECTING)
        watch = _Watch(proc)
        rows: dict[str, int] = {}
        last_tick = 0.0
        stopped_for: tuple[LoggerCause, str] | None = None
        position = 0.0
        saved_anchor: float | None = None
        while True:
            item = watch.next(0.5)
            if item is not None:
                arrived, position = item
                lag = arrived - position
                if conn.anchor is None or lag < conn.anchor:
                    conn.anchor = lag
            if watch.done and proc.poll() is not None:
                break
            if time.monotonic() - last_tick < state.HEARTBEAT_SECONDS and not self.stop.is_set():
                continue
            last_tick = time.monotonic()
            if conn.anchor is not None:
                if conn.anchor != saved_anchor:
                    conn.save(self.incoming)
                    saved_anchor = conn.anchor
                self.sync(conn, rows, final=False, position=position)
                self.dead_air(conn, watch)
            self.heartbeat(conn, position, proc.pid)
            if self.on_tick is not None:
                self.on_tick(_now())
            if stopped_for is None and (self.stop.is_set() or self.disk_low()):
                stopped_for = (
                    (LoggerCause.STOPPED, "") if self.stop.is_set() else (LoggerCause.DISK_LOW, "")
                )
                proc.terminate()  # ffmpeg closes its segment and lists it
        proc.wait()
        watch.join()
        if conn.anchor is not None:
            self.sync(conn, rows, final=True, position=position)
            self.dead_air(conn, watch, final=position)
        cause, detail = stopped_for or classify(
            list(watch.log), proc.returncode, device=self.config.is_device
        )
        with db.unit_of_work(self.settings) as session:
            end = state.recorded_end(session)
            if end is not None:
                state.open_gap(session, end, cause, detail)
        for path in (conn.info_path(self.incoming), self.incoming / f"{conn.id}.csv"):
            path.unlink(missing_ok=True)
        return cause, detail

    def heartbeat(self, conn: Connection, position: float, pid: int) -> None:
        recording = conn.anchor is not None
        with db.unit_of_work(self.settings) as session:
            state.set_state(
                session,
                _now(),
                LoggerRunState.RECORDING if recording else LoggerRunState.CONNECTING,
                source=self.config.source,
                recorded_until=conn.air(position) if recording else None,
                ffmpeg_pid=pid,
            )
        if recording and self.last_state != (LoggerRunState.RECORDING, ""):
            self.last_state = (LoggerRunState.RECORDING, "")
            self.say(_("Recording the air from {source}.").format(source=self.config.source))

    # segments -----------------------------------------------------------------------------
    def sync(
        self, conn: Connection, rows: dict[str, int], *, final: bool, position: float = 0.0
    ) -> None:
        """Bring the database in step with the connection's files: a row for each new one,
        the final name for each one ffmpeg finished (and, once ffmpeg is gone, for the one
        it was writing, closed as a crash would have left it)."""
        listed = segments.finished_segments(self.incoming, conn.id)
        finished = {f.name: f for f in listed}
        # A segment starts where the one before it ended (by number, renamed or not).
        ends = {segments.number(f.name): f.end for f in listed}
        names = sorted(p.name for p in self.incoming.glob(f"{conn.id}-*.{conn.ext}"))
        for name in names:
            first = name.startswith(f"{conn.id}-00000.")
            done = finished.get(name)
            number = segments.number(name)
            offset = done.start if done else ends.get(number - 1, 0.0 if first else -1.0)
            if offset < 0:
                offset = max(ends.values(), default=0.0)
            temp_rel = f"logger/{INCOMING}/{name}"
            with db.unit_of_work(self.settings) as session:
                row_id = rows.get(name)
                row = session.get(LoggerSegment, row_id) if row_id else None
                if row is None:
                    row = LoggerSegment(
                        path=temp_rel,
                        start=conn.air(offset),
                        connection=conn.id,
                        offset=offset,
                        codec=conn.codec,
                    )
                    session.add(row)
                    session.flush()
                    rows[name] = row.id
                    if first:
                        state.close_gap(session, row.start)
                moved = conn.air(offset)
                if first and moved != row.start:
                    # The first sample's instant is known better now: the gap ends there.
                    state.move_gap_end(session, row.start, moved)
                row.start = moved
                if done is None and not final:
                    row.duration = max(0.0, position - offset)
            if done is not None:
                self.finish(rows[name], temp_rel, conn, done.end - done.start)
            elif final:
                self.close_left(rows[name], temp_rel, conn)

    def finish(self, row_id: int, temp_rel: str, conn: Connection, duration: float) -> None:
        with db.unit_of_work(self.settings) as session:
            row = session.get(LoggerSegment, row_id)
            assert row is not None
            if duration < MIN_SEGMENT:
                # Opened by ffmpeg just as it stopped: a frame or two no player can open.
                session.delete(row)
                (self.archive / temp_rel).unlink(missing_ok=True)
                return
            rel = segments.free_rel(
                self.archive, segments.final_rel(row.start, self.settings.zone, conn.ext)
            )
        segments.place(self.archive, temp_rel, rel)
        final = self.archive / rel
        with db.unit_of_work(self.settings) as session:
            row = session.get(LoggerSegment, row_id)
            assert row is not None
            row.path, row.complete, row.duration = rel, True, duration
            row.size, row.sha256 = final.stat().st_size, sha256_file(final)

    def close_left(self, row_id: int, temp_rel: str, conn: Connection) -> None:
        """A segment ffmpeg did not finish (it was killed): closed with its true length."""
        with db.unit_of_work(self.settings) as session:
            row = session.get(LoggerSegment, row_id)
            assert row is not None
            rel = segments.free_rel(
                self.archive, segments.final_rel(row.start, self.settings.zone, conn.ext)
            )
        duration = segments.close_interrupted(self.archive, temp_rel, rel, conn.muxer)
        with db.unit_of_work(self.settings) as session:
            row = session.get(LoggerSegment, row_id)
            assert row is not None
            if duration is None:
                session.delete(row)
                return
            final = self.archive / rel
            row.path, row.complete, row.duration = rel, True, duration
            row.size, row.sha256 = final.stat().st_size, sha256_file(final)

    def recover(self) -> None:
        """Close what a killed logger left in .incoming/ and in the database."""
        with db.unit_of_work(self.settings) as session:
            left = session.scalars(
                select(LoggerSegment).where(LoggerSegment.complete.is_(False))
            ).all()
            pending = [(r.id, r.path, r.connection, r.start) for r in left]
        for row_id, temp_rel, conn_id, start in pending:
            conn = Connection.load(self.incoming / f"{conn_id}.json")
            ext = Path(temp_rel).suffix.lstrip(".")
            muxer = conn.muxer if conn else ffmpeg.muxer_for_ext(ext)
            if (self.archive / temp_rel).exists():
                self.close_left(row_id, temp_rel, Connection(conn_id, "", muxer, ext, 0.0))
                continue
            # Renamed just before the crash, the row not yet told.
            rel = segments.final_rel(start, self.settings.zone, ext)
            with db.unit_of_work(self.settings) as session:
                row = session.get(LoggerSegment, row_id)
                assert row is not None
                final = self.archive / rel
                if not final.exists():
                    session.delete(row)
                    continue
                row.path, row.complete = rel, True
                row.duration = audio.probe(final).duration or 0.0
                row.size, row.sha256 = final.stat().st_size, sha256_file(final)
        for conn_file in self.incoming.glob("*.json"):
            conn = Connection.load(conn_file)
            if conn is not None and conn.anchor is not None:
                self.sync(conn, {}, final=True)
            conn_file.unlink(missing_ok=True)
        for leftover in self.incoming.iterdir():
            # Files of a connection that never placed a sample in time: nothing to keep.
            if leftover.is_file():
                leftover.unlink()

    # air and disk -------------------------------------------------------------------------
    def dead_air(self, conn: Connection, watch: _Watch, final: float | None = None) -> None:
        """Store each long silence ffmpeg's silencedetect reported as a dead-air event."""
        events = watch.take_silences()
        if final is not None and watch.silence_open is not None:
            events.append((watch.silence_open, final))
        if not events:
            return
        with db.unit_of_work(self.settings) as session:
            for start, end in events:
                state.add_event(session, LoggerEventKind.DEAD_AIR, conn.air(start), conn.air(end))

    def disk_low(self) -> bool:
        free = shutil.disk_usage(self.folder).free
        return free < self.config.reserve_mb * 1_000_000

    def wait_for_disk(self) -> None:
        with db.unit_of_work(self.settings) as session:
            state.add_event(session, LoggerEventKind.DISK_LOW, _now(), None)
        while not self.stop.is_set():
            self.report(LoggerRunState.PAUSED, LoggerCause.DISK_LOW)
            free = shutil.disk_usage(self.folder).free
            if free >= self.config.reserve_mb * 1_000_000 + RESUME_MARGIN:
                break
            self.stop.wait(state.HEARTBEAT_SECONDS)
        with db.unit_of_work(self.settings) as session:
            event = session.scalars(
                select(LoggerEvent)
                .where(LoggerEvent.kind == LoggerEventKind.DISK_LOW, LoggerEvent.end.is_(None))
                .order_by(LoggerEvent.id.desc())
            ).first()
            if event is not None:
                event.end = _now()


class _Watch:
    """Reads a running ffmpeg's two pipes in threads: its progress (as (arrival time,
    position) pairs) and its log (the last lines kept, silences picked out)."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self.progress: queue.Queue[tuple[float, float] | None] = queue.Queue()
        self.log: deque[str] = deque(maxlen=40)
        self.silences: list[tuple[float, float]] = []
        self.silence_open: float | None = None
        self.lock = threading.Lock()
        self.done = False
        self.threads = [
            threading.Thread(target=self._read_progress, args=(proc,), daemon=True),
            threading.Thread(target=self._read_log, args=(proc,), daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def _read_progress(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            key, _sep, value = raw.decode("ascii", "replace").strip().partition("=")
            if key == "out_time_us" and value.isdigit():
                self.progress.put((time.time(), int(value) / 1e6))
        self.progress.put(None)

    def _read_log(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            if "silence_" in line:
                self._silence(line)
            elif "Opening '" not in line:
                self.log.append(line)

    def _silence(self, line: str) -> None:
        with self.lock:
            if match := _SILENCE_START.search(line):
                self.silence_open = float(match.group(1))
            elif (match := _SILENCE_END.search(line)) and self.silence_open is not None:
                self.silences.append((self.silence_open, float(match.group(1))))
                self.silence_open = None

    def take_silences(self) -> list[tuple[float, float]]:
        with self.lock:
            taken, self.silences = self.silences, []
        return taken

    def next(self, timeout: float) -> tuple[float, float] | None:
        if self.done:
            time.sleep(min(timeout, 0.1))
            return None
        try:
            item = self.progress.get(timeout=timeout)
        except queue.Empty:
            return None
        if item is None:
            self.done = True
        return item

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=5)
