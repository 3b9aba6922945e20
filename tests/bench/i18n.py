"""Benchmark: what the operator's language costs at start-up and per text shown.

    python tests/bench/i18n.py

Prints, for the Indonesian catalog: loading the compiled .mo, against compiling the .po in
memory (what a checkout without .mo does); one `_()` lookup, against a plain dict lookup;
and one `format_datetime` ("Senin, 23 November 2026 08.00 WITA"), against `strftime` of
the same instant. Goals: the catalog loads in under 20 ms and a full week grid (7 × 30
airings, one date and two times each) is formatted in under 50 ms.
"""

from __future__ import annotations

import gettext
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from babel.messages.mofile import write_mo  # noqa: E402

from radiodesk import i18n  # noqa: E402
from radiodesk.locale import catalogs  # noqa: E402

LOAD_GOAL_MS = 20.0
GRID_GOAL_MS = 50.0
ZONE = "Asia/Makassar"


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The median of ``runs`` timings of ``work``, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    po = catalogs.po_path("id")
    catalog = catalogs.read_catalog("id")
    msgids = [m.id for m in catalog if m.id and isinstance(m.id, str)]
    with tempfile.TemporaryDirectory() as tmp:
        mo = Path(tmp) / "radiodesk.mo"
        with mo.open("wb") as fh:
            write_mo(fh, catalog)

        def load_mo() -> object:
            with mo.open("rb") as fh:
                return gettext.GNUTranslations(fh)

        mo_s = best_of(20, load_mo)
    po_s = best_of(5, lambda: i18n._compile_in_memory(po, "id"))
    print(f"catalog: {len(msgids)} msgids")
    print(
        f"load id catalog: .mo {mo_s * 1000:.2f} ms, .po compiled in memory {po_s * 1000:.1f} ms"
        f" (x{po_s / mo_s:.0f})"
    )

    i18n.set_language("id")
    table = {m: m for m in msgids}
    rounds = 20
    lookups = len(msgids) * rounds
    t_gettext = best_of(5, lambda: [i18n._(m) for _ in range(rounds) for m in msgids])
    t_dict = best_of(5, lambda: [table.get(m, m) for _ in range(rounds) for m in msgids])
    print(
        f"_() lookup: {t_gettext / lookups * 1e9:.0f} ns, dict lookup {t_dict / lookups * 1e9:.0f}"
        f" ns (x{t_gettext / t_dict:.1f})"
    )

    monday = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)
    instants = [monday + timedelta(minutes=48 * i) for i in range(210)]
    zone = ZoneInfo(ZONE)

    def grid() -> object:
        return [
            (
                i18n.format_date(t.astimezone(zone).date()),
                i18n.format_time(t, ZONE),
                i18n.format_time(t + timedelta(minutes=30), ZONE),
            )
            for t in instants
        ]

    def grid_strftime() -> object:
        return [
            (
                t.astimezone(zone).strftime("%A, %d %B %Y"),
                t.astimezone(zone).strftime("%H:%M"),
                (t + timedelta(minutes=30)).astimezone(zone).strftime("%H:%M"),
            )
            for t in instants
        ]

    t_grid = best_of(7, grid)
    t_strftime = best_of(7, grid_strftime)
    one = best_of(7, lambda: [i18n.format_datetime(t, ZONE) for t in instants]) / len(instants)
    print(f"format_datetime: {one * 1e6:.0f} µs each ({i18n.format_datetime(monday, ZONE)})")
    print(
        f"week grid (210 airings): {t_grid * 1000:.1f} ms, strftime {t_strftime * 1000:.1f} ms"
        f" (x{t_grid / t_strftime:.0f})"
    )
    ok = mo_s * 1000 < LOAD_GOAL_MS and t_grid * 1000 < GRID_GOAL_MS
    print(
        f"goals: load < {LOAD_GOAL_MS:.0f} ms, grid < {GRID_GOAL_MS:.0f} ms: "
        + ("met" if ok else "NOT met")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
