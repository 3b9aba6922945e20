"""Hand-over to the regional archive: a BagIt bag of masters with PBCore metadata.

The bag (BagIt 1.0, sha256 and sha512 manifests) holds, under ``data/``, the masters in the
archive's own layout (``masters/YYYY/MM/DD/…``), their transcripts, and one PBCore document
per recording in ``pbcore/``. It is built beside ``OUT`` under a temporary name and renamed
when complete; every master's SHA-256 in the manifest is compared with the one recorded at
ingest, so a damaged master is never handed over unnoticed.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from radiodesk import db
from radiodesk.archive.pbcore import description_document
from radiodesk.archive.store import copy_file
from radiodesk.config import Settings
from radiodesk.errors import Conflict, InputError, NotFound
from radiodesk.i18n import _
from radiodesk.models import Broadcast, Recording, Show
from radiodesk.timeinput import day_start


@dataclass(frozen=True)
class BagReport:
    """The bag written: its folder, how many recordings and files, payload bytes."""

    path: Path
    recordings: int
    files: int
    size: int


@dataclass(frozen=True)
class _Entry:
    recording_id: int
    source: Path
    bag_path: str
    sha256: str | None


def _bounds(settings: Settings, start: date | None, end: date | None) -> tuple[datetime, ...]:
    zone = settings.zone
    low = day_start(start, zone) if start else datetime(1900, 1, 1, tzinfo=UTC)
    high = day_start(end + timedelta(days=1), zone) if end else None
    return (low,) if high is None else (low, high)


def _select(
    settings: Settings, show: str | None, start: date | None, end: date | None
) -> tuple[list[_Entry], list[tuple[str, bytes]]]:
    entries: list[_Entry] = []
    documents: list[tuple[str, bytes]] = []
    with db.unit_of_work(settings) as session:
        query = select(Recording).order_by(Recording.recorded_start, Recording.id)
        if show:
            if session.scalar(select(Show.id).where(Show.slug == show)) is None:
                raise NotFound(_("There is no programme '{slug}'.").format(slug=show))
            query = (
                query.join(Broadcast, Recording.broadcast_id == Broadcast.id)
                .join(Show, Broadcast.show_id == Show.id)
                .where(Show.slug == show)
            )
        bounds = _bounds(settings, start, end)
        query = query.where(Recording.recorded_start >= bounds[0])
        if len(bounds) > 1:
            query = query.where(Recording.recorded_start < bounds[1])
        for row in session.scalars(query):
            master = settings.archive_dir / row.stored_path
            if not master.is_file():
                raise InputError(
                    _(
                        "The master of recording {id} is missing ({file}); run 'radiodesk verify'."
                    ).format(id=row.id, file=row.stored_path)
                )
            entries.append(_Entry(row.id, master, row.stored_path, row.sha256))
            if row.transcript_path and (settings.archive_dir / row.transcript_path).is_file():
                entries.append(
                    _Entry(
                        row.id,
                        settings.archive_dir / row.transcript_path,
                        row.transcript_path,
                        None,
                    )
                )
            xml = description_document(session, settings, row, f"data/{row.stored_path}")
            documents.append((f"pbcore/{Path(row.stored_path).stem}.xml", xml))
    return entries, documents


def export_bag(
    settings: Settings,
    out: Path,
    *,
    now: datetime,
    show: str | None = None,
    start: date | None = None,
    end: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BagReport:
    """Write a BagIt bag at ``out`` (which must not exist, or be an empty folder) with the
    masters of the chosen recordings: one programme (slug), broadcast dates ``start``..``end``
    (local, inclusive). ``progress`` gets (bytes copied, bytes in all)."""
    import bagit

    out = Path(out).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise Conflict(
            _("{path} already exists; choose a new folder for the bag.").format(path=out)
        )
    if start and end and end < start:
        raise InputError(_("--to is before --from."))
    entries, documents = _select(settings, show, start, end)
    if not entries:
        raise InputError(_("No recordings match; the bag would be empty."))
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.parent / f".{out.name}.partial-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    work.mkdir()
    try:
        total = sum(e.source.stat().st_size for e in entries) or 1
        done = 0
        for entry in entries:
            target = work / entry.bag_path
            target.parent.mkdir(parents=True, exist_ok=True)

            def copied(n: int) -> None:
                nonlocal done
                done += n
                if progress:
                    progress(done, total)

            copy_file(entry.source, target, copied)
        for name, xml in documents:
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(xml)
        station = settings.station
        info = {
            "Source-Organization": station.owner_name,
            "Contact-Email": station.owner_email,
            "External-Description": _(
                "Broadcast recordings of {station} ({frequency}, {city}) with PBCore metadata."
            ).format(station=station.name, frequency=station.frequency, city=station.city),
            "Internal-Sender-Identifier": f"radiodesk-{now.astimezone(settings.zone):%Y%m%dT%H%M%S}",
        }
        bag = bagit.make_bag(str(work), info, processes=1, checksums=["sha256", "sha512"])
        manifest = bag.payload_entries()
        for entry in entries:
            if entry.sha256 is None:
                continue
            written = manifest.get(f"data/{entry.bag_path}", {}).get("sha256")
            if written != entry.sha256:
                raise InputError(
                    _(
                        "The master of recording {id} does not match its checksum;"
                        " run 'radiodesk verify'."
                    ).format(id=entry.recording_id)
                )
        if out.exists():
            out.rmdir()
        os.replace(work, out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    payload = sum(e.source.stat().st_size for e in entries) + sum(len(x) for _n, x in documents)
    return BagReport(
        out, len({e.recording_id for e in entries}), len(entries) + len(documents), payload
    )
