"""Browser tests of a write that fails (static/js/storingen.js): the server answers 500, cannot
be reached or does not answer. The notice is announced in the status region, a dragged card
goes back to where the server has it, and what was typed stays."""

from urllib.parse import parse_qs

import pytest
from django.db import transaction
from playwright.sync_api import Browser, Page, Route, expect

from opgaven.models import Actie, Belemmering, Kolom
from opgaven.ordering import verplaats_actie
from tests.browser import sleep, wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden
from tests.e2e.test_browser_opgavebord import kolom
from tests.e2e.test_browser_opgavebord import open_bord as open_opgavebord
from tests.e2e.test_browser_regiebord import kaarttitels
from tests.e2e.test_browser_regiebord import open_bord as open_regiebord
from tests.e2e.test_browser_toegankelijkheid import axe_overtredingen

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MELDING = "Niet opgeslagen: je wijziging. Probeer het opnieuw."


def kaartmelding(titel: str) -> str:
    return f"Niet opgeslagen: je wijziging aan “{titel}”. Probeer het opnieuw."


def serverfout(route: Route) -> None:
    route.fulfill(status=500, content_type="text/html", body="<h1>Server Error (500)</h1>")


def kaarten(page: Page, naam: str) -> list[str]:
    return kolom(page, naam).locator("[data-id]").evaluate_all("(ks) => ks.map((k) => k.id)")


