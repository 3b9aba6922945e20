"""Adding a guest from the CLI asks consent to publication in a terminal, and says when
episodes will not name them."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import timedelta

import pytest

from radiodesk.cli import interviews as cli_interviews
from radiodesk.interviews import get_person
from tests.conftest import CliResult, Station
from tests.interviews.conftest import NOW, MakeBroadcast


def typed(monkeypatch: pytest.MonkeyPatch, answers: str) -> None:
    """A terminal where the operator types ``answers`` (lines)."""
    monkeypatch.setattr(cli_interviews, "_interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))


def card(station: Station, person_id: int) -> tuple[object, ...]:
    with station.session() as session:
        p = get_person(session, person_id)
    return (p.consent, p.publish_name, p.publish_position, len(p.appearances))


def test_a_script_is_not_asked_but_told(station: Station, cli: Callable[..., CliResult]) -> None:
    added = cli("guests", "add", "Hasan Basri", "--position", "Kabid", "--json")
    assert added.code == 0, added.err
    pid = json.loads(added.out)["id"]
    assert card(station, pid) == ("unknown", True, True, 0)
    assert "episodes will not name Hasan Basri" in added.err
    assert f"guests edit {pid} --consent given" in added.err
    given = cli("guests", "add", "Andi Baso", "--consent", "given")
    assert given.code == 0 and given.err == ""


def test_in_a_terminal_consent_name_and_position_are_asked(
    station: Station,
    cli: Callable[..., CliResult],
    make_broadcast: MakeBroadcast,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    typed(monkeypatch, "given\ny\nn\n")
    added = cli("guests", "add", "Andi Baso", "--position", "Kepala Diskominfo", "--json")
    assert added.code == 0, added.err
    pid = json.loads(added.out)["id"]
    assert card(station, pid) == ("given", True, False, 0)
    assert "will not name" not in added.err

    # Put on air: someone whose consent was never asked is asked now; a refusal is said.
    monkeypatch.setattr(cli_interviews, "_interactive", lambda: False)
    hasan = json.loads(cli("guests", "add", "Hasan Basri", "--json").out)["id"]
    broadcast = make_broadcast(NOW - timedelta(minutes=10))
    typed(monkeypatch, "refused\n")
    appeared = cli("guests", "appear", str(broadcast), str(hasan))
    assert appeared.code == 0, appeared.err
    assert card(station, hasan) == ("refused", True, True, 1)
    assert "Consent refused: episodes will not name Hasan Basri" in appeared.err
    # Consent on record: nothing asked (no answers typed), nothing said.
    typed(monkeypatch, "")
    again = cli("guests", "appear", str(broadcast), str(pid))
    assert again.code == 0 and again.err == ""
