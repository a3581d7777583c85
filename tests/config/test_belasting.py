"""The database check behind `make loadtest` and `make storingstest` (benchmarks/belasting.py).
CI runs neither, so this is where the check itself is shown to catch what it must."""

import pytest

from benchmarks.belasting import controleer, stand
from opgaven.models import Actie
from tests.factories import ActieFactory, VoortgangsupdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actie() -> Actie:
    return ActieFactory(titel="Schoonmaakactie", positie=0)


def update(tekst: str, uitkomst: str = "bevestigd", status: int = 200) -> dict:
    return {"soort": "voortgang", "tekst": tekst, "uitkomst": uitkomst, "status": status}


def bewerking(actie: Actie, titel: str, uitkomst: str = "bevestigd", status: int = 200) -> dict:
    return {"soort": "bewerking", "actie": actie.pk, "titel": titel, "uitkomst": uitkomst,
            "status": status}  # fmt: skip


def bewerk(actie: Actie, titel: str) -> None:
    actie.titel = titel
    actie.save()


def test_acknowledged_writes_stored_once_and_failed_ones_not_at_all_are_consistent(actie):
    voor = stand()
    VoortgangsupdateFactory(opgave=actie.opgave, tekst="Belastingtest 1")
    bewerk(actie, "Belastingtest 2")
    uitkomst = controleer(
        voor,
        [
            update("Belastingtest 1"),
            bewerking(actie, "Belastingtest 2"),
            update("Belastingtest 3", "mislukt", 500),
            bewerking(actie, "Belastingtest 4", "geweigerd", 409),
            {"soort": "verplaatsing", "uitkomst": "mislukt", "status": 0},
        ],
    )
    assert uitkomst["problemen"] == []
    assert uitkomst["posities_schoon"]
    tellingen = uitkomst["tellingen"]
    assert (tellingen["verzonden"], tellingen["bevestigd"], tellingen["mislukt"]) == (5, 2, 2)
    assert (tellingen["bevestigd_gemerkt"], tellingen["gevonden"]) == (2, 2)
    assert (tellingen["onbevestigd_gemerkt"], tellingen["onbevestigd_gevonden"]) == (2, 0)


def test_an_update_stored_although_its_answer_was_a_500_is_a_problem(actie):
    voor = stand()
    VoortgangsupdateFactory(opgave=actie.opgave, tekst="Belastingtest 1")
    uitkomst = controleer(voor, [update("Belastingtest 1", "mislukt", 500)])
    assert uitkomst["problemen"] == ["update 'Belastingtest 1' got a 500 but is saved"]
    assert uitkomst["tellingen"]["onbevestigd_gevonden"] == 1


def test_an_edit_stored_although_it_got_no_answer_is_a_problem(actie):
    voor = stand()
    bewerk(actie, "Belastingtest 1")
    uitkomst = controleer(voor, [bewerking(actie, "Belastingtest 1", "mislukt", 0)])
    assert "edit 'Belastingtest 1' got a 0 but is saved" in uitkomst["problemen"]


def test_an_update_stored_twice_is_a_problem(actie):
    voor = stand()
    VoortgangsupdateFactory.create_batch(2, opgave=actie.opgave, tekst="Belastingtest 1")
    uitkomst = controleer(voor, [update("Belastingtest 1")])
    assert uitkomst["problemen"] == ["update 'Belastingtest 1' saved 2 times"]
    assert uitkomst["tellingen"]["dubbel"] == 1


def test_an_acknowledged_update_that_is_not_stored_is_a_problem(actie):
    uitkomst = controleer(stand(), [update("Belastingtest 1")])
    assert uitkomst["problemen"] == ["update 'Belastingtest 1' got a 200 but is not saved"]
    assert uitkomst["tellingen"]["kwijt"] == 1


def test_a_later_save_of_an_edited_actie_is_not_a_second_edit(actie):
    voor = stand()
    bewerk(actie, "Belastingtest 1")
    actie.save()  # a move saves the actie again, its title copied into history once more
    uitkomst = controleer(voor, [bewerking(actie, "Belastingtest 1")])
    assert uitkomst["problemen"] == []
    assert uitkomst["tellingen"]["gevonden"] == 1


def test_a_gap_in_a_column_is_a_problem_and_positions_are_not_clean(actie):
    voor = stand()
    Actie.objects.filter(pk=actie.pk).update(positie=1)
    uitkomst = controleer(voor, [])
    assert uitkomst["problemen"] == [f"opgave {actie.opgave_id}, column te_doen: positions [1]"]
    assert not uitkomst["posities_schoon"]
