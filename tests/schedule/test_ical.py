"""The iCalendar file, parsed back with icalendar and expanded with dateutil: every instant
in UTC must be an airing of the database, and every airing must be in the file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from icalendar import Calendar
from sqlalchemy import select

from radiodesk.models import Broadcast
from radiodesk.schedule import cancel_airing, move_airing, plan_airings
from radiodesk.shows import sync_shows
from tests.conftest import CliResult, Station
from tests.schedule.conftest import NOW, airings, programme

WITA = ZoneInfo("Asia/Makassar")
BERLIN = ZoneInfo("Europe/Berlin")
Instances = dict[tuple[str, datetime], tuple[datetime, datetime]]


def expand(cal: Calendar, before: datetime) -> Instances:
    """Every instance starting before ``before``, keyed by (UID, recurrence instant in UTC):
    RRULE minus EXDATE, then RECURRENCE-ID overrides, plus single events not cancelled."""
    instances: Instances = {}
    overrides = []
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        start = event.decoded("DTSTART")
        length = event.decoded("DURATION")
        assert start.tzinfo is not None, "floating times would depend on the reader's zone"
        if "RECURRENCE-ID" in event:
            recurrence = event.decoded("RECURRENCE-ID").astimezone(UTC)
            overrides.append((uid, recurrence, start.astimezone(UTC), length))
            continue
        if "RRULE" in event:
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
            skipped = {d.astimezone(UTC) for d in event.exdates}
            for occurrence in rule.between(start, before, inc=True):
                instant = occurrence.astimezone(UTC)
                if instant not in skipped:
                    instances[(uid, instant)] = (instant, instant + length)
        elif str(event.get("STATUS", "")) != "CANCELLED":
            instant = start.astimezone(UTC)
            instances[(uid, instant)] = (instant, instant + length)
    for uid, recurrence, start, length in overrides:
        assert (uid, recurrence) in instances, "an override must replace an instance"
        instances[(uid, recurrence)] = (start, start + length)
    return {k: v for k, v in instances.items() if v[0] < before}


def database_airings(station: Station, before: datetime) -> list[tuple[datetime, datetime]]:
    with station.session() as session:
        return sorted(
            (b.planned_start, b.planned_end)
            for b in session.scalars(
                select(Broadcast).where(
                    Broadcast.status != "cancelled", Broadcast.planned_start < before
                )
            )
        )


def write(cli: Callable[..., CliResult], path: Path) -> Calendar:
    result = cli("schedule", "ical", str(path))
    assert result.code == 0, result.err
    return Calendar.from_ical(path.read_bytes())


def events(cal: Calendar, uid_prefix: str) -> list:
    return [e for e in cal.walk("VEVENT") if str(e["UID"]).startswith(uid_prefix)]


def test_the_feed_says_what_the_database_says(
    station: Station, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    settings = station.settings
    with station.session() as session:
        plan_airings(session, settings, NOW, since=NOW - timedelta(weeks=2))
        for b in session.scalars(select(Broadcast).where(Broadcast.planned_end <= NOW)):
            b.status, b.actual_start, b.actual_end = "aired", b.planned_start, b.planned_end
    cancelled = next(
        b for b in airings(station, "kabar-pagi") if b.planned_start.astimezone(WITA).day == 25
    )
    moved = next(b for b in airings(station, "suara-petani") if b.planned_start > NOW)
    with station.session() as session:
        cancel_airing(session, settings, cancelled.id, "Pelantikan", now=NOW)
        move_airing(
            session, settings, moved.id, moved.planned_start + timedelta(hours=2), "Tukar",
            now=NOW,
        )  # fmt: skip
    special = cli(
        "schedule", "special", "dialog-interaktif", "--start", "2026-11-30 14:00",
        "--duration", "90", "--title", "Pidato Bupati",
    )  # fmt: skip
    assert special.code == 0, special.err
    # A slot whose time changed (past airings at 20:00 stay, future ones move to 19:00),
    # a programme taken off the air, and one with an end date.
    path = station.home / "shows" / "tembang-kenangan.toml"
    path.write_text(path.read_text().replace('start = "20:00"', 'start = "19:00"'))
    (station.home / "shows" / "mimbar-jumat.toml").unlink()
    (station.home / "shows" / "pekan-kesehatan.toml").write_text(
        programme(
            "Pekan Kesehatan",
            'days = ["MO", "TH"]\nstart = "15:00"\nduration = 30\nfrom = 2026-11-01\n'
            "until = 2026-12-10",
        )
    )
    with station.session() as session:
        sync_shows(session, settings)

    cal = write(cli, tmp_path / "jadwal.ics")
    horizon = NOW + timedelta(weeks=8)
    found = expand(cal, horizon)
    assert sorted(found.values()) == database_airings(station, horizon)

    # Cancellation: an EXDATE at the occurrence, in station time.
    (kabar,) = events(cal, "kabar-pagi.")
    assert cancelled.occurrence in {d.astimezone(UTC) for d in kabar.exdates}
    assert "EXDATE;TZID=Asia/Makassar:20261125T060000" in kabar.to_ical().decode()
    # Move: an override whose RECURRENCE-ID is the occurrence.
    petani = events(cal, "suara-petani.")
    (override,) = [e for e in petani if "RECURRENCE-ID" in e]
    assert override.decoded("RECURRENCE-ID").astimezone(UTC) == moved.occurrence
    assert override.decoded("DTSTART").astimezone(UTC) == moved.planned_start + timedelta(hours=2)
    # Special: a single event.
    (pidato,) = [e for e in cal.walk("VEVENT") if str(e["SUMMARY"]) == "Pidato Bupati"]
    assert "RRULE" not in pidato
    assert pidato.decoded("DTSTART").astimezone(UTC) == datetime(2026, 11, 30, 6, tzinfo=UTC)
    # Rules: UNTIL in UTC, a retired programme's series ends with its last airing.
    (kesehatan,) = events(cal, "pekan-kesehatan.")
    until = kesehatan["RRULE"]["UNTIL"][0]
    assert until == datetime(2026, 12, 10, 7, 0, tzinfo=UTC)
    (mimbar,) = [e for e in events(cal, "mimbar-jumat.") if "RRULE" in e]
    last_mimbar = max(b.occurrence for b in airings(station, "mimbar-jumat") if b.occurrence)
    assert mimbar["RRULE"]["UNTIL"][0] == last_mimbar
    # The changed slot: its past airings at 20:00 are single events, and the 19:00 the rule
    # would claim on those days is excluded.
    (tembang,) = [e for e in events(cal, "tembang-kenangan.") if "RRULE" in e]
    past = [b for b in airings(station, "tembang-kenangan") if b.planned_end <= NOW]
    assert past and all(b.planned_start.astimezone(WITA).hour == 20 for b in past)
    singles = {
        e.decoded("DTSTART").astimezone(UTC)
        for e in cal.walk("VEVENT")
        if str(e["UID"]).startswith("broadcast-")
    }
    assert {b.planned_start for b in past} <= singles
    excluded = {d.astimezone(WITA) for d in tembang.exdates}
    assert excluded and all(d.hour == 19 and d < NOW for d in excluded)
    assert len(found) > 100
    # Every TZID is defined by a VTIMEZONE of the station's zone.
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Makassar"
    assert all(str(s["TZOFFSETTO"].to_ical()) for s in zone.walk("STANDARD"))
    assert cal.get_missing_tzids() == set()


def test_dst_instants_in_berlin_survive_the_round_trip(
    zone_station: Callable[..., Station], cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    start = datetime(2026, 3, 1, tzinfo=UTC)
    station = zone_station(
        "Europe/Berlin",
        {
            "nacht.toml": programme(
                "Nachtprogramm", 'days = ["SU"]\nstart = "02:30"\nduration = 60\nfrom = 2026-03-01'
            ),
            "morgen.toml": programme(
                "Morgen", 'days = ["SA", "SU"]\nstart = "06:00"\nduration = 60\nfrom = 2026-03-01'
            ),
        },
        now=start,
    )
    settings = station.settings
    with station.session() as session:
        plan_airings(session, settings, start, weeks=40)
    nights = {b.occurrence: b for b in airings(station, "nacht")}
    spring = nights[datetime(2026, 3, 29, 1, 30, tzinfo=UTC)]  # "02:30", read as 03:30 CEST
    autumn = nights[datetime(2026, 10, 25, 0, 30, tzinfo=UTC)]  # the first 02:30
    morning = next(
        b for b in airings(station, "morgen")
        if b.planned_start == datetime(2026, 10, 25, 5, tzinfo=UTC)
    )  # fmt: skip
    with station.session() as session:
        cancel_airing(session, settings, spring.id, "Zeitumstellung", now=start)
        move_airing(
            session, settings, autumn.id, autumn.planned_start + timedelta(hours=2), "Test",
            now=start,
        )  # fmt: skip
        move_airing(
            session, settings, morning.id, morning.planned_start + timedelta(hours=1), "Test",
            now=start,
        )  # fmt: skip

    cal = write(cli, tmp_path / "berlin.ics")
    horizon = start + timedelta(weeks=40)
    assert sorted(expand(cal, horizon).values()) == database_airings(station, horizon)

    (nacht,) = [e for e in events(cal, "nacht.") if "RRULE" in e]
    # The EXDATE is written as the rule's own wall-clock time, the one that does not exist.
    assert "20260329T023000" in nacht["EXDATE"].to_ical().decode()
    assert spring.occurrence in {d.astimezone(UTC) for d in nacht.exdates}
    (override,) = [e for e in events(cal, "nacht.") if "RECURRENCE-ID" in e]
    assert override.decoded("RECURRENCE-ID").astimezone(UTC) == autumn.occurrence
    assert override.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)

    # The VTIMEZONE alone (not the reader's own database) places every start correctly.
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert zone.walk("DAYLIGHT") and zone.walk("STANDARD")
    from_vtimezone = zone.to_tz(lookup_tzid=False)
    for event in cal.walk("VEVENT"):
        begin = event.decoded("DTSTART")
        if getattr(begin.tzinfo, "key", None) == "Europe/Berlin":
            own = begin.replace(tzinfo=from_vtimezone)
            assert own.astimezone(UTC) == begin.astimezone(UTC), event["UID"]


def test_control_characters_typed_into_titles_and_topics_stay_out(
    station: Station, cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    special = cli(
        "schedule", "special", "dialog-interaktif", "--start", "2026-11-30 14:00",
        "--duration", "60", "--title", "Pidato\x01 Bupati\x1b",
    )  # fmt: skip
    assert special.code == 0, special.err
    with station.session() as session:
        row = session.scalars(select(Broadcast).where(Broadcast.special)).one()
        row.topic = "Jalan\x0b rusak\x85"
    path = tmp_path / "jadwal.ics"
    cal = write(cli, path)
    raw = path.read_bytes().decode("utf-8")
    assert not [c for c in raw if ord(c) < 32 and c not in "\r\n\t" or 0x7F <= ord(c) <= 0x9F]
    summaries = {str(e["SUMMARY"]) for e in cal.walk("VEVENT")}
    assert any("Pidato Bupati" in s for s in summaries), summaries
    assert "Jalan rusak" in raw
