"""Login throttling (django-axes): wrong passwords lock out one username from one IP address."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def aanmelden(client, wachtwoord, username="regie", ip="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": wachtwoord}, REMOTE_ADDR=ip
    )


@pytest.fixture
def regie(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return UserFactory(username="regie", password="demo")


def test_after_too_many_wrong_passwords_even_the_right_one_is_refused_in_dutch(client, regie):
    for _ in range(2):
        assert aanmelden(client, "fout").status_code == 200
    response = aanmelden(client, "fout")
    assert response.status_code == 429
    response = aanmelden(client, "demo")
    assert response.status_code == 429
    assert SESSION_KEY not in client.session
    html = response.content.decode()
    assert "Aanmelden tijdelijk geblokkeerd" in html
    assert "probeer het over 15 minuten opnieuw" in html
    assert '<html lang="nl"' in html and "Opgavebord" in html  # the site's own layout


def test_the_lockout_is_per_username_and_ip_address(client, regie):
    UserFactory(username="lid", password="demo")
    for _ in range(3):
        aanmelden(client, "fout")
    assert aanmelden(client, "demo").status_code == 429
    # The same person from another address, and a colleague on the same address, still get in.
    assert aanmelden(Client(), "demo", ip="10.0.0.2").status_code == 302
    assert aanmelden(Client(), "demo", username="lid").status_code == 302


def test_a_successful_login_resets_the_count(client, regie):
    for _ in range(2):
        aanmelden(client, "fout")
    assert aanmelden(client, "demo").status_code == 302
    client.post("/accounts/logout/")
    for _ in range(2):
        aanmelden(client, "fout")
    assert aanmelden(client, "demo").status_code == 302


def test_behind_a_proxy_the_client_address_comes_from_the_configured_header(
    client, regie, settings
):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    for _ in range(3):
        client.post(
            "/accounts/login/",
            {"username": "regie", "password": "fout"},
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7",
        )
    # Another client behind the same proxy is not locked out; the first one is.
    anders = {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": "192.0.2.8"}
    zelfde = {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": "5.6.7.8, 192.0.2.7"}
    login = {"username": "regie", "password": "demo"}
    assert Client().post("/accounts/login/", login, **anders).status_code == 302
    assert Client().post("/accounts/login/", login, **zelfde).status_code == 429
