import pytest
from django.contrib.auth import SESSION_KEY

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_login_page_speaks_dutch(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl"' in html
    assert "Aanmelden" in html


def test_logging_in_leads_to_the_home_page(client):
    UserFactory(username="regie", password="demo")
    response = client.post(
        "/accounts/login/", {"username": "regie", "password": "demo"}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    assert SESSION_KEY in client.session


def test_a_wrong_password_gets_a_dutch_error_and_no_session(client):
    UserFactory(username="regie", password="demo")
    response = client.post("/accounts/login/", {"username": "regie", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_logging_out_ends_the_session(client):
    client.force_login(UserFactory())
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_the_ui_stays_dutch_for_an_english_browser(client):
    response = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert "Gebruikersnaam" in response.content.decode()
    assert response["Content-Language"] == "nl"


def test_english_is_available_when_chosen(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    response = client.get("/accounts/login/")
    assert "Username" in response.content.decode()
    assert response["Content-Language"] == "en"
