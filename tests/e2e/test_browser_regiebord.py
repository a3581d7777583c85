"""Browser tests of the regieteam board: drag, keyboard, and a second screen that keeps up."""

import pytest
from playwright.sync_api import Browser, Page, expect

from teams.models import Team, TeamSoort
from tests.browser import focus_zichtbaar, sleep, tab_naar, wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def bord_url(live_server) -> str:
    return f"{live_server.url}/teams/{Team.objects.get(soort=TeamSoort.REGIETEAM).slug}/bord/"


def kaarttitels(page: Page) -> list[str]:
    return page.locator(".ob-prioriteit h3 a").all_inner_texts()


def open_bord(page: Page, live_server) -> None:
    page.set_viewport_size({"width": 1600, "height": 1400})  # the big screen in the meeting
    aanmelden(page, live_server, "regie")
    page.goto(bord_url(live_server))
    wacht_op_scripts(page, "htmx", "Sortable")


def test_regie_drags_the_third_opgave_to_the_top_and_after_a_reload_it_is_first(
    page: Page, live_server, demo
):
    open_bord(page, live_server)
    voor = kaarttitels(page)
    derde = page.locator(".ob-prioriteit").nth(2)
    with page.expect_response(lambda r: "/bord/verplaats/" in r.url and r.status == 200):
        sleep(page, derde, page.locator(".ob-prioriteit").first)
    expect(page.locator(".ob-prioriteit h3 a").first).to_have_text(voor[2])
    page.reload()
    assert kaarttitels(page) == [voor[2], voor[0], voor[1], *voor[3:]]


def test_the_keyboard_alternative_moves_a_card(page: Page, live_server, demo):
    """Keyboard only: Tab to a card's Lager button, Enter; the focus stays on the moved card
    (visibly), the next Tab goes into that card, and Space on Hoger moves it back."""
    open_bord(page, live_server)
    voor = kaarttitels(page)
    tab_naar(page, page.get_by_role("button", name=f"Lager: {voor[0]}"))
    assert focus_zichtbaar(page)
    page.keyboard.press("Enter")
    expect(page.locator(".ob-prioriteit h3 a").nth(1)).to_have_text(voor[0])
    verplaatst = page.locator(".ob-prioriteit").nth(1)
    expect(verplaatst).to_be_focused()
    assert focus_zichtbaar(page)
    page.keyboard.press("Tab")
    expect(verplaatst.get_by_role("link", name=voor[0])).to_be_focused()
    page.reload()
    assert kaarttitels(page)[:2] == [voor[1], voor[0]]

    tab_naar(page, page.get_by_role("button", name=f"Hoger: {voor[0]}"))
    page.keyboard.press("Space")
    expect(page.locator(".ob-prioriteit h3 a").first).to_have_text(voor[0])
    expect(page.locator(".ob-prioriteit").first).to_be_focused()


def test_a_second_screen_sees_the_new_order_without_a_manual_reload(
    page: Page, browser: Browser, live_server, demo
):
    open_bord(page, live_server)
    voor = kaarttitels(page)
    tweede_context = browser.new_context()
    tweede = tweede_context.new_page()
    open_bord(tweede, live_server)

    page.get_by_role("button", name=f"Hoger: {voor[1]}").click()
    expect(page.locator(".ob-prioriteit h3 a").first).to_have_text(voor[1])

    expect(tweede.locator(".ob-prioriteit h3 a").first).to_have_text(voor[1], timeout=15_000)
    tweede_context.close()
