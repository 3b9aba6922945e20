"""Station home and settings (``radiodesk.toml``).

A station lives in one folder, its *home*. Settings come from ``radiodesk.toml`` in it; a
missing file means the embedded defaults. ``RADIODESK_HOME`` picks the home and
``RADIODESK_DATABASE_URL`` overrides the database. Any wrong setting raises
:class:`~radiodesk.errors.ConfigError` with one line naming the file, the key and what is
expected.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from radiodesk.errors import ConfigError, RadiodeskError
from radiodesk.files import Sharing
from radiodesk.i18n import LANGUAGES, _

SETTINGS_FILE = "radiodesk.toml"
DEFAULT_ZONE = "Asia/Makassar"


@dataclass(frozen=True)
class StationSettings:
    """Who the station is. Shown on the desk, the public page and in feeds."""

    name: str = "Radio Kabar Luwu Utara"
    short_name: str = "RKLU"
    frequency: str = "100 FM"
    city: str = "Masamba"
    region: str = "Kabupaten Luwu Utara, Sulawesi Selatan"
    country: str = "ID"
    timezone: str = DEFAULT_ZONE
    language: str = "id"
    public_url: str = "http://localhost:8100"
    owner_name: str = "Dinas Komunikasi, Informatika dan Persandian Kabupaten Luwu Utara"
    owner_email: str = "radio@example.go.id"
    description: str = ""
    artwork: str = ""
    latitude: float | None = None
    longitude: float | None = None
    retention_days: int = 365


@dataclass(frozen=True)
class Settings:
    """Everything radiodesk knows about one station home. Paths are absolute."""

    home: Path
    station: StationSettings = field(default_factory=StationSettings)
    database_url: str = ""
    archive_dir: Path = Path("archive")
    public_dir: Path = Path("public")
    shows_dir: Path = Path("shows")
    settings_file: Path | None = None
    # The group that may read and write the private files too ("": their owner only).
    shared_group: str = ""
    # The [logger] table as written, (key, value) pairs; read by radiodesk.logger.settings.
    logger: tuple[tuple[str, Any], ...] = ()
    # The [transcripts] table as written; read by radiodesk.transcripts.settings.
    transcripts: tuple[tuple[str, Any], ...] = ()

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.station.timezone)

    @property
    def sharing(self) -> Sharing:
        """Who may read the database, the error log and archive/ (see radiodesk.files)."""
        return Sharing(self.shared_group)


_STATION_TYPES: dict[str, type | tuple[type, ...]] = {
    "name": str,
    "short_name": str,
    "frequency": str,
    "city": str,
    "region": str,
    "country": str,
    "timezone": str,
    "language": str,
    "public_url": str,
    "owner_name": str,
    "owner_email": str,
    "description": str,
    "artwork": str,
    "latitude": (int, float),
    "longitude": (int, float),
    "retention_days": int,
}
_TOP_KEYS = {
    "database_url",
    "archive_dir",
    "public_dir",
    "shows_dir",
    "shared_group",
    "station",
    "logger",
    "agency",
    "abbreviations",
    "loanwords",
    "transcripts",
}


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file; a mistake raises ConfigError with the file and the line."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ConfigError(
            _("{file}: cannot be read: {reason}").format(file=path, reason=err.strerror)
        ) from None
    try:
        parsed = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(_("{file}: not UTF-8 text").format(file=path)) from None
    except tomllib.TOMLDecodeError as err:
        reason = str(err)
        if "line" not in reason:
            # "at end of document": name the last line, where the text stops.
            lines = max(1, data.count(b"\n") + (0 if data.endswith(b"\n") else 1))
            reason = _("{reason} (line {line})").format(reason=reason, line=lines)
        raise ConfigError(
            _("{file}: not valid TOML: {reason}").format(file=path, reason=reason)
        ) from None
    _refuse_control_characters(path, parsed, "")
    return parsed


# Characters no text of a station may hold: they break XML (feeds, pages) and iCalendar, and
# no one types them on purpose (C0 controls but tab, newline and return; DEL; the C1 controls).
# A regular-expression character class; radiodesk.publish.text strips the same from what
# operators type.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


def without_control_characters(text: str) -> str:
    """``text`` with :data:`CONTROL_CHARACTERS` taken out."""
    return _CONTROL.sub("", text)


def _refuse_control_characters(path: Path, value: Any, key: str) -> None:
    """ConfigError naming the first key whose text holds a control character."""
    if isinstance(value, str):
        if found := _CONTROL.search(value):
            raise _bad(
                path,
                key,
                _("text without control characters (found U+{code:04X})").format(
                    code=ord(found.group())
                ),
            )
    elif isinstance(value, dict):
        for name, item in value.items():
            _refuse_control_characters(path, item, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_control_characters(path, item, f"{key}[{index}]")


def resolve_home(home: str | os.PathLike[str] | None = None) -> Path:
    """The station home: ``home`` if given, else ``RADIODESK_HOME``, else the current folder."""
    chosen = home or os.environ.get("RADIODESK_HOME") or os.getcwd()
    root = Path(chosen).expanduser().resolve()
    try:
        str(root).encode("utf-8")
    except UnicodeEncodeError:
        # Its name goes into the database URL and the files' texts, which are UTF-8.
        raise ConfigError(
            _("The station home {folder} has a name that is not UTF-8: rename it.").format(
                folder=os.fsencode(root).decode("utf-8", "backslashreplace")
            )
        ) from None
    return root


def _bad(path: Path, key: str, expected: str) -> ConfigError:
    return ConfigError(
        _("{file}: key '{key}': expected {expected}").format(file=path, key=key, expected=expected)
    )


def _check_type(path: Path, key: str, value: Any, kind: type | tuple[type, ...]) -> None:
    # bool is an int in Python; a setting that wants a number must not take true/false.
    if isinstance(value, bool) or not isinstance(value, kind):
        names = {str: _("text"), int: _("a whole number"), (int, float): _("a number")}
        raise _bad(path, key, names.get(kind, str(kind)))


def table_error(file: Path | None, key: str, expected: str) -> ConfigError:
    """The error of ``key`` (``table.name``) of a station's radiodesk.toml (``file``, None
    when the station has none)."""
    return _bad(file or Path(SETTINGS_FILE), key, expected)


def checked_table(
    file: Path | None,
    table: str,
    items: Iterable[tuple[str, Any]],
    types: Mapping[str, type | tuple[type, ...]],
) -> Iterator[tuple[str, Any]]:
    """The (key, value) pairs of the ``[table]`` table ``items``, in the file's order, each
    key one of ``types`` and its value of that type (true/false no number); ConfigError at
    the first that is not."""
    for key, value in items:
        kind = types.get(key)
        if kind is None:
            raise table_error(
                file, f"{table}.{key}", _("one of {keys}").format(keys=", ".join(sorted(types)))
            )
        if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
            raise table_error(file, f"{table}.{key}", _("a value of another kind"))
        yield key, value


def load_settings(home: str | os.PathLike[str] | None = None) -> Settings:
    """Read the settings of the station at ``home`` (see :func:`resolve_home`)."""
    root = resolve_home(home)
    path = root / SETTINGS_FILE
    raw: dict[str, Any] = read_toml(path) if path.exists() else {}
    for key in raw:
        if key not in _TOP_KEYS:
            raise _bad(path, key, _("one of {keys}").format(keys=", ".join(sorted(_TOP_KEYS))))

    station_raw = raw.get("station", {})
    if not isinstance(station_raw, dict):
        raise _bad(path, "station", _("a [station] table"))
    values: dict[str, Any] = {}
    for key, value in station_raw.items():
        if key not in _STATION_TYPES:
            raise _bad(
                path,
                f"station.{key}",
                _("one of {keys}").format(keys=", ".join(sorted(_STATION_TYPES))),
            )
        _check_type(path, f"station.{key}", value, _STATION_TYPES[key])
        values[key] = value
    station = StationSettings(**values)

    try:
        ZoneInfo(station.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise _bad(path, "station.timezone", _("an IANA time zone such as Asia/Makassar")) from None
    if station.language not in LANGUAGES:
        raise _bad(path, "station.language", _("one of {keys}").format(keys=", ".join(LANGUAGES)))
    if not station.public_url.startswith(("http://", "https://")):
        raise _bad(path, "station.public_url", _("an http:// or https:// address"))
    if station.retention_days < 365:
        raise _bad(path, "station.retention_days", _("at least 365 (one year, UU 32/2002)"))
    if "@" not in station.owner_email:
        raise _bad(path, "station.owner_email", _("an e-mail address"))

    folders: dict[str, Path] = {}
    for key, default in (
        ("archive_dir", "archive"),
        ("public_dir", "public"),
        ("shows_dir", "shows"),
    ):
        value = raw.get(key, default)
        _check_type(path, key, value, str)
        if not value.strip():
            raise _bad(path, key, _("a folder name"))
        folders[key] = (root / value).resolve()

    url = os.environ.get("RADIODESK_DATABASE_URL") or raw.get("database_url") or ""
    _check_type(path, "database_url", url, str)
    if not url:
        url = "sqlite:///" + str(folders["archive_dir"] / "radiodesk.db")
    elif not url.startswith(("sqlite", "postgresql")):
        raise _bad(path, "database_url", _("a sqlite:/// or postgresql+psycopg:// URL"))
    _check_public(path, root, folders, url)

    group = raw.get("shared_group", "")
    _check_type(path, "shared_group", group, str)
    try:
        Sharing(group).gid()
    except RadiodeskError:
        raise _bad(path, "shared_group", _("the name of a group on this machine")) from None

    logger = raw.get("logger", {})
    if not isinstance(logger, dict):
        raise _bad(path, "logger", _("a [logger] table"))
    transcripts = raw.get("transcripts", {})
    if not isinstance(transcripts, dict):
        raise _bad(path, "transcripts", _("a [transcripts] table"))

    return Settings(
        home=root,
        logger=tuple(logger.items()),
        transcripts=tuple(transcripts.items()),
        station=station,
        database_url=url,
        settings_file=path if path.exists() else None,
        shared_group=group,
        **folders,
    )


def _within(inner: Path, outer: Path) -> bool:
    return inner == outer or outer in inner.parents


def _check_public(path: Path, root: Path, folders: dict[str, Path], url: str) -> None:
    """Everything in public_dir is served to anyone: it may not be, hold or lie inside
    archive/ or the SQLite database, nor be or hold the home (its settings, its archive)."""
    public = folders["public_dir"]
    private = [folders["archive_dir"]]
    if url.startswith("sqlite:///"):
        private.append(Path(url.split("///", 1)[1]).resolve())
    exposed = [p for p in private if _within(public, p) or _within(p, public)]
    if _within(root, public):
        exposed.append(root)
    if exposed:
        raise ConfigError(
            _(
                "{file}: key 'public_dir': everything in {public} is served to anyone, and it "
                'would expose {private}; choose a folder of its own, such as "public"'
            ).format(file=path, public=public, private=exposed[0])
        )


DEFAULT_SETTINGS_TEXT = """\
# radiodesk station settings. See README.md.
# database_url = "postgresql+psycopg://radio@dbhost/radio"   # default: SQLite in archive/
archive_dir = "archive"
public_dir = "public"
shows_dir = "shows"

[station]
name = "{name}"
short_name = "{short_name}"
frequency = "{frequency}"
city = "{city}"
region = "{region}"
timezone = "{timezone}"
language = "{language}"
public_url = "{public_url}"
owner_name = "{owner_name}"
owner_email = "{owner_email}"
retention_days = 365
"""


def default_settings_text() -> str:
    """The text ``radiodesk init`` writes into a new home's ``radiodesk.toml``."""
    s = StationSettings()
    return DEFAULT_SETTINGS_TEXT.format(**{k: getattr(s, k) for k in _STATION_TYPES})
