"""Relevance, measured: the judged query set (tests/search/judged.py) on both databases."""

from __future__ import annotations

from tests.conftest import Station
from tests.search import judged

# Measured on this set; a change to ranking may raise these, never lower them.
SUCCESS_AT_3 = 0.58
MRR_AT_10 = 0.57


def test_judged_queries_find_what_the_clerk_means(station: Station) -> None:
    known = judged.fill(station.settings, station.session)
    figures = judged.measure(station.settings, station.session, known)
    missed = ", ".join(f"{o.query!r}: {o.rank}" for o in figures.misses)
    assert len(judged.QUERIES) >= 60
    assert all(o.relevant for o in figures.outcomes), "every query has something to find"
    assert figures.success_at_3 >= SUCCESS_AT_3, missed
    assert figures.mrr_at_10 >= MRR_AT_10, missed
