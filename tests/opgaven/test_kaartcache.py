"""Board cards are cached by what they show, and the move buttons share one form per board:
a cached card is never stale, and the buttons do what they did as separate forms."""

import re

import pytest

from opgaven.models import Actie, Kolom, Mijlpaal

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_an_actie_card_shows_a_change_made_behind_the_apps_back(wereld, login):
    client = login(wereld.alice)
    opgave = wereld.opgave
    actie = opgave.acties.first()
    assert actie.titel in client.get(opgave.get_absolute_url()).content.decode()
    Actie.objects.filter(pk=actie.pk).update(titel="Buurtgesprek verplaatst naar de bieb")
    html = client.get(opgave.get_absolute_url()).content.decode()
    kaart = html[html.index(f'id="actie-{actie.pk}"') :].split("</li>")[0]
    assert "Buurtgesprek verplaatst naar de bieb" in kaart
    assert actie.titel not in kaart


def test_a_regieteam_card_shows_progress_made_behind_the_apps_back(wereld, login):
    client = login(wereld.bob)
    regieteam = wereld.regieteam
    opgave = wereld.opgave
    client.get(f"/teams/{regieteam.slug}/bord/")
    Mijlpaal.objects.filter(opgave=opgave).update(gereed=True)
    kaarten = client.get(f"/teams/{regieteam.slug}/bord/").context["opgaven"]
    kaart = next(k for k in kaarten if k.pk == opgave.pk)
    html = client.get(f"/teams/{regieteam.slug}/bord/").content.decode()
    totaal = opgave.mijlpalen.count()
    assert f"{totaal} van {totaal} mijlpalen" in html
    assert kaart.voortgang == 100


def test_a_card_is_rendered_for_the_viewer_not_for_whoever_saw_it_first(wereld, login):
    opgave = wereld.opgave
    lid_html = login(wereld.alice).get(opgave.get_absolute_url()).content.decode()
    assert "Bewerken" in lid_html
    coordinator_html = login(wereld.coordinator).get(opgave.get_absolute_url()).content.decode()
    assert 'aria-label="Bewerken:' not in coordinator_html
    assert "acties-verplaatsen" not in coordinator_html


def test_the_cards_carry_no_csrf_token_the_shared_move_form_does(wereld, login):
    opgave = wereld.opgave
    html = login(wereld.alice).get(opgave.get_absolute_url()).content.decode()
    kolommen = re.findall(r'<ol class="ob-kaarten".*?</ol>', html, flags=re.S)
    assert len(kolommen) == 4
    assert all("csrfmiddlewaretoken" not in kolom for kolom in kolommen)
    assert all('form="acties-verplaatsen"' in kolom for kolom in kolommen if "<li" in kolom)
    assert '<form id="acties-verplaatsen"' in html


def test_a_hoger_button_without_a_column_keeps_the_card_in_its_column(wereld, login):
    client = login(wereld.alice)
    opgave = wereld.opgave
    kaarten = list(opgave.acties.filter(kolom=Kolom.BEZIG).order_by("positie"))
    assert len(kaarten) >= 2, "the opgave has two cards in progress"
    url = f"/opgaven/{opgave.pk}/acties/{kaarten[1].pk}/verplaatsen/"
    assert client.post(url, {"na": ""}, headers=HTMX).status_code == 200
    kaarten[1].refresh_from_db()
    assert (kaarten[1].kolom, kaarten[1].positie) == (Kolom.BEZIG, 0)


def test_a_move_that_names_neither_column_nor_place_is_refused(wereld, login):
    client = login(wereld.alice)
    opgave = wereld.opgave
    actie = opgave.acties.first()
    response = client.post(f"/opgaven/{opgave.pk}/acties/{actie.pk}/verplaatsen/", {}, headers=HTMX)
    assert response.status_code == 422


def test_a_regieteam_button_names_its_card_in_the_url(wereld, login):
    client = login(wereld.bob)
    regieteam = wereld.regieteam
    volgorde = [k.pk for k in client.get(f"/teams/{regieteam.slug}/bord/").context["opgaven"]]
    url = f"/teams/{regieteam.slug}/bord/verplaats/?opgave={volgorde[1]}"
    assert client.post(url, {"na": ""}, headers=HTMX).status_code == 200
    nieuw = [k.pk for k in client.get(f"/teams/{regieteam.slug}/bord/").context["opgaven"]]
    assert nieuw[:2] == [volgorde[1], volgorde[0]]


def test_the_activity_stream_shows_a_change_at_once(wereld, login):
    client = login(wereld.alice)
    opgave = wereld.opgave
    client.get(opgave.get_absolute_url())
    actie = opgave.acties.first()
    actie.titel = "Huiswerkklas verhuisd naar de bieb"
    actie.save()
    stroom = client.get(opgave.get_absolute_url()).context["activiteit"]
    assert stroom[0].onderwerp == "actie “Huiswerkklas verhuisd naar de bieb”"


def test_deleting_a_belemmering_tells_the_boards_of_the_opgaven_it_blocked(wereld, login):
    opgave = wereld.opgave
    belemmering = opgave.belemmeringen.first()
    voor = opgave.bord_versie
    belemmering.delete()
    opgave.refresh_from_db()
    assert opgave.bord_versie > voor
