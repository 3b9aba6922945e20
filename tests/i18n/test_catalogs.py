"""The catalogs against the code: complete, nothing stale, placeholders intact."""

from __future__ import annotations

import importlib.metadata as metadata
import os
import time
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from click.testing import CliRunner

from radiodesk import i18n
from radiodesk.locale import catalogs
from radiodesk.locale.click_texts import CLICK_TEXTS, translate_click


def test_every_msgid_in_the_code_is_in_both_catalogs_and_nothing_else() -> None:
    problems = sorted(catalogs.check())
    if problems:
        pytest.fail(
            f"{len(problems)} problem(s); `python -m radiodesk.locale.catalogs update`, then "
            "translate:\n" + "\n".join(problems[:60]),
            pytrace=False,
        )


def _catalog(lang: str | None, *messages: tuple[object, object]) -> Catalog:
    catalog = Catalog(locale=lang, domain="radiodesk")
    for msgid, msgstr in messages:
        catalog.add(msgid, msgstr, [("radiodesk/x.py", 1)])  # type: ignore[arg-type]
    return catalog


def test_check_names_each_kind_of_problem(tmp_path: Path) -> None:
    template = _catalog(
        None,
        ("Aired {title}.", None),
        ("New text", None),
        ("Fuzzy text", None),
        ("Untranslated", None),
        (("{n} recording", "{n} recordings"), None),
    )
    indonesian = _catalog(
        "id",
        ("Aired {title}.", "Disiarkan {judul}."),  # placeholder renamed
        ("Fuzzy text", "Teks kabur"),
        ("Untranslated", ""),
        (("{n} recording", "{n} recordings"), ("{n} rekaman {extra}",)),
        ("Gone from the code", "Sudah tidak dipakai"),
    )
    indonesian["Fuzzy text"].flags.add("fuzzy")  # type: ignore[union-attr]
    english = _catalog(
        "en",
        ("Aired {title}.", ""),
        ("New text", ""),
        ("Fuzzy text", ""),
        ("Untranslated", "Teks"),
        (("{n} recording", "{n} recordings"), ("", "")),
    )
    indonesian_for_en = _catalog("id", ("Untranslated", "Teks"))
    source = tmp_path / "shows.py"
    source.write_text(
        "from radiodesk.i18n import _\n"
        "title = 'x'\n"
        "print(_(f'Aired {title}.'))\n"
        "print(_('Aired {title}.'.format(title=title)))\n"
        "print(_('Aired ' + title))\n"
        "LABELS = {'a': 'A'}\n"
        "print(_(LABELS.get('a', 'a')))\n",
        encoding="utf-8",
    )
    problems = catalogs.check(template, {"id": indonesian, "en": english}, [source])
    text = "\n".join(problems)
    assert "id: missing (run update): 'New text' used at radiodesk/x.py:1" in text
    assert "id: no longer used in the code (run update): 'Gone from the code'" in text
    assert "id: fuzzy, to review: 'Fuzzy text'" in text
    assert "id: untranslated: 'Untranslated'" in text
    assert "id: placeholders differ: msgid has ['{title}'], msgstr has ['{judul}']" in text
    assert "id: placeholders unknown to the msgid: ['{extra}']" in text
    # A plain variable holding an N_ msgid is fine; text built inside _() is not.
    assert [p.split(": ", 1)[0].rsplit(":", 1)[1] for p in problems if "run time" in p] == [
        "3",
        "4",
        "5",
    ]
    assert "en:" not in text.replace("en: msgstr", "")  # English may leave msgstr empty
    problems = catalogs.check(template, {"id": indonesian_for_en, "en": english}, [])
    assert "en: msgstr is the Indonesian translation: 'Untranslated'" in problems


