"""Real parts for the logger's tests: Debian's icecast2 on a loopback port with a generated
configuration, ffmpeg feeding it generated audio with tone markers at known instants, and
the logger run as an operator runs it (``radiodesk logger`` in a process of its own).

The feeder plays silence with a 1 kHz beep of 0.3 s at 5 s past every 10 s of its own
timeline; its timeline starts when it starts (``-re``), so the air instant of each beep is
known to a few hundredths of a second.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from radiodesk import db
from radiodesk.config import load_settings
from radiodesk.models import LoggerGap, LoggerSegment
from tests.conftest import REPO, SYNCED_AT

ZONE = ZoneInfo("Asia/Makassar")
BEEP_EVERY = 10.0
BEEP_AT = 5.0
_ICECAST_XML = """<icecast>
  <limits><clients>20</clients><sources>8</sources><burst-on-connect>1</burst-on-connect>
    <burst-size>65536</burst-size><source-timeout>5</source-timeout></limits>
  <authentication><source-password>hackme-src</source-password>
    <admin-user>admin</admin-user><admin-password>hackme-adm</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>{port}</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <fileserve>0</fileserve>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>{logs}</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot>
    </paths>
  <logging><errorlog>-</errorlog><accesslog>access.log</accesslog>
    <loglevel>2</loglevel></logging>
  <security><chroot>0</chroot>{owner}</security>
</icecast>
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _owner() -> str:
    """icecast refuses to run as root unless told which user to become."""
    if os.getuid() != 0:
        return ""
    for user, group in (("icecast2", "icecast"), ("nobody", "nogroup")):
        try:
            pwd.getpwnam(user)
            grp.getgrnam(group)
        except KeyError:
            continue
        return f"<changeowner><user>{user}</user><group>{group}</group></changeowner>"
    pytest.skip("no unprivileged user for icecast to run as")


@dataclass
class Icecast:
    port: int
    proc: subprocess.Popen[bytes]

    def url(self, mount: str) -> str:
        return f"http://127.0.0.1:{self.port}/{mount}"

    def source_url(self, mount: str) -> str:
        return f"icecast://source:hackme-src@127.0.0.1:{self.port}/{mount}"


def start_icecast(folder: Path) -> tuple[Icecast, Path]:
    """icecast2 on a free loopback port, configured in ``folder``; and its log folder."""
    program = shutil.which("icecast2")
    if program is None:
        pytest.skip("icecast2 is not installed (bash .ci/setup --test installs it)")
    # Its log folder must be reachable by the user icecast becomes (pytest's are not).
    logs = Path(tempfile.mkdtemp(prefix="radiodesk-icecast-"))
    logs.chmod(0o755)
    owner = _owner()
    if owner:
        user = re.search(r"<user>(.*)</user>", owner)
        assert user is not None
        shutil.chown(logs, user.group(1))
    port = free_port()
    config = folder / "icecast.xml"
    config.write_text(_ICECAST_XML.format(port=port, logs=logs, owner=owner), encoding="utf-8")
    errors = folder / "icecast.err"
    with errors.open("wb") as handle:
        proc = subprocess.Popen([program, "-c", str(config)], stdout=handle, stderr=handle)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/status-json.xsl", timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    else:
        proc.kill()
    if proc.poll() is not None:
        pytest.fail("icecast2 did not start: " + errors.read_text("utf-8", "replace"))
    return Icecast(port, proc), logs


@pytest.fixture(scope="session")
def icecast(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Icecast]:
    server, logs = start_icecast(tmp_path_factory.mktemp("icecast"))
    yield server
    server.proc.terminate()
    server.proc.wait(timeout=10)
    shutil.rmtree(logs, ignore_errors=True)


