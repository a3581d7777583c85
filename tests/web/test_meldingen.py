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
    """An opgave on the regieteam's board, of a team the melder is not in."""
    return Opgave.objects.get(titel="Veilig opgroeien")


def handel_af(client, melding, **velden):
    gegevens = {f"m{melding.pk}-{k}": v for k, v in ({"versie": melding.version} | velden).items()}
    return client.post(f"/teams/{regieteam().slug}/meldingen/{melding.pk}/", gegevens, headers=HTMX)


def test_someone_in_no_team_brings_a_belemmering_and_sees_it_waiting(wereld, client, melder):
    response = meld(client)
    assert response.status_code == 302
    melding = Melding.objects.get()
    assert (melding.ingediend_door, melding.status) == (melder, "nieuw")
    home = client.get("/").content.decode()
    assert "Buurthuis dicht op zaterdag" in home
    assert "Wacht op het regieteam" in home


def test_a_melding_needs_a_gebied_and_a_title(wereld, client, melder):
    response = meld(client, gebied="", titel="")
    assert response.status_code == 422
    assert "Controleer de invoer" in response.content.decode()
    assert not Melding.objects.exists()


def test_a_melding_can_only_name_an_opgave_the_user_may_see(wereld, client, melder):
    assert meld(client, opgave=jeugd().pk).status_code == 422


def test_regie_sees_the_melding_in_the_triage_list(wereld, client, melder, login):
    meld(client)
    html = login(wereld.bob).get(f"/teams/{regieteam().slug}/bord/").content.decode()
    assert "Meldingen om te bespreken" in html
    assert "Buurthuis dicht op zaterdag" in html


def test_regie_accepts_it_as_a_belemmering_on_an_opgave_and_the_melder_sees_the_outcome(
    wereld, client, melder, login
):
    meld(client)
    melding = Melding.objects.get()
    response = handel_af(login(wereld.bob), melding, besluit="belemmering", opgave=jeugd().pk)
    assert response.status_code == 200
    belemmering = Belemmering.objects.get(titel="Buurthuis dicht op zaterdag")
    assert list(belemmering.opgaven.all()) == [jeugd()]
    assert belemmering.ingebracht_door == melder
    melding.refresh_from_db()
    assert melding.status == "geaccepteerd"
    client.force_login(melder)
    home = client.get("/").content.decode()
    # The melder is in no team, so the opgave is not named to them
    # (tests/rechten/test_verwijzingen.py).
    assert "Opgenomen als belemmering bij een opgave die je niet kunt inzien." in home


def test_a_triaged_melding_is_announced_in_the_meldingen_section(wereld, client, melder, login):
    meld(client)
    response = handel_af(
        login(wereld.bob), Melding.objects.get(), besluit="belemmering", opgave=jeugd().pk
    )
    html = response.content.decode()
    sectie = html[html.index('id="meldingen"') : html.index("</section>")]
    assert 'role="status"' in sectie
    assert "Melding “Buurthuis dicht op zaterdag” is afgehandeld." in sectie
    assert html.count("is afgehandeld.") == 1  # not again in #berichten


def test_a_triaged_melding_is_announced_in_the_meldingen_section_without_javascript(
    wereld, client, melder, login
):
    meld(client)
    regie = login(wereld.bob)
    melding = Melding.objects.get()
    response = regie.post(
        f"/teams/{regieteam().slug}/meldingen/{melding.pk}/",
        {
            f"m{melding.pk}-versie": melding.version,
            f"m{melding.pk}-besluit": "afwijzen",
            f"m{melding.pk}-reden": "Dit pakt de gemeente al op.",
        },
        follow=True,
    )
    html = response.content.decode()
    sectie = html[html.index('id="meldingen"') :]
    assert "Melding “Buurthuis dicht op zaterdag” is afgehandeld." in sectie


def test_regie_accepts_a_kans_as_an_idea_on_the_board(wereld, client, melder, login):
    meld(client, soort="kans", titel="Sportschool biedt gratis lessen")
    melding = Melding.objects.get()
    handel_af(login(wereld.bob), melding, besluit="actie", opgave=wereld.opgave.pk)
    actie = Actie.objects.get(titel="Sportschool biedt gratis lessen")
    assert (actie.opgave, actie.kolom) == (wereld.opgave, "idee")
    assert actie.positie == Actie.objects.filter(opgave=wereld.opgave, kolom="idee").count() - 1
    assert actie.positie > 0  # below the idea already there


def test_regie_links_a_kans_to_an_opgave(wereld, client, melder, login):
    meld(client, soort="kans", titel="Leegstand aan het plein")
    handel_af(login(wereld.bob), Melding.objects.get(), besluit="kans", opgave=jeugd().pk)
    kans = Kans.objects.get(titel="Leegstand aan het plein")
    assert (kans.status, kans.opgave) == ("geaccepteerd", jeugd())


def test_declining_needs_a_reason_which_the_melder_sees(wereld, client, melder, login):
    meld(client)
    melding = Melding.objects.get()
    regie = login(wereld.bob)
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


def test_accepting_needs_an_opgave_on_the_board(wereld, client, melder, login):
    meld(client)
    elders = wereld.opgave_elders
    response = handel_af(
        login(wereld.bob), Melding.objects.get(), besluit="belemmering", opgave=elders.pk
    )
    assert response.status_code == 422
    assert Melding.objects.get().status == "nieuw"


def test_a_melding_handled_meanwhile_answers_409(wereld, client, melder, login):
    meld(client)
    melding = Melding.objects.get()
    geladen = melding.version
    melding.beschrijving = "Aangevuld"
    melding.save()
    melding.version = geladen
    response = handel_af(login(wereld.bob), melding, besluit="afwijzen", reden="Nee")
    assert response.status_code == 409
    assert Melding.objects.get().status == "nieuw"


def test_coordinators_cannot_triage(wereld, client, melder, login):
    meld(client)
    coordinator = login(wereld.coordinator)
    response = handel_af(coordinator, Melding.objects.get(), besluit="afwijzen", reden="x")
    assert response.status_code == 403
