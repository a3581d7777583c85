"""The demo world of DESIGN.md section 5, as `python manage.py demo` builds it."""

import datetime
import io
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from gebieden.models import Gebied
from opgaven.models import Actie, Belemmering, Kans, Mijlpaal, Opgave, Voortgangsupdate
from rechten.opgaven import zichtbare_opgaven
from teams.models import COORDINATOREN_GROEP, Lidmaatschap, Team, TeamSoort, Waarde

pytestmark = pytest.mark.django_db


DEMO_USERS = ["regie", "lid", "coordinator", "beheer", "buiten"]


def regieteam() -> Team:
    return Team.objects.get(soort=TeamSoort.REGIETEAM)


def opgaven_in_regiegebied():
    return Opgave.objects.filter(
        opgave_gebieden__gebied__in=Gebied.objects.onder(regieteam().gebied)
    ).distinct()


def aantallen() -> dict[str, int]:
    """Rows per model, many-to-many tables and history included."""
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }


def versies() -> dict[tuple[str, object], int]:
    """(model, pk) -> version, for every row that carries a version."""
    return {
        (model._meta.label, pk): version
        for model in apps.get_models()
        if any(field.name == "version" for field in model._meta.concrete_fields)
        for pk, version in model._base_manager.values_list("pk", "version")
    }


def demo_opnieuw() -> None:
    call_command("demo", stdout=io.StringIO())


def test_wildeman_is_buurt_fk01_in_nieuw_west_known_as_blomwijckerbuurt(demo_gedeeld):
    wildeman = Gebied.objects.get(code="FK01")
    assert wildeman.naam == "Wildeman"
    assert wildeman.cbs_code == "BU0363FK01"
    assert wildeman.niveau == "buurt"
    assert "Blomwijckerbuurt" in wildeman.aliassen
    assert wildeman in Gebied.objects.onder(Gebied.objects.get(naam="Nieuw-West"))
    assert Gebied.objects.filter(ouder=wildeman.ouder, niveau="buurt").count() > 1


def test_wildeman_lies_in_a_wijk_in_a_gebied_in_stadsdeel_f_in_amsterdam(demo_gedeeld):
    keten = []
    gebied = Gebied.objects.get(code="FK01")
    while gebied is not None:
        keten.insert(0, gebied)
        gebied = gebied.ouder
    assert [g.niveau for g in keten] == ["stad", "stadsdeel", "gebied", "wijk", "buurt"]
    assert (keten[0].code, keten[0].cbs_code, keten[0].naam) == ("0363", "GM0363", "Amsterdam")
    assert (keten[1].code, keten[1].naam) == ("F", "Nieuw-West")
    assert keten[3].cbs_code == f"WK0363{keten[3].code}"
    assert keten[-1].pad == "/0363/F/DX10/FK/FK01/"


def test_both_stadsdelen_lie_in_the_city(demo_gedeeld):
    amsterdam = Gebied.objects.get(code="0363")
    assert set(amsterdam.kinderen.values_list("code", flat=True)) == {"F", "T"}
    assert Gebied.objects.filter(ouder=None).get() == amsterdam


def test_the_one_regieteam_steers_the_area_around_wildeman(demo_gedeeld):
    assert Team.objects.filter(soort=TeamSoort.REGIETEAM).count() == 1
    assert Gebied.objects.get(code="FK01") in Gebied.objects.onder(regieteam().gebied)


def test_five_opgaveteams_each_own_one_opgave_landing_in_the_regieteams_area(demo_gedeeld):
    opgaven = opgaven_in_regiegebied()
    assert opgaven.count() == 5
    assert len({opgave.team_id for opgave in opgaven}) == 5
    assert {opgave.team.soort for opgave in opgaven} == {TeamSoort.OPGAVETEAM}
    assert len({opgave.thema for opgave in opgaven}) == 5


def test_every_opgave_lands_in_wildeman_and_a_neighbouring_buurt(demo_gedeeld):
    for opgave in opgaven_in_regiegebied():
        codes = {landing.gebied.code for landing in opgave.opgave_gebieden.all()}
        assert "FK01" in codes
        assert len(codes) > 1, opgave


def test_the_opgaven_vary_their_aanvliegroute(demo_gedeeld):
    assert len({opgave.aanvliegroute for opgave in opgaven_in_regiegebied()}) > 1


def test_every_opgave_has_acties_mijlpalen_and_updates(demo_gedeeld):
    for opgave in opgaven_in_regiegebied():
        assert opgave.acties.count() >= 4, opgave
        assert opgave.mijlpalen.exists(), opgave
        assert opgave.updates.exists(), opgave


def test_a_finished_experiment_records_what_was_learned(demo_gedeeld):
    experimenten = Actie.objects.filter(soort="experiment").exclude(hypothese="")
    assert experimenten.exists()
    assert experimenten.filter(kolom="klaar").exclude(geleerd="").exists()


def test_action_positions_are_contiguous_per_column(demo_gedeeld):
    for opgave in Opgave.objects.all():
        for kolom in {actie.kolom for actie in opgave.acties.all()}:
            posities = list(
                opgave.acties.filter(kolom=kolom)
                .order_by("positie")
                .values_list("positie", flat=True)
            )
            assert posities == list(range(len(posities)))


def test_some_mijlpalen_are_done_and_some_are_not(demo_gedeeld):
    assert set(Mijlpaal.objects.values_list("gereed", flat=True)) == {True, False}
    assert not Mijlpaal.objects.filter(gereed=True, gereed_op__isnull=True).exists()


def test_progress_updates_use_every_status(demo_gedeeld):
    statussen = set(Voortgangsupdate.objects.values_list("status", flat=True))
    assert statussen == {"op_koers", "aandacht", "zorg"}


