"""Starting an opgave (/opgaven/nieuw/): a team's members for their own team, a regieteam's
members also for another team inside their gebied, beheer for every team; the opgave and its
landings are written together, with history and the team's rights, or not at all."""

import re

import pytest
from guardian.shortcuts import get_perms

from opgaven.models import Opgave, OpgaveGebied
from opgaven.ordering import in_regievolgorde, opgaven_op_regiebord, verplaats_prioriteit
from rechten.opgaven import nodig_gast_uit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
URL = "/opgaven/nieuw/"


def gegevens(team, *landingen, **velden) -> dict:
    """A filled-in form: `landingen` as (gebied, urgentie) in rows, three rows as the page has."""
    data = {
        "team": team.pk,
        "titel": "Buurtbanen",
        "beschrijving": "Werk dichtbij huis.",
        "thema": "werk",
        "aanvliegroute": "gebiedsgericht",
        "aanvliegroute_toelichting": "De buurt kent haar eigen werkgevers.",
        "startdatum": "2027-01-01",
        "streefdatum": "2028-01-01",
        "landing-TOTAL_FORMS": "3",
        "landing-INITIAL_FORMS": "0",
        "landing-MIN_NUM_FORMS": "0",
        "landing-MAX_NUM_FORMS": "12",
    }
    for index in range(3):
        gebied, urgentie = landingen[index] if index < len(landingen) else (None, "midden")
        data[f"landing-{index}-gebied"] = gebied.pk if gebied else ""
        data[f"landing-{index}-urgentie"] = urgentie
    return data | velden


@pytest.fixture
def gast(wereld):
    """A partner guest who may work on alice's opgave, in no team."""
    gast = UserFactory(username="gast")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    return gast


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("alice", 200),
        ("bob", 200),
        ("charlie", 200),
        ("beheerder", 200),
        ("coordinator", 403),
        ("gast", 403),
    ],
)
def test_who_may_open_the_form(login, wereld, gast, wie, status):
    gebruiker = gast if wie == "gast" else getattr(wereld, wie)
    assert login(gebruiker).get(URL).status_code == status


@pytest.mark.parametrize("wie", ["coordinator", "gast"])
def test_coordinators_and_guests_cannot_post_one_either(login, wereld, gast, wie):
    gebruiker = gast if wie == "gast" else getattr(wereld, wie)
    response = login(gebruiker).post(URL, gegevens(wereld.team, (wereld.buurt, "hoog")))
    assert response.status_code == 403
    assert not Opgave.objects.filter(titel="Buurtbanen").exists()


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_the_team_choice_holds_only_the_teams_the_user_may_start_one_for(login, wereld):
    teams = login(wereld.alice).get(URL).context["form"].fields["team"].queryset
    assert list(teams) == [wereld.team]
    teams = login(wereld.bob).get(URL).context["form"].fields["team"].queryset
    assert set(teams) == {wereld.team, wereld.andere_team, wereld.team_elders, wereld.regieteam}


def test_the_team_in_the_address_is_chosen_already(login, wereld):
    response = login(wereld.alice).get(f"{URL}?team=armoede")
    assert response.context["form"]["team"].value() == wereld.team.pk
    assert f'<option value="{wereld.team.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("team", ["bestaat-niet", "jeugd"])
def test_a_team_in_the_address_the_user_may_not_choose_is_a_bad_request(login, wereld, team):
    assert login(wereld.alice).get(f"{URL}?team={team}").status_code == 400


def test_the_gebied_in_the_address_fills_in_the_first_landing(login, wereld):
    response = login(wereld.bob).get(f"{URL}?gebied={wereld.wijk.code}")
    eerste = response.context["form"].landingen.forms[0]
    assert eerste["gebied"].value() == wereld.wijk.pk
    assert login(wereld.bob).get(f"{URL}?gebied=NERGENS").status_code == 400


def test_a_member_starts_an_opgave_with_its_landings_history_and_rights(login, wereld):
    client = login(wereld.alice)
    response = client.post(
        URL, gegevens(wereld.team, (wereld.buurt, "hoog"), (wereld.gebieden.stadsdeel, "laag"))
    )
    opgave = Opgave.objects.get(titel="Buurtbanen")
    assert response.status_code == 302
    assert response["Location"] == f"/opgaven/{opgave.pk}/"
    assert (opgave.team, opgave.thema_id, opgave.aanvliegroute, opgave.status) == (
        wereld.team,
        "werk",
        "gebiedsgericht",
        "verkenning",
    )
    assert opgave.aanvliegroute_toelichting == "De buurt kent haar eigen werkgevers."
    assert (str(opgave.startdatum), str(opgave.streefdatum)) == ("2027-01-01", "2028-01-01")
    landingen = {(og.gebied.code, og.urgentie) for og in opgave.opgave_gebieden.all()}
    assert landingen == {("FK01", "hoog"), (wereld.gebieden.stadsdeel.code, "laag")}
    assert opgave.history.get().history_user == wereld.alice
    assert {og.history.get().history_user for og in opgave.opgave_gebieden.all()} == {wereld.alice}
    assert set(get_perms(wereld.team.groep, opgave)) == {"view_opgave", "change_opgave"}
    bord = client.get(response["Location"]).content.decode()
    assert "Opgave “Buurtbanen” is aangemaakt." in bord
    # The team's trekker, who did not make it, may work on it at once.
    assert login(wereld.trekker).get(f"/opgaven/{opgave.pk}/bewerken/").status_code == 200


