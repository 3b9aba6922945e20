"""Republishing: nothing is written when nothing changed, and every kind of change is seen."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from functools import partial
from pathlib import Path

import feedparser
from sqlalchemy import select

from radiodesk.models import Appearance, Episode, Person, Recording
from radiodesk.publish import publish
from radiodesk.publish.paths import manifest_path
from radiodesk.publish.writer import Output, Writer
from tests.conftest import Station
from tests.publish.helpers import NOW, World, build_world, snapshot


def published(station: Station, tones: dict[str, Path]) -> World:
    world = build_world(station, tones)
    assert publish(station.settings, NOW).written
    return world


def test_an_unchanged_republish_reports_what_the_last_one_did(
    station: Station, tones: dict[str, Path]
) -> None:
    published(station, tones)
    first = publish(station.settings, NOW)
    again = publish(station.settings, NOW)
    assert again.written == () and first.written == ()
    assert (again.episodes, again.feeds, again.held, again.problems) == (
        first.episodes,
        first.feeds,
        first.held,
        first.problems,
    )


def test_a_file_deleted_or_changed_in_public_is_put_back(
    station: Station, tones: dict[str, Path]
) -> None:
    published(station, tones)
    public = station.settings.public_dir
    before = (public / "kabar-pagi" / "feed.xml").read_bytes()
    (public / "kabar-pagi" / "feed.xml").write_bytes(before + b"<!-- edited -->")
    (public / "index.html").unlink()
    result = publish(station.settings, NOW)
    assert set(result.written) == {"kabar-pagi/feed.xml", "index.html"}
    assert (public / "kabar-pagi" / "feed.xml").read_bytes() == before


def test_audio_replaced_in_the_archive_is_linked_again(
    station: Station, tones: dict[str, Path]
) -> None:
    world = published(station, tones)
    with station.session() as session:
        episode = session.get(Episode, world.published[1])
        source = station.settings.archive_dir / episode.recording.renditions[0].stored_path
    replacement = source.with_suffix(".new")
    shutil.copy(tones["long"], replacement)
    os.replace(replacement, source)  # a new file at the same path
    result = publish(station.settings, NOW)
    written = [p for p in result.written if p.endswith(".mp3")]
    assert written == [p for p in written if f"-e{world.published[1]}." in p] and written
    feed = feedparser.parse((station.settings.public_dir / "kabar-pagi" / "feed.xml").read_bytes())
    lengths = {int(e.enclosures[0]["length"]) for e in feed.entries}
    assert source.stat().st_size in lengths


def test_a_transcript_added_later_is_published(station: Station, tones: dict[str, Path]) -> None:
    world = published(station, tones)
    with station.session() as session:
        recording = session.get(Episode, world.published[2]).recording
        path = station.settings.archive_dir / "transcripts" / "later.vtt"
        path.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHalo.\n", encoding="utf-8")
        recording.transcript_path = "transcripts/later.vtt"
    result = publish(station.settings, NOW)
    assert any(p.endswith(f"-e{world.published[2]}.vtt") for p in result.written)


def test_consent_withdrawn_and_appearances_removed_are_seen(
    station: Station, tones: dict[str, Path]
) -> None:
    world = published(station, tones)
    with station.session() as session:
        episode = session.get(Episode, world.published[0])
        andi = session.scalars(select(Person).where(Person.name == "Andi Mappanyukki")).one()
        andi.publish_name = False
        siti = session.scalars(select(Person).where(Person.name == "Siti Rahma")).one()
        session.delete(
            session.scalars(select(Appearance).where(Appearance.person_id == siti.id)).one()
        )
        assert episode.broadcast_id
    result = publish(station.settings, NOW)
    assert "dialog-interaktif/feed.xml" in result.written
    feed = (station.settings.public_dir / "dialog-interaktif" / "feed.xml").read_text()
    # Still published, its drafted description drafted again without them.
    assert "<item>" in feed and "Perbaikan jalan poros" in feed
    assert "Mappanyukki" not in feed and "Siti Rahma" not in feed


def test_settings_time_and_recordings_are_part_of_the_state(
    station: Station, tones: dict[str, Path]
) -> None:
    world = published(station, tones)
    before = snapshot(station.settings.public_dir)
    settings = replace(
        station.settings,
        station=replace(station.settings.station, description="Suara rakyat Luwu Utara"),
    )
    result = publish(settings, NOW)
    assert "index.html" in result.written and "feed.xml" in result.written
    assert not any(p.endswith(".mp3") for p in result.written)
    # A published episode dated in the future appears when its time comes, with no edit.
    with station.session() as session:
        episode = session.get(Episode, world.draft)
        episode.status = "published"
        episode.published_at = NOW + timedelta(hours=1)
        recording = session.get(Recording, episode.recording_id)
        assert recording is not None
    assert publish(settings, NOW).written == ()
    later = publish(settings, NOW + timedelta(hours=2))
    assert any(f"-e{world.draft}." in p for p in later.written)
    assert before != snapshot(station.settings.public_dir)


def test_the_public_speaks_the_station_language_whatever_the_operator_reads(
    station: Station, tones: dict[str, Path]
) -> None:
    """An operator whose desk is in English publishes the Indonesian station's page in
    Indonesian, and switching the operator's language rewrites nothing."""
    from radiodesk import i18n

    i18n.set_language("en")
    published(station, tones)
    page = (station.settings.public_dir / "index.html").read_text(encoding="utf-8")
    assert 'lang="id"' in page
    assert "Subscribe in a podcast app" not in page
    assert i18n.current_language() == "en"  # the operator's own language is left alone
    i18n.set_language("id")
    again = publish(station.settings, NOW)
    assert again.written == ()


