"""Bad requests get a clear 4xx, never a 500: too large, malformed, nonsense ids, endless text."""

import pytest
from django import forms as django_forms
from django.conf import settings

import opgaven.forms
import teams.forms
import web.forms
from kern.invoer import LANGE_TEKST
from tests.factories import ActieFactory, LidmaatschapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def opgave():
    """An opgave with an actie on its board."""
    return ActieFactory().opgave


@pytest.fixture
def lid(opgave, login):
    """The test client, signed in as a member of the opgave's team."""
    return login(LidmaatschapFactory(team=opgave.team).user)


def test_an_oversized_form_gets_413_with_a_dutch_page(lid):
    groot = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = lid.post("/melden/", {"titel": "t", "beschrijving": groot})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Te veel gegevens" in html
    assert "Maak de tekst korter" in html


def test_an_oversized_request_is_refused_before_anything_is_saved(lid, opgave):
    aantal = opgave.updates.count()
    groot = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = lid.post(f"/opgaven/{opgave.pk}/voortgang/", {"status": "op_koers", "tekst": groot})
    assert response.status_code == 413
    assert opgave.updates.count() == aantal


def test_garbage_multipart_gets_a_4xx_with_a_message(lid):
    response = lid.generic(
        "POST",
        "/melden/",
        b"--grens\r\nContent-Disposition: form-data; naam\r\n\r\nkapot",
        content_type="multipart/form-data; boundary=grens",
    )
    # Django's parser skips the broken part: what is left is an empty, invalid form.
    assert response.status_code == 422
    assert "Controleer de invoer" in response.content.decode()


def test_a_multipart_body_without_boundary_gets_400(lid):
    response = lid.generic("POST", "/melden/", b"titel=x", content_type="multipart/form-data")
    assert response.status_code == 400
    assert "Ongeldig verzoek" in response.content.decode()


def test_bad_encoding_is_a_form_error_not_a_crash(lid):
    response = lid.generic(
        "POST",
        "/melden/",
        b"titel=%FF%FE%00&beschrijving=\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )
    assert 400 <= response.status_code < 500


def test_too_many_fields_get_400(lid):
    velden = "&".join(f"v{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = lid.generic(
        "POST", "/melden/", velden, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/opgaven/abc/",
        "/opgaven/99999999999999999999999/",
        "/opgaven/-1/",
        "/teams/%00/",
        "/gebieden/%3Cscript%3E/",
    ],
)
def test_nonsense_ids_get_404(lid, url):
    assert lid.get(url).status_code == 404


def test_an_absurdly_long_title_gets_422_with_a_message(lid, opgave):
    aantal = opgave.acties.count()
    response = lid.post(f"/opgaven/{opgave.pk}/acties/", {"titel": "x" * 5000, "kolom": "te_doen"})
    assert response.status_code == 422
    assert "niet meer dan 200 tekens bevat (het zijn er nu 5000)" in response.content.decode()
    assert opgave.acties.count() == aantal


def test_a_nonsense_version_or_position_gets_422(lid, opgave):
    actie = opgave.acties.first()
    response = lid.post(
        f"/opgaven/{opgave.pk}/acties/{actie.pk}/verplaatsen/",
        {"kolom": "te_doen", "na": "1e309"},
    )
    assert response.status_code == 422


def test_a_filter_naming_nonsense_ids_gets_400_not_500(lid):
    assert lid.get("/belemmeringen/?opgave=abc&gebied=%00&team=-5").status_code == 400
    assert lid.get("/overzicht/?team=abc").status_code == 400


def test_denied_and_missing_pages_are_dutch_pages_in_the_site_layout(wereld, login):
    coordinator = login(wereld.coordinator)
    opgave = wereld.opgave
    niet_gevonden = coordinator.get("/opgaven/99999999/")
    geweigerd = coordinator.post(f"/opgaven/{opgave.pk}/acties/", {})
    assert niet_gevonden.status_code == 404
    assert "Niet gevonden" in niet_gevonden.content.decode()
    assert geweigerd.status_code == 403
    assert "Geen toegang" in geweigerd.content.decode()
    for response in (niet_gevonden, geweigerd):
        assert '<html lang="nl"' in response.content.decode()
        assert "Afmelden" in response.content.decode()


def formulieren():
    for module in (opgaven.forms, teams.forms, web.forms):
        for klasse in vars(module).values():
            if isinstance(klasse, type) and issubclass(klasse, django_forms.BaseForm):
                yield klasse


def test_every_text_field_of_every_form_has_a_length_limit():
    zonder_grens = [
        f"{klasse.__name__}.{naam}"
        for klasse in formulieren()
        for naam, veld in klasse.base_fields.items()
        if type(veld) is django_forms.CharField and not veld.max_length
    ]
    assert zonder_grens == []


def test_free_text_longer_than_the_limit_gets_422_and_is_not_saved(lid, opgave):
    aantal = opgave.updates.count()
    response = lid.post(
        f"/opgaven/{opgave.pk}/voortgang/",
        {"status": "op_koers", "datum": "2026-11-01", "tekst": "x" * (LANGE_TEKST + 1)},
    )
    assert response.status_code == 422
    assert f"niet meer dan {LANGE_TEKST} tekens bevat" in response.content.decode().replace(".", "")
    assert opgave.updates.count() == aantal