def test_a_move_the_server_answers_with_500_goes_back_and_the_notice_is_announced(
    page: Page, live_server, demo
):
    opgave = open_opgavebord(page, live_server)
    kaart = Actie.objects.filter(opgave=opgave, kolom=Kolom.TE_DOEN).first()
    te_doen, bezig = kaarten(page, "te_doen"), kaarten(page, "bezig")
    page.route("**/verplaatsen/", serverfout)

    with page.expect_request(lambda r: "/verplaatsen/" in r.url) as verzoek:
        sleep(page, page.locator(f"#actie-{kaart.pk}"), kolom(page, "bezig"))
    assert "kolom=bezig" in verzoek.value.post_data  # the card was dropped in Bezig

    melding = page.get_by_role("status").filter(has_text="Niet opgeslagen")
    expect(melding).to_have_text(kaartmelding(kaart.titel))
    expect(kolom(page, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible()
    assert kaarten(page, "te_doen") == te_doen
    assert kaarten(page, "bezig") == bezig
    kaart.refresh_from_db()
    assert kaart.kolom == Kolom.TE_DOEN


def test_a_move_while_the_server_is_unreachable_goes_back_once_it_is_reachable_again(
    page: Page, live_server, demo
):
    """The move fails, and so do the board's reload and its change checks; the first change
    check that gets through brings the whole board, although its stand never changed."""
    opgave = open_opgavebord(page, live_server)
    kaart = Actie.objects.filter(opgave=opgave, kolom=Kolom.TE_DOEN).first()
    te_doen = kaarten(page, "te_doen")
    page.route(f"**/opgaven/{opgave.pk}/**", lambda route: route.abort())

    # The board's reload after the failed move asks without its stand, and fails as well.
    with page.expect_event("requestfailed", lambda r: r.method == "GET" and "sinds" not in r.url):
        sleep(page, page.locator(f"#actie-{kaart.pk}"), kolom(page, "bezig"))
    expect(page.get_by_role("status")).to_have_text(kaartmelding(kaart.titel))
    expect(kolom(page, "bezig").locator(f"#actie-{kaart.pk}")).to_be_visible()

    page.unroute(f"**/opgaven/{opgave.pk}/**")
    expect(kolom(page, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible(timeout=15_000)
    assert kaarten(page, "te_doen") == te_doen


def test_what_was_typed_in_the_voortgang_form_survives_a_failed_post_and_a_changed_board(
    page: Page, live_server, demo
):
    opgave = open_opgavebord(page, live_server)
    page.get_by_text("Voortgang melden").click()
    voortgang = page.locator("#voortgang")
    voortgang.get_by_label("Hoe gaat het?").select_option(label="Zorg")
    tekst = voortgang.get_by_label("Wat er gebeurde")
    tekst.fill("De aannemer is failliet; we zoeken een nieuwe.")
    page.route("**/voortgang/", serverfout)

    voortgang.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status")).to_have_text(MELDING)

    # Someone else changes the board meanwhile; its change check must not wipe the form.
    anders = Actie.objects.filter(opgave=opgave, kolom=Kolom.IDEE).first()
    with transaction.atomic():
        verplaats_actie(actie_id=anders.pk, kolom=Kolom.KLAAR, na_id=None)
    page.wait_for_timeout(5_000)  # longer than the 4 s between change checks
    expect(tekst).to_have_value("De aannemer is failliet; we zoeken een nieuwe.")
    expect(voortgang.get_by_label("Hoe gaat het?")).to_have_value("zorg")

    page.unroute("**/voortgang/")
    voortgang.get_by_role("button", name="Opslaan").click()
    expect(page.locator("#voortgang .ob-timeline li").first).to_contain_text(
        "De aannemer is failliet; we zoeken een nieuwe."
    )
    expect(page.get_by_text(MELDING)).to_have_count(0)
    expect(kolom(page, "klaar").locator(f"#actie-{anders.pk}")).to_be_visible(timeout=15_000)


def test_what_was_typed_and_not_yet_sent_survives_the_board_healing_after_a_failed_move(
    page: Page, live_server, demo
):
    opgave = open_opgavebord(page, live_server)
    page.get_by_text("Voortgang melden").click()
    tekst = page.locator("#voortgang").get_by_label("Wat er gebeurde")
    tekst.fill("Half getypt")
    kaart = Actie.objects.filter(opgave=opgave, kolom=Kolom.TE_DOEN).first()
    page.route("**/verplaatsen/", serverfout)

    sleep(page, page.locator(f"#actie-{kaart.pk}"), kolom(page, "bezig"))
    expect(page.get_by_role("status")).to_have_text(kaartmelding(kaart.titel))
    expect(kolom(page, "te_doen").locator(f"#actie-{kaart.pk}")).to_be_visible()
    page.wait_for_timeout(5_000)  # the board's own change check would fetch it whole by now
    expect(tekst).to_have_value("Half getypt")


def test_a_priority_the_server_answers_with_500_goes_back_on_the_regieteam_board(
    page: Page, live_server, demo
):
    open_regiebord(page, live_server)
    voor = kaarttitels(page)
    page.route("**/bord/verplaats/**", serverfout)

    with page.expect_request(lambda r: "/bord/verplaats/" in r.url) as verzoek:
        sleep(page, page.locator(".ob-prioriteit").nth(2), page.locator(".ob-prioriteit").first)
    assert parse_qs(verzoek.value.post_data, keep_blank_values=True)["na"] == [""]  # to the top
    expect(page.get_by_role("status")).to_have_text(kaartmelding(voor[2]))
    expect(page.locator(".ob-prioriteit h3 a").first).to_have_text(voor[0])
    assert kaarttitels(page) == voor


def test_a_belemmering_the_server_answers_with_500_goes_back_to_its_column(
    page: Page, live_server, demo
):
    """The belemmeringen board has no change check: it is read back from the page's URL."""
    belemmering = Belemmering.objects.get(titel="Handhaving niet zichtbaar in de avond")
    page.set_viewport_size({"width": 1600, "height": 1400})
    aanmelden(page, live_server, "regie")
    page.goto(f"{live_server.url}/belemmeringen/")
    wacht_op_scripts(page, "htmx", "Sortable")
    kaart = page.locator(f"#belemmering-{belemmering.pk}")
    page.route("**/status/**", serverfout)

    with page.expect_request(lambda r: "/status/" in r.url) as verzoek:
        sleep(page, kaart, page.locator('ol[data-kolom="opgepakt"]'))
    assert "status=opgepakt" in verzoek.value.post_data
    assert belemmering.status != "opgepakt"

    expect(page.get_by_role("status")).to_have_text(kaartmelding(belemmering.titel))
    expect(page.locator(f'ol[data-kolom="{belemmering.status}"]').locator(kaart)).to_be_visible()


def test_a_server_that_does_not_answer_ends_in_the_notice_not_in_waiting(
    page: Page, live_server, demo
):
    open_regiebord(page, live_server)
    voor = kaarttitels(page)
    assert page.evaluate("() => htmx.config.timeout") == 25_000
    page.evaluate("() => { htmx.config.timeout = 1_000; }")  # 25 s is long for a test
    page.route("**/bord/verplaats/**", lambda route: None)  # never answered

    page.get_by_role("button", name=f"Lager: {voor[0]}").click()
    expect(page.get_by_role("status")).to_have_text(kaartmelding(voor[0]))
    assert kaarttitels(page) == voor


def test_axe_finds_nothing_wrong_with_the_notice(browser: Browser, live_server, demo):
    # bypass_csp: axe is injected as a script tag, which a strict CSP rightly refuses.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    open_regiebord(page, live_server)
    voor = kaarttitels(page)
    page.route("**/bord/verplaats/**", serverfout)

    page.get_by_role("button", name=f"Lager: {voor[0]}").click()
    expect(page.get_by_role("status")).to_have_text(kaartmelding(voor[0]))
    assert axe_overtredingen(page) == []
    context.close()
