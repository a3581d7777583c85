"""Accessibility (WCAG 2.1 AA): axe-core on every page every demo role can open.

The pages come from the URL walk of tests/rechten/test_authorization.py (every GET its EXPECTED
table answers 200 for the role), so a new page is checked as soon as it gets its entry there. On
top of that: pages in a particular state (the map and a comparison in the overview, a 404, the
login with an error), every form of the role submitted empty (its error summary), and the opgave
board after htmx swapped in an inline edit form and its 422 errors.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from opgaven.models import Actie, Opgave, OpgaveGebied
from opgaven.peilmomenten import leg_peilmoment_vast
from teams.models import Team, TeamSoort
from tests.browser import wacht_op_scripts
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments

# serialized_rollback: the flush between live-server tests would wipe the seeded Waarden.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE = Path(settings.BASE_DIR) / "static" / "vendor" / "axe" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]

# GET URLs of the walk that are not pages: the JSON health check. (Of Django's admin the walk
# holds only its index; the rest is a known limitation in the accessibility statement.)
GEEN_PAGINA = {"health"}


def dubbele_ids(page: Page) -> list[dict]:
    """Ids used twice: a label or error link then points at the wrong field. axe-core 4.x
    no longer checks this itself."""
    dubbel = page.evaluate(
        """() => {
            const ids = Array.from(document.querySelectorAll("[id]"), (e) => e.id);
            return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
        }"""
    )
    if not dubbel:
        return []
    return [
        {"id": "duplicate-id", "impact": "serious", "help": "Ids must be unique", "nodes": dubbel}
    ]


def axe_overtredingen(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now; each violation with its id, impact and nodes."""
    if not page.evaluate("!!window.axe"):
        page.add_script_tag(path=str(AXE))
    return dubbele_ids(page) + page.evaluate(
        """async (tags) => {
            const resultaat = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return resultaat.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => n.target.join(" ")),
            }));
        }""",
        AXE_TAGS,
    )


def beschrijf(overtredingen: dict[str, list[dict]]) -> str:
    regels = []
    for waar, lijst in overtredingen.items():
        for v in lijst:
            regels.append(f"{waar}: {v['id']} ({v['impact']}) {v['help']}")
            regels.extend(f"    {node}" for node in v["nodes"][:8])
    return "\n".join(regels)


def paginas_van(role: str) -> list[str]:
    """Every page of the URL walk this role may open, and those answering it 403 or 404."""
    return [
        reverse(name, args=arguments(kind))
        for name, (method, kind, statuses) in EXPECTED.items()
        if method == "GET" and name not in GEEN_PAGINA and statuses[ROLES.index(role)] != 302
    ]


def formulieren_van(role: str) -> list[str]:
    """Every form action of the walk that answers this role's empty submission with 422."""
    return [
        reverse(name.removesuffix(" POST"), args=arguments(kind))
        for name, (method, kind, statuses) in EXPECTED.items()
        if method == "POST" and statuses[ROLES.index(role)] == 422
    ]


def extra_paginas(role: str) -> list[str]:
    """Pages in states the walk does not reach: other overview views, a 404."""
    paginas = ["/bestaat-niet/"]
    if role == "anonymous":
        return paginas
    paginas += [
        "/overzicht/?rijen=gebieden&niveau=buurt&maat=belemmeringen",
        "/overzicht/?niveau=onzin",  # an unknown filter value: the notice, and the default
        "/overzicht/?team=0",  # an id naming nothing: 400 with the error summary
        "/belemmeringen/?ernst=onzin",
    ]
    if role in {"regie", "coordinator", "beheer"}:
        regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM, leden__username="regie")
        peilmoment = leg_peilmoment_vast(
            regieteam=regieteam, door=get_user_model().objects.get(username="regie")
        )
        paginas.append(f"/overzicht/?peilmoment={peilmoment.pk}")
    return paginas


