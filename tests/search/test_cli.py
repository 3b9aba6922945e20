"""``radiodesk search`` as staff and scripts use it."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import CliResult, Station
from tests.search.conftest import Archive


def test_text_output_answers_when_who_and_at_which_minute(
    station: Station, archive: Archive, cli: Callable[..., CliResult]
) -> None:
    result = cli("search", "diwawancarai", "--show", "kabar-pagi")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "1. segment · Kabar Pagi Luwu Utara · Monday, 23 November 2026 08:10 WITA",
        "   Kepala dinas [diwawancarai] tentang pelayanan rumah sakit",
        "   Who: dr. Andi Rahman, Kepala Dinas, Dinas Kesehatan",
        f"   Heard at 00:12:00 in recording {archive.r1}.",
    ]


def test_json_output_for_scripts(
    station: Station, archive: Archive, cli: Callable[..., CliResult]
) -> None:
    result = cli("search", "jembatan", "--json", "--has-audio", "--kind", "transcript")
    assert result.code == 0, result.err
    page = json.loads(result.out)
    assert page["has_more"] is False and page["notice"] is None
    [hit] = page["hits"]
    assert hit["kind"] == "transcript" and hit["recording_id"] == archive.r3
    assert hit["offset"] == "00:01:05" and hit["offset_seconds"] == 65.5
    assert hit["at"] == "2026-11-30T00:01:05.500000+00:00"
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end] == "Jembatan"


def test_every_filter_on_the_command_line(
    station: Station, archive: Archive, cli: Callable[..., CliResult]
) -> None:
    def ids(*args: str) -> set[int]:
        result = cli("search", "wawancara", "--json", "--kind", "log", *args)
        assert result.code == 0, result.err
        return {hit["source_id"] for hit in json.loads(result.out)["hits"]}

    assert ids() == {archive.e1, archive.e4, archive.e6}
    assert ids("--show", "suara-petani") == {archive.e4}
    assert ids("--person", "Andi Rahman") == {archive.e1}
    assert ids("--institution", "Dinas Pertanian") == {archive.e4}
    assert ids("--from", "2026-11-25") == {archive.e4, archive.e6}
    assert ids("--to", "2026-11-25") == {archive.e1, archive.e4}
    assert ids("--has-audio") == {archive.e1, archive.e6}
    assert ids("--access", "exempt") == {archive.e4}
    assert ids("--limit", "1") <= {archive.e1, archive.e4, archive.e6}
    assert len(ids("--limit", "1")) == 1
    more = cli("search", "wawancara", "--kind", "log", "--limit", "2")
    assert "More matches: add --offset 2." in more.out
    none = cli("search", "kata-yang-tidak-ada")
    assert none.code == 0 and none.out == "No matches.\n"
    wrong = cli("search", "wawancara", "--access", "secret")
    assert wrong.code == 2 and "Traceback" not in wrong.err


def test_rebuild_from_the_command_line(
    station: Station, archive: Archive, cli: Callable[..., CliResult]
) -> None:
    before = cli("search", "pelayanan", "--json").out
    result = cli("search", "--rebuild")
    assert result.code == 0, result.err
    assert result.out.startswith("Search index rebuilt: ") and " documents in " in result.out
    after = cli("search", "pelayanan", "--json").out
    strip = lambda out: [  # noqa: E731
        {k: v for k, v in hit.items() if k not in ("doc_id",)} for hit in json.loads(out)["hits"]
    ]
    assert strip(after) == strip(before)


def test_help_says_the_syntax_and_the_exit_status(cli: Callable[..., CliResult]) -> None:
    result = cli("search", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "quoted words" in text and "pelay*" in text and "OR" in text
    assert "Exit status: 0 with or without matches; 1 when the query has nothing" in text
    for option in (
        "--show",
        "--person",
        "--institution",
        "--from",
        "--to",
        "--kind",
        "--has-audio",
        "--access",
        "--limit",
        "--json",
        "--rebuild",
    ):
        assert option in text