# Texts click translates at run time from a variable (`_(extra["required"])` since click 8.5),
# so no extractor sees them: each is checked on a help page click writes instead.
CLICK_TEXTS_LOOKED_UP_INDIRECTLY = {"required"}
ON_A_CLICK_UPGRADE = (
    "click {version} no longer has these texts: {missing}. On a click upgrade: change "
    "CLICK_TEXTS in radiodesk/locale/click_texts.py to click's new wording, re-extract "
    "(`python -m radiodesk.locale.catalogs update`), translate the new msgids in "
    "radiodesk/locale/*/LC_MESSAGES/radiodesk.po, then run the catalog check "
    "(`python -m radiodesk.locale.catalogs check` and `pytest tests/i18n`)."
)


def test_click_texts_are_clicks_own_msgids() -> None:
    """A click upgrade that rewords a text must show here, not as English in the middle
    of an Indonesian help page."""
    folder = Path(click.__file__).parent
    found = {
        message
        for _f, _line, message, _c, _ctx in extract_from_dir(
            folder, [("*.py", "python")], keywords={"_": None, "ngettext": (1, 2)}
        )
    }
    singular = {m for m in found if isinstance(m, str)}
    plural = {m for m in found if isinstance(m, tuple)}
    missing = set(CLICK_TEXTS) - singular - CLICK_TEXTS_LOOKED_UP_INDIRECTLY
    version = metadata.version("click")
    assert not missing, ON_A_CLICK_UPGRADE.format(version=version, missing=sorted(missing))
    ours = {
        m.id
        for m in catalogs.extract()
        if isinstance(m.id, tuple) and "radiodesk/locale/click_texts.py" in dict(m.locations)
    }
    assert len(ours) == 7 and ours <= plural, ON_A_CLICK_UPGRADE.format(
        version=version, missing=sorted(ours - plural)
    )


def test_clicks_indirect_texts_reach_the_help_page_in_indonesian() -> None:
    @click.command()
    @click.option("--home", required=True, help="Station home.")
    def command(home: str) -> None:
        """A command."""

    translate_click()
    i18n.set_language("id")
    page = CliRunner().invoke(command, ["--help"]).output
    for text in CLICK_TEXTS_LOOKED_UP_INDIRECTLY:
        indonesian = i18n._(text)
        assert indonesian != text and f"[{indonesian}]" in page, (
            ON_A_CLICK_UPGRADE.format(version=metadata.version("click"), missing=[text]),
            page,
        )


def _write_po(path: Path, lang: str, msgstr: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        write_po(fh, _catalog(lang, ("Usage:", msgstr)))


def _write_mo(path: Path, lang: str, msgstr: str) -> None:
    with path.open("wb") as fh:
        write_mo(fh, _catalog(lang, ("Usage:", msgstr)))


def test_a_stale_mo_gives_way_to_its_po(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    mo, po = i18n.catalog_paths("id")
    _write_po(po, "id", "Penggunaan (po):")
    assert i18n.set_language("id") == "id"
    assert i18n._("Usage:") == "Penggunaan (po):"  # no .mo: compiled in memory

    _write_mo(mo, "id", "Penggunaan (mo):")
    assert i18n.set_language("id") and i18n._("Usage:") == "Penggunaan (mo):"

    # A translator edits the .po later than the .mo was compiled: the .po wins.
    _write_po(po, "id", "Penggunaan (baru):")
    later = time.time() + 60
    os.utime(po, (later, later))
    assert i18n.set_language("id") and i18n._("Usage:") == "Penggunaan (baru):"

    # A wheel's installer wrote the .po a moment after the .mo: the same catalog.
    now = time.time()
    os.utime(mo, (now, now))
    os.utime(po, (now + 1, now + 1))
    assert i18n.set_language("id") and i18n._("Usage:") == "Penggunaan (mo):"


def test_english_falls_back_to_the_msgid_never_to_indonesian() -> None:
    i18n.set_language("en")
    english = catalogs.read_catalog("en")
    indonesian = catalogs.read_catalog("id")
    for message in indonesian:
        if not message.id or isinstance(message.id, tuple) or not message.string:
            continue
        reworded = english.get(message.id)
        assert i18n._(message.id) == ((reworded.string if reworded else "") or message.id)
