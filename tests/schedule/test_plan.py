"""Slots into airings: each rule, midnight and DST edges, idempotence, and slot edits that
never touch the past."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from radiodesk.models import Broadcast, BroadcastChange, LogEntry
from radiodesk.schedule import cancel_airing, move_airing, plan_airings
from radiodesk.shows import sync_shows
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW, airings, programme, snapshot

WITA = ZoneInfo("Asia/Makassar")
BERLIN = ZoneInfo("Europe/Berlin")


def days_between(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def naive_expected(
    weekdays: set[int],
    start: time,
    minutes: int,
    valid_from: date,
    keep: Callable[[date], bool],
    zone: ZoneInfo = WITA,
    now: datetime = NOW,
    weeks: int = 8,
    until: date | None = None,
) -> list[datetime]:
    """The airings a plain day-by-day walk finds: the oracle for the rrule expansion."""
    horizon = now + timedelta(weeks=weeks)
    found = []
    for day in days_between(valid_from, (horizon + timedelta(days=2)).date()):
        if day.weekday() not in weekdays or not keep(day) or (until and day > until):
            continue
        begin = datetime.combine(day, start, tzinfo=zone).astimezone(UTC)
        if begin + timedelta(minutes=minutes) > now and begin < horizon:
            found.append(begin)
    return found


def last_week_of_month(day: date) -> bool:
    return day.day + 7 > calendar.monthrange(day.year, day.month)[1]


RULES = [
    ("kabar-pagi", {0, 1, 2, 3, 4}, time(6), 60, date(2026, 1, 5), lambda d: True),
    (
        "suara-petani",  # every other Wednesday, counted from its first one
        {2},
        time(16),
        60,
        date(2026, 1, 7),
        lambda d: (d - date(2026, 1, 7)).days % 14 == 0,
    ),
    ("rapat-paripurna", {0}, time(13), 60, date(2026, 1, 5), lambda d: d.day <= 7),
    ("tembang-kenangan", {5, 6}, time(20), 120, date(2026, 1, 3), lambda d: True),
]


def test_each_rule_plans_the_airings_a_day_by_day_walk_finds(station: Station) -> None:
    for slug, weekdays, start, minutes, first, keep in RULES:
        rows = airings(station, slug)
        expected = naive_expected(weekdays, start, minutes, first, keep)
        assert expected, "the oracle found nothing: the test would prove nothing"
        assert [b.planned_start for b in rows] == expected, slug
        assert all(b.occurrence == b.planned_start for b in rows)
        assert all(b.planned_end - b.planned_start == timedelta(minutes=minutes) for b in rows)
        assert all(b.status == "planned" and not b.special for b in rows)


def add_files(station: Station, files: dict[str, str]) -> None:
    for name, text in files.items():
        (station.home / "shows" / name).write_text(text, encoding="utf-8")
    with station.session() as session:
        sync_shows(session, station.settings)


def test_last_weekday_of_the_month_and_until(station: Station) -> None:
    add_files(
        station,
        {
            "laporan-akhir-bulan.toml": programme(
                "Laporan Akhir Bulan",
                'days = ["FR"]\nstart = "14:00"\nduration = 30\nfrom = 2026-01-02\nnth = -1',
            ),
            "pekan-kesehatan.toml": programme(
                "Pekan Kesehatan",
                'days = ["MO", "TH"]\nstart = "15:00"\nduration = 30\nfrom = 2026-11-01\n'
                "until = 2026-12-10",
            ),
        },
    )
    last_fridays = airings(station, "laporan-akhir-bulan")
    assert [b.planned_start for b in last_fridays] == naive_expected(
        {4}, time(14), 30, date(2026, 1, 2), last_week_of_month
    )
    assert [b.planned_start.astimezone(WITA).date() for b in last_fridays] == [
        date(2026, 11, 27),
        date(2026, 12, 25),
    ]
    health = airings(station, "pekan-kesehatan")
    assert [b.planned_start for b in health] == naive_expected(
        {0, 3}, time(15), 30, date(2026, 11, 1), lambda d: True, until=date(2026, 12, 10)
    )
    assert health[-1].planned_start.astimezone(WITA).date() == date(2026, 12, 10)


def test_a_programme_across_midnight_ends_the_next_day(station: Station) -> None:
    rows = airings(station, "malam-remaja")
    assert rows
    for b in rows:
        start, end = b.planned_start.astimezone(WITA), b.planned_end.astimezone(WITA)
        assert (start.weekday(), start.time()) == (5, time(23))
        assert (end.weekday(), end.time()) == (6, time(1))
        assert end - start == timedelta(hours=2)


BERLIN_NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_dst_in_berlin_spring_forward_and_fall_back(
    zone_station: Callable[..., Station],
) -> None:
    station = zone_station(
        "Europe/Berlin",
        {
            "nacht.toml": programme(
                "Nachtprogramm",
                'days = ["SU"]\nstart = "02:30"\nduration = 60\nfrom = 2026-03-01',
            ),
            "morgen.toml": programme(
                "Morgenmagazin",
                'days = ["SA", "SU"]\nstart = "06:00"\nduration = 60\nfrom = 2026-03-01',
            ),
            "lange-nacht.toml": programme(
                "Lange Nacht",
                'days = ["SA"]\nstart = "23:00"\nduration = 240\nfrom = 2026-03-01',
            ),
        },
        now=BERLIN_NOW,
    )
    with station.session() as session:
        plan_airings(session, station.settings, BERLIN_NOW, weeks=36)

    def starts(slug: str) -> dict[date, Broadcast]:
        return {b.planned_start.astimezone(BERLIN).date(): b for b in airings(station, slug)}

    night = starts("nacht")
    # 02:30 does not exist on 29 March: read with the offset before the gap (RFC 5545),
    # so the airing begins at 03:30 summer time, 01:30 UTC.
    assert night[date(2026, 3, 29)].planned_start == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert night[date(2026, 3, 29)].planned_start.astimezone(BERLIN).time() == time(3, 30)
    # 02:30 happens twice on 25 October: the first one, still summer time (00:30 UTC).
    assert night[date(2026, 10, 25)].planned_start == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    # Ordinary Sundays either side keep 02:30 local.
    assert night[date(2026, 3, 22)].planned_start == datetime(2026, 3, 22, 1, 30, tzinfo=UTC)
    assert night[date(2026, 4, 5)].planned_start == datetime(2026, 4, 5, 0, 30, tzinfo=UTC)
    assert night[date(2026, 11, 1)].planned_start == datetime(2026, 11, 1, 1, 30, tzinfo=UTC)

    morning = starts("morgen")
    for day, hour_utc in [
        (date(2026, 3, 28), 5),
        (date(2026, 3, 29), 4),
        (date(2026, 10, 24), 4),
        (date(2026, 10, 25), 5),
    ]:
        b = morning[day]
        assert b.planned_start == datetime(day.year, day.month, day.day, hour_utc, tzinfo=UTC)
        assert b.planned_start.astimezone(BERLIN).time() == time(6)

    # Duration is air time: four hours elapsed also on the night with an extra hour, so the
    # clock on the wall says 02:00 (winter time) when it ends.
    long_night = starts("lange-nacht")[date(2026, 10, 24)]
    assert long_night.planned_end - long_night.planned_start == timedelta(hours=4)
    end_local = long_night.planned_end.astimezone(BERLIN)
    assert end_local.time() == time(2) and end_local.utcoffset() == timedelta(hours=1)


def test_planning_twice_leaves_the_same_rows(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    before = snapshot(station)
    assert before
    with station.session() as session:
        report = plan_airings(session, station.settings, NOW)
    assert (report.created, report.updated, report.removed) == (0, 0, 0)
    again = cli("schedule", "plan")
    assert again.code == 0, again.err
    assert "0 added, 0 re-timed, 0 removed" in again.out
    sync = cli("shows", "sync")
    assert sync.code == 0 and "9 unchanged" in sync.out
    assert snapshot(station) == before


def test_the_horizon_rolls_forward(station: Station) -> None:
    horizon = NOW + timedelta(weeks=8)
    rows = airings(station)
    assert max(b.planned_start for b in rows) < horizon
    assert min(b.planned_end for b in rows) > NOW
    later = NOW + timedelta(weeks=1)
    with station.session() as session:
        report = plan_airings(session, station.settings, later)
    rows_after = airings(station)
    new = [b for b in rows_after if b.planned_start >= horizon]
    assert report.created == len(new) > 0
    assert max(b.planned_start for b in rows_after) < later + timedelta(weeks=8)
    # The week that went by was not touched: its rows are those of the first plan.
    first_ids = {b.id for b in rows}
    assert first_ids <= {b.id for b in rows_after}


def test_weeks_out_of_range_is_refused(station: Station, cli: Callable[..., CliResult]) -> None:
    before = snapshot(station)
    result = cli("schedule", "plan", "--weeks", "0")
    assert result.code == 1 and "weeks" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert snapshot(station) == before


def prepare_history(station: Station) -> dict[str, int]:
    """Kabar Pagi rows in several states: aired last week, one with a live log entry,
    one cancelled, one moved, and untouched ones."""
    with station.session() as session:
        plan_airings(session, station.settings, NOW, since=NOW - timedelta(weeks=1))
        rows = list(
            session.scalars(
                select(Broadcast)
                .where(Broadcast.show.has(slug="kabar-pagi"))
                .order_by(Broadcast.planned_start)
            )
        )
        past = [b for b in rows if b.planned_end <= NOW]
        future = [b for b in rows if b.planned_start > NOW]
        for b in past:
            b.status, b.actual_start, b.actual_end = "aired", b.planned_start, b.planned_end
        logged, cancelled, moved = future[1], future[2], future[3]
        session.add(
            LogEntry(broadcast=logged, at=logged.planned_start, kind="note", text="Persiapan")
        )
        session.flush()
        cancel_airing(session, station.settings, cancelled.id, "Siaran langsung", now=NOW)
        move_airing(
            session,
            station.settings,
            moved.id,
            moved.planned_start + timedelta(hours=8),
            "Tukar jadwal",
            now=NOW,
        )
        return {
            "past": past[0].id,
            "logged": logged.id,
            "cancelled": cancelled.id,
            "moved": moved.id,
            "plain": future[0].id,
        }


def edit_kabar(station: Station, old: str, new: str) -> None:
    path = station.home / "shows" / "kabar-pagi.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def state(station: Station, broadcast_id: int) -> tuple:
    with station.session() as session:
        b = session.get(Broadcast, broadcast_id)
        assert b is not None
        return (b.occurrence, b.planned_start, b.planned_end, b.status, b.actual_start)


def test_a_changed_start_time_replans_only_untouched_future_airings(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    ids = prepare_history(station)
    kept = {k: state(station, i) for k, i in ids.items() if k != "plain"}
    before_past = [
        (b.id, b.planned_start, b.status)
        for b in airings(station, "kabar-pagi")
        if b.planned_end <= NOW
    ]
    edit_kabar(station, 'start = "06:00"', 'start = "07:00"')
    result = cli("shows", "sync")
    assert result.code == 0, result.err

    for key, value in kept.items():
        assert state(station, ids[key]) == value, key
    rows = airings(station, "kabar-pagi")
    assert [(b.id, b.planned_start, b.status) for b in rows if b.planned_end <= NOW] == before_past
    # The untouched airing was re-timed in place (same id), with a 'replan' line.
    plain = state(station, ids["plain"])
    assert plain[1].astimezone(WITA).time() == time(7)
    with station.session() as session:
        change = session.scalars(
            select(BroadcastChange).where(BroadcastChange.broadcast_id == ids["plain"])
        ).one()
        assert change.action == "replan"
        assert change.old_start is not None and change.old_start.astimezone(WITA).time() == time(6)
        assert change.new_start == plain[1]
    # Every other future day airs at 07:00, once; days with a protected airing get no second.
    by_day: dict[date, list[Broadcast]] = {}
    for b in rows:
        if b.planned_start > NOW:
            by_day.setdefault((b.occurrence or b.planned_start).astimezone(WITA).date(), []).append(
                b
            )
    protected = {ids["logged"], ids["cancelled"], ids["moved"]}
    for day, day_rows in by_day.items():
        assert len(day_rows) == 1, day
        b = day_rows[0]
        if b.id not in protected:
            assert b.planned_start.astimezone(WITA).time() == time(7), day


def test_a_changed_weekday_removes_untouched_airings_and_keeps_the_rest(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    ids = prepare_history(station)
    kept = {k: state(station, i) for k, i in ids.items() if k != "plain"}
    edit_kabar(station, 'days = ["MO", "TU", "WE", "TH", "FR"]', 'days = ["MO", "WE"]')
    assert cli("shows", "sync").code == 0
    for key, value in kept.items():
        assert state(station, ids[key]) == value, key
    protected = {ids["logged"], ids["cancelled"], ids["moved"]}
    for b in airings(station, "kabar-pagi"):
        if b.planned_start > NOW and b.id not in protected:
            assert b.planned_start.astimezone(WITA).weekday() in (0, 2)
    # Plain Tuesday 24 November had no history: it is gone.
    with station.session() as session:
        assert session.get(Broadcast, ids["plain"]) is None


def test_a_longer_duration_updates_future_ends_only(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    ids = prepare_history(station)
    edit_kabar(station, "duration = 60", "duration = 90")
    assert cli("shows", "sync").code == 0
    for b in airings(station, "kabar-pagi"):
        length = b.planned_end - b.planned_start
        if b.id in (ids["past"], ids["logged"], ids["cancelled"], ids["moved"]):
            assert length == timedelta(minutes=60)
        elif b.planned_start > NOW:
            assert length == timedelta(minutes=90), b.id


def test_a_removed_slot_or_retired_show_loses_only_future_untouched_airings(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    ids = prepare_history(station)
    kept = {k: state(station, i) for k, i in ids.items() if k != "plain"}
    (station.home / "shows" / "kabar-pagi.toml").unlink()
    result = cli("shows", "sync")
    assert result.code == 0 and "1 retired" in result.out
    remaining = {b.id for b in airings(station, "kabar-pagi")}
    assert remaining >= {ids["past"], ids["logged"], ids["cancelled"], ids["moved"]}
    for key, value in kept.items():
        assert state(station, ids[key]) == value, key
    assert all(
        b.planned_end <= NOW or b.id in kept.values() or b.id in ids.values()
        for b in airings(station, "kabar-pagi")
    )
    assert ids["plain"] not in remaining
    # Other programmes are untouched.
    assert airings(station, "layanan-masyarakat")


def test_a_bad_programme_file_changes_no_airing(
    station: Station, cli: Callable[..., CliResult]
) -> None:
    before = snapshot(station)
    edit_kabar(station, 'start = "06:00"', 'start = "25:00"')
    result = cli("shows", "sync")
    assert result.code == 1
    assert "kabar-pagi.toml" in result.err and "slots[0].start" in result.err
    assert snapshot(station) == before
