"""Benchmark of automatic transcripts on 10 minutes of Indonesian speech.

    python tests/bench/transcribe.py [--minutes 10] [--model base|FOLDER] [--threads 2]

Makes a throw-away station home, speaks Indonesian paragraphs with espeak-ng into one WAV of
the given length (short pauses between paragraphs), archives it with ``radiodesk ingest`` and
transcribes it with ``radiodesk transcribe`` (the real model, int8, on this CPU), each in a
child process whose peak resident memory is read from the kernel.

Printed: the real-time factor (seconds of work per second of audio) and peak memory, beside
the baseline measured in the same run: ffmpeg decoding the same audio to 16 kHz mono, as the
transcriber has it decoded. Also the share of the spoken words found in the transcript.
Goals with base int8: <= 0.35 x real time, <= 1 GB resident.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.transcripts.conftest import PARAGRAPHS as TEST_PARAGRAPHS  # noqa: E402

# The tests' paragraphs, and two more.
PARAGRAPHS = [
    *TEST_PARAGRAPHS,
    "Kepala Dinas Kesehatan berbicara tentang rumah sakit umum daerah.",
    "Warga diminta melapor jika melihat kerusakan jalan di desanya.",
]


def measured(command: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident memory (bytes) of ``command`` run in a child of a
    fresh interpreter (so the peak is that command's alone)."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,"
        " code)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, env=env
    )
    seconds, peak_kb, code = out.stdout.split()
    if code != "0":
        sys.exit(f"failed: {' '.join(command)}\n{out.stderr}")
    return float(seconds), int(peak_kb) * 1024


def make_speech(folder: Path, minutes: float) -> tuple[Path, list[str]]:
    """A WAV of ``minutes`` of Indonesian speech, and the words spoken in it."""
    pieces, spoken, total, n = [], [], 0.0, 0
    while total < minutes * 60:
        text = PARAGRAPHS[n % len(PARAGRAPHS)]
        piece = folder / f"p{n:04d}.wav"
        subprocess.run(["espeak-ng", "-v", "id", "-s", "140", "-w", str(piece), text], check=True)
        seconds = os.path.getsize(piece) / (22050 * 2)
        pieces.append(piece)
        spoken.extend(re.findall(r"[a-z]+", text.lower()))
        total += seconds + 1.0
        n += 1
    listing = folder / "pieces.txt"
    listing.write_text("".join(f"file '{p}'\nfile '{folder / 'pause.wav'}'\n" for p in pieces))
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-t", "1",
         "-i", "anullsrc=r=22050:cl=mono", "-c:a", "pcm_s16le", str(folder / "pause.wav")],
        check=True,
    )  # fmt: skip
    target = folder / "incoming" / "bench_2026-11-02T080000+0800.wav"
    target.parent.mkdir()
    subprocess.run(
        ["ffmpeg", "-nostdin", "-loglevel", "error", "-f", "concat", "-safe", "0",
         "-i", str(listing), "-t", str(minutes * 60), "-c:a", "pcm_s16le", str(target)],
        check=True,
    )  # fmt: skip
    return target, spoken


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--model", default="base")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="radiodesk-bench-") as tmp:
        root = Path(tmp)
        home = root / "home"
        (home / "archive").mkdir(parents=True)
        (home / "radiodesk.toml").write_text(
            (REPO / "radiodesk.toml").read_text(encoding="utf-8")
            + f'\n[transcripts]\nmodel = "{args.model}"\nthreads = {args.threads}\n',
            encoding="utf-8",
        )
        speech, spoken = make_speech(root, args.minutes)
        audio = args.minutes * 60
        env = {**os.environ, "RADIODESK_HOME": str(home), "RADIODESK_LANG": "en"}
        radiodesk = [sys.executable, "-m", "radiodesk"]
        subprocess.run([*radiodesk, "init", str(home)], env=env, check=True, capture_output=True)
        subprocess.run([*radiodesk, "ingest", str(speech.parent)], env=env, check=True,
                       capture_output=True)  # fmt: skip

        decode = ["ffmpeg", "-nostdin", "-loglevel", "error", "-i", str(speech),
                  "-ac", "1", "-ar", "16000", "-f", "f32le", "-y", os.devnull]  # fmt: skip
        base_seconds, base_peak = measured(decode)
        work_seconds, peak = measured([*radiodesk, "transcribe"], env)

        vtts = list((home / "archive").rglob("*.vtt"))
        text = "".join(
            line + " " for line in vtts[0].read_text(encoding="utf-8").splitlines()[4:]
            if line and "-->" not in line
        )  # fmt: skip
        heard = collections.Counter(re.findall(r"[a-z]+", text.lower()))
        found = sum((collections.Counter(spoken) & heard).values())
        cues = sum(1 for line in vtts[0].read_text(encoding="utf-8").splitlines() if "-->" in line)

    print(f"audio: {audio / 60:.1f} min of espeak-ng Indonesian, {len(spoken)} words spoken")
    print(f"cpu: {os.cpu_count()} cores; model {args.model}, int8, {args.threads} threads")
    print(
        f"baseline ffmpeg decode to 16 kHz: {base_seconds:.2f} s"
        f" = {base_seconds / audio:.4f} x real time, peak {base_peak / 2**20:.0f} MiB"
    )
    print(
        f"transcribe (load + {audio / 60:.1f} min): {work_seconds:.1f} s"
        f" = {work_seconds / audio:.3f} x real time (goal <= 0.35),"
        f" peak {peak / 2**20:.0f} MiB (goal <= 1024)"
    )
    print(f"words: {cues} cues; {found} of {len(spoken)} spoken words heard "
          f"({found / len(spoken):.0%})")  # fmt: skip


if __name__ == "__main__":
    main()
