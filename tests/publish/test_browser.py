"""The public page in headless Chromium, served by ``radiodesk serve``.

Chromium is driven over the DevTools protocol (a websocket): the page must load without a
console error or a failed request, list the episodes, and its audio elements must load their
source (metadata: duration) from the server.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import websocket

from radiodesk import db
from radiodesk.config import load_settings
from radiodesk.publish import publish
from radiodesk.shows import sync_shows
from tests.conftest import REPO, SYNCED_AT, Station, Templates
from tests.publish.helpers import NOW, build_world
from tests.publish.test_hostile import NASTY

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--mute-audio",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture
def served_station(
    make_home: Any, monkeypatch: pytest.MonkeyPatch, tones: dict[str, Path], templates: Templates
) -> Iterator[tuple[Station, str]]:
    """A SQLite station with published episodes, served by ``radiodesk serve`` on a free
    port of 127.0.0.1 (its public URL says so, as a station's would)."""
    port = free_port()
    text = (REPO / "radiodesk.toml").read_text(encoding="utf-8")
    text = text.replace(
        'public_url = "http://localhost:8100"', f'public_url = "http://127.0.0.1:{port}"'
    )
    home = make_home(settings_text=text)
    monkeypatch.setenv("RADIODESK_HOME", str(home))
    settings = load_settings(home)
    templates.sqlite_copy(settings.archive_dir / "radiodesk.db")
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings, now=SYNCED_AT)
    station = Station(settings, home)
    world = build_world(station, tones)
    with station.session() as session:
        from radiodesk.publish import edit_episode

        edit_episode(session, settings, world.published[2], now=NOW, title=NASTY[:200])
    result = publish(settings, NOW + timedelta(minutes=1))
    assert result.episodes == 3 and result.problems == ()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADIODESK_")}
    env["RADIODESK_LANG"] = "en"
    server = subprocess.Popen(
        [sys.executable, "-m", "radiodesk", "serve", "--home", str(home), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/index.html")
        yield station, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class DevTools:
    """A minimal DevTools protocol client over one page's websocket."""

    def __init__(self, url: str) -> None:
        self.ws = websocket.create_connection(url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        ident = self.next_id
        self.ws.send(json.dumps({"id": ident, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return dict(message.get("result", {}))
            self.events.append(message)

    def wait_event(self, method: str, seconds: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        for event in self.events:
            if event.get("method") == method:
                return event
        while time.monotonic() < deadline:
            message = json.loads(self.ws.recv())
            self.events.append(message)
            if message.get("method") == method:
                return message
        raise TimeoutError(method)

    def evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def close(self) -> None:
        self.ws.close()


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[DevTools]:
    """Headless Chromium on about:blank, and a DevTools client for its page."""
    profile = tmp_path / "chromium-profile"
    process = subprocess.Popen(
        [
            CHROMIUM,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--remote-debugging-port=0",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 30
        browser_url = None
        while time.monotonic() < deadline:
            line = process.stderr.readline()
            match = re.search(r"DevTools listening on (ws://\S+)", line)
            if match:
                browser_url = match.group(1)
                break
        assert browser_url, "Chromium did not start its DevTools endpoint"
        port = re.search(r":(\d+)/", browser_url).group(1)  # type: ignore[union-attr]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            pages = [t for t in json.loads(r.read()) if t["type"] == "page"]
        client = DevTools(pages[0]["webSocketDebuggerUrl"])
        yield client
        client.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def problems(client: DevTools) -> list[str]:
    """Console errors, uncaught exceptions and failed loads seen so far."""
    found = []
    for event in client.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            found.append(f"console: {params.get('args')}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {params.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            found.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            found.append(f"network: {params.get('errorText')}")
        elif method == "Network.responseReceived" and params["response"]["status"] >= 400:
            found.append(f"http {params['response']['status']}: {params['response']['url']}")
    return found


AUDIO_CHECK = """
(async () => {
  const audio = document.querySelector('audio');
  audio.preload = 'metadata';
  const done = new Promise((resolve) => {
    audio.addEventListener('loadedmetadata', () => resolve('loaded'), {once: true});
    audio.addEventListener('error', () => resolve('error'), {once: true});
    setTimeout(() => resolve('timeout'), 15000);
  });
  audio.load();
  const outcome = await done;
  return {outcome, readyState: audio.readyState, duration: audio.duration,
          src: audio.currentSrc, error: audio.error && audio.error.code};
})()
"""


def open_page(client: DevTools, url: str) -> None:
    for domain in ("Runtime", "Log", "Network", "Page"):
        client.call(f"{domain}.enable")
    client.events.clear()
    client.call("Page.navigate", url=url)
    client.wait_event("Page.loadEventFired")


def test_the_public_page_loads_lists_episodes_and_plays(
    served_station: tuple[Station, str], chromium: DevTools, tmp_path: Path
) -> None:
    station, base = served_station
    open_page(chromium, f"{base}/")
    assert chromium.evaluate("document.title") == station.settings.station.name
    titles = chromium.evaluate(
        "[...document.querySelectorAll('article h3')].map(h => h.textContent)"
    )
    assert len(titles) == 3 and NASTY[:20] in titles[0]
    assert chromium.evaluate("document.querySelectorAll('script').length") == 0
    audio = chromium.evaluate(AUDIO_CHECK)
    assert audio["outcome"] == "loaded", audio
    assert audio["readyState"] >= 1 and audio["src"].startswith(base + "/")
    assert 1.5 < audio["duration"] < 4.5
    shot = chromium.call("Page.captureScreenshot", format="png")
    (tmp_path / "index.png").write_bytes(base64.b64decode(shot["data"]))
    assert problems(chromium) == []

    # A programme's page: its episodes with players, chapters and the guests who consented.
    open_page(chromium, f"{base}/dialog-interaktif/")
    text = chromium.evaluate("document.body.innerText")
    assert "Ir. Andi Mappanyukki" in text and "Dialog dengan Kepala Dinas" in text
    assert chromium.evaluate("document.querySelectorAll('article.episode').length") == 1
    audio = chromium.evaluate(AUDIO_CHECK)
    assert audio["outcome"] == "loaded" and audio["duration"] > 3, audio
    assert problems(chromium) == []
