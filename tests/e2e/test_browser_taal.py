"""Browser test of the language switch in the header: the opgave board, its htmx answers
included, speaks English once chosen, and Dutch again after switching back."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import Actie, Kolom
from tests.browser import wacht_op_scripts
from tests.e2e.test_browser_opgavebord import kolom, open_bord

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_lid_switches_the_board_to_english_works_on_it_and_switches_back(
    page: Page, live_server, demo
):
    opgave = open_bord(page, live_server)
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_label("Taal").locator("option[lang=en]")).to_have_text("English")

    page.get_by_label("Taal").select_option(label="English")
    page.get_by_role("button", name="Kies taal").click()

    expect(page).to_have_url(f"{live_server.url}/opgaven/{opgave.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Actions", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    wacht_op_scripts(page, "htmx", "Sortable")

    # An htmx form answer: 422 with the error summary, in English.
    page.get_by_text("Add an action or experiment").click()
    acties = page.locator("#acties")
    with page.expect_response(lambda r: r.url.endswith("/acties/") and r.status == 422):
        acties.get_by_role("button", name="Add", exact=True).click()
    expect(acties.get_by_role("alert")).to_contain_text("Please check your input")
    expect(acties.get_by_role("alert")).to_contain_text("This field is required.")

    # A board action through its keyboard alternative, with English labels and columns.
    kaart = Actie.objects.filter(opgave=opgave, kolom=Kolom.IDEE).first()
    page.get_by_role("button", name=f"Move to To do: {kaart.titel}").press("Enter")
    expect(kolom(page, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible()
    expect(page.get_by_role("heading", name="To do")).to_be_visible()

    # Back to Dutch with the keyboard only.
    page.get_by_label("Language").focus()
    page.get_by_label("Language").select_option(label="Nederlands")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Change language")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", name="Acties", exact=True)).to_be_visible()
    expect(kolom(page, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible()
