"""Browser tests: a person signs in and finds their way, in real Chromium."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import Opgave
from teams.models import Team, TeamSoort

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def aanmelden(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_url(f"{live_server.url}/")


def test_regie_signs_in_sees_the_five_opgaven_and_opens_one(page: Page, live_server, demo):
    regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM, leden__username="regie")
    opgaven = list(
        Opgave.objects.filter(opgave_gebieden__gebied__pad__startswith=regieteam.gebied.pad)
        .distinct()
        .order_by("titel")
    )
    assert len(opgaven) == 5

    aanmelden(page, live_server, "regie")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Goedendag")
    expect(page.get_by_role("navigation", name="Mijn teams")).to_contain_text(regieteam.naam)
    kaarten = page.locator("#opgaven-kop ~ .ob-grid > li")
    expect(kaarten).to_have_count(5)
    for opgave in opgaven:
        expect(page.get_by_role("link", name=opgave.titel, exact=True)).to_be_visible()

    gekozen = opgaven[0]
    page.get_by_role("link", name=gekozen.titel, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/opgaven/{gekozen.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(gekozen.titel)
    expect(page.get_by_role("heading", name="Acties")).to_be_visible()
    expect(page.get_by_role("heading", name="Mijlpalen")).to_be_visible()


def test_a_wrong_password_keeps_the_person_on_the_login_page(page: Page, live_server, demo):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("regie")
    page.get_by_label("Wachtwoord").fill("niet-goed")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("alert")).to_contain_text("Voer een juiste gebruikersnaam")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")


def test_signing_out_returns_to_the_login_page(page: Page, live_server, demo):
    aanmelden(page, live_server, "lid")
    page.get_by_role("button", name="Afmelden").click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/")
