"""Archive: every broadcast, newest first; search as you type, with filters; open one.

With an empty query and no filters the list holds every broadcast (paged from the database
as it scrolls); filters alone list the broadcasts they leave, newest first; typing searches the archive's full-text index after a short pause, and the list holds the
hits with their snippets. Enter opens the broadcast. Keys work while typing: ↑↓ move in the
list, Enter opens, Ctrl+F edits the filters.
"""

from __future__ import annotations

from pathlib import Path
from time import monotonic

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, ProgressBar, Static
from textual.worker import Worker

from radiodesk import db
from radiodesk.archive.ingest import IngestProgress, IngestReport, ingest_paths
from radiodesk.errors import InputError
from radiodesk.i18n import N_, _, format_datetime, format_number
from radiodesk.models import BroadcastStatus
from radiodesk.search import SearchFilters, SearchHit, SearchPage, search
from radiodesk.tui.data import BroadcastLine, active_shows, broadcast_count, broadcast_page
from radiodesk.tui.dialogs.archive_filters import FilterDialog
from radiodesk.tui.dialogs.prompt import TextPrompt
from radiodesk.tui.screens.base import DeskScreen
from radiodesk.tui.screens.broadcast import BroadcastScreen
from radiodesk.tui.widgets.archive_list import ArchiveList, ArchiveRow
from radiodesk.tui.widgets.live_log import KIND_LABELS

# Seconds of quiet after a keystroke before the search runs.
SEARCH_DELAY = 0.25
BROWSE_PAGE = 100
SEARCH_PAGE = 50
# Seconds between two progress updates of an ingest on the screen.
PROGRESS_EVERY = 0.1

STATUS_LABELS = {
    BroadcastStatus.PLANNED: N_("planned"),
    BroadcastStatus.ON_AIR: N_("on air"),
    BroadcastStatus.AIRED: N_("aired"),
    BroadcastStatus.CANCELLED: N_("cancelled"),
}
HIT_KINDS = {
    "programme": N_("programme"),
    "broadcast": N_("broadcast"),
    "person": N_("person"),
    "episode": N_("episode"),
    "transcript": N_("transcript"),
}


