"""Helpers for the browser tests."""

from playwright.sync_api import Locator, Page


def sleep(page: Page, kaart: Locator, doel: Locator) -> None:
    """Drag a card as a person does: grab it by its title (its buttons and selects do not
    start a drag), move over the target, wait for SortableJS's animation to settle, nudge
    again so it sees a fresh dragover, and drop just inside the top of the target."""
    kaart.hover(position={"x": 20, "y": 12})
    page.mouse.down()
    doel.hover(position={"x": 30, "y": 10})
    page.wait_for_timeout(300)
    doel.hover(position={"x": 32, "y": 8})
    page.wait_for_timeout(300)
    page.mouse.up()
