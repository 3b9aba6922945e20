"""A judged query set: what a clerk types, and the broadcasts they expect to find first.

Two corpora in one station:

- the demo station (``radiodesk demo``'s schedule and live-log stages, seeded, at a fixed
  "now"): officials of Luwu Utara as guests, listeners' calls passed to agencies. What is
  relevant is read from the data (who appeared, what was said), never from a search;
- a regency-government corpus written here: broadcasts whose words are the long forms,
  short forms, loanwords and affixed words of local-government Indonesian.

A hit is relevant when its broadcast is one the clerk expects. success@3: the share of
queries with a relevant hit among the first three; MRR@10: the mean of 1/rank of the first
relevant hit within ten (0 when none).

Used by ``tests/search/test_quality.py`` and ``tests/bench/search_quality.py``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.interviews import demo as interviews_demo
from radiodesk.models import Appearance, Broadcast, LogEntry, Person
from radiodesk.schedule import demo as schedule_demo
from radiodesk.search import SearchFilters, search
from tests.search import helpers as h

# The demo's clock: Monday 23 November 2026, 10:00 WITA.
DEMO_NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
DEMO_SEED = 2026
# The government corpus airs in the weeks before the demo's three.
GOV_START = datetime(2026, 9, 7, 11, 30, tzinfo=UTC)

Keys = dict[str, int]
Relevance = Callable[[Session, Keys], set[int]]


@dataclass(frozen=True)
class Judged:
    query: str
    relevant: Relevance


# --- relevance read from the data -------------------------------------------------------


def _like(column, parts: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return or_(*(func.lower(column).contains(p.lower()) for p in parts))


def said(*parts: str) -> Relevance:
    """Broadcasts whose live log (text or agency) says any of ``parts``."""

    def found(session: Session, _keys: Keys) -> set[int]:
        rows = session.scalars(
            select(LogEntry.broadcast_id).where(
                or_(_like(LogEntry.text, parts), _like(LogEntry.agency, parts))
            )
        )
        return set(rows)

    return found


def about(*parts: str) -> Relevance:
    """Broadcasts whose topic, or a guest's topic, says any of ``parts``."""

    def found(session: Session, _keys: Keys) -> set[int]:
        own = session.scalars(select(Broadcast.id).where(_like(Broadcast.topic, parts)))
        guests = session.scalars(
            select(Appearance.broadcast_id).where(_like(Appearance.topic, parts))
        )
        return set(own) | set(guests)

    return found


def guest(*parts: str) -> Relevance:
    """Broadcasts where someone appeared whose name, position or institution says any of
    ``parts``."""

    def found(session: Session, _keys: Keys) -> set[int]:
        rows = session.scalars(
            select(Appearance.broadcast_id)
            .join(Person, Person.id == Appearance.person_id)
            .where(
                or_(
                    _like(Person.name, parts),
                    _like(Person.position, parts),
                    _like(Person.institution, parts),
                )
            )
        )
        return set(rows)

    return found


def keys(*names: str) -> Relevance:
    """Broadcasts of the government corpus, by their names below."""
    return lambda _session, known: {known[name] for name in names}


def either(*found: Relevance) -> Relevance:
    return lambda session, known: set().union(*(f(session, known) for f in found))


# --- the government corpus --------------------------------------------------------------

