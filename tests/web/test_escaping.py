"""User text is escaped everywhere: hostile text in every free-text field of the small world
never reaches a page raw, and exports never hand a spreadsheet a formula."""

import csv
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from opgaven.models import Actie, Opgave
from teams.models import Waarde
from tests.factories import KansFactory, WaardencheckFactory, WaardeScoreFactory
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments

pytestmark = pytest.mark.django_db

AANVAL = '<script>alert("xss")</script>"><img src=x onerror=alert(1)>{{ 7|add:1 }}{% now "Y" %}'
RAUW = ["<script>alert", "<img src=x onerror", '"><img']
APPS = {"gebieden", "teams", "opgaven"}
# Technical identifiers: they build URLs and the area tree, and no form lets a person write them.
TECHNISCH = {"code", "pad", "password", "username", "history_change_reason"}


def vrije_tekstvelden():
    """Every free-text field the UI can show, found by introspection (new fields are covered
    automatically): CharField and TextField without choices, in the project's apps (with their
    history tables) and the user's names."""
    for model in apps.get_models():
        if model._meta.app_label not in APPS and model is not get_user_model():
            continue
        for veld in model._meta.concrete_fields:
            if (
                isinstance(veld, models.CharField | models.TextField)
                and not isinstance(veld, models.SlugField | models.EmailField)
                and not veld.choices
                and veld.name not in TECHNISCH
            ):
                yield model, veld


@pytest.fixture
def overal_tekst(wereld):
    """The small world plus a row of the models it leaves empty that pages show: a kans and
    a values check with its scores."""
    KansFactory(gebied=wereld.buurt, opgave=wereld.opgave, status="geaccepteerd")
    check = WaardencheckFactory(team=wereld.team, opgave=wereld.opgave)
    for waarde in Waarde.objects.filter(actief=True):
        WaardeScoreFactory(waardencheck=check, waarde=waarde, toelichting="Goed gedaan.")
    return wereld


def vul_met_aanvalstekst():
    """Write the hostile text into every free-text field of every row (numbered, so unique
    fields stay unique; cut to the field's max_length, keeping the script tag's start)."""
    gevuld = 0
    for model, veld in vrije_tekstvelden():
        for pk in model._default_manager.values_list("pk", flat=True):
            achtervoegsel = f" #{pk}"
            tekst = AANVAL
            if veld.max_length:
                tekst = AANVAL[: veld.max_length - len(achtervoegsel)]
            model._default_manager.filter(pk=pk).update(**{veld.name: tekst + achtervoegsel})
            gevuld += 1
    return gevuld


def test_the_introspection_finds_the_fields_people_type_into():
    namen = {f"{m.__name__}.{v.name}" for m, v in vrije_tekstvelden()}
    for verwacht in [
        "Opgave.titel",
        "Actie.hypothese",
        "Belemmering.escalatie_besluit",
        "Voortgangsupdate.tekst",
        "WaardeScore.toelichting",
        "Lidmaatschap.organisatie",
        "Discipline.naam",
        "Melding.reactie",
        "HistoricalActie.titel",
        "User.first_name",
    ]:
        assert verwacht in namen


@pytest.mark.parametrize("role", ["lid", "regie", "coordinator", "beheer"])
def test_hostile_text_in_every_field_never_renders_raw(client, overal_tekst, role):
    assert vul_met_aanvalstekst() > 100
    client.force_login(overal_tekst.rol(role))
    pagina_s = 0
    escaped_gezien = False
    for name, (method, kind, statuses) in EXPECTED.items():
        if method != "GET" or statuses[ROLES.index(role)] != 200 or name.startswith("admin:"):
            continue
        url = reverse(name, args=arguments(kind, lid="alice", buiten="charlie"))
        for variant in (url, url + ("&" if "?" in url else "?") + "export=csv"):
            response = client.get(variant)
            assert response.status_code == 200, variant
            if response["Content-Type"].startswith("application/json"):
                continue  # the health check: no user text, and never HTML
            if not response["Content-Type"].startswith("text/html"):
                # An export is raw data, never shown by the browser as a page.
                assert response["Content-Disposition"].startswith("attachment;"), variant
                assert response["X-Content-Type-Options"] == "nosniff"
                continue
            html = response.content.decode()
            for rauw in RAUW:
                assert rauw not in html, f"{variant}: {rauw}"
            escaped_gezien |= "&lt;script&gt;alert(&quot;xss&quot;)" in html
            pagina_s += 1
    assert pagina_s >= 10
    assert escaped_gezien  # the text did reach the pages, escaped


def test_template_syntax_in_user_text_is_shown_not_run(client, wereld, login):
    opgave = wereld.opgave
    Opgave.objects.filter(pk=opgave.pk).update(titel='{{ 7|add:1 }} {% now "Y" %}')
    html = login(wereld.alice).get(f"/opgaven/{opgave.pk}/").content.decode()
    assert "{{ 7|add:1 }} {% now &quot;Y&quot; %}" in html


def test_the_csv_export_neutralises_formulas(client, wereld, login):
    opgave = wereld.opgave
    actie = opgave.acties.first()
    Actie.objects.filter(pk=actie.pk).update(titel='=HYPERLINK("http://evil.example","klik")')
    Opgave.objects.filter(pk=opgave.pk).update(titel="@SUM(1+1)")
    response = login(wereld.alice).get(f"/opgaven/{opgave.pk}/?export=csv")
    cellen = [
        cel
        for rij in csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        for cel in rij
    ]
    assert not [cel for cel in cellen if cel[:1] in {"=", "+", "@"}]
    assert not [cel for cel in cellen if cel.startswith("-") and not _is_getal(cel)]


def _is_getal(tekst: str) -> bool:
    try:
        float(tekst.replace(",", "."))
    except ValueError:
        return False
    return True


def test_the_excel_export_holds_text_not_formulas(client, wereld, login):
    opgave = wereld.opgave  # lands in Wildeman
    Opgave.objects.filter(pk=opgave.pk).update(titel="=1+1")
    response = login(wereld.bob).get(f"/teams/{wereld.regieteam.slug}/bord/?export=xlsx")
    werkmap = load_workbook(io.BytesIO(response.content))
    cellen = [cel for blad in werkmap for rij in blad.iter_rows() for cel in rij]
    assert not [cel for cel in cellen if cel.data_type == "f"]
    assert "'=1+1" in [cel.value for cel in cellen]
