"""Browser test: the regieteam archives an opgave from its board, sees it leave the regieteam
board, and brings it back from the team's archive or from the board itself."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import Opgave
from tests.browser import wacht_op_scripts
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITEL = "Renovatie en herhuisvesting Wildeman"


def op_het_regiebord(page: Page, live_server):
    page.goto(f"{live_server.url}/teams/regieteam-wildeman/bord/")
    return page.get_by_role("main").get_by_role("link", name=TITEL, exact=True)


def archiveer_op_het_bord(page: Page, live_server) -> None:
    op_het_regiebord(page, live_server).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITEL)
    wacht_op_scripts(page, "htmx")
    page.get_by_text("Opgave archiveren", exact=True).click()
    page.get_by_role("button", name="Archiveren", exact=True).click()
    # Not without the confirmation: the form says so, in place.
    expect(page.locator("#archiveren")).to_contain_text(
        "Vink aan dat je deze opgave wilt archiveren."
    )
    assert not Opgave.objects.get(titel=TITEL).is_gearchiveerd
    page.get_by_label("Ja, archiveer deze opgave").check()
    page.get_by_role("button", name="Archiveren", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(f"“{TITEL}” is gearchiveerd")
    expect(page.locator("#bord")).to_contain_text("Deze opgave is gearchiveerd op")
    expect(page.get_by_role("link", name="Opgave bewerken")).to_have_count(0)


def test_an_archived_opgave_leaves_the_regieteam_board_and_comes_back_from_the_archive(
    page: Page, live_server, demo
):
    aanmelden(page, live_server, "regie")
    archiveer_op_het_bord(page, live_server)

    expect(op_het_regiebord(page, live_server)).to_have_count(0)

    page.goto(f"{live_server.url}/teams/wonen-wildeman/")
    archief = page.locator("#archief")
    expect(archief).to_contain_text(TITEL)
    expect(archief).to_contain_text("door Renée Brouwer")
    archief.get_by_role("button", name="Herstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITEL)
    expect(page.get_by_role("status").first).to_contain_text(
        f"“{TITEL}” is hersteld en staat weer op de borden."
    )

    expect(op_het_regiebord(page, live_server)).to_be_visible()


def test_a_regieteam_member_restores_an_archived_opgave_from_its_board(
    page: Page, live_server, demo
):
    aanmelden(page, live_server, "regie")
    archiveer_op_het_bord(page, live_server)
    page.locator("#bord").get_by_role("button", name="Herstellen").click()
    expect(page.get_by_role("status").first).to_contain_text("is hersteld")
    expect(page.get_by_text("Opgave archiveren", exact=True)).to_be_visible()
    expect(op_het_regiebord(page, live_server)).to_be_visible()
