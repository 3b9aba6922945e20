"""Who is on air in a broadcast, with position and institution, read in one query."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from radiodesk.interviews import add_appearance, add_person, appearances_for, guests_on_air
from tests.conftest import Station
from tests.interviews.conftest import NOW, MakeBroadcast


def test_guests_on_air_in_order_with_their_details_in_one_query(
    station: Station, make_broadcast: MakeBroadcast
) -> None:
    b = make_broadcast(NOW - timedelta(minutes=5))
    with station.session() as session:
        for name, role, position in (
            ("Caller Sabbang", "caller", ""),
            ("Andi Baso", "guest", "Kepala Diskominfo"),
            ("Nur Aisyah", "host", "Penyiar"),
            ("Hasan Basri", "guest", "Kabid"),
        ):
            pid = add_person(session, name, now=NOW, position=position, institution="Luwu Utara").id
            add_appearance(session, b, pid, now=NOW, role=role, topic=f"topik {name}")
    with station.session() as session:
        statements: list[str] = []
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        guests = guests_on_air(session, b)
        assert len([s for s in statements if s.startswith("SELECT")]) == 1
        lines = appearances_for(session, b)
    assert (
        [g.name for g in guests]
        == [a.person_name for a in lines]
        == [
            "Nur Aisyah",
            "Andi Baso",
            "Hasan Basri",
            "Caller Sabbang",
        ]
    )
    assert (guests[1].position, guests[1].institution, guests[1].topic) == (
        "Kepala Diskominfo",
        "Luwu Utara",
        "topik Andi Baso",
    )
