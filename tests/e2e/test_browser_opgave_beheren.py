"""Browser tests of a team running its own opgaven: the regieteam starts one from its board,
an opgaveteam member changes the course of theirs in place on its board, with a reason, and
the team hears that it now does more at once than its focus limit."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from opgaven.models import Opgave, OpgaveStatus
from teams.models import Team, TeamSoort
from tests.browser import wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden
from tests.e2e.test_browser_toegankelijkheid import axe_overtredingen

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_regie_starts_an_opgave_for_wildeman_from_the_regieteam_board(
    page: Page, live_server, demo
):
    regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM, leden__username="regie")
    aanmelden(page, live_server, "regie")
    page.goto(f"{live_server.url}/teams/{regieteam.slug}/bord/")
    page.get_by_role("link", name="Nieuwe opgave").click()
    expect(page).to_have_url(re.compile(rf"/opgaven/nieuw/\?gebied={regieteam.gebied.code}$"))
    wacht_op_scripts(page, "htmx")

    page.get_by_label("Welk team trekt de opgave?").select_option(label="Opgaveteam Jeugd")
    page.get_by_label("Titel").fill("Speeltuin als huiskamer")
    page.get_by_label("Thema").select_option(index=1)
    page.get_by_label("Aanvliegroute", exact=True).select_option(label="Wijkgericht")
    page.get_by_label("Waarom deze aanvliegroute").fill("Kinderen spelen in hun eigen buurt.")
    page.locator("#id_landing-0-gebied").select_option(label="Wildeman (buurt FK01)")
    page.locator("#id_landing-0-urgentie").select_option(label="Hoog")
    page.get_by_role("button", name="Opgave aanmaken").click()

    opgave_url = re.compile(r"/opgaven/\d+/$")
    expect(page).to_have_url(opgave_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Speeltuin als huiskamer")
    expect(page.locator("#berichten")).to_contain_text(
        "Opgave “Speeltuin als huiskamer” is aangemaakt."
    )
    opgave = Opgave.objects.get(titel="Speeltuin als huiskamer")
    assert opgave.team.slug == "jeugd-wildeman"
    assert [g.code for g in opgave.gebieden.all()] == ["FK01"]

    page.goto(f"{live_server.url}/teams/{regieteam.slug}/bord/")
    expect(page.locator(".ob-prioriteit h3 a", has_text="Speeltuin als huiskamer")).to_be_visible()
    page.goto(f"{live_server.url}/overzicht/")
    expect(page.get_by_role("link", name="Speeltuin als huiskamer").first).to_be_visible()


def test_lid_puts_its_opgave_in_uitvoering_with_a_reason_and_the_team_sees_its_focus(
    browser: Browser, live_server, demo
):
    team = Team.objects.get(slug="armoede-osdorp")
    team.focuslimiet = 1
    team.save()
    opgave = team.opgaven.get()
    opgave.status = OpgaveStatus.VERKENNING
    opgave.save()
    Opgave.objects.create(
        titel="Vroeg erop af",
        team=team,
        thema_id=opgave.thema_id,
        aanvliegroute=opgave.aanvliegroute,
        status=OpgaveStatus.IN_UITVOERING,
    )
    # bypass_csp: axe is injected as a script tag, which a strict CSP rightly refuses.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    aanmelden(page, live_server, "lid")
    page.goto(f"{live_server.url}/teams/{team.slug}/")
    expect(page.locator("#opgaven")).not_to_contain_text("focuslimiet")

    page.goto(f"{live_server.url}/opgaven/{opgave.pk}/")
    wacht_op_scripts(page, "htmx")
    page.get_by_role("link", name=f"Bewerken: {opgave.titel}").click()
    over = page.locator("#over")
    expect(over.get_by_label("Titel")).to_be_focused()  # the form opened in place
    assert axe_overtredingen(page) == []
    over.get_by_label("Status").select_option(label="In uitvoering")
    over.get_by_role("button", name="Opslaan").click()
    expect(over.get_by_role("alert")).to_contain_text("Schrijf in één regel waarom")
    assert axe_overtredingen(page) == []

    over.get_by_label("Waarom verandert de koers?").fill("de corporatie doet mee")
    over.get_by_role("button", name="Opslaan").click()
    expect(over).to_contain_text("De opgave is opgeslagen.")
    expect(over).to_contain_text(
        "Opgaveteam Armoede en schulden heeft nu 2 opgaven in uitvoering, meer dan de "
        "focuslimiet van 1."
    )
    expect(page.locator("#kop")).to_contain_text("In uitvoering")
    expect(page).to_have_url(f"{live_server.url}/opgaven/{opgave.pk}/")
    assert axe_overtredingen(page) == []
    # The board's change check brings in the activity, with the reason.
    expect(page.locator(".ob-activiteit")).to_contain_text(
        "Status: Verkenning → In uitvoering — omdat de corporatie doet mee", timeout=15_000
    )

    page.goto(f"{live_server.url}/teams/{team.slug}/")
    expect(page.locator("#opgaven")).to_contain_text(
        "2 opgaven van dit team zijn in uitvoering, meer dan de focuslimiet van 1."
    )
    context.close()
