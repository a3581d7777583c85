import pytest
from django.contrib.auth.models import Group

from gebieden.models import Niveau
from opgaven.models import OpgaveUserObjectPermission
from rechten.opgaven import kan_bekijken, kan_wijzigen, zichtbare_opgaven
from teams.models import COORDINATOREN_GROEP, Lidmaatschap, Team
from tests.factories import (
    DisciplineFactory,
    GebiedFactory,
    LidmaatschapFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def team():
    return TeamFactory(naam="Armoede Osdorp", slug="armoede")


@pytest.fixture
def trekker(team):
    return LidmaatschapFactory(team=team, rol="trekker").user


@pytest.fixture
def lid(team):
    return LidmaatschapFactory(team=team, rol="lid").user


@pytest.fixture
def beheer():
    return UserFactory(is_staff=True)


@pytest.fixture
def coordinator():
    user = UserFactory()
    user.groups.add(Group.objects.get(name=COORDINATOREN_GROEP))
    return user


def fresh(user):
    """The user as the next request sees them, without cached permissions."""
    return type(user).objects.get(pk=user.pk)


# Creating and editing teams


def test_an_admin_creates_a_regieteam_with_its_gebied(client, beheer):
    gebied = GebiedFactory(code="F", naam="Nieuw-West", niveau=Niveau.STADSDEEL)
    client.force_login(beheer)
    response = client.post(
        "/teams/nieuw/",
        {
            "naam": "Regieteam Geuzenveld",
            "soort": "regieteam",
            "gebied": gebied.pk,
            "focuslimiet": 4,
        },
    )
    team = Team.objects.get(naam="Regieteam Geuzenveld")
    assert response.status_code == 302
    assert response["Location"] == "/teams/regieteam-geuzenveld/"
    assert team.gebied == gebied
    assert team.history.first().history_user == beheer


def test_a_regieteam_without_gebied_gets_a_dutch_error_and_422(client, beheer):
    client.force_login(beheer)
    response = client.post(
        "/teams/nieuw/", {"naam": "Regie", "soort": "regieteam", "focuslimiet": 5}
    )
    assert response.status_code == 422
    assert "Een regieteam voert de regie in een gebied" in response.content.decode()
    assert not Team.objects.filter(naam="Regie").exists()


def test_a_reserved_or_taken_slug_is_refused(client, beheer, team):
    client.force_login(beheer)
    for slug in ["nieuw", "armoede"]:
        response = client.post(
            "/teams/nieuw/", {"naam": "X", "slug": slug, "soort": "opgaveteam", "focuslimiet": 5}
        )
        assert response.status_code == 422


def test_creating_a_team_over_htmx_redirects_the_browser(client, beheer):
    client.force_login(beheer)
    response = client.post(
        "/teams/nieuw/", {"naam": "Jeugd", "soort": "opgaveteam", "focuslimiet": 5}, headers=HTMX
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/teams/jeugd/"


def test_only_admins_create_teams(client, trekker, coordinator):
    for user in [trekker, coordinator]:
        client.force_login(user)
        assert client.get("/teams/nieuw/").status_code == 403
        assert client.post("/teams/nieuw/", {"naam": "X", "soort": "opgaveteam"}).status_code == 403


def test_a_trekker_edits_their_team(client, team, trekker):
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/bewerken/",
        {
            "naam": "Armoede en schulden Osdorp",
            "beschrijving": "Eerder hulp bij geldzorgen.",
            "focuslimiet": 3,
            "versie": team.version,
        },
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.naam == "Armoede en schulden Osdorp"
    assert team.focuslimiet == 3


@pytest.mark.parametrize(
    ("veld", "waarde", "label"),
    [("soort", "regieteam", "Soort"), ("gebied", None, "Gebied"), ("slug", "ander", "Korte naam")],
)
def test_a_trekker_who_posts_a_field_only_beheer_sets_is_refused_as_a_whole(
    client, team, trekker, veld, waarde, label
):
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    elders = OpgaveFactory(titel="Elders")
    OpgaveGebiedFactory(opgave=elders, gebied=stadsdeel)
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/bewerken/",
        {
            "naam": "Nieuwe naam",
            "focuslimiet": 4,
            "versie": team.version,
            "soort": "regieteam",
            veld: waarde or stadsdeel.pk,
        },
    )
    assert response.status_code == 422
    assert f"Alleen functioneel beheer kan “{label}” van een team instellen." in (
        response.content.decode()
    )
    team.refresh_from_db()
    assert (team.naam, team.focuslimiet, team.soort, team.gebied, team.slug) == (
        "Armoede Osdorp",
        5,
        "opgaveteam",
        None,
        "armoede",
    )
    assert not kan_bekijken(fresh(trekker), elders)


def test_a_regieteam_trekker_cannot_widen_the_gebied_it_steers(client):
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    buurt = GebiedFactory(code="FK01", niveau=Niveau.BUURT, ouder=stadsdeel)
    elders = GebiedFactory(code="FL", niveau=Niveau.WIJK, ouder=stadsdeel)
    regieteam = RegieteamFactory(gebied=buurt, slug="regie")
    trekker = LidmaatschapFactory(team=regieteam, rol="trekker").user
    daar = OpgaveGebiedFactory(gebied=elders).opgave
    client.force_login(trekker)
    response = client.post(
        "/teams/regie/bewerken/",
        {
            "naam": regieteam.naam,
            "focuslimiet": 5,
            "versie": regieteam.version,
            "gebied": stadsdeel.pk,
        },
    )
    assert response.status_code == 422
    regieteam.refresh_from_db()
    assert regieteam.gebied == buurt
    assert not kan_bekijken(fresh(trekker), daar)


def test_a_trekker_sees_soort_and_gebied_as_facts_not_fields(client, trekker):
    client.force_login(trekker)
    html = client.get("/teams/armoede/bewerken/").content.decode()
    assert 'name="naam"' in html
    assert 'name="soort"' not in html
    assert 'name="gebied"' not in html
    assert 'name="slug"' not in html
    assert "stelt functioneel beheer in" in html


def test_an_admin_makes_a_team_a_regieteam_over_a_gebied(client, team, beheer):
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    client.force_login(beheer)
    response = client.post(
        "/teams/armoede/bewerken/",
        {
            "naam": team.naam,
            "slug": "armoede",
            "soort": "regieteam",
            "gebied": stadsdeel.pk,
            "focuslimiet": 5,
            "versie": team.version,
        },
    )
    assert response.status_code == 302
    team.refresh_from_db()
    assert (team.soort, team.gebied) == ("regieteam", stadsdeel)


def test_a_member_who_is_not_trekker_cannot_edit_the_team(client, team, lid):
    client.force_login(lid)
    assert client.get("/teams/armoede/bewerken/").status_code == 403
    assert client.post("/teams/armoede/bewerken/", {"naam": "Gekaapt"}).status_code == 403
    team.refresh_from_db()
    assert team.naam == "Armoede Osdorp"


def test_an_outsider_gets_404_on_team_management(client, team):
    client.force_login(UserFactory())
    assert client.get("/teams/armoede/bewerken/").status_code == 404
    assert client.post("/teams/armoede/leden/", {}).status_code == 404


# Members


def test_a_trekker_adds_a_member_with_discipline_and_organisation_in_place(client, team, trekker):
    nieuw = UserFactory(first_name="Sanne", last_name="Bakker")
    discipline = DisciplineFactory(naam="Schuldhulpverlener")
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/leden/",
        {"user": nieuw.pk, "rol": "lid", "discipline": discipline.pk, "organisatie": "Madi"},
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="ob-section" id="leden"')
    assert "Sanne Bakker is toegevoegd aan het team." in html
    assert "Schuldhulpverlener" in html
    lidmaatschap = Lidmaatschap.objects.get(team=team, user=nieuw)
    assert lidmaatschap.organisatie == "Madi"
    assert fresh(nieuw).groups.filter(pk=team.groep_id).exists()


def test_adding_a_member_without_javascript_redirects_to_the_team_page(client, team, trekker):
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/leden/", {"user": UserFactory().pk, "rol": "lid", "organisatie": "GGD"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/teams/armoede/"


def test_adding_a_member_without_organisation_shows_the_error_in_place(client, team, trekker):
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/leden/", {"user": UserFactory().pk, "rol": "lid"}, headers=HTMX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert 'aria-invalid="true"' in html
    assert "Controleer de invoer" in html
    assert Lidmaatschap.objects.filter(team=team).count() == 1


def test_someone_already_in_the_team_cannot_be_added_twice(client, team, trekker, lid):
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/leden/", {"user": lid.pk, "rol": "lid", "organisatie": "GGD"}
    )
    assert response.status_code == 422
    assert Lidmaatschap.objects.filter(team=team, user=lid).count() == 1


