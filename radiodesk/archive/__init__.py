"""The archive job: recordings kept byte for byte, tied to their broadcasts, turned into
podcast renditions, checked for fixity, kept as long as the law asks, handed over in bags.

Services the desk and the command line call (plain functions, frozen dataclasses back).
The long ones open their own units of work (``radiodesk.db.unit_of_work(settings)``) so that
each file is committed on its own and no transaction is held while ffmpeg works:

- :func:`ingest_paths` (settings, paths, now=…, broadcast_id, move, render, progress)
  → :class:`IngestReport` of :class:`IngestedFile`; progress as :class:`IngestProgress`.
- :func:`cut_clip` (settings, recording_id, start, end, now=…, title, render) → :class:`ClipResult`;
  :func:`parse_timecode` for "00:12:30".
- :func:`verify_archive` (settings, now=…, older_than_days, progress) → :class:`VerifyReport`.
- :func:`render_recording` (settings, recording_id, now=…) → :class:`RenditionInfo`.
- :func:`link_recording` (settings, recording_id, broadcast_id, now=…) → :class:`LinkResult`.
- :func:`prune` (settings, now) → :class:`PruneReport`.
- :func:`export_bag` (settings, out, now=…, show, start, end) → :class:`BagReport`.

Taking a ``Session`` (the caller frames the unit of work):

- :func:`list_recordings` → :class:`RecordingSummary`; :func:`recording_detail`
  → :class:`RecordingDetail`; :func:`unlinked_recordings` → :class:`UnlinkedRecording`.
- :func:`prune_plan` → :class:`PruneReport` (what prune would remove).
- :func:`set_handover`, :func:`set_access` → :class:`BroadcastSummary`.

Demo data: :mod:`radiodesk.archive.demo`.
"""

from radiodesk.archive.bag import BagReport, export_bag
from radiodesk.archive.clip import ClipResult, cut_clip, parse_timecode
from radiodesk.archive.fixity import FixityProblem, VerifyReport, verify_archive
from radiodesk.archive.ingest import (
    IngestedFile,
    IngestProgress,
    IngestReport,
    ingest_paths,
)
from radiodesk.archive.queries import (
    BroadcastSummary,
    LinkResult,
    RecordingDetail,
    RecordingSummary,
    RenditionSummary,
    UnlinkedRecording,
    link_recording,
    list_recordings,
    recording_detail,
    unlinked_recordings,
)
from radiodesk.archive.render import RenditionInfo, render_recording
from radiodesk.archive.retention import (
    PruneItem,
    PruneReport,
    prune,
    prune_plan,
    set_access,
    set_handover,
)

__all__ = [
    "BagReport",
    "BroadcastSummary",
    "ClipResult",
    "FixityProblem",
    "IngestProgress",
    "IngestReport",
    "IngestedFile",
    "LinkResult",
    "PruneItem",
    "PruneReport",
    "RecordingDetail",
    "RecordingSummary",
    "RenditionInfo",
    "RenditionSummary",
    "UnlinkedRecording",
    "VerifyReport",
    "cut_clip",
    "export_bag",
    "ingest_paths",
    "link_recording",
    "list_recordings",
    "parse_timecode",
    "prune",
    "prune_plan",
    "recording_detail",
    "render_recording",
    "set_access",
    "set_handover",
    "unlinked_recordings",
    "verify_archive",
]
