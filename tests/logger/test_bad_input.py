"""Bad input to the logger: each says one clear line in the operator's language, keeps
trying where that makes sense, and the logger's state says why."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.logger.conftest import Feeder, Icecast, LoggerRun, free_port


class _Html(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        body = b"<!doctype html><html><body><h1>Radio Kabar</h1></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def html_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Html)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/live"
    server.shutdown()


def test_an_unreachable_url_says_connection_refused_in_indonesian(
    logger_home: Callable[..., LoggerRun],
) -> None:
    run = logger_home(f"http://127.0.0.1:{free_port()}/live").start("--lang", "id")
    run.wait_for_output("Tidak merekam: koneksi ditolak; mencoba lagi.")
    assert run.wait_for_status("terputus sejak", lang="id").endswith("(koneksi ditolak)")
    assert run.current().startswith("disconnected since ")


def test_a_url_serving_html_is_not_audio(
    logger_home: Callable[..., LoggerRun], html_url: str
) -> None:
    run = logger_home(html_url).start()
    run.wait_for_output("Not recording: the address does not serve audio; trying again.")
    assert run.wait_for_status("(the address does not serve audio)")


def test_a_missing_sound_card_is_named(logger_home: Callable[..., LoggerRun]) -> None:
    run = logger_home("alsa:hw:9,9").start()
    run.wait_for_output("Not recording: no such sound device; trying again.")
    assert run.wait_for_status("(no such sound device)")


def test_a_second_logger_is_refused_with_one_line(logger_home: Callable[..., LoggerRun]) -> None:
    run = logger_home(f"http://127.0.0.1:{free_port()}/live").start()
    run.wait_for_output("Not recording")
    first = run.proc
    assert first is not None
    second = subprocess.run(
        [*first.args[:-1], "--lang", "id", "logger"],  # type: ignore[index]
        env=run.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 1
    assert second.stderr.strip() == (
        f"radiodesk: kesalahan: Logger lain sudah merekam stasiun ini (proses {first.pid})."
    )
    assert first.poll() is None


def test_below_the_disk_reserve_it_stops_writing_and_says_why(
    logger_home: Callable[..., LoggerRun], icecast: Icecast, feeder: Callable[[str], Feeder]
) -> None:
    feeder("reserve").start()
    free_mb = shutil.disk_usage("/tmp").free // 1_000_000
    run = logger_home(icecast.url("reserve"), reserve=free_mb + 1000).start()
    run.wait_for_output("Not recording: free disk space below the reserve.")
    assert run.wait_for_status("paused since").endswith("(free disk space below the reserve)")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of 192 kB (some 10 s of a 128 kbit/s stream): a disk that fills."""
    if os.getuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the CI runs the tests as root)")
    folder = tmp_path / "small-disk"
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=192k", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_named(
    logger_home: Callable[..., LoggerRun],
    icecast: Icecast,
    feeder: Callable[[str], Feeder],
    small_disk: Path,
) -> None:
    feeder("full").start()
    run = logger_home(icecast.url("full"), archive_dir=small_disk).start()
    run.wait_for_output("Not recording: the disk is full; trying again.", timeout=60)
    assert run.wait_for_status("(the disk is full)")
