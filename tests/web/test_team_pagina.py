"""The team page: each opgave once with the places it lands, the team's archive with Herstellen,
and taking someone out of the team after a confirmation, never the last trekker."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format

from gebieden.models import Niveau
from opgaven.models import Opgave
from rechten.opgaven import nodig_gast_uit
from teams.models import Lidmaatschap, Rol
from tests.factories import (
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def de_punt(wereld):
    """A second buurt of the wijk, where the team's opgave lands too."""
    buurt = GebiedFactory(code="FK02", naam="De Punt", niveau=Niveau.BUURT, ouder=wereld.wijk)
    OpgaveGebiedFactory(opgave=wereld.opgave, gebied=buurt)
    return buurt


# The team's opgaven


@pytest.mark.parametrize("wie", ["alice", "bob", "coordinator", "beheerder"])
def test_an_opgave_landing_in_two_buurten_is_listed_once(wereld, login, de_punt, wie):
    response = login(getattr(wereld, wie)).get("/teams/armoede/")
    assert [opgave.titel for opgave in response.context["opgaven"]] == ["Schuldhulp dichtbij"]
    assert response.content.decode().count(f'href="/opgaven/{wereld.opgave.pk}/"') == 1


def test_each_opgave_shows_where_it_lands(wereld, login, de_punt):
    html = login(wereld.alice).get("/teams/armoede/").content.decode()
    kaart = html[html.index('id="opgaven-kop"') : html.index('id="archief-kop"')]
    tags = re.findall(r'<li class="ob-tag">([^<]+)</li>', kaart)
    assert tags == ["Armoede en schulden", "Doelgroepgericht", "Wildeman", "De Punt"]


def test_the_regieteams_page_shows_where_each_opgave_lands(wereld, login, de_punt):
    response = login(wereld.bob).get("/teams/regieteam-wildeman/")
    kaarten = {
        opgave.titel: opgave.kaart.gebiednamen for opgave in response.context["opgaven_in_gebied"]
    }
    assert kaarten == {
        "Schuldhulp dichtbij": ["Wildeman", "De Punt"],
        "Veilig opgroeien": ["Wildeman"],
    }


# The archive


@pytest.fixture
def gearchiveerd(wereld, login):
    client = login(wereld.alice)
    client.post(f"/opgaven/{wereld.opgave.pk}/archiveren/", {"bevestigd": "on"})
    return Opgave.objects.get(pk=wereld.opgave.pk)


def archief(html: str) -> str:
    return html[html.index('id="archief-kop"') :]


def test_the_archive_lists_the_archived_opgave_with_when_and_who(wereld, login, gearchiveerd):
    response = login(wereld.alice).get("/teams/armoede/")
    html = archief(response.content.decode())
    datum = date_format(timezone.localtime(gearchiveerd.gearchiveerd_op), "DATE_FORMAT")
    assert f'href="/opgaven/{gearchiveerd.pk}/">Schuldhulp dichtbij</a>' in html
    assert f"gearchiveerd op {datum} door Alice Bakker" in html
    assert f'action="/opgaven/{gearchiveerd.pk}/herstellen/"' in html
    assert "Schuldhulp dichtbij" not in {opgave.titel for opgave in response.context["opgaven"]}


def test_an_empty_archive_says_so(wereld, login):
    html = archief(login(wereld.alice).get("/teams/armoede/").content.decode())
    assert "Dit team heeft geen gearchiveerde opgaven die je kunt zien." in html


@pytest.mark.parametrize(("wie", "mag"), [("trekker", True), ("bob", True), ("beheerder", True),
                                          ("coordinator", False)])  # fmt: skip
def test_herstellen_is_offered_to_who_steers_the_opgave(wereld, login, gearchiveerd, wie, mag):
    html = archief(login(getattr(wereld, wie)).get("/teams/armoede/").content.decode())
    assert "Schuldhulp dichtbij" in html
    assert (f'action="/opgaven/{gearchiveerd.pk}/herstellen/"' in html) is mag


def test_a_guest_sees_the_archived_opgave_without_herstellen(wereld, login, gearchiveerd):
    gast = UserFactory(username="corporatie")
    nodig_gast_uit(gast, gearchiveerd, mag_wijzigen=True)
    html = archief(login(gast).get("/teams/armoede/").content.decode())
    assert "Schuldhulp dichtbij" in html
    assert "/herstellen/" not in html


def test_an_outsider_sees_no_archive_of_a_team_they_cannot_see(wereld, login, gearchiveerd):
    assert login(wereld.charlie).get("/teams/armoede/").status_code == 404


def test_herstellen_from_the_archive_brings_the_opgave_back(wereld, login, gearchiveerd):
    client = login(wereld.trekker)
    response = client.post(f"/opgaven/{gearchiveerd.pk}/herstellen/")
    assert response.url == f"/opgaven/{gearchiveerd.pk}/"
    team = client.get("/teams/armoede/").context
    assert [opgave.titel for opgave in team["opgaven"]] == ["Schuldhulp dichtbij"]
    assert team["gearchiveerde_opgaven"] == []


