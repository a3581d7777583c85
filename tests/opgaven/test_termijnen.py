"""The "Verlopen" rule (opgaven/termijnen.py): past its deadline and not done. The deadline day
itself is still on time; days are Amsterdam's, also in the cards' counts
(opgaven.models.voortgang_annotaties: `aantal_verlopen`)."""

import datetime

import pytest
from django.utils import timezone

from opgaven import termijnen
from opgaven.models import Kolom, Opgave
from opgaven.termijnen import is_verlopen
from tests.factories import ActieFactory, MijlpaalFactory, OpgaveFactory

VANDAAG = datetime.date(2026, 11, 16)
GISTEREN = VANDAAG - datetime.timedelta(days=1)
MORGEN = VANDAAG + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def vandaag(monkeypatch):
    monkeypatch.setattr(termijnen, "vandaag", lambda: VANDAAG)


def test_a_deadline_that_passed_yesterday_is_verlopen():
    assert is_verlopen(GISTEREN, gereed=False)


def test_the_deadline_day_itself_is_still_on_time():
    assert not is_verlopen(VANDAAG, gereed=False)
    assert not is_verlopen(MORGEN, gereed=False)


def test_without_a_deadline_nothing_is_verlopen():
    assert not is_verlopen(None, gereed=False)


def test_what_is_done_is_never_verlopen():
    assert not is_verlopen(GISTEREN, gereed=True)


def test_today_is_the_date_in_amsterdam_not_in_utc(monkeypatch):
    monkeypatch.undo()
    # 23:30 UTC on 16 November is already 17 November in Amsterdam.
    laat = datetime.datetime(2026, 11, 16, 23, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: laat)
    assert termijnen.vandaag() == datetime.date(2026, 11, 17)


@pytest.mark.django_db
def test_a_mijlpaal_is_verlopen_until_it_is_ticked_off():
    mijlpaal = MijlpaalFactory(deadline=GISTEREN)
    assert mijlpaal.is_verlopen
    mijlpaal.gereed = True
    assert not mijlpaal.is_verlopen


@pytest.mark.django_db
def test_an_actie_is_done_in_column_klaar():
    actie = ActieFactory(deadline=GISTEREN, kolom=Kolom.BEZIG)
    assert actie.is_verlopen
    actie.kolom = Kolom.KLAAR
    assert not actie.is_verlopen


@pytest.mark.django_db
def test_the_card_counts_mijlpalen_and_acties_past_their_deadline_and_not_done():
    opgave = OpgaveFactory()
    MijlpaalFactory(opgave=opgave, deadline=GISTEREN)  # counts
    MijlpaalFactory(opgave=opgave, deadline=GISTEREN, gereed=True)
    MijlpaalFactory(opgave=opgave, deadline=VANDAAG)
    MijlpaalFactory(opgave=opgave, deadline=None)
    ActieFactory(opgave=opgave, deadline=GISTEREN, kolom=Kolom.BEZIG)  # counts
    ActieFactory(opgave=opgave, deadline=GISTEREN, kolom=Kolom.IDEE)  # counts
    ActieFactory(opgave=opgave, deadline=GISTEREN, kolom=Kolom.KLAAR)
    ActieFactory(opgave=opgave, deadline=MORGEN, kolom=Kolom.TE_DOEN)
    ActieFactory(opgave=opgave, deadline=GISTEREN).archiveer(door=None)
    ActieFactory(deadline=GISTEREN)  # on another opgave
    assert Opgave.objects.met_voortgang().get(pk=opgave.pk).aantal_verlopen == 3


@pytest.mark.django_db
def test_the_count_follows_amsterdams_day_not_the_databases(monkeypatch):
    opgave = OpgaveFactory()
    MijlpaalFactory(opgave=opgave, deadline=VANDAAG)
    assert Opgave.objects.met_voortgang().get(pk=opgave.pk).aantal_verlopen == 0
    monkeypatch.setattr(termijnen, "vandaag", lambda: MORGEN)
    assert Opgave.objects.met_voortgang().get(pk=opgave.pk).aantal_verlopen == 1