class ArchiveScreen(DeskScreen):
    """The archive: a search line, the filters in force, and the list."""

    MODE = "archive"
    AUTO_FOCUS = "#query"
    CSS_PATH = "archive.tcss"
    BINDINGS = [
        Binding("ctrl+f", "filters", N_("Filters"), priority=True),
        Binding("ctrl+r", "clear", N_("Clear search"), priority=True),
        Binding("f7", "ingest", N_("Ingest folder")),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    class Counted(Message):
        def __init__(self, generation: int, total: int, rows: list[BroadcastLine]) -> None:
            super().__init__()
            self.generation = generation
            self.total = total
            self.rows = rows

    class BrowsePage(Message):
        def __init__(self, generation: int, start: int, rows: list[BroadcastLine]) -> None:
            super().__init__()
            self.generation = generation
            self.start = start
            self.rows = rows

    class Hits(Message):
        def __init__(self, generation: int, start: int, page: SearchPage) -> None:
            super().__init__()
            self.generation = generation
            self.start = start
            self.page = page

    class Ingesting(Message):
        def __init__(self, step: IngestProgress) -> None:
            super().__init__()
            self.step = step

    class Ingested(Message):
        def __init__(self, report: IngestReport) -> None:
            super().__init__()
            self.report = report

    class Problem(Message):
        def __init__(self, generation: int, text: str) -> None:
            super().__init__()
            self.generation = generation
            self.text = text

    def __init__(self) -> None:
        super().__init__()
        self.filters = SearchFilters()
        self.shows: list[tuple[str, str]] = []
        self.query_text = ""
        self.pending: Timer | None = None
        self.loaded = False
        self.ingesting = False

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder=_("Search the archive: words, names, places…"), id="query")
        yield Static(id="filters")
        yield ArchiveList(BROWSE_PAGE, id="list")
        with Horizontal(id="ingest"):
            yield Static(id="ingest-file")
            yield ProgressBar(id="ingest-bar", total=1.0, show_eta=False)
        yield Static(id="summary")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#ingest").display = False
        self.show_filters()

    def reload(self) -> None:
        # Coming back from a broadcast's detail keeps the list where it was.
        if not self.loaded:
            self.loaded = True
            self.restart()

    def commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(_("Search filters"), _("Narrow the archive search"), self.action_filters)
        ]

    # -- the list --------------------------------------------------------------------------

    @property
    def list(self) -> ArchiveList:
        return self.query_one("#list", ArchiveList)

    def restart(self) -> None:
        """Empty the list and fill it again for the query and filters in force."""
        archive = self.list
        if self.query_text or self.filters.any():
            archive.page_size = SEARCH_PAGE
            generation = archive.reset(0)
            self.query_one("#summary", Static).update(_("Searching…"))
            self.run_search(generation, self.query_text, self.filters, 0)
        else:
            archive.page_size = BROWSE_PAGE
            generation = archive.reset(0)
            self.count_broadcasts(generation)

    @on(ArchiveList.NeedPage)
    def _need_page(self, message: ArchiveList.NeedPage) -> None:
        archive = self.list
        start = message.page * archive.page_size
        if archive.page_size == SEARCH_PAGE:
            self.run_search(archive.generation, self.query_text, self.filters, start)
        else:
            self.browse(archive.generation, start)

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-count")
    def count_broadcasts(self, generation: int) -> None:
        with db.unit_of_work(self.settings) as session:
            total = broadcast_count(session, self.now())
            rows = broadcast_page(session, self.now(), 0, BROWSE_PAGE)
            if not self.shows:
                self.shows = active_shows(session)
        self.post_message(self.Counted(generation, total, rows))

    @work(thread=True, exclusive=False, exit_on_error=False, group="archive-page")
    def browse(self, generation: int, start: int) -> None:
        with db.unit_of_work(self.settings) as session:
            rows = broadcast_page(session, self.now(), start, BROWSE_PAGE)
        self.post_message(self.BrowsePage(generation, start, rows))

    def on_archive_screen_counted(self, message: Counted) -> None:
        archive = self.list
        if message.generation != archive.generation:
            return
        archive.put_page(
            message.generation, 0, [self.broadcast_row(r) for r in message.rows], message.total
        )
        summary = _("{count} broadcasts, newest first. Type to search; Enter opens.").format(
            count=format_number(message.total)
        )
        self.query_one("#summary", Static).update(summary)

    def on_archive_screen_browse_page(self, message: BrowsePage) -> None:
        self.list.put_page(
            message.generation, message.start, [self.broadcast_row(r) for r in message.rows]
        )

    def broadcast_row(self, line: BroadcastLine) -> ArchiveRow:
        heading = Text(" ", no_wrap=True, overflow="ellipsis")
        heading.append(format_datetime(line.planned_start, self.zone_name), style="bold")
        heading.append("  " + line.title)
        detail = Text("   ", no_wrap=True, overflow="ellipsis")
        detail.append(_(STATUS_LABELS.get(line.status, line.status)), style="dim")
        if line.recordings:
            detail.append(
                "  ♪ " + _("{count} recordings").format(count=line.recordings), style="green"
            )
        if line.topic:
            detail.append("  " + line.topic, style="italic")
        return ArchiveRow(line.id, heading, detail)

    # -- searching -------------------------------------------------------------------------

    @on(Input.Changed, "#query")
    def _typed(self, event: Input.Changed) -> None:
        if self.pending is not None:
            self.pending.stop()
        self.query_text = event.value.strip()
        self.pending = self.set_timer(SEARCH_DELAY, self.restart)

    @on(Input.Submitted, "#query")
    def _open_from_query(self) -> None:
        self.list.action_open()

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-search")
    def run_search(self, generation: int, query: str, filters: SearchFilters, start: int) -> None:
        try:
            with db.unit_of_work(self.settings) as session:
                page = search(
                    session,
                    self.settings,
                    query,
                    filters,
                    limit=SEARCH_PAGE,
                    offset=start,
                    now=self.now(),
                )
        except InputError as err:
            # A query still being typed ("-", a lone quote) is not worth a pop-up.
            self.post_message(self.Problem(generation, str(err)))
            return
        self.post_message(self.Hits(generation, start, page))

    def on_archive_screen_problem(self, message: Problem) -> None:
        if message.generation == self.list.generation:
            self.query_one("#summary", Static).update(Text(message.text, style="yellow"))

    def on_archive_screen_hits(self, message: Hits) -> None:
        archive = self.list
        if message.generation != archive.generation:
            return
        page = message.page
        total = message.start + len(page.hits) + (1 if page.has_more else 0)
        archive.put_page(message.generation, message.start, [hit_row(h) for h in page.hits], total)
        shown = message.start + len(page.hits)
        summary = _("{count} found in {ms} ms.").format(
            count=f"{shown}+" if page.has_more else shown, ms=format_number(page.elapsed_ms)
        )
        if page.notice:
            summary = f"{page.notice} {summary}"
        self.query_one("#summary", Static).update(summary)

    def action_move(self, step: int) -> None:
        self.list.action_move(step)

    def action_clear(self) -> None:
        self.filters = SearchFilters()
        self.show_filters()
        self.query_one("#query", Input).value = ""

    def action_filters(self) -> None:
        def chosen(filters: SearchFilters | None) -> None:
            if filters is not None and filters != self.filters:
                self.filters = filters
                self.show_filters()
                self.restart()

        self.app.push_screen(FilterDialog(self.filters, self.shows), chosen)

    def show_filters(self) -> None:
        f = self.filters
        parts = []
        if f.shows:
            titles = dict(self.shows)
            parts.append(_("programme: {title}").format(title=titles.get(f.shows[0], f.shows[0])))
        if f.person:
            parts.append(_("person: {name}").format(name=f.person))
        if f.institution:
            parts.append(_("institution: {name}").format(name=f.institution))
        if f.date_from:
            parts.append(_("from {day}").format(day=f.date_from.isoformat()))
        if f.date_to:
            parts.append(_("to {day}").format(day=f.date_to.isoformat()))
        if f.has_audio:
            parts.append(_("with audio"))
        text = (
            _("Filters: {filters}").format(filters="; ".join(parts))
            if parts
            else _("No filters (Ctrl+F).")
        )
        self.query_one("#filters", Static).update(Text(text, style="dim"))

    # -- ingest ----------------------------------------------------------------------------

    def action_ingest(self) -> None:
        if self.ingesting:
            self.notify(_("An ingest is already running."))
            return

        def given(folder: str | None) -> None:
            if folder:
                self.ingesting = True
                self.query_one("#ingest").display = True
                self.query_one("#ingest-file", Static).update(_("Starting…"))
                self.ingest(folder)

        self.app.push_screen(
            TextPrompt(
                _("Ingest recordings from which folder (or file)?"),
                _("Every audio file in it is checksummed, archived and linked to its broadcast."),
                value=str(self.settings.home / "incoming"),
            ),
            given,
        )

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive-ingest")
    def ingest(self, folder: str) -> None:
        last = [0.0, -1]

        def progress(step: IngestProgress) -> None:
            # The service reports often; the screen hears at most ten times a second, and
            # whenever a new file starts.
            moment = monotonic()
            if step.index != last[1] or moment - last[0] >= PROGRESS_EVERY:
                last[0], last[1] = moment, step.index
                self.post_message(self.Ingesting(step))

        report = ingest_paths(
            self.settings, [Path(folder).expanduser()], now=self.now(), progress=progress
        )
        self.post_message(self.Ingested(report))

    def on_archive_screen_ingesting(self, message: Ingesting) -> None:
        step = message.step
        self.query_one("#ingest-bar", ProgressBar).update(total=1.0, progress=step.overall)
        self.query_one("#ingest-file", Static).update(
            _("{index}/{count} {file}").format(
                index=step.index + 1, count=step.count, file=Path(step.path).name
            )
        )

    def on_archive_screen_ingested(self, message: Ingested) -> None:
        self.ingesting = False
        report = message.report
        self.query_one("#ingest").display = False
        note = _(
            "Ingest done: {archived} archived, {duplicates} already there, {failed} failed."
        ).format(
            archived=len(report.archived),
            duplicates=len(report.duplicates),
            failed=len(report.failed),
        )
        for bad in report.failed[:5]:
            note += "\n" + _("{file}: {reason}").format(file=Path(bad.path).name, reason=bad.reason)
        self.notify(note, severity="warning" if report.failed else "information", timeout=10)
        self.restart()

    def worker_failed(self, worker: Worker[object]) -> None:
        if worker.group == "archive-ingest":
            self.ingesting = False
            self.query_one("#ingest").display = False

    # -- opening ---------------------------------------------------------------------------

    @on(ArchiveList.Opened)
    def _opened(self, message: ArchiveList.Opened) -> None:
        if message.row.broadcast_id is None:
            self.notify(_("This result is not a broadcast."), severity="warning")
            return
        self.app.push_screen(BroadcastScreen(message.row.broadcast_id))


def hit_row(hit: SearchHit) -> ArchiveRow:
    """A search hit: when, what kind, title; then the snippet with the words lit."""
    heading = Text(" ", no_wrap=True, overflow="ellipsis")
    if hit.when:
        heading.append(hit.when, style="bold")
        heading.append("  ")
    kind = HIT_KINDS.get(hit.kind) or KIND_LABELS.get(hit.kind) or hit.kind
    heading.append(f"[{_(kind)}] ", style="cyan")
    heading.append(" · ".join(t for t in (hit.title, hit.show_title) if t))
    if hit.offset:
        heading.append(f"  ▶ {hit.offset}", style="green")
    detail = Text("   " + hit.snippet, no_wrap=True, overflow="ellipsis")
    for start, end in hit.highlights:
        detail.stylize("bold yellow", start + 3, end + 3)
    return ArchiveRow(hit.broadcast_id, heading, detail)
