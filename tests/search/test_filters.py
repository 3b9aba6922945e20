"""Filters alone list broadcasts, newest first; with words they narrow the documents."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import delete

from radiodesk.errors import InputError, NotFound
from radiodesk.models import Broadcast
from radiodesk.search import SearchFilters, search
from tests.conftest import CliResult, Station
from tests.search import helpers as h
from tests.search.conftest import Archive


@pytest.fixture(autouse=True)
def only_the_archives_broadcasts(station: Station, monkeypatch: pytest.MonkeyPatch) -> None:
    """The airings planned from the programme files are left out; the clock is after the
    archive's last broadcast."""
    with station.session() as session:
        session.execute(delete(Broadcast).where(Broadcast.status == "planned"))
    monkeypatch.setenv("RADIODESK_NOW", (h.MORNING + timedelta(days=8)).isoformat())


def listed(station: Station, **filters: object) -> list[int]:
    page = h.find(station, "", **filters)
    assert all(hit.kind == "broadcast" for hit in page.hits)
    return [hit.source_id for hit in page.hits]


def test_each_filter_alone_lists_its_broadcasts_newest_first(
    station: Station, archive: Archive
) -> None:
    b1, b2, b3 = archive.b1, archive.b2, archive.b3
    assert listed(station, kinds=("log",)) == [b3, b2, b1]
    # A person by name, position or institution.
    assert listed(station, person="andi rahman") == [b1]
    assert listed(station, person="Kepala Bidang") == [b2]
    assert listed(station, person="dinas kesehatan") == [b1]
    assert listed(station, institution="dinas pertanian") == [b2]
    # A programme by its short name or the words of its title.
    assert listed(station, shows=("dialog-interaktif",)) == [b3]
    assert listed(station, shows=("Dialog Interaktif",)) == [b3]
    assert listed(station, shows=("suara petani", "kabar-pagi")) == [b2, b1]
    # Days in the station's zone, both included.
    assert listed(station, date_from=date(2026, 11, 24), kinds=("log",)) == [b3, b2]
    assert listed(station, date_to=date(2026, 11, 25), kinds=("log",)) == [b2, b1]
    assert listed(station, kinds=("complaint",)) == [b2, b1]
    # The agency a call was passed to, and its follow-up status.
    assert listed(station, agency="RSUD") == [b1]
    assert listed(station, agency="dinas") == [b2, b1]
    assert listed(station, followup="forwarded") == [b1]
    assert listed(station, agency="dinas pertanian", followup="forwarded") == []
    assert listed(station, has_audio=True) == [b3, b1]
    assert listed(station, access="exempt") == [b2]
    # What had not started by then is not in the archive yet; what was cancelled never is.
    with station.session() as session:
        later = h.broadcast(session, "kabar-pagi", h.MORNING + timedelta(days=9), topic="x")
        h.broadcast(session, "kabar-pagi", h.MORNING + timedelta(days=1), status="cancelled")
    assert listed(station, shows=("kabar-pagi",)) == [b1]
    with station.session() as session:
        page = search(
            session,
            station.settings,
            "",
            SearchFilters(shows=("kabar-pagi",)),
            now=h.MORNING + timedelta(days=10),
        )
    assert [hit.source_id for hit in page.hits] == [later.id, b1]


def test_pages_of_a_listing(station: Station, archive: Archive) -> None:
    first = h.find(station, "", limit=2, kinds=("log",))
    second = h.find(station, "", limit=2, offset=2, kinds=("log",))
    assert [x.source_id for x in first.hits] == [archive.b3, archive.b2] and first.has_more
    assert [x.source_id for x in second.hits] == [archive.b1] and not second.has_more
    hit = first.hits[1]
    assert hit.title == "Suara Petani Kakao" and hit.snippet == "Harga kakao dan pupuk bersubsidi"
    assert [s.name for s in hit.speakers] == ["Ir. Baso Lallo"]


def test_filters_narrow_a_search_with_words(station: Station, archive: Archive) -> None:
    assert ("complaint", archive.e2) in h.found(station, "antrean", agency="rsud")
    assert h.found(station, "antrean", agency="dinas pertanian") == []
    assert h.found(station, "wawancara", person="kepala bidang") == [("note", archive.e4)]


def test_no_words_and_no_filters_or_unknown_names_are_one_clear_error(
    station: Station, archive: Archive
) -> None:
    with pytest.raises(InputError, match="Type at least one word"):
        h.find(station, "  ")
    with pytest.raises(NotFound, match="There is no programme 'Warta Malam'"):
        h.find(station, "", shows=("Warta Malam",))
    with pytest.raises(InputError, match="--status: expected one of open, forwarded"):
        h.find(station, "", followup="lost")
    with pytest.raises(InputError, match="--agency: give a name"):
        h.find(station, "", agency="--")


def test_filters_alone_on_the_command_line(
    station: Station, archive: Archive, cli: Callable[..., CliResult]
) -> None:
    result = cli("search", "--person", "Kepala Dinas", "--status", "forwarded")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "1. broadcast · Kabar Pagi Luwu Utara · Monday, 23 November 2026 08:00 WITA",
        "   Rumah sakit daerah Andi Djemma",
        "   Who: dr. Andi Rahman, Kepala Dinas, Dinas Kesehatan",
        f"   Recording {archive.r1}.",
    ]
    page = json.loads(cli("search", "--show", "Suara Petani", "--json").out)
    assert [hit["broadcast_id"] for hit in page["hits"]] == [archive.b2]
    bad = cli("search", "--status", "lost")
    assert bad.code == 2 and "--status" in bad.err
    nothing = cli("search")
    assert nothing.code == 1 and nothing.err.strip().endswith(
        "Type at least one word to search for."
    )


def test_a_date_a_clerk_types_wrong_is_one_sentence_in_their_language(
    station: Station,
    archive: Archive,
    cli: Callable[..., CliResult],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Filters alone too: the date is read by radiodesk.timeinput, as everywhere.
    monkeypatch.setenv("RADIODESK_LANG", "id")
    result = cli("search", "--from", "2026-11-31")
    assert result.code == 1 and result.out == ""
    assert result.err.strip().splitlines() == [
        "radiodesk: kesalahan: --from: 2026-11-31 tidak ada di kalender:"
        " November 2026 hanya punya 30 hari."
    ]
