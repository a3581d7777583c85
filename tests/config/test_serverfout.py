"""The 500 page: Dutch (or the chosen language), in the site's look, and it needs no database."""

import time

import pytest
from django.conf import settings
from django.db import OperationalError, connection
from django.template import loader
from django.test import RequestFactory

import web.home
from config.views import serverfout
from opgaven.models import Voortgangsupdate
from tests.factories import LidmaatschapFactory, OpgaveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kapotte_pagina(client, monkeypatch):
    """The accessibility statement raises an unexpected error; its URL."""

    def kapot(naam):
        raise RuntimeError("onverwacht")

    monkeypatch.setattr(web.home, "vendor_versie", kapot)
    client.raise_request_exception = False
    return "/toegankelijkheid/"


def test_an_unexpected_error_answers_500_with_the_dutch_page(client, kapotte_pagina):
    response = client.get(kapotte_pagina)
    assert response.status_code == 500
    pagina = response.content.decode()
    assert '<html lang="nl">' in pagina
    assert "Er ging iets mis" in pagina
    assert "Probeer het over een paar minuten opnieuw." in pagina


def test_the_500_page_speaks_english_when_english_was_chosen(client, kapotte_pagina):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pagina = client.get(kapotte_pagina).content.decode()
    assert '<html lang="en">' in pagina
    assert "Something went wrong" in pagina


def test_the_500_page_has_the_site_look_and_no_user_menu(client, user, kapotte_pagina):
    client.force_login(user)
    pagina = client.get(kapotte_pagina).content.decode()
    assert "css/opgavebord.css" in pagina
    assert 'class="ob-header"' in pagina
    assert 'class="ob-footer"' in pagina
    assert "Afmelden" not in pagina
    assert user.get_full_name() not in pagina


def test_the_500_page_carries_the_content_security_policy(client, kapotte_pagina):
    response = client.get(kapotte_pagina)
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_500_page_renders_while_the_database_is_unreachable(client, user, monkeypatch):
    client.force_login(user)
    client.raise_request_exception = False

    def onbereikbaar():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", onbereikbaar)
    response = client.get("/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_rendering_the_500_page_makes_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = serverfout(RequestFactory().get("/"))
    assert "Er ging iets mis" in response.content.decode()


def test_when_the_500_page_cannot_be_rendered_a_fixed_page_answers(
    client, kapotte_pagina, monkeypatch
):
    def ontbreekt(naam):
        raise ValueError("Missing staticfiles manifest entry for 'css/opgavebord.css'")

    monkeypatch.setattr(loader, "get_template", ontbreekt)
    response = client.get(kapotte_pagina)
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "Something went wrong" in response.content.decode()


def test_a_statement_over_the_timeout_answers_the_500_page_and_stores_nothing(client, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's; CI runs this test there")
    lid = LidmaatschapFactory(rol="trekker")
    opgave = OpgaveFactory(team=lid.team)
    client.force_login(lid.user)
    client.raise_request_exception = False
    weergeven = loader.render_to_string

    def traag(*args, **kwargs):  # a query that outlasts the timeout, after the write
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        return weergeven(*args, **kwargs)

    monkeypatch.setattr(loader, "render_to_string", traag)
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '200ms'")  # undone with the test's transaction
    begin = time.monotonic()
    response = client.post(
        f"/opgaven/{opgave.pk}/voortgang/",
        {"status": "op_koers", "datum": "2026-12-01", "tekst": "Gesprek gevoerd"},
        headers={"HX-Request": "true"},
    )
    assert time.monotonic() - begin < 2
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert not Voortgangsupdate.objects.exists()
