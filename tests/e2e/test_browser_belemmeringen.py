"""Browser test of the belemmeringen board: take one up by dragging, escalate and resolve it
through the card's form."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import Belemmering
from tests.browser import sleep, wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_regie_takes_up_escalates_and_resolves_a_belemmering(page: Page, live_server, demo):
    belemmering = Belemmering.objects.get(titel="Handhaving niet zichtbaar in de avond")
    page.set_viewport_size({"width": 1600, "height": 1400})
    aanmelden(page, live_server, "regie")
    page.get_by_role("link", name="Belemmeringen").click()
    wacht_op_scripts(page, "htmx", "Sortable")
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


def test_lid_reports_a_belemmering_regie_accepts_escalates_and_resolves_it(
    page: Page, browser, live_server, demo
):
    aanmelden(page, live_server, "lid")
    page.get_by_role("link", name="Een kans of belemmering melden").click()
    page.get_by_label("Belemmering").check()
    page.get_by_label("Titel").fill("Geen tolk bij het spreekuur")
    page.get_by_label("Wat speelt er").fill("Bewoners die geen Nederlands spreken haken af.")
    page.get_by_label("Gebied").select_option(label="Wildeman (buurt FK01)")
    page.get_by_role("button", name="Melden", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Dank je.")
    expect(page.locator("#meldingen-kop + p + ul")).to_contain_text("Wacht op het regieteam")

    regie_context = browser.new_context(viewport={"width": 1600, "height": 1400})
    regie = regie_context.new_page()
    aanmelden(regie, live_server, "regie")
    regie.goto(f"{live_server.url}/belemmeringen/")
    open_voor = int(regie.locator(".ob-kengetallen dd").first.inner_text())

    regie.goto(f"{live_server.url}/")
    regie.get_by_role("link", name="Prioriteitenbord van Regieteam Wildeman-Blomwijck").click()
    melding = regie.locator("#meldingen article", has_text="Geen tolk bij het spreekuur")
    melding.get_by_role("link", name="Afhandelen").click()
    expect(melding.get_by_label("Besluit")).to_be_focused()
    melding.get_by_label("Besluit").select_option(label="Opnemen als belemmering bij een opgave")
    melding.get_by_label("Opgave").select_option(label="Schuldhulp dichtbij in Osdorp-Midden")
    melding.get_by_role("button", name="Afhandelen").click()
    expect(melding).to_have_count(0)
    expect(regie.locator("#meldingen").get_by_role("status")).to_have_text(
        "Melding “Geen tolk bij het spreekuur” is afgehandeld."
    )

    regie.goto(f"{live_server.url}/belemmeringen/")
    expect(regie.locator(".ob-kengetallen dd").first).to_have_text(str(open_voor + 1))
    kaart = regie.locator('ol[data-kolom="nieuw"] li', has_text="Geen tolk bij het spreekuur")
    kaart.get_by_text("Status wijzigen").click()
    kaart.get_by_label("Nieuwe status").select_option(label="Geëscaleerd")
    kaart.get_by_label("Escaleren naar").select_option(label="Regieteam")
    kaart.get_by_label("Welk besluit is nodig?").fill("Budget voor tolken")
    kaart.get_by_label("Van wie?").fill("Gebiedsmanager")
    kaart.get_by_label("Uiterlijk").fill("2027-02-01")
    kaart.get_by_role("button", name="Opslaan").click()
    kaart = regie.locator('ol[data-kolom="geescaleerd"] li', has_text="Geen tolk bij het spreekuur")
    expect(kaart).to_contain_text("Nodig: Budget voor tolken")
    kaart.get_by_text("Status wijzigen").click()
    kaart.get_by_label("Nieuwe status").select_option(label="Opgelost")
    kaart.get_by_label("Hoe is het opgelost?").fill("Tolkentelefoon ingezet.")
    kaart.get_by_role("button", name="Opslaan").click()
    expect(
        regie.locator('ol[data-kolom="opgelost"] li', has_text="Geen tolk bij het spreekuur")
    ).to_contain_text("Tolkentelefoon ingezet.")
    expect(regie.locator(".ob-kengetallen dd").first).to_have_text(str(open_voor))
    regie_context.close()

    page.reload()
    expect(page.locator("#meldingen-kop + p + ul")).to_contain_text(
        "Opgenomen als belemmering bij “Schuldhulp dichtbij in Osdorp-Midden”."
    )
