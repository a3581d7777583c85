"""History of the records whose meaning matters later: every create, change and delete of a
discipline, value, values check and score, voortgangsupdate and peilmoment writes a history
row, and what existed before history was kept gets a first row when it starts."""

import importlib

import pytest
from django.apps import apps

from opgaven.models import Peilmoment, PeilmomentOpgave, Voortgangsupdate
from opgaven.peilmomenten import leg_peilmoment_vast
from teams.models import Discipline, Waarde, Waardencheck, WaardeScore
from tests.factories import (
    DisciplineFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    UserFactory,
    VoortgangsupdateFactory,
    WaardeScoreFactory,
)

pytestmark = pytest.mark.django_db


def soorten(historie) -> list[str]:
    """The kinds of change, newest first: "+" created, "~" changed, "-" deleted."""
    return [rij.history_type for rij in historie.order_by("-history_date", "-history_id")]


def test_a_discipline_records_its_creation_renaming_and_deletion():
    discipline = DisciplineFactory(naam="Wijkagent")
    discipline.naam = "Wijkagent politie"
    discipline.save()
    pk = discipline.pk
    discipline.delete()
    historie = Discipline.history.filter(id=pk)
    assert soorten(historie) == ["-", "~", "+"]
    assert historie.earliest("history_date").naam == "Wijkagent"


def test_rewording_a_value_keeps_its_old_wording_in_its_history():
    waarde = Waarde.objects.first()
    waarde.links = "Doen wat echt nodig is"
    waarde.save()
    assert [rij.links for rij in waarde.history.all()] == [
        "Doen wat echt nodig is",
        "Doen wat nodig is",
    ]


def test_a_values_check_and_its_scores_record_their_creation_change_and_deletion():
    score = WaardeScoreFactory(score=2)
    score.score = 4
    score.save()
    check_pk, score_pk = score.waardencheck.pk, score.pk
    score.waardencheck.delete()
    assert soorten(Waardencheck.history.filter(id=check_pk)) == ["-", "+"]
    assert soorten(WaardeScore.history.filter(id=score_pk)) == ["-", "~", "+"]


def test_a_voortgangsupdate_records_its_creation_change_and_deletion():
    update = VoortgangsupdateFactory(tekst="Eerste gesprek gevoerd.")
    update.tekst = "Eerste gesprek met de corporatie gevoerd."
    update.save()
    pk = update.pk
    update.delete()
    historie = Voortgangsupdate.history.filter(id=pk)
    assert soorten(historie) == ["-", "~", "+"]
    assert historie.earliest("history_date").tekst == "Eerste gesprek gevoerd."


def test_a_peilmoment_records_its_creation_and_its_deletion():
    regieteam = RegieteamFactory()
    OpgaveGebiedFactory(gebied=regieteam.gebied)
    peilmoment = leg_peilmoment_vast(regieteam=regieteam, door=UserFactory())
    peilmoment_pk, regel_pk = peilmoment.pk, peilmoment.regels.get().pk
    peilmoment.delete()
    assert soorten(Peilmoment.history.filter(id=peilmoment_pk)) == ["-", "+"]
    assert soorten(PeilmomentOpgave.history.filter(id=regel_pk)) == ["-", "+"]


# History begins with what exists (the data migrations)


def begin_geschiedenis(app: str, migratie: str) -> None:
    importlib.import_module(f"{app}.migrations.{migratie}").begin_geschiedenis(apps, None)


def test_the_seeded_values_have_their_wording_in_history_from_the_start():
    for waarde in Waarde.objects.all():
        assert waarde.history.filter(history_type="+", links=waarde.links).exists()


def test_history_begins_with_each_update_dated_when_it_was_written_by_its_author():
    update = VoortgangsupdateFactory()
    update.history.all().delete()
    begin_geschiedenis("opgaven", "0011_begin_geschiedenis")
    eerste = update.history.get()
    assert (eerste.history_type, eerste.history_date, eerste.history_user) == (
        "+",
        update.aangemaakt_op,
        update.auteur,
    )


def test_history_begins_with_each_score_dated_when_its_check_was_filled_in_by_its_author():
    score = WaardeScoreFactory()
    score.history.all().delete()
    begin_geschiedenis("teams", "0005_begin_geschiedenis")
    eerste = score.history.get()
    check = score.waardencheck
    assert (eerste.history_date, eerste.history_user) == (check.aangemaakt_op, check.ingevuld_door)


def test_beginning_history_again_adds_nothing():
    VoortgangsupdateFactory()
    WaardeScoreFactory()
    voor = Voortgangsupdate.history.count(), WaardeScore.history.count(), Waarde.history.count()
    begin_geschiedenis("opgaven", "0011_begin_geschiedenis")
    begin_geschiedenis("teams", "0005_begin_geschiedenis")
    assert (
        Voortgangsupdate.history.count(),
        WaardeScore.history.count(),
        Waarde.history.count(),
    ) == voor
