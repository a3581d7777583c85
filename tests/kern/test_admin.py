import json
import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils.html import escape

from gebieden.models import Gebied
from opgaven.models import Melding
from opgaven.peilmomenten import leg_peilmoment_vast
from teams.models import Waarde
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    DisciplineFactory,
    GebiedFactory,
    KansFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    UserFactory,
    VoortgangsupdateFactory,
    WaardencheckFactory,
    WaardeScoreFactory,
)

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"gebieden", "teams", "opgaven"}
# Records of the past: shown in the admin, never added or changed there.
READ_ONLY = {"Peilmoment"}
PROJECT_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in PROJECT_APPS and model.__name__ not in READ_ONLY
]


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def some_of_everything():
    LidmaatschapFactory()
    OpgaveGebiedFactory()
    ActieFactory()
    MijlpaalFactory()
    VoortgangsupdateFactory()
    BelemmeringFactory()
    KansFactory()
    WaardencheckFactory()
    Melding.objects.create(
        soort="kans", titel="Ruimte over", beschrijving="Woensdagmiddag", gebied=GebiedFactory()
    )


def test_every_project_model_is_in_the_admin():
    registered = {model.__name__ for model in PROJECT_MODELS}
    assert registered >= {
        "Gebied",
        "Team",
        "Lidmaatschap",
        "Discipline",
        "Waarde",
        "Waardencheck",
        "Opgave",
        "OpgaveGebied",
        "Actie",
        "Mijlpaal",
        "Voortgangsupdate",
        "Belemmering",
        "Kans",
        "Melding",
    }


@pytest.mark.parametrize("model", PROJECT_MODELS, ids=lambda m: m.__name__)
def test_admin_list_add_and_change_pages_open(superuser_client, some_of_everything, model):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    assert superuser_client.get(reverse(f"{prefix}_changelist")).status_code == 200
    assert superuser_client.get(reverse(f"{prefix}_add")).status_code == 200
    change = reverse(f"{prefix}_change", args=[model.objects.first().pk])
    assert superuser_client.get(change).status_code == 200


def test_object_permissions_of_an_opgave_are_managed_in_the_admin(superuser_client):
    opgave = OpgaveGebiedFactory().opgave
    url = reverse("admin:opgaven_opgave_permissions", args=[opgave.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert opgave.titel in response.content.decode()


def test_history_of_an_opgave_is_shown_in_the_admin(superuser_client):
    opgave = OpgaveGebiedFactory().opgave
    opgave.titel = "Herziene titel"
    opgave.save()
    response = superuser_client.get(reverse("admin:opgaven_opgave_history", args=[opgave.pk]))
    assert response.status_code == 200
    assert "Herziene titel" in response.content.decode()


def test_waarden_cannot_be_deleted_only_deactivated(superuser_client):
    assert superuser_client.get(reverse("admin:teams_waarde_delete", args=[1])).status_code == 403


def test_peilmomenten_are_read_only_in_the_admin(superuser_client):
    assert superuser_client.get(reverse("admin:opgaven_peilmoment_changelist")).status_code == 200
    assert superuser_client.get(reverse("admin:opgaven_peilmoment_add")).status_code == 403


@pytest.fixture
def beheer():
    """Functioneel beheer: staff, with the rights on the values list that beheer holds in the
    demo world (demo/demowereld.py)."""
    beheer = UserFactory(is_staff=True)
    beheer.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="teams",
            codename__in=["add_waarde", "change_waarde", "view_waarde"],
        )
    )
    return beheer


def test_beheer_manages_the_values_in_the_admin_without_deleting_them(beheer, client):
    client.force_login(beheer)
    waarde = Waarde.objects.first()
    WaardeScoreFactory(waarde=waarde)  # a past check scored it
    response = client.post(
        reverse("admin:teams_waarde_change", args=[waarde.pk]),
        {"links": "Doen wat echt nodig is", "rechts": waarde.rechts, "volgorde": 9, "actief": ""},
    )
    assert response.status_code == 302
    waarde.refresh_from_db()
    assert (waarde.links, waarde.volgorde, waarde.actief) == ("Doen wat echt nodig is", 9, False)
    assert waarde.scores.exists()  # past scores stay with the reworded, deactivated value


def test_the_editable_fields_in_the_values_list_name_their_field_and_value(superuser_client):
    html = superuser_client.get(reverse("admin:teams_waarde_changelist")).content.decode()
    velden = re.findall(r"<input [^>]*name=\"form-\d+-(?:volgorde|actief)\"[^>]*>", html)
    assert len(velden) == 2 * Waarde.objects.count() > 0
    for waarde in Waarde.objects.all():
        for veld in ("Volgorde", "Actief"):
            assert f'aria-label="{veld}: {escape(str(waarde))}"' in html


