"""Every query parameter goes through a form: an unknown filter value falls back to the
default and the page says so; a bad id or export format answers 400; nothing answers 500."""

import re

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import opgaven.forms
import teams.forms
import web.forms
from gebieden.models import Niveau
from kern.invoer import Paginaparameters
from tests.factories import (
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
)
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments

pytestmark = pytest.mark.django_db

TERUGGEVALLEN = "had een onbekende waarde en staat nu op de standaard"


@pytest.fixture
def regie(client):
    """A regieteam member with one opgave on the board, signed in."""
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    wijk = GebiedFactory(code="FK", niveau=Niveau.WIJK, ouder=stadsdeel)
    buurt = GebiedFactory(code="FK01", niveau=Niveau.BUURT, ouder=wijk)
    regieteam = RegieteamFactory(slug="regie", gebied=stadsdeel)
    opgave = OpgaveFactory(titel="Isoleren")
    OpgaveGebiedFactory(opgave=opgave, gebied=buurt)
    user = LidmaatschapFactory(team=regieteam).user
    LidmaatschapFactory(team=opgave.team, user=user)
    client.force_login(user)
    client.opgave = opgave
    return client


def test_an_empty_map_measure_falls_back_to_the_number_of_opgaven(regie):
    response = regie.get("/overzicht/?maat=")
    assert response.status_code == 200
    assert "Aantal opgaven" in response.content.decode()


def test_an_unknown_filter_value_falls_back_and_the_page_says_so(regie):
    response = regie.get("/overzicht/?maat=onzin&niveau=wereld&thema=%3Cscript%3E")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Een paar filters in het webadres hadden een onbekende waarde" in html
    assert "Thema, Per, Kaart kleurt naar" in html
    assert "Isoleren" in html  # shown per wijk, the default
    assert "<script>" not in html
    assert '<option value="wijk" selected>' in html


def test_known_filter_values_give_no_notice(regie):
    html = regie.get("/overzicht/?maat=belemmeringen&niveau=buurt").content.decode()
    assert TERUGGEVALLEN not in html
    assert "onbekende waarde" not in html


def test_belemmeringen_filters_fall_back_too(regie):
    response = regie.get("/belemmeringen/?ernst=onzin&ouder_dan=-5&opgelost=ooit")
    assert response.status_code == 200
    assert "Ernst, Ouder dan (dagen), Opgeloste belemmeringen" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/overzicht/?team=999999",
        "/overzicht/?peilmoment=abc",
        "/belemmeringen/?opgave=999999",
        "/belemmeringen/?gebied=-1",
    ],
)
def test_an_id_that_names_nothing_the_reader_may_see_is_a_bad_request(regie, url):
    response = regie.get(url)
    assert response.status_code == 400
    assert "Controleer de invoer" in response.content.decode()


def test_bad_export_formats_are_bad_requests_on_every_page_that_exports(regie):
    pk = regie.opgave.pk
    for url in [
        f"/opgaven/{pk}/?export=pdf",
        "/teams/regie/bord/?export=doc",
        "/gebieden/FK01/?export=%00",
        "/overzicht/?export=xlsx2",
    ]:
        assert regie.get(url).status_code == 400, url


def test_a_change_check_with_a_nonsense_stand_returns_the_board(regie):
    pk = regie.opgave.pk
    response = regie.get(f"/opgaven/{pk}/?sinds=" + "9" * 500, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert regie.get("/teams/regie/bord/?sinds=%00").status_code == 200


def test_the_values_check_refuses_an_opgave_of_another_team(regie):
    team = regie.opgave.team
    ander = OpgaveFactory()
    assert regie.get(f"/teams/{team.slug}/waardencheck/?opgave={ander.pk}").status_code == 400
    assert regie.get(f"/teams/{team.slug}/waardencheck/?opgave=abc").status_code == 400
    assert (
        regie.get(f"/teams/{team.slug}/waardencheck/?opgave={regie.opgave.pk}").status_code == 200
    )


def test_the_download_links_carry_the_corrected_filters(regie):
    html = regie.get("/overzicht/?maat=onzin").content.decode()
    download = re.search(r'href="\?([^"]*)export=csv"', html)[1]
    assert "maat=opgaven" in download
    assert "onzin" not in download


# The fuzz test: random and hostile query strings on every page of the URL walk.


def parameternamen() -> list[str]:
    """Every field of every page's parameter form, plus what Django's own pages read."""
    namen = {"next", "page", "q", "sinds", "export", "opgave"}
    for module in (opgaven.forms, teams.forms, web.forms):
        for klasse in vars(module).values():
            if isinstance(klasse, type) and issubclass(klasse, Paginaparameters):
                namen |= set(klasse.base_fields)
    return sorted(namen)


def paginas():
    """Every GET entry of the URL walk, with the first role that gets a page there."""
    for naam, (methode, soort, statussen) in EXPECTED.items():
        if methode != "GET" or naam.startswith("admin:"):
            continue
        rol = next((r for r in ROLES[1:] if statussen[ROLES.index(r)] == 200), None)
        if rol:
            yield pytest.param(naam, soort, rol, id=naam)


VIJANDIG = [
    "",
    "0",
    "-1",
    "1e309",
    "NaN",
    "99999999999999999999999999",
    "%00",
    "\x00",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "csv",
    "xlsx",
    "buurt",
    "gebieden",
    "aandacht",
    "alle",
    "x" * 3000,
    "\ud7ff\ufffd",
]
waarden = st.one_of(
    st.sampled_from(VIJANDIG), st.text(max_size=100), st.integers(-(2**70), 2**70).map(str)
)
queries = st.dictionaries(
    st.one_of(st.sampled_from(parameternamen()), st.text(min_size=1, max_size=10)),
    st.one_of(waarden, st.lists(waarden, min_size=1, max_size=3)),
    max_size=6,
)


@pytest.mark.parametrize(("naam", "soort", "rol"), list(paginas()))
def test_random_and_hostile_query_strings_never_crash_a_page(client, wereld, naam, soort, rol):
    client.force_login(wereld.rol(rol))
    url = reverse(naam, args=arguments(soort, lid="alice", buiten="charlie"))

    @settings(
        max_examples=15,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=queries, htmx=st.booleans())
    def bezoek(query, htmx):
        response = client.get(url, query, headers={"HX-Request": "true"} if htmx else {})
        assert response.status_code in {200, 204, 302, 400}, (query, response.status_code)

    bezoek()


def test_every_page_of_the_walk_is_fuzzed():
    gefuzzd = {p.values[0] for p in paginas()}
    assert {"overzicht", "belemmeringen", "opgaven:detail", "teams:bord"} <= gefuzzd
    assert "gebieden:detail" in gefuzzd
