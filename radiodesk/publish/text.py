"""Making any text safe for feeds and pages: XML-legal, length-limited, ASCII file names.

Titles, topics and names come from operators typing during live broadcasts and from guests'
own spelling: they may hold control characters pasted from a word processor, right-to-left
override characters, emoji, or ten thousand characters where Apple allows four thousand
bytes. Everything public passes through here first.
"""

from __future__ import annotations

import html
import re
import unicodedata

from radiodesk.config import CONTROL_CHARACTERS

# Characters XML 1.0 forbids (the control characters settings refuse, lone surrogates,
# U+FFFE/F), and the bidirectional embedding/override/isolate controls: those can make a title
# display reversed ("Trojan Source"); plain right-to-left text needs none of them.
_UNSAFE = re.compile(f"[{CONTROL_CHARACTERS}\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
_TRAILING = re.compile(r"[ \t\f\v]\n")
ELLIPSIS = "…"

# Apple Podcasts reads at most 4000 bytes of an episode's or a show's description.
DESCRIPTION_BYTES = 4000
TITLE_CHARS = 250
NAME_CHARS = 120


def clean_text(text: str | None) -> str:
    """``text`` without unsafe characters, with Unix line ends and no trailing spaces."""
    if not text:
        return ""
    if "\r" not in text and _UNSAFE.search(text) is None and _TRAILING.search(text) is None:
        # The common case, checked in C: nothing to take out.
        return text.strip()
    text = _UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def clean_line(text: str | None, limit: int = TITLE_CHARS) -> str:
    """``text`` as one line (runs of white space made one space), at most ``limit`` characters."""
    if not text:
        return ""
    if _UNSAFE.search(text) is not None:
        text = _UNSAFE.sub("", text)
    line = " ".join(text.split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + ELLIPSIS
    return line


def truncate_bytes(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` bytes of UTF-8, never inside a character.

    A cut text ends with an ellipsis (counted in the limit). Combining marks left without
    their base character at the cut are dropped as well.
    """
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    room = max(0, limit - len(ELLIPSIS.encode("utf-8")))
    cut = data[:room].decode("utf-8", errors="ignore")
    while cut and unicodedata.combining(cut[-1]):
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text`` (separated by blank lines), each stripped."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def text_to_html(text: str) -> str:
    """Plain text as escaped HTML paragraphs: ``<p>a &amp; b<br>c</p>``."""
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs(text)
    )


def description_html(text: str, limit: int = DESCRIPTION_BYTES) -> str:
    """``text`` as HTML paragraphs of at most ``limit`` bytes (escaping counted)."""
    budget = limit
    while True:
        rendered = text_to_html(truncate_bytes(text, budget))
        size = len(rendered.encode("utf-8"))
        if size <= limit or budget <= 0:
            return rendered
        # Escapes (&amp;) and tags made it longer than the text: cut the text in proportion.
        budget = min(budget - 1, int(budget * limit / size) - 8)


def ascii_slug(text: str, limit: int = 60) -> str:
    """An ASCII file-name part of ``text``: "Kabar Pagi, 20 Nov" -> "kabar-pagi-20-nov"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug[:limit].rstrip("-")
