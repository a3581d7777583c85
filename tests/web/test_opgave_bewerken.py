"""Editing an opgave's own fields (/opgaven/<pk>/bewerken/): for its team and invited
co-workers, with the version check; never its team or gebieden."""

import pytest

from opgaven.models import Opgave
from rechten.opgaven import nodig_gast_uit
from tests.factories import (
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    opgave = OpgaveFactory(titel="Zomerschool", team=TeamFactory(naam="Jeugd"))
    OpgaveGebiedFactory(opgave=opgave)
    alice = LidmaatschapFactory(team=opgave.team, user__username="alice").user
    bob = UserFactory(username="bob")
    nodig_gast_uit(bob, opgave, mag_wijzigen=False)
    return {"opgave": opgave, "alice": alice, "bob": bob, "charlie": UserFactory()}


def bewerk(client, opgave, **velden):
    gegevens = {
        "titel": opgave.titel,
        "thema": opgave.thema_id,
        "aanvliegroute": opgave.aanvliegroute,
        "status": opgave.status,
        "versie": opgave.version,
    } | velden
    return client.post(f"/opgaven/{opgave.pk}/bewerken/", gegevens)


@pytest.mark.parametrize(("wie", "status"), [("alice", 200), ("bob", 403), ("charlie", 404)])
def test_who_may_open_the_edit_page(client, wereld, wie, status):
    client.force_login(wereld[wie])
    assert client.get(f"/opgaven/{wereld['opgave'].pk}/bewerken/").status_code == status


@pytest.mark.parametrize(("wie", "status"), [("alice", 302), ("bob", 403), ("charlie", 404)])
def test_who_may_save_it(client, wereld, wie, status):
    client.force_login(wereld[wie])
    assert bewerk(client, wereld["opgave"], titel="Zomerschool 2026").status_code == status
    verwacht = "Zomerschool 2026" if status == 302 else "Zomerschool"
    assert Opgave.objects.get(pk=wereld["opgave"].pk).titel == verwacht


def test_a_member_saves_and_returns_to_the_board_which_hears_of_it(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    response = bewerk(client, opgave, status="in_uitvoering", streefdatum="2027-06-30")
    assert response["Location"] == f"/opgaven/{opgave.pk}/"
    nu = Opgave.objects.get(pk=opgave.pk)
    assert (nu.status, str(nu.streefdatum)) == ("in_uitvoering", "2027-06-30")
    assert nu.bord_versie > opgave.bord_versie
    assert nu.history.first().history_user == wereld["alice"]


def test_the_edit_never_moves_the_opgave_to_another_team_or_gebied(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    ander_team, ander_gebied = TeamFactory(), GebiedFactory()
    bewerk(client, opgave, team=ander_team.pk, gebieden=[ander_gebied.pk])
    nu = Opgave.objects.get(pk=opgave.pk)
    assert nu.team == opgave.team
    assert list(nu.gebieden.all()) == list(opgave.gebieden.all())


def test_a_target_date_before_the_start_is_refused_with_a_message(client, wereld):
    client.force_login(wereld["alice"])
    response = bewerk(client, wereld["opgave"], startdatum="2027-01-01", streefdatum="2026-01-01")
    assert response.status_code == 422
    assert "De streefdatum kan niet vóór de startdatum liggen." in response.content.decode()


def test_a_save_on_top_of_someone_elses_change_answers_409_and_keeps_both(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["alice"])
    anders = Opgave.objects.get(pk=opgave.pk)
    anders.status = "gepauzeerd"
    anders.save()
    response = bewerk(client, opgave, titel="Zomerschool voor iedereen")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft dit intussen gewijzigd." in html
    assert response.context["conflict"] == [("Status", "Gepauzeerd")]
    assert 'value="Zomerschool voor iedereen"' in html  # what was typed stays
    nu = Opgave.objects.get(pk=opgave.pk)
    assert (nu.titel, nu.status) == ("Zomerschool", "gepauzeerd")


def test_the_board_links_the_edit_page_for_who_may_change_it(client, wereld):
    url = f'href="/opgaven/{wereld["opgave"].pk}/bewerken/"'
    client.force_login(wereld["alice"])
    assert url in client.get(f"/opgaven/{wereld['opgave'].pk}/").content.decode()
    client.force_login(wereld["bob"])
    assert url not in client.get(f"/opgaven/{wereld['opgave'].pk}/").content.decode()
