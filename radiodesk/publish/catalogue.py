"""What may be public, read from the database in a few bulk queries, as plain data.

Only published episodes whose time has come, of programmes with podcasting on, whose
broadcast is open to the public and in which nobody refused consent, with a podcast file
present in the archive. Only public fields are read: no phone numbers, e-mail addresses,
internal notes or listeners' details ever enter these objects, so nothing downstream can
leak them. Persons are named only with consent given and their name allowed (the same rule
as :func:`radiodesk.interviews.people.publishable_people`, read here in bulk).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from sqlalchemy import Text, case, cast, func, or_, select
from sqlalchemy.orm import Session

from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.models import (
    AccessClass,
    Appearance,
    Broadcast,
    Consent,
    Episode,
    EpisodeStatus,
    Person,
    Recording,
    Rendition,
    Role,
    Show,
    UTCDateTime,
)
from radiodesk.publish.artwork import resolve_artwork
from radiodesk.publish.episodes import PUBLIC_ROLES
from radiodesk.publish.paths import AUDIO_EXTENSIONS, TRANSCRIPT_TYPES
from radiodesk.publish.public import Standing, public_now, reasons
from radiodesk.publish.text import NAME_CHARS, clean_line, clean_text

_ROLE_ORDER = {Role.HOST: 0, Role.GUEST: 1, Role.REPORTER: 2}


@dataclass(frozen=True)
class PublicPerson:
    """Someone named in public: ``role`` is host, guest or reporter (podcast taxonomy)."""

    name: str
    role: Role
    position: str = ""


@dataclass(frozen=True)
class PublicChapter:
    """``start`` and ``end`` in seconds from the start of the episode."""

    start: float
    end: float
    title: str


@dataclass(frozen=True)
class PublicEpisode:
    """An episode as it may be published. Times in UTC, sizes in bytes, durations in seconds.

    ``status``, ``refused`` and ``exempt`` travel along so that the writer can ask the rule
    (:mod:`radiodesk.publish.public`) again, right before it writes.
    """

    id: int
    guid: str
    show_slug: str
    raw_title: str
    raw_description: str
    aired: datetime
    published_at: datetime
    duration: float
    season: int | None
    number: int | None
    audio_source: str
    audio_size: int
    audio_stamp: tuple[int, int, int]
    mime_type: str
    stem: str
    extension: str
    transcript_source: str | None
    transcript_type: str | None
    transcript_stamp: tuple[int, int, int] | None
    chapters_json: str | None
    people: tuple[tuple[str, str, str, str, str, bool], ...]
    status: EpisodeStatus = EpisodeStatus.PUBLISHED
    refused: bool = False
    exempt: bool = False
    fingerprint: str = ""

    @property
    def standing(self) -> Standing:
        return Standing(self.status, self.published_at, refused=self.refused, exempt=self.exempt)

    # Text is made safe when a file needs it, not before: a republish with nothing changed
    # only compares fingerprints of the raw values.

    @cached_property
    def title(self) -> str:
        return clean_line(self.raw_title) or _("Episode {id}").format(id=self.id)

    @cached_property
    def description(self) -> str:
        return clean_text(self.raw_description)

    @cached_property
    def persons(self) -> tuple[PublicPerson, ...]:
        """Who is named: (role, honorific, name, position, institution, may show position)."""
        persons = []
        for role, honorific, name, position, institution, show_position in self.people:
            label = clean_line(f"{honorific} {name}" if honorific else name, NAME_CHARS)
            if not label:
                continue
            detail = ""
            if show_position:
                detail = clean_line(", ".join(x for x in (position, institution) if x.strip()))
            persons.append(PublicPerson(label, Role(role), detail))
        return tuple(persons)

    @property
    def has_chapters(self) -> bool:
        """Whether there are chapters, without reading them."""
        return bool(self.chapters_json) and self.chapters_json not in ("[]", "null")

    @cached_property
    def chapters(self) -> tuple[PublicChapter, ...]:
        """The chapters (read from the stored JSON only when a file needs them)."""
        if not self.chapters_json:
            return ()
        try:
            raw = json.loads(self.chapters_json)
        except ValueError:
            return ()
        chapters = []
        for c in raw if isinstance(raw, list) else []:
            title = clean_line(str(c.get("title", "")))
            if title:
                chapters.append(PublicChapter(float(c["start"]), float(c["end"]), title))
        return tuple(chapters)

    @property
    def audio_name(self) -> str:
        return f"{self.show_slug}/episodes/{self.stem}{self.extension}"

    @property
    def chapters_name(self) -> str:
        return f"{self.show_slug}/episodes/{self.stem}.chapters.json"

    @property
    def transcript_name(self) -> str | None:
        if self.transcript_source is None:
            return None
        suffix = os.path.splitext(self.transcript_source)[1].lower()
        return f"{self.show_slug}/episodes/{self.stem}{suffix}"


@dataclass(frozen=True)
class PublicShow:
    """A programme with podcasting on and its public episodes, newest first."""

    slug: str
    title: str
    description: str
    hosts: tuple[str, ...]
    category: str
    subcategory: str | None
    language: str
    explicit: bool
    artwork_source: Path | None
    episodes: tuple[PublicEpisode, ...]


@dataclass(frozen=True)
class Catalogue:
    """Everything the next publish will write about, and what was held back and why."""

    shows: tuple[PublicShow, ...]
    held: tuple[tuple[int, str], ...] = ()
    problems: tuple[str, ...] = field(default=())
    # Episodes held back because their text names someone who may not be named.
    naming: tuple[int, ...] = ()

    @property
    def episodes(self) -> list[PublicEpisode]:
        return [e for s in self.shows for e in s.episodes]


def _inside(relative: str) -> bool:
    """A stored path stays inside the archive: relative, no '..'."""
    norm = os.path.normpath(relative)
    return not (os.path.isabs(norm) or norm == ".." or norm.startswith(".." + os.sep))


People = tuple[tuple[str, str, str, str, str, bool], ...]


def _people(session: Session, eligible: object) -> dict[int, tuple[People, str]]:
    """Who may be named in each broadcast (consent given, name allowed, a public role), hosts
    first, as raw values; and a text that identifies them, for fingerprints."""
    rows = session.connection().execute(
        select(
            Appearance.broadcast_id,
            Appearance.role,
            Person.honorific,
            Person.name,
            Person.position,
            Person.institution,
            Person.publish_position,
        )
        .join(Person, Person.id == Appearance.person_id)
        .where(
            Appearance.broadcast_id.in_(eligible),  # type: ignore[arg-type]
            Person.consent == Consent.GIVEN,
            Person.publish_name.is_(True),
            Appearance.role.in_(PUBLIC_ROLES),
        )
        .order_by(
            Appearance.broadcast_id,
            case(_ROLE_ORDER, value=Appearance.role, else_=len(_ROLE_ORDER)),
            Appearance.id,
        )
    )
    # Read as they come (ten thousand broadcasts): no list of every row is kept.
    people: dict[int, tuple[People, str]] = {}
    for bid, group in groupby(rows, key=itemgetter(0)):
        raw = tuple((r[1], r[2], r[3], r[4], r[5], bool(r[6])) for r in group)
        people[bid] = (raw, repr(raw))
    return people


def _unnamed(session: Session, eligible: object) -> tuple[set[int], dict[int, list[re.Pattern]]]:
    """Broadcasts in which somebody refused consent; and for each broadcast, patterns of the
    names of the people in it who may not be named (consent not given, or name not allowed),
    so that a title or description naming one of them is caught."""
    refused: set[int] = set()
    names: dict[int, list[re.Pattern]] = {}
    rows = session.execute(
        select(Appearance.broadcast_id, Person.name, Person.consent)
        .join(Person, Person.id == Appearance.person_id)
        .where(
            Appearance.broadcast_id.in_(eligible),  # type: ignore[arg-type]
            or_(Person.consent != Consent.GIVEN, Person.publish_name.is_(False)),
        )
    )
    for broadcast_id, name, consent in rows:
        if consent == Consent.REFUSED:
            refused.add(broadcast_id)
        words = " ".join(name.split())
        if len(words) >= 3:
            names.setdefault(broadcast_id, []).append(
                re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)", re.IGNORECASE)
            )
    return refused, names


def _renditions(session: Session, eligible: object) -> dict[int, list[tuple]]:
    found: dict[int, list[tuple]] = {}
    for row in session.execute(
        select(
            Rendition.recording_id,
            Rendition.id,
            Rendition.format,
            Rendition.stored_path,
            Rendition.mime_type,
            Rendition.duration,
            Rendition.sha256,
        ).where(Rendition.recording_id.in_(eligible))  # type: ignore[arg-type]
    ):
        found.setdefault(row[0], []).append(tuple(row))
    for rows in found.values():
        rows.sort(key=lambda r: r[1])
    return found


def collect(session: Session, settings: Settings, now: datetime) -> Catalogue:
    """Read what may be public at ``now`` (UTC). Episodes held back are named with a reason."""
    shows = session.execute(
        select(
            Show.id,
            Show.slug,
            Show.title,
            Show.description,
            Show.hosts,
            Show.category,
            Show.subcategory,
            Show.language,
            Show.explicit,
            Show.artwork,
            Show.audio_format,
        )
        .where(Show.podcast.is_(True))
        .order_by(Show.title, Show.slug)
    ).all()
    show_ids = [s.id for s in shows]
    base = (*public_now(now), Episode.show_id.in_(show_ids))
    eligible_broadcasts = select(Episode.broadcast_id).where(*base)
    eligible_recordings = select(Episode.recording_id).where(*base)
    people = _people(session, eligible_broadcasts)
    refused, unnamed = _unnamed(session, eligible_broadcasts)
    renditions = _renditions(session, eligible_recordings)
    aired_at = func.coalesce(
        Broadcast.actual_start,
        Broadcast.planned_start,
        Recording.recorded_start,
        Episode.published_at,
        type_=UTCDateTime,
    )
    rows = session.connection().execute(
        select(
            Episode.id,
            Episode.guid,
            Episode.title,
            Episode.description,
            Episode.status,
            Episode.published_at,
            Episode.season,
            Episode.number,
            cast(Episode.chapters, Text),
            Episode.show_id,
            Episode.broadcast_id,
            Episode.recording_id,
            Recording.transcript_path,
            Broadcast.access_class,
            aired_at,
        )
        .join(Recording, Recording.id == Episode.recording_id)
        .outerjoin(Broadcast, Broadcast.id == Episode.broadcast_id)
        .where(*base)
        .order_by(Episode.published_at.desc(), Episode.id.desc())
    )

    formats = {s.id: s.audio_format for s in shows}
    slugs = {s.id: s.slug for s in shows}
    zone = settings.zone
    archive = str(settings.archive_dir)
    held: list[tuple[int, str]] = []
    naming: list[int] = []
    problems: list[str] = []
    per_show: dict[int, list[PublicEpisode]] = {s.id: [] for s in shows}
    no_people: tuple[People, str] = ((), "")
    for (
        episode_id,
        guid,
        raw_title,
        raw_description,
        status,
        published_at,
        season,
        number,
        chapters_json,
        show_id,
        broadcast_id,
        recording_id,
        transcript_path,
        access_class,
        aired,
    ) in rows:
        text = f"{raw_title}\n{raw_description}"
        choices = renditions.get(recording_id, [])
        chosen = next((r for r in choices if r[2] == formats[show_id]), None)
        chosen = chosen or (choices[0] if choices else None)
        standing = Standing(
            status,
            published_at,
            refused=broadcast_id in refused,
            names_someone=any(p.search(text) for p in unnamed.get(broadcast_id, ())),
            exempt=access_class is not None and access_class != AccessClass.OPEN,
            has_audio=chosen is not None and _inside(chosen[3]),
        )
        why = reasons(standing, now)
        if why or chosen is None:
            held.append((episode_id, why[0]))
            if standing.names_someone and not standing.refused:
                naming.append(episode_id)
            continue
        _rid, rendition_id, _fmt, stored_path, mime_type, duration, sha256 = chosen
        audio = f"{archive}/{stored_path}"
        try:
            audio_stat = os.stat(audio)
        except OSError:
            problems.append(
                _("Episode {id}: its podcast file {path} is missing from the archive.").format(
                    id=episode_id, path=audio
                )
            )
            continue
        transcript: str | None = None
        transcript_type: str | None = None
        transcript_stamp: tuple[int, int, int] | None = None
        if transcript_path and _inside(transcript_path):
            kind = TRANSCRIPT_TYPES.get(os.path.splitext(transcript_path)[1].lower())
            candidate = f"{archive}/{transcript_path}"
            try:
                found = os.stat(candidate) if kind else None
            except OSError:
                found = None
            if found is not None:
                transcript, transcript_type = candidate, kind
                transcript_stamp = (found.st_size, found.st_mtime_ns, found.st_ino)
        assert published_at is not None  # the query asks for published_at <= now
        local = aired.astimezone(zone)
        stem = f"{local:%Y-%m-%d-%H%M}-e{episode_id}"
        extension = AUDIO_EXTENSIONS.get(mime_type) or os.path.splitext(stored_path)[1].lower()
        named, named_key = people.get(broadcast_id, no_people)
        fingerprint = "\x1f".join(
            (
                guid,
                raw_title,
                raw_description or "",
                published_at.isoformat(),
                aired.isoformat(),
                repr(duration),
                str(season),
                str(number),
                stem + extension,
                mime_type,
                sha256,
                str(rendition_id),
                f"{audio_stat.st_size}:{audio_stat.st_mtime_ns}:{audio_stat.st_ino}",
                chapters_json or "",
                named_key,
                str(transcript_stamp),
                transcript_type or "",
            )
        )
        per_show[show_id].append(
            PublicEpisode(
                id=episode_id,
                guid=guid,
                show_slug=slugs[show_id],
                raw_title=raw_title,
                raw_description=raw_description or "",
                aired=aired,
                published_at=published_at,
                duration=float(duration),
                season=season,
                number=number,
                audio_source=audio,
                audio_size=audio_stat.st_size,
                audio_stamp=(audio_stat.st_size, audio_stat.st_mtime_ns, audio_stat.st_ino),
                mime_type=mime_type,
                stem=stem,
                extension=extension,
                transcript_source=transcript,
                transcript_type=transcript_type,
                transcript_stamp=transcript_stamp,
                chapters_json=chapters_json,
                people=named,
                status=status,
                fingerprint=hashlib.blake2b(
                    fingerprint.encode("utf-8", "surrogatepass"), digest_size=16
                ).hexdigest(),
            )
        )

    return Catalogue(
        shows=tuple(
            PublicShow(
                slug=s.slug,
                title=clean_line(s.title),
                description=clean_text(s.description),
                hosts=tuple(clean_line(h, NAME_CHARS) for h in s.hosts or () if clean_line(h)),
                category=s.category,
                subcategory=s.subcategory,
                language=s.language,
                explicit=bool(s.explicit),
                artwork_source=resolve_artwork(settings, s.artwork),
                episodes=tuple(per_show[s.id]),
            )
            for s in shows
        ),
        held=tuple(held),
        problems=tuple(problems),
        naming=tuple(naming),
    )
