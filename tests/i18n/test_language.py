"""The language an operator gets: station setting, RADIODESK_LANG, --lang; help and errors.

Run as an operator does, in a fresh `radiodesk` process, so that the language is chosen
before the commands are built.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from radiodesk import i18n
from radiodesk.i18n import _
from radiodesk.locale import catalogs

RADIODESK = Path(sys.executable).parent / "radiodesk"
ENGLISH_HEADINGS = ("Usage:", "Options:", "Commands:", "Show this message and exit.")
INDONESIAN_HEADINGS = ("Penggunaan:", "Opsi:", "Perintah:", "Tampilkan pesan ini lalu keluar.")


def run(
    *args: str, cwd: Path, lang: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADIODESK_")}
    if lang:
        env["RADIODESK_LANG"] = lang
    return subprocess.run(
        [str(RADIODESK), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def in_language(lang: str, message: str) -> str:
    """``message`` as the catalog of ``lang`` has it (the test process stays English)."""
    i18n.set_language(lang)
    try:
        return _(message)
    finally:
        i18n.set_language("en")


def station_with_language(make_home: Callable[..., Path], lang: str) -> Path:
    return make_home(f"home-{lang}", settings_text=f"[station]\nlanguage = '{lang}'\n")


def test_help_differs_between_indonesian_and_english(make_home: Callable[..., Path]) -> None:
    home = make_home()
    indonesian = run("--help", cwd=home, lang="id")
    english = run("--help", cwd=home, lang="en")
    assert indonesian.returncode == 0 and english.returncode == 0, indonesian.stderr
    assert indonesian.stdout.startswith("Penggunaan: radiodesk ")
    for heading in INDONESIAN_HEADINGS:
        assert heading in indonesian.stdout
        assert heading not in english.stdout
    for heading in ENGLISH_HEADINGS:
        assert heading in english.stdout
        assert heading not in indonesian.stdout
    for text in (
        "Create or upgrade a station home and its database.",
        "Station home folder (default: RADIODESK_HOME, else the current folder).",
        "Show the version and exit.",
    ):
        translated = in_language("id", text)
        assert translated != text
        # click wraps and shortens help lines: compare the first words.
        assert " ".join(text.split()[:3]) in " ".join(english.stdout.split())
        assert " ".join(translated.split()[:3]) in " ".join(indonesian.stdout.split())


def test_lang_option_overrides_the_environment(make_home: Callable[..., Path]) -> None:
    home = make_home()
    english = run("--lang", "en", "--help", cwd=home, lang="id")
    indonesian = run("--lang=id", "shows", "--help", cwd=home, lang="en")
    assert english.stdout.startswith("Usage: radiodesk ")
    assert indonesian.stdout.startswith("Penggunaan: radiodesk shows ")
    assert in_language("id", "Load shows/*.toml into the database (safe to repeat).")[:20] in (
        indonesian.stdout
    )


def test_the_station_language_is_the_default(
    make_home: Callable[..., Path], tmp_path: Path
) -> None:
    english_home = station_with_language(make_home, "en")
    indonesian_home = station_with_language(make_home, "id")
    assert run("--help", cwd=english_home).stdout.startswith("Usage:")
    assert run("--help", cwd=indonesian_home).stdout.startswith("Penggunaan:")
    # --home names the station wherever the operator stands.
    assert run("--home", str(english_home), "--help", cwd=tmp_path).stdout.startswith("Usage:")
    shown = run("shows", "sync", "--home", str(indonesian_home), "--help", cwd=tmp_path)
    assert shown.stdout.startswith("Penggunaan: radiodesk shows sync")
    # RADIODESK_LANG beats the station's setting.
    assert run("--help", cwd=indonesian_home, lang="en").stdout.startswith("Usage:")


def test_a_bad_setting_is_reported_in_the_chosen_language(make_home: Callable[..., Path]) -> None:
    home = make_home(settings_text="[station]\ntimezone = 'Mars/Olympus'\n")
    expected = {}
    for lang in ("id", "en"):
        i18n.set_language(lang)
        detail = _("{file}: key '{key}': expected {expected}").format(
            file=home / "radiodesk.toml",
            key="station.timezone",
            expected=_("an IANA time zone such as Asia/Makassar"),
        )
        expected[lang] = _("radiodesk: error: {message}").format(message=detail)
    i18n.set_language("en")
    assert expected["id"] != expected["en"]
    for lang in ("id", "en"):
        result = run("shows", "sync", cwd=home, lang=lang)
        assert result.returncode == 1
        assert result.stderr.strip() == expected[lang]
    assert "zona waktu" in expected["id"]


def test_no_database_is_reported_in_indonesian(make_home: Callable[..., Path]) -> None:
    home = make_home()  # the demo settings: language id, and no database yet
    result = run("shows", "sync", cwd=home)
    assert result.returncode == 1
    message = in_language(
        "id", "The station at {home} has no database yet: run 'radiodesk init'."
    ).format(home=home)
    assert result.stderr.strip() == in_language("id", "radiodesk: error: {message}").format(
        message=message
    )
    assert "radiodesk init" in message and "has no database" not in message


def test_click_usage_errors_are_translated(make_home: Callable[..., Path]) -> None:
    home = make_home()
    result = run("shows", "sync", "--bogus", cwd=home, lang="id")
    assert result.returncode == 2
    error = in_language("id", "Error: {message}").format(
        message=in_language("id", "No such option {name!r}.").format(name="--bogus")
    )
    assert error in result.stderr
    assert (
        in_language("id", "Try '{command} {option}' for help.").format(
            command="radiodesk shows sync", option="--help"
        )
        in result.stderr
    )
    assert "Error" not in result.stderr and "Usage" not in result.stderr
    unknown = run("nonsense", cwd=home, lang="id")
    assert unknown.returncode == 2
    assert in_language("id", "No such command {name!r}.").format(name="nonsense") in unknown.stderr


HELP_TEXTS = """
import json, sys
import click
from radiodesk import i18n
i18n.set_language(sys.argv[1])
from radiodesk.locale.click_texts import translate_click
translate_click()
from radiodesk.cli.commands import cli

found = []
def walk(command, path):
    for text in (command.help, command.short_help):
        if text:
            found.append([path, text])
    for param in command.params:
        if getattr(param, "help", None):
            found.append([path + " " + (param.name or ""), param.help])
    for name, sub in getattr(command, "commands", {}).items():
        walk(sub, path + " " + name)
walk(cli, "radiodesk")
print(json.dumps(found))
"""


def help_texts(lang: str) -> list[tuple[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RADIODESK_")}
    done = subprocess.run(
        [sys.executable, "-c", HELP_TEXTS, lang], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return [tuple(pair) for pair in json.loads(done.stdout)]


@pytest.fixture(scope="module")
def msgids() -> set[str]:
    return {m.id for m in catalogs.extract() if isinstance(m.id, str)}


def test_every_help_text_is_a_msgid_shown_translated(msgids: set[str]) -> None:
    english = help_texts("en")
    indonesian = help_texts("id")
    assert len(english) == len(indonesian) > 20
    literal = [f"{where}: {text!r}" for where, text in english if text not in msgids]
    assert not literal, "help texts that bypass _():\n" + "\n".join(literal)
    catalog = catalogs.read_catalog("id")
    wrong = [
        f"{where}: {shown!r}"
        for (where, text), (_where, shown) in zip(english, indonesian, strict=True)
        if catalog.get(text) is not None and shown != catalog[text].string
    ]
    assert not wrong, "help texts not in Indonesian:\n" + "\n".join(wrong)