def aanmelden(page: Page, live_server, role: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(role)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_url(f"{live_server.url}/")


def verstuur_leeg(page: Page, live_server, url: str) -> None:
    """Post an empty form to `url` without JavaScript's help, as a browser without htmx would,
    and land on the page that shows the errors."""
    token = page.locator("[name=csrfmiddlewaretoken]").first.get_attribute("value")
    with page.expect_navigation():
        page.evaluate(
            """([url, token]) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = url;
                const veld = document.createElement("input");
                veld.type = "hidden";
                veld.name = "csrfmiddlewaretoken";
                veld.value = token;
                form.append(veld);
                document.body.append(form);
                form.submit();
            }""",
            [f"{live_server.url}{url}", token],
        )


@pytest.mark.parametrize("role", ROLES)
def test_axe_finds_no_violations_on_any_page_of_the_role(browser: Browser, live_server, demo, role):
    # bypass_csp: axe is injected as a script tag, which a strict CSP rightly refuses.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    overtredingen: dict[str, list[dict]] = {}

    def controleer(waar: str) -> None:
        gevonden = axe_overtredingen(page)
        if gevonden:
            overtredingen[waar] = gevonden

    if role == "anonymous":
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill("regie")
        page.get_by_label("Wachtwoord").fill("fout")
        page.get_by_role("button", name="Aanmelden").click()
        expect(page.get_by_role("alert")).to_be_visible()
        controleer("login with an error")
    else:
        aanmelden(page, live_server, role)

    bezocht = paginas_van(role) + extra_paginas(role)
    assert len(bezocht) >= (3 if role == "anonymous" else 10)
    for url in bezocht:
        antwoord = page.goto(f"{live_server.url}{url}")
        assert antwoord is not None and antwoord.status < 500, url
        controleer(f"GET {url} ({antwoord.status})")

    for url in formulieren_van(role):
        page.goto(f"{live_server.url}/")
        verstuur_leeg(page, live_server, url)
        expect(page.get_by_role("alert").first).to_be_visible()  # an error state says so
        controleer(f"POST {url} (empty)")

    context.close()
    assert not overtredingen, "axe-core found violations:\n" + beschrijf(overtredingen)


def test_axe_finds_no_violations_after_htmx_swaps_on_the_opgave_board(
    browser: Browser, live_server, demo
):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    aanmelden(page, live_server, "lid")
    opgave = Opgave.objects.get(team__leden__username="lid")
    actie = Actie.objects.filter(opgave=opgave).first()
    page.goto(f"{live_server.url}{opgave.get_absolute_url()}")
    wacht_op_scripts(page, "htmx")
    overtredingen: dict[str, list[dict]] = {}

    page.get_by_role("link", name=f"Bewerken: {actie.titel}").click()
    titel = page.locator(f"#actie-{actie.pk}").get_by_label("Titel")
    expect(titel).to_be_focused()
    overtredingen["inline edit form open"] = axe_overtredingen(page)

    titel.fill("")
    with page.expect_response(lambda r: "/bewerken/" in r.url and r.status == 422):
        page.locator(f"#actie-{actie.pk}").get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#actie-{actie.pk} .ob-error-summary")).to_be_focused()
    overtredingen["inline edit form with its 422 errors"] = axe_overtredingen(page)

    page.get_by_text("Actie of experiment toevoegen").click()
    with page.expect_response(lambda r: "/acties/" in r.url and r.status == 422):
        page.locator("#acties").get_by_role("button", name="Toevoegen").click()
    expect(page.locator("#acties .ob-error-summary")).to_be_focused()
    overtredingen["new actie form with its 422 errors"] = axe_overtredingen(page)

    context.close()
    overtredingen = {waar: lijst for waar, lijst in overtredingen.items() if lijst}
    assert not overtredingen, "axe-core found violations:\n" + beschrijf(overtredingen)


def test_at_320_css_pixels_no_page_scrolls_sideways_except_in_labelled_board_regions(
    browser: Browser, live_server, demo
):
    """WCAG 1.4.10 Reflow: 320 CSS px is a 1280 px screen at 400% zoom. The page itself
    must not scroll in two directions; a board's columns may, inside a named region that
    the keyboard can reach and scroll. Every page of the walk, for the roles that between
    them see every board and form."""
    problemen = []
    for role in ["regie", "lid", "beheer"]:
        context = browser.new_context(viewport={"width": 320, "height": 640})
        page = context.new_page()
        aanmelden(page, live_server, role)
        problemen += _breder_dan_het_scherm(page, live_server, paginas_van(role) + ["/"])
        context.close()
    assert problemen == [], "\n".join(problemen)


def _breder_dan_het_scherm(page: Page, live_server, urls: list[str]) -> list[str]:
    problemen = []
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        meting = page.evaluate(
            """() => {
                const breedte = document.documentElement.clientWidth;
                const schuivers = Array.from(document.querySelectorAll("body *")).filter((e) => {
                    const x = getComputedStyle(e).overflowX;
                    return (x === "auto" || x === "scroll") && e.scrollWidth > e.clientWidth + 1;
                });
                return {
                    pagina: document.documentElement.scrollWidth - breedte,
                    ongelabeld: schuivers
                        .filter((e) => !(e.getAttribute("role") === "region"
                            && (e.getAttribute("aria-label") || e.getAttribute("aria-labelledby"))
                            && e.tabIndex >= 0))
                        .map((e) => e.outerHTML.slice(0, 120)),
                };
            }"""
        )
        if meting["pagina"] > 0:
            problemen.append(f"{url}: the page is {meting['pagina']} px too wide")
        problemen.extend(f"{url}: scrolls sideways unlabelled: {e}" for e in meting["ongelabeld"])
    return problemen


def test_statuses_are_told_in_words_and_a_symbol_not_by_colour_alone(
    browser: Browser, live_server, demo
):
    """WCAG 1.4.1: every status badge on the boards carries its status as text, and a
    symbol that differs per status, besides its colour."""
    context = browser.new_context()
    page = context.new_page()
    aanmelden(page, live_server, "regie")
    regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM, leden__username="regie")
    badges = []
    for url in [
        reverse("teams:bord", args=[regieteam.slug]),
        Opgave.objects.filter(team__soort=TeamSoort.OPGAVETEAM).first().get_absolute_url(),
        "/gebieden/FK01/",
        "/overzicht/",
    ]:
        page.goto(f"{live_server.url}{url}")
        badges += page.evaluate(
            """() => Array.from(document.querySelectorAll(".ob-status, .ob-lokaal"), (e) => ({
                soort: Array.from(e.classList).find((c) => c.includes("--")) || "neutraal",
                tekst: e.innerText.replace(/[○●▲■✓]/g, "").trim(),
                symbool: getComputedStyle(e, "::before").content,
            }))"""
        )
    context.close()

    soorten = {badge["soort"] for badge in badges}
    assert {"ob-status--zorg", "ob-lokaal--aandacht", "ob-lokaal--loopt"} <= soorten
    for badge in badges:
        assert badge["tekst"], badge
        assert badge["symbool"] not in {"none", "normal", '""'}, badge
    symbool_per_soort = {badge["soort"]: badge["symbool"] for badge in badges}
    for groep in ("ob-status", "ob-lokaal"):
        symbolen = [s for k, s in symbool_per_soort.items() if k.startswith(f"{groep}--")]
        assert len(symbolen) == len(set(symbolen)), symbool_per_soort


