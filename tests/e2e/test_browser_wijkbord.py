"""Browser test of the wijk board: regie updates how an opgave goes in Wildeman."""

import pytest
from playwright.sync_api import Page, expect

from opgaven.models import OpgaveGebied
from tests.e2e.test_browser_home import aanmelden

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_regie_changes_the_local_status_of_an_opgave_in_wildeman(page: Page, live_server, demo):
    landing = OpgaveGebied.objects.get(gebied__code="FK01", opgave__titel__contains="Ondermijning")
    aanmelden(page, live_server, "regie")
    page.get_by_role("link", name="Gebieden").click()
    page.get_by_role("link", name="Wildeman", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wildeman")

    rij = page.locator(f"#landing-{landing.pk}")
    rij.get_by_role("link", name="Bewerken").click()
    status = page.locator(f"#landing-{landing.pk}").get_by_label("Status hier")
    expect(status).to_be_focused()
    status.select_option(label="Loopt")
    page.locator(f"#landing-{landing.pk}").get_by_label("Notitie").fill(
        "Handhaving nu ook 's avonds."
    )
    page.get_by_role("button", name="Opslaan").click()

    expect(page.locator(f"#landing-{landing.pk}")).to_contain_text("Loopt")
    expect(page.locator(f"#landing-{landing.pk}")).to_contain_text("Handhaving nu ook 's avonds.")
    page.reload()
    expect(page.locator(f"#landing-{landing.pk}")).to_contain_text("Loopt")
