"""Migration 0002 builds the index from the rows of a database made before it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from radiodesk import db
from radiodesk.config import Settings, load_settings
from radiodesk.models import LogEntry
from radiodesk.search import SearchFilters, schema, search


def _settings(
    make_home: Callable[..., Path], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    monkeypatch.setenv("RADIODESK_DATABASE_URL", db_url)
    home = make_home()
    # The migration finds the archive folder (for transcripts) through the station's home.
    monkeypatch.setenv("RADIODESK_HOME", str(home))
    return load_settings(home)


def test_upgrading_a_database_with_rows_builds_the_index(
    make_home: Callable[..., Path], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(make_home, db_url, monkeypatch)
    (settings.archive_dir / "b7.srt").write_text(
        "1\n00:02:03,000 --> 00:02:05,000\nAntrean di poliklinik\n", encoding="utf-8"
    )
    db.upgrade(settings, "0001")
    engine = db.engine_for(settings)
    stamp = "'2026-01-01 00:00:00'"
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO show (id, slug, title, description, hosts, category, language,"
                " explicit, live, podcast, loudness_target, audio_format, audio_bitrate,"
                " audio_channels, active, created_at, updated_at) VALUES (1, 'kabar',"
                " 'Kabar Pagi', '', '[]', 'News', 'id', false, true, true, -16, 'mp3', 64, 1,"
                f" true, {stamp}, {stamp})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO broadcast (id, show_id, planned_start, planned_end, status, special,"
                " moved, topic, notes, access_class, handover, created_at, updated_at) VALUES"
                " (7, 1, '2026-11-23 22:00:00', '2026-11-23 23:00:00', 'aired', false, false,"
                f" 'Rumah sakit daerah', '', 'open', false, {stamp}, {stamp})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO person (id, name, honorific, position, institution, name_folded,"
                " institution_folded, phone, email, consent, publish_name, publish_position,"
                " notes, created_at, updated_at) VALUES (3, 'Andi Rahman', 'dr.',"
                " 'Kepala Dinas', 'Dinas Kesehatan', '', '', '', '', 'given', true, true, '',"
                f" {stamp}, {stamp})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO appearance (id, broadcast_id, person_id, role, topic, created_at)"
                f" VALUES (5, 7, 3, 'guest', '', {stamp})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO log_entry (id, broadcast_id, at, kind, text, author, caller_name,"
                " caller_location, answer, deleted, created_at, updated_at) VALUES (11, 7,"
                " '2026-11-23 22:10:00', 'complaint', 'Warga mengeluhkan pelayanan rumah sakit',"
                f" 'op', '', '', '', false, {stamp}, {stamp})"
            )
        )
        conn.execute(
            text(
                "INSERT INTO recording (id, sha256, original_name, stored_path, size, container,"
                " codec, duration, recorded_start, broadcast_id, title, transcript_path,"
                " ingested_at) VALUES (2, 'ab', 'b7.wav', 'masters/b7.wav', 10, 'wav', 'pcm',"
                f" 3600, '2026-11-23 22:00:00', 7, '', 'b7.srt', {stamp})"
            )
        )
    with engine.connect() as conn:
        assert not schema.exists(conn)
    db.upgrade(settings)
    assert db.current_revision(engine) == db.head_revision()
    with db.unit_of_work(settings) as session:
        page = search(session, settings, "layanan", SearchFilters(person="andi"), 10, 0)
        assert [(x.kind, x.source_id) for x in page.hits] == [("complaint", 11)]
        assert [s.name for s in page.hits[0].speakers] == ["dr. Andi Rahman"]
        people = search(session, settings, "kepala dinas", SearchFilters(kinds=("person",)), 5, 0)
        assert [(x.kind, x.source_id) for x in people.hits] == [("person", 5)]
        cue = search(session, settings, "poliklinik", None, 5, 0).hits
        assert [(x.kind, x.recording_id, x.offset) for x in cue] == [("transcript", 2, "00:02:03")]
        # The complaint was logged ten minutes into the recording.
        assert page.hits[0].offset == "00:10:00"
        # And from now on the ORM keeps it in step.
        entry = session.get(LogEntry, 11)
        assert entry is not None
        entry.text = "Warga memuji perawat"
    with db.unit_of_work(settings) as session:
        assert search(session, settings, "perawat", None, 5, 0).hits[0].source_id == 11
        assert search(session, settings, "layanan", None, 5, 0).hits == ()
    # Down to 0001 and up again: the index goes and comes back.
    db.upgrade(settings, "head")
    from alembic import command

    command.downgrade(db.alembic_config(engine), "0001")
    with engine.connect() as conn:
        assert not schema.exists(conn)
    db.upgrade(settings)
    with db.unit_of_work(settings) as session:
        assert search(session, settings, "perawat", None, 5, 0).hits[0].source_id == 11


def test_migration_0009_fills_the_vocabulary_from_the_index(
    make_home: Callable[..., Path], db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic.script import ScriptDirectory

    from radiodesk.search import spelling
    from radiodesk.shows import sync_shows

    settings = _settings(make_home, db_url, monkeypatch)
    engine = db.engine_for(settings)
    before = ScriptDirectory.from_config(db.alembic_config(engine)).get_revision("0009")
    db.upgrade(settings, str(before.down_revision))
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings)
    # An index as the revision before 0009 left it: no vocabulary.
    with engine.begin() as conn:
        spelling.drop(conn)
    db.upgrade(settings)
    with db.unit_of_work(settings) as session:
        page = search(session, settings, "rapat paripuna", None, 5, 0)
    assert page.corrected == "rapat paripurna"
    assert [(hit.kind, hit.title) for hit in page.hits] == [
        ("programme", "Laporan Rapat Paripurna DPRD")
    ]
