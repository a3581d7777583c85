"""The history pages of an opgave, actie and belemmering: every version, newest first, who
changed what in words; and restoring, which fills the normal edit form with an earlier
version's values on top of the current version, so a change made meanwhile is never lost."""

import pytest
from django.urls import reverse

from opgaven.models import Actie, Belemmering, Opgave
from rechten.opgaven import nodig_gast_uit
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    """Alice works on the opgave of team Jeugd, Bob reads along as a guest, Charlie is
    elsewhere."""
    team = TeamFactory(naam="Jeugd")
    opgave = OpgaveFactory(team=team, titel="Zomerschool", status="verkenning")
    alice = LidmaatschapFactory(
        team=team, user__username="alice", user__first_name="Alice", user__last_name="Jansen"
    ).user
    bob = UserFactory(username="bob")
    nodig_gast_uit(bob, opgave, mag_wijzigen=False)
    return {"opgave": opgave, "alice": alice, "bob": bob, "charlie": UserFactory()}


def bewerk_opgave(client, opgave, url=None, **velden):
    gegevens = {
        "titel": opgave.titel,
        "beschrijving": opgave.beschrijving,
        "thema": opgave.thema_id,
        "aanvliegroute": opgave.aanvliegroute,
        "status": opgave.status,
        "versie": opgave.version,
    } | velden
    return client.post(url or f"/opgaven/{opgave.pk}/bewerken/", gegevens)


@pytest.fixture
def bewerkt(client, wereld):
    """Alice changed the opgave's status on its edit page."""
    client.force_login(wereld["alice"])
    response = bewerk_opgave(client, wereld["opgave"], status="in_uitvoering", reden="start")
    assert response.status_code == 302
    wereld["opgave"].refresh_from_db()
    return wereld["opgave"]


def test_the_history_of_an_opgave_shows_every_version_newest_first(client, bewerkt):
    response = client.get(f"/opgaven/{bewerkt.pk}/geschiedenis/")
    versies = response.context["versies"]
    assert [versie.wat for versie in versies] == ["wijzigde", "maakte aan"]
    nieuwste = versies[0]
    assert nieuwste.wie == "Alice Jansen"
    assert [(w.veld, w.oud, w.nieuw) for w in nieuwste.wijzigingen] == [
        ("Status", "Verkenning", "In uitvoering")
    ]
    assert "van Verkenning naar In uitvoering" in response.content.decode()
    gemaakt_met = {w.veld: w.nieuw for w in versies[1].wijzigingen}
    assert (gemaakt_met["Titel"], gemaakt_met["Thema"]) == ("Zomerschool", "Wonen")


def test_the_history_names_people_and_dates_in_words(client, wereld):
    opgave = wereld["opgave"]
    actie = ActieFactory(opgave=opgave, titel="Flyers")
    client.force_login(wereld["alice"])
    client.post(
        f"/opgaven/{opgave.pk}/acties/{actie.pk}/bewerken/",
        {
            "titel": "Flyers",
            "soort": "actie",
            "eigenaar": wereld["alice"].pk,
            "deadline": "2026-12-24",
            "versie": actie.version,
        },
    )
    response = client.get(f"/opgaven/{opgave.pk}/acties/{actie.pk}/geschiedenis/")
    wijzigingen = {w.veld: w for w in response.context["versies"][0].wijzigingen}
    assert (wijzigingen["Eigenaar"].oud, wijzigingen["Eigenaar"].nieuw) == ("–", "Alice Jansen")
    assert wijzigingen["Deadline"].nieuw == "24 december 2026"


def test_the_history_shows_the_reason_of_a_change(client, wereld):
    opgave = wereld["opgave"]
    opgave.archiveer(door=wereld["alice"])
    client.force_login(wereld["bob"])
    html = client.get(f"/opgaven/{opgave.pk}/geschiedenis/").content.decode()
    assert "Reden: gearchiveerd" in html


def geschiedenis_urls(opgave, actie, belemmering) -> list[str]:
    return [
        f"/opgaven/{opgave.pk}/geschiedenis/",
        f"/opgaven/{opgave.pk}/acties/{actie.pk}/geschiedenis/",
        f"/belemmeringen/{belemmering.pk}/geschiedenis/",
    ]


def test_an_outsider_gets_404_on_every_history_page(client, wereld):
    opgave = wereld["opgave"]
    urls = geschiedenis_urls(
        opgave, ActieFactory(opgave=opgave), BelemmeringFactory(opgaven=[opgave])
    )
    client.force_login(wereld["charlie"])
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]


def test_a_reader_sees_every_history_page_without_restore_buttons(client, wereld, bewerkt):
    urls = geschiedenis_urls(
        bewerkt, ActieFactory(opgave=bewerkt), BelemmeringFactory(opgaven=[bewerkt])
    )
    client.force_login(wereld["bob"])
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert response.context["bewerk_url"] == ""
        assert "Deze versie terugzetten" not in response.content.decode()


def test_who_may_change_it_may_restore_every_earlier_version(client, bewerkt):
    html = client.get(f"/opgaven/{bewerkt.pk}/geschiedenis/").content.decode()
    eerste = bewerkt.history.earliest("history_date")
    assert html.count("?versie=") == 1  # not the current one
    assert f"/opgaven/{bewerkt.pk}/bewerken/?versie={eerste.history_id}" in html