# name: (programme, topic, notes, guests as (name, honorific, position, institution, topic),
#        log entries as (kind, text, agency))
GOV: dict[str, tuple[str, str, str, list[tuple[str, ...]], list[tuple[str, str, str]]]] = {
    "keterbukaan": (
        "dialog-interaktif",
        "Keterbukaan informasi publik: hak warga meminta data anggaran",
        "Bersama PPID Utama Kabupaten Luwu Utara.",
        [
            (
                "Nurdin Palallo",
                "",
                "Sekretaris",
                "Dinas Komunikasi dan Informatika",
                "Pejabat pengelola informasi dan dokumentasi",
            )
        ],
        [
            ("segment", "Pembukaan", ""),
            ("note", "Warga boleh meminta salinan dokumen kontrak proyek desa.", ""),
            ("question", "Berapa lama permohonan informasi dijawab?", "Diskominfo"),
        ],
    ),
    "command-center": (
        "kabar-pagi",
        "Peluncuran Command Centre Luwu Utara dan layanan darurat 112",
        "",
        [
            (
                "Andi Baso Rahim",
                "",
                "Kepala Bidang Aplikasi Informatika",
                "Dinas Komunikasi dan Informatika",
                "Layanan darurat 112",
            )
        ],
        [
            ("segment", "Pembukaan", ""),
            ("note", "Ruang kendali memantau CCTV di simpang lima Masamba.", ""),
        ],
    ),
    "smart-city": (
        "dialog-interaktif",
        "Menuju smart city: aplikasi pelayanan publik satu pintu",
        "Gerakan Menuju Kota Cerdas tahap dua.",
        [("Hendra Wijaya", "", "Kepala Dinas", "Diskominfo Luwu Utara", "Masterplan kota cerdas")],
        [("segment", "Pembukaan", "")],
    ),
    "kim": (
        "layanan-masyarakat",
        "Kelompok Informasi Masyarakat Desa Radda raih juara lomba",
        "",
        [("Sulaiman Tappa", "", "Ketua", "Kelompok Informasi Masyarakat Radda", "Lomba KIM")],
        [
            ("segment", "Pembukaan", ""),
            ("note", "Pengurus kelompok informasi masyarakat mengelola papan informasi desa.", ""),
        ],
    ),
    "dprd": (
        "rapat-paripurna",
        "Rapat paripurna Dewan Perwakilan Rakyat Daerah: Ranperda APBD 2027",
        "Siaran langsung dari gedung dewan.",
        [
            (
                "H. Basir Tanjung",
                "",
                "Ketua",
                "Dewan Perwakilan Rakyat Daerah Luwu Utara",
                "Pandangan umum fraksi",
            )
        ],
        [
            ("segment", "Pembukaan", ""),
            ("note", "Tujuh fraksi menyampaikan pandangan umum atas ranperda.", ""),
        ],
    ),
    "opd": (
        "dialog-interaktif",
        "Evaluasi kinerja organisasi perangkat daerah semester pertama",
        "",
        [
            (
                "Ahmad Yani Said",
                "Drs.",
                "Kepala Bagian Organisasi",
                "Sekretariat Daerah",
                "Sakip dan reformasi birokrasi",
            )
        ],
        [("segment", "Pembukaan", ""), ("note", "Nilai SAKIP tiga perangkat daerah masih C.", "")],
    ),
    "kabid-p2p": (
        "layanan-masyarakat",
        "Pengendalian penyakit menular setelah banjir",
        "",
        [
            (
                "Rosmiati Lande",
                "dr.",
                "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
                "Dinas Kesehatan Kabupaten Luwu Utara",
                "Diare dan leptospirosis",
            )
        ],
        [
            ("segment", "Pembukaan", ""),
            ("question", "Apakah air sumur setelah banjir aman diminum?", "Dinas Kesehatan"),
        ],
    ),
    "rsud-hemodialisa": (
        "kabar-pagi",
        "Rumah sakit umum daerah membuka layanan cuci darah",
        "Unit hemodialisa dengan delapan mesin.",
        [],
        [
            ("segment", "Pembukaan", ""),
            ("note", "Pasien gagal ginjal tidak perlu lagi ke Palopo.", ""),
        ],
    ),
    "puskesmas-keliling": (
        "layanan-masyarakat",
        "Pusat kesehatan masyarakat keliling menjangkau dusun terpencil di Rampi",
        "",
        [],
        [("segment", "Pembukaan", ""), ("note", "Mobil pusling datang dua kali sebulan.", "")],
    ),
    "camat-masamba": (
        "dialog-interaktif",
        "Penataan pedagang kaki lima di pusat kota",
        "",
        [("Arifin Lolo", "", "Camat Masamba", "Kantor Camat Masamba", "Relokasi pedagang")],
        [("segment", "Pembukaan", "")],
    ),
    "festival-lutra": (
        "budaya-tana-luwu",
        "Festival budaya Lutra 2026 di lapangan Andi Pangerang",
        "",
        [],
        [("note", "Tari pajaga dan musik bambu dari sebelas kecamatan.", "")],
    ),
    "pertanahan": (
        "dialog-interaktif",
        "Pelayanan pertanahan: sertifikat gratis lewat PTSL",
        "",
        [("Yusuf Lambe", "", "Kepala Kantor", "Kantor Pertanahan Luwu Utara", "Sertifikat PTSL")],
        [
            ("segment", "Pembukaan", ""),
            ("question", "Apakah tanah warisan bisa ikut PTSL?", "Kantor Pertanahan"),
        ],
    ),
    "pemadam": (
        "layanan-masyarakat",
        "Pemadam kebakaran siaga di musim kemarau",
        "",
        [],
        [
            ("segment", "Pembukaan", ""),
            ("note", "Nomor darurat pemadam kebakaran dibacakan tiga kali.", ""),
        ],
    ),
    "disdukcapil-online": (
        "kabar-pagi",
        "Dinas Kependudukan dan Pencatatan Sipil buka layanan daring",
        "",
        [],
        [("note", "Kartu keluarga kini bisa dicetak sendiri dengan kertas HVS.", "")],
    ),
    "pupr-irigasi": (
        "suara-petani",
        "Rehabilitasi saluran irigasi oleh Dinas Pekerjaan Umum dan Penataan Ruang",
        "",
        [],
        [("note", "Petani Sukamaju menunggu air dari bendung Baliase.", "")],
    ),
    "bpbd-gempa": (
        "kabar-pagi",
        "Simulasi gempa bumi bersama Badan Penanggulangan Bencana Daerah di sekolah",
        "",
        [],
        [("note", "Murid berlatih berlindung di bawah meja.", "")],
    ),
    "jembatan-rampi": (
        "layanan-masyarakat",
        "Jembatan gantung Rampi putus diterjang banjir",
        "",
        [],
        [("complaint", "Anak sekolah menyeberangi sungai tanpa jembatan.", "Dinas PUPR")],
    ),
    "longsor-seko": (
        "kabar-pagi",
        "Longsor menutup jalan poros Masamba–Seko",
        "",
        [],
        [("note", "Alat berat dikirim untuk membuka jalan yang tertimbun.", "BPBD")],
    ),
    "stunting": (
        "layanan-masyarakat",
        "Gerakan bersama cegah stunting di posyandu desa",
        "",
        [],
        [("note", "Kader menimbang balita dan membagikan makanan tambahan.", "")],
    ),
    "akta": (
        "layanan-masyarakat",
        "Akta kelahiran gratis untuk bayi baru lahir",
        "",
        [],
        [("question", "Bagaimana membuat akta kelahiran anak yang lahir di rumah?", "")],
    ),
    "fogging": (
        "kabar-pagi",
        "Fogging di Baebunta setelah kasus demam berdarah naik",
        "",
        [],
        [("note", "Petugas meminta warga menguras bak mandi tiap pekan.", "")],
    ),
    "kakao": (
        "suara-petani",
        "Hama penggerek buah kakao menyerang kebun di Baebunta",
        "",
        [],
        [("question", "Obat apa yang aman untuk penggerek buah?", "Dinas Pertanian")],
    ),
    "pdam-keruh": (
        "layanan-masyarakat",
        "Air PDAM keruh setelah hujan deras di Masamba",
        "",
        [],
        [("complaint", "Air keran berwarna cokelat sejak dua hari.", "PDAM")],
    ),
}


