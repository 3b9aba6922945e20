"""export-bag: a BagIt bag the bagit library validates, with PBCore metadata that respects
consent; a damaged master is never handed over."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import bagit
from lxml import etree

from tests.archive.conftest import Air, MakeAudio, recordings, sha256
from tests.conftest import CliResult, Station

NS = {"p": "http://www.pbcore.org/PBCore/PBCoreNamespace.html"}


def test_a_bag_of_one_programme_validates_and_describes_its_recordings(
    station: Station,
    air: Air,
    audio: MakeAudio,
    tmp_path: Path,
    cli: Callable[..., CliResult],
) -> None:
    dialog = air.broadcast(
        "dialog-interaktif", "2026-11-19 09:00", 90, topic="Pelayanan RSUD Andi Djemma"
    )
    air.guest(dialog, "Andi Rahman", "guest", "given", topic="Antrean pasien")
    air.guest(dialog, "Siti Aminah", "caller", "refused")
    kabar = air.broadcast("kabar-pagi", "2026-11-20 06:00")
    assert cli("archive", "access", str(dialog), "exempt").code == 0
    wav = audio("2026-11-19_09-00-10.wav", freq=300)
    wav.with_suffix(".vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHalo.\n")
    files = [wav, audio("2026-11-19_09-30-00.mp3", freq=310), audio("2026-11-20_06-00-30.wav")]
    assert cli("ingest", "--no-render", *map(str, files)).code == 0
    out = tmp_path / "serah-terima"

    result = cli("export-bag", str(out), "--show", "dialog-interaktif", "--from", "2026-11-19")

    assert result.code == 0, result.err
    assert "2 recordings" in result.out
    bag = bagit.Bag(str(out))
    bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    assert bag.info["Source-Organization"] == station.settings.station.owner_name
    mine = [r for r in recordings(station) if r.broadcast_id == dialog]
    assert len(mine) == 2 and all(r.broadcast_id != kabar for r in mine)
    for row in mine:
        copy = out / "data" / row.stored_path
        assert sha256(copy) == row.sha256
        assert bag.entries[f"data/{row.stored_path}"]["sha256"] == row.sha256
        doc = etree.parse(str(out / "data" / "pbcore" / (Path(row.stored_path).stem + ".xml")))
        text = etree.tostring(doc, encoding="unicode")
        assert doc.getroot().tag == f"{{{NS['p']}}}pbcoreDescriptionDocument"
        assert doc.findtext("p:pbcoreAssetDate", namespaces=NS).startswith(
            "2026-11-19T09:00:00+08:00"
        )
        titles = {t.get("titleType"): t.text for t in doc.findall("p:pbcoreTitle", NS)}
        assert titles["Series"] == "Dialog Interaktif Halo Bupati"
        assert "Pelayanan RSUD Andi Djemma" in titles["Episode"]
        subjects = [s.text for s in doc.findall("p:pbcoreSubject", NS)]
        assert subjects == ["Pelayanan RSUD Andi Djemma", "Antrean pasien"]
        contributors = [
            (
                c.findtext("p:contributor", namespaces=NS),
                c.findtext("p:contributorRole", namespaces=NS),
            )
            for c in doc.findall("p:pbcoreContributor", NS)
        ]
        assert ("Rahmat Hidayat", "host") in contributors
        assert ("Andi Rahman", "guest") in contributors
        assert ("(name withheld)", "caller") in contributors
        assert "Siti Aminah" not in text
        assert (
            doc.findtext("p:pbcoreAnnotation[@annotationType='Access class']", namespaces=NS)
            == "exempt"
        )
        inst = doc.find("p:pbcoreInstantiation", NS)
        assert inst.findtext("p:instantiationLocation", namespaces=NS) == f"data/{row.stored_path}"
        assert inst.findtext("p:instantiationDuration", namespaces=NS) == "00:00:06"
        assert inst.findtext("p:instantiationFileSize", namespaces=NS) == str(row.size)
    transcript = next(r.transcript_path for r in mine if r.transcript_path)
    assert (out / "data" / transcript).read_text().startswith("WEBVTT")

    again = cli("export-bag", str(out))
    assert again.code == 1 and "already exists" in again.err


def test_a_damaged_master_stops_the_export_and_leaves_no_bag(
    station: Station, air: Air, audio: MakeAudio, tmp_path: Path, cli: Callable[..., CliResult]
) -> None:
    air.broadcast("kabar-pagi", "2026-11-20 06:00")
    assert cli("ingest", "--no-render", str(audio("2026-11-20_06-00-30.wav"))).code == 0
    [row] = recordings(station)
    master = station.settings.archive_dir / row.stored_path
    data = bytearray(master.read_bytes())
    data[-100] ^= 0xFF
    master.write_bytes(bytes(data))

    result = cli("export-bag", str(tmp_path / "bag"))

    assert result.code == 1 and "does not match its checksum" in result.err
    assert not (tmp_path / "bag").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".bag")]
    assert cli("export-bag", str(tmp_path / "x"), "--show", "tembang-kenangan").code == 1
