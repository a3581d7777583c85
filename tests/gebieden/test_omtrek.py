"""Outlines (GeoJSON, megabytes for real areas) are read only where a map is drawn: no page
but the overview selects the outline column, not even in a choice list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gebieden.models import Gebied
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments

pytestmark = pytest.mark.django_db

# The overview draws the map; the admin's own pages are Django's.
MET_KAART = {"overzicht"}


def paginas():
    for naam, (methode, soort, _statussen) in EXPECTED.items():
        if methode == "GET" and naam not in MET_KAART and not naam.startswith("admin:"):
            yield naam, soort


def argumenten(soort):
    return arguments(soort, lid="alice", buiten="charlie")


def selecteert_omtrek(sql: str) -> bool:
    return '"omtrek"' in sql or ".omtrek" in sql or " omtrek" in sql


@pytest.mark.parametrize("role", ROLES[1:])
def test_no_page_without_a_map_reads_an_outline(client, wereld, role):
    client.force_login(wereld.rol(role))
    assert Gebied.objects.exclude(omtrek=None).exists()
    gelezen = []
    for naam, soort in paginas():
        url = reverse(naam, args=argumenten(soort))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        gelezen += [url for q in queries if selecteert_omtrek(q["sql"])]
    assert gelezen == []


def test_the_overview_reads_the_outlines_for_its_map(client, wereld, login):
    with CaptureQueriesContext(connection) as queries:
        login(wereld.coordinator).get("/overzicht/")
    assert any(selecteert_omtrek(q["sql"]) for q in queries)


@pytest.mark.parametrize("role", ["lid", "regie", "beheer"])
def test_no_form_post_reads_an_outline(client, wereld, role):
    client.force_login(wereld.rol(role))
    gelezen = []
    for naam, (methode, soort, _statussen) in EXPECTED.items():
        if methode == "POST" and naam != "logout":
            url = reverse(naam.removesuffix(" POST"), args=argumenten(soort))
            with CaptureQueriesContext(connection) as queries:
                client.post(url, {}, headers={"HX-Request": "true"})
            gelezen += [url for q in queries if selecteert_omtrek(q["sql"])]
    assert gelezen == []


ADMINLIJSTEN = [
    "/admin/gebieden/gebied/",
    "/admin/teams/team/",
    "/admin/opgaven/belemmering/",
    "/admin/opgaven/kans/",
    "/admin/opgaven/opgavegebied/",
    "/admin/opgaven/melding/",
    "/admin/autocomplete/?app_label=opgaven&model_name=opgavegebied&field_name=gebied&term=Wild",
]


@pytest.mark.parametrize("url", ADMINLIJSTEN)
def test_admin_lists_and_choices_read_no_outline(admin_client, wereld, url):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert [q["sql"][:120] for q in queries if selecteert_omtrek(q["sql"])] == []


def test_the_admin_still_edits_an_outline(admin_client, wereld):
    wildeman = wereld.buurt
    html = admin_client.get(f"/admin/gebieden/gebied/{wildeman.pk}/change/").content.decode()
    assert "Polygon" in html
