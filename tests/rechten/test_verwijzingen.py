"""An opgave's title or link is shown only to whoever may see that opgave; others read
"1 andere opgave". Whoever raised a belemmering or a melding keeps seeing their own text and
its outcome, nothing more."""

import importlib

import pytest
from django.apps import apps

from gebieden.models import Niveau
from opgaven.meldingen import handel_af
from opgaven.models import Melding
from tests.factories import (
    BelemmeringFactory,
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}
GEHEIM = "Geheime opgave elders"


@pytest.fixture
def wereld():
    """Regieteam West steers Wildeman, where the Jeugd team's opgave lands. The Zuid team's
    opgave lies elsewhere; one belemmering blocks both, raised by a resident in no team."""
    west = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    wildeman = GebiedFactory(code="FK01", niveau=Niveau.BUURT, ouder=west)
    zuid = GebiedFactory(code="T", niveau=Niveau.STADSDEEL)
    regieteam = RegieteamFactory(gebied=west, slug="regie")
    jeugdteam, zuidteam = TeamFactory(slug="jeugd"), TeamFactory(slug="zuid")
    jeugd = OpgaveFactory(team=jeugdteam, titel="Veilig opgroeien")
    OpgaveGebiedFactory(opgave=jeugd, gebied=wildeman)
    geheim = OpgaveFactory(team=zuidteam, titel=GEHEIM)
    OpgaveGebiedFactory(opgave=geheim, gebied=zuid)
    bewoner = UserFactory(username="bewoner")
    belemmering = BelemmeringFactory(
        titel="Buurthuis dicht", gebied=wildeman, opgaven=[jeugd, geheim], ingebracht_door=bewoner
    )
    return {
        "regieteam": regieteam,
        "wildeman": wildeman,
        "jeugd": jeugd,
        "geheim": geheim,
        "belemmering": belemmering,
        "bewoner": bewoner,
        "regie": LidmaatschapFactory(team=regieteam, user__username="regie").user,
        "jeugdlid": LidmaatschapFactory(team=jeugdteam, user__username="jeugdlid").user,
        "zuidlid": LidmaatschapFactory(team=zuidteam, user__username="zuidlid").user,
    }


def pagina(client, user, url, **kwargs) -> str:
    client.force_login(user)
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def test_a_belemmering_card_names_only_the_opgaven_its_reader_may_see(client, wereld):
    html = pagina(client, wereld["regie"], "/belemmeringen/")
    assert "Blokkeert: " in html
    assert ">Veilig opgroeien</a> en 1 andere opgave" in html
    assert GEHEIM not in html
    assert f"/opgaven/{wereld['geheim'].pk}/" not in html


def test_the_status_card_fragment_names_only_what_its_reader_may_see(client, wereld):
    url = f"/belemmeringen/{wereld['belemmering'].pk}/status/"
    html = pagina(client, wereld["regie"], url, headers=HTMX)
    assert "Status wijzigen" in html
    assert "en 1 andere opgave" in html
    assert GEHEIM not in html


def test_the_opgave_board_counts_the_other_opgaven_its_reader_may_not_see(client, wereld):
    html = pagina(client, wereld["jeugdlid"], f"/opgaven/{wereld['jeugd'].pk}/")
    assert "Blokkeert ook: 1 andere opgave" in html
    assert GEHEIM not in html
    html = pagina(client, wereld["zuidlid"], f"/opgaven/{wereld['geheim'].pk}/")
    assert "Blokkeert ook: 1 andere opgave" in html
    assert "Veilig opgroeien" not in html


def test_the_raiser_of_a_belemmering_sees_their_own_card_and_no_opgave_titles(client, wereld):
    html = pagina(client, wereld["bewoner"], "/belemmeringen/")
    assert "Buurthuis dicht" in html
    assert "Blokkeert: 2 andere opgaven" in html
    assert "Veilig opgroeien" not in html
    assert GEHEIM not in html


def test_functioneel_beheer_reads_every_title(client, wereld):
    html = pagina(client, UserFactory(is_staff=True), "/belemmeringen/")
    assert f">{GEHEIM}</a>, <a" in html
    assert ">Veilig opgroeien</a>" in html
    assert "andere opgave" not in html


def melding_van(user, gebied, **velden) -> Melding:
    return Melding.objects.create(
        soort="belemmering",
        titel="Straatverlichting kapot",
        beschrijving="Het pad is donker.",
        gebied=gebied,
        ingediend_door=user,
        **velden,
    )


@pytest.mark.parametrize(
    ("besluit", "zonder_titel"),
    [
        ("belemmering", "Opgenomen als belemmering bij een opgave die je niet kunt inzien."),
        ("actie", "Opgenomen als idee op het bord van een opgave die je niet kunt inzien."),
        ("kans", "Als kans gekoppeld aan een opgave die je niet kunt inzien."),
    ],
)
def test_a_melder_sees_the_outcome_without_the_title_of_an_opgave_they_may_not_see(
    client, wereld, besluit, zonder_titel
):
    melding = melding_van(wereld["bewoner"], wereld["wildeman"])
    handel_af(
        melding,
        besluit=besluit,
        opgave=wereld["jeugd"],
        reden="Dank, we pakken het op.",
        versie=melding.version,
        door=wereld["regie"],
    )
    html = pagina(client, wereld["bewoner"], "/")
    assert "Straatverlichting kapot" in html
    assert zonder_titel in html
    assert "Dank, we pakken het op." in html
    assert "Veilig opgroeien" not in html


def test_a_melder_who_may_see_the_opgave_reads_its_title_in_the_outcome(client, wereld):
    melding = melding_van(wereld["jeugdlid"], wereld["wildeman"])
    handel_af(
        melding, besluit="actie", opgave=wereld["jeugd"], reden="", versie=1, door=wereld["regie"]
    )
    html = pagina(client, wereld["jeugdlid"], "/")
    assert "Opgenomen als idee op het bord van “Veilig opgroeien”." in html


def test_the_triage_card_does_not_name_an_opgave_the_regieteam_may_not_see(client, wereld):
    melding_van(wereld["zuidlid"], wereld["wildeman"], opgave=wereld["geheim"])
    html = pagina(client, wereld["regie"], "/teams/regie/bord/")
    assert "Straatverlichting kapot" in html
    assert "over een opgave die je niet kunt inzien" in html
    assert GEHEIM not in html


def test_outcomes_stored_in_the_reaction_before_are_taken_out(wereld):
    bewaard = melding_van(
        wereld["bewoner"],
        wereld["wildeman"],
        status="geaccepteerd",
        opgave=wereld["geheim"],
        reactie=f"Dank je.\nOpgenomen als belemmering bij “{GEHEIM}”.",
    )
    engels = melding_van(
        wereld["bewoner"],
        wereld["wildeman"],
        status="geaccepteerd",
        opgave=wereld["geheim"],
        reactie=f"Linked to “{GEHEIM}” as an opportunity.",
    )
    afgewezen = melding_van(
        wereld["bewoner"], wereld["wildeman"], status="afgewezen", reactie="Niet van ons."
    )
    migratie = importlib.import_module("opgaven.migrations.0009_uitkomst_niet_in_reactie")
    migratie.haal_uitkomst_uit_reactie(apps, None)
    for melding in (bewaard, engels, afgewezen):
        melding.refresh_from_db()
    assert (bewaard.reactie, engels.reactie, afgewezen.reactie) == ("Dank je.", "", "Niet van ons.")
