"""The admin uses the app's version check: every change form of a versioned record, and every
inline row of one, carries the version it was loaded at, and a save on top of someone else's
newer change is refused, naming what they changed, with nothing saved."""

import pytest
from django.contrib import admin
from django.urls import reverse

from kern.admin import VersieControle
from kern.versioning import VersionedModel
from opgaven.models import Actie, Mijlpaal, Opgave
from tests.factories import ActieFactory, MijlpaalFactory, OpgaveGebiedFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheer(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def zoals_geladen(response) -> dict:
    """What the admin change page posts when saved as it was loaded (forms and inlines)."""
    formulieren = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formulieren += [inline.formset.management_form, *inline.formset.forms]
    gegevens = {"_save": "Opslaan"}
    for formulier in formulieren:
        for veld in formulier:
            waarde = veld.value()
            if waarde in (None, False):
                continue
            if isinstance(waarde, list):
                gegevens[veld.html_name] = [str(w) for w in waarde]
            else:
                gegevens[veld.html_name] = "on" if waarde is True else str(waarde)
    return gegevens


def test_a_stale_admin_save_is_refused_naming_what_the_other_person_changed(beheer):
    actie = ActieFactory(titel="Flyers", beschrijving="")
    url = reverse("admin:opgaven_actie_change", args=[actie.pk])
    gegevens = zoals_geladen(beheer.get(url)) | {"hypothese": "Meer bezoekers"}
    in_de_app = Actie.objects.get(pk=actie.pk)
    in_de_app.titel, in_de_app.beschrijving = "Flyers bij de school", "Maandag"
    in_de_app.save()
    response = beheer.post(url, gegevens)
    assert response.status_code == 200
    assert (
        "Niet opgeslagen: iemand anders heeft intussen titel, beschrijving gewijzigd."
        in response.content.decode()
    )
    nu = Actie.objects.get(pk=actie.pk)
    assert (nu.titel, nu.hypothese, nu.version) == ("Flyers bij de school", "", 2)


def test_a_fresh_admin_save_goes_through(beheer):
    actie = ActieFactory(titel="Flyers")
    url = reverse("admin:opgaven_actie_change", args=[actie.pk])
    response = beheer.post(url, zoals_geladen(beheer.get(url)) | {"titel": "Posters"})
    assert response.status_code == 302
    nu = Actie.objects.get(pk=actie.pk)
    assert (nu.titel, nu.version) == ("Posters", 2)


def test_a_stale_inline_row_is_refused_and_the_page_saves_nothing(beheer):
    opgave = OpgaveGebiedFactory().opgave
    mijlpaal = MijlpaalFactory(opgave=opgave, titel="Locatie gevonden")
    url = reverse("admin:opgaven_opgave_change", args=[opgave.pk])
    gegevens = zoals_geladen(beheer.get(url)) | {"titel": "Nieuwe titel"}
    afgevinkt = Mijlpaal.objects.get(pk=mijlpaal.pk)
    afgevinkt.gereed = True  # ticked off on the board meanwhile
    afgevinkt.save()
    response = beheer.post(url, gegevens)
    assert response.status_code == 200
    assert "iemand anders heeft intussen gereed, gereed op gewijzigd" in response.content.decode()
    assert Mijlpaal.objects.get(pk=mijlpaal.pk).gereed
    assert Opgave.objects.get(pk=opgave.pk).titel == opgave.titel


def test_a_stale_save_of_an_opgave_names_the_fields(beheer):
    opgave = OpgaveGebiedFactory().opgave
    url = reverse("admin:opgaven_opgave_change", args=[opgave.pk])
    gegevens = zoals_geladen(beheer.get(url))
    opgave.status = "gepauzeerd"
    opgave.save()
    response = beheer.post(url, gegevens)
    assert "Niet opgeslagen: iemand anders heeft intussen status gewijzigd." in (
        response.content.decode()
    )
    assert Opgave.objects.get(pk=opgave.pk).status == "gepauzeerd"


def test_every_admin_of_a_versioned_record_and_its_inlines_use_the_version_check():
    zonder = []
    for model, model_admin in admin.site._registry.items():
        if issubclass(model, VersionedModel) and not isinstance(model_admin, VersieControle):
            zonder.append(model.__name__)
        for inline in model_admin.inlines:
            if issubclass(inline.model, VersionedModel) and not issubclass(inline, VersieControle):
                zonder.append(f"{model.__name__}: {inline.__name__}")
    assert zonder == []
