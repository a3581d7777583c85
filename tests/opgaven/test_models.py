import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from gebieden.models import Gebied, Niveau
from opgaven.belemmeringen import VEREIST
from opgaven.models import (
    Belemmering,
    BelemmeringStatus,
    Escalatieniveau,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    Thema,
    voortgang_annotaties,
)
from teams.models import Lidmaatschap, Team, TeamSoort, Waarde, WaardeScore
from tests.factories import (
    ActieFactory,
    BelemmeringFactory,
    GebiedFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    TeamFactory,
    UserFactory,
    WaardencheckFactory,
)

pytestmark = pytest.mark.django_db


def assert_violates_constraint(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def osdorp():
    stadsdeel = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL)
    wijk = GebiedFactory(code="FK", naam="Osdorp-Oost", niveau=Niveau.WIJK, ouder=stadsdeel)
    buurt = GebiedFactory(code="FK01", naam="Wildeman", niveau=Niveau.BUURT, ouder=wijk)
    return stadsdeel, wijk, buurt


def test_gebied_path_follows_its_parents(osdorp):
    _stadsdeel, _wijk, buurt = osdorp
    assert buurt.pad == "/F/FK/FK01/"


def test_gebied_onder_finds_the_area_and_everything_below_it(osdorp, django_assert_num_queries):
    stadsdeel, wijk, buurt = osdorp
    GebiedFactory(code="T", naam="Zuidoost", niveau=Niveau.STADSDEEL)
    with django_assert_num_queries(1):
        onder = list(Gebied.objects.onder(stadsdeel))
    assert onder == [stadsdeel, wijk, buurt]


def test_moving_a_gebied_updates_the_path_of_everything_below_it(osdorp):
    _stadsdeel, wijk, buurt = osdorp
    zuidoost = GebiedFactory(code="T", naam="Zuidoost", niveau=Niveau.STADSDEEL)
    wijk.ouder = zuidoost
    wijk.save()
    buurt.refresh_from_db()
    assert buurt.pad == "/T/FK/FK01/"


def test_gebied_code_is_unique(osdorp):
    assert_violates_constraint(
        lambda: Gebied.objects.create(code="FK01", naam="Dubbel", niveau=Niveau.BUURT)
    )


def test_cbs_code_is_unique_when_given():
    Gebied.objects.create(code="A", naam="A", niveau=Niveau.BUURT, cbs_code="BU0363FK01")
    Gebied.objects.create(code="B", naam="B", niveau=Niveau.BUURT)
    Gebied.objects.create(code="C", naam="C", niveau=Niveau.BUURT)  # two blanks are fine
    assert_violates_constraint(
        lambda: Gebied.objects.create(
            code="D", naam="D", niveau=Niveau.BUURT, cbs_code="BU0363FK01"
        )
    )


def test_gebied_niveau_must_be_a_known_level():
    assert_violates_constraint(
        lambda: Gebied.objects.create(code="X", naam="X", niveau="provincie")
    )


def test_a_stadsdeel_cannot_lie_in_a_buurt(osdorp):
    _stadsdeel, _wijk, buurt = osdorp
    fout = Gebied(code="Z", naam="Fout", niveau=Niveau.STADSDEEL, ouder=buurt)
    with pytest.raises(ValidationError) as fouten:
        fout.full_clean()
    assert "ouder" in fouten.value.message_dict


def test_a_regieteam_needs_a_gebied():
    assert_violates_constraint(
        lambda: Team.objects.create(naam="Regie", slug="regie", soort=TeamSoort.REGIETEAM)
    )


def test_a_team_gets_its_own_group_that_follows_its_slug():
    team = TeamFactory(slug="jeugd")
    assert team.groep.name == "team:jeugd"
    team.slug = "jeugd-osdorp"
    team.save()
    assert Group.objects.get(pk=team.groep_id).name == "team:jeugd-osdorp"


def test_joining_a_team_puts_the_user_in_its_group_and_leaving_takes_them_out():
    lidmaatschap = LidmaatschapFactory()
    user, team = lidmaatschap.user, lidmaatschap.team
    assert user.groups.filter(pk=team.groep_id).exists()
    lidmaatschap.delete()
    assert not user.groups.filter(pk=team.groep_id).exists()


