"""The station's agency list: one file, one loader, used by the follow-up services and the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from radiodesk.agencies import load_agencies
from radiodesk.config import SETTINGS_FILE
from radiodesk.errors import ConfigError
from radiodesk.interviews import add_entry, followup_detail, list_followups, set_followup
from tests.conftest import REPO, CliResult, Station
from tests.interviews.conftest import NOW, MakeBroadcast

LIST = """
[[agency]]
name = "Dinas PUPR"
full_name = "Dinas Pekerjaan Umum dan Penataan Ruang"
aliases = ["PU", "Dinas PU"]

[[agency]]
name = "Dinkes"
full_name = "Dinas Kesehatan"
aliases = ["Puskesmas"]
"""


def write_list(home: Path, text: str = LIST) -> None:
    """The list at the end of the home's settings file (made when there is none)."""
    with (home / SETTINGS_FILE).open("a", encoding="utf-8") as settings:
        settings.write("\n" + text)


def test_any_name_finds_the_agency_and_free_text_stays(tmp_path: Path) -> None:
    write_list(tmp_path)
    agencies = load_agencies(tmp_path)
    assert agencies.canonical("dinas p.u.") == "Dinas PUPR"
    assert agencies.canonical("Dinas Pekerjaan Umum dan Penataan Ruang") == "Dinas PUPR"
    assert agencies.canonical("  Kantor   Camat Seko ") == "Kantor Camat Seko"
    assert agencies.names_for("pekerjaan umum")[0] == "Dinas PUPR"
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in agencies.names_for("pu")
    assert agencies.names_for("seko") == ()
    assert agencies.matches("Dinas PU", "pekerjaan umum")
    assert agencies.matches("Dinkes", "kesehatan")
    assert not agencies.matches("Dinkes", "pekerjaan umum")
    assert agencies.suggestions("Kantor Camat Seko", "PU")[-1] == "Kantor Camat Seko"
    # A home without the file has no list; nothing is refused.
    assert load_agencies(tmp_path / "elsewhere").agencies == ()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("[[agency]]\nfull_name = 'Dinas Kesehatan'\n", "agency 1 has no name"),
        ("agency = 'Dinkes'\n", "[[agency]]"),
        ("[[agency]]\nname = 'Dinkes'\naliases = 'Puskesmas'\n", "aliases must be a list"),
        ("[[agency]\nname = 'x'\n", "not valid TOML"),
    ],
)
def test_a_mistake_in_the_list_is_one_line_naming_the_file(
    tmp_path: Path, text: str, says: str
) -> None:
    write_list(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_agencies(tmp_path)
    assert says in str(caught.value) and SETTINGS_FILE in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_demo_station_lists_luwu_utara_agencies() -> None:
    agencies = load_agencies(REPO)
    assert len(agencies.agencies) >= 10
    for typed, short in [
        ("PU", "Dinas PUPR"),
        ("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR"),
        ("Kominfo", "Diskominfo"),
        ("Dinas Kesehatan", "Dinkes"),
        ("RSUD", "RSUD Andi Djemma"),
    ]:
        assert agencies.canonical(typed) == short


def test_services_store_the_short_name_and_find_by_any_name(
    station: Station, make_broadcast: MakeBroadcast
) -> None:
    write_list(station.home)
    agencies = load_agencies(station.home)
    start = NOW - timedelta(minutes=30)
    b = make_broadcast(start)
    with station.session() as session:
        ids = [
            add_entry(session, b, text, "complaint", now=NOW, agency=agency, agencies=agencies).id
            for text, agency in (
                ("Jembatan Sabbang rusak", "PU"),
                ("Jalan Rampi putus", "Dinas PUPR"),
                ("Puskesmas tutup", "puskesmas"),
                ("Lampu jalan mati", None),
            )
        ]
        # Stored before the list existed, under another name: still grouped and found.
        ids.append(
            add_entry(session, b, "Drainase tersumbat", "complaint", now=NOW, agency="Dinas PU").id
        )
    with station.session() as session:
        groups = list_followups(session, agencies=agencies)
        assert [(g.agency, len(g.items)) for g in groups] == [
            ("Dinas PUPR", 3),
            ("Dinkes", 1),
            ("", 1),
        ]
        found = list_followups(session, agency="pekerjaan umum", agencies=agencies)
        assert [len(g.items) for g in found] == [3]
        # Without the list only the text typed is matched: what the issue saw.
        assert list_followups(session, agency="pekerjaan umum") == []
        item = set_followup(
            session, ids[3], "forwarded", now=NOW, agency="dinas p.u.", agencies=agencies
        )
        assert item.agency == "Dinas PUPR"
        set_followup(session, ids[3], "answered", now=NOW, answer="Diganti pekan ini", author="ina")
    with station.session() as session:
        detail = followup_detail(session, ids[3])
    assert (detail.item.agency, detail.item.answer, detail.item.status) == (
        "Dinas PUPR",
        "Diganti pekan ini",
        "answered",
    )
    assert [(r.author, r.old_followup_status) for r in detail.revisions] == [
        ("", "open"),
        ("ina", "forwarded"),
    ]


def test_cli_follow_ups_use_the_station_list(
    station: Station, make_broadcast: MakeBroadcast, cli: Callable[..., CliResult]
) -> None:
    write_list(station.home)
    b = make_broadcast(NOW - timedelta(minutes=30))
    added = cli(
        "log", str(b), "Jembatan gantung Sabbang rusak", "--kind", "complaint",
        "--from", "Sabbang", "--agency", "PU", "--json",
    )  # fmt: skip
    assert added.code == 0, added.err
    entry = json.loads(added.out)
    assert entry["agency"] == "Dinas PUPR"
    listed = cli("followups", "--agency", "pekerjaan umum")
    assert listed.code == 0 and "Jembatan gantung Sabbang rusak" in listed.out
    answered = cli(
        "followups", "set", str(entry["id"]), "answered", "--answer", "Dicek Senin",
        "--author", "ina",
    )  # fmt: skip
    assert answered.code == 0, answered.err
    shown = cli("followups", "show", str(entry["id"]))
    assert shown.code == 0, shown.err
    for part in ("Sabbang", "Dinas PUPR", "Dicek Senin", "ina"):
        assert part in shown.out
    agencies = cli("followups", "agencies")
    assert "Dinas Pekerjaan Umum dan Penataan Ruang" in agencies.out and "PU" in agencies.out
    write_list(station.home, "[[agency]]\nfull_name = 'x'\n")
    broken = cli("followups")
    assert broken.code != 0 and SETTINGS_FILE in broken.err and "has no name" in broken.err
    assert "Traceback" not in broken.err
