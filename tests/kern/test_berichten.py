"""Messages travel one way, with and without JavaScript (kern/middleware.py,
kern/templatetags/berichten.py): a message for a part of the page shows in that part; any
other reaches the messages region, for htmx as an out-of-band swap; and an answer that may be
a page or a fragment says so in `Vary`."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory
from django_htmx.http import HttpResponseClientRedirect
from django_htmx.middleware import HtmxDetails

from kern.middleware import HtmxBerichtenMiddleware
from opgaven.models import Actie, Kolom
from tests.factories import ActieFactory, LidmaatschapFactory, OpgaveFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def verzoek(htmx: bool):
    request = RequestFactory().post("/", headers=HTMX if htmx else {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.htmx = HtmxDetails(request)
    return request


def antwoord_met_bericht(response):
    def view(request):
        messages.success(request, "De opgave is opgeslagen.")
        return response

    return view


def test_an_htmx_fragment_brings_its_message_to_the_messages_region_out_of_band():
    middleware = HtmxBerichtenMiddleware(antwoord_met_bericht(HttpResponse("<p>deel</p>")))
    html = middleware(verzoek(htmx=True)).content.decode()
    assert html.startswith("<p>deel</p>")
    assert 'id="berichten"' in html
    assert 'role="status"' in html
    assert 'hx-swap-oob="innerHTML"' in html
    assert "De opgave is opgeslagen." in html


def test_a_whole_page_and_a_client_redirect_leave_their_messages_alone():
    for request, response in [
        (verzoek(htmx=False), HttpResponse("<p>pagina</p>")),
        (verzoek(htmx=True), HttpResponseClientRedirect("/teams/")),
    ]:
        middleware = HtmxBerichtenMiddleware(antwoord_met_bericht(response))
        assert "berichten" not in middleware(request).content.decode()
        assert [str(m) for m in messages.get_messages(request)] == ["De opgave is opgeslagen."]


def test_a_change_check_that_queues_nothing_leaves_the_next_pages_message_alone():
    request = verzoek(htmx=True)
    messages.success(request, "Team Jeugd is aangemaakt.")
    request._messages.added_new = False  # queued by the request before, as the session has it
    middleware = HtmxBerichtenMiddleware(lambda request: HttpResponse("<p>bord</p>"))
    assert middleware(request).content.decode() == "<p>bord</p>"


def test_every_answer_varies_on_hx_request(client):
    assert "HX-Request" in client.get("/accounts/login/")["Vary"]


def test_a_message_for_a_part_shows_once_in_that_part_with_and_without_javascript(client):
    opgave = OpgaveFactory()
    kaarten = [ActieFactory(opgave=opgave, kolom=Kolom.TE_DOEN, positie=i) for i in range(2)]
    client.force_login(LidmaatschapFactory(team=opgave.team).user)
    melding = f"Actie “{kaarten[0].titel}” is verwijderd."

    html = client.post(
        f"/opgaven/{opgave.pk}/acties/{kaarten[0].pk}/verwijderen/", headers=HTMX
    ).content.decode()
    assert html.count(melding) == 1
    assert 'id="berichten"' not in html

    response = client.post(f"/opgaven/{opgave.pk}/acties/{kaarten[1].pk}/verwijderen/", follow=True)
    acties = response.content.decode().split('id="acties"')[1]
    assert f"Actie “{kaarten[1].titel}” is verwijderd." in acties
    assert not Actie.objects.filter(opgave=opgave).exists()