def test_a_user_is_member_of_a_team_only_once():
    lidmaatschap = LidmaatschapFactory()
    assert_violates_constraint(
        lambda: Lidmaatschap.objects.create(
            user=lidmaatschap.user, team=lidmaatschap.team, organisatie="GGD"
        )
    )


def test_progress_is_the_share_of_mijlpalen_done():
    opgave = OpgaveFactory()
    MijlpaalFactory.create_batch(3, opgave=opgave, gereed=True)
    MijlpaalFactory(opgave=opgave, gereed=False)
    assert opgave.voortgang == 75
    assert Opgave.objects.met_voortgang().get(pk=opgave.pk).voortgang == 75


def test_an_opgave_without_mijlpalen_has_no_progress():
    opgave = OpgaveFactory()
    assert opgave.voortgang == 0
    assert Opgave.objects.met_voortgang().get(pk=opgave.pk).voortgang == 0


def test_card_counts_do_not_multiply_each_other():
    opgave = OpgaveFactory()
    MijlpaalFactory.create_batch(2, opgave=opgave, gereed=True)
    BelemmeringFactory.create_batch(3, opgaven=[opgave])
    BelemmeringFactory(opgaven=[opgave], status=BelemmeringStatus.OPGEPAKT)
    geannoteerd = Opgave.objects.met_voortgang().get(pk=opgave.pk)
    assert geannoteerd.aantal_mijlpalen == 2
    assert geannoteerd.aantal_belemmeringen_open == 4


def test_the_latest_voortgangsupdate_is_the_current_status():
    opgave = OpgaveFactory()
    vandaag = datetime.date(2026, 11, 1)
    opgave.updates.create(datum=vandaag - datetime.timedelta(days=7), status="zorg", tekst="a")
    opgave.updates.create(datum=vandaag, status="aandacht", tekst="b")
    geannoteerd = Opgave.objects.met_voortgang().get(pk=opgave.pk)
    assert geannoteerd.laatste_status == "aandacht"
    assert geannoteerd.get_laatste_status_display() == "Aandacht nodig"
    assert geannoteerd.laatste_status_datum == vandaag


def test_streefdatum_cannot_lie_before_startdatum():
    assert_violates_constraint(
        lambda: OpgaveFactory(
            startdatum=datetime.date(2026, 1, 1), streefdatum=datetime.date(2025, 1, 1)
        )
    )


@pytest.mark.parametrize("veld", ["aanvliegroute", "status"])
def test_opgave_choices_are_enforced_by_the_database(veld):
    assert_violates_constraint(lambda: OpgaveFactory(**{veld: "onzin"}))


def test_a_theme_in_use_cannot_be_deleted_and_the_seeded_list_has_the_articles_example():
    opgave = OpgaveFactory(thema=Thema.objects.get(code="dak-en-thuisloosheid"))
    assert str(opgave.thema) == "Dak- en thuisloosheid"
    with pytest.raises(ProtectedError):
        opgave.thema.delete()


def test_an_opgave_lands_in_a_gebied_only_once(osdorp):
    opgave_gebied = OpgaveGebiedFactory(gebied=osdorp[2])
    assert_violates_constraint(
        lambda: OpgaveGebied.objects.create(opgave=opgave_gebied.opgave, gebied=osdorp[2])
    )


def test_actie_column_must_be_known():
    assert_violates_constraint(lambda: ActieFactory(kolom="later"))


def test_ticking_off_a_mijlpaal_records_when_and_unticking_clears_it():
    mijlpaal = MijlpaalFactory()
    mijlpaal.gereed = True
    mijlpaal.save()
    assert mijlpaal.gereed_op is not None
    mijlpaal.gereed = False
    mijlpaal.save()
    assert Mijlpaal.objects.get(pk=mijlpaal.pk).gereed_op is None


def test_every_save_of_an_editable_record_raises_its_version():
    opgave = OpgaveFactory()
    assert opgave.version == 1
    opgave.titel = "Nieuwe titel"
    opgave.save(update_fields=["titel"])
    opgave.refresh_from_db()
    assert opgave.version == 2


def test_changes_are_recorded_in_history():
    opgave = OpgaveFactory(titel="Eerst")
    opgave.titel = "Daarna"
    opgave.save()
    assert [h.titel for h in opgave.history.all()] == ["Daarna", "Eerst"]


