"""Putting a guest on air asks their consent to publication; the Publish screen names who
the episode leaves out and why."""

from __future__ import annotations

from sqlalchemy import select

from radiodesk.archive.ingest import ingest_paths
from radiodesk.interviews import add_appearance, add_person
from radiodesk.models import Appearance, Person
from radiodesk.tui.dialogs.add_guest import AddGuestDialog
from radiodesk.tui.dialogs.consent import ConsentDialog
from radiodesk.tui.screens.publish import PublishScreen
from tests.tui.conftest import NOW, Desk, settle, text_with
from tests.tui.test_archive import make_recording


def person(desk: Desk, name: str) -> tuple[object, ...]:
    with desk.station.session() as session:
        p = session.scalars(select(Person).where(Person.name == name)).one()
        on_air = session.scalars(select(Appearance).where(Appearance.person_id == p.id)).all()
        return (p.consent, p.publish_name, p.publish_position, len(on_air))


async def test_a_guest_put_on_air_is_asked_for_consent_and_the_episode_says_who_is_left_out(
    desk: Desk,
) -> None:
    settings = desk.station.settings
    path = make_recording(desk.station.home / "incoming", "studio_2026-11-23_09-00-00.wav")
    assert len(ingest_paths(settings, [path], now=NOW).archived) == 1
    with desk.station.session() as session:
        add_person(session, "Hasan Basri", now=NOW, position="Kabid", institution="Kab. Luwu")
    app = desk.app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Someone new: name, position, institution; then the consent question, at 80×24.
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, AddGuestDialog)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press(*"Kepala Diskominfo", "tab", *"Diskominfo Luwu Utara", "shift+tab")
        await pilot.press("shift+tab", *"Andi Baso", "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConsentDialog)
        asked = ("May the podcast and the public page name Andi Baso?", "not asked yet")
        text = await text_with(pilot, *asked)
        for words in asked:
            assert words in text, words
        assert dialog.query_one("#publish-position").region.bottom <= 24
        # Given; the name may be published, the position not.
        await pilot.press("right", "tab", "tab", "right", "enter")
        await settle(pilot)
        assert person(desk, "Andi Baso") == ("given", True, False, 1)
        assert "Andi Baso is on air." in await text_with(pilot, "Andi Baso is on air.")

        # From the directory, consent never asked: asked now; Esc keeps it not asked.
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press(*"hasan")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsentDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert person(desk, "Hasan Basri") == ("unknown", True, True, 1)
        assert "the episode will not name them" in await text_with(pilot, "will not name them")

        # From the directory with consent on record (given): nothing asked.
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press(*"siti", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, ConsentDialog)

    # Siti Aminah was put on air again: one appearance only, consent as recorded.
    assert person(desk, "Siti Aminah") == ("given", True, True, 1)


async def test_the_publish_card_names_who_is_left_out_and_why(desk: Desk) -> None:
    settings = desk.station.settings
    path = make_recording(desk.station.home / "incoming", "studio_2026-11-23_09-00-00.wav")
    assert len(ingest_paths(settings, [path], now=NOW).archived) == 1
    with desk.station.session() as session:
        for name, consent, name_ok, position_ok in (
            ("Hasan Basri", "unknown", True, True),
            ("Andi Baso", "given", True, False),
            ("Rina Kartika", "given", False, True),
            ("Muh. Arif", "given", True, True),
        ):
            pid = add_person(
                session,
                name,
                now=NOW,
                position="Kabid",
                institution="Kab. Luwu",
                consent=consent,
                publish_name=name_ok,
                publish_position=position_ok,
            ).id
            add_appearance(session, desk.special_id, pid, now=NOW)
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PublishScreen) and screen.episode is not None
        text = await text_with(pilot, "Left out:")
        shown = " ".join(text.replace("│", " ").split())
        assert (
            "Left out: Hasan Basri (not named: consent not asked yet); Andi Baso (named "
            "without position: not allowed); Rina Kartika (not named: name not allowed)"
        ) in shown
        assert "Muh. Arif" not in shown
