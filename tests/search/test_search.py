"""What staff find: Indonesian words, phrases, prefixes, ranking, and what each hit says."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest

from radiodesk.errors import InputError, NotFound
from radiodesk.search import mark
from tests.conftest import Station
from tests.search import helpers as h
from tests.search.conftest import Archive


def logs(station: Station, query: str, **filters: object) -> set[int]:
    """Ids of the live-log entries found."""
    return {
        h.source_id
        for h in h_find(station, query, **filters).hits
        if h.kind not in ("programme", "broadcast", "person", "episode", "transcript")
    }


def h_find(station: Station, query: str, **filters: object):  # type: ignore[no-untyped-def]
    return h.find(station, query, limit=100, **filters)


def test_affixed_words_find_their_root_and_each_other(station: Station, archive: Archive) -> None:
    # diwawancarai, mewawancarai, Wawancara: one root.
    assert logs(station, "wawancara") == {archive.e1, archive.e4, archive.e6}
    assert logs(station, "diwawancarai") == {archive.e1, archive.e4, archive.e6}
    # pelayanan and layanan: one root.
    assert logs(station, "pelayanan") == {archive.e1, archive.e3}
    assert logs(station, "layanan") == {archive.e1, archive.e3}
    assert logs(station, "keluhan") == {archive.e2}  # "mengeluhkan"


def test_case_and_accents_are_folded(station: Station, archive: Archive) -> None:
    # e2 was passed to the RSUD: "rumah sakit" stands for it (see test_abbreviations).
    assert logs(station, "RÚMAH SÁKIT") == logs(station, "rumah sakit") == {archive.e1, archive.e2}
    assert logs(station, '"RÚMAH SÁKIT"') == {archive.e1}
    assert logs(station, "sabbang") == logs(station, "SABBANG") == {archive.e2}


def test_phrases_keep_word_order_and_understand_affixes(station: Station, archive: Archive) -> None:
    assert logs(station, '"rumah sakit"') == {archive.e1}
    assert logs(station, '"sakit rumah"') == set()
    assert logs(station, '"mengeluhkan antrean"') == {archive.e2}
    assert logs(station, '"keluh antrean"') == {archive.e2}
    # Typographic quotes are quotes too.
    assert logs(station, "“antrean mengeluhkan”") == set()


def test_prefixes(station: Station, archive: Archive) -> None:
    assert logs(station, "ambul*") == {archive.e3}
    # A prefix of the written word: "pelayanan" starts with "pelay", "layanan" does not.
    assert logs(station, "pelay*") == {archive.e1}
    # A prefix of the root finds every affixed form.
    assert logs(station, "layan*") == {archive.e1, archive.e3}
    assert logs(station, '"rumah sak"*') == {archive.e1}
    # Too short to be a prefix: taken as a word.
    assert logs(station, "a*") == set()


def test_or_and_leaving_out(station: Station, archive: Archive) -> None:
    assert logs(station, "ambulans OR kakao") == {archive.e3, archive.e4}
    assert logs(station, "wawancara -bupati") == {archive.e1, archive.e4}
    assert logs(station, "wawancara NOT bupati") == {archive.e1, archive.e4}
    assert logs(station, 'wawancara -"petani kakao"') == {archive.e1, archive.e6}
    assert logs(station, "wawancara AND bupati") == {archive.e6}


def test_results_are_ranked(station: Station) -> None:
    with station.session() as s:
        b = h.broadcast(s, "suara-petani", h.MORNING + timedelta(days=3))
        strong = h.log(s, b, 1, "Urea urea urea: stok urea aman")
        weak = h.log(
            s, b, 2, "Rapat membahas banyak hal, antara lain harga gabah, irigasi dan urea juga"
        )
    page = h.find(station, "urea")
    assert [hit.source_id for hit in page.hits[:2]] == [strong.id, weak.id]
    assert page.hits[0].score > page.hits[1].score


def test_a_log_hit_says_programme_time_people_and_minute_in_the_recording(
    station: Station, archive: Archive
) -> None:
    hit = next(x for x in h_find(station, "diwawancarai").hits if x.source_id == archive.e1)
    assert hit.kind == "segment"
    assert hit.show_slug == "kabar-pagi" and hit.show_title == "Kabar Pagi Luwu Utara"
    assert hit.when == "Monday, 23 November 2026 08:10 WITA"
    assert hit.broadcast_id == archive.b1
    assert [(p.name, p.position, p.institution, p.role) for p in hit.speakers] == [
        ("dr. Andi Rahman", "Kepala Dinas", "Dinas Kesehatan", "guest")
    ]
    # The recorder started two minutes before the programme: 10 + 2 minutes in.
    assert hit.recording_id == archive.r1
    assert hit.offset_seconds == 720.0 and hit.offset == "00:12:00"
    assert hit.has_audio
    assert mark(hit.snippet, hit.highlights) == (
        "Kepala dinas [diwawancarai] tentang pelayanan rumah sakit"
    )


def test_listeners_complaints_are_found_with_their_agency(
    station: Station, archive: Archive
) -> None:
    page = h_find(station, "djemma", kinds=("complaint",))
    assert [(x.kind, x.source_id) for x in page.hits] == [("complaint", archive.e2)]
    assert "RSUD Andi [Djemma]" in mark(page.hits[0].snippet, page.hits[0].highlights)
    assert logs(station, "pertanian", kinds=("question", "complaint")) == {archive.e5}


def test_transcript_cues_are_found_with_their_time(station: Station, archive: Archive) -> None:
    page = h_find(station, "jembatan diperbaiki")
    assert [(x.kind, x.source_id) for x in page.hits] == [("transcript", archive.r3)]
    hit = page.hits[0]
    assert hit.recording_id == archive.r3
    assert hit.offset_seconds == 65.5 and hit.offset == "00:01:05"
    assert hit.title == "Dialog 30 November"
    assert hit.when == "Monday, 30 November 2026 08:01 WITA"
    assert mark(hit.snippet, hit.highlights) == (
        "[Jembatan] gantung di Rampi sudah [diperbaiki] & dibuka"
    )
    # Formatting tags and the speaker's voice tag are not text.
    assert h_find(station, "penyiar").hits == ()


def test_broadcasts_people_episodes_and_programmes_are_found(
    station: Station, archive: Archive
) -> None:
    assert ("broadcast", archive.b2) in h.found(station, "kakao bersubsidi")
    people = h.find(station, "kepala bidang pertanian", kinds=("person",)).hits
    assert [(x.kind, x.title) for x in people] == [("person", "Ir. Baso Lallo")]
    assert h.found(station, "bincang") == [("episode", archive.episode)]
    programmes = h.find(station, "paripurna", kinds=("programme",)).hits
    assert [x.show_slug for x in programmes] == ["rapat-paripurna"]


def test_filter_by_show_kind_and_access(station: Station, archive: Archive) -> None:
    assert logs(station, "wawancara", shows=("suara-petani",)) == {archive.e4}
    assert logs(station, "wawancara", shows=("suara-petani", "kabar-pagi")) == {
        archive.e1,
        archive.e4,
    }
    assert logs(station, "wawancara", kinds=("segment",)) == {archive.e1, archive.e6}
    assert logs(station, "wawancara", kinds=("log",)) == {archive.e1, archive.e4, archive.e6}
    assert h.found(station, "wawancara", kinds=("transcript",)) == []
    assert logs(station, "wawancara", access="exempt") == {archive.e4}
    assert logs(station, "wawancara", access="open") == {archive.e1, archive.e6}
    with pytest.raises(NotFound, match="no programme 'tidak-ada'"):
        h.find(station, "wawancara", shows=("tidak-ada",))
    with pytest.raises(InputError, match="--kind"):
        h.find(station, "wawancara", kinds=("podcast",))
    with pytest.raises(InputError, match="--access"):
        h.find(station, "wawancara", access="secret")


def test_filter_by_person_and_institution(station: Station, archive: Archive) -> None:
    assert logs(station, "wawancara", person="baso") == {archive.e4}
    assert logs(station, "wawancara", person="LALLO") == {archive.e4}
    assert logs(station, "wawancara", person="dr. andi") == {archive.e1}
    assert logs(station, "wawancara", person="ndi") == set()  # names match from a word's start
    assert logs(station, "wawancara", institution="dinas kesehatan") == {archive.e1}
    assert logs(station, "wawancara", institution="Pertanian") == {archive.e4}
    assert logs(station, "wawancara", institution="Dinas Perhubungan") == set()
    with pytest.raises(InputError, match="--person"):
        h.find(station, "wawancara", person=" ?! ")


def test_filter_by_local_dates(station: Station, archive: Archive) -> None:
    with station.session() as s:
        b = h.broadcast(s, "malam-remaja", h.MORNING + timedelta(hours=15))  # 23:00 WITA
        late = h.log(s, b, 30, "Gempa kecil terasa di Masamba")  # 23:30 WITA on the 23rd
        after = h.log(s, b, 70, "Gempa susulan terasa lagi")  # 00:10 WITA on the 24th (UTC: 23rd)
    day = date(2026, 11, 23)
    assert logs(station, "gempa", date_from=day, date_to=day) == {late.id}
    assert logs(station, "gempa", date_from=day + timedelta(days=1)) == {after.id}
    assert logs(station, "wawancara", date_from=date(2026, 11, 24)) == {archive.e4, archive.e6}
    assert logs(station, "wawancara", date_to=date(2026, 11, 29)) == {archive.e1, archive.e4}
    with pytest.raises(InputError, match="--from"):
        h.find(station, "gempa", date_from=day, date_to=day - timedelta(days=1))


def test_filter_by_audio(station: Station, archive: Archive) -> None:
    assert logs(station, "wawancara", has_audio=True) == {archive.e1, archive.e6}
    hits = h.find(station, "pupuk").hits
    assert hits and not any(x.has_audio for x in hits)


def test_pages(station: Station) -> None:
    with station.session() as s:
        b = h.broadcast(s, "kabar-pagi", h.MORNING + timedelta(days=1))
        for i in range(7):
            h.log(s, b, i, f"Laporan cuaca nomor {i}")
    first = h.find(station, "cuaca", limit=3)
    second = h.find(station, "cuaca", limit=3, offset=3)
    last = h.find(station, "cuaca", limit=3, offset=6)
    assert first.has_more and second.has_more and not last.has_more
    ids = [x.source_id for page in (first, second, last) for x in page.hits]
    assert len(ids) == len(set(ids)) == 7
    with pytest.raises(InputError, match="--limit"):
        h.find(station, "cuaca", limit=0)


def test_searches_from_several_threads_at_once(station: Station, archive: Archive) -> None:
    """As the desk's workers do: each search in a thread, with a session of its own."""
    queries = ["wawancara", "pelayanan", '"rumah sakit"', "layan*", "jembatan", "kakao"]
    alone = {q: h.found(station, q) for q in queries}
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda q: (q, h.found(station, q)), queries * 4))
    assert all(found == alone[q] for q, found in together)
    assert all(alone.values())