def fill_government(session: Session) -> Keys:
    """Write the government corpus; returns each broadcast's id by its name in :data:`GOV`."""
    made: Keys = {}
    for number, (name, (slug, topic, notes, guests, entries)) in enumerate(GOV.items()):
        start = GOV_START + timedelta(days=2 * number)
        on = h.broadcast(session, slug, start, topic=topic, notes=notes)
        for person_name, honorific, position, institution, person_topic in guests:
            who = h.person(
                session,
                person_name,
                honorific=honorific,
                position=position,
                institution=institution,
            )
            h.appear(session, on, who, topic=person_topic)
        for minute, (kind, text, agency) in enumerate(entries, start=1):
            extra = {"agency": agency, "followup_status": "open"} if agency else {}
            h.log(session, on, minute * 5, text, kind, **extra)
        made[name] = on.id
    return made


def fill(settings: Settings, session_factory: Callable[[], object]) -> Keys:
    """Both corpora, each stage in a unit of work of its own (as ``radiodesk demo`` does)."""
    rng = random.Random(DEMO_SEED)
    for stage in (schedule_demo.fill, interviews_demo.fill):
        with session_factory() as session:  # type: ignore[attr-defined]
            stage(session, settings, rng, DEMO_NOW)
    with session_factory() as session:  # type: ignore[attr-defined]
        return fill_government(session)


