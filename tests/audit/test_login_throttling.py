"""Login throttling (django-axes): wrong passwords lock out one username from one IP address,
and many wrong passwords across usernames lock out the IP address; behind proxies the address
is read from the entry the trusted proxies added."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import SESSION_KEY
from django.db.models import F
from django.test import Client, RequestFactory

from audit.herkomst import client_ip
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


# --- the client's address behind proxies ------------------------------------------------------


def adres(header=None):
    meta = {"REMOTE_ADDR": "10.9.9.9"}
    if header is not None:
        meta["HTTP_X_FORWARDED_FOR"] = header
    return client_ip(RequestFactory().get("/", **meta))


@pytest.fixture
def achter_proxy(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    return settings


def test_without_a_configured_header_the_connection_address_is_used(settings):
    settings.CLIENT_IP_HEADER = ""
    assert adres("192.0.2.7") == "10.9.9.9"


def test_behind_one_proxy_the_last_entry_is_the_client(achter_proxy):
    assert adres("192.0.2.7") == "192.0.2.7"
    assert adres("203.0.113.5, 198.51.100.1, 192.0.2.7") == "192.0.2.7"


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(achter_proxy):
    achter_proxy.TRUSTED_PROXY_HOPS = 2
    # The outer proxy appended the client, the inner one the outer proxy's own address.
    assert adres("192.0.2.7, 10.0.0.5") == "192.0.2.7"
    assert adres(" 2001:db8::7 ,10.0.0.5") == "2001:db8::7"


def test_what_the_client_claims_further_left_is_never_used(achter_proxy):
    assert adres("127.0.0.1, 192.0.2.7") == "192.0.2.7"
    achter_proxy.TRUSTED_PROXY_HOPS = 2
    assert adres("127.0.0.1, 192.0.2.7, 10.0.0.5") == "192.0.2.7"


@pytest.mark.parametrize(
    "header",
    [None, "", "10.0.0.5", " , 10.0.0.5", "nonsense, 10.0.0.5", "192.0.2.7:443, 10.0.0.5"],
    ids=["missing", "empty", "too short", "empty entry", "no address", "with a port"],
)
def test_a_missing_short_or_invalid_header_falls_back_to_the_connection(achter_proxy, header):
    achter_proxy.TRUSTED_PROXY_HOPS = 2
    assert adres(header) == "10.9.9.9"


def test_behind_two_proxies_spoofed_entries_do_not_escape_the_lockout(client, regie, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_HOPS = 2
    login = {"username": "regie", "password": "fout"}
    for gelogen in ("1.1.1.1", "2.2.2.2", "3.3.3.3"):
        client.post(
            "/accounts/login/",
            login,
            REMOTE_ADDR="10.9.9.9",
            HTTP_X_FORWARDED_FOR=f"{gelogen}, 192.0.2.7, 10.0.0.5",
        )
    login["password"] = "demo"
    zelfde = {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": "4.4.4.4, 192.0.2.7, 10.0.0.5"}
    anders = {"REMOTE_ADDR": "10.9.9.9", "HTTP_X_FORWARDED_FOR": "192.0.2.8, 10.0.0.5"}
    assert Client().post("/accounts/login/", login, **zelfde).status_code == 429
    assert Client().post("/accounts/login/", login, **anders).status_code == 302


# --- an IP address failing across many usernames ----------------------------------------------


@pytest.fixture
def collega(db):
    return UserFactory(username="collega", password="demo")


def mislukt_voor_andere_namen(aantal, ip="10.0.0.1"):
    for nummer in range(aantal):
        aanmelden(Client(), "fout", username=f"onbekend{nummer}", ip=ip)


def test_49_failures_across_usernames_from_one_address_still_let_a_colleague_in(client, collega):
    mislukt_voor_andere_namen(49)
    assert aanmelden(client, "demo", username="collega").status_code == 302


def test_the_50th_failure_across_usernames_locks_the_address_for_every_username(collega):
    UserFactory(username="lid", password="demo")
    mislukt_voor_andere_namen(49)
    assert aanmelden(Client(), "fout", username="nog-een").status_code == 429
    for username in ("collega", "lid"):
        response = aanmelden(Client(), "demo", username=username)
        assert response.status_code == 429
        assert "Aanmelden tijdelijk geblokkeerd" in response.content.decode()


def test_a_locked_address_does_not_lock_another_address(client, collega):
    mislukt_voor_andere_namen(50)
    assert aanmelden(client, "demo", username="collega", ip="10.0.0.2").status_code == 302


def test_the_address_may_try_again_once_its_failures_are_older_than_the_window(collega, settings):
    settings.LOGIN_IP_FAILURE_LIMIT = 3
    settings.LOGIN_IP_WINDOW = timedelta(minutes=5)
    mislukt_voor_andere_namen(3)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=4))
    assert aanmelden(Client(), "demo", username="collega").status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=2))
    assert aanmelden(Client(), "demo", username="collega").status_code == 302


def test_the_username_rule_still_locks_one_username_after_five_failures(collega):
    UserFactory(username="lid", password="demo")
    for _ in range(4):
        assert aanmelden(Client(), "fout", username="collega").status_code == 200
    assert aanmelden(Client(), "fout", username="collega").status_code == 429
    assert aanmelden(Client(), "demo", username="collega").status_code == 429
    assert aanmelden(Client(), "demo", username="lid").status_code == 302