FILTERED = [
    ("wawancara", {"kinds": ("segment",)}),
    ("wawancara", {"kinds": ("log",)}),
    ("pertanian", {"kinds": ("question", "complaint")}),
    ("wawancara", {"person": "baso"}),
    ("wawancara", {"institution": "dinas kesehatan"}),
    ("wawancara", {"shows": ("suara-petani", "kabar-pagi")}),
    ("wawancara", {"date_to": date(2026, 11, 25)}),
    ("wawancara", {"date_from": date(2026, 11, 24), "date_to": date(2026, 11, 30)}),
    ("jembatan OR bupati", {"date_to": date(2026, 11, 30), "kinds": ("transcript", "segment")}),
]


def test_filters_give_the_same_matches_as_tags_or_as_checks(
    station: Station, archive: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite a filter is either a tag in the FTS5 query or a check on each match,
    depending on how selective it is: both ways must find the same documents."""
    from radiodesk.search import candidates

    def everything() -> list[list[tuple[str, int]]]:
        return [h.found(station, query, **filters) for query, filters in FILTERED]

    monkeypatch.setattr(candidates, "FEW_BROADCASTS", 0)
    monkeypatch.setattr(candidates, "OLD", timedelta(days=36500))
    checked = everything()
    monkeypatch.setattr(candidates, "FEW_BROADCASTS", 10_000)
    monkeypatch.setattr(candidates, "OLD", timedelta(days=-36500))
    tagged = everything()
    assert tagged == checked
    assert all(checked)
