"""A wheel (what `pip install .` builds) carries compiled catalogs that work on their own."""

from __future__ import annotations

import gettext
import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def source_tree(target: Path) -> Path:
    """The checkout as git sees it (tracked and new files, nothing ignored), copied."""
    listed = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_a_built_and_installed_wheel_speaks_indonesian(tmp_path: Path) -> None:
    src = source_tree(tmp_path / "src")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", ".", "--no-deps", "-w", str(tmp_path / "dist")],
        cwd=src,
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp_path / "dist").glob("radiodesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for lang in ("id", "en"):
            assert f"radiodesk/locale/{lang}/LC_MESSAGES/radiodesk.po" in names
            assert f"radiodesk/locale/{lang}/LC_MESSAGES/radiodesk.mo" in names
        mo = archive.read("radiodesk/locale/id/LC_MESSAGES/radiodesk.mo")
    assert gettext.GNUTranslations(io.BytesIO(mo)).gettext("Usage:") == "Penggunaan:"

    site = tmp_path / "site"
    subprocess.run(
        [*pip, "install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    # The compiled catalogs alone must do: no .po to fall back on.
    for po in site.glob("radiodesk/locale/*/LC_MESSAGES/radiodesk.po"):
        po.unlink()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADIODESK_")}
    env.update(PYTHONPATH=str(site), RADIODESK_LANG="id")
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import radiodesk, sys; print(radiodesk.__file__, flush=True);"
            " from radiodesk.cli import main; main(['--help'])",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0, shown.stderr
    where, help_text = shown.stdout.split("\n", 1)
    assert Path(where).is_relative_to(site)
    assert help_text.startswith("Penggunaan: radiodesk ")
    assert "Opsi:" in help_text and "Options:" not in help_text
