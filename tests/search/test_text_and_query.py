"""Folding, stemming, the query language and transcripts, without a station."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, create_engine

from radiodesk.errors import InputError
from radiodesk.search import schema
from radiodesk.search.index import tsvector_text
from radiodesk.search.query import MAX_WORDS, parse, to_fts5, to_tsquery
from radiodesk.search.snippets import highlight, mark
from radiodesk.search.tags import either
from radiodesk.search.text import analyse, fold, stem, word_spans, words
from radiodesk.search.transcripts import parse_cues


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("diwawancarai", "wawancara"),
        ("mewawancarai", "wawancara"),
        ("pelayanan", "layan"),
        ("layanan", "layan"),
        ("kesehatan", "sehat"),
        ("mengeluhkan", "keluh"),
        ("pertanian", "tani"),
        ("masamba", "masamba"),
        ("2026", "2026"),
        ("ab", "ab"),
    ],
)
def test_indonesian_stems(word: str, root: str) -> None:
    assert stem(word) == root


def test_folding_and_words() -> None:
    assert fold("RÚMAH Sákit Ǆ") == "rumah sakit dz"
    assert words("Dinas PU-PR: jalan_rusak, Café!") == [
        "dinas",
        "pu",
        "pr",
        "jalan",
        "rusak",
        "cafe",
    ]
    # A decomposed accent is folded the same way as a composed one.
    assert words("Cafe\u0301") == words("Café") == ["cafe"]
    assert analyse("Kepala dinas diwawancarai soal Pelayanan") == (
        "kepala dinas wawancara soal layan",
        "diwawancarai pelayanan",
    )


def test_word_spans_point_into_the_written_text() -> None:
    text = "Warga ½ mengeluhkan «JALAN»"
    spans = list(word_spans(text))
    assert [(text[a:b], w) for a, b, w in spans] == [
        ("Warga", ["warga"]),
        ("½", ["1", "2"]),
        ("mengeluhkan", ["mengeluhkan"]),
        ("JALAN", ["jalan"]),
    ]


def test_the_query_language() -> None:
    cases = {
        "rumah sakit": ('"rumah" AND "sakit"', "'rumah' & 'sakit'"),
        '"rumah sakit daerah"': ('"rumah sakit daerah"', "('rumah' <-> 'sakit' <-> 'daerah')"),
        "Pelay*": ('"pelay" *', "'pelay':*"),
        '"rumah sak"*': ('"rumah sak" *', "('rumah' <-> 'sak':*)"),
        "banjir OR longsor Seko": (
            '("banjir" OR "longsor") AND "seko"',
            "('banjir' | 'longsor') & 'seko'",
        ),
        "diwawancarai -bupati": ('("wawancara") NOT ("bupati")', "('wawancara') & !('bupati')"),
        'NOT "jalan rusak" Sabbang': (
            '("sabbang") NOT ("jalan rusak")',
            "('sabbang') & !(('jalan' <-> 'rusak'))",
        ),
        "covid-19": ('"covid 19"', "('covid' <-> '19')"),
        "NEAR(a b) x:y": ('"near a" AND "b" AND "x y"', "('near' <-> 'a') & 'b' & ('x' <-> 'y')"),
    }
    for typed, (fts5, tsquery) in cases.items():
        parsed = parse(typed)
        assert (to_fts5(parsed), to_tsquery(parsed)) == (fts5, tsquery), typed


def test_queries_are_cut_to_the_first_words() -> None:
    parsed = parse(" ".join(f"w{i}" for i in range(500)))
    assert parsed.truncated and len(parsed.terms) == MAX_WORDS
    assert not parse("satu dua tiga").truncated
    # The same word many times is one term.
    assert len(parse("banjir " * 500).terms) == 1


def test_empty_queries_are_refused() -> None:
    for query in ("", " ", '"', "*", "-", "OR AND NOT", "()"):
        with pytest.raises(InputError):
            parse(query)


_SAFE_FTS5 = re.compile(r'^[\w "*()]*$')


@pytest.fixture(scope="module")
def fts5() -> Iterator[Connection]:
    """The index tables, as radiodesk creates them, in an in-memory SQLite database."""
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        schema.create_tables(conn)
        conn.exec_driver_sql(
            "INSERT INTO search_fts (rowid, stems, words, tags)"
            " VALUES (1, 'rumah sakit', 'diwawancarai', '_knote _s1')"
        )
        yield conn


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=120))
def test_any_text_becomes_a_valid_fts5_expression_or_input_error(
    fts5: Connection, query: str
) -> None:
    try:
        parsed = parse(query)
    except InputError:
        return
    expression = to_fts5(parsed)
    assert _SAFE_FTS5.match(expression.replace("AND", "").replace("OR", "").replace("NOT", ""))
    filtered = " AND ".join(
        [f"({expression})", either(["_knote", "_klistener"]), either(["_s1", "_b3", "_y2026"])]
    )
    for match in (expression, filtered):
        fts5.exec_driver_sql("SELECT rowid FROM search_fts WHERE search_fts MATCH ?", (match,))
    # tsquery: quoted lexemes of letters and digits, and operators; nothing else.
    operators = re.sub(r"'[^\W_]+'", "", to_tsquery(parsed))
    assert re.fullmatch(r"[ ()&|!<\->:*]*", operators), operators


def test_snippets_mark_the_words_that_matched() -> None:
    text = "Pembukaan. " + "Laporan cuaca hari ini cerah berawan. " * 6 + "Warga diwawancarai."
    snippet, spans = highlight(text, parse("wawancara"))
    assert snippet.startswith("…") and snippet.endswith("diwawancarai.")
    assert mark(snippet, spans).endswith("Warga [diwawancarai].")
    snippet, spans = highlight("Layanan dan pelayanan", parse("layan*"))
    assert mark(snippet, spans) == "[Layanan] dan [pelayanan]"


def test_tsvector_text_quotes_lexemes_and_weights_them() -> None:
    assert (
        tsvector_text("rumah sakit rumah", "rumahnya") == "'rumah':1A,3A 'sakit':2A 'rumahnya':6B"
    )


def test_transcripts_webvtt_and_subrip() -> None:
    vtt = (
        "WEBVTT\n\nSTYLE\n::cue { color: red }\n\nNOTE a note\n\n"
        "intro\n00:01.500 --> 00:03.000 align:start\n<v Ana>Halo <i>semua</i>\n\n"
        "01:02:03.040 --> 01:02:05.000\n- Terima kasih &amp; sampai jumpa\n"
    )
    assert [(c.start, c.end, c.text) for c in parse_cues(vtt)] == [
        (1.5, 3.0, "Halo semua"),
        (3723.04, 3725.0, "Terima kasih & sampai jumpa"),
    ]
    srt = "1\r\n00:00:10,250 --> 00:00:12,000\r\nBanjir rob\r\nmenggenangi jalan\r\n\r\n2\r\n"
    assert [(c.start, c.text) for c in parse_cues(srt)] == [(10.25, "Banjir rob menggenangi jalan")]
