"""Browser test of the belemmeringen board: take one up by dragging, escalate and resolve it
through the card's form."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import Belemmering
from tests.browser import sleep
from tests.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_regie_takes_up_escalates_and_resolves_a_belemmering(page: Page, live_server, demo):
    belemmering = Belemmering.objects.get(titel="Handhaving niet zichtbaar in de avond")
    page.set_viewport_size({"width": 1600, "height": 1400})
    aanmelden(page, live_server, "regie")
    page.get_by_role("link", name="Belemmeringen").click()
    page.wait_for_function("!!(window.htmx && window.Sortable)")
    kaart = page.locator(f"#belemmering-{belemmering.pk}")

    with page.expect_response(lambda r: "/status/" in r.url and r.status == 200):
        sleep(page, kaart, page.locator('ol[data-kolom="opgepakt"]'))
    expect(page.locator(f'ol[data-kolom="opgepakt"] #belemmering-{belemmering.pk}')).to_be_visible()

    kaart = page.locator(f"#belemmering-{belemmering.pk}")
    kaart.get_by_text("Status wijzigen").click()
    kaart.get_by_label("Nieuwe status").select_option(label="Geëscaleerd")
    kaart.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#belemmering-{belemmering.pk}").get_by_role("alert")).to_contain_text(
        "Schrijf op welk besluit nodig is."
    )
    kaart = page.locator(f"#belemmering-{belemmering.pk}")
    kaart.get_by_label("Escaleren naar").select_option(label="Directie / bestuur")
    kaart.get_by_label("Welk besluit is nodig?").fill("Extra handhavers in de avond")
    kaart.get_by_label("Van wie?").fill("Stadsdeelbestuur")
    kaart.get_by_label("Uiterlijk").fill("2027-01-15")
    kaart.get_by_role("button", name="Opslaan").click()
    geescaleerd = page.locator(f'ol[data-kolom="geescaleerd"] #belemmering-{belemmering.pk}')
    expect(geescaleerd).to_contain_text(
        "Nodig: Extra handhavers in de avond (van Stadsdeelbestuur)"
    )

    geescaleerd.get_by_text("Status wijzigen").click()
    geescaleerd.get_by_label("Nieuwe status").select_option(label="Opgelost")
    geescaleerd.get_by_label("Hoe is het opgelost?").fill("Handhaving loopt nu tot 23.00 uur.")
    geescaleerd.get_by_role("button", name="Opslaan").click()
    opgelost = page.locator(f'ol[data-kolom="opgelost"] #belemmering-{belemmering.pk}')
    expect(opgelost).to_contain_text("Oplossing: Handhaving loopt nu tot 23.00 uur.")
    page.reload()
    expect(page.locator(f'ol[data-kolom="opgelost"] #belemmering-{belemmering.pk}')).to_be_visible()
