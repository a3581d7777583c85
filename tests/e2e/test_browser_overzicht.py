"""Browser tests of the cross-wijk overview, as a coordinator and a regieteam member use it."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from opgaven.models import OpgaveGebied
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_coordinator_filters_rolls_up_opens_a_wijk_and_downloads_excel(
    page: Page, live_server, demo
):
    aanmelden(page, live_server, "coordinator")
    page.get_by_role("link", name="Overzicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht over de wijken")

    page.get_by_label("Thema").select_option(label="Energietransitie")
    page.get_by_role("button", name="Toon").click()
    expect(page).to_have_url(re.compile(r"/overzicht/\?thema=energietransitie&.*niveau=wijk"))
    matrix = page.locator(".ob-matrix tbody tr")
    expect(matrix).to_have_count(1)
    expect(matrix.first).to_contain_text("Wildeman aardgasvrij")

    page.get_by_label("Per").select_option(label="Gebied")
    page.get_by_role("button", name="Toon").click()
    expect(page.locator(".ob-matrix thead")).to_contain_text("Osdorp")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel").click()
    assert download_info.value.suggested_filename.endswith(".xlsx")
    blad = load_workbook(io.BytesIO(Path(download_info.value.path()).read_bytes())).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[1][0] == "Wildeman aardgasvrij en beter geïsoleerd"
    assert rijen[1][3] == "DX10"

    page.locator(".ob-matrix .ob-cel").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Osdorp")


def test_regie_changes_a_local_status_and_the_overview_shows_it(page: Page, live_server, demo):
    landing = OpgaveGebied.objects.get(gebied__code="FK01", opgave__titel__contains="Ondermijning")
    aanmelden(page, live_server, "regie")
    page.goto(f"{live_server.url}/overzicht/?thema=veiligheid")
    expect(page.locator(".ob-matrix tbody tr").first).to_contain_text("Aandacht nodig")

    page.goto(f"{live_server.url}/gebieden/FK01/")
    page.locator(f"#landing-{landing.pk}").get_by_role("link", name="Bewerken").click()
    page.locator(f"#landing-{landing.pk}").get_by_label("Status hier").select_option(
        label="Afgerond"
    )
    page.get_by_role("button", name="Opslaan").click()
    # The form's own option says "Afgerond" too: wait until the saved row replaced the form.
    expect(page.locator(f"#landing-{landing.pk} select")).to_have_count(0)
    expect(page.locator(f"#landing-{landing.pk}")).to_contain_text("Afgerond")

    page.goto(f"{live_server.url}/overzicht/?thema=veiligheid")
    expect(page.locator(".ob-matrix tbody tr").first).to_contain_text("Afgerond")
