"""The accessibility statement (toegankelijkheidsverklaring): public, Dutch, and honest about
what was tested."""

import pytest

from opgaven.views import vendor_versie

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


def test_every_page_links_to_the_statement_from_its_footer(client, demo, login):
    for pagina in ["/accounts/login/", "/toegankelijkheid/"]:
        assert 'href="/toegankelijkheid/"' in client.get(pagina).content.decode()
    login("lid")
    tekst = client.get("/").content.decode()
    footer = tekst[tekst.index("<footer") :]
    assert 'href="/toegankelijkheid/">Toegankelijkheid</a>' in footer
