"""The index follows every write at once, in the same transaction, and rebuilds the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from radiodesk.models import Broadcast, Episode, LogEntry, Person, Recording, Show
from radiodesk.search import SearchFilters, rebuild_index, search
from tests.conftest import Station
from tests.search import helpers as h
from tests.search.conftest import VTT, Archive


def test_an_edited_log_entry_is_found_by_its_new_text_only(
    station: Station, archive: Archive
) -> None:
    with station.session() as s:
        entry = s.get(LogEntry, archive.e3)
        assert entry is not None
        entry.text = "Kapan posyandu keliling datang ke Lapapa?"
        s.flush()
        # At once: in the same transaction, before it commits.
        found = search(s, station.settings, "posyandu", SearchFilters(), 10, 0)
        assert [x.source_id for x in found.hits] == [archive.e3]
    assert h.found(station, "posyandu lapapa") == [("question", archive.e3)]
    assert ("question", archive.e3) not in h.found(station, "ambulans")


def test_a_changed_kind_or_agency_is_followed(station: Station, archive: Archive) -> None:
    with station.session() as s:
        entry = s.get(LogEntry, archive.e4)
        assert entry is not None
        entry.kind = "complaint"
        entry.agency = "Dinas Perikanan"
    assert h.found(station, "perikanan") == [("complaint", archive.e4)]
    assert h.found(station, "mewawancarai", kinds=("note",)) == []


def test_deleted_entries_leave_the_index_and_restored_ones_return(
    station: Station, archive: Archive
) -> None:
    with station.session() as s:
        entry = s.get(LogEntry, archive.e6)
        assert entry is not None
        entry.deleted = True
    assert ("segment", archive.e6) not in h.found(station, "bupati")
    with station.session() as s:
        entry = s.get(LogEntry, archive.e6)
        assert entry is not None
        entry.deleted = False
    assert ("segment", archive.e6) in h.found(station, "bupati")
    with station.session() as s:
        s.delete(s.get(LogEntry, archive.e6))
    assert ("segment", archive.e6) not in h.found(station, "bupati")


def test_a_failed_unit_of_work_leaves_the_index_as_it_was(
    station: Station, archive: Archive
) -> None:
    with pytest.raises(RuntimeError), station.session() as s:
        entry = s.get(LogEntry, archive.e1)
        assert entry is not None
        entry.text = "Teks yang tidak pernah disimpan: kelapa sawit"
        s.flush()
        raise RuntimeError("the operator's action failed half-way")
    assert h.found(station, "sawit") == []
    assert ("segment", archive.e1) in h.found(station, "diwawancarai")


def test_a_merged_person_is_found_under_the_name_kept(station: Station, archive: Archive) -> None:
    with station.session() as s:
        duplicate = h.person(s, "Pak Baco", position="Penyuluh", institution="BPP Sabbang")
        b = h.broadcast(s, "suara-petani", h.MORNING + timedelta(days=4))
        h.appear(s, b, duplicate)
        h.log(s, b, 5, "Penanganan hama tikus di sawah")
        broadcast_id = b.id
    assert [x.title for x in h.find(station, "baco", kinds=("person",)).hits] == ["Pak Baco"]
    with station.session() as s:
        # As the guests' service merges: the duplicate points at the person kept.
        s.get(Person, h_id(s, "Pak Baco")).merged_into_id = archive.baso  # type: ignore[union-attr]
    assert h.find(station, "baco").hits == ()
    people = h.find(station, "lallo", kinds=("person",)).hits
    assert sorted(x.broadcast_id for x in people) == sorted([archive.b2, broadcast_id])
    assert {x.title for x in people} == {"Ir. Baso Lallo"}
    hama = h.find(station, "hama tikus").hits
    assert [s.name for s in hama[0].speakers] == ["Ir. Baso Lallo"]
    assert h.found(station, "hama", person="baso") == h.found(station, "hama")
    assert h.found(station, "hama", person="baco") == []
    assert h.found(station, "hama", institution="bpp sabbang") == []


def h_id(session, name: str) -> int:  # type: ignore[no-untyped-def]
    return session.scalars(select(Person.id).where(Person.name == name)).one()


def test_a_renamed_person_and_a_moved_appearance_are_followed(
    station: Station, archive: Archive
) -> None:
    with station.session() as s:
        andi = s.get(Person, archive.andi)
        assert andi is not None
        andi.position = "Direktur"
        andi.institution = "RSUD Andi Djemma"
    people = h.find(station, "direktur", kinds=("person",)).hits
    assert [x.source_id for x in people] == [archive.appearance_andi]
    assert h.find(station, "kepala dinas kesehatan", kinds=("person",)).hits == ()
    assert h.found(station, "wawancara", institution="RSUD") == [("segment", archive.e1)]


def test_a_renamed_episode_and_programme_are_found_by_their_new_names(
    station: Station, archive: Archive
) -> None:
    with station.session() as s:
        episode = s.get(Episode, archive.episode)
        assert episode is not None
        episode.title = "Antrean di poliklinik"
        show = s.scalars(select(Show).where(Show.slug == "mimbar-jumat")).one()
        show.title = "Mimbar Jumat Berkah"
    assert h.found(station, "poliklinik") == [("episode", archive.episode)]
    assert ("episode", archive.episode) not in h.found(station, "RSUD")
    assert [x.show_slug for x in h.find(station, "berkah").hits] == ["mimbar-jumat"]


def test_a_changed_broadcast_moves_its_documents(station: Station, archive: Archive) -> None:
    with station.session() as s:
        b2 = s.get(Broadcast, archive.b2)
        assert b2 is not None
        b2.topic = "Harga cengkeh"
        b2.planned_start += timedelta(days=10)
        b2.planned_end += timedelta(days=10)
    assert h.found(station, "cengkeh") == [("broadcast", archive.b2)]
    assert ("broadcast", archive.b2) not in h.found(station, "kakao")
    moved = h.find(station, "lallo", kinds=("person",), date_from=date(2026, 12, 5)).hits
    assert [x.broadcast_id for x in moved] == [archive.b2]


def test_a_deleted_broadcast_takes_its_documents_along(station: Station, archive: Archive) -> None:
    with station.session() as s:
        s.delete(s.get(Broadcast, archive.b3))
    assert h.found(station, "bupati", kinds=("log",)) == []
    assert h.found(station, "seko") == []
    # The recording stays in the archive, and so do its words.
    hits = h.find(station, "jembatan").hits
    assert [(x.kind, x.source_id, x.broadcast_id) for x in hits] == [
        ("transcript", archive.r3, None)
    ]


def test_a_recording_linked_later_gives_offsets_and_its_transcript(station: Station) -> None:
    with station.session() as s:
        b = h.broadcast(s, "kabar-pagi", h.MORNING + timedelta(days=20))
        entry = h.log(s, b, 42.5, "Banjir rob di pesisir Malangke")
        start = b.planned_start
    assert h.find(station, "banjir rob").hits[0].offset is None
    (station.settings.archive_dir / "later.srt").write_text(
        "1\r\n00:00:10,250 --> 00:00:12,000\r\nBanjir rob menggenangi jalan\r\n", "utf-8"
    )
    with station.session() as s:
        rec = h.recording(s, None, start, 3600.0, "later.wav")
        rec.broadcast_id = s.get(Broadcast, b.id).id  # type: ignore[union-attr]
        rec.transcript_path = "later.srt"
    hits = {x.kind: x for x in h.find(station, "banjir rob").hits}
    assert hits["note"].source_id == entry.id and hits["note"].offset == "00:42:30"
    assert hits["transcript"].offset_seconds == 10.25
    with station.session() as s:
        s.delete(s.get(Recording, hits["transcript"].source_id))
    kinds = [x.kind for x in h.find(station, "banjir rob").hits]
    assert kinds == ["note"]


def test_rebuild_gives_the_same_results(station: Station, archive: Archive) -> None:
    queries = ["wawancara", "pelayanan", '"rumah sakit"', "layan*", "jembatan", "kakao", "dinas"]

    def results() -> list[list[tuple[str, int, str, str | None]]]:
        return [
            [(x.kind, x.source_id, x.snippet, x.offset) for x in h.find(station, q).hits]
            for q in queries
        ]

    before = results()
    assert all(before)
    with station.session() as s:
        report = rebuild_index(s, station.settings)
    assert report.documents >= 20
    assert results() == before


def test_transcripts_follow_their_file_path(station: Station, archive: Archive) -> None:
    (station.settings.archive_dir / "other.vtt").write_text(
        VTT.replace("Jembatan gantung", "Dermaga kayu"), "utf-8"
    )
    with station.session() as s:
        rec = s.get(Recording, archive.r3)
        assert rec is not None
        rec.transcript_path = "other.vtt"
    assert h.found(station, "dermaga") == [("transcript", archive.r3)]
    assert h.found(station, "jembatan gantung") == []


def test_the_full_text_index_agrees_with_the_documents_after_many_changes(
    station: Station, archive: Archive
) -> None:
    with station.session() as s:
        for entry in s.scalars(select(LogEntry)):
            entry.text += " diperbarui"
        s.delete(s.get(LogEntry, archive.e2))
        s.get(Person, archive.baso).name = "Baso Lallo Daeng"  # type: ignore[union-attr]
        s.delete(s.get(Broadcast, archive.b3))
    with station.session() as s:
        conn = s.connection()
        if conn.dialect.name == "sqlite":
            # FTS5 compares its index with search_doc's text, row by row.
            conn.exec_driver_sql(
                "INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)"
            )
        documents = conn.exec_driver_sql("SELECT count(*) FROM search_doc").scalar()
    found = {entry_id for _kind, entry_id in h.found(station, "diperbarui")}
    assert found == {archive.e1, archive.e3, archive.e4, archive.e5}
    assert h.found(station, '"mengeluhkan antrean"') == []
    assert [x.title for x in h.find(station, "daeng", kinds=("person",)).hits] == [
        "Ir. Baso Lallo Daeng"
    ]
    assert documents > 10


def test_transcripts_are_read_from_the_archive_named_by_the_session(
    station: Station, tmp_path: Path
) -> None:
    """A session may carry its station's settings (``session.info["settings"]``): then the
    transcript is read from that archive, whatever the environment says."""
    elsewhere = tmp_path / "shared-archive"
    elsewhere.mkdir()
    (elsewhere / "talk.vtt").write_text(
        "WEBVTT\n\n00:00:07.000 --> 00:00:09.000\nBendungan Baliase diresmikan\n", "utf-8"
    )
    with station.session() as s:
        s.info["settings"] = replace(station.settings, archive_dir=elsewhere)
        b = h.broadcast(s, "kabar-pagi", h.MORNING + timedelta(days=30))
        h.recording(s, b, b.planned_start, 600.0, "talk.wav", transcript_path="talk.vtt")
    assert [(x.kind, x.offset) for x in h.find(station, "bendungan").hits] == [
        ("transcript", "00:00:07")
    ]
