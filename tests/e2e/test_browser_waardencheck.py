"""Browser test: lid fills in the values check during a retrospective and sees the trend."""

import pytest
from playwright.sync_api import Page, expect

from teams.models import Waarde
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_lid_fills_in_a_waardencheck_and_sees_the_trend(page: Page, live_server, demo):
    aanmelden(page, live_server, "lid")
    page.get_by_role("navigation", name="Mijn teams").get_by_role("link").first.click()
    page.get_by_role("link", name="Waardencheck invullen").click()
    for waarde in Waarde.objects.filter(actief=True):
        groep = page.get_by_role("group", name=str(waarde))
        groep.get_by_label("2", exact=True).check()
    page.get_by_role("button", name="Opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("De waardencheck is opgeslagen.")
    eerste = str(Waarde.objects.filter(actief=True).first())
    rij = page.get_by_role("row", name=eerste)
    expect(rij).to_contain_text("3 → 4 → 2")
    expect(rij).to_contain_text("gedaald (was 4)")
