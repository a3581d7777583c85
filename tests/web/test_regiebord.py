import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gebieden.models import Niveau
from opgaven.models import Opgave, OpgaveStatus, Peilmoment
from opgaven.ordering import verplaats_prioriteit
from opgaven.peilmomenten import leg_peilmoment_vast
from rechten.opgaven import nodig_gast_uit
from teams.models import COORDINATOREN_GROEP
from tests.factories import (
    BelemmeringFactory,
    GebiedFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    TeamFactory,
    UserFactory,
    VoortgangsupdateFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def regieteam():
    stadsdeel = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL)
    buurt = GebiedFactory(code="FK01", naam="Wildeman", niveau=Niveau.BUURT, ouder=stadsdeel)
    team = RegieteamFactory(slug="regie", gebied=stadsdeel, focuslimiet=2)
    for titel in ["Armoede", "Energie", "Jeugd"]:
        OpgaveGebiedFactory(opgave=OpgaveFactory(titel=titel), gebied=buurt)
    return team


@pytest.fixture
def regie(regieteam):
    return LidmaatschapFactory(team=regieteam).user


def titels(response) -> list[str]:
    """The card titles in the order the page shows them (partials carry no context)."""
    pks = [int(pk) for pk in re.findall(r'id="opgave-(\d+)-titel"', response.content.decode())]
    namen = dict(Opgave.objects.filter(pk__in=pks).values_list("pk", "titel"))
    return [namen[pk] for pk in pks]


def opgave(titel) -> Opgave:
    return Opgave.objects.get(titel=titel)


def test_the_board_shows_every_opgave_landing_in_the_gebied_with_its_facts(client, regie):
    energie = opgave("Energie")
    MijlpaalFactory(opgave=energie, gereed=True)
    MijlpaalFactory(opgave=energie)
    VoortgangsupdateFactory(opgave=energie, status="zorg")
    BelemmeringFactory(opgaven=[energie])
    OpgaveFactory(titel="Elders")
    client.force_login(regie)
    response = client.get("/teams/regie/bord/")
    html = response.content.decode()
    assert response.status_code == 200
    assert titels(response) == ["Armoede", "Energie", "Jeugd"]
    for tekst in ["50% · 1 van 2 mijlpalen", "Zorg", "1 open belemmering", "Wildeman"]:
        assert tekst in html
    assert "Elders" not in html


