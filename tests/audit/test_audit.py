"""The audit log: denied access and permission changes, with actor, object, result, origin and
time (BIO 8.15.01); history and the log itself cannot be changed through the UI."""

import logging
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import F
from django.test import RequestFactory
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from audit.log import leg_weigering_vast
from audit.models import Actie, AuditRegel
from kern.admin import GeschiedenisAdmin
from opgaven.models import Opgave
from tests.factories import LidmaatschapFactory, OpgaveFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def team():
    return TeamFactory(naam="Armoede Osdorp", slug="armoede")


@pytest.fixture
def trekker(team):
    return LidmaatschapFactory(team=team, rol="trekker", user__username="trekker").user


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(username="super", is_staff=True, is_superuser=True))
    return client


def test_an_outsider_opening_an_opgave_is_logged_with_user_object_and_ip(
    client, caplog, django_capture_on_commit_callbacks
):
    opgave = OpgaveFactory()
    buiten = UserFactory(username="buiten")
    client.force_login(buiten)
    with (
        caplog.at_level(logging.INFO, logger="opgavebord.audit"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.get(f"/opgaven/{opgave.pk}/", REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 404
    regel = AuditRegel.objects.get(actie=Actie.TOEGANG_GEWEIGERD)
    assert regel.actor == buiten
    assert regel.actor_naam == "buiten"
    assert regel.resultaat.startswith("404")
    assert regel.object_soort == "opgaven:detail"
    assert regel.object_id == f"pk={opgave.pk}"
    assert regel.ip == "192.0.2.10"
    assert regel.pad == f"/opgaven/{opgave.pk}/"
    assert regel.tijd is not None
    assert any(
        "toegang_geweigerd" in r.getMessage() and "door=buiten" in r.getMessage()
        for r in caplog.records
    )


def test_a_read_only_user_changing_an_opgave_is_logged_as_403(client, team):
    opgave = OpgaveFactory(team=team)
    coordinator = UserFactory(username="coordinator")
    coordinator.groups.add(Group.objects.get_or_create(name="Coördinatoren")[0])
    client.force_login(coordinator)
    AuditRegel.objects.all().delete()
    response = client.post(f"/opgaven/{opgave.pk}/acties/", {"titel": "x"})
    assert response.status_code == 403
    regel = AuditRegel.objects.get()
    assert regel.resultaat.startswith("403")
    assert regel.actor == coordinator
    assert regel.details == "POST"


def test_inviting_and_revoking_a_guest_is_logged(client, team, trekker):
    opgave = OpgaveFactory(team=team)
    gast = UserFactory(username="gast")
    client.force_login(trekker)
    AuditRegel.objects.all().delete()
    client.post("/teams/armoede/gasten/", {"opgave": opgave.pk, "gast": gast.pk}, headers=HTMX)
    toegekend = AuditRegel.objects.get(actie=Actie.RECHT_TOEGEKEND)
    assert toegekend.actor == trekker
    assert toegekend.object_soort == "opgaven.opgave"
    assert toegekend.object_id == str(opgave.pk)
    assert "view_opgave" in toegekend.details and "gast" in toegekend.details

    client.post(f"/teams/armoede/gasten/{opgave.pk}/{gast.pk}/intrekken/")
    ingetrokken = AuditRegel.objects.filter(actie=Actie.RECHT_INGETROKKEN)
    assert {r.details.split()[0] for r in ingetrokken} == {"view_opgave"}
    assert all(r.actor == trekker for r in ingetrokken)


def test_adding_and_removing_a_team_member_is_logged(client, team, trekker):
    nieuw = UserFactory(username="nieuw")
    client.force_login(trekker)
    AuditRegel.objects.all().delete()
    response = client.post(
        "/teams/armoede/leden/",
        {"user": nieuw.pk, "rol": "lid", "organisatie": "GGD"},
        headers=HTMX,
    )
    assert response.status_code == 200
    acties = set(AuditRegel.objects.filter(actor=trekker).values_list("actie", flat=True))
    assert {Actie.LID_TOEGEVOEGD, Actie.GROEP_TOEGEVOEGD} <= acties
    lidmaatschap = team.lidmaatschappen.get(user=nieuw)
    client.post(f"/teams/armoede/leden/{lidmaatschap.pk}/verwijderen/", {"bevestigd": "ja"})
    acties = set(AuditRegel.objects.filter(actor=trekker).values_list("actie", flat=True))
    assert {Actie.LID_VERWIJDERD, Actie.GROEP_VERWIJDERD} <= acties


def test_admin_changes_to_groups_and_admin_rights_are_logged(superuser_client):
    gebruiker = UserFactory(username="medewerker")
    groep = Group.objects.create(name="Wijkteam-lezers")
    AuditRegel.objects.all().delete()
    gebruiker.groups.add(groep)
    gebruiker.is_staff = True
    gebruiker.save()
    assert AuditRegel.objects.filter(
        actie=Actie.GROEP_TOEGEVOEGD, details__contains="Wijkteam-lezers"
    ).exists()
    rol = AuditRegel.objects.get(actie=Actie.ROL_GEWIJZIGD)
    assert rol.details == "is_staff: False → True"
    assert rol.object_id == str(gebruiker.pk)


def test_the_audit_log_is_read_only_in_the_admin(superuser_client):
    opgave = OpgaveFactory()
    superuser_client.get(f"/opgaven/{opgave.pk}/")  # superuser sees it: nothing logged
    regel = AuditRegel.objects.create(actie=Actie.TOEGANG_GEWEIGERD, resultaat="404")
    assert superuser_client.get(reverse("admin:audit_auditregel_changelist")).status_code == 200
    assert superuser_client.get(reverse("admin:audit_auditregel_add")).status_code == 403
    wijzig = reverse("admin:audit_auditregel_change", args=[regel.pk])
    superuser_client.post(wijzig, {"resultaat": "ok"})
    regel.refresh_from_db()
    assert regel.resultaat == "404"
    verwijder = reverse("admin:audit_auditregel_delete", args=[regel.pk])
    assert superuser_client.post(verwijder, {"post": "yes"}).status_code == 403
    assert AuditRegel.objects.filter(pk=regel.pk).exists()


def test_every_history_admin_is_read_only():
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, SimpleHistoryAdmin):
            assert isinstance(model_admin, GeschiedenisAdmin), model


def test_history_cannot_be_reverted_through_the_admin(superuser_client):
    opgave = OpgaveFactory(titel="Oude titel")
    oud = opgave.history.earliest()
    opgave.titel = "Nieuwe titel"
    opgave.save()
    url = reverse("admin:opgaven_opgave_simple_history", args=[opgave.pk, oud.history_id])
    page = superuser_client.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = superuser_client.post(
        url,
        {
            "titel": "Oude titel",
            "team": opgave.team_id,
            "thema": opgave.thema_id,
            "aanvliegroute": opgave.aanvliegroute,
            "status": opgave.status,
        },
    )
    assert response.status_code == 403
    assert Opgave.objects.get(pk=opgave.pk).titel == "Nieuwe titel"


def test_beheer_reads_the_audit_log_in_the_admin(client, wereld, login):
    login(wereld.charlie).get(f"/opgaven/{wereld.opgave.pk}/")  # one denied access
    beheer = login(wereld.beheerder)
    response = beheer.get(reverse("admin:audit_auditregel_changelist"))
    assert response.status_code == 200
    assert "toegang geweigerd" in response.content.decode()
    assert beheer.get(reverse("admin:audit_auditregel_add")).status_code == 403


# --- the log cannot be flooded with denied access -----------------------------------------------


@pytest.fixture
def buiten_client(client):
    client.force_login(UserFactory(username="buiten"))
    return client


def weigeringen():
    return AuditRegel.objects.filter(actie=Actie.TOEGANG_GEWEIGERD).order_by("pk")


def test_a_hundred_denials_of_one_user_for_one_path_are_counted_on_one_row(buiten_client):
    opgave = OpgaveFactory()
    for _ in range(100):
        assert buiten_client.get(f"/opgaven/{opgave.pk}/").status_code == 404
    regel = weigeringen().get()
    assert regel.aantal == 100
    assert regel.actor_naam == "buiten"
    assert regel.tijd <= regel.laatste_keer


def test_a_single_denial_has_no_last_time_of_its_own(buiten_client):
    buiten_client.get(f"/opgaven/{OpgaveFactory().pk}/")
    regel = weigeringen().get()
    assert (regel.aantal, regel.laatste_keer) == (1, None)


def test_a_denial_for_another_path_or_user_gets_its_own_row(buiten_client, client):
    eerste, tweede = OpgaveFactory(), OpgaveFactory()
    buiten_client.get(f"/opgaven/{eerste.pk}/")
    buiten_client.get(f"/opgaven/{tweede.pk}/")
    buiten_client.get(f"/opgaven/{tweede.pk}/")
    client.force_login(UserFactory(username="ander"))
    client.get(f"/opgaven/{tweede.pk}/")
    rijen = weigeringen().values_list("actor_naam", "pad", "aantal")
    assert list(rijen) == [
        ("buiten", f"/opgaven/{eerste.pk}/", 1),
        ("buiten", f"/opgaven/{tweede.pk}/", 2),
        ("ander", f"/opgaven/{tweede.pk}/", 1),
    ]


def test_a_denial_more_than_a_minute_after_the_first_gets_a_new_row(buiten_client):
    url = f"/opgaven/{OpgaveFactory().pk}/"
    buiten_client.get(url)
    buiten_client.get(url)
    weigeringen().update(tijd=F("tijd") - timedelta(seconds=61))
    buiten_client.get(url)
    assert list(weigeringen().values_list("aantal", flat=True)) == [2, 1]


def test_anonymous_denials_are_counted_per_ip_address():
    def weiger(ip):
        request = RequestFactory().get("/opgaven/1/", REMOTE_ADDR=ip)
        request.user = AnonymousUser()
        leg_weigering_vast(
            resultaat="404 niet zichtbaar",
            object_soort="opgaven:detail",
            object_id="pk=1",
            details="GET",
            request=request,
        )

    for ip in ("192.0.2.1", "192.0.2.1", "192.0.2.1", "192.0.2.2"):
        weiger(ip)
    assert dict(AuditRegel.objects.values_list("ip", "aantal")) == {
        "192.0.2.1": 3,
        "192.0.2.2": 1,
    }


def test_the_admin_list_shows_how_often_a_denial_happened(superuser_client):
    AuditRegel.objects.create(actie=Actie.TOEGANG_GEWEIGERD, resultaat="404", aantal=137)
    html = superuser_client.get(reverse("admin:audit_auditregel_changelist")).content.decode()
    assert "Aantal keer" in html
    assert '<td class="field-aantal">137</td>' in html
