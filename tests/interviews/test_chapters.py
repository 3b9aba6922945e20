"""Chapters from the live log's segments, as the archive and publishing both read them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radiodesk.interviews import Chapter, add_entry, chapters_for, delete_entry, edit_entry
from tests.conftest import Station
from tests.interviews.conftest import MakeBroadcast

START = datetime(2026, 11, 19, 11, 30, tzinfo=UTC)


def _segments(
    station: Station,
    broadcast: int,
    now: datetime,
    plan: list[tuple[float, str]],
    kind: str = "segment",
) -> list[int]:
    with station.session() as session:
        return [
            add_entry(session, broadcast, title, kind, START + timedelta(seconds=s), now=now).id
            for s, title in plan
        ]


def test_chapters_start_at_their_offset_from_the_recording_start(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    b = make_broadcast(START, 60, status="aired")
    _segments(
        station,
        b,
        now,
        [
            (60, "Pembukaan"),
            (330, "Dialog: layanan BPJS"),
            (1800, "Sesi tanya jawab pendengar"),
            (3300, "Penutup"),
        ],
    )
    # Notes, music and questions are not chapters.
    _segments(station, b, now, [(400, "Narasumber menjelaskan")], kind="note")
    _segments(station, b, now, [(1900, "Jalan rusak")], kind="complaint")
    # The recorder started 30 s before the programme.
    with station.session() as session:
        chapters = chapters_for(session, b, START - timedelta(seconds=30), 3630.5)
    assert chapters == [
        Chapter(90.0, 360.0, "Pembukaan"),
        Chapter(360.0, 1830.0, "Dialog: layanan BPJS"),
        Chapter(1830.0, 3330.0, "Sesi tanya jawab pendengar"),
        Chapter(3330.0, 3630.5, "Penutup"),
    ]


def test_a_segment_running_at_the_start_opens_and_late_ones_are_left_out(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    b = make_broadcast(START, 60, status="aired")
    _segments(
        station,
        b,
        now,
        [
            (-600, "Persiapan"),
            (60, "Pembukaan"),
            (300, "Dialog"),
            (2000, "Tanya jawab"),
            (3400, "Penutup"),
        ],
    )
    # A recording that began 5 minutes in and lasted 30 minutes.
    with station.session() as session:
        chapters = chapters_for(session, b, START + timedelta(minutes=5), 1800)
    assert chapters == [Chapter(0.0, 1700.0, "Dialog"), Chapter(1700.0, 1800.0, "Tanya jawab")]
    # A segment exactly at the recording's end opens no chapter.
    with station.session() as session:
        assert chapters_for(session, b, START - timedelta(minutes=20), 600) == []
    with station.session() as session:
        whole = chapters_for(session, b, START - timedelta(minutes=20), 5 * 3600)
    assert [c.title for c in whole] == [
        "Persiapan",
        "Pembukaan",
        "Dialog",
        "Tanya jawab",
        "Penutup",
    ]
    assert whole[0].start == 600.0 and whole[-1].end == 5 * 3600


def test_a_clip_shifts_the_window_by_its_offset(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    b = make_broadcast(START, 60, status="aired")
    _segments(
        station,
        b,
        now,
        [(60, "Pembukaan"), (330, "Dialog"), (1800, "Tanya jawab"), (3300, "Penutup")],
    )
    recording_start = START - timedelta(seconds=30)
    # A clip cut from 00:12:30 of that recording, 20 minutes long.
    with station.session() as session:
        clip = chapters_for(session, b, recording_start, 1200, offset=750)
    assert clip == [Chapter(0.0, 1080.0, "Dialog"), Chapter(1080.0, 1200.0, "Tanya jawab")]


def test_edited_titles_and_deleted_segments_are_followed(
    station: Station, make_broadcast: MakeBroadcast, now: datetime
) -> None:
    b = make_broadcast(START, 60, status="aired")
    first, _second, third = _segments(
        station, b, now, [(0, "Pembukan"), (600, "Dialog"), (600, "Dialog: jalan  Seko")]
    )
    with station.session() as session:
        edit_entry(session, first, now=now, text="Pembukaan")
        # Two segments at one instant: the one entered last names the chapter.
        assert [c.title for c in chapters_for(session, b, START, 1200)] == [
            "Pembukaan",
            "Dialog: jalan Seko",
        ]
        delete_entry(session, third, now=now)
        assert chapters_for(session, b, START, 1200) == [
            Chapter(0.0, 600.0, "Pembukaan"),
            Chapter(600.0, 1200.0, "Dialog"),
        ]
        assert chapters_for(session, b, START, 1200, offset=0.0)[1].title == "Dialog"