# --- the queries ------------------------------------------------------------------------

DEMO_QUERIES = (
    Judged("demam berdarah", either(said("demam berdarah"), about("demam berdarah"))),
    Judged("demam berdara", either(said("demam berdarah"), about("demam berdarah"))),
    Judged("jembatan", either(said("jembatan"), about("jembatan"))),
    Judged("jembatn", either(said("jembatan"), about("jembatan"))),
    Judged("nurhalisah", guest("Nurhalisa")),
    Judged("andi nurhalisa", guest("Nurhalisa")),
    Judged("kadis kesehatan", guest("Kepala Dinas Kesehatan")),
    Judged("kepala dinas kesehatan", guest("Kepala Dinas Kesehatan")),
    Judged("rumah sakit", either(guest("RSUD"), said("RSUD"), keys("rsud-hemodialisa"))),
    Judged("RSUD", either(guest("RSUD"), said("RSUD"), keys("rsud-hemodialisa"))),
    Judged("pupuk bersubsidi", either(said("pupuk"), about("pupuk"))),
    Judged("KTP-el", either(said("KTP-el"), about("KTP-el"))),
    Judged("ktp elektronik", either(said("KTP-el"), about("KTP-el"))),
    Judged("air keruh", either(said("keruh"), about("keruh"))),
    Judged("air bersih", either(about("air bersih"), said("PDAM"))),
    Judged("listrik padam", either(said("padam"), about("pemadaman"))),
    Judged("pemadaman listrik", either(said("padam"), about("pemadaman"))),
    Judged("banjir", either(said("banjir"), about("banjir"))),
    Judged("longsor", either(said("longsor"), about("longsor"))),
    Judged("BPBD", either(guest("Bencana"), said("BPBD"), keys("bpbd-gempa"))),
    Judged("penanggulangan bencana", either(guest("Bencana"), said("BPBD"), keys("bpbd-gempa"))),
    Judged("PUPR", either(guest("Pekerjaan Umum"), said("PUPR"), keys("pupr-irigasi"))),
    Judged("pekerjaan umum", either(guest("Pekerjaan Umum"), said("PUPR"), keys("pupr-irigasi"))),
    Judged("disdukcapil", either(guest("Kependudukan"), said("Disdukcapil"))),
    Judged("kependudukan", either(guest("Kependudukan"), said("Disdukcapil"))),
    Judged("akta kelahiran", either(said("akta kelahiran"), about("akta kelahiran"))),
    Judged("bansos PKH", either(said("PKH"), about("PKH"))),
    Judged("BPJS", either(said("BPJS"), about("BPJS"))),
    Judged("stunting", about("stunting")),
    Judged("puskesmas", either(said("puskesmas"), guest("puskesmas"))),
    Judged("camat sabbang", guest("Camat Sabbang")),
    Judged("kecamatan baebunta", either(guest("Baebunta"), about("Baebunta"))),
    Judged("sekda", guest("Sekretaris Daerah")),
    Judged("wabup", guest("Wakil Bupati")),
    Judged("kadis pendidikan", guest("Kepala Dinas Pendidikan")),
    Judged("beasiswa", said("beasiswa")),
    Judged("guru honorer", said("guru honorer")),
    Judged("hama kakao", about("hama penggerek")),
    Judged("imunisasi", about("imunisasi")),
    Judged("posyandu", either(said("posyandu"), about("posyandu"))),
    Judged("fogging", either(said("fogging"), about("fogging"))),
    Judged("tarif air", said("tarif air")),
    Judged("pendaftaran daring", about("pendaftaran daring")),
)