def test_the_team_page_costs_the_same_queries_with_more_opgaven_archived_or_not(wereld, login):
    client = login(wereld.bob)

    def queries() -> int:
        client.get("/teams/armoede/")
        with CaptureQueriesContext(connection) as vastgelegd:
            client.get("/teams/armoede/")
        return len(vastgelegd)

    voor = queries()
    for nummer in range(3):
        for gearchiveerd in (False, True):
            opgave = OpgaveFactory(team=wereld.team, titel=f"Opgave {nummer} {gearchiveerd}")
            OpgaveGebiedFactory(opgave=opgave, gebied=wereld.buurt)
            if gearchiveerd:
                opgave.archiveer(door=wereld.alice)
        LidmaatschapFactory(team=wereld.team)
    assert queries() == voor


# Taking someone out of the team


def verwijder(client, lidmaatschap, gegevens=None, **kwargs):
    url = f"/teams/armoede/leden/{lidmaatschap.pk}/verwijderen/"
    return client.post(url, {"bevestigd": "ja"} if gegevens is None else gegevens, **kwargs)


def lidmaatschap_van(wereld, user) -> Lidmaatschap:
    return Lidmaatschap.objects.get(team=wereld.team, user=user)


def test_the_team_page_asks_for_a_confirmation_before_taking_someone_out(wereld, login):
    html = login(wereld.trekker).get("/teams/armoede/").content.decode()
    alice = lidmaatschap_van(wereld, wereld.alice)
    formulier = html[html.index("<summary>Alice Bakker uit het team halen</summary>") :]
    formulier = formulier[: formulier.index("</details>")]
    assert f'action="/teams/armoede/leden/{alice.pk}/verwijderen/"' in formulier
    assert 'name="bevestigd"' in formulier
    assert "Alice Bakker verliest meteen de toegang tot de opgaven van dit team." in formulier
    assert "Ja, haal Alice Bakker uit het team" in formulier


def test_without_the_confirmation_nobody_is_taken_out(wereld, login):
    client = login(wereld.trekker)
    alice = lidmaatschap_van(wereld, wereld.alice)
    response = verwijder(client, alice, {})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Bevestig dat je Alice Bakker uit het team wilt halen." in html
    assert '<details class="ob-bevestigen" open>' in html
    assert Lidmaatschap.objects.filter(pk=alice.pk).exists()
    response = verwijder(client, alice, {}, headers=HTMX)
    assert response.status_code == 422
    assert response.content.decode().lstrip().startswith('<section class="ob-section" id="leden"')
    assert Lidmaatschap.objects.filter(pk=alice.pk).exists()


def test_a_confirmed_removal_takes_the_member_out_with_and_without_javascript(wereld, login):
    client = login(wereld.trekker)
    alice = lidmaatschap_van(wereld, wereld.alice)
    response = verwijder(client, alice)
    assert response.status_code == 302
    assert not Lidmaatschap.objects.filter(pk=alice.pk).exists()
    tweede = LidmaatschapFactory(team=wereld.team, user__first_name="Bram", user__last_name="Kok")
    response = verwijder(client, tweede, headers=HTMX)
    assert response.status_code == 200
    assert "Bram Kok is uit het team gehaald." in response.content.decode()
    assert not Lidmaatschap.objects.filter(pk=tweede.pk).exists()
    verwijderd = Lidmaatschap.history.filter(id=tweede.pk, history_type="-").get()
    assert verwijderd.history_user == wereld.trekker


def test_the_last_trekker_is_not_taken_out_and_the_page_says_why(wereld, login):
    client = login(wereld.beheerder)
    trekker = lidmaatschap_van(wereld, wereld.trekker)
    melding = (
        "Tessa Bouzid is de enige trekker van dit team en blijft daarom in het team: er moet "
        "eerst een andere trekker zijn."
    )
    for headers in ({}, HTMX):
        response = verwijder(client, trekker, headers=headers)
        assert response.status_code == 409
        assert melding in response.content.decode()
    assert Lidmaatschap.objects.filter(pk=trekker.pk, rol=Rol.TREKKER).exists()
    html = client.get("/teams/armoede/").content.decode()
    assert melding in html
    assert f"/teams/armoede/leden/{trekker.pk}/verwijderen/" not in html


def test_a_trekker_may_leave_once_there_is_another(wereld, login):
    LidmaatschapFactory(team=wereld.team, rol=Rol.TREKKER)
    trekker = lidmaatschap_van(wereld, wereld.trekker)
    client = login(wereld.beheerder)
    assert (
        f"/teams/armoede/leden/{trekker.pk}/verwijderen/"
        in client.get("/teams/armoede/").content.decode()
    )
    assert verwijder(client, trekker).status_code == 302
    assert not Lidmaatschap.objects.filter(pk=trekker.pk).exists()


def test_a_member_who_is_no_trekker_cannot_take_anyone_out(wereld, login):
    trekker = lidmaatschap_van(wereld, wereld.trekker)
    assert verwijder(login(wereld.alice), trekker).status_code == 403
    assert Lidmaatschap.objects.filter(pk=trekker.pk).exists()
