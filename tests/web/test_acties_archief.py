"""Archiving acties instead of deleting them (web/opgavebord.py, opgaven/ordering.py): the card
leaves the board for its "Gearchiveerd" list, the message says so with "Ongedaan maken", and
"Terugzetten" brings it back into its column. Deleting stays, behind a confirmation, for a card
made by mistake."""

import pytest
from django.utils import timezone

from kern.berichten import ongedaan_maken, ongedaan_url
from opgaven.models import Actie, Kolom
from opgaven.ordering import herstel_actie, plaats_nieuwe_actie
from rechten.opgaven import nodig_gast_uit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def actie(titel: str) -> Actie:
    return Actie.objects.get(titel=titel)


def archiveer(client, opgave, kaart, **kwargs):
    return client.post(f"/opgaven/{opgave.pk}/acties/{kaart.pk}/archiveren/", **kwargs)


def herstel(client, opgave, kaart, **kwargs):
    return client.post(f"/opgaven/{opgave.pk}/acties/{kaart.pk}/herstellen/", **kwargs)


def bezig(opgave) -> list[str]:
    """The titles in the column Bezig, top to bottom, as the board shows them."""
    return list(
        opgave.acties.actief()
        .filter(kolom=Kolom.BEZIG)
        .order_by("positie")
        .values_list("titel", flat=True)
    )


@pytest.fixture
def gast(wereld):
    """A partner invited to work on the opgave."""
    gast = UserFactory(username="gast")
    nodig_gast_uit(gast, wereld.opgave, mag_wijzigen=True)
    return gast


