"""A belemmering raised on an opgave board lies where the opgave lands (opgaven/belemmeringen.py
`gebied_voor_belemmering`), so the regieteam of that gebied can handle it and it counts there.

In the small world alice's opgave lands in Wildeman (buurt FK01), in bob's wijk."""

import importlib

import pytest
from django.apps import apps

from gebieden.models import Niveau
from opgaven.belemmeringen import gebied_voor_belemmering
from opgaven.models import Belemmering
from opgaven.overzicht import maak_overzicht
from rechten.opgaven import zichtbare_opgaven
from tests.factories import BelemmeringFactory, GebiedFactory, OpgaveGebiedFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def reimerswaal(wereld):
    """A second buurt in bob's wijk, where alice's opgave lands too."""
    buurt = GebiedFactory(
        code="FK02", naam="Reimerswaalbuurt", niveau=Niveau.BUURT, ouder=wereld.wijk
    )
    OpgaveGebiedFactory(opgave=wereld.opgave, gebied=buurt)
    return buurt


def meld(client, opgave, **velden):
    gegevens = {"titel": "Geen tolk bij het spreekuur", "ernst": "hoog"} | velden
    return client.post(f"/opgaven/{opgave.pk}/belemmeringen/", gegevens, headers=HTMX)


def test_the_rule_takes_the_chosen_gebied_if_the_opgave_lands_there_else_the_first():
    wildeman, reimerswaal, elders = GebiedFactory(), GebiedFactory(), GebiedFactory()
    assert gebied_voor_belemmering([wildeman]) == wildeman
    assert gebied_voor_belemmering([wildeman, reimerswaal], reimerswaal) == reimerswaal
    assert gebied_voor_belemmering([wildeman, reimerswaal], elders) == wildeman
    assert gebied_voor_belemmering([]) is None


def test_raised_on_a_board_of_an_opgave_landing_in_one_gebied_it_lies_there(client, wereld):
    client.force_login(wereld.alice)
    bord = client.get(wereld.opgave.get_absolute_url()).content.decode()
    assert "Waar speelt het?" not in bord  # one place: nothing to choose
    assert meld(client, wereld.opgave).status_code == 200
    belemmering = Belemmering.objects.get(titel="Geen tolk bij het spreekuur")
    assert belemmering.gebied == wereld.buurt
    assert list(belemmering.opgaven.all()) == [wereld.opgave]
    assert belemmering.ingebracht_door == wereld.alice
    assert {h.history_user for h in belemmering.history.all()} == {wereld.alice}


def test_when_the_opgave_lands_in_several_gebieden_the_form_asks_which(client, wereld, reimerswaal):
    client.force_login(wereld.alice)
    bord = client.get(wereld.opgave.get_absolute_url()).content.decode()
    formulier = bord.split('id="belemmeringen"')[1]
    assert "Waar speelt het?" in formulier
    assert "Wildeman (buurt FK01)" in formulier
    assert "Reimerswaalbuurt (buurt FK02)" in formulier
    assert meld(client, wereld.opgave, gebied=reimerswaal.pk).status_code == 200
    assert Belemmering.objects.get(titel="Geen tolk bij het spreekuur").gebied == reimerswaal


def test_a_gebied_where_the_opgave_does_not_land_answers_422(client, wereld, reimerswaal):
    client.force_login(wereld.alice)
    response = meld(client, wereld.opgave, gebied=wereld.elders.pk)
    assert response.status_code == 422
    assert 'id="belemmering_gebied"' in response.content.decode()
    assert not Belemmering.objects.filter(titel="Geen tolk bij het spreekuur").exists()


def test_the_regieteam_sees_it_on_the_belemmeringen_board_with_the_status_control(client, wereld):
    client.force_login(wereld.alice)
    meld(client, wereld.opgave)
    belemmering = Belemmering.objects.get(titel="Geen tolk bij het spreekuur")
    client.force_login(wereld.bob)
    html = client.get("/belemmeringen/").content.decode()
    kaart = html.split(f'id="belemmering-{belemmering.pk}"')[1].split("</li>")[0]
    assert "Geen tolk bij het spreekuur" in kaart
    assert "Status wijzigen" in kaart
    assert client.get(f"/belemmeringen/{belemmering.pk}/status/").status_code == 200


def test_it_counts_in_the_overviews_open_belemmeringen_of_its_gebied(client, wereld):
    def open_in_osdorp_midden() -> int:
        overzicht = maak_overzicht(zichtbare_opgaven(wereld.coordinator))
        return overzicht.cellen[(wereld.opgave.pk, wereld.wijk.pk)].belemmeringen_open

    voor = open_in_osdorp_midden()
    client.force_login(wereld.alice)
    meld(client, wereld.opgave)
    assert open_in_osdorp_midden() == voor + 1


def test_the_migration_gives_older_belemmeringen_their_opgaves_first_gebied(wereld, reimerswaal):
    """opgaven/migrations/0013: raised before the rule, without a gebied."""
    zonder = BelemmeringFactory(opgaven=[wereld.opgave], gebied=None)
    nergens = BelemmeringFactory(gebied=None)
    migratie = importlib.import_module("opgaven.migrations.0013_themas_mijlpalen_archief")
    migratie.geef_belemmeringen_een_gebied(apps, None)
    zonder.refresh_from_db()
    nergens.refresh_from_db()
    assert zonder.gebied == wereld.buurt  # FK01 before FK02 by path
    assert nergens.gebied is None
