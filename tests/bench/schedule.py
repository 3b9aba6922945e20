"""Benchmark: expand one year of 40 generated programmes and find every overlapping pair.

    python tests/bench/schedule.py

Prints the time of radiodesk's expansion (python-dateutil rrule, zone conversion) plus the
conflict sweep, against two baselines run here on the same rules: a bare rrule expansion
(no zone, no conflicts) and a plain day-by-day walk over the calendar. The walk also checks
that both find the very same airings. Goal: at most 100 ms.
"""

from __future__ import annotations

import calendar
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from radiodesk.schedule.conflicts import overlapping_pairs  # noqa: E402
from radiodesk.schedule.plan import SlotRule, expand_all, recurrence  # noqa: E402
from radiodesk.shows import WEEKDAYS  # noqa: E402

GOAL_MS = 100.0
PROGRAMMES = 40
ZONE = ZoneInfo("Asia/Makassar")
YEAR_START = datetime(2027, 1, 1, tzinfo=ZONE).astimezone(UTC)
YEAR_END = datetime(2028, 1, 1, tzinfo=ZONE).astimezone(UTC)


def generate(seed: int = 40) -> list[SlotRule]:
    """40 programmes like a regency station's: daily magazines, weekly shows, fortnightly
    and monthly ones, at quarter hours, some running past midnight."""
    rng = random.Random(seed)
    rules = []
    for i in range(PROGRAMMES):
        kind = i % 4
        if kind == 0:
            days = tuple(WEEKDAYS[:5])
        else:
            days = tuple(sorted(rng.sample(WEEKDAYS, rng.randint(1, 3)), key=WEEKDAYS.index))
        rules.append(
            SlotRule(
                weekdays=days,
                start_time=clock(rng.randrange(0, 24), rng.choice((0, 15, 30, 45))),
                duration_minutes=rng.choice((30, 45, 60, 90, 120)),
                valid_from=date(2026, 1, 1) + timedelta(days=rng.randrange(0, 60)),
                valid_until=date(2027, 12, 31) if i % 5 else date(2027, 9, 30),
                interval=2 if kind == 2 else 1,
                monthly_nth=rng.choice((1, 2, -1)) if kind == 3 else None,
            )
        )
    return rules


def radiodesk_year(rules: list[SlotRule]) -> tuple[int, int]:
    airings = expand_all(rules, ZONE, YEAR_START, YEAR_END)
    pairs = overlapping_pairs(airings)
    return len(airings), len(pairs)


def bare_rrule_year(rules: list[SlotRule]) -> tuple[int, int]:
    start = YEAR_START.astimezone(ZONE).replace(tzinfo=None) - timedelta(days=1)
    end = YEAR_END.astimezone(ZONE).replace(tzinfo=None)
    return sum(len(recurrence(r).between(start, end, inc=True)) for r in rules), 0


def day_by_day(rules: list[SlotRule]) -> list[tuple[datetime, datetime, int]]:
    """The obvious loop: every day of the year, every programme, every condition."""
    found = []
    first_day = YEAR_START.astimezone(ZONE).date() - timedelta(days=1)
    last_day = YEAR_END.astimezone(ZONE).date()
    for index, rule in enumerate(rules):
        codes = {WEEKDAYS.index(d) for d in rule.weekdays}
        week0 = rule.valid_from - timedelta(days=rule.valid_from.weekday())
        day = first_day
        while day <= last_day:
            ok = day.weekday() in codes and day >= rule.valid_from
            ok = ok and (rule.valid_until is None or day <= rule.valid_until)
            if ok and rule.interval > 1:
                ok = ((day - timedelta(days=day.weekday()) - week0).days // 7) % rule.interval == 0
            if ok and rule.monthly_nth is not None:
                length = calendar.monthrange(day.year, day.month)[1]
                nth = rule.monthly_nth
                ok = (day.day - 1) // 7 + 1 == nth if nth > 0 else day.day + 7 > length
            if ok:
                begin = datetime.combine(day, rule.start_time, tzinfo=ZONE).astimezone(UTC)
                end = begin + timedelta(minutes=rule.duration_minutes)
                if end > YEAR_START and begin < YEAR_END:
                    found.append((begin, end, index))
            day += timedelta(days=1)
    return found


def day_by_day_year(rules: list[SlotRule]) -> tuple[int, int]:
    airings = day_by_day(rules)
    return len(airings), len(overlapping_pairs(airings))


def timed(func: Callable[[list[SlotRule]], tuple[int, int]], rules: list[SlotRule]) -> float:
    """Median of seven runs, in milliseconds."""
    runs = []
    for _ in range(7):
        began = time.perf_counter()
        func(rules)
        runs.append((time.perf_counter() - began) * 1000)
    return statistics.median(runs)


def main() -> int:
    rules = generate()
    ours = sorted(expand_all(rules, ZONE, YEAR_START, YEAR_END))
    walk = sorted(day_by_day(rules))
    if ours != walk:
        print("MISMATCH: rrule expansion and day-by-day walk disagree", file=sys.stderr)
        return 1
    airings, pairs = radiodesk_year(rules)
    radiodesk_ms = timed(radiodesk_year, rules)
    bare_ms = timed(bare_rrule_year, rules)
    walk_ms = timed(day_by_day_year, rules)
    print(f"{PROGRAMMES} programmes, one year: {airings} airings, {pairs} overlapping pairs")
    print(f"radiodesk expansion + conflicts: {radiodesk_ms:7.1f} ms   (goal <= {GOAL_MS:.0f} ms)")
    print(
        f"bare rrule expansion:            {bare_ms:7.1f} ms   ratio {radiodesk_ms / bare_ms:.2f}x"
    )
    print(
        f"day-by-day walk + conflicts:     {walk_ms:7.1f} ms   ratio {radiodesk_ms / walk_ms:.2f}x"
    )
    met = radiodesk_ms <= GOAL_MS
    print("goal met" if met else "GOAL NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
