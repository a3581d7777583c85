"""Editing a belemmering (/belemmeringen/<pk>/bewerken/): for whoever may handle it (the teams
of the opgaven it blocks, the regieteam whose gebied covers it), with the version check; its
gebied only to a place where it stays handled (rechten.belemmeringen.gebieden_voor_belemmering);
its status and the opgaven it blocks are never changed here."""

import datetime

import pytest

from gebieden.models import Niveau
from opgaven.models import Belemmering, BelemmeringStatus, Escalatieniveau
from rechten.opgaven import nodig_gast_uit
from tests.factories import (
    BelemmeringFactory,
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    wildeman = GebiedFactory(code="FK01", niveau=Niveau.BUURT, ouder=stadsdeel)
    opgave = OpgaveFactory(titel="Zomerschool")
    belemmering = BelemmeringFactory(opgaven=[opgave], gebied=wildeman, titel="Geen ruimte")
    alice = LidmaatschapFactory(
        team=opgave.team, user__username="alice", user__first_name="Alice"
    ).user
    regie = LidmaatschapFactory(team=RegieteamFactory(gebied=stadsdeel)).user
    bob = UserFactory(username="bob")
    nodig_gast_uit(bob, opgave, mag_wijzigen=False)
    return {
        "belemmering": belemmering,
        "alice": alice,
        "regie": regie,
        "bob": bob,
        "charlie": UserFactory(),
    }


def bewerk(client, belemmering, **velden):
    gegevens = {
        "titel": belemmering.titel,
        "ernst": belemmering.ernst,
        "gebied": belemmering.gebied_id,
        "versie": belemmering.version,
    } | velden
    return client.post(f"/belemmeringen/{belemmering.pk}/bewerken/", gegevens)


@pytest.mark.parametrize(
    ("wie", "status"), [("alice", 200), ("regie", 200), ("bob", 403), ("charlie", 404)]
)
def test_who_may_open_the_edit_page(client, wereld, wie, status):
    client.force_login(wereld[wie])
    url = f"/belemmeringen/{wereld['belemmering'].pk}/bewerken/"
    assert client.get(url).status_code == status


@pytest.mark.parametrize(("wie", "status"), [("alice", 302), ("bob", 403), ("charlie", 404)])
def test_who_may_save_it(client, wereld, wie, status):
    client.force_login(wereld[wie])
    assert bewerk(client, wereld["belemmering"], ernst="kritiek").status_code == status
    verwacht = "kritiek" if status == 302 else "midden"
    assert Belemmering.objects.get(pk=wereld["belemmering"].pk).ernst == verwacht


def test_the_owner_is_chosen_from_people_the_editor_knows(client, wereld):
    client.force_login(wereld["alice"])
    response = client.get(f"/belemmeringen/{wereld['belemmering'].pk}/bewerken/")
    keuzes = set(response.context["form"].fields["eigenaar"].queryset)
    assert wereld["alice"] in keuzes
    assert wereld["charlie"] not in keuzes
    response = bewerk(client, wereld["belemmering"], eigenaar=wereld["charlie"].pk)
    assert response.status_code == 422


def test_status_and_blocked_opgaven_stay_as_they_are(client, wereld):
    belemmering = wereld["belemmering"]
    client.force_login(wereld["alice"])
    andere = OpgaveFactory()
    assert bewerk(client, belemmering, status="opgelost", opgaven=[andere.pk]).status_code == 302
    nu = Belemmering.objects.get(pk=belemmering.pk)
    assert nu.status == BelemmeringStatus.NIEUW
    assert list(nu.opgaven.all()) == list(belemmering.opgaven.all())


@pytest.fixture
def landingen(wereld):
    """The opgave lands in Wildeman and Torenwijck (inside the regieteam's stadsdeel) and in
    Zuidoost (outside it)."""
    opgave = wereld["belemmering"].opgaven.get()
    wildeman = wereld["belemmering"].gebied
    torenwijck = GebiedFactory(code="FK04", niveau=Niveau.BUURT, ouder=wildeman.ouder)
    zuidoost = GebiedFactory(code="T", niveau=Niveau.STADSDEEL)
    for gebied in (wildeman, torenwijck, zuidoost):
        OpgaveGebiedFactory(opgave=opgave, gebied=gebied)
    return {"wildeman": wildeman, "torenwijck": torenwijck, "zuidoost": zuidoost}


def gebiedkeuzes(client, belemmering) -> set[str]:
    response = client.get(f"/belemmeringen/{belemmering.pk}/bewerken/")
    return {gebied.code for gebied in response.context["form"].fields["gebied"].queryset}


def test_a_team_member_chooses_among_where_the_opgaven_land(client, wereld, landingen):
    client.force_login(wereld["alice"])
    assert gebiedkeuzes(client, wereld["belemmering"]) == {"FK01", "FK04", "T"}
    assert bewerk(client, wereld["belemmering"], gebied=landingen["zuidoost"].pk).status_code == 302
    assert Belemmering.objects.get(pk=wereld["belemmering"].pk).gebied == landingen["zuidoost"]


def test_a_regieteam_member_keeps_it_inside_its_own_gebied(client, wereld, landingen):
    """The regieteam handles it only through its gebied: moved to Zuidoost, it would lose it."""
    client.force_login(wereld["regie"])
    assert gebiedkeuzes(client, wereld["belemmering"]) == {"F", "FK01", "FK04"}
    response = bewerk(client, wereld["belemmering"], gebied=landingen["zuidoost"].pk)
    assert response.status_code == 422
    stadsdeel = landingen["wildeman"].ouder
    assert bewerk(client, wereld["belemmering"], gebied=stadsdeel.pk).status_code == 302
    assert Belemmering.objects.get(pk=wereld["belemmering"].pk).gebied == stadsdeel


def test_a_gebied_unrelated_to_it_answers_422(client, wereld, landingen):
    client.force_login(wereld["alice"])
    assert bewerk(client, wereld["belemmering"], gebied=GebiedFactory().pk).status_code == 422
    assert Belemmering.objects.get(pk=wereld["belemmering"].pk).gebied == landingen["wildeman"]


def test_the_gebied_cannot_be_emptied(client, wereld):
    client.force_login(wereld["alice"])
    response = bewerk(client, wereld["belemmering"], gebied="")
    assert response.status_code == 422
    assert Belemmering.objects.get(pk=wereld["belemmering"].pk).gebied is not None


def test_an_escalated_belemmering_keeps_what_is_needed_from_whom_and_by_when(client, wereld):
    belemmering = wereld["belemmering"]
    Belemmering.objects.filter(pk=belemmering.pk).update(
        status=BelemmeringStatus.GEESCALEERD,
        escalatieniveau=Escalatieniveau.REGIETEAM,
        geescaleerd_op=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        escalatie_besluit="Sleutel buurthuis",
        escalatie_bij="Stadsdeel",
        escalatie_deadline=datetime.date(2026, 12, 1),
    )
    belemmering.refresh_from_db()
    client.force_login(wereld["alice"])
    response = bewerk(client, belemmering, escalatie_besluit="", escalatie_bij="Stadsdeel")
    assert response.status_code == 422
    assert "Schrijf op welk besluit nodig is." in response.content.decode()


def test_a_save_on_top_of_someone_elses_change_answers_409_and_keeps_both(client, wereld):
    belemmering = wereld["belemmering"]
    client.force_login(wereld["alice"])
    anders = Belemmering.objects.get(pk=belemmering.pk)
    anders.eigenaar = wereld["regie"]
    anders.save()
    response = bewerk(client, belemmering, titel="Geen ruimte op zaterdag")
    assert response.status_code == 409
    naam = wereld["regie"].get_full_name()
    assert response.context["conflict"] == [("Eigenaar", naam)]
    assert 'value="Geen ruimte op zaterdag"' in response.content.decode()
    nu = Belemmering.objects.get(pk=belemmering.pk)
    assert (nu.titel, nu.eigenaar) == ("Geen ruimte", wereld["regie"])


def test_a_saved_edit_returns_to_the_board_and_is_in_the_history(client, wereld):
    belemmering = wereld["belemmering"]
    client.force_login(wereld["regie"])
    response = bewerk(client, belemmering, beschrijving="Het buurthuis is dicht.")
    assert response["Location"] == f"/belemmeringen/#belemmering-{belemmering.pk}"
    laatste = Belemmering.objects.get(pk=belemmering.pk).history.first()
    assert (laatste.history_user, laatste.beschrijving) == (
        wereld["regie"],
        "Het buurthuis is dicht.",
    )


def test_an_escalation_recorded_without_details_can_still_be_edited(client, wereld):
    belemmering = wereld["belemmering"]
    Belemmering.objects.filter(pk=belemmering.pk).update(
        status=BelemmeringStatus.GEESCALEERD,
        escalatieniveau=Escalatieniveau.TEAM,
        geescaleerd_op=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
    )
    belemmering.refresh_from_db()
    client.force_login(wereld["alice"])
    assert bewerk(client, belemmering, titel="Geen ruimte in de zomer").status_code == 302
