"""The opgave board's write endpoints: as member, read-only user and outsider; validation,
stale versions, and partial versus full responses."""

import pytest
from django.contrib.auth.models import Group
from django.utils.html import strip_tags

from opgaven.models import Actie, Belemmering, Kolom, Mijlpaal, Opgave, Voortgangsupdate
from teams.models import COORDINATOREN_GROEP
from tests.factories import (
    ActieFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    UserFactory,
)
from web import opgavebord

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def opgave():
    opgave = OpgaveFactory(titel="Schuldhulp dichtbij")
    ActieFactory(opgave=opgave, titel="Spreekuur", kolom=Kolom.TE_DOEN, positie=0)
    ActieFactory(opgave=opgave, titel="Formulierenbrigade", kolom=Kolom.TE_DOEN, positie=1)
    return opgave


@pytest.fixture
def lid(opgave):
    return LidmaatschapFactory(team=opgave.team).user


@pytest.fixture
def coordinator():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COORDINATOREN_GROEP))
    return user


def url(opgave, rest=""):
    return f"/opgaven/{opgave.pk}/{rest}"


def actie(titel) -> Actie:
    return Actie.objects.get(titel=titel)


# Adding acties


def test_a_member_adds_an_actie_at_the_bottom_of_its_column(client, opgave, lid):
    client.force_login(lid)
    response = client.post(
        url(opgave, "acties/"),
        {"titel": "Budgetcursus", "kolom": "te_doen", "soort": "actie"},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<section class="ob-section" id="acties"')
    assert "Budgetcursus" in response.content.decode()
    assert actie("Budgetcursus").positie == 2


def test_an_experiment_without_hypothese_gets_a_dutch_error_and_422(client, opgave, lid):
    client.force_login(lid)
    response = client.post(
        url(opgave, "acties/"),
        {"titel": "Proef", "kolom": "idee", "soort": "experiment"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Een experiment heeft een hypothese" in response.content.decode()
    assert not Actie.objects.filter(titel="Proef").exists()


def test_without_javascript_adding_redirects_back_to_the_board(client, opgave, lid):
    client.force_login(lid)
    response = client.post(
        url(opgave, "acties/"), {"titel": "Budgetcursus", "kolom": "idee", "soort": "actie"}
    )
    assert response.status_code == 302
    assert response["Location"] == url(opgave)


def test_without_javascript_a_validation_error_renders_the_whole_board(client, opgave, lid):
    client.force_login(lid)
    response = client.post(url(opgave, "acties/"), {"titel": "", "kolom": "idee", "soort": "actie"})
    assert response.status_code == 422
    assert "<html" in response.content.decode()


def test_read_only_users_get_403_and_outsiders_404_on_every_write(client, opgave, coordinator):
    kaart = actie("Spreekuur")
    mijlpaal = MijlpaalFactory(opgave=opgave)
    writes = [
        url(opgave, "acties/"),
        url(opgave, f"acties/{kaart.pk}/bewerken/"),
        url(opgave, f"acties/{kaart.pk}/verplaatsen/"),
        url(opgave, f"acties/{kaart.pk}/verwijderen/"),
        url(opgave, f"mijlpalen/{mijlpaal.pk}/afvinken/"),
        url(opgave, "voortgang/"),
        url(opgave, "belemmeringen/"),
    ]
    client.force_login(coordinator)
    assert [client.post(w, {"titel": "x"}).status_code for w in writes] == [403] * len(writes)
    client.force_login(UserFactory())
    assert [client.post(w, {"titel": "x"}).status_code for w in writes] == [404] * len(writes)
    assert Actie.objects.filter(opgave=opgave).count() == 2


# Editing with optimistic locking


def test_a_member_edits_a_card_and_its_version_goes_up(client, opgave, lid):
    kaart = actie("Spreekuur")
    client.force_login(lid)
    form = client.get(url(opgave, f"acties/{kaart.pk}/bewerken/"), headers=HTMX)
    assert form.status_code == 200
    assert f'name="versie" value="{kaart.version}"' in form.content.decode()
    response = client.post(
        url(opgave, f"acties/{kaart.pk}/bewerken/"),
        {"titel": "Spreekuur geldzaken", "soort": "actie", "versie": kaart.version},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#acties"
    kaart.refresh_from_db()
    assert kaart.titel == "Spreekuur geldzaken"
    assert kaart.version == 2


def test_a_stale_save_answers_409_shows_the_other_change_and_keeps_it(client, opgave, lid):
    kaart = actie("Spreekuur")
    geladen = kaart.version
    kaart.titel = "Spreekuur op dinsdag"  # someone else saves first
    kaart.save()
    client.force_login(lid)
    response = client.post(
        url(opgave, f"acties/{kaart.pk}/bewerken/"),
        {"titel": "Spreekuur op woensdag", "soort": "actie", "versie": geladen},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft deze kaart intussen gewijzigd" in html
    assert "Spreekuur op dinsdag" in html  # the other person's change
    assert 'value="Spreekuur op woensdag"' in html  # what this person typed, still there
    assert "Nieuwste versie laden" in html
    assert actie("Spreekuur op dinsdag").version == geladen + 1


def test_moving_a_card_does_not_make_an_open_edit_stale(client, opgave, lid):
    kaart = actie("Spreekuur")
    client.force_login(lid)
    client.post(url(opgave, f"acties/{kaart.pk}/verplaatsen/"), {"kolom": "bezig"}, headers=HTMX)
    response = client.post(
        url(opgave, f"acties/{kaart.pk}/bewerken/"),
        {
            "titel": "Spreekuur",
            "soort": "actie",
            "versie": kaart.version,
            "beschrijving": "Elke week",
        },
        headers=HTMX,
    )
    assert response.status_code == 200


def test_an_edit_without_version_is_refused_with_422(client, opgave, lid):
    kaart = actie("Spreekuur")
    client.force_login(lid)
    response = client.post(
        url(opgave, f"acties/{kaart.pk}/bewerken/"), {"titel": "X", "soort": "actie"}, headers=HTMX
    )
    assert response.status_code == 422
    assert actie("Spreekuur").titel == "Spreekuur"


def test_a_card_of_another_opgave_is_not_found_through_this_board(client, opgave, lid):
    vreemd = ActieFactory()
    client.force_login(lid)
    assert client.get(url(opgave, f"acties/{vreemd.pk}/bewerken/")).status_code == 404


def test_cancelling_an_edit_returns_the_kanban(client, opgave, lid):
    kaart = actie("Spreekuur")
    client.force_login(lid)
    response = client.get(url(opgave, f"acties/{kaart.pk}/"), headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#acties"
    assert "Formulierenbrigade" in response.content.decode()


# Moving


def test_a_member_moves_a_card_to_another_column_after_a_card(client, opgave, lid):
    ActieFactory(opgave=opgave, titel="Huisbezoek", kolom=Kolom.BEZIG, positie=0)
    client.force_login(lid)
    response = client.post(
        url(opgave, f"acties/{actie('Spreekuur').pk}/verplaatsen/"),
        {"kolom": "bezig", "na": actie("Huisbezoek").pk},
        headers=HTMX,
    )
    assert response.status_code == 200
    bezig = Actie.objects.filter(kolom=Kolom.BEZIG).order_by("positie")
    assert [a.titel for a in bezig] == ["Huisbezoek", "Spreekuur"]
    assert actie("Formulierenbrigade").positie == 0


def test_a_move_after_a_card_that_left_answers_409_with_the_current_board(client, opgave, lid):
    elders = ActieFactory(opgave=opgave, titel="Elders", kolom=Kolom.KLAAR, positie=0)
    client.force_login(lid)
    response = client.post(
        url(opgave, f"acties/{actie('Spreekuur').pk}/verplaatsen/"),
        {"kolom": "bezig", "na": elders.pk},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "Het bord was intussen veranderd" in response.content.decode()


def test_an_unknown_column_is_refused_with_422(client, opgave, lid):
    client.force_login(lid)
    response = client.post(
        url(opgave, f"acties/{actie('Spreekuur').pk}/verplaatsen/"),
        {"kolom": "later"},
        headers=HTMX,
    )
    assert response.status_code == 422
    assert "Deze kaart kon niet worden verplaatst" in response.content.decode()


def test_deleting_a_card_closes_the_gap(client, opgave, lid):
    client.force_login(lid)
    response = client.post(
        url(opgave, f"acties/{actie('Spreekuur').pk}/verwijderen/"), headers=HTMX
    )
    assert response.status_code == 200
    assert "Actie “Spreekuur” is verwijderd." in response.content.decode()
    assert actie("Formulierenbrigade").positie == 0


# Mijlpalen, voortgang, belemmeringen


def test_a_member_ticks_off_a_mijlpaal_and_progress_follows(client, opgave, lid):
    mijlpaal = MijlpaalFactory(opgave=opgave, titel="Spreekuur draait")
    MijlpaalFactory(opgave=opgave)
    client.force_login(lid)
    response = client.post(
        url(opgave, f"mijlpalen/{mijlpaal.pk}/afvinken/"),
        {"gereed": "on", "versie": mijlpaal.version},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Heropen “Spreekuur draait”" in response.content.decode()
    assert Mijlpaal.objects.get(pk=mijlpaal.pk).gereed
    assert Opgave.objects.met_voortgang().get(pk=opgave.pk).voortgang == 50


def test_ticking_off_a_mijlpaal_someone_else_changed_answers_409(client, opgave, lid):
    mijlpaal = MijlpaalFactory(opgave=opgave)
    geladen = mijlpaal.version
    mijlpaal.gereed = True
    mijlpaal.save()
    client.force_login(lid)
    response = client.post(
        url(opgave, f"mijlpalen/{mijlpaal.pk}/afvinken/"), {"versie": geladen}, headers=HTMX
    )
    assert response.status_code == 409
    assert Mijlpaal.objects.get(pk=mijlpaal.pk).gereed


def test_ticking_off_a_mijlpaal_without_its_version_says_why_it_failed(client, opgave, lid):
    mijlpaal = MijlpaalFactory(opgave=opgave)
    client.force_login(lid)
    response = client.post(
        url(opgave, f"mijlpalen/{mijlpaal.pk}/afvinken/"), {"gereed": "on"}, headers=HTMX
    )
    assert response.status_code == 422
    assert "Deze mijlpaal kon niet worden gewijzigd" in response.content.decode()
    assert not Mijlpaal.objects.get(pk=mijlpaal.pk).gereed


def test_a_member_adds_a_voortgangsupdate(client, opgave, lid):
    client.force_login(lid)
    response = client.post(
        url(opgave, "voortgang/"),
        {"status": "aandacht", "datum": "2026-11-20", "tekst": "Minder bezoekers dan gehoopt."},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Minder bezoekers dan gehoopt." in response.content.decode()
    update = Voortgangsupdate.objects.get(opgave=opgave)
    assert update.auteur == lid
    assert Opgave.objects.met_voortgang().get(pk=opgave.pk).laatste_status == "aandacht"


def test_a_voortgangsupdate_needs_a_status_and_text(client, opgave, lid):
    client.force_login(lid)
    response = client.post(url(opgave, "voortgang/"), {"datum": "2026-11-20"}, headers=HTMX)
    assert response.status_code == 422
    assert not Voortgangsupdate.objects.exists()


def test_a_member_raises_a_belemmering_on_the_opgave(client, opgave, lid):
    client.force_login(lid)
    response = client.post(
        url(opgave, "belemmeringen/"), {"titel": "Geen ruimte", "ernst": "midden"}, headers=HTMX
    )
    assert response.status_code == 200
    belemmering = Belemmering.objects.get(titel="Geen ruimte")
    assert list(belemmering.opgaven.all()) == [opgave]
    assert belemmering.ingebracht_door == lid


# Change check and activity


def test_the_change_check_answers_204_until_the_board_changes(client, opgave, lid):
    client.force_login(lid)
    stand = client.get(url(opgave)).context["stand"]
    assert client.get(url(opgave) + f"?sinds={stand}", headers=HTMX).status_code == 204
    kaart = actie("Spreekuur")
    kaart.titel = "Spreekuur geldzaken"
    kaart.save()
    response = client.get(url(opgave) + f"?sinds={stand}", headers=HTMX)
    assert response.status_code == 200
    assert "Spreekuur geldzaken" in response.content.decode()


def test_the_change_check_hides_boards_from_outsiders(client, opgave):
    client.force_login(UserFactory())
    assert client.get(url(opgave) + "?sinds=0", headers=HTMX).status_code == 404


def test_the_activity_stream_says_who_changed_what(client, opgave, lid):
    client.force_login(lid)
    client.post(
        url(opgave, f"acties/{actie('Spreekuur').pk}/verplaatsen/"),
        {"kolom": "bezig"},
        headers=HTMX,
    )
    html = client.get(url(opgave)).content.decode()
    naam = lid.get_full_name()
    assert f"{naam} wijzigde actie “Spreekuur” (naar Bezig)" in strip_tags(html)


def test_moving_a_card_deleted_while_the_request_ran_answers_409_with_a_clear_message(
    client, monkeypatch
):
    lid = LidmaatschapFactory().user
    opgave = OpgaveFactory(team=lid.lidmaatschappen.get().team)
    kaart = ActieFactory(opgave=opgave, titel="Flyers rondbrengen")
    origineel = opgavebord.actie_van

    def daarna_verwijderd(*args):
        gevonden = origineel(*args)
        Actie.objects.filter(pk=gevonden.pk).delete()  # someone else, just after
        return gevonden

    monkeypatch.setattr(opgavebord, "actie_van", daarna_verwijderd)
    client.force_login(lid)
    for url, gegevens in [
        (f"/opgaven/{opgave.pk}/acties/{kaart.pk}/verplaatsen/", {"kolom": "klaar"}),
        (f"/opgaven/{opgave.pk}/acties/{kaart.pk}/verwijderen/", {}),
    ]:
        response = client.post(url, gegevens, headers={"HX-Request": "true"})
        assert response.status_code == 409
        assert "bestaat niet meer: iemand anders heeft haar intussen verwijderd" in (
            response.content.decode()
        )
        ActieFactory(opgave=opgave, pk=kaart.pk, titel="Flyers rondbrengen")
