"""Nothing of value is deleted: opgaven, teams and gebieden are archived in the admin (and
restored), never deleted; the app leaves archived records out of its lists and boards, and an
archived opgave's board opens read-only; a delete that would take history with it is refused."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from gebieden.models import Gebied, Niveau
from opgaven.models import Melding, Opgave, Prioriteit
from opgaven.peilmomenten import leg_peilmoment_vast
from teams.models import Team
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    TeamFactory,
    UserFactory,
    VoortgangsupdateFactory,
    WaardencheckFactory,
)

pytestmark = pytest.mark.django_db

ARCHIEFMELDING = "Deze opgave is gearchiveerd: je kunt haar bekijken, maar niet meer wijzigen."


@pytest.fixture
def wereld():
    """Team Jeugd has two opgaven in buurt Wildeman, steered by a regieteam; Alice leads Jeugd
    and sits in the regieteam; Bea is functioneel beheer."""
    stadsdeel = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL)
    wildeman = GebiedFactory(code="FK01", naam="Wildeman", niveau=Niveau.BUURT, ouder=stadsdeel)
    regieteam = RegieteamFactory(naam="Regie Nieuw-West", slug="regie", gebied=stadsdeel)
    jeugd = TeamFactory(naam="Jeugd", slug="jeugd")
    oud = OpgaveFactory(team=jeugd, titel="Zomerschool 2025")
    lopend = OpgaveFactory(team=jeugd, titel="Veilig opgroeien")
    for opgave in (oud, lopend):
        OpgaveGebiedFactory(opgave=opgave, gebied=wildeman)
        BelemmeringFactory(opgaven=[opgave], gebied=wildeman, titel=f"Geen ruimte {opgave.pk}")
    alice = LidmaatschapFactory(team=jeugd, rol="trekker", user__username="alice").user
    LidmaatschapFactory(team=regieteam, rol="trekker", user=alice)
    return {
        "wildeman": wildeman,
        "regieteam": regieteam,
        "jeugd": jeugd,
        "oud": oud,
        "lopend": lopend,
        "alice": alice,
        "beheer": UserFactory(username="bea", is_staff=True, is_superuser=True),
    }


def archiveer_in_admin(client, beheer, record, actie="archiveren"):
    client.force_login(beheer)
    url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_changelist")
    return client.post(url, {"action": actie, "_selected_action": [record.pk]})


@pytest.fixture
def gearchiveerd(client, wereld):
    """The old opgave, archived by beheer in the admin; Alice signed in."""
    assert archiveer_in_admin(client, wereld["beheer"], wereld["oud"]).status_code == 302
    client.force_login(wereld["alice"])
    wereld["oud"].refresh_from_db()
    return wereld["oud"]


def test_the_admin_archives_an_opgave_and_its_history_records_who_and_when(
    client, wereld, gearchiveerd
):
    assert gearchiveerd.is_gearchiveerd
    assert gearchiveerd.gearchiveerd_door == wereld["beheer"]
    laatste = gearchiveerd.history.first()
    assert (laatste.history_user, laatste.history_change_reason) == (
        wereld["beheer"],
        "gearchiveerd",
    )
    assert laatste.gearchiveerd_op == gearchiveerd.gearchiveerd_op


def titels(opgaven) -> set[str]:
    return {opgave.titel for opgave in opgaven}


def test_an_archived_opgave_is_left_out_of_the_boards_and_lists(client, wereld, gearchiveerd):
    oud, lopend = "Zomerschool 2025", "Veilig opgroeien"
    home = client.get("/").context
    assert titels(home["opgaven"]) == {lopend}
    team = client.get("/teams/jeugd/").context
    assert titels(team["opgaven"]) == {lopend}
    assert titels(team["gearchiveerde_opgaven"]) == {oud}  # still findable, read-only
    assert titels(client.get("/teams/regie/").context["opgaven_in_gebied"]) == {lopend}
    assert titels(client.get("/teams/regie/bord/").context["opgaven"]) == {lopend}
    wijkbord = client.get("/gebieden/FK01/").context
    assert {landing.opgave.titel for landing in wijkbord["landingen"]} == {lopend}
    assert titels(client.get("/overzicht/?niveau=buurt").context["overzicht"].opgaven) == {lopend}


def test_an_archived_opgave_is_no_choice_in_any_form(client, wereld, gearchiveerd):
    filters = client.get("/belemmeringen/").context["filter_form"]
    assert titels(filters.fields["opgave"].queryset) == {"Veilig opgroeien"}
    melden = client.get("/melden/").context["form"]
    assert titels(melden.fields["opgave"].queryset) == {"Veilig opgroeien"}
    gasten = client.get("/teams/jeugd/").context["gast_form"]
    assert titels(gasten.fields["opgave"].queryset) == {"Veilig opgroeien"}
    melding = Melding.objects.create(
        soort="kans", titel="Ruimte over", beschrijving="x", gebied=wereld["wildeman"]
    )
    triage = client.get(f"/teams/regie/meldingen/{melding.pk}/").context["melding"].triage_form
    assert titels(triage.fields["opgave"].queryset) == {"Veilig opgroeien"}
    url = f"/teams/jeugd/waardencheck/?opgave={gearchiveerd.pk}"
    assert client.get(url).status_code == 400


def test_an_archived_opgaves_board_opens_read_only_with_a_notice(client, gearchiveerd):
    response = client.get(f"/opgaven/{gearchiveerd.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    datum = date_format(timezone.localtime(gearchiveerd.gearchiveerd_op), "DATE_FORMAT")
    assert f"Deze opgave is gearchiveerd op {datum} door" in html
    assert response.context["mag_wijzigen"] is False
    assert response.context["mag_overdragen"] is False
    assert "actie_form" not in response.context
    assert f"/opgaven/{gearchiveerd.pk}/bewerken/" not in html


@pytest.mark.parametrize(
    ("pad", "gegevens"),
    [
        ("acties/", {"titel": "Nog een actie", "kolom": "te_doen"}),
        ("voortgang/", {"status": "op_koers", "datum": "2026-12-01", "tekst": "Goed"}),
        ("belemmeringen/", {"titel": "Iets", "ernst": "laag"}),
        ("bewerken/", {"titel": "Nieuw leven", "thema": "wonen"}),
        ("overdragen/", {"bevestigd": "on"}),
    ],
)
def test_every_write_on_an_archived_opgave_answers_403_saying_so(
    client, gearchiveerd, pad, gegevens
):
    response = client.post(f"/opgaven/{gearchiveerd.pk}/{pad}", gegevens)
    assert response.status_code == 403
    assert ARCHIEFMELDING in response.content.decode()
    assert Opgave.objects.get(pk=gearchiveerd.pk).titel == "Zomerschool 2025"


def test_an_archived_opgaves_acties_and_local_status_cannot_be_changed(
    client, wereld, gearchiveerd
):
    actie = ActieFactory(opgave=gearchiveerd)
    url = f"/opgaven/{gearchiveerd.pk}/acties/{actie.pk}/bewerken/"
    assert client.get(url).status_code == 403
    landing = gearchiveerd.opgave_gebieden.get()
    # Alice's regieteam steers Wildeman, but an archived opgave is read-only for everyone.
    assert client.get(f"/gebieden/FK01/opgaven/{landing.pk}/bewerken/").status_code == 403


def test_a_belemmering_that_blocks_only_archived_opgaven_cannot_be_moved_by_the_regieteam(
    client, wereld, gearchiveerd
):
    # Alice steers Wildeman in the regieteam; the belemmering there blocks only the archived opgave.
    belemmering = gearchiveerd.belemmeringen.get()
    status_url = f"/belemmeringen/{belemmering.pk}/status/"
    assert client.post(status_url, {"status": "opgepakt", "versie": 1}).status_code == 403
    assert client.get(f"/belemmeringen/{belemmering.pk}/bewerken/").status_code == 403
    andere = wereld["lopend"].belemmeringen.get()
    assert client.get(f"/belemmeringen/{andere.pk}/bewerken/").status_code == 200


def test_restoring_brings_the_opgave_back_and_is_recorded(client, wereld, gearchiveerd):
    response = archiveer_in_admin(client, wereld["beheer"], gearchiveerd, actie="herstellen")
    assert response.status_code == 302
    gearchiveerd.refresh_from_db()
    assert not gearchiveerd.is_gearchiveerd
    assert gearchiveerd.history.first().history_change_reason == "hersteld uit het archief"
    client.force_login(wereld["alice"])
    assert "Zomerschool 2025" in titels(client.get("/").context["opgaven"])
    assert client.get(f"/opgaven/{gearchiveerd.pk}/bewerken/").status_code == 200


def test_an_archived_opgave_keeps_its_place_on_the_regieteam_board(client, wereld):
    client.force_login(wereld["alice"])
    client.post("/teams/regie/bord/verplaats/", {"opgave": wereld["oud"].pk, "na": ""})
    assert [p.opgave for p in Prioriteit.objects.order_by("positie")][0] == wereld["oud"]
    archiveer_in_admin(client, wereld["beheer"], wereld["oud"])
    archiveer_in_admin(client, wereld["beheer"], wereld["oud"], actie="herstellen")
    client.force_login(wereld["alice"])
    bord = client.get("/teams/regie/bord/").context["opgaven"]
    assert [opgave.titel for opgave in bord] == ["Zomerschool 2025", "Veilig opgroeien"]


# Teams


def test_a_team_with_opgaven_that_are_not_archived_is_not_archived(client, wereld):
    response = archiveer_in_admin(client, wereld["beheer"], wereld["jeugd"])
    wereld["jeugd"].refresh_from_db()
    assert not wereld["jeugd"].is_gearchiveerd
    berichten = [str(m) for m in response.wsgi_request._messages]
    assert berichten == [
        "Jeugd heeft nog 2 opgaven die niet zijn gearchiveerd: draag ze over of archiveer ze eerst."
    ]


@pytest.fixture
def team_gearchiveerd(client, wereld):
    for opgave in (wereld["oud"], wereld["lopend"]):
        archiveer_in_admin(client, wereld["beheer"], opgave)
    archiveer_in_admin(client, wereld["beheer"], wereld["jeugd"])
    wereld["jeugd"].refresh_from_db()
    assert wereld["jeugd"].is_gearchiveerd
    client.force_login(wereld["alice"])
    return wereld["jeugd"]


def test_an_archived_team_is_left_out_of_the_team_lists_and_the_header(client, team_gearchiveerd):
    assert {team.slug for team in client.get("/teams/").context["teams"]} == {"regie"}
    home = client.get("/")
    assert [lid.team.slug for lid in home.context["lidmaatschappen"]] == ["regie"]
    assert [team.slug for team in home.context["mijn_teams"]()] == ["regie"]


def test_an_archived_team_is_no_hand_over_target(client, wereld, team_gearchiveerd):
    andere = OpgaveFactory(team=TeamFactory(slug="wonen"))
    LidmaatschapFactory(team=andere.team, user=wereld["alice"], rol="trekker")
    keuzes = client.get(f"/opgaven/{andere.pk}/overdragen/").context["form"].fields["team"]
    assert "jeugd" not in {team.slug for team in keuzes.queryset}


def test_an_archived_teams_page_opens_read_only_with_a_notice(client, team_gearchiveerd):
    response = client.get("/teams/jeugd/")
    assert "Dit team is gearchiveerd op" in response.content.decode()
    assert response.context["mag_beheren"] is False
    response = client.post("/teams/jeugd/leden/", {"user": UserFactory().pk, "rol": "lid"})
    assert response.status_code == 403
    assert "Dit team is gearchiveerd" in response.content.decode()
    assert client.get("/teams/jeugd/waardencheck/").status_code == 403


def test_an_opgave_of_an_archived_team_is_restored_only_with_its_team(
    client, wereld, team_gearchiveerd
):
    response = archiveer_in_admin(client, wereld["beheer"], wereld["oud"], actie="herstellen")
    assert Opgave.objects.get(pk=wereld["oud"].pk).is_gearchiveerd
    berichten = [str(m) for m in response.wsgi_request._messages]
    assert berichten[-1] == "Het team Jeugd is gearchiveerd: herstel eerst het team."


def test_an_archived_regieteam_leads_nowhere(client, wereld):
    regieteam = wereld["regieteam"]
    archiveer_in_admin(client, wereld["beheer"], regieteam)
    buiten = LidmaatschapFactory(team=regieteam).user  # in the regieteam only
    client.force_login(buiten)
    assert client.get(f"/opgaven/{wereld['lopend'].pk}/").status_code == 404
    bord = client.get("/teams/regie/bord/")
    assert "Dit team is gearchiveerd op" in bord.content.decode()
    assert list(bord.context["opgaven"]) == []
    assert client.post("/teams/regie/peilmomenten/").status_code == 403


# Gebieden: the end of their validity is their archive


def test_the_admin_archives_a_gebied_by_ending_its_validity_and_restores_it(client, wereld):
    wildeman = wereld["wildeman"]
    archiveer_in_admin(client, wereld["beheer"], wildeman)
    wildeman.refresh_from_db()
    assert wildeman.eind_geldigheid == timezone.localdate()
    assert wildeman.history.first().history_change_reason == "gearchiveerd"
    client.force_login(wereld["alice"])
    assert "FK01" not in {
        g.code for g in client.get("/melden/").context["form"].fields["gebied"].queryset
    }
    archiveer_in_admin(client, wereld["beheer"], wildeman, actie="herstellen")
    assert Gebied.objects.get(pk=wildeman.pk).eind_geldigheid is None


def test_a_gebied_that_becomes_valid_later_is_archived_on_that_day(client, wereld):
    later = timezone.localdate() + datetime.timedelta(days=30)
    gebied = GebiedFactory(code="FK99", begin_geldigheid=later)
    archiveer_in_admin(client, wereld["beheer"], gebied)
    assert Gebied.objects.get(pk=gebied.pk).eind_geldigheid == later


# The admin deletes nothing of value


@pytest.mark.parametrize("model", [Opgave, Team, Gebied])
def test_the_admin_offers_no_delete_for_opgaven_teams_and_gebieden(client, wereld, model):
    client.force_login(wereld["beheer"])
    record = model.objects.first()
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert client.get(reverse(f"{prefix}_delete", args=[record.pk])).status_code == 403
    lijst = client.get(reverse(f"{prefix}_changelist"))
    acties = [naam for naam, _label in lijst.context["action_form"].fields["action"].choices]
    assert "delete_selected" not in acties
    assert {"archiveren", "herstellen"} <= set(acties)
    assert model.objects.filter(pk=record.pk).exists()


def test_the_change_page_archives_and_restores_with_its_own_button(client, wereld):
    client.force_login(wereld["beheer"])
    opgave = wereld["oud"]
    url = reverse("admin:opgaven_opgave_change", args=[opgave.pk])
    assert 'name="_archiveren"' in client.get(url).content.decode()
    assert client.post(url, {"_archiveren": "1"}).status_code == 302
    opgave.refresh_from_db()
    assert opgave.is_gearchiveerd
    assert 'name="_herstellen"' in client.get(url).content.decode()
    client.post(url, {"_herstellen": "1"})
    opgave.refresh_from_db()
    assert not opgave.is_gearchiveerd


# PROTECT: a delete in the shell never takes history with it


def op_een_peilmoment(opgave):
    landing = OpgaveGebiedFactory(opgave=opgave, gebied=Gebied.objects.get(code="FK01"))
    leg_peilmoment_vast(regieteam=Team.objects.get(slug="regie"), door=UserFactory())
    landing.delete()  # what is left is the peilmoment's copy


@pytest.mark.parametrize(
    "maak",
    [
        lambda opgave: VoortgangsupdateFactory(opgave=opgave),
        lambda opgave: ActieFactory(opgave=opgave),
        lambda opgave: OpgaveGebiedFactory(opgave=opgave),
        lambda opgave: WaardencheckFactory(team=opgave.team, opgave=opgave),
        op_een_peilmoment,
    ],
    ids=["voortgang", "actie", "landing", "waardencheck", "peilmoment"],
)
def test_deleting_an_opgave_with_history_raises_protected_error(wereld, maak):
    opgave = OpgaveFactory(team=wereld["jeugd"])
    maak(opgave)
    with pytest.raises(ProtectedError):
        opgave.delete()
    assert Opgave.objects.filter(pk=opgave.pk).exists()


def test_an_opgave_with_nothing_hanging_from_it_can_still_be_deleted_in_the_shell(wereld):
    opgave = OpgaveFactory(team=wereld["jeugd"])
    opgave.delete()
    assert not Opgave.objects.filter(pk=opgave.pk).exists()


def test_deleting_a_team_with_members_or_peilmomenten_raises_protected_error(wereld):
    regieteam = wereld["regieteam"]
    leg_peilmoment_vast(regieteam=regieteam, door=wereld["alice"])
    regieteam.lidmaatschappen.all().delete()
    with pytest.raises(ProtectedError):
        regieteam.delete()
    with pytest.raises(ProtectedError):
        TeamFactory(slug="leeg").lidmaatschappen.create(
            user=UserFactory(), organisatie="Gemeente"
        ).team.delete()


def test_a_peilmoment_keeps_what_it_showed_when_the_opgave_changes(wereld):
    peilmoment = leg_peilmoment_vast(regieteam=wereld["regieteam"], door=wereld["alice"])
    opgave = wereld["oud"]
    opgave.titel = "Zomerschool 2026"
    opgave.status = "afgerond"
    opgave.save()
    opgave.archiveer(door=wereld["alice"])
    regel = peilmoment.regels.get(opgave=opgave)
    assert (regel.titel, regel.status) == ("Zomerschool 2025", "verkenning")


def test_archiving_tells_open_boards(wereld):
    opgave = wereld["oud"]
    voor = Opgave.objects.get(pk=opgave.pk).bord_versie
    opgave.archiveer(door=get_user_model().objects.get(username="bea"))
    assert Opgave.objects.get(pk=opgave.pk).bord_versie == voor + 1
