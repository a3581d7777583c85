"""Helpers for the browser tests."""

from playwright.sync_api import Locator


def sleep(kaart: Locator, doel: Locator) -> None:
    """Drag a card as a person does: grab it by its title (its buttons and selects do not
    start a drag), move in small steps so SortableJS sees every dragover, and drop just inside
    the top of the target."""
    kaart.drag_to(
        doel,
        source_position={"x": 20, "y": 12},
        target_position={"x": 30, "y": 6},
        steps=20,
    )