@dataclass
class Feeder:
    """ffmpeg playing beeps into an icecast mount in real time (128 kbit/s MP3)."""

    target: str
    started: float = 0.0
    proc: subprocess.Popen[bytes] | None = None

    def start(self) -> Feeder:
        expr = f"0.5*sin(2*PI*1000*t)*between(mod(t\\,{BEEP_EVERY:g})\\,{BEEP_AT:g}\\,{BEEP_AT + 0.3:g})"
        command = ["ffmpeg", "-nostdin", "-v", "error", "-progress", "pipe:1", "-stats_period"]
        command += ["0.2", "-re", "-f", "lavfi", "-i", f"aevalsrc={expr}:s=44100:c=2"]
        command += ["-c:a", "libmp3lame", "-b:a", "128k", "-content_type", "audio/mpeg"]
        command += ["-f", "mp3", self.target]
        self.started = time.time()
        self.proc = subprocess.Popen(command, stdout=subprocess.PIPE)
        threading.Thread(target=self._follow, args=(self.proc,), daemon=True).start()
        return self

    def _follow(self, proc: subprocess.Popen[bytes]) -> None:
        # When its timeline began: the least of (arrival - position) over its progress
        # reports (a machine under load starts ffmpeg late; this is when it really began).
        assert proc.stdout is not None
        best = None
        for raw in proc.stdout:
            key, _sep, value = raw.decode().strip().partition("=")
            if key == "out_time_us" and value.isdigit() and int(value) > 0:
                lag = time.time() - int(value) / 1e6
                if best is None or lag < best:
                    best = lag
                    self.started = lag

    def beeps(self, start: float, end: float) -> list[float]:
        """The Unix times of the beeps this feeder played between ``start`` and ``end``."""
        first = int((start - self.started - BEEP_AT) // BEEP_EVERY)
        times = [self.started + BEEP_AT + BEEP_EVERY * k for k in range(max(first, 0), 10_000)]
        return [t for t in times if start <= t <= end]

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def feeder(icecast: Icecast) -> Iterator[Callable[[str], Feeder]]:
    made: list[Feeder] = []

    def make(mount: str) -> Feeder:
        feeder = Feeder(icecast.source_url(mount))
        made.append(feeder)
        return feeder

    yield make
    for feeder in made:
        feeder.stop()


@dataclass
class LoggerRun:
    """``radiodesk logger`` in a process of its own; its stderr kept in a file."""

    home: Path
    env: dict[str, str]
    log: Path
    proc: subprocess.Popen[bytes] | None = None
    runs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, *args: str) -> LoggerRun:
        handle = self.log.open("ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "radiodesk", "--home", str(self.home), *args, "logger"],
            env=self.env,
            stdout=handle,
            stderr=handle,
            cwd=REPO,
        )
        self.runs.append(self.proc)
        return self

    def signal(self, signum: int) -> int:
        assert self.proc is not None
        self.proc.send_signal(signum)
        return self.proc.wait(timeout=30)

    def output(self) -> str:
        text = self.log.read_text("utf-8", "replace") if self.log.exists() else ""
        errors = load_settings(self.home).archive_dir / "radiodesk-errors.log"
        if errors.exists():
            text += "\n" + errors.read_text("utf-8", "replace")
        return text

    def wait_for_output(self, text: str, timeout: float = 40) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.output():
                return self.output()
            time.sleep(0.2)
        raise AssertionError(f"no {text!r} in the logger's output:\n{self.output()}")

    def status(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "radiodesk", "--home", str(self.home), *args]
            + ["logger", "status"],
            env=self.env,
            capture_output=True,
            text=True,
            cwd=REPO,
        )

    def current(self, lang: str = "en") -> str:
        """The status line, asked in this process (quicker than a command under load)."""
        from radiodesk.i18n import speaking
        from radiodesk.logger.state import logger_status

        settings = load_settings(self.home)
        with speaking(lang), db.unit_of_work(settings) as session:
            return logger_status(session, datetime.now(UTC), settings.zone).text

    def wait_for_status(self, text: str, timeout: float = 40, lang: str = "en") -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            last = self.current(lang)
            if text in last:
                return last
            time.sleep(0.3)
        raise AssertionError(f"status never said {text!r}; last: {last!r}\n{self.output()}")

    def wait_until_recording(self, timeout: float = 40) -> None:
        """Until this process (not a killed one whose heartbeat is still fresh) records."""
        from radiodesk.logger.state import current_state

        assert self.proc is not None
        settings = load_settings(self.home)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with db.unit_of_work(settings) as session:
                row = current_state(session)
                if row is not None and row.pid == self.proc.pid and row.state == "recording":
                    return
            time.sleep(0.3)
        raise AssertionError(f"the logger did not start recording:\n{self.output()}")

    def stop(self) -> None:
        for proc in self.runs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


LOGGER_SETTINGS = """
[logger]
source = "{source}"
segment_seconds = {segment}
silence_seconds = {silence}
reserve_mb = {reserve}
pre_roll = 2
post_roll = 2
auto_cut = {auto_cut}
"""


