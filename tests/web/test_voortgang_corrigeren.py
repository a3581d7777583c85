"""Correcting a voortgangsupdate (web/voortgang.py, rechten/voortgang.py): its author may, on the
day they wrote it, while they may change the board; anyone else, or the author the next day,
gets a 403 that says why, and the board offers "Corrigeren" only where it is allowed."""

import datetime

import pytest
from django.utils import timezone

from opgaven.models import VoortgangStatus, Voortgangsupdate
from rechten.opgaven import nodig_gast_uit
from tests.factories import UserFactory, VoortgangsupdateFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def update(wereld):
    """Alice's update of this morning."""
    return VoortgangsupdateFactory(
        opgave=wereld.opgave,
        auteur=wereld.alice,
        status=VoortgangStatus.OP_KOERS,
        tekst="Spreekuur loopt goed.",
    )


def url(update) -> str:
    return f"/opgaven/{update.opgave_id}/voortgang/{update.pk}/bewerken/"


def gisteren_geschreven(update) -> None:
    gisteren = timezone.now() - datetime.timedelta(days=1)
    Voortgangsupdate.objects.filter(pk=update.pk).update(aangemaakt_op=gisteren)


def correctie(update, **velden) -> dict:
    return {
        "status": VoortgangStatus.AANDACHT,
        "datum": update.datum.isoformat(),
        "tekst": "Spreekuur loopt goed, maar de wachtlijst groeit.",
        "versie": update.version,
    } | velden


def test_the_author_corrects_their_update_the_same_day_in_place(wereld, login, update):
    client = login(wereld.alice)
    formulier = client.get(url(update), headers=HTMX)
    assert formulier.status_code == 200
    assert formulier.content.decode().lstrip().startswith(f'<li id="voortgang-{update.pk}"')
    response = client.post(url(update), correctie(update), headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#voortgang"
    html = response.content.decode()
    assert "De voortgangsupdate is gecorrigeerd." in html
    assert "de wachtlijst groeit" in html
    update.refresh_from_db()
    assert (update.status, update.version) == (VoortgangStatus.AANDACHT, 2)


def test_the_history_records_the_correction_and_who_made_it(wereld, login, update):
    login(wereld.alice).post(url(update), correctie(update), headers=HTMX)
    laatste = update.history.first()
    assert laatste.history_type == "~"
    assert laatste.history_user == wereld.alice
    assert laatste.history_change_reason == "gecorrigeerd door de auteur"
    assert update.history.last().tekst == "Spreekuur loopt goed."


def test_without_javascript_correcting_is_a_page_and_saving_redirects(wereld, login, update):
    client = login(wereld.alice)
    pagina = client.get(url(update))
    assert "<html" in pagina.content.decode()
    assert "Voortgangsupdate corrigeren" in pagina.content.decode()
    response = client.post(url(update), correctie(update))
    assert response.status_code == 302
    assert response["Location"] == wereld.opgave.get_absolute_url()


def test_the_board_offers_corrigeren_only_on_the_authors_own_update_of_today(wereld, login, update):
    eigen = f'hx-get="{url(update)}"'
    van_tessa = Voortgangsupdate.objects.get(auteur=wereld.trekker)
    html = login(wereld.alice).get(wereld.opgave.get_absolute_url()).content.decode()
    assert eigen in html
    assert url(van_tessa) not in html
    gisteren_geschreven(update)
    html = login(wereld.alice).get(wereld.opgave.get_absolute_url()).content.decode()
    assert eigen not in html


def test_the_author_the_next_day_gets_403_saying_to_add_a_new_update(wereld, login, update):
    gisteren_geschreven(update)
    client = login(wereld.alice)
    for response in (client.get(url(update)), client.post(url(update), correctie(update))):
        assert response.status_code == 403
        assert "alleen corrigeren op de dag dat je haar schreef" in response.content.decode()
    assert Voortgangsupdate.objects.get(pk=update.pk).tekst == "Spreekuur loopt goed."


def test_another_member_of_the_team_gets_403_saying_only_the_author_may(wereld, login, update):
    response = login(wereld.trekker).post(url(update), correctie(update))
    assert response.status_code == 403
    assert "Alleen wie deze voortgangsupdate schreef" in response.content.decode()
    assert Voortgangsupdate.objects.get(pk=update.pk).tekst == "Spreekuur loopt goed."


def test_the_coordinator_gets_403_and_an_outsider_404(wereld, login, update):
    assert login(wereld.coordinator).post(url(update), correctie(update)).status_code == 403
    assert login(wereld.charlie).get(url(update)).status_code == 404
    assert login(wereld.charlie).post(url(update), correctie(update)).status_code == 404


def test_an_update_of_another_opgave_is_not_found(wereld, login):
    elders = VoortgangsupdateFactory(opgave=wereld.andere_opgave, auteur=wereld.alice)
    response = login(wereld.alice).get(
        f"/opgaven/{wereld.opgave.pk}/voortgang/{elders.pk}/bewerken/"
    )
    assert response.status_code == 404


def test_an_author_who_may_no_longer_change_the_board_gets_403(wereld, login):
    gast = UserFactory(username="gast")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    update = VoortgangsupdateFactory(opgave=wereld.opgave, auteur=gast)
    client = login(gast)
    assert client.get(url(update)).status_code == 200
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=False)
    client = login(gast)
    assert client.get(url(update)).status_code == 403


def test_on_an_archived_opgave_even_the_author_gets_403(wereld, login, update):
    wereld.opgave.archiveer(door=wereld.trekker)
    response = login(wereld.alice).get(url(update))
    assert response.status_code == 403
    assert "gearchiveerd" in response.content.decode()


def test_a_correction_on_top_of_someone_elses_change_answers_409(wereld, login, update):
    geladen = update.version
    Voortgangsupdate.objects.get(pk=update.pk).save()  # an edit elsewhere (say, the admin)
    response = login(wereld.alice).post(
        url(update), correctie(update, versie=geladen), headers=HTMX
    )
    assert response.status_code == 409
    assert "Iemand anders heeft deze voortgangsupdate intussen gewijzigd." in (
        response.content.decode()
    )
    assert Voortgangsupdate.objects.get(pk=update.pk).tekst == "Spreekuur loopt goed."


def test_a_correction_without_text_answers_422(wereld, login, update):
    response = login(wereld.alice).post(url(update), correctie(update, tekst=""), headers=HTMX)
    assert response.status_code == 422
    assert "Controleer de invoer" in response.content.decode()


def test_the_same_day_is_amsterdams_day(wereld, update):
    """Written at half past midnight in Amsterdam: still the previous day in UTC, but today."""
    vandaag = timezone.localdate()
    nacht = timezone.make_aware(datetime.datetime.combine(vandaag, datetime.time(0, 30)))
    Voortgangsupdate.objects.filter(pk=update.pk).update(aangemaakt_op=nacht)
    update.refresh_from_db()
    assert update.aangemaakt_op.astimezone(datetime.UTC).date() < vandaag
    assert update.is_van_vandaag
    Voortgangsupdate.objects.filter(pk=update.pk).update(
        aangemaakt_op=nacht - datetime.timedelta(hours=1)
    )
    update.refresh_from_db()
    assert not update.is_van_vandaag
