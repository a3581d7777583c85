import pytest

from gebieden.models import Gebied
from opgaven.models import Actie, Belemmering, Kans, Melding, Opgave
from teams.models import Team, TeamSoort
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def melder(client):
    user = UserFactory(first_name="Ingrid", last_name="Bewoner")
    client.force_login(user)
    return user


def meld(client, **velden):
    gegevens = {
        "soort": "belemmering",
        "titel": "Buurthuis dicht op zaterdag",
        "beschrijving": "Jongeren kunnen nergens heen.",
        "gebied": Gebied.objects.get(code="FK01").pk,
    } | velden
    return client.post("/melden/", gegevens)


def regieteam() -> Team:
    return Team.objects.get(soort=TeamSoort.REGIETEAM)


def jeugd() -> Opgave:
    return Opgave.objects.get(titel="Veilig opgroeien in de Wildemanbuurt")


def handel_af(client, melding, **velden):
    gegevens = {f"m{melding.pk}-{k}": v for k, v in ({"versie": melding.version} | velden).items()}
    return client.post(f"/teams/{regieteam().slug}/meldingen/{melding.pk}/", gegevens, headers=HTMX)


def test_someone_in_no_team_brings_a_belemmering_and_sees_it_waiting(demo, client, melder):
    response = meld(client)
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert (melding.ingediend_door, melding.status) == (melder, "nieuw")
    home = client.get("/").content.decode()
    assert "Buurthuis dicht op zaterdag" in home
    assert "Wacht op het regieteam" in home


def test_a_melding_needs_a_gebied_and_a_title(demo, client, melder):
    response = meld(client, gebied="", titel="")
    assert response.status_code == 422
    assert "Controleer de invoer" in response.content.decode()
    assert not Melding.objects.exists()


def test_a_melding_can_only_name_an_opgave_the_user_may_see(demo, client, melder):
    assert meld(client, opgave=jeugd().pk).status_code == 422


def test_regie_sees_the_melding_in_the_triage_list(demo, client, melder, login):
    meld(client)
    html = login("regie").get(f"/teams/{regieteam().slug}/bord/").content.decode()
    assert "Meldingen om te bespreken" in html
    assert "Buurthuis dicht op zaterdag" in html


def test_regie_accepts_it_as_a_belemmering_on_an_opgave_and_the_melder_sees_the_outcome(
    demo, client, melder, login
):
    meld(client)
    melding = Melding.objects.get()
    response = handel_af(login("regie"), melding, besluit="belemmering", opgave=jeugd().pk)
    assert response.status_code == 200
    belemmering = Belemmering.objects.get(titel="Buurthuis dicht op zaterdag")
    assert list(belemmering.opgaven.all()) == [jeugd()]
    assert belemmering.ingebracht_door == melder
    melding.refresh_from_db()
    assert melding.status == "geaccepteerd"
    client.force_login(melder)
    home = client.get("/").content.decode()
    # The melder is in no team, so the opgave is not named to them (tests/test_verwijzingen.py).
    assert "Opgenomen als belemmering bij een opgave die je niet kunt inzien." in home


def test_regie_accepts_a_kans_as_an_idea_on_the_board(demo, client, melder, login):
    meld(client, soort="kans", titel="Sportschool biedt gratis lessen")
    melding = Melding.objects.get()
    handel_af(login("regie"), melding, besluit="actie", opgave=jeugd().pk)
    actie = Actie.objects.get(titel="Sportschool biedt gratis lessen")
    assert (actie.opgave, actie.kolom) == (jeugd(), "idee")
    assert actie.positie == Actie.objects.filter(opgave=jeugd(), kolom="idee").count() - 1


def test_regie_links_a_kans_to_an_opgave(demo, client, melder, login):
    meld(client, soort="kans", titel="Leegstand aan het plein")
    handel_af(login("regie"), Melding.objects.get(), besluit="kans", opgave=jeugd().pk)
    kans = Kans.objects.get(titel="Leegstand aan het plein")
    assert (kans.status, kans.opgave) == ("geaccepteerd", jeugd())


def test_declining_needs_a_reason_which_the_melder_sees(demo, client, melder, login):
    meld(client)
    melding = Melding.objects.get()
    regie = login("regie")
    assert handel_af(regie, melding, besluit="afwijzen").status_code == 422
    handel_af(
        regie,
        melding,
        besluit="afwijzen",
        reden="Het buurthuis is van de corporatie; wij verwijzen je door.",
    )
    melding.refresh_from_db()
    assert melding.status == "afgewezen"
    client.force_login(melder)
    assert "wij verwijzen je door" in client.get("/").content.decode()


def test_accepting_needs_an_opgave_on_the_board(demo, client, melder, login):
    meld(client)
    elders = Opgave.objects.get(titel="Werk dat past in Bijlmer-Centrum")
    response = handel_af(
        login("regie"), Melding.objects.get(), besluit="belemmering", opgave=elders.pk
    )
    assert response.status_code == 422
    assert Melding.objects.get().status == "nieuw"


def test_a_melding_handled_meanwhile_answers_409(demo, client, melder, login):
    meld(client)
    melding = Melding.objects.get()
    geladen = melding.version
    melding.beschrijving = "Aangevuld"
    melding.save()
    melding.version = geladen
    response = handel_af(login("regie"), melding, besluit="afwijzen", reden="Nee")
    assert response.status_code == 409
    assert Melding.objects.get().status == "nieuw"


def test_coordinators_cannot_triage(demo, client, melder, login):
    meld(client)
    response = handel_af(login("coordinator"), Melding.objects.get(), besluit="afwijzen", reden="x")
    assert response.status_code == 403
