"""``radiodesk serve``'s server over real HTTP on 127.0.0.1."""

from __future__ import annotations

import http.client
import os
import socket
import time
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest

from radiodesk.publish import RunningServer, start_server


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[RunningServer, Path]]:
    public = tmp_path / "public"
    (public / "show" / "episodes").mkdir(parents=True)
    (public / "index.html").write_text("<!DOCTYPE html><title>x</title>", encoding="utf-8")
    (public / "show" / "index.html").write_text("<p>show</p>", encoding="utf-8")
    (public / "show" / "episodes" / "a.mp3").write_bytes(bytes(range(256)) * 40)  # 10240
    for name in ("f.xml", "c.json", "t.vtt", "s.ics", "a.png", "a.jpg", "a.m4a", "a.ogg", "a.opus"):
        (public / name).write_bytes(b"data")
    (public / ".radiodesk-manifest.json").write_text("{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("top secret", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", public / "link-out.txt")
    os.symlink(public / "index.html", public / "link-in.html")
    server = start_server(public)
    try:
        yield server, public
    finally:
        server.stop()


def request(
    server: RunningServer, method: str, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    host, port = server.server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), int(port), timeout=10)
    # skip_host etc. are not needed; putrequest lets a raw path (with ..) through unchanged.
    conn.putrequest(method, path, skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        conn.putheader(name, value)
    conn.endheaders()
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def raw_request(server: RunningServer, line: str) -> bytes:
    host, port = server.server.server_address[:2]
    with socket.create_connection((str(host), int(port)), timeout=10) as sock:
        sock.sendall(f"{line}\r\nHost: x\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def test_get_and_head_with_type_length_etag_and_dates(served: tuple[RunningServer, Path]) -> None:
    server, public = served
    status, headers, body = request(server, "GET", "/show/episodes/a.mp3")
    assert status == 200 and body == (public / "show/episodes/a.mp3").read_bytes()
    assert headers["content-type"] == "audio/mpeg"
    assert headers["content-length"] == "10240"
    assert headers["accept-ranges"] == "bytes"
    assert headers["etag"].startswith('"')
    st = (public / "show/episodes/a.mp3").stat()
    assert headers["last-modified"] == formatdate(st.st_mtime, usegmt=True)
    status, head_headers, body = request(server, "HEAD", "/show/episodes/a.mp3")
    assert status == 200 and body == b""
    assert head_headers["content-length"] == "10240" and head_headers["etag"] == headers["etag"]
    types = {
        "/f.xml": "application/xml",
        "/c.json": "application/json",
        "/t.vtt": "text/vtt",
        "/s.ics": "text/calendar",
        "/a.png": "image/png",
        "/a.jpg": "image/jpeg",
        "/a.m4a": "audio/mp4",
        "/a.ogg": "audio/ogg",
        "/a.opus": "audio/ogg",
        "/": "text/html",
    }
    for path, kind in types.items():
        status, headers, _ = request(server, "GET", path)
        assert status == 200 and headers["content-type"].startswith(kind), path


def test_byte_ranges(served: tuple[RunningServer, Path]) -> None:
    server, public = served
    data = (public / "show/episodes/a.mp3").read_bytes()
    status, headers, body = request(
        server, "GET", "/show/episodes/a.mp3", {"Range": "bytes=100-199"}
    )
    assert status == 206 and body == data[100:200]
    assert headers["content-range"] == "bytes 100-199/10240"
    assert headers["content-length"] == "100"
    status, headers, body = request(
        server, "GET", "/show/episodes/a.mp3", {"Range": "bytes=10000-"}
    )
    assert status == 206 and body == data[10000:]
    status, headers, body = request(server, "GET", "/show/episodes/a.mp3", {"Range": "bytes=-5"})
    assert status == 206 and body == data[-5:]
    assert headers["content-range"] == "bytes 10235-10239/10240"
    status, headers, body = request(
        server, "GET", "/show/episodes/a.mp3", {"Range": "bytes=0-99999"}
    )
    assert status == 206 and body == data
    status, headers, _ = request(server, "GET", "/show/episodes/a.mp3", {"Range": "bytes=20000-"})
    assert status == 416 and headers["content-range"] == "bytes */10240"
    status, _, body = request(server, "HEAD", "/show/episodes/a.mp3", {"Range": "bytes=0-0"})
    assert status == 206 and body == b""
    # A range with an If-Range that no longer matches gets the whole file.
    status, _, body = request(
        server, "GET", "/show/episodes/a.mp3", {"Range": "bytes=0-9", "If-Range": '"stale"'}
    )
    assert status == 200 and body == data


def test_conditional_requests(served: tuple[RunningServer, Path]) -> None:
    server, public = served
    _, headers, _ = request(server, "GET", "/index.html")
    etag, modified = headers["etag"], headers["last-modified"]
    status, headers, body = request(server, "GET", "/index.html", {"If-None-Match": etag})
    assert status == 304 and body == b"" and headers["etag"] == etag
    status, _, _ = request(server, "GET", "/index.html", {"If-None-Match": '"other"'})
    assert status == 200
    status, _, body = request(server, "GET", "/index.html", {"If-Modified-Since": modified})
    assert status == 304 and body == b""
    status, _, _ = request(
        server, "GET", "/index.html", {"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"}
    )
    assert status == 200
    # A changed file has a new ETag.
    time.sleep(0.01)
    (public / "index.html").write_text("<!DOCTYPE html><title>y</title>", encoding="utf-8")
    status, headers, _ = request(server, "GET", "/index.html", {"If-None-Match": etag})
    assert status == 200 and headers["etag"] != etag


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/show/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/show/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/.radiodesk-manifest.json",
        "/show/..%5c..%5csecret.txt",
        "/%00index.html",
    ],
)
def test_nothing_outside_public_is_served(served: tuple[RunningServer, Path], path: str) -> None:
    server, _public = served
    status, _, body = request(server, "GET", path)
    assert status in (403, 404), (path, status)
    assert b"top secret" not in body and b"root:" not in body