GOV_QUERIES = (
    Judged("keterbukaan", keys("keterbukaan")),
    Judged("keterbukaan informasi", keys("keterbukaan")),
    Judged("keterbukan informasi", keys("keterbukaan")),
    Judged("PPID", keys("keterbukaan")),
    Judged("command center", keys("command-center")),
    Judged("command centre", keys("command-center")),
    Judged("smart city", keys("smart-city")),
    Judged("kota cerdas", keys("smart-city")),
    Judged("KIM", keys("kim")),
    Judged("kelompok informasi masyarakat", keys("kim")),
    Judged("kominfo", keys("keterbukaan", "command-center", "smart-city")),
    Judged("diskominfo", keys("keterbukaan", "command-center", "smart-city")),
    Judged("kadis kominfo", keys("smart-city")),
    Judged("kabid aptika", keys("command-center")),
    Judged("DPRD", keys("dprd")),
    Judged("dewan perwakilan rakyat daerah", keys("dprd")),
    Judged("OPD", keys("opd")),
    Judged("SKPD", keys("opd")),
    Judged("kabid pencegahan penyakit", keys("kabid-p2p")),
    Judged("RSUD cuci darah", keys("rsud-hemodialisa")),
    Judged("hemodialisa", keys("rsud-hemodialisa")),
    Judged("puskesmas keliling", keys("puskesmas-keliling")),
    Judged("kecamatan masamba", keys("camat-masamba")),
    Judged("festival luwu utara", keys("festival-lutra")),
    Judged("pertanahan", keys("pertanahan")),
    Judged("sertifkat tanah", keys("pertanahan")),
    Judged("pemadam kebakaran", keys("pemadam")),
    Judged("damkar", keys("pemadam")),
    Judged("dukcapil daring", keys("disdukcapil-online")),
    Judged("irigasi PUPR", keys("pupr-irigasi")),
    Judged("simulasi gempa BPBD", keys("bpbd-gempa")),
)

QUERIES = DEMO_QUERIES + GOV_QUERIES


# --- measuring ------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    query: str
    rank: int | None  # of the first relevant hit, from 1; None: not within ten
    relevant: int  # how many broadcasts were expected


@dataclass(frozen=True)
class Figures:
    success_at_3: float
    mrr_at_10: float
    outcomes: tuple[Outcome, ...]

    @property
    def misses(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.rank is None or o.rank > 3)


def measure(settings: Settings, session_factory: Callable[[], object], known: Keys) -> Figures:
    """Run every judged query through :func:`radiodesk.search.search` (ten hits each)."""
    outcomes = []
    for judged in QUERIES:
        with session_factory() as session:  # type: ignore[attr-defined]
            relevant = judged.relevant(session, known)
            page = search(session, settings, judged.query, SearchFilters(), limit=10)
        rank = next(
            (i for i, hit in enumerate(page.hits, start=1) if hit.broadcast_id in relevant), None
        )
        outcomes.append(Outcome(judged.query, rank, len(relevant)))
    count = len(outcomes)
    return Figures(
        success_at_3=round(sum(1 for o in outcomes if o.rank and o.rank <= 3) / count, 3),
        mrr_at_10=round(sum(1 / o.rank for o in outcomes if o.rank) / count, 3),
        outcomes=tuple(outcomes),
    )
