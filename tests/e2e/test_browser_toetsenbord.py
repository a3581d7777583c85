"""Keyboard only (WCAG 2.1.1, 2.4.3, 2.4.7): the skip link, editing a card on the opgave
board and changing a belemmering's status, with Tab, Shift+Tab, Enter, Space, arrows and
Escape, never the mouse. Moving cards by keyboard is tested with the boards themselves
(test_browser_regiebord.py, test_browser_opgavebord.py)."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import Actie, Belemmering, BelemmeringStatus, Opgave
from tests.browser import focus_zichtbaar, tab_naar, wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_the_content(
    page: Page, live_server, demo
):
    aanmelden(page, live_server, "lid")
    opgave = Opgave.objects.get(team__leden__username="lid")
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")

    page.keyboard.press("Tab")
    skiplink = page.get_by_role("link", name="Naar de inhoud")
    expect(skiplink).to_be_focused()
    expect(skiplink).to_be_in_viewport()
    assert focus_zichtbaar(page)

    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    assert focus_zichtbaar(page)


def test_the_skip_link_is_hidden_until_it_has_the_focus(page: Page, live_server, demo):
    page.goto(f"{live_server.url}/toegankelijkheid/")
    skiplink = page.get_by_role("link", name="Naar de inhoud")
    expect(skiplink).not_to_be_in_viewport()
    page.keyboard.press("Tab")
    expect(skiplink).to_be_focused()
    expect(skiplink).to_be_in_viewport()


def test_a_card_is_edited_saved_and_cancelled_with_the_keyboard_alone(
    page: Page, live_server, demo
):
    aanmelden(page, live_server, "lid")
    opgave = Opgave.objects.get(team__leden__username="lid")
    kaart = Actie.objects.filter(opgave=opgave).first()
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")
    wacht_op_scripts(page, "htmx")
    bewerken = page.get_by_role("link", name=f"Bewerken: {kaart.titel}")
    titel = page.locator(f"#actie-{kaart.pk}").get_by_label("Titel")

    tab_naar(page, bewerken)
    assert focus_zichtbaar(page)
    page.keyboard.press("Enter")
    expect(titel).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("Vroegsignalering met de energieleverancier")
    tab_naar(page, page.locator(f"#actie-{kaart.pk}").get_by_role("button", name="Opslaan"))
    page.keyboard.press("Enter")
    expect(page.locator(f"#actie-{kaart.pk} h4")).to_have_text(
        "Vroegsignalering met de energieleverancier"
    )
    expect(page.locator(f"#actie-{kaart.pk}")).to_be_focused()
    kaart.refresh_from_db()
    assert kaart.titel == "Vroegsignalering met de energieleverancier"

    # Escape closes the form without saving and puts the focus back on the card.
    bewerken = page.get_by_role("link", name=f"Bewerken: {kaart.titel}")
    tab_naar(page, bewerken)
    page.keyboard.press("Enter")
    expect(titel).to_be_focused()
    page.keyboard.type(" (niet bewaard)")
    page.keyboard.press("Escape")
    expect(page.locator(f"#actie-{kaart.pk} h4")).to_have_text(kaart.titel)
    expect(page.locator(f"#actie-{kaart.pk}")).to_be_focused()

    # So does the Annuleren button, reached with Tab and pressed with Space.
    page.keyboard.press("Tab")
    expect(bewerken).to_be_focused()
    page.keyboard.press("Enter")
    expect(titel).to_be_focused()
    tab_naar(page, page.locator(f"#actie-{kaart.pk}").get_by_role("link", name="Annuleren"))
    page.keyboard.press("Enter")
    expect(page.locator(f"#actie-{kaart.pk}")).to_be_focused()
    kaart.refresh_from_db()
    assert kaart.titel == "Vroegsignalering met de energieleverancier"


def test_a_belemmering_changes_status_through_its_form_with_the_keyboard_alone(
    page: Page, live_server, demo
):
    aanmelden(page, live_server, "regie")
    page.goto(f"{live_server.url}/belemmeringen/")
    wacht_op_scripts(page, "htmx")
    kaart_id = page.locator(
        'ol[data-kolom="nieuw"] > li:has(a[hx-get*="/status/"])'
    ).first.get_attribute("id")
    belemmering = Belemmering.objects.get(pk=kaart_id.removeprefix("belemmering-"))
    assert belemmering.status == BelemmeringStatus.NIEUW
    kaart = page.locator(f"#{kaart_id}")

    tab_naar(page, kaart.get_by_text("Status wijzigen"))
    assert focus_zichtbaar(page)
    page.keyboard.press("Enter")  # loads the form into the card; focus on its first field
    expect(kaart.get_by_label("Nieuwe status")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Nieuw -> Opgepakt
    expect(kaart.get_by_label("Nieuwe status")).to_have_value(BelemmeringStatus.OPGEPAKT)
    tab_naar(page, kaart.get_by_role("button", name="Opslaan"))
    page.keyboard.press("Enter")

    verplaatst = page.locator(f'ol[data-kolom="opgepakt"] #belemmering-{belemmering.pk}')
    expect(verplaatst).to_be_visible()
    expect(verplaatst).to_be_focused()
    belemmering.refresh_from_db()
    assert belemmering.status == BelemmeringStatus.OPGEPAKT

    # Escalating without saying what is needed: the error summary gets the focus.
    tab_naar(page, verplaatst.get_by_text("Status wijzigen"))
    page.keyboard.press("Enter")
    expect(verplaatst.get_by_label("Nieuwe status")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Opgepakt -> Geëscaleerd
    tab_naar(page, verplaatst.get_by_role("button", name="Opslaan"))
    page.keyboard.press("Enter")
    samenvatting = page.locator(f"#belemmering-{belemmering.pk} .ob-error-summary")
    expect(samenvatting).to_be_focused()
    expect(samenvatting).to_contain_text("Schrijf op welk besluit nodig is.")


def test_ticking_off_a_mijlpaal_keeps_the_focus_on_its_button(page: Page, live_server, demo):
    """The mijlpalen list is swapped whole; the focus goes to the same mijlpaal's button in
    the new list (now Heropen), not back to the top of the page."""
    aanmelden(page, live_server, "lid")
    opgave = Opgave.objects.get(team__leden__username="lid")
    mijlpaal = opgave.mijlpalen.filter(gereed=False).first()
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")
    wacht_op_scripts(page, "htmx")

    tab_naar(page, page.get_by_role("button", name=f"Vink “{mijlpaal.titel}” af"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name=f"Heropen “{mijlpaal.titel}”")).to_be_focused()
    assert focus_zichtbaar(page)
    mijlpaal.refresh_from_db()
    assert mijlpaal.gereed


def test_after_deleting_a_card_the_focus_is_on_the_message_that_says_so(
    page: Page, live_server, demo
):
    aanmelden(page, live_server, "lid")
    opgave = Opgave.objects.get(team__leden__username="lid")
    kaart = Actie.objects.filter(opgave=opgave).first()
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")
    wacht_op_scripts(page, "htmx")
    page.on("dialog", lambda dialoog: dialoog.accept())

    tab_naar(page, page.get_by_role("link", name=f"Bewerken: {kaart.titel}"))
    page.keyboard.press("Enter")
    tab_naar(page, page.get_by_role("button", name="Actie verwijderen"))
    page.keyboard.press("Enter")
    melding = page.locator("#acties").get_by_role("status")
    expect(melding).to_have_text(f"Actie “{kaart.titel}” is verwijderd.")
    expect(melding).to_be_focused()
    assert not Actie.objects.filter(pk=kaart.pk).exists()


def test_a_form_sent_empty_starts_at_its_error_summary_whose_links_lead_to_the_fields(
    page: Page, live_server, demo
):
    """Melden posts as a whole page (no htmx): the page that comes back with errors puts
    the focus on the error summary; its links take the keyboard to each field."""
    aanmelden(page, live_server, "lid")
    page.goto(f"{live_server.url}/melden/")
    tab_naar(page, page.get_by_role("button", name="Melden", exact=True))
    page.keyboard.press("Enter")

    samenvatting = page.locator(".ob-error-summary")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("heading")).to_have_text("Controleer de invoer")
    tab_naar(page, samenvatting.get_by_role("link", name="Titel: Dit veld is verplicht."))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Titel")).to_be_focused()
    expect(page.get_by_label("Titel")).to_have_attribute("aria-invalid", "true")
