"""Every URL of the project, for every demo role: the expected status, GET and POST.

A URL pattern without an entry in EXPECTED fails `test_every_url_pattern_has_an_entry`, so a
new page cannot ship without deciding who may use it.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gebieden.models import Gebied
from opgaven.models import Melding, Opgave, Voortgangsupdate
from teams.models import Team, TeamSoort

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "buiten", "lid", "regie", "coordinator", "beheer"]

# name: (method, how to build the URL's arguments, statuses in ROLES order)
EXPECTED = {
    "home": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "health": ("GET", None, [200, 200, 200, 200, 200, 200]),
    "login": ("GET", None, [200, 200, 200, 200, 200, 200]),
    "logout": ("POST", None, [302, 302, 302, 302, 302, 302]),
    "wachtwoord_wijzigen": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "wachtwoord_wijzigen POST": ("POST", None, [302, 422, 422, 422, 422, 422]),
    "wachtwoord_gewijzigd": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "set_language": ("POST", None, [302, 302, 302, 302, 302, 302]),
    "opgaven:detail": ("GET", "eigen_opgave", [302, 404, 200, 200, 200, 200]),
    "opgaven:nieuw": ("GET", None, [302, 200, 200, 200, 403, 200]),
    "opgaven:nieuw POST": ("POST", None, [302, 422, 422, 422, 403, 422]),
    "opgaven:bewerken": ("GET", "eigen_opgave", [302, 404, 200, 200, 403, 200]),
    "opgaven:bewerken POST": ("POST", "eigen_opgave", [302, 404, 422, 422, 403, 422]),
    "opgaven:geschiedenis": ("GET", "eigen_opgave", [302, 404, 200, 200, 200, 200]),
    "opgaven:actie_geschiedenis": ("GET", "eigen_actie", [302, 404, 200, 200, 200, 200]),
    "opgaven:actie_toevoegen": ("POST", "eigen_opgave", [302, 404, 422, 403, 403, 403]),
    "opgaven:actie_kaart": ("GET", "eigen_actie", [302, 404, 302, 302, 302, 302]),
    "opgaven:actie_bewerken": ("GET", "eigen_actie", [302, 404, 200, 403, 403, 403]),
    "opgaven:actie_bewerken POST": ("POST", "eigen_actie", [302, 404, 422, 403, 403, 403]),
    "opgaven:actie_verplaatsen": ("POST", "eigen_actie", [302, 404, 422, 403, 403, 403]),
    "opgaven:actie_archiveren": ("POST", "eigen_actie", [302, 404, 302, 403, 403, 403]),
    "opgaven:actie_herstellen": ("POST", "eigen_actie", [302, 404, 302, 403, 403, 403]),
    "opgaven:actie_verwijderen": ("GET", "eigen_actie", [302, 404, 200, 403, 403, 403]),
    "opgaven:actie_verwijderen POST": ("POST", "eigen_actie", [302, 404, 302, 403, 403, 403]),
    "opgaven:mijlpaal_afvinken": ("POST", "eigen_mijlpaal", [302, 404, 422, 403, 403, 403]),
    "opgaven:mijlpaal_toevoegen": ("POST", "eigen_opgave", [302, 404, 422, 403, 403, 403]),
    "opgaven:mijlpaal_bewerken": ("GET", "eigen_mijlpaal", [302, 404, 200, 403, 403, 403]),
    "opgaven:mijlpaal_bewerken POST": ("POST", "eigen_mijlpaal", [302, 404, 422, 403, 403, 403]),
    "opgaven:mijlpaal_verplaatsen": ("POST", "eigen_mijlpaal", [302, 404, 422, 403, 403, 403]),
    "opgaven:mijlpaal_verwijderen": ("GET", "eigen_mijlpaal", [302, 404, 200, 403, 403, 403]),
    "opgaven:mijlpaal_verwijderen POST": ("POST", "eigen_mijlpaal", [302, 404, 302, 403, 403, 403]),
    "opgaven:voortgang_toevoegen": ("POST", "eigen_opgave", [302, 404, 422, 403, 403, 403]),
    "opgaven:voortgang_bewerken": ("GET", "eigen_voortgang", [302, 404, 200, 403, 403, 403]),
    "opgaven:voortgang_bewerken POST": ("POST", "eigen_voortgang", [302, 404, 422, 403, 403, 403]),
    "opgaven:belemmering_toevoegen": ("POST", "eigen_opgave", [302, 404, 422, 403, 403, 403]),
    "opgaven:landing_toevoegen": ("GET", "eigen_opgave", [302, 404, 200, 200, 403, 200]),
    "opgaven:landing_toevoegen POST": ("POST", "eigen_opgave", [302, 404, 422, 422, 403, 422]),
    "opgaven:landing_bewerken": ("GET", "eigen_landing", [302, 404, 200, 200, 403, 403]),
    "opgaven:landing_bewerken POST": ("POST", "eigen_landing", [302, 404, 422, 422, 403, 403]),
    "opgaven:landing_verwijderen": ("GET", "eigen_landing", [302, 404, 200, 200, 403, 200]),
    "opgaven:landing_verwijderen POST": ("POST", "eigen_landing", [302, 404, 302, 302, 403, 302]),
    "opgaven:overdragen": ("GET", "eigen_opgave", [302, 404, 403, 403, 403, 200]),
    "opgaven:overdragen POST": ("POST", "eigen_opgave", [302, 404, 403, 403, 403, 422]),
    "opgaven:archiveren": ("POST", "eigen_opgave", [302, 404, 422, 422, 403, 422]),
    "opgaven:herstellen": ("POST", "eigen_opgave", [302, 404, 409, 409, 403, 409]),
    "teams:list": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "teams:create": ("GET", None, [302, 403, 403, 403, 403, 200]),
    "teams:create POST": ("POST", None, [302, 403, 403, 403, 403, 422]),
    "teams:detail": ("GET", "eigen_team", [302, 404, 200, 200, 200, 200]),
    "teams:edit": ("GET", "eigen_team", [302, 404, 403, 403, 403, 200]),
    "teams:bord": ("GET", "regieteam", [302, 404, 404, 200, 200, 200]),
    "teams:bord_verplaats": ("POST", "regieteam", [302, 404, 404, 422, 403, 403]),
    "teams:peilmoment_vastleggen": ("POST", "regieteam", [302, 404, 404, 302, 403, 403]),
    "teams:melding_afhandelen": ("GET", "melding", [302, 404, 404, 200, 403, 403]),
    "teams:melding_afhandelen POST": ("POST", "melding", [302, 404, 404, 422, 403, 403]),
    "teams:edit POST": ("POST", "eigen_team", [302, 404, 403, 403, 403, 422]),
    "teams:waardencheck": ("GET", "eigen_team", [302, 404, 200, 403, 403, 403]),
    "teams:waardencheck POST": ("POST", "eigen_team", [302, 404, 422, 403, 403, 403]),
    "teams:lid_toevoegen": ("POST", "eigen_team", [302, 404, 403, 403, 403, 422]),
    "teams:lid_verwijderen": ("POST", "eigen_lidmaatschap", [302, 404, 403, 403, 403, 422]),
    "teams:gast_uitnodigen": ("POST", "eigen_team", [302, 404, 403, 403, 403, 422]),
    "teams:gast_intrekken": ("POST", "gast", [302, 404, 403, 403, 403, 302]),
    "gebieden:list": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "gebieden:detail": ("GET", "wildeman", [302, 200, 200, 200, 200, 200]),
    "gebieden:lokale_status_bewerken": ("GET", "landing", [302, 404, 200, 200, 403, 403]),
    "gebieden:lokale_status_bewerken POST": ("POST", "landing", [302, 404, 422, 422, 403, 403]),
    "overzicht": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "belemmeringen": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "melden": ("GET", None, [302, 200, 200, 200, 200, 200]),
    "melden POST": ("POST", None, [302, 422, 422, 422, 422, 422]),
    "belemmering_status": ("GET", "gedeelde_belemmering", [302, 404, 200, 200, 403, 403]),
    "belemmering_status POST": ("POST", "gedeelde_belemmering", [302, 404, 422, 422, 403, 403]),
    "belemmering_bewerken": ("GET", "gedeelde_belemmering", [302, 404, 200, 200, 403, 403]),
    "belemmering_bewerken POST": ("POST", "gedeelde_belemmering", [302, 404, 422, 422, 403, 403]),
    "belemmering_geschiedenis": ("GET", "gedeelde_belemmering", [302, 404, 200, 200, 200, 200]),
    "admin:index": ("GET", None, [302, 302, 302, 302, 302, 200]),
    "toegankelijkheid": ("GET", None, [200, 200, 200, 200, 200, 200]),
}


def url_names(resolver=None, namespace=""):
    """Every named URL of the project; of the admin only its index (Django's own pages)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace == "admin":
                yield "admin:index"
            else:
                yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def arguments(kind, *, lid="lid", buiten="buiten"):
    """The URL's arguments, for the users in the roles `lid` and `buiten` (by username: the
    demo's by default, alice and charlie in the small world of tests/factories.py)."""
    eigen_team = Team.objects.get(soort=TeamSoort.OPGAVETEAM, leden__username=lid)
    eigen_opgave = eigen_team.opgaven.first()
    if kind is None:
        return []
    if kind == "eigen_opgave":
        return [eigen_opgave.pk]
    if kind == "melding":
        regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM)
        melding = Melding.objects.get_or_create(
            titel="Walk-melding",
            defaults={
                "soort": "kans",
                "beschrijving": "x",
                "gebied": Gebied.objects.get(code="FK01"),
            },
        )[0]
        return [regieteam.slug, melding.pk]
    if kind == "gedeelde_belemmering":
        return [eigen_opgave.belemmeringen.filter(gebied__code="FK01").first().pk]
    if kind == "wildeman":
        return ["FK01"]
    if kind == "landing":
        return ["FK01", eigen_opgave.opgave_gebieden.get(gebied__code="FK01").pk]
    if kind == "eigen_landing":  # the last of two: Wildeman (FK01) stays for the others
        return [eigen_opgave.pk, eigen_opgave.opgave_gebieden.order_by("gebied__pad").last().pk]
    if kind == "eigen_actie":
        return [eigen_opgave.pk, eigen_opgave.acties.first().pk]
    if kind == "eigen_mijlpaal":
        return [eigen_opgave.pk, eigen_opgave.mijlpalen.first().pk]
    if kind == "eigen_voortgang":
        # Written today by the member: the one update they may still correct.
        update = Voortgangsupdate.objects.get_or_create(
            opgave=eigen_opgave,
            tekst="Walk-voortgang",
            defaults={"status": "op_koers", "auteur": get_user_model().objects.get(username=lid)},
        )[0]
        return [eigen_opgave.pk, update.pk]
    if kind == "eigen_team":
        return [eigen_team.slug]
    if kind == "regieteam":
        return [Team.objects.get(soort=TeamSoort.REGIETEAM).slug]
    if kind == "eigen_lidmaatschap":
        return [
            eigen_team.slug,
            eigen_team.lidmaatschappen.exclude(user__username=lid).first().pk,
        ]
    if kind == "gast":
        return [
            eigen_team.slug,
            eigen_opgave.pk,
            get_user_model().objects.get(username=buiten).pk,
        ]
    raise ValueError(kind)


