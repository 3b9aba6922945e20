"""Demo data of the interviews job for ``radiodesk demo``: officials of Kabupaten Luwu Utara
as guests, the hosts, and a live log for every live programme of the last three weeks (and the
one on air now), with listeners' questions and complaints passed to the agencies.

All names are made up. Runs after the schedule demo; a broadcast that already has a log is
left alone, so running the demo again adds nothing twice.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.errors import NotFound
from radiodesk.i18n import _
from radiodesk.interviews.appearances import add_appearance, broadcast_at
from radiodesk.interviews.demo_data import (
    ANSWERS,
    CALLERS,
    CALLS,
    CHANNEL_WEIGHTS,
    OFFICIALS,
    PLACES,
    PSAS,
    REPORTER,
    SONGS,
    STATION,
    Official,
)
from radiodesk.interviews.followups import set_followup
from radiodesk.interviews.livelog import add_entry
from radiodesk.interviews.people import add_person, fold
from radiodesk.models import (
    Appearance,
    Broadcast,
    BroadcastStatus,
    Consent,
    FollowupStatus,
    LogEntry,
    LogKind,
    Person,
    Role,
    Show,
)

# The schedule demo plans three weeks back; fill from the start of that day.
HISTORY = timedelta(weeks=3)


def _person(
    session: Session,
    now: datetime,
    rng: random.Random,
    honorific: str,
    name: str,
    position: str,
    institution: str,
    consent: str = Consent.GIVEN,
    publish_position: bool = True,
) -> int:
    existing = session.scalars(
        select(Person.id).where(Person.name_folded == fold(name), Person.merged_into_id.is_(None))
    ).first()
    if existing is not None:
        return existing
    slug = fold(institution).split()[-1] if institution else "warga"
    card = add_person(
        session,
        name,
        now=now - timedelta(days=30),
        honorific=honorific,
        position=position,
        institution=institution,
        consent=consent,
        publish_position=publish_position,
        phone=f"0812-{rng.randint(4000, 4999)}-{rng.randint(1000, 9999)}",
        email=f"{slug}@luwuutarakab.example.go.id" if institution != STATION else "",
        notes=_demo_note(consent),
    )
    return card.id


def _demo_note(consent: str) -> str:
    if consent == Consent.REFUSED:
        return "Tidak bersedia nama dan suaranya dipublikasikan tanpa izin kantor pusat."
    if consent == Consent.UNKNOWN:
        return "Belum menandatangani formulir persetujuan."
    return ""


def _status(rng: random.Random, age_days: float) -> FollowupStatus:
    # Older complaints have had time to move on; the last days' are mostly still open.
    weights = (5, 3, 1, 1) if age_days < 4 else (2, 3, 3, 4)
    return rng.choices(list(FollowupStatus), weights=weights)[0]


class _Writer:
    """Writes one broadcast's log through the services, keeping the demo's counters."""

    def __init__(
        self, session: Session, broadcast: Broadcast, author: str, now: datetime, limit: datetime
    ) -> None:
        self.session, self.broadcast, self.author, self.now, self.limit = (
            session,
            broadcast,
            author,
            now,
            limit,
        )
        self.start = broadcast.actual_start or broadcast.planned_start
        self.entries = 0

    def at(self, minutes: float) -> datetime:
        return self.start + timedelta(minutes=minutes)

    def write(self, minutes: float, kind: str, text: str, **listener: str) -> int | None:
        moment = self.at(minutes)
        if moment > self.limit:
            if self.entries:
                return None
            # A programme that has only just begun still shows its opening on the desk.
            moment = self.limit
        line = add_entry(
            self.session,
            self.broadcast.id,
            text,
            kind,
            moment,
            self.author,
            now=moment,
            caller_name=listener.get("caller_name", ""),
            caller_location=listener.get("caller_location", ""),
            channel=listener.get("channel"),
            agency=listener.get("agency"),
        )
        self.entries += 1
        return line.id

    def call(self, rng: random.Random, minutes: float, call: tuple[str, str, str]) -> None:
        kind, text, agency = call
        channel = rng.choices(
            [c for c, _w in CHANNEL_WEIGHTS], weights=[w for _c, w in CHANNEL_WEIGHTS]
        )[0]
        entry_id = self.write(
            minutes,
            kind,
            text,
            caller_name=rng.choice(CALLERS),
            caller_location=rng.choice(PLACES),
            channel=channel,
            agency=agency,
        )
        if entry_id is None:
            return
        moment = self.at(minutes)
        status = _status(rng, (self.now - moment).total_seconds() / 86400)
        order = list(FollowupStatus)
        steps = order[1 : order.index(status) + 1]
        for day, step in enumerate(steps, start=1):
            when = min(moment + timedelta(days=day, hours=rng.randint(1, 6)), self.now)
            set_followup(
                self.session,
                entry_id,
                step,
                now=when,
                author=self.author,
                answer=ANSWERS.get(agency, "Sudah ditindaklanjuti.")
                if step == FollowupStatus.ANSWERED
                else None,
            )


def _appear(
    session: Session, broadcast: Broadcast, person_id: int, role: str, topic: str = ""
) -> None:
    add_appearance(
        session,
        broadcast.id,
        person_id,
        now=broadcast.planned_start - timedelta(days=1),
        role=role,
        topic=topic,
    )


def _dialogue(
    w: _Writer, rng: random.Random, guests: list[tuple[int, Official, str]], service: bool
) -> None:
    names = ", ".join(
        f"{o.honorific} {o.name}".strip() + f" ({o.position})" for _i, o, _t in guests
    )
    topic = guests[0][2]
    w.write(1, LogKind.SEGMENT, "Pembukaan")
    w.write(2, LogKind.NOTE, f"Salam pembuka; narasumber di studio: {names}.")
    w.write(4, LogKind.PSA, rng.choice(PSAS))
    w.write(6, LogKind.SEGMENT, f"{'Informasi layanan' if service else 'Dialog'}: {topic}")
    w.write(14, LogKind.NOTE, f"Narasumber menjelaskan program, anggaran dan jadwal — {topic}.")
    w.write(24, LogKind.MUSIC, f"Jeda lagu daerah: {rng.choice(SONGS)}")
    w.write(27, LogKind.SEGMENT, "Sesi tanya jawab pendengar")
    agencies = {o.agency for _i, o, _t in guests}
    related = [c for c in CALLS if c[2] in agencies]
    others = [c for c in CALLS if c[2] not in agencies]
    count = rng.randint(1, 3) if service else rng.randint(3, 6)
    calls = rng.sample(related, min(len(related), count // 2 + 1)) + rng.sample(
        others, count - count // 2 - 1
    )
    for i, call in enumerate(calls[:count]):
        w.call(rng, 29 + i * (24 / max(1, count)), call)
    w.write(54, LogKind.SEGMENT, "Penutup")
    w.write(
        56,
        LogKind.NOTE,
        "Rangkuman: semua aduan dicatat dan diteruskan ke perangkat daerah terkait.",
    )


def _magazine(w: _Writer, rng: random.Random) -> None:
    for minutes, title in (
        (1, "Pembukaan"),
        (3, "Sari berita daerah"),
        (25, "Harga pasar hari ini"),
        (35, "Prakiraan cuaca"),
        (45, "Kabar dari kecamatan"),
        (85, "Penutup"),
    ):
        w.write(minutes, LogKind.SEGMENT, title)
    w.write(
        27,
        LogKind.NOTE,
        "Harga gabah kering panen Rp6.800/kg; kakao kering Rp120.000/kg di Masamba.",
    )
    w.write(37, LogKind.NOTE, "BMKG: hujan sedang sore hari di Masamba, Baebunta dan Sabbang.")
    w.write(
        40,
        LogKind.ANNOUNCEMENT,
        "Jadwal perekaman KTP-el keliling pekan ini: Kecamatan Malangke dan Sukamaju.",
    )
    w.write(60, LogKind.PSA, rng.choice(PSAS))
    for i, call in enumerate(rng.sample(CALLS, rng.randint(0, 2))):
        w.call(rng, 70 + i * 5, call)


def _music(w: _Writer, rng: random.Random) -> None:
    w.write(1, LogKind.SEGMENT, "Pembukaan")
    w.write(5, LogKind.SEGMENT, "Lagu pilihan pendengar")
    for i, song in enumerate(rng.sample(SONGS, 5)):
        w.write(
            7 + i * 12, LogKind.MUSIC, f"{song} — permintaan pendengar dari {rng.choice(PLACES)}"
        )
    w.write(64, LogKind.SEGMENT, "Salam dan ucapan")
    w.write(
        66,
        LogKind.NOTE,
        f"Salam dari {rng.choice(CALLERS) or 'pendengar'} di {rng.choice(PLACES)} untuk keluarga di Makassar.",
    )
    w.write(115, LogKind.SEGMENT, "Penutup")


def fill(session: Session, settings: Settings, rng: random.Random, now: datetime) -> str:
    """Add guests, appearances and live logs to the demo station's broadcasts of the last
    three weeks; returns one line for the operator."""
    local = (now - HISTORY).astimezone(settings.zone)
    since = datetime.combine(local.date(), time(), tzinfo=settings.zone)
    recent = list(
        session.scalars(
            select(Broadcast)
            .join(Show)
            .where(
                Broadcast.status != BroadcastStatus.CANCELLED,
                Broadcast.planned_start >= since,
                Broadcast.planned_start <= now,
            )
            .order_by(Broadcast.planned_start, Broadcast.id)
        )
    )
    if not recent:
        return _("Guests and live log: no broadcasts to fill; run the schedule demo first.")
    try:
        current = broadcast_at(session, now).id
    except NotFound:
        current = None
    officials = [
        (
            _person(
                session,
                now,
                rng,
                o.honorific,
                o.name,
                o.position,
                o.institution,
                o.consent,
                o.publish_position,
            ),
            o,
        )
        for o in OFFICIALS
    ]
    reporter = _person(session, now, rng, *REPORTER)
    hosts: dict[str, int] = {}
    entries = 0
    filled = 0
    for broadcast in recent:
        show = broadcast.show
        ended = (broadcast.actual_end or broadcast.planned_end) <= now
        if not ended and broadcast.id != current:
            continue
        for name in show.hosts:
            if name not in hosts:
                hosts[name] = _person(session, now, rng, "", name, "Penyiar", STATION)
            _appear(session, broadcast, hosts[name], Role.HOST)
        has_log = session.scalar(
            select(func.count()).select_from(LogEntry).where(LogEntry.broadcast_id == broadcast.id)
        )
        if not show.live or has_log:
            continue
        writer = _Writer(
            session,
            broadcast,
            show.hosts[0] if show.hosts else "operator",
            now,
            min(now, broadcast.actual_end or broadcast.planned_end),
        )
        if show.slug in ("dialog-interaktif", "layanan-masyarakat"):
            chosen = rng.sample(
                officials, 2 if show.slug == "dialog-interaktif" and rng.random() < 0.4 else 1
            )
            guests = [(pid, o, rng.choice(o.topics)) for pid, o in chosen]
            for pid, _o, topic in guests:
                _appear(session, broadcast, pid, Role.GUEST, topic)
            _dialogue(writer, rng, guests, service=show.slug == "layanan-masyarakat")
        elif show.category == "Music":
            _music(writer, rng)
        else:
            _appear(session, broadcast, reporter, Role.REPORTER, "Kabar dari kecamatan")
            _magazine(writer, rng)
        entries += writer.entries
        filled += 1
    people = session.scalar(
        select(func.count()).select_from(Person).where(Person.merged_into_id.is_(None))
    )
    appearances = session.scalar(select(func.count()).select_from(Appearance))
    still_open = session.scalar(
        select(func.count())
        .select_from(LogEntry)
        .where(LogEntry.followup_status != FollowupStatus.CLOSED)
    )
    return _(
        "Guests and live log: {people} people, {appearances} appearances, {entries} log entries "
        "in {broadcasts} live broadcasts, {open} follow-ups not closed."
    ).format(
        people=people, appearances=appearances, entries=entries, broadcasts=filled, open=still_open
    )