@pytest.fixture
def logger_home(
    make_home: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., LoggerRun]]:
    """A station home on SQLite with a [logger] table; returns a LoggerRun for it."""
    runs: list[LoggerRun] = []

    def make(
        source: str,
        segment: int = 10,
        reserve: int = 0,
        auto_cut: bool = False,
        archive_dir: Path | None = None,
        extra: str = "",
        silence: float = 0,
    ) -> LoggerRun:
        home = make_home(f"home{len(runs)}")
        text = (home / "radiodesk.toml").read_text(encoding="utf-8")
        if archive_dir is not None:
            text = f'archive_dir = "{archive_dir}"\n' + text.replace(
                'archive_dir = "archive"\n', ""
            )
        text += LOGGER_SETTINGS.format(
            source=source,
            segment=segment,
            reserve=reserve,
            auto_cut=str(auto_cut).lower(),
            silence=silence,
        )
        (home / "radiodesk.toml").write_text(text + extra, encoding="utf-8")
        url = f"sqlite:///{home / 'db' / 'radiodesk.db'}"
        (home / "db").mkdir()
        monkeypatch.setenv("RADIODESK_DATABASE_URL", url)
        settings = load_settings(home)
        db.upgrade(settings)
        from radiodesk.shows import sync_shows

        with db.unit_of_work(settings) as session:
            sync_shows(session, settings, now=SYNCED_AT)
        env = dict(os.environ, RADIODESK_DATABASE_URL=url, RADIODESK_LANG="en")
        run = LoggerRun(home, env, tmp_path / f"logger{len(runs)}.log")
        runs.append(run)
        return run

    yield make
    for run in runs:
        run.stop()


RESERVOIR = re.compile(r"\[mp3\w* @ 0x[0-9a-f]+\] (invalid new backstep -?\d+|overread, skip .*)")


def decode_errors(path: Path, joined_mid_stream: bool = False) -> str:
    """What ffmpeg complains of while decoding ``path`` ("" when it decodes cleanly).

    ``joined_mid_stream``: the file is the stream's own MP3 frames copied from a moment the
    recorder did not choose (it connected, or a segment began). Its first frame may borrow
    bytes from a frame before it (MP3's bit reservoir), which every decoder answers by
    dropping that one frame (26 ms) with one complaint. One such complaint is allowed;
    any other complaint, or a second one (a hole inside the copy), is not."""
    done = subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-i", str(path), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    lines = done.stderr.strip().splitlines()
    if joined_mid_stream and lines and RESERVOIR.fullmatch(lines[0]):
        lines = lines[1:]
    return "\n".join(lines) or ("" if done.returncode == 0 else f"exit {done.returncode}")


def beep_positions(path: Path) -> list[float]:
    """Where the beeps start in an audio file (seconds from its first sample): a silence
    that ends, and another that starts within half a second (the beep lasts 0.3 s)."""
    done = subprocess.run(
        ["ffmpeg", "-nostdin", "-i", str(path), "-af", "silencedetect=n=-30dB:d=0.1"]
        + ["-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    events = re.findall(r"silence_(start|end): (-?[\d.]+)", done.stderr)
    beeps = []
    for (kind, value), (next_kind, next_value) in zip(events, events[1:], strict=False):
        if kind == "end" and next_kind == "start" and float(next_value) - float(value) < 0.5:
            beeps.append(float(value))
    return beeps


def segments(run: LoggerRun) -> list[LoggerSegment]:
    settings = load_settings(run.home)
    with db.unit_of_work(settings) as session:
        return list(session.scalars(select(LoggerSegment).order_by(LoggerSegment.start)))


def gaps(run: LoggerRun) -> list[LoggerGap]:
    settings = load_settings(run.home)
    with db.unit_of_work(settings) as session:
        return list(session.scalars(select(LoggerGap).order_by(LoggerGap.start)))


def check_beeps(run: LoggerRun, feeder: Feeder, rows: list[LoggerSegment]) -> int:
    """Every beep in these segments is where the feeder played it, within 1 s."""
    archive = load_settings(run.home).archive_dir
    found = 0
    for row in rows:
        start = row.start.timestamp()
        for position in beep_positions(archive / row.path):
            expected = feeder.beeps(start + position - 3, start + position + 3)
            assert expected, (row.path, position)
            assert abs(start + position - expected[0]) < 1.0, (row.path, position)
            found += 1
    return found


def check_files(run: LoggerRun, rows: list[LoggerSegment]) -> None:
    """Named by the first sample, in the folder of its local day, whole, nothing half-named."""
    archive = load_settings(run.home).archive_dir
    assert not list((archive / "logger" / ".incoming").iterdir())
    on_disk = {str(p.relative_to(archive)) for p in (archive / "logger").glob("*/*/*/*.mp3")}
    assert on_disk == {r.path for r in rows}
    for row in rows:
        assert row.complete
        local = row.start.astimezone(ZONE)
        assert row.path == (
            f"logger/{local:%Y/%m/%d}/{local:%Y-%m-%dT%H%M%S}.{local.microsecond // 1000:03d}"
            f"{local:%z}.mp3"
        )
        assert decode_errors(archive / row.path, joined_mid_stream=True) == "", row.path