def test_archiving_takes_the_card_off_the_board_into_its_archive_list(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    response = archiveer(client, wereld.opgave, kaart, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="ob-section" id="acties"')
    assert f'id="actie-{kaart.pk}"' not in html
    assert "Gearchiveerd (1 actie)" in html
    assert "Terugzetten" in html
    assert bezig(wereld.opgave) == ["Vroegsignalering met de corporatie"]
    kaart.refresh_from_db()
    assert kaart.is_gearchiveerd and kaart.gearchiveerd_door == wereld.alice


def test_the_message_says_it_is_archived_with_an_undo_button_that_posts_to_restore(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    html = archiveer(client, wereld.opgave, kaart, headers=HTMX).content.decode()
    herstel_url = f"/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/herstellen/"
    assert "Actie “Formulierenbrigade” is gearchiveerd." in html
    assert f'<form class="ob-inline-form" method="post" action="{herstel_url}"' in html
    assert f'hx-post="{herstel_url}" hx-target="#acties"' in html
    assert "Ongedaan maken" in html
    assert html.count("is gearchiveerd.") == 1  # in the part, not again out of band


def test_without_javascript_archiving_redirects_and_the_board_offers_the_undo(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    response = archiveer(client, wereld.opgave, kaart)
    assert response.status_code == 302
    assert response["Location"] == wereld.opgave.get_absolute_url()
    bord = client.get(response["Location"]).content.decode()
    acties = bord.split('id="acties"')[1]
    assert "Actie “Formulierenbrigade” is gearchiveerd." in acties
    assert f'action="/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/herstellen/"' in acties
    assert 'name="csrfmiddlewaretoken"' in acties.split("Ongedaan maken")[0]


def test_undo_puts_the_card_back_exactly_where_it_was(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")  # the top of Bezig
    archiveer(client, wereld.opgave, kaart, headers=HTMX)
    response = herstel(client, wereld.opgave, kaart, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Actie “Formulierenbrigade” staat weer op het bord." in html
    assert f'id="actie-{kaart.pk}"' in html
    assert "Gearchiveerd (" not in html
    assert bezig(wereld.opgave) == ["Formulierenbrigade", "Vroegsignalering met de corporatie"]
    kaart.refresh_from_db()
    assert not kaart.is_gearchiveerd and kaart.gearchiveerd_door is None


def test_a_later_restore_goes_to_its_old_place_or_the_bottom_of_a_shorter_column(wereld):
    onderste = actie("Vroegsignalering met de corporatie")  # place 1 in Bezig
    Actie.objects.filter(pk=onderste.pk).update(gearchiveerd_op=timezone.now())
    Actie.objects.filter(titel="Formulierenbrigade").update(gearchiveerd_op=timezone.now())
    herstel_actie(opgave_id=wereld.opgave.pk, actie_id=onderste.pk, door=wereld.alice)
    assert bezig(wereld.opgave) == ["Vroegsignalering met de corporatie"]
    assert actie("Vroegsignalering met de corporatie").positie == 0


def test_a_card_added_while_others_are_archived_joins_the_bottom_of_the_active_column(
    client, wereld
):
    client.force_login(wereld.alice)
    archiveer(client, wereld.opgave, actie("Formulierenbrigade"))
    nieuw = plaats_nieuwe_actie(Actie(opgave=wereld.opgave, titel="Inloop", kolom=Kolom.BEZIG))
    assert nieuw.positie == 1
    assert bezig(wereld.opgave) == ["Vroegsignalering met de corporatie", "Inloop"]


def test_archiving_and_restoring_are_in_the_cards_history_with_who(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    archiveer(client, wereld.opgave, kaart)
    herstel(client, wereld.opgave, kaart)
    historie = list(kaart.history.order_by("history_date", "history_id"))
    assert [(h.history_change_reason, h.history_user) for h in historie[-2:]] == [
        ("gearchiveerd", wereld.alice),
        ("hersteld uit het archief", wereld.alice),
    ]
    bord = client.get(wereld.opgave.get_absolute_url()).content.decode()
    assert "actie “Formulierenbrigade”</a> (gearchiveerd)" in bord


def test_archiving_and_restoring_raise_the_board_stand_so_open_boards_refresh(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    stand = wereld.opgave.bord_versie
    archiveer(client, wereld.opgave, kaart)
    wereld.opgave.refresh_from_db()
    assert wereld.opgave.bord_versie > stand
    stand = wereld.opgave.bord_versie
    herstel(client, wereld.opgave, kaart)
    wereld.opgave.refresh_from_db()
    assert wereld.opgave.bord_versie > stand


def test_the_board_export_leaves_archived_acties_out(client, wereld):
    client.force_login(wereld.alice)
    archiveer(client, wereld.opgave, actie("Formulierenbrigade"))
    csv = client.get(wereld.opgave.get_absolute_url() + "?export=csv").content.decode("utf-8-sig")
    assert "Vroegsignalering met de corporatie" in csv
    assert "Formulierenbrigade" not in csv


def test_the_archive_list_shows_to_readers_without_its_restore_button(client, wereld):
    client.force_login(wereld.alice)
    archiveer(client, wereld.opgave, actie("Formulierenbrigade"))
    client.force_login(wereld.coordinator)
    html = client.get(wereld.opgave.get_absolute_url()).content.decode()
    assert "Gearchiveerd (1 actie)" in html
    assert "Terugzetten" not in html


def test_moving_a_card_someone_archived_meanwhile_says_so(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    archiveer(client, wereld.opgave, kaart)
    response = client.post(
        f"/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/verplaatsen/",
        {"kolom": "klaar"},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "is intussen gearchiveerd" in response.content.decode()
    kaart.refresh_from_db()
    assert kaart.kolom == Kolom.BEZIG


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("alice", 302),
        ("gast", 302),
        ("bob", 403),
        ("coordinator", 403),
        ("beheerder", 403),
        ("charlie", 404),
    ],
)
def test_who_may_archive_and_restore(client, wereld, gast, wie, status):
    client.force_login(gast if wie == "gast" else getattr(wereld, wie))
    kaart = actie("Formulierenbrigade")
    assert archiveer(client, wereld.opgave, kaart).status_code == status
    kaart.refresh_from_db()
    assert kaart.is_gearchiveerd == (status == 302)
    Actie.objects.filter(pk=kaart.pk).update(gearchiveerd_op=timezone.now())
    assert herstel(client, wereld.opgave, kaart).status_code == status
    kaart.refresh_from_db()
    assert kaart.is_gearchiveerd == (status != 302)


def test_nothing_is_archived_on_an_archived_opgave(client, wereld):
    wereld.opgave.archiveer(door=wereld.trekker)
    client.force_login(wereld.alice)
    assert archiveer(client, wereld.opgave, actie("Formulierenbrigade")).status_code == 403
    assert not actie("Formulierenbrigade").is_gearchiveerd


# Deleting a card made by mistake


def test_without_javascript_deleting_first_asks_for_confirmation(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    url = f"/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/verwijderen/"
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Actie “Formulierenbrigade” verwijderen?" in html
    assert f'<form method="post" action="{url}">' in html
    assert "Liever archiveren" in html
    assert Actie.objects.filter(pk=kaart.pk).exists()


def test_the_edit_form_offers_archiving_and_a_confirmed_delete(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    html = client.get(
        f"/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/bewerken/", headers=HTMX
    ).content.decode()
    verwijder_url = f"/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/verwijderen/"
    assert "Actie archiveren" in html
    # No JavaScript: a GET to the confirmation page; htmx: a dialog, then the POST.
    assert f'method="get" action="{verwijder_url}" hx-post="{verwijder_url}"' in html
    assert "hx-confirm=" in html


def test_a_confirmed_delete_removes_the_card_and_its_history_says_who(client, wereld):
    client.force_login(wereld.alice)
    kaart = actie("Formulierenbrigade")
    response = client.post(
        f"/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/verwijderen/", headers=HTMX
    )
    assert response.status_code == 200
    assert "Actie “Formulierenbrigade” is verwijderd." in response.content.decode()
    assert not Actie.objects.filter(pk=kaart.pk).exists()
    laatste = Actie.history.filter(id=kaart.pk).latest("history_date")
    assert (laatste.history_type, laatste.history_user) == ("-", wereld.alice)
    assert bezig(wereld.opgave) == ["Vroegsignalering met de corporatie"]
    assert actie("Vroegsignalering met de corporatie").positie == 0


@pytest.mark.parametrize(("wie", "status"), [("bob", 403), ("coordinator", 403), ("charlie", 404)])
def test_who_may_not_delete(client, wereld, wie, status):
    client.force_login(getattr(wereld, wie))
    kaart = actie("Formulierenbrigade")
    url = f"/opgaven/{wereld.opgave.pk}/acties/{kaart.pk}/verwijderen/"
    assert client.get(url).status_code == status
    assert client.post(url).status_code == status
    assert Actie.objects.filter(pk=kaart.pk).exists()


# The undo button's address travels with the message


def test_a_message_carries_only_a_path_on_this_site_as_its_undo_address():
    class Bericht:
        def __init__(self, extra_tags):
            self.extra_tags = extra_tags

    assert ongedaan_url(Bericht(ongedaan_maken("acties", "/opgaven/1/acties/2/herstellen/"))) == (
        "/opgaven/1/acties/2/herstellen/"
    )
    for verkeerd in ["//elders.example/x", "https://elders.example/", "javascript:alert(1)", ""]:
        assert ongedaan_url(Bericht(ongedaan_maken("acties", verkeerd))) == ""
    assert ongedaan_url(Bericht("acties")) == ""


def test_a_title_with_markup_stays_text_in_the_undo_message(client, wereld):
    kaart = actie("Formulierenbrigade")
    Actie.objects.filter(pk=kaart.pk).update(titel="<b>Vet</b>")
    client.force_login(wereld.alice)
    html = archiveer(client, wereld.opgave, kaart, headers=HTMX).content.decode()
    assert "Actie “&lt;b&gt;Vet&lt;/b&gt;” is gearchiveerd." in html
    assert "<b>Vet</b>" not in html
