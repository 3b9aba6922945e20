"""An editor replaces an automatic transcript with a corrected WebVTT file: it lands beside
the master in the automatic one's place, checksummed (verify passes), marked as a person's,
its approval withdrawn until an editor approves again; search follows at once. A file that is
not WebVTT is one line and changes nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from radiodesk.models import Recording, Transcript
from radiodesk.publish import publish
from radiodesk.search.transcripts import parse_cues
from tests.conftest import CliResult, Station
from tests.publish.helpers import NOW
from tests.transcripts.conftest import SENTENCE, public_text, published_dialog, say

Cli = Callable[..., CliResult]

CORRECTED = """WEBVTT

NOTE corrected by the editor

00:00:01.000 --> 00:00:04.500
Selamat pagi. Kepala Dinas Kesehatan meninjau Puskesmas Sabbang.

00:01:02.000 --> 00:01:05.000
- Warga Baebunta meminta ambulans baru.
"""


def test_a_corrected_file_replaces_the_transcript_and_search_follows(
    station: Station, cli: Cli, tmp_path: Path
) -> None:
    settings = station.settings
    speech = say(tmp_path / "dialog.wav", SENTENCE, silence_before=1)
    aired, _episode = published_dialog(station, speech)
    rec = str(aired.recording_id)
    assert cli("transcribe", rec).code == 0
    assert cli("transcribe", "--approve", rec).code == 0
    assert "[rumah] [sakit]" in cli("search", "rumah sakit").out
    assert "Sabbang" not in cli("search", "sabbang").out
    with station.session() as session:
        automatic = session.scalars(select(Transcript)).one()
        vtt = settings.archive_dir / str(automatic.path)
        assert automatic.model and automatic.approved_at is not None
    before = vtt.read_bytes()
    publish(settings, NOW)
    assert "rumah sakit" in public_text(settings.public_dir).lower()

    # Not WebVTT: one line each, nothing changed.
    srt = tmp_path / "fixed.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:04,500\nPuskesmas Sabbang\n", encoding="utf-8")
    no_timing = tmp_path / "broken.vtt"
    no_timing.write_text("WEBVTT\n\n1.5 --> 4.5\nPuskesmas Sabbang\n", encoding="utf-8")
    latin1 = tmp_path / "latin1.vtt"
    latin1.write_bytes("WEBVTT\n\n00:01.000 --> 00:02.000\nPuskesmas Sabbang é\n".encode("latin-1"))
    for bad, why in [
        (srt, "its first line must be WEBVTT"),
        (no_timing, "line 3 is not a cue timing"),
        (latin1, "is not UTF-8 text"),
        (tmp_path / "missing.vtt", "cannot be read"),
    ]:
        refused = cli("transcript", "replace", rec, str(bad))
        assert refused.code != 0 and why in refused.err, refused.err
        assert len(refused.err.strip().splitlines()) == 1 and "Traceback" not in refused.err
    assert cli("transcript", "replace", "999999", str(srt)).code != 0
    assert vtt.read_bytes() == before
    assert "Sabbang" not in cli("search", "sabbang").out
    with station.session() as session:
        assert session.scalars(select(Transcript)).one().approved_at is not None

    corrected = tmp_path / "corrected.vtt"
    corrected.write_text(CORRECTED, encoding="utf-8")
    done = cli("transcript", "replace", rec, str(corrected))
    assert done.code == 0, done.err
    assert "2 cues" in done.out and "approving again" in done.out

    # In the automatic one's place, byte for byte, no temporary file left.
    assert vtt.read_bytes() == corrected.read_bytes()
    with station.session() as session:
        row = session.scalars(select(Transcript)).one()
        recording = session.get(Recording, aired.recording_id)
        assert recording is not None
        master = Path(recording.stored_path).name
        assert sorted(p.name for p in vtt.parent.iterdir()) == sorted([vtt.name, master])
        assert row.path == automatic.path and row.status == "done" and row.cues == 2
        assert row.sha256 == hashlib.sha256(corrected.read_bytes()).hexdigest()
        assert row.size == len(corrected.read_bytes())
        assert row.model == "" and (row.settings or {}).get("edited_by") == "person"
        assert row.approved_at is None and recording.transcript_path is None
    assert "edited" in cli("transcribe", "--status").out
    verified = cli("verify")
    assert verified.code == 0 and "3 intact" in verified.out, verified.out + verified.err

    # Search follows at once: the new words are found at their minute, the old ones are gone.
    found = cli("search", "sabbang").out
    assert "[Sabbang]" in found or "[sabbang]" in found.lower(), found
    assert "baebunta" in cli("search", "baebunta").out.lower()
    assert "[rumah]" not in cli("search", "rumah sakit").out
    # A second correction of the not yet approved text: search follows it too.
    again = tmp_path / "again.vtt"
    again.write_text(CORRECTED.replace("Baebunta", "Malangke"), encoding="utf-8")
    assert cli("transcript", "replace", rec, str(again)).code == 0
    assert "malangke" in cli("search", "malangke").out.lower()
    assert "baebunta" not in cli("search", "baebunta").out.lower()

    # Withdrawn approval: the next publish takes the transcript off public/ ...
    publish(settings, NOW)
    text = public_text(settings.public_dir).lower()
    assert "rumah sakit" not in text and "sabbang" not in text
    assert not list(settings.public_dir.rglob("*.vtt"))
    # ... until an editor approves the corrected text.
    assert cli("transcribe", "--approve", rec).code == 0
    publish(settings, NOW)
    [published] = list(settings.public_dir.rglob("*.vtt"))
    cues = parse_cues(published.read_text(encoding="utf-8"))
    assert [c.start for c in cues] == [1.0, 62.0]
    assert "Puskesmas Sabbang" in cues[0].text and "rumah sakit" not in cues[0].text.lower()
