"""The order of an opgave's mijlpalen (opgaven/ordering.py): a new one goes last, a move
renumbers 0..n-1 under the board lock, a delete closes the gap, and a mijlpaal that an actie
works towards stays."""

import contextlib
import random
import threading

import pytest
from django.db import connection

from opgaven.models import Mijlpaal
from opgaven.ordering import (
    BordGewijzigd,
    KaartVerdwenen,
    MijlpaalInGebruik,
    mijlpalen_op_bord,
    mijlpalen_van,
    plaats_nieuwe_mijlpaal,
    verplaats_mijlpaal,
    verwijder_mijlpaal,
)
from tests.factories import ActieFactory, MijlpaalFactory, OpgaveFactory


def volgorde(opgave) -> list[str]:
    mijlpalen = list(mijlpalen_op_bord(opgave))
    assert [m.positie for m in mijlpalen] == list(range(len(mijlpalen)))
    return [m.titel for m in mijlpalen]


def mijlpaal(titel) -> Mijlpaal:
    return Mijlpaal.objects.get(titel=titel)


@pytest.fixture
def opgave(db):
    opgave = OpgaveFactory()
    for positie, titel in enumerate("ABCD"):
        MijlpaalFactory(opgave=opgave, titel=titel, positie=positie)
    return opgave


def test_a_new_mijlpaal_goes_last(opgave):
    plaats_nieuwe_mijlpaal(Mijlpaal(opgave=opgave, titel="E"))
    assert volgorde(opgave) == list("ABCDE")


def test_a_new_mijlpaal_goes_last_when_the_others_were_never_ordered(db):
    """Mijlpalen made before the team ordered them all stand at 0, by deadline."""
    opgave = OpgaveFactory()
    MijlpaalFactory.create_batch(2, opgave=opgave, positie=0)
    nieuw = plaats_nieuwe_mijlpaal(Mijlpaal(opgave=opgave, titel="Nieuw"))
    assert list(mijlpalen_op_bord(opgave))[-1] == nieuw


def test_a_move_places_the_mijlpaal_after_the_one_named(opgave):
    verplaats_mijlpaal(mijlpaal_id=mijlpaal("A").pk, na_id=mijlpaal("C").pk)
    assert volgorde(opgave) == list("BCAD")
    verplaats_mijlpaal(mijlpaal_id=mijlpaal("D").pk, na_id=None)
    assert volgorde(opgave) == list("DBCA")


def test_a_move_after_a_mijlpaal_that_is_gone_raises_bord_gewijzigd(opgave):
    weg = mijlpaal("C").pk
    Mijlpaal.objects.filter(pk=weg).delete()
    with pytest.raises(BordGewijzigd):
        verplaats_mijlpaal(mijlpaal_id=mijlpaal("A").pk, na_id=weg)


def test_a_move_after_a_mijlpaal_of_another_opgave_raises_bord_gewijzigd(opgave):
    elders = MijlpaalFactory()
    with pytest.raises(BordGewijzigd):
        verplaats_mijlpaal(mijlpaal_id=mijlpaal("A").pk, na_id=elders.pk)


def test_moving_a_mijlpaal_that_was_just_deleted_raises_kaart_verdwenen(opgave):
    weg = mijlpaal("B").pk
    Mijlpaal.objects.filter(pk=weg).delete()
    with pytest.raises(KaartVerdwenen):
        verplaats_mijlpaal(mijlpaal_id=weg, na_id=None)


def test_a_delete_closes_the_gap(opgave):
    verwijder_mijlpaal(opgave_id=opgave.pk, mijlpaal_id=mijlpaal("B").pk)
    assert volgorde(opgave) == list("ACD")


def test_deleting_a_mijlpaal_twice_raises_kaart_verdwenen(opgave):
    b = mijlpaal("B").pk
    verwijder_mijlpaal(opgave_id=opgave.pk, mijlpaal_id=b)
    with pytest.raises(KaartVerdwenen):
        verwijder_mijlpaal(opgave_id=opgave.pk, mijlpaal_id=b)


def test_a_mijlpaal_an_actie_works_towards_is_not_deleted(opgave):
    actie = ActieFactory(opgave=opgave, titel="Bibliotheek vragen", mijlpaal=mijlpaal("B"))
    with pytest.raises(MijlpaalInGebruik) as gebruik:
        verwijder_mijlpaal(opgave_id=opgave.pk, mijlpaal_id=mijlpaal("B").pk)
    assert gebruik.value.acties == [actie]
    assert volgorde(opgave) == list("ABCD")


def test_the_board_reads_its_mijlpalen_once_and_again_when_asked(opgave, django_assert_num_queries):
    with django_assert_num_queries(1):
        eerst = mijlpalen_van(opgave)
        assert mijlpalen_van(opgave) is eerst
    plaats_nieuwe_mijlpaal(Mijlpaal(opgave=opgave, titel="E"))
    assert [m.titel for m in mijlpalen_van(opgave, opnieuw=True)] == list("ABCDE")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_six_people_moving_and_deleting_mijlpalen_at_once_leave_no_gap_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL; CI runs this test there")
    opgave = OpgaveFactory()
    for positie in range(10):
        MijlpaalFactory(opgave=opgave, positie=positie)
    ids = list(Mijlpaal.objects.filter(opgave=opgave).values_list("pk", flat=True))
    fouten = []

    def verplaats_of_verwijder(seed):
        kans = random.Random(seed)
        try:
            for _ in range(30):
                gekozen = kans.choice(ids)
                # A person would reload and try again.
                with contextlib.suppress(BordGewijzigd):
                    if kans.random() < 0.1:
                        verwijder_mijlpaal(opgave_id=opgave.pk, mijlpaal_id=gekozen)
                    else:
                        verplaats_mijlpaal(mijlpaal_id=gekozen, na_id=kans.choice([None, *ids]))
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
    volgorde(opgave)  # asserts positions 0..n-1, no gaps or duplicates
