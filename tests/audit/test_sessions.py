"""Sessions: expiry after inactivity without a write per board poll, password change that ends
the user's other sessions, and the password rules."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.sessies import VERLENGD_OP
from tests.factories import LidmaatschapFactory, OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db


def session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"]
        and q["sql"].lstrip().upper().startswith(("UPDATE", "INSERT"))
    ]


def test_sessions_end_after_eight_hours_without_activity():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def test_an_expired_session_sends_the_user_to_login(client):
    client.force_login(UserFactory())
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_board_poll_does_not_write_the_session(client):
    lidmaatschap = LidmaatschapFactory()
    opgave = OpgaveFactory(team=lidmaatschap.team)
    client.force_login(lidmaatschap.user)
    client.get(f"/opgaven/{opgave.pk}/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/opgaven/{opgave.pk}/?sinds={opgave.bord_versie}")
    assert response.status_code == 204
    assert session_writes(queries) == []


def test_activity_after_the_renew_interval_extends_the_session(client):
    client.force_login(UserFactory())
    sessie = client.session
    sessie[VERLENGD_OP] -= settings.SESSION_RENEW_AFTER + 1
    sessie.save()
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=10))
    response = client.get("/")
    assert response.status_code == 200
    expire_date = Session.objects.get().expire_date
    assert expire_date > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_a_write_never_renews_the_session_after_its_transaction(client):
    """A renewal is saved after the write's transaction commits: were it to fail there, the
    person would see an error for a write that was stored. Writes leave it to the reads."""
    user = UserFactory()
    client.force_login(user)
    sessie = client.session
    sessie[VERLENGD_OP] -= settings.SESSION_RENEW_AFTER + 1
    sessie.save()
    with CaptureQueriesContext(connection) as queries:
        client.post("/melden/", {})
    assert session_writes(queries) == []
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert len(session_writes(queries)) == 1


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one():
    gebruiker = UserFactory(username="regie", password="demo")
    hier, elders = Client(), Client()
    for client in (hier, elders):
        assert (
            client.post("/accounts/login/", {"username": "regie", "password": "demo"}).status_code
            == 302
        )
    assert elders.get("/").status_code == 200

    response = hier.post(
        "/accounts/wachtwoord/",
        {
            "old_password": "demo",
            "new_password1": "Regieteam-Osdorp-2026",
            "new_password2": "Regieteam-Osdorp-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/wachtwoord/gewijzigd/"
    assert hier.get("/").status_code == 200
    assert elders.get("/").status_code == 302
    assert SESSION_KEY not in elders.session
    gebruiker.refresh_from_db()
    assert gebruiker.check_password("Regieteam-Osdorp-2026")


def test_an_admin_resetting_a_password_signs_the_user_out(client):
    gebruiker = UserFactory(username="lid", password="demo")
    client.force_login(gebruiker)
    gebruiker.set_password("Een-heel-ander-wachtwoord-77")
    gebruiker.save()
    assert client.get("/").status_code == 302


def test_a_weak_new_password_is_refused_with_dutch_messages_and_422(client):
    client.force_login(UserFactory(username="regie", password="demo"))
    response = client.post(
        "/accounts/wachtwoord/",
        {"old_password": "demo", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "Controleer de invoer" in html
    assert "Dit wachtwoord is te algemeen." in html
    assert "Dit wachtwoord bevat alleen cijfers." in html


def test_the_password_page_speaks_dutch(client):
    client.force_login(UserFactory())
    html = client.get("/accounts/wachtwoord/").content.decode()
    assert "<h1" in html and "Wachtwoord wijzigen" in html
    assert "Oud wachtwoord" in html