def test_every_url_pattern_has_an_entry():
    assert set(url_names()) == {name.removesuffix(" POST") for name in EXPECTED}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_status_on_every_url(client, demo_gedeeld, role):

    if role != "anonymous":
        client.force_login(get_user_model().objects.get(username=role))
    mismatches = []
    for name, (method, kind, statuses) in EXPECTED.items():
        url = reverse(name.removesuffix(" POST"), args=arguments(kind))
        response = client.get(url) if method == "GET" else client.post(url, {})
        expected = statuses[ROLES.index(role)]
        if response.status_code != expected:
            mismatches.append(f"{method} {url}: {response.status_code}, expected {expected}")
        is_page = (
            method == "GET"
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and "/admin/" not in url
        )
        if is_page and not re.search(r"<title>[^<]+</title>", response.content.decode()):
            mismatches.append(f"GET {url}: no plain <title>")
        if name == "logout" and role != "anonymous":
            client.force_login(get_user_model().objects.get(username=role))
    assert mismatches == []


def test_buiten_gets_404_on_every_object_of_the_demo_world(client, demo_gedeeld):
    client.force_login(get_user_model().objects.get(username="buiten"))
    regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM, leden__username="regie")
    nieuw_west = Gebied.objects.onder(regieteam.gebied)
    opgaven = Opgave.objects.filter(opgave_gebieden__gebied__in=nieuw_west).distinct()
    teams = Team.objects.exclude(leden__username="buiten")
    assert opgaven.count() == 5
    for opgave in opgaven:
        assert client.get(f"/opgaven/{opgave.pk}/").status_code == 404
    for team in teams:
        assert client.get(f"/teams/{team.slug}/").status_code == 404
        assert client.post(f"/teams/{team.slug}/leden/", {}).status_code == 404


def test_coordinators_get_403_on_every_post_that_changes_data(client, demo_gedeeld):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    for name, (method, kind, _statuses) in EXPECTED.items():
        if method == "POST" and name.split(":")[0] in {"teams", "opgaven"}:
            url = reverse(name.removesuffix(" POST"), args=arguments(kind))
            assert client.post(url, {}).status_code == 403, url