def test_removing_a_member_revokes_their_access_at_once(client, team, trekker, lid):
    opgave = OpgaveFactory(team=team)
    assert kan_wijzigen(fresh(lid), opgave)
    lidmaatschap = Lidmaatschap.objects.get(team=team, user=lid)
    client.force_login(trekker)
    response = client.post(
        f"/teams/armoede/leden/{lidmaatschap.pk}/verwijderen/", {"bevestigd": "ja"}, headers=HTMX
    )
    assert response.status_code == 200
    assert not kan_bekijken(fresh(lid), opgave)
    client.force_login(lid)
    assert client.get(f"/opgaven/{opgave.pk}/").status_code == 404


def test_coordinators_get_403_on_every_team_change(client, team, coordinator, lid):
    lidmaatschap = Lidmaatschap.objects.get(team=team, user=lid)
    client.force_login(coordinator)
    for url in [
        "/teams/armoede/bewerken/",
        "/teams/armoede/leden/",
        f"/teams/armoede/leden/{lidmaatschap.pk}/verwijderen/",
        "/teams/armoede/gasten/",
    ]:
        assert client.post(url, {}).status_code == 403
    assert Lidmaatschap.objects.filter(pk=lidmaatschap.pk).exists()


# Opgaven and partner guests


def test_a_trekker_invites_a_partner_guest_and_revokes_them(client, team, trekker):
    opgave = OpgaveFactory(team=team, titel="Vroegsignalering schulden")
    OpgaveFactory(team=team, titel="Iets anders")
    gast = UserFactory(first_name="Ahmed", last_name="Yilmaz")
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/gasten/", {"opgave": opgave.pk, "gast": gast.pk}, headers=HTMX
    )
    assert response.status_code == 200
    assert "Ahmed Yilmaz" in response.content.decode()
    assert list(zichtbare_opgaven(fresh(gast))) == [opgave]
    assert not kan_wijzigen(fresh(gast), opgave)

    page = client.get("/teams/armoede/").content.decode()
    assert "Toegang van Ahmed Yilmaz intrekken" in page

    response = client.post(f"/teams/armoede/gasten/{opgave.pk}/{gast.pk}/intrekken/")
    assert response.status_code == 302
    assert not zichtbare_opgaven(fresh(gast)).exists()
    geschiedenis = OpgaveUserObjectPermission.history.filter(user=gast, history_user=trekker)
    assert sorted(geschiedenis.values_list("history_type", flat=True)) == ["+", "-"]


