"""Handing an opgave to another team: only the owning team's trekker or functioneel beheer,
explicitly confirmed, recorded in history; a guest's rights never move ownership."""

import pytest

from opgaven.models import Opgave
from rechten.opgaven import kan_bekijken, kan_wijzigen, nodig_gast_uit
from tests.factories import LidmaatschapFactory, OpgaveFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    """Team Armoede owns the opgave; Jeugd is another team, which Alice (Armoede's trekker)
    knows from an opgave she follows; Kees leads Jeugd and works on the opgave as a guest."""
    armoede = TeamFactory(naam="Armoede", slug="armoede")
    jeugd = TeamFactory(naam="Jeugd", slug="jeugd")
    opgave = OpgaveFactory(team=armoede, titel="Schuldhulp dichtbij")
    gast_trekker = LidmaatschapFactory(team=jeugd, rol="trekker", user__username="kees").user
    nodig_gast_uit(gast_trekker, opgave, mag_wijzigen=True)
    trekker = LidmaatschapFactory(team=armoede, rol="trekker", user__username="alice").user
    nodig_gast_uit(trekker, OpgaveFactory(team=jeugd), mag_wijzigen=False)
    return {
        "armoede": armoede,
        "jeugd": jeugd,
        "opgave": opgave,
        "trekker": trekker,
        "lid": LidmaatschapFactory(team=armoede, rol="lid", user__username="bob").user,
        "jeugdlid": LidmaatschapFactory(team=jeugd, rol="lid", user__username="dirk").user,
        "gast_trekker": gast_trekker,
    }


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def overdragen(client, opgave, team, **extra):
    gegevens = {"team": team.pk, "bevestigd": "on", "versie": opgave.version} | extra
    return client.post(f"/opgaven/{opgave.pk}/overdragen/", gegevens)


def test_the_owning_trekker_hands_the_opgave_over_and_the_rights_move_with_it(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["trekker"])
    response = overdragen(client, opgave, wereld["jeugd"])
    assert response.status_code == 302
    assert response["Location"] == "/"
    opgave.refresh_from_db()
    assert opgave.team == wereld["jeugd"]
    assert not kan_bekijken(fresh(wereld["lid"]), opgave)
    assert not kan_bekijken(fresh(wereld["trekker"]), opgave)
    assert kan_wijzigen(fresh(wereld["jeugdlid"]), opgave)
    assert kan_wijzigen(fresh(wereld["gast_trekker"]), opgave)  # guests keep their rights


def test_a_hand_over_is_recorded_with_who_and_from_which_team(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["trekker"])
    overdragen(client, opgave, wereld["jeugd"])
    laatste = Opgave.history.filter(id=opgave.pk).first()
    assert laatste.history_user == wereld["trekker"]
    assert laatste.history_change_reason == "overgedragen van Armoede aan Jeugd"
    client.force_login(wereld["jeugdlid"])
    html = client.get(f"/opgaven/{opgave.pk}/").content.decode()
    assert "(overgedragen van Armoede aan Jeugd)" in html


def test_a_hand_over_needs_the_explicit_confirmation(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["trekker"])
    response = client.post(
        f"/opgaven/{opgave.pk}/overdragen/", {"team": wereld["jeugd"].pk, "versie": opgave.version}
    )
    assert response.status_code == 422
    assert "Ik draag deze opgave over" in response.content.decode()
    opgave.refresh_from_db()
    assert opgave.team == wereld["armoede"]


def test_a_guest_who_leads_another_team_cannot_take_the_opgave(client, wereld):
    opgave = wereld["opgave"]
    client.force_login(wereld["gast_trekker"])
    assert client.get(f"/opgaven/{opgave.pk}/overdragen/").status_code == 403
    assert overdragen(client, opgave, wereld["jeugd"]).status_code == 403
    opgave.refresh_from_db()
    assert opgave.team == wereld["armoede"]
    assert kan_wijzigen(fresh(wereld["lid"]), opgave)


def test_a_member_who_is_not_trekker_cannot_hand_over(client, wereld):
    client.force_login(wereld["lid"])
    assert overdragen(client, wereld["opgave"], wereld["jeugd"]).status_code == 403


def test_an_outsider_gets_404(client, wereld):
    client.force_login(UserFactory())
    assert overdragen(client, wereld["opgave"], wereld["jeugd"]).status_code == 404


def test_functioneel_beheer_hands_over_any_opgave(client, wereld):
    client.force_login(UserFactory(is_staff=True))
    response = overdragen(client, wereld["opgave"], wereld["jeugd"])
    assert response.status_code == 302
    assert response["Location"] == f"/opgaven/{wereld['opgave'].pk}/"
    wereld["opgave"].refresh_from_db()
    assert wereld["opgave"].team == wereld["jeugd"]


def test_a_stale_hand_over_answers_409_and_changes_nothing(client, wereld):
    opgave = wereld["opgave"]
    geladen = opgave.version
    opgave.titel = "Schuldhulp dichtbij huis"
    opgave.save()
    client.force_login(wereld["trekker"])
    response = overdragen(client, opgave, wereld["jeugd"], versie=geladen)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft de opgave intussen gewijzigd." in html
    assert "<dt>Titel</dt><dd>Schuldhulp dichtbij huis</dd>" in html  # what the other changed
    assert "Deze opgave hoort nu bij Armoede." in html
    opgave.refresh_from_db()
    assert opgave.team == wereld["armoede"]


def test_the_choice_lists_only_teams_the_trekker_may_see(client, wereld):
    TeamFactory(naam="Geheim team")
    client.force_login(wereld["trekker"])
    html = client.get(f"/opgaven/{wereld['opgave'].pk}/overdragen/").content.decode()
    assert "Geheim team" not in html
    assert f'<option value="{wereld["jeugd"].pk}">Jeugd</option>' in html
    # not to the team it already belongs to
    assert f'<option value="{wereld["armoede"].pk}"' not in html


def test_only_who_may_hand_over_sees_the_link_on_the_board(client, wereld):
    url = f"/opgaven/{wereld['opgave'].pk}/"
    client.force_login(wereld["trekker"])
    assert "Overdragen aan een ander team" in client.get(url).content.decode()
    for user in (wereld["lid"], wereld["gast_trekker"]):
        client.force_login(user)
        assert "Overdragen aan een ander team" not in client.get(url).content.decode()


def test_the_admin_shows_the_owning_team_but_does_not_edit_it(client, wereld, demo_beheer):
    client.force_login(demo_beheer)
    html = client.get(f"/admin/opgaven/opgave/{wereld['opgave'].pk}/change/").content.decode()
    assert 'name="titel"' in html
    assert 'name="team"' not in html


@pytest.fixture
def demo_beheer():
    return UserFactory(is_staff=True, is_superuser=True)
