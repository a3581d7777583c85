"""Browser tests in the demo world: a belemmering raised on an opgave board reaches the
regieteam of the gebied it lies in, who escalates it; an archived actie card comes back with
"Ongedaan maken"."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import Actie, Belemmering, BelemmeringStatus, Opgave
from tests.browser import wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_lid_raises_a_belemmering_on_its_board_and_regie_escalates_it(
    page: Page, browser, live_server, demo
):
    opgave = Opgave.objects.get(team__leden__username="lid")  # lands in FK01 and FK03
    aanmelden(page, live_server, "lid")
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")
    wacht_op_scripts(page, "htmx")
    sectie = page.locator("#belemmeringen")
    sectie.get_by_text("Belemmering melden").click()
    sectie.get_by_label("Wat staat in de weg?").fill("Geen tolk bij het spreekuur")
    sectie.get_by_label("Waar speelt het?").select_option(label="Meer en Oever (buurt FK03)")
    sectie.get_by_role("button", name="Melden").click()
    expect(page.locator("#belemmeringen")).to_contain_text("Geen tolk bij het spreekuur")
    belemmering = Belemmering.objects.get(titel="Geen tolk bij het spreekuur")
    assert belemmering.gebied.code == "FK03"

    regie_context = browser.new_context(viewport={"width": 1600, "height": 1400})
    regie = regie_context.new_page()
    aanmelden(regie, live_server, "regie")
    regie.goto(f"{live_server.url}/belemmeringen/")
    wacht_op_scripts(regie, "htmx")
    kaart = regie.locator(f"#belemmering-{belemmering.pk}")
    expect(kaart).to_contain_text("Meer en Oever")
    kaart.get_by_text("Status wijzigen").click()
    kaart.get_by_label("Nieuwe status").select_option(label="Geëscaleerd")
    kaart.get_by_label("Escaleren naar").select_option(label="Directie / bestuur")
    kaart.get_by_label("Welk besluit is nodig?").fill("Budget voor tolken")
    kaart.get_by_label("Van wie?").fill("Stadsdeelbestuur")
    kaart.get_by_label("Uiterlijk").fill("2027-01-15")
    kaart.get_by_role("button", name="Opslaan").click()
    geescaleerd = regie.locator(f'ol[data-kolom="geescaleerd"] #belemmering-{belemmering.pk}')
    expect(geescaleerd).to_contain_text("Nodig: Budget voor tolken (van Stadsdeelbestuur)")
    belemmering.refresh_from_db()
    assert belemmering.status == BelemmeringStatus.GEESCALEERD
    regie_context.close()


def test_an_archived_card_comes_back_with_undo(page: Page, live_server, demo):
    opgave = Opgave.objects.get(team__leden__username="lid")
    kaart = opgave.acties.filter(kolom="bezig").order_by("positie").first()
    kolom_voor = list(
        opgave.acties.filter(kolom="bezig").order_by("positie").values_list("pk", flat=True)
    )
    aanmelden(page, live_server, "lid")
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")
    wacht_op_scripts(page, "htmx")

    page.get_by_role("button", name=f"Archiveren: {kaart.titel}").click()
    melding = page.locator("#acties").get_by_role("status")
    expect(melding).to_contain_text(f"Actie “{kaart.titel}” is gearchiveerd.")
    expect(melding).to_be_focused()
    expect(page.locator(f"#actie-{kaart.pk}")).to_have_count(0)
    expect(page.locator("#acties-archief summary")).to_have_text("Gearchiveerd (1 actie)")

    melding.get_by_role("button", name="Ongedaan maken").click()
    expect(page.locator("#acties").get_by_role("status")).to_contain_text(
        f"Actie “{kaart.titel}” staat weer op het bord."
    )
    expect(page.locator(f'ol[data-kolom="bezig"] #actie-{kaart.pk}')).to_be_visible()
    expect(page.locator("#acties-archief")).to_have_count(0)
    assert not Actie.objects.get(pk=kaart.pk).is_gearchiveerd
    kolom_na = opgave.acties.filter(kolom="bezig").order_by("positie").values_list("pk", flat=True)
    assert list(kolom_na) == kolom_voor
