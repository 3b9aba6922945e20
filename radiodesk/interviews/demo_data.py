"""The made-up people, calls and songs of the interviews demo (Kabupaten Luwu Utara).

Every name is invented; positions and institutions are those a regency has.
"""

from __future__ import annotations

from dataclasses import dataclass

from radiodesk.models import Channel, Consent, LogKind

STATION = "Radio Kabar Luwu Utara"


@dataclass(frozen=True)
class Official:
    honorific: str
    name: str
    position: str
    institution: str
    agency: str  # the short name an operator writes when passing a complaint on
    topics: tuple[str, ...]
    consent: str = Consent.GIVEN
    publish_position: bool = True


OFFICIALS = (
    Official(
        "dr.",
        "Andi Nurhalisa Mustari",
        "Kepala Dinas Kesehatan",
        "Dinas Kesehatan Kabupaten Luwu Utara",
        "Dinas Kesehatan",
        ("Pencegahan demam berdarah di musim hujan", "Imunisasi anak dan posyandu"),
    ),
    Official(
        "dr.",
        "Muhammad Ridwan Latief",
        "Direktur",
        "RSUD Andi Djemma Masamba",
        "RSUD Andi Djemma",
        ("Layanan BPJS di RSUD Andi Djemma", "Antrean rawat jalan dan pendaftaran daring"),
    ),
    Official(
        "Ir.",
        "Baharuddin Tandiarrang",
        "Kepala Dinas PUPR",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Dinas PUPR",
        ("Perbaikan jalan poros Masamba–Seko", "Jembatan dan jalan desa di Rampi"),
    ),
    Official(
        "",
        "Syahrir Mappiasse",
        "Kepala Pelaksana BPBD",
        "Badan Penanggulangan Bencana Daerah",
        "BPBD",
        ("Siaga banjir musim hujan", "Pemulihan pascabanjir bandang"),
    ),
    Official(
        "",
        "Hasbullah Rante",
        "Kepala Disdukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Disdukcapil",
        ("Perekaman KTP-el keliling desa", "Akta kelahiran dan kartu identitas anak"),
    ),
    Official(
        "",
        "Andi Muhammad Asrul",
        "Camat Sabbang",
        "Kecamatan Sabbang",
        "Kecamatan Sabbang",
        ("Musrenbang dan dana desa di Sabbang",),
    ),
    Official(
        "",
        "Rusdi Pasolang",
        "Camat Baebunta",
        "Kecamatan Baebunta",
        "Kecamatan Baebunta",
        ("Penataan Pasar Baebunta",),
        consent=Consent.UNKNOWN,
    ),
    Official(
        "Dr. Hj.",
        "Sitti Marwah",
        "Kepala Dinas Pendidikan",
        "Dinas Pendidikan Kabupaten Luwu Utara",
        "Dinas Pendidikan",
        ("Penerimaan peserta didik baru", "Sekolah di daerah terpencil"),
    ),
    Official(
        "",
        "Amiruddin Tola",
        "Kepala Dinas Sosial",
        "Dinas Sosial Kabupaten Luwu Utara",
        "Dinas Sosial",
        ("Penyaluran bansos PKH dan BPNT", "Pendaftaran BPJS PBI"),
    ),
    Official(
        "Ir.",
        "Jufri Salewangang",
        "Kepala Dinas Pertanian",
        "Dinas Pertanian Kabupaten Luwu Utara",
        "Dinas Pertanian",
        ("Pupuk bersubsidi dan kartu tani", "Hama penggerek buah kakao"),
    ),
    Official(
        "Drs. H.",
        "Abdul Kadir Lamallongeng",
        "Sekretaris Daerah",
        "Pemerintah Kabupaten Luwu Utara",
        "Sekretariat Daerah",
        ("APBD 2027 untuk pelayanan publik",),
    ),
    Official(
        "H.",
        "Muhammad Taufik Daeng Sute",
        "Wakil Bupati",
        "Pemerintah Kabupaten Luwu Utara",
        "Sekretariat Daerah",
        ("Program prioritas daerah 2027", "Pelayanan publik di kecamatan"),
    ),
    Official(
        "",
        "Yohanis Palimbong",
        "Manajer",
        "PLN ULP Masamba",
        "PLN ULP Masamba",
        ("Pemadaman bergilir dan listrik desa",),
        consent=Consent.REFUSED,
    ),
    Official(
        "",
        "Firmansyah Tahir",
        "Direktur",
        "Perumda Air Minum Luwu Utara (PDAM)",
        "PDAM",
        ("Air bersih di Masamba dan Bone-Bone",),
    ),
    Official(
        "dr.",
        "Rahmawati Saleh",
        "Kepala Puskesmas",
        "Puskesmas Bone-Bone",
        "Dinas Kesehatan",
        ("Gizi balita dan pencegahan stunting",),
        publish_position=False,
    ),
)
REPORTER = ("", "Irwan Saputra", "Reporter", STATION)

