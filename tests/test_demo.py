import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command

from gebieden.models import Gebied
from opgaven.models import Actie, Belemmering, Opgave
from teams.models import Lidmaatschap, Team, TeamSoort, Waarde
from teams.permissions import zichtbare_opgaven

pytestmark = pytest.mark.django_db

DEMO_USERS = ["regie", "lid", "coordinator", "beheer", "buiten"]


def regieteam() -> Team:
    return Team.objects.get(soort=TeamSoort.REGIETEAM)


def opgaven_in_regiegebied():
    return Opgave.objects.filter(
        opgave_gebieden__gebied__in=Gebied.objects.onder(regieteam().gebied)
    ).distinct()


def snapshot() -> dict:
    """Every row of every project model with its version, plus the row counts."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in {"gebieden", "teams", "opgaven", "auth", "guardian"}:
            rows[model._meta.label] = sorted(
                (obj.pk, getattr(obj, "version", None)) for obj in model.objects.all()
            )
    return rows


def test_wildeman_is_buurt_fk01_in_nieuw_west_known_as_blomwijckerbuurt(demo):
    wildeman = Gebied.objects.get(code="FK01")
    assert wildeman.naam == "Wildeman"
    assert wildeman.cbs_code == "BU0363FK01"
    assert wildeman.niveau == "buurt"
    assert "Blomwijckerbuurt" in wildeman.aliassen
    assert wildeman in Gebied.objects.onder(Gebied.objects.get(naam="Nieuw-West"))
    assert Gebied.objects.filter(ouder=wildeman.ouder, niveau="buurt").count() > 1


def test_one_regieteam_and_five_opgaveteams_with_five_opgaven_landing_there(demo):
    assert Team.objects.filter(soort=TeamSoort.REGIETEAM).count() == 1
    opgaven = opgaven_in_regiegebied()
    assert opgaven.count() == 5
    assert len({opgave.team_id for opgave in opgaven}) == 5
    assert {opgave.team.soort for opgave in opgaven} == {TeamSoort.OPGAVETEAM}
    assert all(opgave.opgave_gebieden.filter(gebied__code="FK01").exists() for opgave in opgaven)


def test_every_opgave_has_acties_mijlpalen_updates_and_an_experiment_among_them(demo):
    for opgave in opgaven_in_regiegebied():
        assert opgave.acties.count() >= 4
        assert opgave.mijlpalen.exists()
        assert opgave.updates.exists()
    assert Actie.objects.filter(soort="experiment").exclude(hypothese="").exists()


def test_action_positions_are_contiguous_per_column(demo):
    for opgave in Opgave.objects.all():
        for kolom in {actie.kolom for actie in opgave.acties.all()}:
            posities = list(
                opgave.acties.filter(kolom=kolom)
                .order_by("positie")
                .values_list("positie", flat=True)
            )
            assert posities == list(range(len(posities)))


def test_one_belemmering_blocks_several_opgaven(demo):
    gedeeld = [b for b in Belemmering.objects.all() if b.opgaven.count() > 1]
    assert gedeeld
    assert {b.status for b in Belemmering.objects.all()} >= {
        "nieuw",
        "opgepakt",
        "geescaleerd",
        "opgelost",
    }


def test_every_team_has_two_waardenchecks_scoring_every_active_value(demo):
    actief = set(Waarde.objects.filter(actief=True))
    for team in Team.objects.all():
        checks = list(team.waardenchecks.all())
        assert len(checks) == 2
        assert len({check.datum for check in checks}) == 2
        for check in checks:
            assert {score.waarde for score in check.scores.all()} == actief


@pytest.mark.parametrize("username", DEMO_USERS)
def test_the_demo_users_sign_in_with_password_demo(demo, username):
    assert authenticate(username=username, password="demo") is not None


def test_the_demo_users_have_their_roles(demo):
    assert Lidmaatschap.objects.get(team=regieteam(), user__username="regie").rol == "trekker"
    lid_teams = Team.objects.filter(leden__username="lid")
    assert [team.soort for team in lid_teams] == [TeamSoort.OPGAVETEAM]
    assert Team.objects.get(leden__username="lid").opgaven.exists()
    assert not Team.objects.filter(leden__username="coordinator").exists()
    beheer = authenticate(username="beheer", password="demo")
    assert beheer.is_staff and not beheer.is_superuser
    assert beheer.has_perm("teams.change_team") and beheer.has_perm("gebieden.add_gebied")


def test_buiten_works_elsewhere_and_sees_none_of_nieuw_west(demo):
    buiten = authenticate(username="buiten", password="demo")
    eigen = Opgave.objects.filter(team__leden=buiten)
    assert eigen.exists()
    assert not eigen.filter(pk__in=opgaven_in_regiegebied()).exists()
    assert not zichtbare_opgaven(buiten).filter(pk__in=opgaven_in_regiegebied()).exists()


def test_running_demo_twice_changes_nothing(demo):
    voor = snapshot()
    call_command("demo", stdout=io.StringIO())
    assert snapshot() == voor


def test_demo_reports_its_progress(db):
    uitvoer = io.StringIO()
    call_command("demo", stdout=uitvoer)
    assert "Gebieden:" in uitvoer.getvalue()
    assert "Demowereld klaar." in uitvoer.getvalue()