def test_regie_moves_the_third_opgave_to_the_top_and_it_stays_there(client, regie):
    client.force_login(regie)
    response = client.post(
        "/teams/regie/bord/verplaats/", {"opgave": opgave("Jeugd").pk, "na": ""}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section id="kaarten"')
    assert titels(response) == ["Jeugd", "Armoede", "Energie"]
    assert titels(client.get("/teams/regie/bord/")) == ["Jeugd", "Armoede", "Energie"]


def test_the_lager_button_works_without_javascript(client, regie):
    client.force_login(regie)
    response = client.post(
        "/teams/regie/bord/verplaats/", {"opgave": opgave("Armoede").pk, "na": opgave("Energie").pk}
    )
    assert response.status_code == 302
    assert titels(client.get("/teams/regie/bord/")) == ["Energie", "Armoede", "Jeugd"]


def test_the_buttons_carry_the_card_to_place_after(client, regie):
    client.force_login(regie)
    kaarten = client.get("/teams/regie/bord/").context["opgaven"]
    assert [(k.kaart.na_voor_hoger, k.kaart.na_voor_lager) for k in kaarten] == [
        (None, kaarten[1].pk),
        (None, kaarten[2].pk),
        (kaarten[0].pk, None),
    ]


def test_placing_after_an_opgave_that_is_not_on_the_board_answers_409(client, regie):
    client.force_login(regie)
    response = client.post(
        "/teams/regie/bord/verplaats/",
        {"opgave": opgave("Jeugd").pk, "na": OpgaveFactory().pk},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "Het bord was intussen veranderd" in response.content.decode()


def test_a_malformed_move_answers_422(client, regie):
    client.force_login(regie)
    response = client.post("/teams/regie/bord/verplaats/", {"opgave": "drie"}, headers=HTMX)
    assert response.status_code == 422


def test_a_malformed_move_says_the_opgave_could_not_be_moved(client, regie):
    client.force_login(regie)
    response = client.post("/teams/regie/bord/verplaats/", {"opgave": "drie"}, headers=HTMX)
    html = response.content.decode()
    assert "Deze opgave kon niet worden verplaatst: probeer het opnieuw." in html
    assert "Het bord was intussen veranderd" not in html


def test_coordinators_see_the_board_but_cannot_reorder_it(client, regieteam):
    coordinator = UserFactory()
    coordinator.groups.add(Group.objects.get(name=COORDINATOREN_GROEP))
    client.force_login(coordinator)
    html = client.get("/teams/regie/bord/").content.decode()
    assert "Hoger" not in html and "data-sorteerbaar" not in html
    response = client.post("/teams/regie/bord/verplaats/", {"opgave": opgave("Jeugd").pk})
    assert response.status_code == 403


def test_outsiders_get_404_and_an_opgaveteam_has_no_priority_board(client, regieteam):
    client.force_login(UserFactory())
    assert client.get("/teams/regie/bord/").status_code == 404
    lidmaatschap = LidmaatschapFactory(team=TeamFactory(slug="opgaveteam"))
    client.force_login(lidmaatschap.user)
    assert client.get("/teams/opgaveteam/bord/").status_code == 404


def test_the_change_check_answers_204_until_someone_changes_the_board(client, regie):
    client.force_login(regie)
    stand = client.get("/teams/regie/bord/").context["stand"]
    assert client.get(f"/teams/regie/bord/?sinds={stand}", headers=HTMX).status_code == 204
    VoortgangsupdateFactory(opgave=opgave("Armoede"))
    response = client.get(f"/teams/regie/bord/?sinds={stand}", headers=HTMX)
    assert response.status_code == 200
    assert f"sinds={stand}" not in response.content.decode()


def test_a_reorder_by_someone_else_shows_in_the_next_change_check(client, regie, regieteam):
    client.force_login(regie)
    stand = client.get("/teams/regie/bord/").context["stand"]

    verplaats_prioriteit(regieteam=regieteam, opgave_id=opgave("Jeugd").pk, na_id=None)
    response = client.get(f"/teams/regie/bord/?sinds={stand}", headers=HTMX)
    assert titels(response) == ["Jeugd", "Armoede", "Energie"]


def test_the_wip_signal_shows_when_more_opgaven_run_than_the_focus_limit(client, regie):
    client.force_login(regie)
    assert "focuslimiet" not in client.get("/teams/regie/bord/").content.decode()
    Opgave.objects.update(status=OpgaveStatus.IN_UITVOERING)
    html = client.get("/teams/regie/bord/").content.decode()
    assert "3 opgaven zijn in uitvoering, meer dan de focuslimiet van 2." in html


def test_the_board_costs_the_same_queries_with_3_and_200_cards(client, regie, regieteam):
    client.force_login(regie)

    def tel():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/teams/regie/bord/")
        return len(response.context["opgaven"]), len(queries)

    aantal, klein = tel()
    assert aantal == 3
    buurt = regieteam.gebied.kinderen.first()
    team = TeamFactory()
    for nieuwe in OpgaveFactory.create_batch(197, team=team):
        OpgaveGebiedFactory(opgave=nieuwe, gebied=buurt)
        MijlpaalFactory(opgave=nieuwe)
    assert tel() == (200, klein)


# Someone who may open the board without being in the regieteam sees only what they may see.


@pytest.fixture
def gast(regieteam):
    """A partner who may read one opgave that the regieteam owns itself, and nothing else."""
    eigen = OpgaveFactory(titel="Buurtkamer", team=regieteam, status=OpgaveStatus.IN_UITVOERING)
    OpgaveGebiedFactory(opgave=eigen, gebied=regieteam.gebied)
    user = UserFactory()
    nodig_gast_uit(user, eigen, mag_wijzigen=False)
    for titel in ["Armoede", "Energie", "Jeugd"]:
        Opgave.objects.filter(titel=titel).update(status=OpgaveStatus.IN_UITVOERING)
    return user


def test_a_guest_on_one_opgave_sees_only_that_opgave_on_the_regieteam_board(client, gast):
    client.force_login(gast)
    response = client.get("/teams/regie/bord/")
    assert response.status_code == 200
    assert titels(response) == ["Buurtkamer"]
    html = response.content.decode()
    for titel in ["Armoede", "Energie", "Jeugd"]:
        assert titel not in html
    # Four opgaven are in uitvoering, one of them visible: below the focus limit of 2.
    assert "focuslimiet" not in html


def test_a_guests_export_of_the_regieteam_board_holds_only_what_they_may_see(client, gast):
    client.force_login(gast)
    csv = client.get("/teams/regie/bord/?export=csv").content.decode("utf-8-sig")
    regels = csv.strip().splitlines()
    assert len(regels) == 2
    assert "Buurtkamer" in regels[1]
    assert "Armoede" not in csv


def test_the_change_check_ignores_changes_to_opgaven_the_guest_may_not_see(client, gast):
    client.force_login(gast)
    stand = re.search(r"sinds=([\d.]+)", client.get("/teams/regie/bord/").content.decode())[1]
    OpgaveGebiedFactory(
        opgave=OpgaveFactory(titel="Nieuw"), gebied=opgave("Armoede").gebieden.get()
    )
    MijlpaalFactory(opgave=opgave("Energie"))
    assert client.get(f"/teams/regie/bord/?sinds={stand}", headers=HTMX).status_code == 204


def test_a_guest_sees_no_peilmoment_that_recorded_nothing_they_may_see(
    client, regieteam, regie, gast
):
    leeg = Peilmoment.objects.create(regieteam=regieteam, vastgelegd_door=regie)
    met_buurtkamer = leg_peilmoment_vast(regieteam=regieteam, door=regie)
    client.force_login(gast)
    html = client.get("/teams/regie/bord/").content.decode()
    assert f"?peilmoment={met_buurtkamer.pk}" in html
    assert f"?peilmoment={leeg.pk}" not in html