def test_axe_finds_no_violations_after_htmx_swaps_on_the_wijk_board(
    browser: Browser, live_server, demo
):
    """The wijk board's in-place edit of a local status, and the conflict notice it swaps in
    when someone else saved first (409)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    aanmelden(page, live_server, "regie")
    page.goto(f"{live_server.url}/gebieden/FK01/")
    wacht_op_scripts(page, "htmx")
    overtredingen: dict[str, list[dict]] = {}

    bewerken = page.get_by_role("link", name="Bewerken").first
    rij_id = bewerken.get_attribute("hx-target")
    bewerken.click()
    rij = page.locator(rij_id)
    expect(rij.get_by_role("button", name="Opslaan")).to_be_visible()
    overtredingen["local status form open"] = axe_overtredingen(page)

    landing = OpgaveGebied.objects.get(pk=rij_id.removeprefix("#landing-"))
    landing.notitie = "Intussen door een ander aangepast."
    landing.version += 1
    landing.save()
    with page.expect_response(lambda r: "/bewerken/" in r.url and r.status == 409):
        rij.get_by_role("button", name="Opslaan").click()
    expect(rij.get_by_role("alert")).to_contain_text("Iemand anders heeft dit intussen gewijzigd")
    overtredingen["local status conflict notice"] = axe_overtredingen(page)

    context.close()
    overtredingen = {waar: lijst for waar, lijst in overtredingen.items() if lijst}
    assert not overtredingen, "axe-core found violations:\n" + beschrijf(overtredingen)
