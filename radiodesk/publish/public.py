"""May this episode be public: the rule, in one place, which everything that publishes asks.

An episode may be public when

- it is published and its time has come: not a draft, not withdrawn, not scheduled for later
  (an embargo holds it until its time);
- nobody in its broadcast refused consent to publication, and its text names nobody who has
  not allowed it;
- its broadcast is open to the public (not marked exempt);
- its programme has podcasting on and it has a podcast file.

The editor's publish and schedule (:mod:`radiodesk.publish.editorial`), automatic publishing
(:mod:`radiodesk.publish.episodes`), what a publish reads (:mod:`radiodesk.publish.catalogue`,
with :func:`public_now` in its query) and the writer's last look before writing
(:mod:`radiodesk.publish.outputs`) all ask :func:`reasons`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.i18n import N_, _
from radiodesk.models import Appearance, Consent, Episode, EpisodeStatus, Person

# Says no name: it is kept in public/'s manifest.
NAMES_SOMEONE = N_(
    "its title or description names a person who has not allowed it; "
    "redraft it ('radiodesk episodes edit ID --redraft') or edit the text"
)


@dataclass(frozen=True)
class Standing:
    """What the rule looks at, as plain values. ``refused_names``: who refused consent, when
    the reason may name them (to the editor; never in what a publish keeps)."""

    status: EpisodeStatus | str
    published_at: datetime | None
    refused: bool = False
    refused_names: tuple[str, ...] = ()
    names_someone: bool = False
    exempt: bool = False
    podcast: bool = True
    has_audio: bool = True
    show_title: str = ""


def reasons(standing: Standing, now: datetime | None = None) -> list[str]:
    """Why the episode may not be public (one translated line each); empty when it may.

    With ``now`` (UTC): whether it is public at ``now``, its status and time included.
    Without: whether it may be published or scheduled at all (what an editor asks).
    """
    found: list[str] = []
    if now is not None:
        if standing.status != EpisodeStatus.PUBLISHED:
            found.append(_("it is {status}, not published").format(status=standing.status))
        elif standing.published_at is None or standing.published_at > now:
            found.append(_("it is scheduled for later"))
    if standing.refused_names:
        names = ", ".join(standing.refused_names)
        found.append(_("{names} refused consent to publication").format(names=names))
    elif standing.refused:
        found.append(_("a person in it refused consent to publication"))
    if standing.names_someone:
        found.append(_(NAMES_SOMEONE))
    if standing.exempt:
        found.append(_("its broadcast is marked exempt from public access"))
    if not standing.podcast:
        found.append(_("podcasting is off for {show}").format(show=standing.show_title))
    if not standing.has_audio:
        found.append(_("it has no podcast file (the recording has no rendition)"))
    return found


def public_now(now: datetime) -> tuple[Any, ...]:
    """The status-and-time part of the rule as query conditions on :class:`Episode`, for
    reading only the episodes that can be public at ``now``; :func:`reasons` still decides."""
    return (Episode.status == EpisodeStatus.PUBLISHED, Episode.published_at <= now)


def refused_names(session: Session, broadcast_ids: Iterable[int | None]) -> dict[int, list[str]]:
    """For each of ``broadcast_ids`` in which somebody refused consent: their names, sorted."""
    wanted = {b for b in broadcast_ids if b is not None}
    if not wanted:
        return {}
    found: dict[int, list[str]] = {}
    rows = session.execute(
        select(Appearance.broadcast_id, Person.honorific, Person.name)
        .join(Person, Person.id == Appearance.person_id)
        .where(Appearance.broadcast_id.in_(wanted), Person.consent == Consent.REFUSED)
    )
    for broadcast_id, honorific, name in rows:
        found.setdefault(broadcast_id, []).append(f"{honorific} {name}".strip())
    return {b: sorted(names) for b, names in found.items()}
