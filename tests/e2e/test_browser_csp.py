"""Browser tests of the Content Security Policy: it is enforced, and the app lives within it.
(Every other browser test also fails on any violation: see `csp_overtredingen` in conftest.)"""

import pytest
from playwright.sync_api import Page, expect

from tests.browser import wacht_op_scripts

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def aanmelden(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()


@pytest.mark.csp_overtreding_verwacht
def test_the_browser_refuses_inline_script_and_the_violation_is_caught(
    page: Page, live_server, demo, csp_overtredingen
):
    aanmelden(page, live_server, "lid")
    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.ingespoten = true";
        document.body.append(script);
        const img = document.createElement("div");
        img.innerHTML = '<img src="x" onerror="window.ingespoten = true">';
        document.body.append(img);
    }"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.ingespoten === undefined")
    assert any("script-src" in overtreding for overtreding in csp_overtredingen)


def test_htmx_runs_without_eval_and_without_inline_styles(page: Page, live_server, demo):
    aanmelden(page, live_server, "lid")
    wacht_op_scripts(page, "htmx")
    config = page.evaluate(
        "[htmx.config.allowEval, htmx.config.includeIndicatorStyles, htmx.config.allowScriptTags]"
    )
    assert config == [False, False, False]
    assert page.locator("head style").count() == 0


def test_the_admin_works_under_the_policy(page: Page, live_server, demo):
    aanmelden(page, live_server, "beheer")
    page.goto(f"{live_server.url}/admin/opgaven/opgave/")
    expect(page.locator("#result_list")).to_be_visible()
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#opgave_form")).to_be_visible()
    page.get_by_role("link", name="Geschiedenis").click()
    expect(page.locator("#change-history")).to_be_visible()
    page.goto(f"{live_server.url}/admin/teams/team/")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#team_form")).to_be_visible()
    page.wait_for_timeout(300)


def test_waiting_for_a_script_that_comes_late_breaks_no_policy(page: Page, live_server, demo):
    # What the browser tests do right after a navigation, on a machine so busy that the scripts
    # are not there at the first look: the wait must not need eval() (csp_overtredingen fails
    # the test on any violation).
    aanmelden(page, live_server, "lid")
    page.evaluate("() => { setTimeout(() => { window.laatGeladen = true; }, 300); }")
    wacht_op_scripts(page, "laatGeladen")
    assert page.evaluate("window.laatGeladen") is True
