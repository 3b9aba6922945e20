"""Publish: what the next publish would add, change and withdraw; publish now; the feeds."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import ProgressBar, Static
from textual.worker import Worker

from radiodesk import db
from radiodesk.i18n import N_, _, format_number
from radiodesk.publish import (
    EpisodeChange,
    FeedLink,
    PublishPlan,
    PublishResult,
    feed_urls,
    plan_publish,
    publish,
)
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.screens.base import DeskScreen

# At most this many episodes are named per section; the count says the rest.
SHOWN_PER_SECTION = 8


class PublishScreen(DeskScreen):
    """The plan of the next publish, a progress bar while publishing, and the feed URLs."""

    MODE = "publish"
    CSS_PATH = "publish.tcss"
    BINDINGS = [
        Binding("p", "publish", N_("Publish now")),
        Binding("r", "refresh_plan", N_("Refresh")),
    ]

    class Planned(Message):
        def __init__(self, plan: PublishPlan, feeds: list[FeedLink]) -> None:
            super().__init__()
            self.plan = plan
            self.feeds = feeds

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
        self.publishing = False

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(id="plan")
            yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="result")
            yield Static(id="feeds")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#plan").border_title = _("Next publish")
        self.query_one("#feeds").border_title = _("Feeds")
        self.query_one("#progress").display = False

    def reload(self) -> None:
        if not self.publishing:
            self.load_plan()

    def commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                _("Publish now"), _("Write feeds and the public page"), self.action_publish
            )
        ]

    def action_refresh_plan(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, exit_on_error=False, group="publish-plan")
    def load_plan(self) -> None:
        with db.unit_of_work(self.settings) as session:
            plan = plan_publish(session, self.settings, self.now())
        self.post_message(self.Planned(plan, feed_urls(self.settings)))

    def on_publish_screen_planned(self, message: Planned) -> None:
        self.plan = message.plan
        self.query_one("#plan", Static).update(plan_text(message.plan))
        feeds = Text()
        for i, feed in enumerate(message.feeds):
            if i:
                feeds.append("\n")
            feeds.append(feed.title, style="bold")
            feeds.append("  " + feed.url)
        self.query_one("#feeds", Static).update(feeds)

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
        self.load_plan()

    def worker_failed(self, worker: Worker[object]) -> None:
        if worker.group == "publish-run":
            self.publishing = False
            self.query_one("#progress").display = False
            self.query_one("#result", Static).update(
                Text(_("Publish failed: {reason}").format(reason=worker.error), style="bold red")
            )


def summary_line(plan: PublishPlan) -> str:
    return _("{added} to add, {changed} to change, {withdrawn} to withdraw.").format(
        added=len(plan.added), changed=len(plan.changed), withdrawn=len(plan.withdrawn)
    )


def plan_text(plan: PublishPlan) -> Text:
    """The sections of the plan, each with its count and the first episodes by title."""
    text = Text()
    sections: list[tuple[str, tuple[EpisodeChange, ...], str]] = [
        (N_("Add"), plan.added, "green"),
        (N_("Change"), plan.changed, "yellow"),
        (N_("Withdraw"), plan.withdrawn, "red"),
    ]
    for i, (title, changes, style) in enumerate(sections):
        if i:
            text.append("\n")
        text.append(f"{_(title)}: {len(changes)}", style=f"bold {style}")
        for change in changes[:SHOWN_PER_SECTION]:
            text.append(f"\n  {change.title}")
            text.append(f"  ({change.show_slug})", style="dim")
        if len(changes) > SHOWN_PER_SECTION:
            text.append(
                "\n  " + _("… and {count} more").format(count=len(changes) - SHOWN_PER_SECTION),
                style="dim",
            )
    text.append(
        "\n"
        + _("Unchanged: {unchanged} · drafts to make: {drafts} · held back: {held}").format(
            unchanged=plan.unchanged, drafts=plan.drafts_to_create, held=len(plan.held)
        ),
        style="dim",
    )
    for episode_id, why in plan.held[:SHOWN_PER_SECTION]:
        text.append("\n  " + _("episode {id}: {why}").format(id=episode_id, why=why), style="dim")
    return text
