"""PBCore 2.1 description documents for recordings handed over to the regional archive.

One document per recording: titles (series, episode), broadcast date, identifiers (the
recording number and its SHA-256), subjects, description, genre, creator, contributors
with roles (from the programme's hosts and the broadcast's appearances), publisher, rights
with the access class, and one instantiation (the master file in the bag: format, size,
duration, data rate, channels, sampling rate).

Contributors who refused consent, or asked that their name not be published, are listed by
role only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from radiodesk.archive.render import recording_title
from radiodesk.config import Settings
from radiodesk.i18n import _
from radiodesk.models import AccessClass, Appearance, Consent, Person, Recording

NS = "http://www.pbcore.org/PBCore/PBCoreNamespace.html"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = f"{NS} https://raw.githubusercontent.com/WGBH/PBCore_2.1/master/pbcore-2.1.xsd"

MIME_TYPES = {
    "wav": "audio/wav",
    "w64": "audio/x-w64",
    "mp3": "audio/mpeg",
    "flac": "audio/flac",
    "m4a": "audio/mp4",
    "ogg": "audio/ogg",
    "opus": "audio/ogg",
    "aiff": "audio/aiff",
    "mka": "audio/x-matroska",
}


@dataclass(frozen=True)
class Contributor:
    """A contributor as handed over: ``name`` is None when it must not be given."""

    name: str | None
    role: str


def _timecode(seconds: float) -> str:
    total = max(0, int(round(seconds)))
    return f"{total // 3600:02d}:{total % 3600 // 60:02d}:{total % 60:02d}"


def contributors(session: Session, recording: Recording) -> list[Contributor]:
    """The hosts of the programme and the people who appeared in the broadcast, by role."""
    broadcast = recording.broadcast
    if broadcast is None:
        return []
    people: list[Contributor] = [Contributor(name, "host") for name in broadcast.show.hosts]
    rows = session.execute(
        select(Appearance, Person)
        .join(Person, Appearance.person_id == Person.id)
        .where(Appearance.broadcast_id == broadcast.id)
        .order_by(Appearance.id)
    ).all()
    for appearance, person in rows:
        withheld = person.consent == Consent.REFUSED or not person.publish_name
        name = None if withheld else " ".join(p for p in (person.honorific, person.name) if p)
        people.append(Contributor(name, appearance.role))
    return people


def subjects(session: Session, recording: Recording) -> list[str]:
    broadcast = recording.broadcast
    if broadcast is None:
        return []
    found: list[str] = []
    topics = [broadcast.topic] + list(
        session.scalars(
            select(Appearance.topic)
            .where(Appearance.broadcast_id == broadcast.id)
            .order_by(Appearance.id)
        )
    )
    for topic in topics:
        topic = " ".join((topic or "").split())
        if topic and topic not in found:
            found.append(topic)
    return found


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attrs.items() if v})
    if text is not None:
        node.text = text
    return node


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds")


def description_document(
    session: Session, settings: Settings, recording: Recording, bag_path: str
) -> bytes:
    """The PBCore XML of ``recording``, whose master is at ``bag_path`` inside the bag."""
    zone = settings.zone
    station = settings.station
    broadcast = recording.broadcast
    root = etree.Element(f"{{{NS}}}pbcoreDescriptionDocument", nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA)
    _el(root, "pbcoreAssetType", "Episode" if recording.parent_id is None else "Segment")
    if broadcast is not None:
        aired = broadcast.actual_start or broadcast.planned_start
        _el(root, "pbcoreAssetDate", _local(aired, zone), dateType="broadcast")
    elif recording.recorded_start is not None:
        _el(root, "pbcoreAssetDate", _local(recording.recorded_start, zone), dateType="created")
    _el(root, "pbcoreIdentifier", str(recording.id), source="radiodesk recording")
    _el(root, "pbcoreIdentifier", recording.sha256, source="SHA-256")
    if broadcast is not None:
        _el(root, "pbcoreTitle", broadcast.show.title, titleType="Series")
    _el(root, "pbcoreTitle", recording_title(recording, zone), titleType="Episode")
    for subject in subjects(session, recording):
        _el(root, "pbcoreSubject", subject, subjectType="Topic")
    description = broadcast.topic if broadcast and broadcast.topic else ""
    if broadcast is not None and broadcast.show.description:
        description = (description + "\n\n" if description else "") + broadcast.show.description
    _el(root, "pbcoreDescription", description or recording_title(recording, zone))
    if broadcast is not None:
        _el(root, "pbcoreGenre", broadcast.show.category)
    creator = _el(root, "pbcoreCreator")
    _el(creator, "creator", station.owner_name or station.name)
    _el(creator, "creatorRole", "Producer")
    for person in contributors(session, recording):
        node = _el(root, "pbcoreContributor")
        _el(node, "contributor", person.name if person.name else _("(name withheld)"))
        _el(node, "contributorRole", person.role)
    publisher = _el(root, "pbcorePublisher")
    _el(publisher, "publisher", f"{station.name} {station.frequency}".strip())
    _el(publisher, "publisherRole", "Broadcaster")
    access = broadcast.access_class if broadcast is not None else AccessClass.OPEN
    rights = _el(root, "pbcoreRightsSummary")
    _el(
        rights,
        "rightsSummary",
        _("© {owner}. Access class: {access} (UU 14/2008).").format(
            owner=station.owner_name, access=access
        ),
    )
    inst = _el(root, "pbcoreInstantiation")
    _el(inst, "instantiationIdentifier", bag_path.rsplit("/", 1)[-1], source="File Name")
    if recording.recorded_start is not None:
        _el(inst, "instantiationDate", _local(recording.recorded_start, zone), dateType="created")
    ext = bag_path.rsplit(".", 1)[-1].lower()
    _el(inst, "instantiationDigital", MIME_TYPES.get(ext, "application/octet-stream"))
    _el(inst, "instantiationLocation", bag_path)
    _el(inst, "instantiationMediaType", "Sound")
    _el(inst, "instantiationGenerations", "Master" if recording.parent_id is None else "Clip")
    _el(inst, "instantiationFileSize", str(recording.size), unitsOfMeasure="bytes")
    _el(inst, "instantiationDuration", _timecode(recording.duration))
    if recording.bit_rate:
        _el(inst, "instantiationDataRate", str(recording.bit_rate), unitsOfMeasure="bits/second")
    _el(inst, "instantiationTracks", "1 audio")
    if recording.channels:
        layout = {1: "mono", 2: "stereo"}.get(recording.channels, f"{recording.channels} channels")
        _el(inst, "instantiationChannelConfiguration", layout)
    track = _el(inst, "instantiationEssenceTrack")
    _el(track, "essenceTrackType", "Audio")
    if recording.codec:
        _el(track, "essenceTrackEncoding", recording.codec)
    if recording.sample_rate:
        _el(track, "essenceTrackSamplingRate", str(recording.sample_rate), unitsOfMeasure="Hz")
    _el(track, "essenceTrackDuration", _timecode(recording.duration))
    _el(root, "pbcoreAnnotation", access, annotationType="Access class")
    if broadcast is not None and broadcast.handover:
        _el(root, "pbcoreAnnotation", "handover", annotationType="Retention")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
