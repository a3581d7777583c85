import contextlib
import random
import threading

import pytest
from django.db import connection

from opgaven.models import Actie, Kolom, Opgave, Prioriteit
from opgaven.ordering import (
    BordGewijzigd,
    KaartVerdwenen,
    in_regievolgorde,
    opgaven_op_regiebord,
    verplaats_actie,
    verplaats_prioriteit,
    verwijder_actie,
)
from tests.factories import (
    ActieFactory,
    GebiedFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    UserFactory,
)


def kolom(opgave, naam) -> list[str]:
    acties = Actie.objects.filter(opgave=opgave, kolom=naam).order_by("positie")
    assert list(acties.values_list("positie", flat=True)) == list(range(acties.count()))
    return [actie.titel for actie in acties]


@pytest.fixture
def bord(db):
    opgave = OpgaveFactory()
    for positie, titel in enumerate(["A", "B", "C"]):
        ActieFactory(opgave=opgave, titel=titel, kolom=Kolom.TE_DOEN, positie=positie)
    for positie, titel in enumerate(["X", "Y"]):
        ActieFactory(opgave=opgave, titel=titel, kolom=Kolom.BEZIG, positie=positie)
    return opgave


def actie(titel) -> Actie:
    return Actie.objects.get(titel=titel)


def test_a_card_moves_to_the_top_of_its_column(bord):
    verplaats_actie(actie_id=actie("C").pk, kolom=Kolom.TE_DOEN, na_id=None)
    assert kolom(bord, Kolom.TE_DOEN) == ["C", "A", "B"]


def test_a_card_moves_after_another_card_in_its_column(bord):
    verplaats_actie(actie_id=actie("A").pk, kolom=Kolom.TE_DOEN, na_id=actie("B").pk)
    assert kolom(bord, Kolom.TE_DOEN) == ["B", "A", "C"]


def test_a_card_moves_into_another_column_and_both_close_their_gaps(bord):
    verplaats_actie(actie_id=actie("B").pk, kolom=Kolom.BEZIG, na_id=actie("X").pk)
    assert kolom(bord, Kolom.TE_DOEN) == ["A", "C"]
    assert kolom(bord, Kolom.BEZIG) == ["X", "B", "Y"]


def test_a_card_moves_into_an_empty_column(bord):
    verplaats_actie(actie_id=actie("Y").pk, kolom=Kolom.KLAAR, na_id=None)
    assert kolom(bord, Kolom.KLAAR) == ["Y"]
    assert kolom(bord, Kolom.BEZIG) == ["X"]


def test_placing_after_a_card_that_left_the_column_is_refused(bord):
    with pytest.raises(BordGewijzigd):
        verplaats_actie(actie_id=actie("A").pk, kolom=Kolom.BEZIG, na_id=actie("B").pk)
    assert kolom(bord, Kolom.TE_DOEN) == ["A", "B", "C"]


def test_a_move_is_recorded_for_the_moved_card_only_and_is_no_edit(bord):
    user = UserFactory()
    versie = actie("A").version
    verplaats_actie(actie_id=actie("A").pk, kolom=Kolom.BEZIG, na_id=None, door=user)
    moved = actie("A")
    assert moved.version == versie
    assert moved.history.first().kolom == Kolom.BEZIG
    assert moved.history.first().history_user == user
    assert actie("B").history.count() == 1  # only its creation


def test_a_move_raises_the_board_version(bord):
    voor = Opgave.objects.get(pk=bord.pk).bord_versie
    verplaats_actie(actie_id=actie("A").pk, kolom=Kolom.KLAAR, na_id=None)
    assert Opgave.objects.get(pk=bord.pk).bord_versie > voor


def test_editing_a_card_raises_the_board_version(bord):
    voor = Opgave.objects.get(pk=bord.pk).bord_versie
    kaart = actie("A")
    kaart.titel = "Anders"
    kaart.save()
    assert Opgave.objects.get(pk=bord.pk).bord_versie == voor + 1


def test_saving_an_opgave_loaded_earlier_keeps_the_board_version(bord):
    oud = Opgave.objects.get(pk=bord.pk)
    verplaats_actie(actie_id=actie("A").pk, kolom=Kolom.KLAAR, na_id=None)
    nieuw = Opgave.objects.get(pk=bord.pk).bord_versie
    oud.titel = "Nieuwe titel"
    oud.save()
    # Its stale copy is not written back; the title change itself raises it by one.
    assert Opgave.objects.get(pk=bord.pk).bord_versie == nieuw + 1


@pytest.fixture
def regiebord(db):
    stadsdeel = GebiedFactory(code="F")
    regieteam = RegieteamFactory(gebied=stadsdeel)
    for titel in ["Armoede", "Energie", "Jeugd"]:
        OpgaveGebiedFactory(opgave=OpgaveFactory(titel=titel), gebied=stadsdeel)
    return regieteam


def volgorde(regieteam) -> list[str]:
    rijen = Prioriteit.objects.filter(regieteam=regieteam).order_by("positie")
    assert list(rijen.values_list("positie", flat=True)) == list(range(rijen.count()))
    return [rij.opgave.titel for rij in rijen]


def test_the_third_opgave_moves_to_the_top_of_the_regieteam_board(regiebord):
    jeugd = Opgave.objects.get(titel="Jeugd")
    verplaats_prioriteit(regieteam=regiebord, opgave_id=jeugd.pk, na_id=None)
    assert volgorde(regiebord) == ["Jeugd", "Armoede", "Energie"]


