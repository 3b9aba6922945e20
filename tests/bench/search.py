"""Benchmark of archive search at 100,000 broadcasts and about 1,000,000 live-log entries.

    python tests/bench/search.py [--broadcasts N] [--entries N] [--keep DIR] [--runs N]

Builds a throw-away station home (SQLite) and fills it with Core bulk inserts (no ORM, so
the index is not touched): 100,000 broadcasts over nine years of the demo programmes, their
guests (3,000 people), about ten live-log entries each in varied Indonesian (agencies,
villages, topics, affixed words; segments, notes, listeners' questions and complaints with
agencies), recordings for a third of them and some episodes. Then:

1. times the index build through ``radiodesk search --rebuild``'s service;
2. runs a fixed set of 20 queries through ``radiodesk.search.search`` (a unit of work per
   call, as the desk's worker does), each ``--runs`` times after one warm-up;
3. runs the same queries as ``LIKE '%…%'`` scans of the live log (what LibreTime,
   AzuraCast and Rivendell do), same words, same boolean structure and filters.

Prints p50 and p95 of both, the ratio, and the build time.
Goals: p95 <= 20 ms; >= 50x faster than the LIKE scan; build <= 60 s.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, insert, select  # noqa: E402

from radiodesk import db  # noqa: E402
from radiodesk.config import load_settings  # noqa: E402
from radiodesk.models import (  # noqa: E402
    Appearance,
    Broadcast,
    Episode,
    LogEntry,
    Person,
    Recording,
    Show,
)
from radiodesk.search import SearchFilters, rebuild_index, search  # noqa: E402
from radiodesk.search.query import ParsedQuery, Term, parse  # noqa: E402
from radiodesk.shows import sync_shows  # noqa: E402

FIRST_DAY = datetime(2017, 12, 1, 22, 0, tzinfo=UTC)  # 06:00 WITA

# --- vocabulary ------------------------------------------------------------------------


def _items(text: str, sep: str | None = None) -> list[str]:
    return [item.strip() for item in text.split(sep) if item.strip()]


KECAMATAN = _items(
    "Masamba Baebunta Sabbang Malangke Mappedeceng Sukamaju Bone-Bone Tana-Lili Seko Rampi "
    "Limbong Rongkong Malangke-Barat Sukamaju-Selatan Baebunta-Selatan"
)
DESA = _items(
    "Radda Meli Lara Pombakka Kamiri Balebo Rinding-Allo Uraso Pincara Lapapa Salulemo Benteng "
    "Kappuna Pongo Lantang-Tallang Sepakat Bone-Tua Sassa Teteuri Marobo Salutubu Malimbu "
    "Baloli Minanga Tandung Lembang-Lembang Sumber-Harum Mekar-Jaya Margolembo Wonokerto "
    "Tulung-Indah Bungadidi Minna Salama Dandang Pengkendekan Pembuniang Cenning Tingkara "
    "Pattimang Kapidi Hasanah Padang-Balua Eno Hono Tanamakaleang Lodang Embonatana Marante "
    "Komba Ujung-Mattajang Kariango Rante-Balla Buangin Lampuawa Pao Bakka Lero Tarobok "
    "Mangalle Beringin-Jaya Subur Patila Sabbang-Paru Batu-Alang Malangke-Tengah Pute-Mata"
)
AGENCIES = _items(
    "Dinas Kesehatan|Dinas Pekerjaan Umum dan Penataan Ruang|PLN ULP Masamba|"
    "PDAM Tirta Masamba|BPBD Luwu Utara|Dinas Pendidikan|Dinas Pertanian|RSUD Andi Djemma|"
    "Puskesmas Baebunta|Polres Luwu Utara|Dinas Sosial|Disdukcapil|Bapenda|Dinas Perhubungan|"
    "Dinas Lingkungan Hidup|Dinas Perikanan|Dinas Koperasi dan UKM|Satpol PP|Dinas Pariwisata|"
    "BPJS Kesehatan|Kementerian Agama Luwu Utara|Dinas Perkebunan|Dinas Ketahanan Pangan|"
    "Dinas Pemberdayaan Masyarakat Desa|Dinas Kependudukan|Kodim 1403 Sawerigading|"
    "Dinas Perumahan Rakyat|Dinas Tenaga Kerja|Bappelitbangda|Inspektorat",
    "|",
)
TOPICS = _items(
    "jalan rusak|banjir bandang|air bersih|listrik padam|pupuk bersubsidi|harga beras|"
    "vaksinasi anak|stunting|KTP elektronik|beasiswa miskin|jembatan gantung|sampah pasar|"
    "lampu jalan|irigasi sawah|harga cengkeh|panen kakao|sinyal telepon|rumah sakit daerah|"
    "ambulans desa|bantuan sosial|pasar tradisional|tanah longsor|gizi buruk|demam berdarah|"
    "sekolah rusak|guru honorer|kartu tani|iuran BPJS|pajak bumi dan bangunan|izin usaha|"
    "angkutan umum|ternak sapi|bibit durian|posyandu balita|kebakaran hutan|dana desa|"
    "sertifikat tanah|pemilihan kepala desa|harga solar|kapal nelayan|rumput laut|tambak udang|"
    "penerangan jalan|taman kota|obat generik|dokter spesialis|ruang kelas baru|"
    "perpustakaan desa|lomba desa|festival budaya",
    "|",
)
PROBLEMS = _items(
    "jalan berlubang|air PDAM keruh|listrik sering padam|pupuk langka|antrean panjang|"
    "jembatan nyaris putus|sampah menumpuk|lampu jalan mati|saluran irigasi tersumbat|"
    "harga gabah anjlok|sinyal hilang|obat habis|guru jarang masuk|pungutan liar|"
    "banjir setiap hujan|tanggul jebol|ternak dicuri|bantuan tidak tepat sasaran|"
    "KTP belum jadi|ambulans terlambat|parkir liar|pasar becek|drainase buruk",
    "|",
)
AFFIXED = _items(
    "disampaikan menyampaikan penyampaian dikeluhkan mengeluhkan keluhan ditanyakan menanyakan "
    "pertanyaan dilaporkan melaporkan pelaporan diusulkan mengusulkan usulan diperbaiki "
    "memperbaiki perbaikan dibangun membangun pembangunan dijelaskan menjelaskan penjelasan "
    "diwawancarai mewawancarai wawancara diimbau mengimbau imbauan disalurkan menyalurkan "
    "penyaluran diperiksa memeriksa pemeriksaan didata mendata pendataan ditindaklanjuti "
    "menindaklanjuti dibersihkan membersihkan kebersihan dilayani melayani pelayanan layanan "
    "diobati mengobati pengobatan didaftarkan mendaftar pendaftaran dibayarkan membayar "
    "pembayaran ditanam menanam penanaman dipanen memanen pemanenan diawasi mengawasi "
    "pengawasan dikunjungi mengunjungi kunjungan diresmikan meresmikan peresmian ditertibkan "
    "menertibkan"
)
FILL = _items(
    "yang di ke dari untuk dengan pada agar karena sudah belum akan masih segera tidak juga "
    "dan atau sejak minggu lalu ini kemarin pagi sore hari bulan tahun depan setiap para "
    "semua beberapa banyak sedikit sangat lebih kurang baru lama"
)
FIRST_NAMES = _items(
    "Andi Baso Hasan Nurhayati Sitti Muhammad Rahmat Irwan Yusuf Fatimah Sri Dewi Agus Budi "
    "Syamsul Arifin Marwah Rosmini Ismail Abdul Kadir Lukman Haerul Indah Rini Wahyuni Darwis "
    "Sudirman Jumriati Nasrullah Mustafa Hamzah Risma Suryani Anwar Rusdi Kasim Hasnah Ridwan "
    "Asriani Samsuddin Firman Halima Bahtiar Herman Nirwana Zainal Amiruddin Junaidi Salmawati"
)
FAMILY_NAMES = _items(
    "Rahman Lallo Djemma Mappa Pawelloi Tandiabang Sampe Paewa Daeng Pallawa Tappa Manggala "
    "Massalinri Lamba Usman Hamid Kadir Saleh Salam Yunus Tahir Jafar Latif Ibrahim Nawir"
)
POSITIONS = _items(
    "Kepala Dinas|Sekretaris Dinas|Kepala Bidang|Kepala Seksi|Camat|Kepala Desa|Direktur|Ketua|"
    "Anggota DPRD|Penyuluh Pertanian|Bidan Desa|Kepala Sekolah|Kapolsek|Manajer|Koordinator",
    "|",
)
SONGS = _items(
    "Indo Logo|Anging Mammiri|Ininnawa Sabbarakki|Alosi Ripolo Dua|Bulu Alaunna Tempe|"
    "Tengngana Lopi|Ongkona Arua|Sulawesi Parasanganta|Pakarena|Ati Raja",
    "|",
)
KINDS = [
    ("segment", 30),
    ("note", 28),
    ("question", 15),
    ("complaint", 12),
    ("music", 6),
    ("announcement", 4),
    ("psa", 3),
    ("ad", 2),
]


def place(r: random.Random) -> str:
    name = r.choice(DESA) if r.random() < 0.7 else r.choice(KECAMATAN)
    return name.replace("-", " ")


def words_(r: random.Random, n: int) -> str:
    return " ".join(r.choice(FILL if r.random() < 0.6 else AFFIXED) for _ in range(n))


def log_text(r: random.Random, kind: str, guest: str) -> str:
    """One live-log line of ``kind``: varied, with affixes, places, agencies and topics."""
    t, p, a = r.choice(TOPICS), place(r), r.choice(AGENCIES)
    if kind == "segment":
        return r.choice(
            [
                f"Dialog bersama {guest} tentang {t} di {p}",
                f"Wawancara dengan {guest} soal {t}, {words_(r, 4)}",
                f"Laporan langsung dari {p}: {t} {r.choice(AFFIXED)} {a}",
                f"Segmen {r.randint(1, 6)}: {t} dan {r.choice(TOPICS)}",
            ]
        )
    if kind == "note":
        return r.choice(
            [
                f"{guest} {r.choice(AFFIXED)} {t} {words_(r, 5)}",
                f"Gangguan telepon dari {p}, {words_(r, 3)}",
                f"Penyiar membacakan informasi {t} dari {a}",
                f"Cuaca {p} {r.choice(['cerah', 'berawan', 'hujan ringan', 'hujan deras'])} {words_(r, 3)}",
            ]
        )
    if kind == "question":
        return r.choice(
            [
                f"Pendengar dari {p} menanyakan {t} {words_(r, 3)}",
                f"Kapan {t} di {p} {r.choice(AFFIXED)}? {words_(r, 2)}",
                f"Bagaimana cara {r.choice(['mendaftar', 'mengurus', 'mendapatkan'])} {t} di {a}?",
            ]
        )
    if kind == "complaint":
        return r.choice(
            [
                f"Warga {p} mengeluhkan {r.choice(PROBLEMS)} {words_(r, 4)}",
                f"{r.choice(PROBLEMS).capitalize()} di {p} belum {r.choice(AFFIXED)} oleh {a}",
                f"Keluhan {t}: {r.choice(PROBLEMS)} sejak {r.randint(2, 9)} hari",
            ]
        )
    if kind == "music":
        return f"Lagu {r.choice(SONGS)} {words_(r, 1)}"
    if kind == "announcement":
        return f"Pengumuman {a}: {t} {words_(r, 5)} di {p}"
    if kind == "psa":
        return f"Iklan layanan masyarakat {t} dari {a}"
    return f"Iklan toko {r.choice(FAMILY_NAMES)} {place(r)} {words_(r, 3)}"


# --- filling the station ---------------------------------------------------------------


def make_home(root: Path) -> Path:
    home = root / "station"
    (home / "shows").mkdir(parents=True)
    (home / "archive").mkdir()
    shutil.copy(REPO / "radiodesk.toml", home / "radiodesk.toml")
    for show in (REPO / "shows").glob("*.toml"):
        shutil.copy(show, home / "shows" / show.name)
    return home


def fill(settings: Any, broadcasts: int, entries: int, seed: int) -> dict[str, int]:
    r = random.Random(seed)
    stamp = datetime(2026, 11, 23, tzinfo=UTC)
    with db.unit_of_work(settings) as session:
        sync_shows(session, settings)
        shows = list(session.scalars(select(Show.id).order_by(Show.id)))
        first_broadcast = (session.scalar(select(func.max(Broadcast.id))) or 0) + 1
    engine = db.engine_for(settings)
    per_day = broadcasts / ((datetime(2026, 11, 23, tzinfo=UTC) - FIRST_DAY).days)
    people = []
    for i in range(1, 3001):
        people.append(
            {
                "id": i,
                "name": f"{r.choice(FIRST_NAMES)} {r.choice(FAMILY_NAMES)}",
                "honorific": r.choice(["", "", "dr.", "Ir.", "H.", "Hj.", "Drs."]),
                "position": r.choice(POSITIONS),
                "institution": r.choice(AGENCIES),
                "created_at": stamp,
                "updated_at": stamp,
            }
        )
    counts = {"broadcasts": 0, "log entries": 0, "appearances": 0, "recordings": 0, "episodes": 0}
    with engine.begin() as conn:
        conn.execute(insert(Person), people)
        log_id = appearance_id = 1
        batch_b: list[dict[str, Any]] = []
        batch_l: list[dict[str, Any]] = []
        batch_a: list[dict[str, Any]] = []
        batch_r: list[dict[str, Any]] = []
        batch_e: list[dict[str, Any]] = []

        def flush() -> None:
            for model, rows in (
                (Broadcast, batch_b),
                (Appearance, batch_a),
                (LogEntry, batch_l),
                (Recording, batch_r),
                (Episode, batch_e),
            ):
                if rows:
                    conn.execute(insert(model), rows)
                    rows.clear()

        for n in range(broadcasts):
            b_id = first_broadcast + n
            start = FIRST_DAY + timedelta(days=n / per_day, minutes=r.randint(0, 59))
            start = start.replace(second=0, microsecond=0)
            minutes = r.choice([30, 60, 60, 90, 120])
            t = r.choice(TOPICS)
            batch_b.append(
                {
                    "id": b_id,
                    "show_id": r.choice(shows),
                    "planned_start": start,
                    "planned_end": start + timedelta(minutes=minutes),
                    "status": "aired",
                    "topic": f"{t.capitalize()} di {place(r)}",
                    "notes": r.choice(["", "", f"Narasumber dari {r.choice(AGENCIES)}"]),
                    "access_class": "exempt" if r.random() < 0.05 else "open",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            guests = r.sample(people, r.choice([0, 1, 1, 2, 2, 3]))
            for person in guests:
                batch_a.append(
                    {
                        "id": appearance_id,
                        "broadcast_id": b_id,
                        "person_id": person["id"],
                        "role": "guest",
                        "topic": t,
                        "created_at": stamp,
                    }
                )
                appearance_id += 1
            guest = guests[0]["position"] + " " + guests[0]["institution"] if guests else "penyiar"
            count = r.randint(entries // broadcasts - 4, entries // broadcasts + 4)
            kinds = r.choices([k for k, _ in KINDS], [w for _, w in KINDS], k=max(count, 1))
            for i, kind in enumerate(kinds):
                listener = kind in ("question", "complaint")
                batch_l.append(
                    {
                        "id": log_id,
                        "broadcast_id": b_id,
                        "at": start + timedelta(seconds=int((i + 0.5) * minutes * 60 / count)),
                        "kind": kind,
                        "text": log_text(r, kind, guest),
                        "author": "operator",
                        "caller_name": "",
                        "caller_location": place(r) if listener else "",
                        "agency": r.choice(AGENCIES) if listener else None,
                        "followup_status": "open" if listener else None,
                        "answer": "",
                        "deleted": False,
                        "created_at": stamp,
                        "updated_at": stamp,
                    }
                )
                log_id += 1
            if r.random() < 0.33:
                batch_r.append(
                    {
                        "sha256": f"{b_id:064x}",
                        "original_name": f"rec-{b_id}.wav",
                        "stored_path": f"masters/rec-{b_id}.wav",
                        "size": 1000,
                        "container": "wav",
                        "codec": "pcm_s16le",
                        "duration": minutes * 60.0 + 120,
                        "recorded_start": start - timedelta(minutes=1),
                        "broadcast_id": b_id,
                        "title": "",
                        "ingested_at": stamp,
                    }
                )
                counts["recordings"] += 1
                if r.random() < 0.3:
                    batch_e.append(
                        {
                            "guid": f"urn:bench:{b_id}",
                            "show_id": batch_b[-1]["show_id"],
                            "broadcast_id": b_id,
                            "title": f"{t.capitalize()}: {guest}",
                            "description": f"{words_(r, 6)} {t} di {place(r)}",
                            "status": "published",
                            "created_at": stamp,
                            "updated_at": stamp,
                        }
                    )
                    counts["episodes"] += 1
            if len(batch_l) >= 50_000:
                flush()
        flush()
        counts["broadcasts"] = broadcasts
        counts["log entries"] = log_id - 1
        counts["appearances"] = appearance_id - 1
    return counts


# --- the queries -----------------------------------------------------------------------

QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("wawancara", {}),
    ("pelayanan kesehatan", {}),
    ('"rumah sakit daerah"', {}),
    ("jalan rusak Sabbang", {}),
    ("banjir OR longsor", {}),
    ("pupuk bersubsidi -langka", {}),
    ("ambul*", {}),
    ("listrik padam Masamba", {}),
    ("kepala dinas pendidikan", {}),
    ("keluhan air bersih", {}),
    ("jembatan gantung Rampi", {}),
    ("bantuan sosial", {"kinds": ("complaint",)}),
    ("harga cengkeh", {"shows": ("suara-petani",)}),
    ("vaksinasi anak", {"date_from": date(2026, 1, 1)}),
    ("PLN Masamba", {}),
    ('"dinas pekerjaan umum" perbaikan', {}),
    ("posyandu balita Radda", {}),
    ("stunting gizi", {}),
    ("KTP elektronik Disdukcapil", {"kinds": ("question", "complaint")}),
    ("irigasi sawah Sukamaju", {"has_audio": True}),
]


def _like_term(term: Term) -> tuple[str, list[str]]:
    # The words as typed, as a substring: what a LIKE search can do.
    pattern = "%" + " ".join(term.words) + "%"
    return "l.text LIKE ?", [pattern]


def like_sql(parsed: ParsedQuery, filters: dict[str, Any]) -> tuple[str, list[Any]]:
    """The same query as a LIKE scan of the live log: same words, ANDs, ORs and NOTs."""
    where, params = [], []
    for group in parsed.groups:
        parts = [_like_term(t) for t in group]
        where.append("(" + " OR ".join(p for p, _ in parts) + ")")
        params += [x for _, ps in parts for x in ps]
    for term in parsed.excluded:
        sql, ps = _like_term(term)
        where.append("NOT " + sql)
        params += ps
    joins = ""
    if "kinds" in filters:
        where.append("l.kind IN (" + ",".join("?" * len(filters["kinds"])) + ")")
        params += list(filters["kinds"])
    if "shows" in filters:
        joins = " JOIN broadcast b ON b.id = l.broadcast_id JOIN show s ON s.id = b.show_id"
        where.append("s.slug IN (" + ",".join("?" * len(filters["shows"])) + ")")
        params += list(filters["shows"])
    if "date_from" in filters:
        where.append("l.at >= ?")
        params.append(filters["date_from"].isoformat())
    if filters.get("has_audio"):
        where.append("EXISTS (SELECT 1 FROM recording r WHERE r.broadcast_id = l.broadcast_id)")
    sql = (
        f"SELECT l.id FROM log_entry l{joins} WHERE l.deleted = 0 AND "
        + " AND ".join(where)
        + " ORDER BY l.at DESC LIMIT 20"
    )
    return sql, params


def run_search(settings: Any, query: str, filters: dict[str, Any]) -> Any:
    """One search in a unit of work of its own, as the desk's worker runs it."""
    with db.unit_of_work(settings) as session:
        return search(session, settings, query, SearchFilters(**filters), 20, 0)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def timed(call: Any) -> tuple[Any, float, float]:
    """``call()``, with its wall-clock and CPU (this thread) time in milliseconds."""
    wall, cpu = time.perf_counter(), time.thread_time()
    result = call()
    return result, (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--broadcasts", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=1_000_000, help="live-log entries, about")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each query")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build the station here and keep it")
    parser.add_argument(
        "--reuse", action="store_true", help="with --keep: use the station already there"
    )
    args = parser.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="radiodesk-search-bench-"))
    try:
        print(f"load average at start: {os.getloadavg()[0]:.2f} (2 shared cores)")
        if args.reuse and (root / "station" / "radiodesk.toml").exists():
            settings = load_settings(root / "station")
        else:
            settings = load_settings(make_home(root))
            db.upgrade(settings)
            started = time.perf_counter()
            counts = fill(settings, args.broadcasts, args.entries, args.seed)
            print(
                "generated "
                + ", ".join(f"{n:,} {what}" for what, n in counts.items())
                + f" in {time.perf_counter() - started:.1f} s"
            )

        def build_index() -> Any:
            with db.unit_of_work(settings) as session:
                return rebuild_index(session, settings)

        report, build, build_cpu = timed(build_index)
        build /= 1000
        size = Path(settings.database_url.split("///", 1)[1]).stat().st_size / 1e6
        print(
            f"index build: {report.documents:,} documents in {build:.1f} s"
            f" (CPU {build_cpu / 1000:.1f} s; database {size:.0f} MB)"
        )

        walls: list[float] = []
        cpus: list[float] = []
        rows: list[tuple[str, float, float, int, float, int]] = []
        like_walls: list[float] = []
        like_cpus: list[float] = []
        engine = db.engine_for(settings)
        for query, filters in QUERIES:
            page = run_search(settings, query, filters)  # warm-up
            times = [
                timed(lambda: run_search(settings, query, filters))  # noqa: B023
                for _ in range(args.runs)
            ]
            walls += [wall for _, wall, _ in times]
            cpus += [cpu for _, _, cpu in times]
            sql, params = like_sql(parse(query), filters)
            with engine.connect() as conn:
                found, like_wall, like_cpu = timed(
                    lambda: conn.exec_driver_sql(sql, tuple(params)).fetchall()  # noqa: B023
                )
            like_walls.append(like_wall)
            like_cpus.append(like_cpu)
            median = statistics.median(wall for _, wall, _ in times)
            median_cpu = statistics.median(cpu for _, _, cpu in times)
            rows.append((query, median, median_cpu, len(page.hits), like_wall, len(found)))

        print(f"\n{'query':40} {'radiodesk':>9} {'(CPU)':>7} {'hits':>4} {'LIKE':>8} {'hits':>4}")
        for query, ms, cpu, hits, like_ms, like_hits in rows:
            print(
                f"{query[:40]:40} {ms:7.1f}ms {cpu:5.1f}ms {hits:4d} {like_ms:6.0f}ms {like_hits:4d}"
            )
        p50, p95 = percentile(walls, 0.5), percentile(walls, 0.95)
        c50, c95 = percentile(cpus, 0.5), percentile(cpus, 0.95)
        like50, like95 = percentile(like_walls, 0.5), percentile(like_walls, 0.95)
        likec50 = percentile(like_cpus, 0.5)
        ratio, ratio_cpu = like50 / p50, likec50 / c50
        print(
            f"\nradiodesk search: p50 {p50:.1f} ms, p95 {p95:.1f} ms wall-clock"
            f" (CPU p50 {c50:.1f} ms, p95 {c95:.1f} ms; {len(walls)} timed calls)"
        )
        print(
            f"LIKE '%…%' scan:  p50 {like50:.0f} ms, p95 {like95:.0f} ms wall-clock"
            f" (CPU p50 {likec50:.0f} ms; {len(like_walls)} queries)"
        )
        print(f"ratio (LIKE p50 / radiodesk p50): {ratio:.0f}x wall-clock, {ratio_cpu:.0f}x CPU")
        print(f"index build: {build:.1f} s")
        print(f"load average at end: {os.getloadavg()[0]:.2f}")
        print(
            "goals: p95 <= 20 ms: {}; >= 50x: {}; build <= 60 s: {}".format(
                "met" if p95 <= 20 else "NOT met",
                "met" if ratio >= 50 else "NOT met",
                "met" if build <= 60 else "NOT met",
            )
        )
    finally:
        db.dispose_engines()
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
