"""An archive with a few broadcasts, people, log entries, an episode and a transcript."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from tests.conftest import Station
from tests.search import helpers as h

VTT = """WEBVTT

NOTE recorded in studio 1

1
00:00:00.000 --> 00:00:04.000
<v Penyiar>Selamat pagi pendengar setia

2
00:01:05.500 --> 00:01:09.000
Jembatan gantung di Rampi
sudah <b>diperbaiki</b> &amp; dibuka
"""


@dataclass
class Archive:
    """Ids of the rows made by the ``archive`` fixture."""

    b1: int
    b2: int
    b3: int
    e1: int  # segment: diwawancarai, pelayanan rumah sakit
    e2: int  # complaint: mengeluhkan antrean, to RSUD Andi Djemma
    e3: int  # question: layanan ambulans, to Dinas Kesehatan
    e4: int  # note: mewawancarai, Baebunta
    e5: int  # complaint: pupuk, to Dinas Pertanian
    e6: int  # segment: Wawancara dengan Bupati
    andi: int
    baso: int
    appearance_andi: int
    r1: int  # recording of b1, started two minutes early
    r3: int  # recording of b3, with a transcript
    episode: int


@pytest.fixture
def archive(station: Station) -> Archive:
    (station.settings.archive_dir / "transcripts").mkdir(parents=True, exist_ok=True)
    (station.settings.archive_dir / "transcripts" / "b3.vtt").write_text(VTT, encoding="utf-8")
    with station.session() as s:
        b1 = h.broadcast(s, "kabar-pagi", h.MORNING, topic="Rumah sakit daerah Andi Djemma")
        b2 = h.broadcast(
            s,
            "suara-petani",
            h.MORNING + timedelta(days=2),
            topic="Harga kakao dan pupuk bersubsidi",
            access_class="exempt",
        )
        b3 = h.broadcast(
            s, "dialog-interaktif", h.MORNING + timedelta(days=7), topic="Jalan rusak di Seko"
        )
        andi = h.person(
            s,
            "Andi Rahman",
            honorific="dr.",
            position="Kepala Dinas",
            institution="Dinas Kesehatan",
        )
        baso = h.person(
            s,
            "Baso Lallo",
            honorific="Ir.",
            position="Kepala Bidang",
            institution="Dinas Pertanian",
        )
        a1 = h.appear(s, b1, andi, topic="Antrean pasien")
        h.appear(s, b2, baso, topic="Musim tanam")
        e1 = h.log(s, b1, 10, "Kepala dinas diwawancarai tentang pelayanan rumah sakit", "segment")
        e2 = h.log(
            s,
            b1,
            20,
            "Warga Sabbang mengeluhkan antrean panjang di loket",
            "complaint",
            agency="RSUD Andi Djemma",
            followup_status="forwarded",
        )
        e3 = h.log(
            s,
            b1,
            30,
            "Kapan layanan ambulans desa dibuka?",
            "question",
            agency="Dinas Kesehatan",
            followup_status="open",
        )
        e4 = h.log(s, b2, 5, "Petani kakao di Baebunta mewawancarai penyuluh", "note")
        e5 = h.log(
            s, b2, 15, "Pupuk bersubsidi terlambat datang", "complaint", agency="Dinas Pertanian"
        )
        e6 = h.log(s, b3, 3, "Wawancara dengan Bupati soal jalan Seko", "segment")
        r1 = h.recording(s, b1, h.MORNING - timedelta(minutes=2), 3720.0, "b1.wav")
        r3 = h.recording(
            s,
            b3,
            b3.planned_start,
            3600.0,
            "b3.wav",
            transcript_path="transcripts/b3.vtt",
            title="Dialog 30 November",
        )
        ep = h.episode(s, b1, "Pelayanan RSUD Andi Djemma", "Bincang bersama kepala dinas")
        return Archive(
            b1=b1.id,
            b2=b2.id,
            b3=b3.id,
            e1=e1.id,
            e2=e2.id,
            e3=e3.id,
            e4=e4.id,
            e5=e5.id,
            e6=e6.id,
            andi=andi.id,
            baso=baso.id,
            appearance_andi=a1.id,
            r1=r1.id,
            r3=r3.id,
            episode=ep.id,
        )