def test_the_values_list_still_saves_its_order(superuser_client):
    waarden = list(Waarde.objects.order_by("pk")[:2])
    gegevens = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "_save": "Opslaan",
    }
    for index, waarde in enumerate(waarden):
        gegevens |= {
            f"form-{index}-id": str(waarde.pk),
            f"form-{index}-volgorde": str(50 - index),
            f"form-{index}-actief": "on",
        }
    response = superuser_client.post(reverse("admin:teams_waarde_changelist"), gegevens)
    assert response.status_code == 302
    assert [Waarde.objects.get(pk=w.pk).volgorde for w in waarden] == [50, 49]


def _gewijzigd(obj, veld, waarde):
    setattr(obj, veld, waarde)
    obj.save()
    return obj


HISTORIE = {
    "Discipline": lambda: _gewijzigd(DisciplineFactory(), "naam", "Buurtsportcoach"),
    "Waarde": lambda: _gewijzigd(Waarde.objects.first(), "links", "Doen wat echt nodig is"),
    "Waardencheck": lambda: WaardeScoreFactory().waardencheck,
    "Voortgangsupdate": lambda: _gewijzigd(VoortgangsupdateFactory(), "tekst", "Bijgesteld"),
    "Peilmoment": lambda: leg_peilmoment_vast(regieteam=RegieteamFactory(), door=UserFactory()),
}


@pytest.mark.parametrize("model", HISTORIE)
def test_the_history_of_a_record_whose_meaning_matters_later_is_shown_in_the_admin(
    superuser_client, model
):
    obj = HISTORIE[model]()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == list(obj.history.all())
    assert obj.history.exists()


def test_rewording_a_value_in_the_admin_is_recorded_with_who_did_it(beheer, client):
    client.force_login(beheer)
    waarde = Waarde.objects.first()
    client.post(
        reverse("admin:teams_waarde_change", args=[waarde.pk]),
        {"links": "Doen wat echt nodig is", "rechts": waarde.rechts, "volgorde": 1, "actief": "on"},
    )
    laatste = waarde.history.first()
    assert (laatste.history_type, laatste.history_user, laatste.links) == (
        "~",
        beheer,
        "Doen wat echt nodig is",
    )
    assert waarde.history.last().links == "Doen wat nodig is"


def test_the_admin_shows_a_past_checks_scores_with_the_wording_at_the_time(superuser_client):
    waarde = Waarde.objects.first()
    oude_check = WaardeScoreFactory(waarde=waarde).waardencheck
    _gewijzigd(waarde, "links", "Doen wat echt nodig is")
    nieuwe_check = WaardeScoreFactory(waarde=waarde).waardencheck

    def score_op_de_pagina(check) -> str:
        url = reverse("admin:teams_waardencheck_change", args=[check.pk])
        html = superuser_client.get(url).content.decode()
        return re.search(r'<td class="field-waarde_toen">\s*<p>(.*?)</p>', html, re.S)[1]

    assert score_op_de_pagina(oude_check) == (
        "Doen wat nodig is boven Doen wat kan (nu: Doen wat echt nodig is boven Doen wat kan)"
    )
    assert score_op_de_pagina(nieuwe_check) == "Doen wat echt nodig is boven Doen wat kan"


def test_the_scores_of_a_check_cannot_be_changed_in_the_admin(superuser_client):
    score = WaardeScoreFactory(score=2)
    url = reverse("admin:teams_waardencheck_change", args=[score.waardencheck.pk])
    html = superuser_client.get(url).content.decode()
    assert 'name="scores-0-score"' not in html
    assert "scores-0-DELETE" not in html


def gebied_in_admin(client, **velden):
    gegevens = {"code": "FK09", "naam": "Nieuwe buurt", "niveau": "stadsdeel", "aliassen": "[]"}
    return client.post(reverse("admin:gebieden_gebied_add"), gegevens | velden)


def test_the_admin_adds_a_gebied_with_a_good_code_and_outline(superuser_client):
    ring = [[4.79, 52.35], [4.8, 52.35], [4.8, 52.36], [4.79, 52.35]]
    omtrek = json.dumps({"type": "Polygon", "coordinates": [ring]})
    assert gebied_in_admin(superuser_client, omtrek=omtrek).status_code == 302
    assert Gebied.objects.get().code == "FK09"


@pytest.mark.parametrize("code", ["FK/09", "FK 09", "..", "Ø1"])
def test_the_admin_refuses_a_code_that_would_break_the_area_urls(superuser_client, code):
    response = gebied_in_admin(superuser_client, code=code)
    assert response.status_code == 200
    assert (
        "Gebruik in een code alleen letters (a-z, A-Z), cijfers, - en _."
        in response.content.decode()
    )
    assert not Gebied.objects.exists()


def test_the_admin_refuses_an_outline_the_map_cannot_draw(superuser_client):
    response = gebied_in_admin(superuser_client, omtrek='{"type": "Polygon", "coordinates": []}')
    assert response.status_code == 200
    assert "De geometrie heeft geen coördinaten." in response.content.decode()
    assert not Gebied.objects.exists()
