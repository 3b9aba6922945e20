"""Hostile text: markup characters, emoji, right-to-left text, control characters, and far
more than Apple's 4000 bytes, in titles, descriptions, topics and names."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import feedparser
import podcastparser
from lxml import etree
from lxml import html as lxml_html

from radiodesk.publish import edit_episode, publish, publish_episode, sync_drafts
from radiodesk.publish.text import (
    clean_line,
    clean_text,
    description_html,
    truncate_bytes,
)
from tests.conftest import Station
from tests.publish.helpers import NOW, Guest, add_aired

# Markup, an ampersand, emoji (one with a joiner), Arabic and Hebrew, the right-to-left
# override, C0 and C1 controls, a vertical tab. (PostgreSQL refuses NUL in text at all.)
NASTY = (
    "Tom & Jerry <script>alert('x')</script> ]]> &amp; "
    "👩‍🌾🌾 مرحبا שלום \u202eevil\u202c \x07\x1b\x0b\x7f\x85 end"
)


def test_clean_text_strips_what_xml_forbids_and_cuts_at_a_character() -> None:
    dirty = "a\x00b\x08c\ud800d\ufffee\u202ef\r\ng  \nh"
    assert clean_text(dirty) == "abcdef\ng\nh"
    assert clean_line("  many\n\tlines  here ") == "many lines here"
    emoji = "🌾" * 2000  # 4 bytes each
    cut = truncate_bytes(emoji, 4000)
    assert len(cut.encode("utf-8")) <= 4000 and cut.endswith("…")
    assert cut[:-1] == "🌾" * len(cut[:-1])  # never half an emoji
    rendered = description_html("<&>" * 3000)
    assert len(rendered.encode("utf-8")) <= 4000
    assert rendered.startswith("<p>&lt;&amp;&gt;")


def test_hostile_text_gives_well_formed_feeds_and_a_page_that_renders(
    station: Station, tones: dict[str, Path]
) -> None:
    settings = station.settings
    long_topic = ((NASTY + " ") * 130)[:10000]  # 10,000 characters
    assert len(long_topic) == 10000
    with station.session() as session:
        aired = add_aired(
            session,
            settings,
            tones["short"],
            show="budaya-tana-luwu",
            start=NOW - timedelta(days=1),
            topic=long_topic,
            guests=[
                Guest(NASTY, position=NASTY, institution="<b>Dinas</b> & Co"),
                Guest("Host " + NASTY, role="host"),
            ],
            segments=[(0, NASTY), (1.0, "Segmen <2>")],
        )
        (created,) = sync_drafts(session, settings, NOW).created
        edit_episode(
            session,
            settings,
            created,
            now=NOW,
            title=NASTY,
            description=(NASTY + "\n\n") * 200,
        )
        publish_episode(session, settings, created, now=NOW)
        assert aired.recording_id
    result = publish(settings, NOW + timedelta(minutes=1))
    assert result.episodes == 1 and result.problems == ()

    public = settings.public_dir
    for path in [public / "feed.xml", public / "budaya-tana-luwu" / "feed.xml"]:
        data = path.read_bytes()
        root = etree.fromstring(data)  # raises on anything not well-formed
        parsed = feedparser.parse(data)
        assert not parsed.bozo, parsed.get("bozo_exception")
        gpodder = podcastparser.parse(str(path), io.BytesIO(data))
        (item,) = root.findall("channel/item")
        title = item.findtext("title")
        assert "Tom & Jerry <script>" in title and "👩‍🌾" in title and "مرحبا" in title
        for bad in ("\u202e", "\x07", "\x1b", "\x0b", "\x7f", "\x85"):
            assert bad not in data.decode("utf-8")
        description = item.findtext("description")
        assert len(description.encode("utf-8")) <= 4000
        assert "&lt;script&gt;" in description  # shown as text by apps that read HTML
        assert gpodder["episodes"][0]["title"] == title
        assert parsed.entries[0].title == title

    page = (public / "budaya-tana-luwu" / "index.html").read_bytes()
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//script") == []  # the title's <script> is text, not an element
    heading = tree.xpath("//article//h3")[0].text_content()
    assert heading.startswith("Tom & Jerry <script>alert('x')</script>")
    index = lxml_html.fromstring((public / "index.html").read_bytes())
    assert index.xpath("//script") == []
    assert "Tom & Jerry" in index.xpath("//article//h3")[0].text_content()


ARABIC_NAME = "إذاعة لوو الشمالية"
ARABIC_HOST = "عبد الله"


def _arabic_outside_isolation(page: bytes) -> list[str]:
    """Text with Arabic letters in the page's body that is not isolated from what is around
    it: neither in a <bdi> nor in an element of its own with dir="auto"."""
    body = lxml_html.fromstring(page).find("body")
    found = []
    for element in body.iter():
        for text, owner in ((element.text, element), (element.tail, element.getparent())):
            arabic = text and any("\u0600" <= c <= "\u06ff" for c in text)
            if arabic and owner.tag != "bdi" and owner.get("dir") != "auto":
                found.append(f"<{owner.tag}>{text}")
    return found


def test_right_to_left_names_are_isolated_on_the_page(
    station: Station, tones: dict[str, Path]
) -> None:
    from dataclasses import replace

    from sqlalchemy import select

    from radiodesk.models import Show
    from tests.publish.helpers import build_world

    build_world(station, tones)
    with station.session() as session:
        show = session.scalars(select(Show).where(Show.slug == "kabar-pagi")).one()
        show.hosts = [ARABIC_HOST, "Rina Kartika"]
        show.title = f"Kabar Pagi {ARABIC_HOST}"
    settings = station.settings
    settings = replace(
        settings,
        station=replace(settings.station, name=ARABIC_NAME, owner_name=ARABIC_HOST),
    )
    publish(settings, NOW)
    public = settings.public_dir
    for page in ("index.html", "kabar-pagi/index.html", "dialog-interaktif/index.html"):
        data = (public / page).read_bytes()
        assert ARABIC_NAME.encode() in data
        assert _arabic_outside_isolation(data) == [], page
