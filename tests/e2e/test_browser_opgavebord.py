"""Browser tests of the opgave board, as `lid` uses it in the weekly meeting."""

import pytest
from playwright.sync_api import Browser, Page, expect

from opgaven.models import Actie, Kolom, Opgave
from tests.browser import focus_zichtbaar, sleep, tab_naar, wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def eigen_opgave() -> Opgave:
    return Opgave.objects.get(team__leden__username="lid")


def open_bord(page: Page, live_server) -> Opgave:
    opgave = eigen_opgave()
    page.set_viewport_size({"width": 1600, "height": 1400})  # the big screen in the meeting
    aanmelden(page, live_server, "lid")
    page.goto(f"{live_server.url}/opgaven/{opgave.pk}/")
    wacht_op_scripts(page, "htmx", "Sortable")
    return opgave


def kolom(page: Page, naam: str):
    return page.locator(f'ol[data-kolom="{naam}"]')


def test_lid_drags_an_actie_from_te_doen_to_bezig_edits_it_and_reports_progress(
    page: Page, live_server, demo
):
    opgave = open_bord(page, live_server)
    kaart = Actie.objects.filter(opgave=opgave, kolom=Kolom.TE_DOEN).first()
    bron = page.locator(f"#actie-{kaart.pk}")
    with page.expect_response(lambda r: "/verplaatsen/" in r.url and r.status == 200):
        sleep(page, bron, kolom(page, "bezig"))
    expect(kolom(page, "bezig").locator(f"#actie-{kaart.pk}")).to_be_visible()
    kaart.refresh_from_db()
    assert kaart.kolom == Kolom.BEZIG

    page.get_by_role("link", name=f"Bewerken: {kaart.titel}").click()
    titel = page.locator(f"#actie-{kaart.pk}").get_by_label("Titel")
    expect(titel).to_be_focused()
    titel.fill("Vroegsignalering met de corporatie en de energieleverancier")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#actie-{kaart.pk} h4")).to_have_text(
        "Vroegsignalering met de corporatie en de energieleverancier"
    )

    page.get_by_text("Voortgang melden").click()
    voortgang = page.locator("#voortgang")
    voortgang.get_by_label("Hoe gaat het?").select_option(label="Op koers")
    voortgang.get_by_label("Wat er gebeurde").fill(
        "Eerste afspraken met de energieleverancier gemaakt."
    )
    voortgang.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#voortgang .ob-timeline li").first).to_contain_text(
        "Eerste afspraken met de energieleverancier gemaakt."
    )
    page.reload()
    expect(page.locator("#voortgang .ob-timeline li").first).to_contain_text("Op koers")


def test_the_keyboard_alternative_moves_a_card_to_another_column(page: Page, live_server, demo):
    """Keyboard only: Tab to the card's "Te doen →" button, Enter. The focus stays on the
    moved card, also when the change check refreshes the board a few seconds later."""
    opgave = open_bord(page, live_server)
    kaart = Actie.objects.filter(opgave=opgave, kolom=Kolom.IDEE).first()
    knop = page.get_by_role("button", name=f"Naar Te doen: {kaart.titel}")
    tab_naar(page, knop)
    assert focus_zichtbaar(page)
    expect(knop).to_be_focused()
    page.keyboard.press("Enter")
    expect(kolom(page, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible()
    expect(page.locator(f"#actie-{kaart.pk}")).to_be_focused()

    with page.expect_response(lambda r: "sinds=" in r.url and r.status == 200, timeout=15_000):
        pass  # the board's change check sees the move and swaps in the whole board
    expect(page.locator(f"#actie-{kaart.pk}")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name=f"Bewerken: {kaart.titel}")).to_be_focused()


def test_a_second_screen_sees_a_change_without_a_manual_reload(
    page: Page, browser: Browser, live_server, demo
):
    opgave = open_bord(page, live_server)
    tweede_context = browser.new_context()
    tweede = tweede_context.new_page()
    open_bord(tweede, live_server)
    kaart = Actie.objects.filter(opgave=opgave, kolom=Kolom.IDEE).first()

    page.get_by_role("button", name=f"Naar Te doen: {kaart.titel}").click()
    expect(kolom(page, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible()

    expect(kolom(tweede, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible(timeout=15_000)
    tweede_context.close()


def test_two_people_editing_one_card_the_second_gets_the_conflict_and_the_first_edit_stays(
    page: Page, browser: Browser, live_server, demo
):
    opgave = open_bord(page, live_server)
    kaart = Actie.objects.filter(opgave=opgave).first()
    tweede_context = browser.new_context()
    tweede = tweede_context.new_page()
    open_bord(tweede, live_server)

    page.get_by_role("link", name=f"Bewerken: {kaart.titel}").click()
    tweede.get_by_role("link", name=f"Bewerken: {kaart.titel}").click()

    page.locator(f"#actie-{kaart.pk}").get_by_label("Titel").fill("Eerste versie")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#actie-{kaart.pk} h4")).to_have_text("Eerste versie")

    tweede.locator(f"#actie-{kaart.pk}").get_by_label("Titel").fill("Tweede versie")
    tweede.get_by_role("button", name="Opslaan").click()
    melding = tweede.get_by_role("alert")
    expect(melding).to_contain_text("Iemand anders heeft deze kaart intussen gewijzigd")
    expect(melding).to_contain_text("Eerste versie")
    expect(tweede.locator(f"#actie-{kaart.pk}").get_by_label("Titel")).to_have_value(
        "Tweede versie"
    )

    tweede.get_by_role("link", name="Nieuwste versie laden").click()
    expect(tweede.locator(f"#actie-{kaart.pk} h4")).to_have_text("Eerste versie")
    kaart.refresh_from_db()
    assert kaart.titel == "Eerste versie"
    tweede_context.close()