def test_a_new_opgave_comes_at_the_bottom_of_the_regieteam_board_and_in_the_overview(login, wereld):
    # The regieteam has ordered its board; the newcomer (alphabetically first) goes under.
    verplaats_prioriteit(regieteam=wereld.regieteam, opgave_id=wereld.andere_opgave.pk, na_id=None)
    login(wereld.alice).post(
        URL, gegevens(wereld.team, (wereld.buurt, "hoog"), titel="Aan het werk")
    )
    volgorde = in_regievolgorde(opgaven_op_regiebord(wereld.regieteam), wereld.regieteam)
    assert [o.titel for o in volgorde][-1] == "Aan het werk"
    bord = login(wereld.bob).get("/teams/regieteam-wildeman/bord/").content.decode()
    kaarten = [int(pk) for pk in re.findall(r'id="opgave-(\d+)-titel"', bord)]
    assert kaarten[-1] == Opgave.objects.get(titel="Aan het werk").pk
    assert "Aan het werk" in login(wereld.coordinator).get("/overzicht/").content.decode()


def test_a_regieteam_member_starts_one_for_another_team_inside_their_gebied(login, wereld):
    response = login(wereld.bob).post(URL, gegevens(wereld.andere_team, (wereld.buurt, "hoog")))
    opgave = Opgave.objects.get(titel="Buurtbanen")
    assert response.status_code == 302
    assert opgave.team == wereld.andere_team
    assert opgave.history.get().history_user == wereld.bob
    assert set(get_perms(wereld.andere_team.groep, opgave)) == {"view_opgave", "change_opgave"}


def test_a_regieteam_member_cannot_let_another_teams_opgave_land_outside_their_gebied(
    login, wereld
):
    response = login(wereld.bob).post(
        URL, gegevens(wereld.andere_team, (wereld.buurt, "hoog"), (wereld.elders, "midden"))
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert (
        "Amsterdamse Poort ligt buiten het gebied van je regieteam: een opgave van Opgaveteam "
        "Jeugd kun je alleen daarbinnen laten landen."
    ) in html
    assert 'href="#id_landing-1-gebied"' in html  # the summary leads to the row
    assert not Opgave.objects.filter(titel="Buurtbanen").exists()
    assert (
        not OpgaveGebied.objects.filter(gebied=wereld.elders)
        .exclude(opgave=wereld.opgave_elders)
        .exists()
    )


def test_a_member_lets_their_own_teams_opgave_land_anywhere(login, wereld):
    response = login(wereld.alice).post(URL, gegevens(wereld.team, (wereld.elders, "laag")))
    assert response.status_code == 302
    assert Opgave.objects.get(titel="Buurtbanen").gebieden.get() == wereld.elders


def test_an_opgave_lands_somewhere(login, wereld):
    response = login(wereld.alice).post(URL, gegevens(wereld.team))
    assert response.status_code == 422
    assert "Kies minstens één gebied waar de opgave landt." in response.content.decode()
    assert not Opgave.objects.filter(titel="Buurtbanen").exists()


def test_each_gebied_is_chosen_once(login, wereld):
    response = login(wereld.alice).post(
        URL, gegevens(wereld.team, (wereld.buurt, "hoog"), (wereld.buurt, "laag"))
    )
    assert response.status_code == 422
    assert "Wildeman staat er al bij: kies elk gebied één keer." in response.content.decode()
    assert not Opgave.objects.filter(titel="Buurtbanen").exists()


def test_a_member_cannot_start_one_for_another_team(login, wereld):
    response = login(wereld.alice).post(URL, gegevens(wereld.andere_team, (wereld.buurt, "hoog")))
    assert response.status_code == 422
    assert not Opgave.objects.filter(titel="Buurtbanen").exists()


def test_a_target_date_before_the_start_is_refused(login, wereld):
    response = login(wereld.alice).post(
        URL, gegevens(wereld.team, (wereld.buurt, "hoog"), streefdatum="2026-01-01")
    )
    assert response.status_code == 422
    assert "De streefdatum kan niet vóór de startdatum liggen." in response.content.decode()


def test_a_form_without_its_rows_is_refused_not_an_error(login, wereld):
    data = {k: v for k, v in gegevens(wereld.team).items() if not k.startswith("landing-")}
    assert login(wereld.alice).post(URL, data).status_code == 422
    assert not Opgave.objects.filter(titel="Buurtbanen").exists()


def test_with_htmx_a_start_opens_the_board_and_errors_come_back_in_place(login, wereld):
    client = login(wereld.alice)
    fout = client.post(URL, gegevens(wereld.team), headers=HTMX)
    assert fout.status_code == 422
    html = fout.content.decode()
    assert html.lstrip().startswith('<div id="nieuwe-opgave">')
    assert "Controleer de invoer" in html
    goed = client.post(URL, gegevens(wereld.team, (wereld.buurt, "hoog")), headers=HTMX)
    opgave = Opgave.objects.get(titel="Buurtbanen")
    assert (goed.status_code, goed["HX-Redirect"]) == (200, f"/opgaven/{opgave.pk}/")


def test_the_page_offers_it_where_people_start(login, wereld):
    nieuw = 'href="/opgaven/nieuw/"'
    assert nieuw in login(wereld.alice).get("/").content.decode()
    assert nieuw not in login(wereld.coordinator).get("/").content.decode()
    vanaf_team = 'href="/opgaven/nieuw/?team=armoede"'
    assert vanaf_team in login(wereld.alice).get("/teams/armoede/").content.decode()
    assert vanaf_team not in login(wereld.coordinator).get("/teams/armoede/").content.decode()
    vanaf_bord = f'href="/opgaven/nieuw/?gebied={wereld.wijk.code}"'
    for wie, getoond in [("bob", True), ("beheerder", True), ("coordinator", False)]:
        bord = login(getattr(wereld, wie)).get("/teams/regieteam-wildeman/bord/")
        assert (vanaf_bord in bord.content.decode()) is getoond, wie
