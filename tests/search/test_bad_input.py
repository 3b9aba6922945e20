"""Whatever is typed: results or one clear message, never an SQL error or a traceback."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radiodesk.errors import InputError
from radiodesk.search.query import MAX_WORDS
from tests.conftest import CliResult, Station
from tests.search import helpers as h
from tests.search.conftest import Archive

# (query, a log entry that must be among the hits, or None when any outcome but an error is
# fine). FTS5 and tsquery syntax typed by someone is taken as words and separators.
ODD_QUERIES: list[tuple[str, str | None]] = [
    ('"rumah sakit', "e1"),  # a quote left open: a phrase to the end
    ('rumah sakit"', "e1"),
    ('"rumah" "sakit', "e1"),
    ('rumah "" sakit', "e1"),
    ("rumah*sakit", "e1"),
    ("rumah * sakit", "e1"),
    ("**rumah**", "e1"),
    ("sakit:rumah", None),
    ("text:rumah", None),
    ("stems:rumah", None),
    ("^rumah", "e1"),
    ("rumah^2", None),
    ("rumah -", "e1"),
    ("rumah - sakit", "e1"),
    ("-rumah sakit", None),
    ("rumah NEAR sakit", None),
    ("NEAR(rumah sakit)", None),
    ("NEAR/3 rumah", None),
    ("rumah AND sakit", "e1"),
    ("AND rumah", "e1"),
    ("rumah AND", "e1"),
    ("rumah OR", "e1"),
    ("OR rumah", "e1"),
    ("rumah OR OR sakit", "e1"),
    ("rumah NOT", "e1"),
    ("(rumah sakit)", "e1"),
    ("((rumah) OR (sakit", "e1"),
    ("{rumah} [sakit]", "e1"),
    ("rumah' OR '1'='1", None),
    ("rumah'); DROP TABLE search_doc; --", None),
    ("rumah & sakit | !x <-> y", None),
    ("rumah:* & sakit:A", None),
    ("rumah % _ \\ sakit", "e1"),
    ("rumah\x00sakit", "e1"),
    ("rumah\u200bsakit\ufeff", None),
    ("rumah 🏥 sakit", "e1"),
    ("rumah\tsakit\n", "e1"),
    ("«rumah sakit»", "e1"),
    ("+rumah +sakit", "e1"),
    ("~rumah", "e1"),
    ("rumah sakit " * 1000, "e1"),  # 12,000 characters, 2 words repeated
]

NOTHING_TO_SEARCH = ["", "   ", '"', '""', "*", ":", "-", "^", "()", "AND", "OR", "NOT", "- * :"]


def test_odd_queries_give_results_not_errors(station: Station, archive: Archive) -> None:
    # One station for all of them: a fixture per query would make this slow, not stronger.
    for query, expected in ODD_QUERIES:
        page = h.find(station, query)
        if expected is not None:
            segments = {x.source_id for x in page.hits if x.kind == "segment"}
            assert getattr(archive, expected) in segments, query


def test_a_query_with_nothing_to_search_says_so(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    for query in NOTHING_TO_SEARCH:
        with pytest.raises(InputError, match="Type at least one word"):
            h.find(station, query)
        result = cli("search", "--", query)
        assert result.code == 1, query
        assert result.err == "radiodesk: error: Type at least one word to search for.\n"


def test_only_left_out_words_says_what_is_missing(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    with pytest.raises(InputError, match="Say what to look for"):
        h.find(station, "-banjir -longsor")
    result = cli("search", "--", "-banjir")
    assert result.code == 1 and "Say what to look for" in result.err


def test_a_very_long_query_is_cut_to_the_first_words(station: Station, archive: Archive) -> None:
    words = [f"kata{i}" for i in range(2000)]
    long_query = "diwawancarai " + " ".join(words)
    assert len(long_query) > 10_000
    page = h.find(station, long_query)
    # No entry has every word: those with some of them (diwawancarai) are shown, and said so.
    logged = {x.source_id for x in page.hits if x.kind in ("segment", "note")}
    assert logged == {archive.e1, archive.e4, archive.e6}
    assert page.notice == (
        f"Only the first {MAX_WORDS} words of the query were used."
        " Nothing has every word: showing what has some of them."
    )
    # One enormous word is just a word nobody said.
    assert h.find(station, "a" * 10_000).hits == ()
    # Many repeats of real words still find them.
    repeated = h.find(station, "wawancara " * 2000)
    assert archive.e1 in {x.source_id for x in repeated.hits}


def test_bad_input_on_the_command_line_is_one_line(
    station: Station, archive: Archive, cli: Callable[..., CliResult]
) -> None:
    for query, _expected in ODD_QUERIES[:-1]:
        result = cli("search", "--", query)
        assert result.code == 0, (query, result.err)
        assert result.err == ""
    # Dates are read as everywhere else (radiodesk.timeinput): a bad one is one line, exit 1.
    bad_date = cli("search", "rumah", "--from", "31-11-2026")
    assert bad_date.code == 1 and bad_date.err.strip().splitlines() == [
        "radiodesk: error: --from: 31-11-2026 is not in the calendar: November 2026 has 30 days."
    ]
    unknown = cli("search", "rumah", "--show", "tidak-ada")
    assert unknown.code == 1
    assert unknown.err.strip().splitlines() == [
        "radiodesk: error: There is no programme 'tidak-ada' (see 'radiodesk shows list')."
    ]


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    query=st.one_of(
        st.text(max_size=80),
        st.lists(
            st.sampled_from(
                [
                    '"',
                    "*",
                    ":",
                    "-",
                    "^",
                    "(",
                    ")",
                    "NEAR",
                    "AND",
                    "OR",
                    "NOT",
                    " ",
                    "rumah",
                    "sakit",
                    "x",
                    "'",
                    "\\",
                    "{",
                    "}",
                    "+",
                    "~",
                    "|",
                    "&",
                    "!",
                    "<->",
                    "«",
                ]
            ),
            max_size=20,
        ).map("".join),
    )
)
def test_random_text_never_raises_anything_but_input_error(
    station: Station, archive: Archive, query: str
) -> None:
    try:
        page = h.find(station, query)
    except InputError:
        return
    assert len(page.hits) <= 20
    for hit in page.hits:
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)
