"""Helpers for the browser tests."""

from playwright.sync_api import Locator, Page


def wacht_op_scripts(page: Page, *namen: str) -> None:
    """Wait until the page's scripts have defined these globals (say "htmx", "Sortable").

    Waits with a function, not a string: Playwright evaluates a string expression with eval()
    on every poll after the first, which the strict CSP blocks (an EvalError and a CSP
    violation, but only when the scripts were not there yet at the first look: a test that
    fails on a busy machine only). A function is evaluated once, inside the DevTools call."""
    voorwaarde = " && ".join(f"window.{naam}" for naam in namen)
    page.wait_for_function(f"() => !!({voorwaarde})")


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


def tab_naar(page: Page, doel: Locator, *, terug: bool = False, maximaal: int = 300) -> int:
    """Press Tab (Shift+Tab with `terug`) until `doel` has the focus, as someone without a
    mouse does; fails when it cannot be reached that way. Returns the number of presses."""
    toets = "Shift+Tab" if terug else "Tab"
    for stap in range(1, maximaal + 1):
        page.keyboard.press(toets)
        if doel.evaluate("e => e === document.activeElement"):
            return stap
    raise AssertionError(f"{doel} is not reached with {maximaal} x {toets}")


def focus_zichtbaar(page: Page) -> bool:
    """Whether the element in focus matches :focus-visible and shows it: an outline or a
    box-shadow that is not none."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            if (!e || e === document.body || !e.matches(":focus-visible")) {
                return false;
            }
            const stijl = getComputedStyle(e);
            const omlijnd = stijl.outlineStyle !== "none" && parseFloat(stijl.outlineWidth) > 0;
            return omlijnd || stijl.boxShadow !== "none";
        }"""
    )
