"""Short forms and loanwords of local-government Indonesian, both ways, at query time."""

from __future__ import annotations

import pytest

from radiodesk.errors import ConfigError
from radiodesk.search.abbreviations import SHIPPED, expand, load
from radiodesk.search.query import parse
from tests.conftest import Station
from tests.search import helpers as h
from tests.search import judged
from tests.search.conftest import Archive


def broadcasts(station: Station, query: str) -> list[int]:
    """The broadcasts of the first ten hits, in order (a programme's own hit has none)."""
    hits = h.find(station, query, limit=10).hits
    return [hit.broadcast_id for hit in hits if hit.broadcast_id is not None]


def test_the_clerks_words_find_the_officials_words(station: Station, archive: Archive) -> None:
    # The data says "Kepala Dinas" of "Dinas Kesehatan", and "RSUD Andi Djemma".
    assert archive.b1 in broadcasts(station, "kadis kesehatan")[:1]
    assert h.found(station, "kadis kesehatan") == h.found(station, "kepala dinas kesehatan")
    found = h.found(station, "rumah sakit umum daerah")
    assert ("complaint", archive.e2) in found  # agency: RSUD Andi Djemma
    assert ("episode", archive.episode) in found  # "Pelayanan RSUD Andi Djemma"
    assert ("complaint", archive.e2) in h.found(station, "rumah sakit")
    # And the other way: the short form finds the long one.
    assert ("segment", archive.e1) in h.found(station, "RSUD")  # "pelayanan rumah sakit"


def test_abbreviations_and_loanwords_of_the_regency(station: Station) -> None:
    with station.session() as session:
        known = judged.fill_government(session)
    assert broadcasts(station, "DPRD")[0] == known["dprd"]
    assert broadcasts(station, "SKPD")[0] == known["opd"]
    assert broadcasts(station, "kabid aptika")[0] == known["command-center"]
    assert broadcasts(station, "command center")[0] == known["command-center"]  # "Centre"
    assert broadcasts(station, "kota cerdas")[0] == known["smart-city"]
    assert broadcasts(station, "smart cities")[0] == known["smart-city"]
    assert broadcasts(station, "festival luwu utara")[0] == known["festival-lutra"]
    assert broadcasts(station, "damkar")[0] == known["pemadam"]
    # Words that are no short form are left as typed.
    assert broadcasts(station, "pedagang kaki lima") == [known["camat-masamba"]]


def add_to_settings(station: Station, text: str) -> None:
    """``text`` at the end of the station's radiodesk.toml, where its own forms live."""
    with (station.home / "radiodesk.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n" + text)


def test_a_station_adds_its_own_forms(station: Station) -> None:
    with station.session() as session:
        known = judged.fill_government(session)
    assert broadcasts(station, "pkl") == []
    add_to_settings(station, '[abbreviations]\npkl = ["pedagang kaki lima"]\n')
    assert broadcasts(station, "pkl") == [known["camat-masamba"]]


def test_a_mistake_in_the_stations_file_is_one_clear_line(station: Station) -> None:
    settings = (station.home / "radiodesk.toml").read_text(encoding="utf-8")
    add_to_settings(station, "[abbreviations]\npkl = 3\n")
    with pytest.raises(ConfigError, match=r"radiodesk.toml: pkl: expected a list of words"):
        h.find(station, "pkl")
    (station.home / "radiodesk.toml").write_text(settings + "\n[abbreviations\n", "utf-8")
    with pytest.raises(ConfigError, match=r"radiodesk.toml: .*TOML"):
        h.find(station, "pkl")


def test_an_agency_is_found_by_any_of_its_names(station: Station) -> None:
    with station.session() as session:
        known = judged.fill_government(session)
    assert broadcasts(station, "kecmas") == []
    add_to_settings(
        station,
        '[[agency]]\nname = "Kantor Camat Masamba"\naliases = ["Kec. Masamba", "Kecmas"]\n',
    )
    assert broadcasts(station, "kecmas") == [known["camat-masamba"]]


def test_expansion_takes_the_longest_known_run_and_keeps_what_was_typed_first() -> None:
    equivalents = load(None)
    groups = expand(parse("kepala dinas kesehatan"), equivalents).groups
    assert [t.words for t in groups[0]] == [("kepala", "dinas"), ("kadis",)]
    assert [t.words for t in groups[1]] == [("kesehatan",)]
    # A quoted phrase, a prefix and an OR group are left alone.
    for typed in ('"rumah sakit"', "kadis*", "kadis OR kabid"):
        assert expand(parse(typed), equivalents) == parse(typed)
    # Forms sharing a word are merged: "rumah sakit" stands for RSUD.
    rumah_sakit = {t.words for t in expand(parse("rumah sakit"), equivalents).groups[0]}
    assert ("rsud",) in rumah_sakit and ("rumah", "sakit", "umum", "daerah") in rumah_sakit
    assert SHIPPED.is_file()