def test_members_see_no_management_forms(client, team, lid):
    client.force_login(lid)
    html = client.get("/teams/armoede/").content.decode()
    assert "Iemand toevoegen" not in html
    assert "Partners met toegang" not in html


# Lists


def test_the_team_list_shows_only_teams_the_user_may_see(client, team, lid):
    TeamFactory(naam="Geheim team")
    client.force_login(lid)
    html = client.get("/teams/").content.decode()
    assert "Armoede Osdorp" in html
    assert "Geheim team" not in html
    assert "Nieuw team" not in html


def test_a_regieteam_page_shows_the_opgaveteams_working_in_its_gebied(client):
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    buurt = GebiedFactory(code="FK01", niveau=Niveau.BUURT, ouder=stadsdeel)
    regieteam = RegieteamFactory(gebied=stadsdeel, slug="regie")
    opgaveteam = TeamFactory(naam="Energieteam")
    OpgaveGebiedFactory(opgave=OpgaveFactory(team=opgaveteam, titel="Isoleren"), gebied=buurt)
    client.force_login(LidmaatschapFactory(team=regieteam).user)
    html = client.get("/teams/regie/").content.decode()
    assert "Energieteam" in html
    assert "Isoleren" in html


def test_a_stale_team_edit_answers_409_and_keeps_the_other_change(client, team, trekker):
    geladen = team.version
    team.naam = "Armoede Osdorp-Midden"
    team.save()
    client.force_login(trekker)
    response = client.post(
        "/teams/armoede/bewerken/",
        {"naam": "Iets anders", "focuslimiet": 5, "versie": geladen},
    )
    assert response.status_code == 409
    assert "Iemand anders heeft dit team intussen gewijzigd" in response.content.decode()
    team.refresh_from_db()
    assert team.naam == "Armoede Osdorp-Midden"
