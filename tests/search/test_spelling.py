"""Misspellings: a word that matches nothing is searched as the nearest known word."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from radiodesk import i18n
from radiodesk.search.spelling import similarity
from tests.conftest import Station
from tests.search import helpers as h
from tests.search.conftest import Archive


@pytest.fixture
def calls(station: Station, archive: Archive) -> dict[str, int]:
    with station.session() as s:
        b = h.broadcast(s, "layanan-masyarakat", h.MORNING + timedelta(days=3))
        dbd = h.log(s, b, 5, "Banyak anak kena demam berdarah, kapan fogging?", "question")
        bridge = h.log(s, b, 9, "Jembatan gantung di Rampi putus", "complaint")
        guest = h.person(s, "Andi Nurhalisa Mustari", position="Kepala Dinas Kesehatan")
        h.appear(s, b, guest, topic="Pencegahan demam berdarah")
    return {"dbd": dbd.id, "bridge": bridge.id, "broadcast": b.id}


@pytest.mark.parametrize(
    ("typed", "searched"),
    [("jembatn", "jembatan"), ("demam berdara", "demam berdarah"), ("nurhalisah", "nurhalisa")],
)
def test_a_misspelled_word_is_searched_as_the_nearest_known_one(
    station: Station, calls: dict[str, int], typed: str, searched: str
) -> None:
    page = h.find(station, typed)
    assert page.corrected == searched
    assert page.notice == f"Showing results for: {searched}"
    assert [hit.source_id for hit in page.hits] == [
        hit.source_id for hit in h.find(station, searched).hits
    ]
    assert calls["broadcast"] in [hit.broadcast_id for hit in page.hits[:3]]


def test_the_notice_is_in_the_users_language(station: Station, calls: dict[str, int]) -> None:
    i18n.set_language("id")
    assert h.find(station, "jembatn").notice == "Menampilkan hasil untuk: jembatan"


def test_an_exact_match_is_never_corrected(station: Station, calls: dict[str, int]) -> None:
    # "jembatn" is a known word once something says it: then it is searched as typed.
    with station.session() as s:
        b = h.broadcast(s, "kabar-pagi", h.MORNING + timedelta(days=4))
        typo = h.log(s, b, 1, "Catatan operator: jembatn (salah ketik)")
    page = h.find(station, "jembatn")
    assert page.corrected is None and page.notice is None
    assert [hit.source_id for hit in page.hits] == [typo.id]
    # Known words, prefixes, quoted words and short forms are left as typed.
    for typed in ("jembatan", "jemba*", '"jembatn"', "kadis"):
        assert h.find(station, typed).corrected is None
    # Nothing near enough: nothing found, nothing claimed.
    page = h.find(station, "xylofon")
    assert page.hits == () and page.corrected is None


def test_new_words_are_known_at_once_and_the_index_rebuild_keeps_them(
    station: Station, archive: Archive
) -> None:
    assert h.find(station, "hemodialisa").hits == ()
    with station.session() as s:
        b = h.broadcast(s, "kabar-pagi", h.MORNING + timedelta(days=5))
        h.log(s, b, 1, "Layanan hemodialisa dibuka")
    assert h.find(station, "hemodialsa").corrected == "hemodialisa"
    from radiodesk.search import rebuild_index

    with station.session() as s:
        rebuild_index(s, station.settings)
        count = s.execute(text("SELECT count(*) FROM search_word")).scalar()
    assert count and count > 20
    assert h.find(station, "hemodialsa").corrected == "hemodialisa"


def test_similarity_is_pg_trgm_s() -> None:
    assert similarity("jembatan", "jembatan") == 1.0
    assert similarity("jembatn", "jembatan") == 6 / 11
    assert similarity("penyiar", "penyuluh") < 0.45
