"""The accessibility statement (toegankelijkheidsverklaring): public, Dutch, and honest about
what was tested."""

import pytest

from web.home import vendor_versie

pytestmark = pytest.mark.django_db


def test_anyone_can_read_the_statement_without_signing_in(client):
    response = client.get("/toegankelijkheid/")
    assert response.status_code == 200
    tekst = response.content.decode()
    assert '<h1 class="utrecht-heading-1">Toegankelijkheidsverklaring</h1>' in tekst
    for kop in ["Nalevingsstatus", "Wat we testen, en hoe", "Bekende beperkingen"]:
        assert kop in tekst
    assert "Feedback en contact" in tekst


def test_the_statement_names_the_axe_core_version_the_tests_use(client):
    versie = vendor_versie("axe-core")
    assert versie.count(".") == 2
    assert f"axe-core {versie}" in client.get("/toegankelijkheid/").content.decode()


def test_every_page_links_to_the_statement_from_its_footer(client, user):
    for pagina in ["/accounts/login/", "/toegankelijkheid/"]:
        assert 'href="/toegankelijkheid/"' in client.get(pagina).content.decode()
    client.force_login(user)
    tekst = client.get("/").content.decode()
    footer = tekst[tekst.index("<footer") :]
    assert 'href="/toegankelijkheid/">Toegankelijkheid</a>' in footer


def test_a_radio_group_is_a_fieldset_with_a_legend_and_no_blank_choice(client, user):
    client.force_login(user)
    tekst = client.get("/melden/").content.decode()
    groep = tekst[tekst.index("<fieldset") : tekst.index("</fieldset>")]
    assert '<legend class="utrecht-form-label">Wat wil je melden?</legend>' in groep
    assert 'type="radio" name="soort" value="kans"' in groep
    assert "---------" not in groep
    assert 'for="id_soort"' not in tekst  # no label pointing at the group's wrapper


def test_refused_and_missing_pages_keep_the_site_layout_and_say_what_happened(client, user):
    client.force_login(user)
    niet_gevonden = client.get("/bestaat-niet/")
    assert niet_gevonden.status_code == 404
    assert "Niet gevonden" in niet_gevonden.content.decode()
    geweigerd = client.get("/teams/nieuw/")
    assert geweigerd.status_code == 403
    for antwoord in (niet_gevonden, geweigerd):
        tekst = antwoord.content.decode()
        assert '<html lang="nl">' in tekst
        assert 'href="#inhoud"' in tekst and '<main id="inhoud"' in tekst
    assert "Geen toegang" in geweigerd.content.decode()