def test_one_belemmering_can_block_several_opgaven():
    eerste, tweede = OpgaveFactory(), OpgaveFactory()
    belemmering = BelemmeringFactory(opgaven=[eerste, tweede])
    assert set(belemmering.opgaven.all()) == {eerste, tweede}
    assert list(eerste.belemmeringen.all()) == list(tweede.belemmeringen.all()) == [belemmering]


def test_a_resolved_belemmering_needs_its_resolution():
    assert_violates_constraint(lambda: BelemmeringFactory(status=BelemmeringStatus.OPGELOST))


def test_an_escalated_belemmering_needs_a_level():
    assert_violates_constraint(lambda: BelemmeringFactory(status=BelemmeringStatus.GEESCALEERD))


@pytest.mark.parametrize("status", list(VEREIST))
def test_the_database_guards_every_status_the_escalation_table_asks_something_of(status):
    assert_violates_constraint(lambda: BelemmeringFactory(status=status))


def test_a_belemmering_stays_escalated_after_its_status_moves_on():
    belemmering = BelemmeringFactory(
        status=BelemmeringStatus.OPGELOST,
        oplossing="Besluit van de directie.",
        opgelost_op=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        escalatieniveau=Escalatieniveau.BESTUUR,
    )
    assert belemmering.is_geescaleerd
    assert not BelemmeringFactory().is_geescaleerd


def test_open_belemmeringen_exclude_the_resolved_ones():
    open_ = BelemmeringFactory()
    BelemmeringFactory(
        status=BelemmeringStatus.OPGELOST,
        oplossing="Afspraak gemaakt met de corporatie.",
        opgelost_op=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
        escalatieniveau=Escalatieniveau.GEEN,
    )
    assert list(Belemmering.objects.open()) == [open_]


def test_a_waardencheck_has_one_score_per_waarde():
    check = WaardencheckFactory()
    waarde = Waarde.objects.first()
    WaardeScore.objects.create(waardencheck=check, waarde=waarde, score=4)
    assert_violates_constraint(
        lambda: WaardeScore.objects.create(waardencheck=check, waarde=waarde, score=2)
    )


@pytest.mark.parametrize("score", [0, 6])
def test_a_score_lies_between_1_and_5(score):
    check = WaardencheckFactory()
    assert_violates_constraint(
        lambda: WaardeScore.objects.create(
            waardencheck=check, waarde=Waarde.objects.first(), score=score
        )
    )


def test_a_waarde_with_scores_cannot_be_deleted():
    check = WaardencheckFactory()
    waarde = Waarde.objects.first()
    WaardeScore.objects.create(waardencheck=check, waarde=waarde, score=3)
    with pytest.raises(ProtectedError):
        waarde.delete()


def test_the_eight_values_of_the_article_are_seeded_in_order():
    waarden = [str(w) for w in Waarde.objects.all()]
    assert waarden == [
        "Doen wat nodig is boven Doen wat kan",
        "Grenzeloze samenwerking boven Afdelings- en organisatiegrenzen",
        "Kiezen voor contact boven Weten wat goed is voor u",
        "Focus en prioriteit boven Van alles een beetje",
        "Het belang van de opgave boven Individuele belangen",
        "Reflecteren en leren boven Doorstomen",
        "Eerder waarde leveren boven 100% zeker & af",
        "Beweging creëren boven Oplossingen bieden",
    ]
    assert all(w.actief for w in Waarde.objects.all())


def test_the_coordinators_group_exists():
    assert Group.objects.filter(name="Coördinatoren").exists()


def test_a_new_team_with_a_deleted_teams_slug_inherits_nothing():
    oud = TeamFactory(slug="jeugd")
    lid = UserFactory()
    oud.groep.user_set.add(lid)  # put in the team's group by hand, say in the admin
    oud.delete()
    nieuw = TeamFactory(slug="jeugd")
    assert not nieuw.groep.user_set.exists()
    assert not lid.groups.filter(name="team:jeugd").exists()


def test_an_unsaved_belemmering_has_no_age_yet():
    assert Belemmering(titel="Nog niet opgeslagen").leeftijd == 0


AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("ingebracht", "opgelost", "dagen"),
    [
        # 23 hours across the start of summer time: the next calendar day
        ((2026, 3, 28, 12, 0), (2026, 3, 29, 12, 0), 1),
        # 25 hours across its end: still one calendar day
        ((2026, 10, 24, 12, 0), (2026, 10, 25, 12, 0), 1),
        # late in the evening, early the next morning
        ((2026, 11, 30, 23, 30), (2026, 12, 1, 0, 10), 1),
        ((2026, 12, 1, 0, 10), (2026, 12, 1, 23, 50), 0),
    ],
)
def test_a_belemmerings_age_counts_calendar_days_in_amsterdam(ingebracht, opgelost, dagen):
    belemmering = Belemmering(
        aangemaakt_op=datetime.datetime(*ingebracht, tzinfo=AMSTERDAM),
        opgelost_op=datetime.datetime(*opgelost, tzinfo=AMSTERDAM),
    )
    assert belemmering.leeftijd == dagen


def test_area_names_come_from_the_top_down_and_only_for_the_opgave_itself():
    stad = GebiedFactory(code="Z", naam="Zuid", niveau=Niveau.STADSDEEL)
    wijk = GebiedFactory(code="ZA01", naam="Aalsburg", niveau=Niveau.WIJK, ouder=stad)
    opgave, andere, zonder = OpgaveFactory(), OpgaveFactory(), OpgaveFactory()
    OpgaveGebiedFactory(opgave=opgave, gebied=wijk)
    OpgaveGebiedFactory(opgave=opgave, gebied=stad)
    OpgaveGebiedFactory(opgave=andere, gebied=wijk)
    per_opgave = {o.pk: o.gebiednamen for o in Opgave.objects.met_voortgang().met_gebiednamen()}
    # By place in the tree (Zuid above Aalsburg), not by name.
    assert per_opgave == {opgave.pk: ["Zuid", "Aalsburg"], andere.pk: ["Aalsburg"], zonder.pk: []}


def test_progress_figures_read_through_a_landing_match_those_of_the_opgave():
    opgave = OpgaveFactory()
    MijlpaalFactory.create_batch(3, opgave=opgave, gereed=True)
    MijlpaalFactory(opgave=opgave, gereed=False, deadline=datetime.date(2026, 1, 1))
    BelemmeringFactory.create_batch(2, opgaven=[opgave])
    BelemmeringFactory(
        opgaven=[opgave],
        status=BelemmeringStatus.OPGELOST,
        oplossing="Afspraak gemaakt.",
        opgelost_op=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC),
    )
    opgave.updates.create(datum=datetime.date(2026, 11, 1), status="zorg", tekst="a")
    for gebied in GebiedFactory.create_batch(2):
        OpgaveGebiedFactory(opgave=opgave, gebied=gebied)
    velden = voortgang_annotaties()
    verwacht = Opgave.objects.met_voortgang().values(*velden).get(pk=opgave.pk)
    via_landingen = list(
        OpgaveGebied.objects.filter(opgave=opgave)
        .annotate(**voortgang_annotaties("opgave_id"))
        .values(*velden)
    )
    assert via_landingen == [verwacht, verwacht]
    assert verwacht == {
        "aantal_mijlpalen": 4,
        "aantal_mijlpalen_gereed": 3,
        "aantal_belemmeringen_open": 2,
        "aantal_verlopen": 1,
        "laatste_status": "zorg",
        "laatste_status_datum": datetime.date(2026, 11, 1),
    }


def test_saving_an_opgave_or_team_anywhere_tells_the_boards_open_on_it():
    """The admin saves with a plain save(): its edits must reach open boards too."""
    opgave = OpgaveFactory()
    team = opgave.team
    opgave.titel = "Nieuwe titel uit het beheer"
    opgave.save()
    team.focuslimiet = 2
    team.save()
    opgave.refresh_from_db()
    team.refresh_from_db()
    assert (opgave.bord_versie, team.bord_versie) == (1, 1)


def test_clearing_a_belemmerings_opgaven_tells_the_boards_it_was_on():
    eerste, tweede = OpgaveFactory(), OpgaveFactory()
    belemmering = BelemmeringFactory()
    belemmering.opgaven.add(eerste, tweede)
    voor = dict(Opgave.objects.values_list("pk", "bord_versie"))
    belemmering.opgaven.clear()
    na = dict(Opgave.objects.values_list("pk", "bord_versie"))
    assert na[eerste.pk] > voor[eerste.pk]
    assert na[tweede.pk] > voor[tweede.pk]
