"""The Guests screen: add someone, record their consent, merge a duplicate after asking."""

from __future__ import annotations

from sqlalchemy import select

from radiodesk.interviews import add_appearance, add_person
from radiodesk.models import Appearance, Person
from radiodesk.tui.dialogs.confirm import ConfirmDialog
from radiodesk.tui.dialogs.consent import ConsentDialog
from radiodesk.tui.dialogs.person import PersonDialog, PickPersonDialog
from radiodesk.tui.screens.guests import GuestsScreen
from tests.tui.conftest import NOW, Desk, screen_text, settle


async def test_add_a_person_set_consent_and_merge_a_duplicate(desk: Desk) -> None:
    with desk.station.session() as session:
        twin = add_person(session, "Andi Rachman", now=NOW, institution="Dinkes Luwu Utara").id
        add_appearance(session, desk.special_id, twin, now=NOW, topic="Banjir")
    andi = desk.people["Andi Rahman"]
    app = desk.app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, GuestsScreen)
        assert [p.name for p in screen.people] == [
            "Andi Rachman",
            "Andi Rahman",
            "Muhammad Yusuf",
            "Siti Aminah",
        ]

        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, PersonDialog)
        await pilot.press(*"Rina Kartika", "tab", "tab", *"Kepala Desa", "tab")
        await pilot.press(*"Desa Baebunta", "enter")
        await settle(pilot)
        assert app.screen is screen and screen.person is not None
        assert screen.person.name == "Rina Kartika"
        text = screen_text(app)
        assert "Position: Kepala Desa" in text and "Consent to publish: not asked yet" in text

        # Consent: it opens on the current one; two to the right is "refused"; the name may
        # not be published either.
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, ConsentDialog)
        await pilot.press("right", "right", "tab", "right", "enter")
        await settle(pilot)
        assert "Consent to publish: refused" in screen_text(app)
        assert "Not to be published: name" in screen_text(app)
        with desk.station.session() as session:
            rina = session.get(Person, screen.person.id)
            assert rina is not None
            assert (rina.consent, rina.publish_name, rina.publish_position) == (
                "refused",
                False,
                True,
            )

        # Merge the misspelt twin into Andi Rahman, after saying no once.
        await pilot.press("home", "down")
        await settle(pilot)
        assert screen.person is not None and screen.person.id == andi
        for answer in ("n", "y"):
            await pilot.press("m")
            await settle(pilot)
            assert isinstance(app.screen, PickPersonDialog)
            await pilot.press(*"rachman", "enter")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert "Merge Andi Rachman — Dinkes Luwu Utara into dr. Andi Rahman?" in (
                app.screen.question
            )
            await pilot.press(answer)
            await settle(pilot)
            if answer == "n":
                with desk.station.session() as session:
                    assert session.get(Person, twin).merged_into_id is None  # type: ignore[union-attr]
        assert [p.name for p in screen.people] == [
            "Andi Rahman",
            "Muhammad Yusuf",
            "Rina Kartika",
            "Siti Aminah",
        ]
        assert "Appearances (1)" in screen_text(app)

    with desk.station.session() as session:
        rina = session.scalars(select(Person).where(Person.name == "Rina Kartika")).one()
        assert (rina.position, rina.institution) == ("Kepala Desa", "Desa Baebunta")
        assert rina.consent == "refused" and rina.consent_at == NOW
        duplicate = session.get(Person, twin)
        assert duplicate is not None and duplicate.merged_into_id == andi
        appearance = session.scalars(select(Appearance)).one()
        assert (appearance.person_id, appearance.topic) == (andi, "Banjir")