# (kind, text, agency) — listeners' questions and complaints as the operator types them.
CALLS = (
    (LogKind.COMPLAINT, "Jalan desa berlubang dan becek, motor sering jatuh.", "Dinas PUPR"),
    (LogKind.QUESTION, "Kapan pengaspalan jalan kecamatan dilanjutkan?", "Dinas PUPR"),
    (LogKind.COMPLAINT, "Air PDAM keruh dan berbau sejak hujan deras.", "PDAM"),
    (LogKind.QUESTION, "Bagaimana cara pasang sambungan baru PDAM?", "PDAM"),
    (
        LogKind.COMPLAINT,
        "Tegangan listrik turun tiap magrib, pompa air tidak jalan.",
        "PLN ULP Masamba",
    ),
    (
        LogKind.COMPLAINT,
        "Obat di apotek RSUD sering kosong, pasien disuruh beli di luar.",
        "RSUD Andi Djemma",
    ),
    (LogKind.QUESTION, "Apakah poli anak RSUD buka hari Sabtu?", "RSUD Andi Djemma"),
    (
        LogKind.QUESTION,
        "Apakah perekaman KTP-el untuk pemilih pemula bisa di sekolah?",
        "Disdukcapil",
    ),
    (
        LogKind.COMPLAINT,
        "Kartu keluarga salah nama, sudah dua kali bolak-balik ke Masamba.",
        "Disdukcapil",
    ),
    (LogKind.COMPLAINT, "Kios pupuk minta harga di atas HET.", "Dinas Pertanian"),
    (LogKind.QUESTION, "Bagaimana mendapat bibit kakao sambung samping?", "Dinas Pertanian"),
    (LogKind.COMPLAINT, "Sungai meluap, jalan ke sekolah tergenang setinggi lutut.", "BPBD"),
    (LogKind.QUESTION, "Ke mana melapor kalau ada longsor di jalan kebun?", "BPBD"),
    (LogKind.COMPLAINT, "Nama kami hilang dari daftar penerima BPNT.", "Dinas Sosial"),
    (LogKind.QUESTION, "Apakah posyandu bulan ini tetap buka di balai desa?", "Dinas Kesehatan"),
    (LogKind.COMPLAINT, "Puskesmas pembantu di desa kami tidak ada petugas.", "Dinas Kesehatan"),
    (LogKind.QUESTION, "Kapan pendaftaran beasiswa untuk siswa SMP dibuka?", "Dinas Pendidikan"),
    (LogKind.COMPLAINT, "Atap ruang kelas SD bocor, murid belajar di teras.", "Dinas Pendidikan"),
    (
        LogKind.COMPLAINT,
        "Jalan poros ke Rampi rusak parah, mobil tidak bisa lewat kalau hujan.",
        "Dinas PUPR",
    ),
    (
        LogKind.COMPLAINT,
        "Jembatan gantung di Seko putus, anak sekolah menyeberang sungai.",
        "Dinas PUPR",
    ),
    (LogKind.COMPLAINT, "Lampu jalan di poros Masamba mati sejak sebulan.", "Dinas PUPR"),
    (LogKind.COMPLAINT, "Air PDAM mati tiga hari, warga beli air galon.", "PDAM"),
    (LogKind.QUESTION, "Apakah tarif air PDAM naik tahun depan?", "PDAM"),
    (
        LogKind.COMPLAINT,
        "Listrik padam hampir tiap malam, alat elektronik rusak.",
        "PLN ULP Masamba",
    ),
    (LogKind.QUESTION, "Kapan listrik masuk ke dusun kami? Masih pakai genset.", "PLN ULP Masamba"),
    (
        LogKind.COMPLAINT,
        "Antrean poli di RSUD Andi Djemma lama sekali, pasien BPJS menunggu sejak subuh.",
        "RSUD Andi Djemma",
    ),
    (
        LogKind.QUESTION,
        "Apakah pasien BPJS bisa dirujuk langsung ke Makassar dari RSUD?",
        "RSUD Andi Djemma",
    ),
    (
        LogKind.QUESTION,
        "Bagaimana mengurus KTP-el yang hilang, bisa di kantor camat?",
        "Disdukcapil",
    ),
    (LogKind.COMPLAINT, "Blangko KTP-el habis, sudah dua bulan menunggu cetak.", "Disdukcapil"),
    (
        LogKind.QUESTION,
        "Berapa biaya akta kelahiran untuk anak yang lahir di rumah?",
        "Disdukcapil",
    ),
    (
        LogKind.QUESTION,
        "Kapan pupuk bersubsidi tiba di kios? Petani sudah mulai tanam.",
        "Dinas Pertanian",
    ),
    (LogKind.COMPLAINT, "Sawah terendam banjir, kami minta bantuan benih padi.", "Dinas Pertanian"),
    (LogKind.COMPLAINT, "Tanggul sungai retak, warga takut banjir lagi.", "BPBD"),
    (LogKind.COMPLAINT, "Saluran air tersumbat, rumah warga kebanjiran tiap hujan deras.", "BPBD"),
    (LogKind.QUESTION, "Apakah bantuan PKH tahap empat sudah cair?", "Dinas Sosial"),
    (LogKind.QUESTION, "Bagaimana mendaftar BPJS PBI untuk keluarga tidak mampu?", "Dinas Sosial"),
    (
        LogKind.QUESTION,
        "Kapan ada pengasapan (fogging)? Banyak anak kena demam berdarah.",
        "Dinas Kesehatan",
    ),
    (
        LogKind.COMPLAINT,
        "Guru honorer di SD terpencil belum terima honor tiga bulan.",
        "Dinas Pendidikan",
    ),
)
PLACES = (
    "Masamba",
    "Baebunta",
    "Baebunta Selatan",
    "Sabbang",
    "Sabbang Selatan",
    "Malangke",
    "Malangke Barat",
    "Bone-Bone",
    "Sukamaju",
    "Sukamaju Selatan",
    "Seko",
    "Rampi",
    "Mappedeceng",
    "Tana Lili",
    "Rongkong",
)
CALLERS = (
    "Pak Darwis",
    "Ibu Hasma",
    "Pak Jamal",
    "Ibu Rosmiati",
    "Pak Usman",
    "Nurul",
    "Pak Sirajuddin",
    "Ibu Megawati",
    "Arman",
    "",
)
ANSWERS = {
    "Dinas PUPR": "Tim sudah meninjau lokasi; perbaikan masuk jadwal pekan depan.",
    "PDAM": "Pipa induk bocor sudah diganti; aliran normal kembali.",
    "PLN ULP Masamba": "Gangguan jaringan sudah diperbaiki; pemeliharaan diumumkan lewat radio.",
    "RSUD Andi Djemma": "Loket pendaftaran daring dibuka pukul 06.00 untuk mengurangi antrean.",
    "Disdukcapil": "Layanan keliling dijadwalkan ke kecamatan tersebut bulan ini.",
    "Dinas Pertanian": "Pupuk tiba di kios resmi minggu ini; bawa kartu tani.",
    "BPBD": "Tim BPBD dan warga kerja bakti membersihkan saluran.",
    "Dinas Sosial": "Pencairan tahap empat melalui kantor pos akhir bulan ini.",
    "Dinas Kesehatan": "Pengasapan dilakukan setelah penyelidikan epidemiologi oleh puskesmas.",
    "Dinas Pendidikan": "Honor sudah diproses dan dibayar melalui dana BOS.",
}
SONGS = (
    "Indo Logo",
    "Ininnawa Sabbarae",
    "Anging Mammiri",
    "Sepasang Mata Bola",
    "Widuri",
    "Kisah Kasih di Sekolah",
    "Teluk Bone",
    "Ongkona Arua",
)
PSAS = (
    "Iklan layanan masyarakat: cegah demam berdarah dengan 3M Plus",
    "Iklan layanan masyarakat: rekam KTP-el sebelum pemilihan",
    "Pengumuman: pemadaman listrik terencana hari Sabtu",
)
CHANNEL_WEIGHTS = (
    (Channel.PHONE, 5),
    (Channel.WHATSAPP, 5),
    (Channel.SMS, 3),
    (Channel.STUDIO, 1),
    (Channel.SOCIAL, 1),
)
