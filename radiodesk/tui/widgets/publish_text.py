"""How the Publish screen words episodes and the plan of the next publish."""

from __future__ import annotations

from rich.text import Text

from radiodesk.i18n import N_, _, format_datetime, format_duration
from radiodesk.interviews import LeftOut
from radiodesk.models import Consent, EpisodeStatus
from radiodesk.publish import EpisodeChange, EpisodeDetail, PublishPlan

EPISODE_STATUS: dict[str, str] = {
    EpisodeStatus.DRAFT: N_("draft"),
    EpisodeStatus.SCHEDULED: N_("scheduled"),
    EpisodeStatus.PUBLISHED: N_("published"),
    EpisodeStatus.WITHDRAWN: N_("withdrawn"),
}
STATUS_STYLES = {
    EpisodeStatus.DRAFT: "yellow",
    EpisodeStatus.SCHEDULED: "cyan",
    EpisodeStatus.PUBLISHED: "bold green",
    EpisodeStatus.WITHDRAWN: "dim",
}
# At most this many episodes are named per section; the count says the rest.
SHOWN_PER_SECTION = 5
# How many lines of an episode's description its card shows.
DESCRIPTION_LINES = 3


def plan_marks(plan: PublishPlan) -> dict[str, Text]:
    """By episode guid: the mark of what the next publish does to it (+ add, ~ change, − go)."""
    marks: dict[str, Text] = {}
    for changes, mark, style in (
        (plan.added, "+ ", "bold green"),
        (plan.changed, "~ ", "bold yellow"),
        (plan.withdrawn, "− ", "bold red"),
    ):
        for change in changes:
            marks[change.guid] = Text(mark, style=style)
    return marks


def summary_line(plan: PublishPlan) -> str:
    return _("{added} to add, {changed} to change, {withdrawn} to withdraw.").format(
        added=len(plan.added), changed=len(plan.changed), withdrawn=len(plan.withdrawn)
    )


def plan_text(plan: PublishPlan) -> tuple[Text, Text]:
    """The sections of the plan, each with its count and the first episodes by title; and
    the counts of the rest, with why episodes are held back."""
    text = Text(no_wrap=True, overflow="ellipsis")
    sections: list[tuple[str, str, tuple[EpisodeChange, ...], str]] = [
        (N_("Add"), "+", plan.added, "green"),
        (N_("Change"), "~", plan.changed, "yellow"),
        (N_("Withdraw"), "−", plan.withdrawn, "red"),
    ]
    for i, (title, mark, changes, style) in enumerate(sections):
        if i:
            text.append("\n")
        text.append(f"{mark} {_(title)}: {len(changes)}", style=f"bold {style}")
        for change in changes[:SHOWN_PER_SECTION]:
            text.append(f"\n  {change.title}")
            text.append(f"  ({change.show_slug})", style="dim")
        if len(changes) > SHOWN_PER_SECTION:
            text.append(
                "\n  " + _("… and {count} more").format(count=len(changes) - SHOWN_PER_SECTION),
                style="dim",
            )
    counts = Text(
        _("Unchanged: {unchanged} · drafts to make: {drafts} · held back: {held}").format(
            unchanged=plan.unchanged, drafts=plan.drafts_to_create, held=len(plan.held)
        ),
        style="dim",
    )
    for episode_id, why in plan.held[:SHOWN_PER_SECTION]:
        counts.append("\n  " + _("episode {id}: {why}").format(id=episode_id, why=why))
    return text, counts


def episode_text(episode: EpisodeDetail, zone: str, left_out: list[LeftOut] | None = None) -> Text:
    """An episode's card: title; programme, status, airing and length; when it goes out;
    why it may not be public; who on air it leaves out and why; the first lines of its
    description."""
    s = episode.summary
    text = Text()
    text.append(s.title, style="bold")
    text.append(f"  #{s.id}", style="dim")
    line = [s.show_title, _(EPISODE_STATUS.get(s.status, s.status))]
    if s.aired is not None:
        line.append(_("aired {when}").format(when=format_datetime(s.aired, zone, weekday=False)))
    if s.duration:
        line.append(format_duration(s.duration))
    text.append("\n" + " · ".join(line), style=STATUS_STYLES.get(s.status, ""))
    if s.status == EpisodeStatus.SCHEDULED and s.publish_at is not None:
        text.append("\n" + _("Goes out at {when}").format(when=format_datetime(s.publish_at, zone)))
    elif s.published_at is not None:
        text.append(
            "\n" + _("First published {when}").format(when=format_datetime(s.published_at, zone))
        )
    if s.blocked:
        text.append(
            "\n" + _("May not be public: {reasons}").format(reasons="; ".join(s.blocked)),
            style="bold red",
        )
    # A refusal is said above, as what keeps the episode private.
    named = [p for p in left_out or [] if p.consent != Consent.REFUSED]
    if named:
        people = "; ".join(f"{p.name} ({p.reason})" for p in named)
        text.append("\n" + _("Left out: {people}").format(people=people), style="yellow")
    lines = [line for line in episode.description.splitlines() if line.strip()]
    if lines:
        text.append("\n" + "\n".join(lines[:DESCRIPTION_LINES]), style="dim")
    return text
