"""People: forgiving look-ups, edits, merging, consent as publishing sees it."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from radiodesk.errors import Conflict, InputError, NotFound
from radiodesk.interviews import (
    add_appearance,
    add_entry,
    add_person,
    all_guests_consented,
    appearances_for,
    edit_person,
    find_people,
    get_person,
    merge_people,
    publishable_people,
    remove_appearance,
)
from radiodesk.interviews.people import fold
from radiodesk.models import Appearance, LogEntry, Person
from tests.conftest import CliResult, Station
from tests.interviews.conftest import MakeBroadcast, counts


def test_fold_removes_case_accents_and_extra_spaces() -> None:
    assert fold("  Dinas   KESEHATAN ") == "dinas kesehatan"
    assert fold("Andi Rahmán Çakra") == "andi rahman cakra"


def test_find_forgives_case_and_accents_in_name_and_institution(
    station: Station, now: datetime
) -> None:
    with station.session() as session:
        add_person(session, "Andi Rahmán", now=now, institution="Dinas Kesehatan")
        add_person(session, "Sitti Marwah", now=now, institution="Dinas Pendidikan")
        add_person(session, "Baharuddin", now=now, institution="Dinas PUPR")
    with station.session() as session:
        assert [c.name for c in find_people(session, "andi")] == ["Andi Rahmán"]
        assert [c.name for c in find_people(session, "RAHMAN")] == ["Andi Rahmán"]
        assert [c.name for c in find_people(session, "dinas kesehatan")] == ["Andi Rahmán"]
        assert [c.name for c in find_people(session, "dinas")] == [
            "Andi Rahmán",
            "Baharuddin",
            "Sitti Marwah",
        ]
        # Words may come from name and institution; every word must match.
        assert [c.name for c in find_people(session, "sitti pendidikan")] == ["Sitti Marwah"]
        assert find_people(session, "sitti kesehatan") == []
        # LIKE wildcards typed by an operator are plain characters.
        assert find_people(session, "%") == []
        assert len(find_people(session, "")) == 3


def test_edit_keeps_folded_columns_in_step_and_stamps_consent(
    station: Station, now: datetime
) -> None:
    with station.session() as session:
        person_id = add_person(session, "Andi", now=now, institution="Dinkes").id
    later = now + timedelta(hours=1)
    with station.session() as session:
        card = edit_person(
            session,
            person_id,
            now=later,
            name="Andi Ëffendi",
            institution="Dinas Kesehatan",
            consent="given",
        )
        assert card.consent == "given" and card.consent_at == later
    with station.session() as session:
        row = session.get(Person, person_id)
        assert row is not None
        assert (row.name_folded, row.institution_folded) == ("andi effendi", "dinas kesehatan")
        assert [c.id for c in find_people(session, "effendi kesehatan")] == [person_id]
        assert find_people(session, "dinkes") == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "   "}, "needs a name"),
        ({"name": "X", "consent": "maybe"}, "expected one of unknown, given, refused"),
        ({"name": "X", "email": "not-an-address"}, "not an e-mail address"),
        ({"name": "X" * 201}, "at most 200"),
    ],
)
def test_bad_person_input_writes_nothing(
    station: Station, now: datetime, kwargs: dict[str, str], message: str
) -> None:
    before = counts(station)
    with pytest.raises(InputError) as err, station.session() as session:
        add_person(session, now=now, **kwargs)  # type: ignore[arg-type]
    assert message in str(err.value)
    assert counts(station) == before


def test_merge_moves_every_appearance_and_hides_the_other_record(
    station: Station, now: datetime, make_broadcast: MakeBroadcast
) -> None:
    b1 = make_broadcast(now - timedelta(days=7), status="aired")
    b2 = make_broadcast(now - timedelta(days=3), status="aired")
    b3 = make_broadcast(now - timedelta(days=1), status="aired")
    with station.session() as session:
        keep = add_person(session, "Baharuddin Tandiarrang", now=now, consent="given").id
        other = add_person(
            session,
            "Baharudin Tandiarang",
            now=now,
            position="Kepala Dinas PUPR",
            phone="0812-1",
            consent="refused",
        ).id
        add_appearance(session, b1, keep, now=now, topic="Jalan Seko")
        # Both records in broadcast 2 as guest: the unique (broadcast, person, role) collides.
        add_appearance(session, b2, keep, now=now, topic="Jembatan")
        add_appearance(session, b2, other, now=now, topic="Jalan desa")
        add_appearance(session, b2, other, now=now, role="caller")
        add_appearance(session, b3, other, now=now, topic="Lampu jalan")
        entry = add_entry(
            session,
            b3,
            "Pak Baharudin menjelaskan anggaran",
            "note",
            now - timedelta(days=1, minutes=-5),
            now=now,
        )
    with station.session() as session:
        result = merge_people(session, keep, other, now=now)
    assert (result.moved, result.joined) == (2, 1)
    with station.session() as session:
        kept = get_person(session, keep)
        found = {(a.broadcast_id, a.role): a.topic for a in kept.appearances}
        assert found == {
            (b1, "guest"): "Jalan Seko",
            (b2, "guest"): "Jembatan; Jalan desa",
            (b2, "caller"): "",
            (b3, "guest"): "Lampu jalan",
        }
        # The kept record takes what it lacked, and the refusal.
        assert kept.position == "Kepala Dinas PUPR" and kept.private.phone == "0812-1"
        assert kept.consent == "refused"
        other_row = session.get(Person, other)
        assert other_row is not None and other_row.merged_into_id == keep
        assert not session.scalars(select(Appearance).where(Appearance.person_id == other)).all()
        assert [c.id for c in find_people(session, "baharu")] == [keep]
        assert {c.id for c in find_people(session, "baharu", include_merged=True)} == {keep, other}
        # The log is a record: nothing in it changes.
        logged = session.get(LogEntry, entry.id)
        assert logged is not None and logged.text == "Pak Baharudin menjelaskan anggaran"
        # A merged id used later goes to the kept person.
        line = add_appearance(session, b1, other, now=now, role="reporter")
        assert line.person_id == keep


def test_merge_refuses_self_unknown_and_already_merged(station: Station, now: datetime) -> None:
    with station.session() as session:
        a = add_person(session, "A", now=now).id
        b = add_person(session, "B", now=now).id
        c = add_person(session, "C", now=now).id
    with station.session() as session:
        merge_people(session, a, b, now=now)
    before = counts(station)
    for keep, other, error in ((a, a, InputError), (a, 999, NotFound), (c, b, Conflict)):
        with pytest.raises(error), station.session() as session:
            merge_people(session, keep, other, now=now)
    assert counts(station) == before
    # Merging the kept record on again moves what was merged into it.
    with station.session() as session:
        merge_people(session, c, a, now=now)
    with station.session() as session:
        row = session.get(Person, b)
        assert row is not None and row.merged_into_id == c


def test_consent_refused_is_what_publishing_sees(
    station: Station, now: datetime, make_broadcast: MakeBroadcast
) -> None:
    b = make_broadcast(now - timedelta(days=1), status="aired")
    with station.session() as session:
        host = add_person(
            session,
            "Rahmat Hidayat",
            now=now,
            position="Penyiar",
            institution="RKLU",
            consent="given",
        ).id
        given = add_person(
            session,
            "Andi Nurhalisa",
            now=now,
            honorific="dr.",
            position="Kepala Dinas",
            institution="Dinas Kesehatan",
            phone="0812-2",
            email="a@dinkes.example",
            consent="given",
        ).id
        hidden_position = add_person(
            session,
            "Rahmawati",
            now=now,
            position="Kepala Puskesmas",
            institution="Puskesmas Bone-Bone",
            consent="given",
            publish_position=False,
        ).id
        refused = add_person(session, "Yohanis", now=now, institution="PLN", consent="refused").id
        for pid, role in ((given, "guest"), (host, "host"), (hidden_position, "guest")):
            add_appearance(session, b, pid, now=now, role=role, topic="Kesehatan")
    with station.session() as session:
        people = publishable_people(session, b)
        assert all_guests_consented(session, b)
    assert [(p.person_id, p.role) for p in people] == [
        (host, "host"),
        (given, "guest"),
        (hidden_position, "guest"),
    ]
    assert people[1].name == "dr. Andi Nurhalisa" and people[1].institution == "Dinas Kesehatan"
    assert (people[2].position, people[2].institution) == ("", "")
    assert not any(hasattr(p, "phone") or hasattr(p, "private") for p in people)
    with station.session() as session:
        add_appearance(session, b, refused, now=now, topic="Listrik")
    with station.session() as session:
        assert refused not in [p.person_id for p in publishable_people(session, b)]
        assert not all_guests_consented(session, b)
    # The same person refusing later is seen at once by the next step.
    with station.session() as session:
        edit_person(session, given, now=now, consent="refused")
    with station.session() as session:
        assert given not in [p.person_id for p in publishable_people(session, b)]
        with pytest.raises(NotFound):
            publishable_people(session, 9999)


def test_unknown_consent_is_not_consent_and_hosts_need_none(
    station: Station, now: datetime, make_broadcast: MakeBroadcast
) -> None:
    b = make_broadcast(now - timedelta(days=1), status="aired")
    with station.session() as session:
        host = add_person(session, "Sitti Aisyah", now=now).id
        add_appearance(session, b, host, now=now, role="host")
        assert all_guests_consented(session, b)
        guest = add_person(session, "Rusdi", now=now).id
        add_appearance(session, b, guest, now=now)
        assert not all_guests_consented(session, b)
        assert publishable_people(session, b) == []


def test_appearances_add_remove_and_refuse_bad_input(
    station: Station, now: datetime, make_broadcast: MakeBroadcast
) -> None:
    b = make_broadcast(now + timedelta(days=1))
    cancelled = make_broadcast(now + timedelta(days=2), status="cancelled")
    with station.session() as session:
        pid = add_person(session, "Amiruddin", now=now).id
        add_appearance(session, b, pid, now=now, role="guest", topic="Bansos")
        # Again in the same role: the topic is updated, no second row.
        add_appearance(session, b, pid, now=now, role="guest", topic="PKH")
        add_appearance(session, b, pid, now=now, role="host")
    before = counts(station)
    for args, error in (
        ((b, pid, "singer"), InputError),
        ((cancelled, pid, "guest"), Conflict),
        ((9999, pid, "guest"), NotFound),
        ((b, 9999, "guest"), NotFound),
        (("tomorrow", pid, "guest"), InputError),
    ):
        with pytest.raises(error), station.session() as session:
            add_appearance(session, args[0], args[1], now=now, role=args[2])
    assert counts(station) == before
    with station.session() as session:
        lines = appearances_for(session, b)
        assert [(a.role, a.topic) for a in lines] == [("host", ""), ("guest", "PKH")]
        assert remove_appearance(session, b, pid, role="host") == 1
        with pytest.raises(NotFound):
            remove_appearance(session, b, pid, role="host")
        assert [a.role for a in appearances_for(session, b)] == ["guest"]


def test_guests_commands(
    station: Station, now: datetime, make_broadcast: MakeBroadcast, cli: Callable[..., CliResult]
) -> None:
    b = make_broadcast(now - timedelta(days=2), status="aired")
    added = cli(
        "guests",
        "add",
        "Andi Rahmán",
        "--honorific",
        "dr.",
        "--position",
        "Kepala Dinas",
        "--institution",
        "Dinas Kesehatan",
        "--phone",
        "0812-3",
        "--email",
        "andi@dinkes.example",
        "--consent",
        "given",
        "--no-publish-position",
        "--notes",
        "Lebih suka pagi",
    )
    assert added.code == 0, added.err
    assert "Added person" in added.out and "dr. Andi Rahmán" in added.out
    second = cli("guests", "add", "Andi Rahman", "--institution", "Dinkes", "--json")
    assert second.code == 0, second.err
    first_id, second_id = 1, json.loads(second.out)["id"]
    listed = cli("guests", "list", "andi rahman", "--json")
    people = json.loads(listed.out)
    assert [p["name"] for p in people] == ["Andi Rahmán", "Andi Rahman"]
    # Private fields are kept apart and say so.
    assert people[0]["private"] == {
        "phone": "0812-3",
        "email": "andi@dinkes.example",
        "notes": "Lebih suka pagi",
    }
    assert "phone" not in people[0] and people[0]["publish_position"] is False
    table = cli("guests", "list", "DINAS KESEHATAN")
    assert "Andi Rahmán" in table.out and "Andi Rahman\n" not in table.out
    appeared = cli("guests", "appear", str(b), str(second_id), "--role", "guest", "--topic", "BPJS")
    assert appeared.code == 0 and "appears in broadcast" in appeared.out
    edited = cli("guests", "edit", str(second_id), "--consent", "refused")
    assert edited.code == 0, edited.err
    merged = cli("guests", "merge", str(first_id), str(second_id))
    assert merged.code == 0 and "1 appearances moved" in merged.out
    shown = cli("guests", "show", str(first_id))
    assert "Phone (private)" in shown.out and "0812-3" in shown.out and "BPJS" in shown.out
    assert "refused" in shown.out
    data = json.loads(cli("guests", "show", str(first_id), "--json").out)
    assert [a["broadcast_id"] for a in data["appearances"]] == [b]
    assert json.loads(cli("guests", "list", "--json").out)[0]["id"] == first_id
    assert len(json.loads(cli("guests", "list", "--json").out)) == 1
    bad = cli("guests", "add", " ")
    assert bad.code == 1 and "needs a name" in bad.err
    nothing = cli("guests", "edit", str(first_id))
    assert nothing.code == 1 and "Nothing to change" in nothing.err
    removed = cli("guests", "appear", str(b), str(first_id), "--remove")
    assert removed.code == 0 and "Removed 1" in removed.out
    missing = cli("guests", "show", "99")
    assert missing.code == 1 and "no person 99" in missing.err