def test_one_belemmering_blocks_several_opgaven(demo_gedeeld):
    assert any(b.opgaven.count() > 1 for b in Belemmering.objects.all())


def test_belemmeringen_are_spread_over_every_status(demo_gedeeld):
    statussen = set(Belemmering.objects.values_list("status", flat=True))
    assert statussen == {"nieuw", "opgepakt", "geescaleerd", "opgelost"}


def test_kansen_wait_for_the_regieteam_or_were_accepted(demo_gedeeld):
    assert set(Kans.objects.values_list("status", flat=True)) == {"nieuw", "geaccepteerd"}


def test_every_team_has_two_waardenchecks_scoring_every_active_value(demo_gedeeld):
    actief = set(Waarde.objects.filter(actief=True))
    for team in Team.objects.all():
        checks = list(team.waardenchecks.all())
        assert len(checks) == 2
        assert len({check.datum for check in checks}) == 2
        for check in checks:
            assert {score.waarde for score in check.scores.all()} == actief


@pytest.mark.parametrize("username", DEMO_USERS)
def test_the_demo_users_sign_in_with_password_demo(demo_gedeeld, username):
    assert (
        authenticate(RequestFactory().post("/accounts/login/"), username=username, password="demo")
        is not None
    )


def test_regie_is_trekker_of_the_regieteam(demo_gedeeld):
    assert Lidmaatschap.objects.get(team=regieteam(), user__username="regie").rol == "trekker"


def test_lid_is_a_plain_member_of_exactly_one_opgaveteam_with_an_opgave(demo_gedeeld):
    lidmaatschap = Lidmaatschap.objects.get(user__username="lid")
    assert lidmaatschap.rol == "lid"
    assert lidmaatschap.team.soort == TeamSoort.OPGAVETEAM
    assert lidmaatschap.team.opgaven.exists()


def test_coordinator_is_a_coordinator_in_no_team(demo_gedeeld):
    coordinator = get_user_model().objects.get(username="coordinator")
    assert coordinator.groups.filter(name=COORDINATOREN_GROEP).exists()
    assert not coordinator.lidmaatschappen.exists()


def test_beheer_is_staff_without_superuser_and_manages_teams_gebieden_and_waarden(demo_gedeeld):
    beheer = get_user_model().objects.get(username="beheer")
    assert beheer.is_staff
    assert not beheer.is_superuser
    for model in ["teams.team", "teams.lidmaatschap", "teams.discipline", "gebieden.gebied"]:
        app_label, naam = model.split(".")
        for actie in ["add", "change", "delete", "view"]:
            assert beheer.has_perm(f"{app_label}.{actie}_{naam}"), (actie, model)
    for actie in ["add", "change", "view"]:
        assert beheer.has_perm(f"teams.{actie}_waarde")
    for model in ["opgave", "actie", "mijlpaal", "voortgangsupdate", "belemmering", "kans"]:
        assert beheer.has_perm(f"opgaven.view_{model}"), model


def test_buiten_works_in_zuidoost_and_sees_none_of_nieuw_west(demo_gedeeld):
    buiten = get_user_model().objects.get(username="buiten")
    eigen = Opgave.objects.filter(team__leden=buiten)
    assert eigen.exists()
    assert not eigen.filter(pk__in=opgaven_in_regiegebied()).exists()
    zuidoost = Gebied.objects.get(code="T")
    assert all(
        landing.gebied in Gebied.objects.onder(zuidoost)
        for opgave in eigen
        for landing in opgave.opgave_gebieden.all()
    )
    assert not zichtbare_opgaven(buiten).filter(pk__in=opgaven_in_regiegebied()).exists()


def test_team_members_are_named_people_from_several_organisations(demo_gedeeld):
    lidmaatschappen = Lidmaatschap.objects.select_related("user")
    assert all(lid.user.first_name and lid.user.last_name for lid in lidmaatschappen)
    assert all(lid.discipline_id for lid in lidmaatschappen)
    assert len({lid.organisatie for lid in lidmaatschappen.filter(team=regieteam())}) >= 3
    assert len({lid.organisatie for lid in lidmaatschappen}) >= 5


def test_running_demo_twice_changes_nothing(demo_gedeeld):
    voor = (aantallen(), versies())
    demo_opnieuw()
    assert (aantallen(), versies()) == voor


def test_running_demo_a_day_later_changes_nothing(demo_gedeeld):
    voor = (aantallen(), versies())
    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(days=1)
    ):
        demo_opnieuw()
    assert (aantallen(), versies()) == voor


def test_running_demo_again_keeps_a_changed_password(demo_gedeeld):
    regie = get_user_model().objects.get(username="regie")
    regie.set_password("eigen-wachtwoord")
    regie.save()
    demo_opnieuw()
    assert (
        authenticate(
            RequestFactory().post("/accounts/login/"), username="regie", password="eigen-wachtwoord"
        )
        is not None
    )


def test_running_demo_on_a_demo_from_before_the_city_moves_its_stadsdelen_into_it(demo_gedeeld):
    for code in ("F", "T"):
        stadsdeel = Gebied.objects.get(code=code)
        stadsdeel.ouder = None
        stadsdeel.save()
    Gebied.objects.get(code="0363").delete()
    assert Gebied.objects.get(code="FK01").pad == "/F/DX10/FK/FK01/"
    demo_opnieuw()
    assert Gebied.objects.get(code="FK01").pad == "/0363/F/DX10/FK/FK01/"
    assert Gebied.objects.get(code="TA01").pad == "/0363/T/TA/TA01/"
