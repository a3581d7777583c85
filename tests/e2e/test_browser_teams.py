"""Browser test: an admin builds a team in the app, hands it an opgave, and its new member
sees the team's work."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from teams.models import Lidmaatschap
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_beheer_creates_a_team_adds_lid_and_lid_sees_the_teams_opgave(
    page: Page, browser: Browser, live_server, demo
):
    aanmelden(page, live_server, "beheer")
    page.get_by_role("link", name="Alle teams").click()
    page.get_by_role("link", name="Nieuw team").click()
    page.get_by_label("Naam", exact=True).fill("Opgaveteam Buurtkamer")
    page.get_by_label("Soort").select_option(label="Opgaveteam")
    page.get_by_role("button", name="Team aanmaken").click()

    expect(page).to_have_url(f"{live_server.url}/teams/opgaveteam-buurtkamer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opgaveteam Buurtkamer")

    leden = page.locator("#leden")
    leden.get_by_label("Persoon").select_option(label="Sanne Bakker (lid)")
    leden.get_by_label("Discipline").select_option(label="Sociaal werker")
    leden.get_by_label("Organisatie").fill("Welzijnsorganisatie Nieuw-West")
    leden.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#leden")).to_contain_text("Sanne Bakker is toegevoegd aan het team.")
    expect(page.locator("#leden")).to_contain_text("Welzijnsorganisatie Nieuw-West")
    expect(page.locator("#leden")).to_contain_text("Sociaal werker")

    page.goto(f"{live_server.url}/teams/werk-zuidoost/")
    page.get_by_role("link", name="Werk dat past in Bijlmer-Centrum").click()
    page.get_by_role("link", name="Overdragen aan een ander team").click()
    page.get_by_label("Naar welk team?").select_option(label="Opgaveteam Buurtkamer")
    page.get_by_role("button", name="Overdragen").click()
    expect(page.get_by_role("alert")).to_contain_text("Ik draag deze opgave over")
    page.get_by_label("Ik draag deze opgave over").check()
    page.get_by_role("button", name="Overdragen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "“Werk dat past in Bijlmer-Centrum” is overgedragen aan Opgaveteam Buurtkamer."
    )
    expect(page.get_by_role("link", name="Opgaveteam Buurtkamer").first).to_be_visible()

    lid_context = browser.new_context()
    lid_page = lid_context.new_page()
    aanmelden(lid_page, live_server, "lid")
    expect(lid_page.get_by_role("navigation", name="Mijn teams")).to_contain_text(
        "Opgaveteam Buurtkamer"
    )
    lid_page.get_by_role("link", name="Werk dat past in Bijlmer-Centrum", exact=True).click()
    expect(lid_page.get_by_role("heading", level=1)).to_have_text(
        "Werk dat past in Bijlmer-Centrum"
    )
    lid_context.close()


def test_a_validation_error_is_shown_in_place_and_nothing_is_lost(page: Page, live_server, demo):
    aanmelden(page, live_server, "beheer")
    page.goto(f"{live_server.url}/teams/armoede-osdorp/")
    leden = page.locator("#leden")
    leden.get_by_label("Persoon").select_option(label="Kees Visser (coordinator)")
    leden.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#leden").get_by_role("alert")).to_contain_text("Organisatie")
    expect(page.locator("#leden").get_by_label("Organisatie")).to_have_attribute(
        "aria-invalid", "true"
    )
    coordinator = get_user_model().objects.get(username="coordinator")
    expect(page.locator("#leden").get_by_label("Persoon")).to_have_value(str(coordinator.pk))
    assert not Lidmaatschap.objects.filter(user=coordinator).exists()