def test_symlinks_out_are_refused_and_absolute_uris_stay_inside(
    served: tuple[RunningServer, Path],
) -> None:
    server, _public = served
    status, _, body = request(server, "GET", "/link-out.txt")
    assert status == 403 and b"top secret" not in body
    assert request(server, "GET", "/link-in.html")[0] == 200
    reply = raw_request(server, "GET http://evil.example/../secret.txt HTTP/1.1")
    assert reply.split(b"\r\n", 1)[0].split()[1] in (b"403", b"404")
    assert b"top secret" not in reply


def test_folders_redirect_and_other_methods_are_refused(served: tuple[RunningServer, Path]) -> None:
    server, _public = served
    status, headers, _ = request(server, "GET", "/show")
    assert status == 301 and headers["location"] == "/show/"
    status, _, body = request(server, "GET", "/show/")
    assert status == 200 and body == b"<p>show</p>"
    status, headers, _ = request(server, "POST", "/index.html")
    assert status == 405 and headers["allow"] == "GET, HEAD"
    assert request(server, "GET", "/missing.mp3")[0] == 404


def test_a_too_long_name_is_a_404_in_the_stations_language(tmp_path: Path) -> None:
    (tmp_path / "public").mkdir()
    server = start_server(tmp_path / "public", language="id")
    try:
        status, headers, body = request(server, "GET", "/" + "a" * 300 + "/feed.xml")
        assert status == 404 and headers["content-type"] == "text/html; charset=utf-8"
        assert "Tidak ada yang diterbitkan di alamat ini." in body.decode("utf-8")
        assert request(server, "GET", "/" + "b" * 256)[0] == 404
    finally:
        server.stop()


def test_the_server_header_names_no_python(served: tuple[RunningServer, Path]) -> None:
    server, _public = served
    for path in ("/index.html", "/missing"):
        _status, headers, body = request(server, "GET", path)
        assert headers["server"] == "radiodesk", headers["server"]
        assert b"Python" not in body


def test_chapters_are_served_as_podcast_chapters(served: tuple[RunningServer, Path]) -> None:
    server, public = served
    (public / "show" / "episodes" / "a.chapters.json").write_text('{"version":"1.2.0"}')
    _status, headers, _ = request(server, "GET", "/show/episodes/a.chapters.json")
    assert headers["content-type"] == "application/json+chapters"
    assert request(server, "GET", "/c.json")[1]["content-type"] == "application/json"


def test_files_being_written_are_never_served(served: tuple[RunningServer, Path]) -> None:
    server, public = served
    (public / "feed.xml.radiodesk-tmp").write_bytes(b"<rss>half")
    assert request(server, "GET", "/feed.xml.radiodesk-tmp")[0] == 404


def test_a_request_hidden_in_a_body_is_not_answered(served: tuple[RunningServer, Path]) -> None:
    server, _public = served
    hidden = b"GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"
    host, port = server.server.server_address[:2]
    for method in (b"GET", b"POST"):
        with socket.create_connection((str(host), int(port)), timeout=10) as sock:
            sock.sendall(
                method
                + b" /missing HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + str(len(hidden)).encode()
                + b"\r\n\r\n"
                + hidden
            )
            time.sleep(0.3)
            sock.shutdown(socket.SHUT_WR)
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        assert data.count(b"HTTP/1.1 ") == 1, data  # one answer: the body was a body
    reply = raw_request(server, "GET /index.html HTTP/1.1\r\nTransfer-Encoding: chunked")
    assert reply.startswith(b"HTTP/1.1 400 ")


def test_idle_and_surplus_connections_do_not_hold_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from radiodesk.publish.server import PublicHandler

    (tmp_path / "public").mkdir()
    (tmp_path / "public" / "index.html").write_text("ok", encoding="utf-8")
    monkeypatch.setattr(PublicHandler, "timeout", 1.0)  # 30 s in service
    server = start_server(tmp_path / "public", max_connections=4)
    host, port = server.server.server_address[:2]
    try:
        idle = [socket.create_connection((str(host), int(port)), timeout=10) for _ in range(4)]
        # All four slots held by clients that say nothing, however slow the machine.
        slots = server.server._slots
        deadline = time.monotonic() + 10
        while slots.acquire(blocking=False):
            slots.release()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        status, headers, _ = request(server, "GET", "/index.html")
        assert status == 503 and headers["retry-after"] == "5"
        started = time.monotonic()
        for sock in idle:
            assert sock.recv(1) == b""  # closed by the server after its idle timeout
            sock.close()
        assert time.monotonic() - started < 5
        deadline = time.monotonic() + 5
        while request(server, "GET", "/index.html")[0] != 200:
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        server.stop()