def test_a_first_publish_records_every_file_as_it_is_on_disk(
    station: Station, tones: dict[str, Path]
) -> None:
    """The manifest of a first publish (folders made fresh, audio hard-linked, artwork made in
    a thread) holds each file's real size and mtime: else the next publish would redo all."""
    published(station, tones)
    public = station.settings.public_dir
    writer = Writer(public, manifest_path(station.settings))
    files = writer.old["files"]
    assert writer.intact() and len(files) > 15
    linked = 0
    for path, entry in files.items():
        st = os.stat(public / path)
        assert (st.st_size, st.st_mtime_ns) == (entry[1], entry[2]), path
        if len(entry) > 3:
            linked += 1
            assert os.stat(entry[3]).st_ino == st.st_ino, path
    assert linked >= 3


def _many_outputs(tmp_path: Path, count: int) -> list[Output]:
    """``count`` new chapter-like files and as many audio files to link, in two folders."""
    archive = tmp_path / "archive"
    archive.mkdir()
    outputs: list[Output] = []
    for i in range(count):
        source = archive / f"r{i}.mp3"
        source.write_bytes(b"ID3" + bytes([i % 256]) * (i % 7 + 1))
        st = source.stat()
        outputs.append(
            Output(
                f"show/episodes/e{i}.mp3",
                f"a{i}",
                source=source,
                source_stamp=(st.st_size, st.st_mtime_ns, st.st_ino),
            )
        )
        data = f'{{"version":"1.2.0","chapters":[{{"startTime":{i}}}]}}'.encode()
        render: Callable[[], bytes] = partial(bytes, data)
        outputs.append(Output(f"show/episodes/e{i}.chapters.json", f"c{i}", render=render))
    return outputs


def test_many_new_files_are_written_or_linked_and_recorded(tmp_path: Path) -> None:
    public = tmp_path / "public"
    public.mkdir()
    outputs = _many_outputs(tmp_path, 600)
    writer = Writer(public, tmp_path / "manifest.json")
    writer.write(outputs, len(outputs))
    writer.write([Output("feed.xml", "f", render=lambda: b"<rss/>")], 1)
    report = writer.finish({}, ["show"])
    assert sorted(report.written) == sorted([o.path for o in outputs] + ["feed.xml"])
    again = Writer(public, tmp_path / "manifest.json")
    assert again.intact()
    for output in outputs:
        target = public / output.path
        if output.source is not None:
            assert os.stat(output.source).st_ino == target.stat().st_ino  # hard-linked
        else:
            assert output.render is not None and target.read_bytes() == output.render()


def test_files_an_interrupted_publish_left_are_swept(
    station: Station, tones: dict[str, Path]
) -> None:
    published(station, tones)
    public = station.settings.public_dir
    stale = [public / "index.html.radiodesk-tmp", public / "kabar-pagi" / "feed.xml.radiodesk-tmp"]
    young = public / "feed.xml.radiodesk-tmp"  # may be a publish running right now
    for path in [*stale, young]:
        path.write_bytes(b"half written")
    for path in stale:
        os.utime(path, (0, 0))
    assert publish(station.settings, NOW).written == ()  # nothing changed, still swept
    assert [p.exists() for p in stale] == [False, False]
    assert young.exists()


def test_an_edit_in_one_programme_keeps_the_others_files_and_still_repairs_them(
    station: Station, tones: dict[str, Path]
) -> None:
    from radiodesk.publish import edit_episode

    world = published(station, tones)
    public = station.settings.public_dir
    with station.session() as session:
        shows = {i: session.get(Episode, i).show.slug for i in world.published}
    edited = next(i for i in world.published if shows[i] == "kabar-pagi")
    other = sorted((public / "dialog-interaktif" / "episodes").iterdir())
    assert other
    before = {p: p.read_bytes() for p in other}

    with station.session() as session:
        edit_episode(session, station.settings, edited, now=NOW, title="Judul baru")
    result = publish(station.settings, NOW)
    assert "kabar-pagi/feed.xml" in result.written
    assert not [p for p in result.written if p.startswith("dialog-interaktif/")]
    # The other programme's files are kept, in public/ and in the manifest.
    assert {p: p.read_bytes() for p in other} == before
    assert publish(station.settings, NOW).written == ()

    # A file of the other programme deleted: its folder is not kept, the file comes back.
    other[0].unlink()
    with station.session() as session:
        edit_episode(session, station.settings, edited, now=NOW, title="Judul lain")
    result = publish(station.settings, NOW)
    assert f"dialog-interaktif/episodes/{other[0].name}" in result.written
    assert {p: p.read_bytes() for p in other} == before
