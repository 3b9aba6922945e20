"""Publish: the episodes and their workflow; what the next publish would do; publish now.

On the left, the episodes (draft, scheduled, published, withdrawn), newest first, each marked
with what the next publish does to it (+ add, ~ change, − withdraw); under them the chosen
episode. Keys act on the chosen episode: publish, schedule, withdraw, edit. On the right, the
plan of the next publish, its progress, and the feed URLs.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import DataTable, ProgressBar, Static
from textual.worker import Worker

from radiodesk import db
from radiodesk.i18n import N_, _, format_number
from radiodesk.interviews import LeftOut, episode_people_left_out
from radiodesk.models import EpisodeStatus
from radiodesk.publish import (
    EpisodeDetail,
    EpisodeSummary,
    FeedLink,
    PublishPlan,
    PublishResult,
    edit_episode,
    episode_detail,
    feed_urls,
    list_episodes,
    plan_publish,
    publish,
    publish_episode,
    schedule_episode,
    sync_drafts,
    withdraw_episode,
)
from radiodesk.tui.data import short_day
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.episode import EditEpisodeDialog, EpisodeText, ScheduleEpisodeDialog
from radiodesk.tui.screens.base import DeskScreen
from radiodesk.tui.widgets.publish_text import (
    EPISODE_STATUS,
    STATUS_STYLES,
    episode_text,
    plan_marks,
    plan_text,
    summary_line,
)

# How many episodes the list holds; a regency station makes a few a day.
LIST_LIMIT = 500
# Cells of the day of airing ("23/11"; the card has the time).
AIRED_WIDTH = 5
# The status filter, in the order "f" goes through it ("" is every status).
FILTERS = ("", *EpisodeStatus)


class PublishScreen(DeskScreen):
    """The episodes, the plan of the next publish, a progress bar, and the feed URLs."""

    MODE = "publish"
    AUTO_FOCUS = "#episodes"
    CSS_PATH = "publish.tcss"
    BINDINGS = [
        Binding("p", "publish", N_("Publish now")),
        Binding("a", "publish_episode", N_("Publish episode")),
        Binding("s", "schedule_episode", N_("Schedule")),
        Binding("w", "withdraw_episode", N_("Withdraw")),
        Binding("e", "edit_episode", N_("Edit")),
        Binding("f", "next_filter", N_("Status filter")),
        Binding("d", "make_drafts", N_("Make drafts")),
        Binding("r", "refresh_plan", N_("Refresh")),
    ]

    class Loaded(Message):
        def __init__(
            self,
            episodes: list[EpisodeSummary],
            plan: PublishPlan,
            feeds: list[FeedLink],
            ticket: int,
        ) -> None:
            super().__init__()
            self.ticket = ticket
            self.episodes = episodes
            self.plan = plan
            self.feeds = feeds

    class Detail(Message):
        def __init__(self, episode: EpisodeDetail, left_out: list[LeftOut], ticket: int) -> None:
            super().__init__()
            self.episode = episode
            self.left_out = left_out
            self.ticket = ticket

    class Progress(Message):
        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Published(Message):
        def __init__(self, result: PublishResult) -> None:
            super().__init__()
            self.result = result

    def __init__(self) -> None:
        super().__init__()
        self.plan: PublishPlan | None = None
        self.episodes: list[EpisodeSummary] = []
        self.episode: EpisodeDetail | None = None
        self.marks: dict[str, Text] = {}
        self.keep_id: int | None = None
        self.status = ""
        self.publishing = False

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield DataTable(id="episodes", cursor_type="row", zebra_stripes=True)
                yield Static(id="episode")
            with VerticalScroll(id="side"):
                with Vertical(id="plan"):
                    yield Static(id="plan-changes")
                    yield Static(id="plan-counts")
                yield ProgressBar(id="progress", show_eta=False)
                yield Static(id="result")
                yield Static(id="feeds")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#plan").border_title = _("Next publish")
        self.query_one("#feeds").border_title = _("Feeds")
        self.query_one("#episode").border_title = _("Episode")
        self.query_one("#progress").display = False
        self.show_heading()

    def reload(self) -> None:
        if not self.publishing:
            self.load()

    def commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                _("Publish now"), _("Write feeds and the public page"), self.action_publish
            ),
            SystemCommand(
                _("Make drafts"),
                _("Draft an episode for every new recording"),
                self.action_make_drafts,
            ),
        ]

    def action_refresh_plan(self) -> None:
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def load(self) -> None:
        """Read the episodes and the plan again; only the latest read is shown."""
        self.read_plan(self.status, self.ticket("plan"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish-plan")
    def read_plan(self, status: str, ticket: int) -> None:
        with db.unit_of_work(self.settings) as session:
            episodes = list_episodes(
                session, self.settings, status=status or None, limit=LIST_LIMIT
            )
            plan = plan_publish(session, self.settings, self.now())
        self.post_message(self.Loaded(episodes, plan, feed_urls(self.settings), ticket))

    def on_publish_screen_loaded(self, message: Loaded) -> None:
        if not self.is_latest("plan", message.ticket):
            return
        self.plan = message.plan
        self.episodes = message.episodes
        changes, counts = plan_text(message.plan)
        self.query_one("#plan-changes", Static).update(changes)
        self.query_one("#plan-counts", Static).update(counts)
        self.marks = plan_marks(message.plan)
        self.show_episodes()
        feeds = Text()
        for i, feed in enumerate(message.feeds):
            if i:
                feeds.append("\n")
            feeds.append(feed.title, style="bold")
            feeds.append("\n" + feed.url)
        self.query_one("#feeds", Static).update(feeds)

    def show_episodes(self) -> None:
        """Fill the table; the title column takes the width the others leave."""
        episodes = self.episodes
        table = self.query_one("#episodes", DataTable)
        table.clear(columns=True)
        # Two cells of padding per column, and room for the scroll bar.
        # "published !": the longest label in this language, and the mark of a refusal.
        status_width = max(len(_(label)) for label in EPISODE_STATUS.values()) + 2
        aired_width = max(AIRED_WIDTH, len(_("Aired")))
        title_width = max(10, table.content_size.width - status_width - aired_width - 8)
        table.add_column(_("Status"), width=status_width)
        table.add_column(_("Aired"), width=aired_width)
        table.add_column(_("Title"), width=title_width)
        for episode in episodes:
            status = Text(
                _(EPISODE_STATUS.get(episode.status, episode.status)),
                style=STATUS_STYLES.get(episode.status, ""),
            )
            if episode.blocked:
                status.append(" !", style="bold red")
            title = Text(no_wrap=True, overflow="ellipsis")
            title.append_text(self.marks.get(episode.guid, Text("  ")))
            title.append(episode.title)
            title.truncate(title_width, overflow="ellipsis")
            table.add_row(
                status,
                short_day(episode.aired, self.zone_name) if episode.aired else "",
                title,
                key=str(episode.id),
            )
        self.show_heading()
        if not episodes:
            self.episode = None
            self.query_one("#episode", Static).update(
                Text(
                    _("No episode yet: D drafts one for every new recording of a podcast."),
                    style="dim",
                )
            )
            return
        ids = [e.id for e in episodes]
        row = ids.index(self.keep_id) if self.keep_id in ids else 0
        table.move_cursor(row=row)
        # Moving to the row it is on already posts nothing: load the card here.
        self.load_episode(ids[row])

    def on_resize(self) -> None:
        if self.episodes:
            self.call_after_refresh(self.show_episodes)

    def show_heading(self) -> None:
        what = _(EPISODE_STATUS[self.status]) if self.status else _("every status")
        self.query_one("#episodes").border_title = _("Episodes ({count}) · {what}").format(
            count=len(self.episodes), what=what
        )

    @on(DataTable.RowHighlighted, "#episodes")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            episode_id = int(event.row_key.value)
            if episode_id != self.keep_id or self.episode is None:
                self.keep_id = episode_id
                self.load_episode(episode_id)

    def load_episode(self, episode_id: int) -> None:
        """Show one episode's card; only the latest asked for is shown."""
        self.read_episode(episode_id, self.ticket("episode"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish-episode")
    def read_episode(self, episode_id: int, ticket: int) -> None:
        with db.unit_of_work(self.settings) as session:
            detail = episode_detail(session, self.settings, episode_id)
            left_out = episode_people_left_out(session, episode_id)
        self.post_message(self.Detail(detail, left_out, ticket))

    def on_publish_screen_detail(self, message: Detail) -> None:
        if not self.is_latest("episode", message.ticket):
            return
        self.episode = message.episode
        self.keep_id = message.episode.summary.id
        self.query_one("#episode", Static).update(
            episode_text(message.episode, self.zone_name, message.left_out)
        )

    def action_next_filter(self) -> None:
        self.status = FILTERS[(FILTERS.index(self.status) + 1) % len(FILTERS)]
        self.episode = None
        self.reload()

    # -- the chosen episode ----------------------------------------------------------------

    def chosen(self) -> EpisodeDetail | None:
        """The episode on the card, if it is the one highlighted; else says what to do."""
        if self.episode is None or self.episode.summary.id != self.keep_id:
            self.notify(_("Choose an episode first."), severity="warning")
            return None
        return self.episode

    def action_publish_episode(self) -> None:
        episode = self.chosen()
        if episode is None:
            return
        question = _(
            "Publish {title}? It reaches the feeds and the public page at the next publish (P)."
        ).format(title=episode.summary.title)
        self.confirm_then(question, _("Publish"), "publish", episode.summary.id)

    def action_withdraw_episode(self) -> None:
        episode = self.chosen()
        if episode is None:
            return
        question = _(
            "Withdraw {title}? Its file and feed item go at the next publish; podcast apps drop it."
        ).format(title=episode.summary.title)
        self.confirm_then(question, _("Withdraw"), "withdraw", episode.summary.id)

    def confirm_then(self, question: str, yes: str, action: str, episode_id: int) -> None:
        def answered(confirmed: bool | None) -> None:
            if confirmed:
                self.change_episode(action, episode_id)

        self.app.push_screen(ConfirmDialog(question, yes=yes, no=_("Not now")), answered)

    def action_schedule_episode(self) -> None:
        episode = self.chosen()
        if episode is None:
            return
        zone = ZoneInfo(self.zone_name)
        at = episode.summary.publish_at
        if at is None:
            # The next full hour but one: time to look the episode over first.
            at = (self.now() + timedelta(hours=2)).replace(minute=0, second=0, microsecond=0)
        suggestion = at.astimezone(zone).strftime("%Y-%m-%d %H:%M")

        def given(moment: datetime | None) -> None:
            if moment is not None:
                self.change_episode("schedule", episode.summary.id, moment)

        self.app.push_screen(
            ScheduleEpisodeDialog(episode.summary.title, self.zone_name, suggestion), given
        )

    def action_edit_episode(self) -> None:
        episode = self.chosen()
        if episode is None:
            return

        def edited(text: EpisodeText | None) -> None:
            if text is not None:
                self.change_episode("edit", text.episode_id, text)

        self.app.push_screen(EditEpisodeDialog(episode), edited)

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish-change")
    def change_episode(
        self, action: str, episode_id: int, value: datetime | EpisodeText | None = None
    ) -> None:
        """One service call per action, in its own unit of work."""
        now, settings = self.now(), self.settings
        with db.unit_of_work(settings) as session:
            if action == "publish":
                detail = publish_episode(session, settings, episode_id, now=now)
                note = _("{title} is published; P writes it out.")
            elif action == "withdraw":
                detail = withdraw_episode(session, settings, episode_id, now=now)
                note = _("{title} is withdrawn; P removes it from the feeds.")
            elif isinstance(value, datetime):
                detail = schedule_episode(session, settings, episode_id, at=value, now=now)
                note = _("{title} is scheduled.")
            else:
                assert isinstance(value, EpisodeText)
                detail = edit_episode(
                    session,
                    settings,
                    episode_id,
                    now=now,
                    title=value.title,
                    description=value.description,
                )
                note = _("Saved {title}.")
        self.post_message(self.Changed(note.format(title=detail.summary.title), episode_id))

    def action_make_drafts(self) -> None:
        self.make_drafts()

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish-change")
    def make_drafts(self) -> None:
        with db.unit_of_work(self.settings) as session:
            result = sync_drafts(session, self.settings, self.now())
        note = _("{created} drafts made, {scheduled} scheduled.").format(
            created=len(result.created), scheduled=len(result.scheduled)
        )
        self.post_message(self.Changed(note, result.created[0] if result.created else None))

    def on_desk_screen_changed(self, message: DeskScreen.Changed) -> None:
        self.notify(message.note)
        if message.chosen is not None:
            self.keep_id = message.chosen
        self.episode = None
        self.reload()

    # -- publishing ------------------------------------------------------------------------

    def action_publish(self) -> None:
        if self.publishing:
            self.notify(_("Publishing is already running."))
            return
        plan = self.plan
        question = _("Publish now? The feeds and the public page are written to {folder}.").format(
            folder=self.settings.public_dir
        )
        if plan is not None:
            question += "\n" + summary_line(plan)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.publishing = True
                bar = self.query_one("#progress", ProgressBar)
                bar.update(total=None, progress=0)
                bar.display = True
                self.query_one("#result", Static).update(_("Publishing…"))
                self.run_publish()

        self.app.push_screen(ConfirmDialog(question, yes=_("Publish"), no=_("Not now")), confirmed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish-run")
    def run_publish(self) -> None:

        def progress(done: int, total: int) -> None:
            # The service calls back in batches; each call becomes one message to the screen.
            self.post_message(self.Progress(done, total))

        result = publish(self.settings, self.now(), progress=progress)
        self.post_message(self.Published(result))

    def on_publish_screen_progress(self, message: Progress) -> None:
        self.query_one("#progress", ProgressBar).update(total=message.total, progress=message.done)

    def on_publish_screen_published(self, message: Published) -> None:
        self.publishing = False
        result = message.result
        bar = self.query_one("#progress", ProgressBar)
        bar.update(total=max(1, bar.total or 1), progress=bar.total or 1)
        text = Text(
            _(
                "Published {episodes} episodes in {seconds} s: {written} files written, "
                "{removed} removed, {unchanged} unchanged."
            ).format(
                episodes=result.episodes,
                seconds=format_number(result.seconds, 1),
                written=len(result.written),
                removed=len(result.removed),
                unchanged=result.unchanged,
            ),
            style="bold green",
        )
        for problem in result.problems:
            text.append("\n" + problem, style="red")
        self.query_one("#result", Static).update(text)
        self.notify(_("Publish finished."))
        self.episode = None
        self.load()

    def worker_failed(self, worker: Worker[object]) -> None:
        if worker.group == "publish-run":
            self.publishing = False
            self.query_one("#progress").display = False
            self.query_one("#result", Static).update(
                Text(_("Publish failed: {reason}").format(reason=worker.error), style="bold red")
            )