def test_an_opgave_that_newly_lands_joins_the_bottom_of_the_order(regiebord):
    jeugd = Opgave.objects.get(titel="Jeugd")
    verplaats_prioriteit(regieteam=regiebord, opgave_id=jeugd.pk, na_id=None)
    OpgaveGebiedFactory(opgave=OpgaveFactory(titel="Wonen"), gebied=regiebord.gebied)
    armoede = Opgave.objects.get(titel="Armoede")
    verplaats_prioriteit(
        regieteam=regiebord, opgave_id=armoede.pk, na_id=Opgave.objects.get(titel="Energie").pk
    )
    assert volgorde(regiebord) == ["Jeugd", "Energie", "Armoede", "Wonen"]


def test_opgaven_without_a_place_show_at_the_bottom_where_the_next_move_puts_them(regiebord):
    jeugd = Opgave.objects.get(titel="Jeugd")
    verplaats_prioriteit(regieteam=regiebord, opgave_id=jeugd.pk, na_id=None)
    for titel in ["Zorg", "Afval"]:
        OpgaveGebiedFactory(opgave=OpgaveFactory(titel=titel), gebied=regiebord.gebied)
    getoond = in_regievolgorde(opgaven_op_regiebord(regiebord), regiebord)
    assert [o.titel for o in getoond] == ["Jeugd", "Armoede", "Energie", "Afval", "Zorg"]
    verplaats_prioriteit(regieteam=regiebord, opgave_id=jeugd.pk, na_id=None)
    assert volgorde(regiebord) == ["Jeugd", "Armoede", "Energie", "Afval", "Zorg"]


def test_an_opgave_outside_the_gebied_cannot_be_placed(regiebord):
    with pytest.raises(BordGewijzigd):
        verplaats_prioriteit(regieteam=regiebord, opgave_id=OpgaveFactory().pk, na_id=None)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_people_moving_cards_at_once_lose_nothing_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this test there")
    opgave = OpgaveFactory()
    for positie in range(12):
        ActieFactory(opgave=opgave, kolom=Kolom.TE_DOEN, positie=positie)
    ids = list(Actie.objects.filter(opgave=opgave).values_list("pk", flat=True))
    fouten = []

    def verplaats_willekeurig(seed):
        kans = random.Random(seed)
        try:
            for _ in range(50):
                kolom_ = kans.choice([Kolom.TE_DOEN, Kolom.BEZIG])
                in_kolom = list(
                    Actie.objects.filter(opgave=opgave, kolom=kolom_).values_list("pk", flat=True)
                )
                na = kans.choice([None, *in_kolom])
                # BordGewijzigd: someone moved that card first; a person would retry.
                with contextlib.suppress(BordGewijzigd):
                    verplaats_actie(actie_id=kans.choice(ids), kolom=kolom_, na_id=na)
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=verplaats_willekeurig, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fouten == []
    assert sorted(Actie.objects.filter(opgave=opgave).values_list("pk", flat=True)) == sorted(ids)
    for naam in [Kolom.TE_DOEN, Kolom.BEZIG]:
        kolom(opgave, naam)  # asserts positions 0..n-1, no gaps or duplicates


# A move and a delete of the same card


def test_moving_a_card_that_was_just_deleted_raises_kaart_verdwenen(bord):
    weg = actie("B")
    Actie.objects.filter(pk=weg.pk).delete()
    with pytest.raises(KaartVerdwenen):
        verplaats_actie(actie_id=weg.pk, kolom=Kolom.BEZIG, na_id=None)


def test_a_delete_closes_the_gap_in_the_column_the_card_is_in_now(bord):
    b = actie("B")  # as a delete request first read it: in Te doen
    verplaats_actie(actie_id=b.pk, kolom=Kolom.BEZIG, na_id=actie("X").pk)
    verwijder_actie(opgave_id=bord.pk, actie_id=b.pk)
    assert kolom(bord, Kolom.TE_DOEN) == ["A", "C"]
    assert kolom(bord, Kolom.BEZIG) == ["X", "Y"]


def test_deleting_a_card_twice_raises_kaart_verdwenen(bord):
    b = actie("B")
    verwijder_actie(opgave_id=bord.pk, actie_id=b.pk)
    with pytest.raises(KaartVerdwenen):
        verwijder_actie(opgave_id=bord.pk, actie_id=b.pk)
    assert kolom(bord, Kolom.TE_DOEN) == ["A", "C"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_people_moving_and_deleting_the_same_cards_leave_no_gap_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this test there")
    opgave = OpgaveFactory()
    for positie in range(30):
        ActieFactory(opgave=opgave, kolom=Kolom.TE_DOEN, positie=positie)
    ids = list(Actie.objects.filter(opgave=opgave).values_list("pk", flat=True))
    fouten, verwijderd = [], []

    def verplaats_of_verwijder(seed):
        kans = random.Random(seed)
        try:
            for _ in range(30):
                doel = kans.choice(ids)
                try:
                    if kans.random() < 0.3:
                        verwijder_actie(opgave_id=opgave.pk, actie_id=doel)
                        verwijderd.append(doel)
                    else:
                        kolom_ = kans.choice([Kolom.TE_DOEN, Kolom.BEZIG])
                        verplaats_actie(actie_id=doel, kolom=kolom_, na_id=None)
                except BordGewijzigd:  # KaartVerdwenen too: someone deleted it first
                    pass
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=verplaats_of_verwijder, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert fouten == []
    assert len(verwijderd) == len(set(verwijderd))  # each card deleted once
    over = set(Actie.objects.filter(opgave=opgave).values_list("pk", flat=True))
    assert over == set(ids) - set(verwijderd)
    for naam in [Kolom.TE_DOEN, Kolom.BEZIG]:
        kolom(opgave, naam)  # asserts positions 0..n-1, no gaps or duplicates