def test_the_boards_link_the_history_pages(client, wereld):
    opgave = wereld["opgave"]
    actie = ActieFactory(opgave=opgave)
    belemmering = BelemmeringFactory(opgaven=[opgave])
    client.force_login(wereld["alice"])
    html = client.get(f"/opgaven/{opgave.pk}/").content.decode()
    for url in geschiedenis_urls(opgave, actie, belemmering):
        assert f'href="{url}"' in html
    assert f'href="/belemmeringen/{belemmering.pk}/bewerken/"' in html
    bord = client.get("/belemmeringen/").content.decode()
    assert f'href="/belemmeringen/{belemmering.pk}/geschiedenis/"' in bord


def test_the_activity_stream_links_to_the_history_of_what_changed(client, wereld):
    opgave = wereld["opgave"]
    actie = ActieFactory(opgave=opgave, titel="Flyers")
    client.force_login(wereld["alice"])
    stroom = client.get(f"/opgaven/{opgave.pk}/").context["activiteit"]
    urls = {gebeurtenis.onderwerp: gebeurtenis.url for gebeurtenis in stroom}
    assert urls["actie “Flyers”"] == f"/opgaven/{opgave.pk}/acties/{actie.pk}/geschiedenis/"
    assert urls["de opgave"] == f"/opgaven/{opgave.pk}/geschiedenis/"


# Restoring


def test_restoring_opens_the_edit_form_with_that_versions_values_and_the_current_version(
    client, bewerkt
):
    eerste = bewerkt.history.earliest("history_date")
    response = client.get(f"/opgaven/{bewerkt.pk}/bewerken/?versie={eerste.history_id}")
    form = response.context["form"]
    assert form["status"].value() == "verkenning"
    assert form["versie"].value() == bewerkt.version
    assert "Het formulier is gevuld met de versie van" in response.content.decode()
    assert Opgave.objects.get(pk=bewerkt.pk).status == "in_uitvoering"  # nothing written yet


def test_saving_the_restored_form_restores_the_version_and_history_says_so(client, bewerkt):
    eerste = bewerkt.history.earliest("history_date")
    url = f"/opgaven/{bewerkt.pk}/bewerken/?versie={eerste.history_id}"
    assert bewerk_opgave(client, bewerkt, url=url, status="verkenning").status_code == 302
    bewerkt.refresh_from_db()
    assert bewerkt.status == "verkenning"
    assert bewerkt.history.first().history_change_reason.startswith("teruggezet naar de versie van")


def test_a_change_made_meanwhile_makes_the_restore_answer_409_and_is_kept(client, bewerkt):
    eerste = bewerkt.history.earliest("history_date")
    url = f"/opgaven/{bewerkt.pk}/bewerken/?versie={eerste.history_id}"
    geladen = client.get(url).context["form"]["versie"].value()
    anders = Opgave.objects.get(pk=bewerkt.pk)
    anders.titel = "Zomerschool 2026"
    anders.save()
    response = bewerk_opgave(client, bewerkt, url=url, status="verkenning", versie=geladen)
    assert response.status_code == 409
    assert response.context["conflict"] == [("Titel", "Zomerschool 2026")]
    assert response.context["form"]["status"].value() == "verkenning"  # what was typed stays
    bewerkt.refresh_from_db()
    assert (bewerkt.titel, bewerkt.status) == ("Zomerschool 2026", "in_uitvoering")


@pytest.mark.parametrize("versie", ["abc", "-1", "999999", "andere"])
def test_a_version_that_is_not_of_this_record_is_a_bad_request(client, bewerkt, versie):
    if versie == "andere":
        versie = OpgaveFactory(team=bewerkt.team).history.get().history_id
    assert client.get(f"/opgaven/{bewerkt.pk}/bewerken/?versie={versie}").status_code == 400


def test_an_actie_is_restored_through_its_own_edit_form(client, wereld):
    opgave = wereld["opgave"]
    actie = ActieFactory(opgave=opgave, titel="Flyers", beschrijving="Op de markt")
    actie.beschrijving = "Bij de school"
    actie.save()
    eerste = actie.history.earliest("history_date")
    client.force_login(wereld["alice"])
    url = f"/opgaven/{opgave.pk}/acties/{actie.pk}/bewerken/?versie={eerste.history_id}"
    form = client.get(url).context["form"]
    assert form["beschrijving"].value() == "Op de markt"
    gegevens = {"titel": "Flyers", "soort": "actie", "beschrijving": "Op de markt"}
    response = client.post(url, gegevens | {"versie": form["versie"].value()})
    assert response.status_code == 302
    assert Actie.objects.get(pk=actie.pk).beschrijving == "Op de markt"


def test_a_belemmering_is_restored_through_its_own_edit_form(client, wereld):
    belemmering = BelemmeringFactory(opgaven=[wereld["opgave"]], titel="Geen ruimte")
    belemmering.titel = "Geen ruimte op zaterdag"
    belemmering.save()
    eerste = belemmering.history.earliest("history_date")
    client.force_login(wereld["alice"])
    url = reverse("belemmering_bewerken", args=[belemmering.pk]) + f"?versie={eerste.history_id}"
    form = client.get(url).context["form"]
    assert form["titel"].value() == "Geen ruimte"
    gegevens = {"titel": "Geen ruimte", "ernst": "midden", "versie": form["versie"].value()}
    assert client.post(url, gegevens).status_code == 302
    assert Belemmering.objects.get(pk=belemmering.pk).titel == "Geen ruimte"


def test_restoring_a_change_of_course_says_what_changed_back(client, bewerkt):
    eerste = bewerkt.history.earliest("history_date")
    url = f"/opgaven/{bewerkt.pk}/bewerken/?versie={eerste.history_id}"
    assert bewerk_opgave(client, bewerkt, url=url, status="verkenning").status_code == 302
    reden = Opgave.objects.get(pk=bewerkt.pk).history.first().history_change_reason
    assert reden.endswith("; Status: In uitvoering → Verkenning")
