"""``radiodesk serve``: ``public/`` over HTTP, for preview and for small stations.

GET and HEAD; byte ranges (206 with Content-Range, 416 when unsatisfiable — Apple Podcasts
and AntennaPod need ranges to seek and resume); ETag with If-None-Match and Last-Modified with
If-Modified-Since (304); the right Content-Type for podcast audio, feeds, chapters,
transcripts and calendars. Nothing outside ``public/`` is ever served, whatever the path says:
``..`` (plain or percent-encoded), absolute paths, symbolic links that lead out, hidden files
(the manifest) and the publisher's temporary files are refused.

It is for preview and small stations, and guards itself as such: a request body is read (and
one too large refused) so no second request hides in it, an idle connection is closed after
:data:`IDLE_SECONDS`, at most :data:`MAX_CONNECTIONS` are served at once (the next is told
503), the ``Server`` header names no Python, and error pages speak the station's language.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from radiodesk.i18n import N_, _, speaking
from radiodesk.publish.paths import TEMPORARY_SUFFIX

CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/ogg",
    ".xml": "application/xml; charset=utf-8",
    ".chapters.json": "application/json+chapters",  # the Podcasting 2.0 chapters type
    ".json": "application/json",
    ".vtt": "text/vtt; charset=utf-8",
    ".srt": "application/x-subrip",
    ".ics": "text/calendar; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
CHUNK = 64 * 1024
IDLE_SECONDS = 30.0
MAX_CONNECTIONS = 32
MAX_REQUEST_BODY = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
# What a visitor reads on an error page, in the station's language.
ERROR_TEXTS = {
    HTTPStatus.BAD_REQUEST: N_("The request could not be understood."),
    HTTPStatus.FORBIDDEN: N_("This address is not public."),
    HTTPStatus.NOT_FOUND: N_("Nothing is published at this address."),
    HTTPStatus.REQUEST_ENTITY_TOO_LARGE: N_("The request is too large."),
    HTTPStatus.SERVICE_UNAVAILABLE: N_("The server is busy; try again in a moment."),
}
_ERROR_PAGE = (
    '<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>{code}</title>'
    "<p>{code}: {text}</p></html>"
)


def content_type(path: Path) -> str:
    name = path.name.lower()
    suffix = next((s for s in CONTENT_TYPES if name.endswith(s)), None)
    return CONTENT_TYPES[suffix] if suffix else "application/octet-stream"


def etag_of(st: os.stat_result) -> str:
    """A strong ETag from size and mtime: the writer keeps both of an unchanged file."""
    return f'"{st.st_size:x}-{st.st_mtime_ns:x}"'


class _Refused(Exception):
    def __init__(self, status: HTTPStatus, location: str | None = None) -> None:
        super().__init__(status.phrase)
        self.status = status
        self.location = location


class PublicHandler(BaseHTTPRequestHandler):
    """Serves the files under ``server.root`` (an absolute, resolved path)."""

    protocol_version = "HTTP/1.1"
    server_version = "radiodesk"
    timeout = IDLE_SECONDS  # on every read and write of the socket
    server: PublicServer

    def version_string(self) -> str:
        return self.server_version  # not the Python version the standard library adds

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """An error page in the station's language; the connection is closed after it."""
        status = HTTPStatus(code)
        with speaking(self.server.language) as lang:
            text = _(ERROR_TEXTS[status]) if status in ERROR_TEXTS else status.phrase
        body = _ERROR_PAGE.format(lang=lang, code=int(status), text=text).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        if not self.server.quiet:
            super().log_message(format, *args)

    # Resolving a request path ----------------------------------------------------------

    def _target(self) -> Path:
        raw = urlsplit(self.path).path or "/"
        decoded = unquote(raw)
        if "\x00" in decoded or "\\" in decoded:
            raise _Refused(HTTPStatus.NOT_FOUND)
        parts = [p for p in decoded.split("/") if p]
        # '..' and '.' never name anything here; hidden files (the manifest) and files the
        # publisher is still writing are not public.
        if any(p.startswith(".") or p.endswith(TEMPORARY_SUFFIX) for p in parts):
            raise _Refused(HTTPStatus.NOT_FOUND)
        root = self.server.root
        try:
            real = root.joinpath(*parts).resolve()
            if real != root and root not in real.parents:
                raise _Refused(HTTPStatus.FORBIDDEN)
            if real.is_dir():
                if not decoded.endswith("/"):
                    raise _Refused(HTTPStatus.MOVED_PERMANENTLY, quote(decoded) + "/")
                real = (real / "index.html").resolve()
                if root not in real.parents:
                    raise _Refused(HTTPStatus.FORBIDDEN)
            found = real.is_file()
        except OSError:  # a name too long for the file system, a loop of links…
            raise _Refused(HTTPStatus.NOT_FOUND) from None
        if not found:
            raise _Refused(HTTPStatus.NOT_FOUND)
        return real

    def _read_body(self) -> bool:
        """Read and drop a request's body, so that no second request hides in it; False
        (with the connection answered and closed) when it cannot be read safely."""
        if self.headers.get("Transfer-Encoding"):
            self.send_error(HTTPStatus.BAD_REQUEST)
            return False
        declared = self.headers.get("Content-Length")
        if declared is None:
            return True
        if not declared.isdigit():
            self.send_error(HTTPStatus.BAD_REQUEST)
            return False
        length = int(declared)
        if length > MAX_REQUEST_BODY:
            self.send_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return False
        if length and len(self.rfile.read(length)) != length:
            self.close_connection = True
            return False
        return True

    # Conditions and ranges --------------------------------------------------------------

    def _not_modified(self, st: os.stat_result, etag: str) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:
            tags = [t.strip() for t in match.split(",")]
            return "*" in tags or etag in tags or f"W/{etag}" in tags
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                moment = parsedate_to_datetime(since)
            except (TypeError, ValueError, IndexError):
                return False
            if moment is None or moment.tzinfo is None:
                return False
            return int(st.st_mtime) <= int(moment.timestamp())
        return False

    def _range(self, size: int, st: os.stat_result, etag: str) -> tuple[int, int] | None:
        """(first, last) byte asked for, None for the whole file; _Refused(416) when the
        range cannot be satisfied."""
        header = self.headers.get("Range")
        if not header:
            return None
        if_range = self.headers.get("If-Range")
        if if_range:
            if if_range.startswith(('"', "W/")):
                if if_range.strip() != etag:
                    return None
            else:
                try:
                    moment = parsedate_to_datetime(if_range)
                except (TypeError, ValueError, IndexError):
                    return None
                if moment is None or int(st.st_mtime) > int(moment.timestamp()):
                    return None
        match = _RANGE.match(header.strip().replace(" ", ""))
        if not match or (not match.group(1) and not match.group(2)):
            # Several ranges, or not bytes: the whole file is an allowed answer.
            return None
        first_text, last_text = match.groups()
        if not first_text:
            suffix = int(last_text)
            if suffix == 0 or size == 0:
                raise _Refused(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
            return max(0, size - suffix), size - 1
        first = int(first_text)
        if first >= size:
            raise _Refused(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
        last = int(last_text) if last_text else size - 1
        if last < first:
            # Not a valid range at all (RFC 9110: ignore it).
            return None
        return first, min(last, size - 1)

    # Answering --------------------------------------------------------------------------

    def _refuse(self, refused: _Refused, size: int | None = None) -> None:
        if refused.status == HTTPStatus.MOVED_PERMANENTLY and refused.location:
            self.send_response(refused.status)
            self.send_header("Location", refused.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if refused.status == HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE:
            self.send_response(refused.status)
            self.send_header("Content-Range", f"bytes */{size}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_error(refused.status)

    def _serve(self, body: bool) -> None:
        if not self._read_body():
            return
        try:
            target = self._target()
        except _Refused as refused:
            self._refuse(refused)
            return
        try:
            handle = open(target, "rb")  # noqa: SIM115 - closed below, after streaming
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        with handle:
            st = os.fstat(handle.fileno())
            size = st.st_size
            etag = etag_of(st)
            common = {
                "ETag": etag,
                "Last-Modified": formatdate(st.st_mtime, usegmt=True),
                "Accept-Ranges": "bytes",
                "X-Content-Type-Options": "nosniff",
                # Web players fetch chapters and transcripts from other sites.
                "Access-Control-Allow-Origin": "*",
            }
            if self._not_modified(st, etag):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                for name, value in common.items():
                    self.send_header(name, value)
                self.end_headers()
                return
            try:
                span = self._range(size, st, etag)
            except _Refused as refused:
                self._refuse(refused, size)
                return
            first, last = span if span is not None else (0, size - 1)
            length = max(0, last - first + 1)
            self.send_response(HTTPStatus.PARTIAL_CONTENT if span else HTTPStatus.OK)
            self.send_header("Content-Type", content_type(target))
            self.send_header("Content-Length", str(length))
            if span:
                self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
            for name, value in common.items():
                self.send_header(name, value)
            self.end_headers()
            if not body or length == 0:
                return
            handle.seek(first)
            remaining = length
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                while remaining > 0:
                    chunk = handle.read(min(CHUNK, remaining))
                    if not chunk:
                        break
                    self.wfile.write(chunk)
                    remaining -= len(chunk)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._serve(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(body=False)

    def _not_allowed(self) -> None:
        if not self._read_body():
            return
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = _not_allowed  # noqa: N815


class PublicServer(ThreadingHTTPServer):
    """A threading HTTP server for one ``public/`` folder, ``language`` its error pages'."""

    daemon_threads = True

    def __init__(
        self,
        root: Path,
        address: tuple[str, int],
        quiet: bool = False,
        language: str | None = None,
        max_connections: int = MAX_CONNECTIONS,
    ) -> None:
        self.root = root.resolve()
        self.quiet = quiet
        self.language = language
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, PublicHandler)

    def process_request(self, request, client_address):  # type: ignore[no-untyped-def]
        if not self._slots.acquire(blocking=False):
            # Every slot taken (slow or idle clients until their timeout): say so at once.
            with contextlib.suppress(OSError):
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 5\r\n"
                    b"Content-Length: 0\r\nConnection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request, client_address):  # type: ignore[no-untyped-def]
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


@dataclass
class RunningServer:
    """A server started by :func:`start_server`; ``url`` ends without a slash."""

    server: PublicServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        return f"http://{name}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def make_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 8100,
    quiet: bool = False,
    language: str | None = None,
    max_connections: int = MAX_CONNECTIONS,
) -> PublicServer:
    """A server for ``root`` bound to ``host:port`` (port 0: any free port); ``language``:
    the station's, for error pages."""
    return PublicServer(
        root, (host, port), quiet=quiet, language=language, max_connections=max_connections
    )


def start_server(
    root: Path,
    host: str = "127.0.0.1",
    port: int = 0,
    quiet: bool = True,
    language: str | None = None,
    max_connections: int = MAX_CONNECTIONS,
) -> RunningServer:
    """Serve ``root`` from a background thread (for tests and the desk); call ``.stop()``."""
    server = make_server(root, host, port, quiet, language, max_connections)
    # A short poll interval lets stop() return at once.
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="radiodesk-serve", daemon=True
    )
    thread.start()
    return RunningServer(server, thread)
