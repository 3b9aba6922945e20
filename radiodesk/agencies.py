"""The station's list of agencies (instansi) that listeners' questions and complaints go to.

A station keeps it in its ``radiodesk.toml``, one ``[[agency]]`` table each::

    [[agency]]
    name = "Dinas PUPR"                                        # the short name stored and shown
    full_name = "Dinas Pekerjaan Umum dan Penataan Ruang"      # optional
    aliases = ["PU", "Dinas PU", "Pekerjaan Umum"]             # optional: what operators type

Every shell reads the list through :func:`load_agencies`; the follow-up services store an
agency typed under any of its names by its short name (free text is kept as typed), and find
follow-ups by any of an agency's names ("pekerjaan umum" finds those of Dinas PUPR). Search finds
each agency by any of its names (:mod:`radiodesk.search.abbreviations`). A home that lists none
has an empty list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from radiodesk.config import SETTINGS_FILE, read_toml
from radiodesk.errors import ConfigError
from radiodesk.i18n import _


def agency_key(text: str) -> str:
    """``text`` as agency names are compared: lower case, accents and punctuation dropped,
    spaces made one ("Dinas P.U." and "dinas pu" are the same)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s]", "", plain).split())


@dataclass(frozen=True)
class Agency:
    """One agency of the station's list: its short ``name``, full name and aliases."""

    name: str
    full_name: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it goes by, the short one first."""
        return tuple(n for n in (self.name, self.full_name, *self.aliases) if n)


@dataclass(frozen=True)
class AgencyList:
    """The station's agencies, looked up by any of their names."""

    agencies: tuple[Agency, ...] = ()
    _by_key: dict[str, Agency] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for agency in self.agencies:
            for name in agency.names:
                self._by_key.setdefault(agency_key(name), agency)

    def find(self, text: str) -> Agency | None:
        """The agency ``text`` names (any of its names, case and punctuation forgiven)."""
        return self._by_key.get(agency_key(text))

    def canonical(self, text: str) -> str:
        """What to store for an agency typed as ``text``: the short name of a listed agency,
        else the text itself, spaces tidied (free text is allowed)."""
        agency = self.find(text)
        return agency.name if agency else " ".join(text.split())

    def names_for(self, term: str) -> tuple[str, ...]:
        """Every name of every agency that ``term`` names or is part of a name of (for search
        by abbreviation: "pu" → "Dinas PUPR", "Dinas Pekerjaan Umum …", …); empty when none."""
        key = agency_key(term)
        if not key:
            return ()
        names: list[str] = []
        for agency in self.agencies:
            keys = [agency_key(n) for n in agency.names]
            if key in keys or any(key in k for k in keys if len(key) >= 3):
                names.extend(agency.names)
        return tuple(dict.fromkeys(names))

    def matches(self, stored: str, term: str) -> bool:
        """Whether an agency stored as ``stored`` is one ``term`` looks for: ``term`` is part
        of it, or both name the same listed agency under any of its names."""
        key = agency_key(term)
        if not key or key in agency_key(stored):
            return True
        wanted = {agency_key(n) for n in self.names_for(term)}
        agency = self.find(stored)
        return agency is not None and any(agency_key(n) in wanted for n in agency.names)

    def suggestions(self, *extra: str) -> list[str]:
        """Names to offer while typing: every listed name, then ``extra`` ones (agencies
        typed before) not in the list."""
        names = [n for a in self.agencies for n in a.names]
        names += [e for e in extra if e and self.find(e) is None]
        return list(dict.fromkeys(names))


NO_AGENCIES = AgencyList()


def _text(path: Path, where: str, value: Any) -> str:
    if not isinstance(value, str):
        raise ConfigError(_("{file}: {where} must be text.").format(file=path, where=where))
    return " ".join(value.split())


def _agency(path: Path, number: int, table: Any) -> Agency:
    where = _("agency {n}").format(n=number)
    if not isinstance(table, dict):
        raise ConfigError(_("{file}: {where} must be a table.").format(file=path, where=where))
    name = _text(path, f"{where} name", table.get("name", ""))
    if not name:
        raise ConfigError(_("{file}: {where} has no name.").format(file=path, where=where))
    aliases = table.get("aliases", [])
    if not isinstance(aliases, list):
        raise ConfigError(
            _("{file}: {where} aliases must be a list of texts.").format(file=path, where=where)
        )
    return Agency(
        name=name,
        full_name=_text(path, f"{where} full_name", table.get("full_name", "")),
        aliases=tuple(a for a in (_text(path, f"{where} aliases", v) for v in aliases) if a),
    )


def agencies_in(path: Path, parsed: dict[str, Any]) -> AgencyList:
    """The ``[[agency]]`` tables of the settings file ``path``, already parsed as ``parsed``.
    A mistake raises ConfigError naming the file and the agency."""
    tables = parsed.get("agency", [])
    if not isinstance(tables, list):
        raise ConfigError(_("{file}: write each agency as an [[agency]] table.").format(file=path))
    return AgencyList(tuple(_agency(path, i, t) for i, t in enumerate(tables, start=1)))


def load_agencies(home: Path) -> AgencyList:
    """The agencies listed in ``home``/radiodesk.toml (an empty list when it lists none)."""
    path = home / SETTINGS_FILE
    if not path.is_file():
        return NO_AGENCIES
    return agencies_in(path, read_toml(path))
