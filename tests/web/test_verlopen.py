"""What is past its deadline and not done shows as "Verlopen" on the boards, in words and a
symbol, and is counted on the regieteam board's card; a cached card never hides it when a day
passes without anyone writing anything."""

import datetime

import pytest
from django.utils import timezone

from opgaven import termijnen
from opgaven.models import Actie, Kolom
from tests.factories import ActieFactory, MijlpaalFactory

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()
GISTEREN = VANDAAG - datetime.timedelta(days=1)


def regiebord(client, wereld) -> str:
    return client.get(f"/teams/{wereld.regieteam.slug}/bord/").content.decode()


def kaart(html: str, opgave) -> str:
    """The regieteam card of `opgave`."""
    begin = html.index(f'id="opgave-{opgave.pk}-titel"')
    volgende = html.find('<li class="ob-card ob-prioriteit"', begin)
    return html[begin : volgende if volgende > 0 else html.index("</ol>", begin)]


def test_the_regieteam_card_counts_what_is_past_its_deadline(wereld, login):
    MijlpaalFactory(opgave=wereld.opgave, titel="Te laat", deadline=GISTEREN)
    Actie.objects.filter(titel="Formulierenbrigade").update(deadline=GISTEREN)
    Actie.objects.filter(titel="Spreekuur geldzaken").update(deadline=GISTEREN)  # in Klaar
    html = kaart(regiebord(login(wereld.bob), wereld), wereld.opgave)
    assert '<span class="ob-status ob-status--verlopen">2 verlopen' in html
    assert "(mijlpalen en acties over hun deadline)" in html


def test_a_card_with_nothing_past_its_deadline_shows_no_count(wereld, login):
    html = kaart(regiebord(login(wereld.bob), wereld), wereld.opgave)
    assert "verlopen" not in html


def test_archived_acties_are_not_counted(wereld, login):
    ActieFactory(opgave=wereld.opgave, deadline=GISTEREN, kolom=Kolom.BEZIG).archiveer(door=None)
    html = kaart(regiebord(login(wereld.bob), wereld), wereld.opgave)
    assert "verlopen" not in html


def test_the_cached_regieteam_card_shows_the_count_once_a_deadline_passes(
    wereld, login, monkeypatch
):
    MijlpaalFactory(opgave=wereld.opgave, deadline=VANDAAG)
    client = login(wereld.bob)
    assert "verlopen" not in kaart(regiebord(client, wereld), wereld.opgave)
    monkeypatch.setattr(termijnen, "vandaag", lambda: VANDAAG + datetime.timedelta(days=1))
    assert "1 verlopen" in kaart(regiebord(client, wereld), wereld.opgave)


def test_the_cached_actie_card_shows_verlopen_once_its_deadline_passes(wereld, login, monkeypatch):
    brigade = Actie.objects.get(titel="Formulierenbrigade")
    Actie.objects.filter(pk=brigade.pk).update(deadline=VANDAAG)
    client = login(wereld.alice)

    def actiekaart() -> str:
        html = client.get(wereld.opgave.get_absolute_url()).content.decode()
        begin = html.index(f'id="actie-{brigade.pk}"')
        return html[begin : html.index("</li>", begin)]

    assert "Verlopen" not in actiekaart()
    monkeypatch.setattr(termijnen, "vandaag", lambda: VANDAAG + datetime.timedelta(days=1))
    assert "Verlopen" in actiekaart()


def test_the_home_card_counts_what_is_past_its_deadline_too(wereld, login):
    MijlpaalFactory(opgave=wereld.opgave, titel="Te laat", deadline=GISTEREN)
    html = login(wereld.alice).get("/").content.decode()
    assert '<span class="ob-status ob-status--verlopen">1 verlopen' in html
