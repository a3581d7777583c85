"""Fault injection: no write is half-done.

Built on the URL walk (tests/rechten/test_authorization.py), in the small world of
tests/factories.py: every write URL is posted with a valid form by a role that may write there, once
as it is (it must change the database, or the test proves nothing) and once with the answer failing
after the view has written (a middleware that raises, and separately a template that fails to
render): then the database must be exactly as before, every table, history and audit log included. A
write URL added later joins by itself: it must name a valid post in GELDIG. A database error in the
board-version bump leaves no half-saved voortgangsupdate. These run on PostgreSQL in CI.
"""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.template import loader
from django.urls import reverse

from gebieden.models import Gebied
from opgaven.models import (
    Actie,
    Belemmering,
    Melding,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    Voortgangsupdate,
)
from opgaven.ordering import mijlpalen_op_bord, opgaven_op_regiebord
from rechten.opgaven import nodig_gast_uit
from teams.models import Lidmaatschap, Team, Waarde
from tests.factories import LidmaatschapFactory, OpgaveFactory
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments
from tests.storing import breek

pytestmark = pytest.mark.django_db

User = get_user_model()
HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _storingsmiddleware(settings):
    """The test middleware, just inside the one that makes every write all or nothing."""
    middleware = list(settings.MIDDLEWARE)
    plek = middleware.index("config.middleware.SchrijvenAllesOfNiets") + 1
    settings.MIDDLEWARE = [*middleware[:plek], "tests.storing.BreekHetAntwoord", *middleware[plek:]]


def database() -> dict:
    """Every row of every table the app has, history and audit log included."""
    inhoud = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table in {"django_session"}:
            continue  # the test client's own sign-in
        inhoud[model._meta.db_table] = sorted(
            (tuple(sorted(rij.items())) for rij in model._base_manager.values()), key=repr
        )
    return inhoud


def _buiten() -> int:
    """The outsider of the small world (the role "buiten" of the URL walk)."""
    return User.objects.get(username="charlie").pk


def _mijlpaal(args) -> dict:
    mijlpaal = Mijlpaal.objects.get(pk=args[1])
    return {"gereed": "" if mijlpaal.gereed else "on", "versie": mijlpaal.version}


def _mijlpaal_naar_het_eind(args) -> dict:
    laatste = mijlpalen_op_bord(Opgave.objects.get(pk=args[0])).exclude(pk=args[1]).last()
    return {"na": laatste.pk}


def _triage(args) -> dict:
    melding = Melding.objects.get(pk=args[1])
    velden = {"besluit": "afwijzen", "reden": "Hoort bij de corporatie", "versie": melding.version}
    return {f"m{melding.pk}-{naam}": waarde for naam, waarde in velden.items()}


def _regiezet(args) -> dict:
    """The last opgave of the board (by title, before anyone set an order) goes to the top."""
    regieteam = Team.objects.get(slug=args[0])
    return {"opgave": opgaven_op_regiebord(regieteam).order_by("-titel").first().pk}


def _gast_eerst(args) -> None:
    nodig_gast_uit(User.objects.get(pk=args[2]), Opgave.objects.get(pk=args[1]), mag_wijzigen=True)


def _belemmering(args) -> dict:
    belemmering = Belemmering.objects.get(pk=args[0])
    nieuw = "opgepakt" if belemmering.status != "opgepakt" else "nieuw"
    return {"status": nieuw, "versie": belemmering.version}


def _opgave_bewerken(args) -> dict:
    opgave = Opgave.objects.get(pk=args[0])
    velden = ["thema_id", "aanvliegroute", "status", "beschrijving"]
    return {veld.removesuffix("_id"): getattr(opgave, veld) for veld in velden} | {
        "titel": "Schuldhulp dichtbij huis",
        "versie": opgave.version,
    }


def _belemmering_bewerken(args) -> dict:
    belemmering = Belemmering.objects.get(pk=args[0])
    velden = ["titel", "escalatie_besluit", "escalatie_bij", "oplossing"]
    return {veld: getattr(belemmering, veld) for veld in velden} | {
        "ernst": "kritiek" if belemmering.ernst != "kritiek" else "laag",
        "escalatie_deadline": belemmering.escalatie_deadline or "",
        "gebied": belemmering.gebied_id,
        "versie": belemmering.version,
    }


# url name: (a valid post that writes, or None when the URL writes nothing to the database)
GELDIG = {
    "logout": lambda args: {},
    "set_language": None,  # a cookie, no database
    "wachtwoord_wijzigen": lambda args: {
        "old_password": "geheim-wachtwoord",  # tests/factories.py's UserFactory
        "new_password1": "Vier-seizoenen-in-Osdorp",
        "new_password2": "Vier-seizoenen-in-Osdorp",
    },
    "opgaven:archiveren": lambda args: {"bevestigd": "on"},
    "opgaven:herstellen": lambda args: {},
    "opgaven:nieuw": lambda args: {
        "team": Team.objects.get(slug="werk-zuidoost").pk,
        "titel": "Werk in de Bijlmer",
        "thema": "werk",
        "aanvliegroute": "gebiedsgericht",
        "landing-TOTAL_FORMS": "1",
        "landing-INITIAL_FORMS": "0",
        "landing-0-gebied": Gebied.objects.get(code="TA01").pk,
        "landing-0-urgentie": "hoog",
    },
    "opgaven:bewerken": _opgave_bewerken,
    "opgaven:actie_toevoegen": lambda args: {
        "titel": "Buurtgesprek",
        "kolom": "te_doen",
        "soort": "actie",
    },
    "opgaven:actie_bewerken": lambda args: {
        "titel": "Buurtgesprek plannen",
        "soort": "actie",
        "versie": Actie.objects.get(pk=args[1]).version,
    },
    "opgaven:actie_verplaatsen": lambda args: {"kolom": "klaar"},
    "opgaven:actie_archiveren": lambda args: {},
    "opgaven:actie_herstellen": lambda args: {},
    "opgaven:actie_verwijderen": lambda args: {},
    "opgaven:mijlpaal_afvinken": _mijlpaal,
    "opgaven:mijlpaal_toevoegen": lambda args: {"titel": "Spreekuur in de bibliotheek"},
    "opgaven:mijlpaal_bewerken": lambda args: {
        "titel": "Spreekuur draait elke week",
        "versie": Mijlpaal.objects.get(pk=args[1]).version,
    },
    "opgaven:mijlpaal_verplaatsen": _mijlpaal_naar_het_eind,
    "opgaven:mijlpaal_verwijderen": lambda args: {},
    "opgaven:voortgang_bewerken": lambda args: {
        "status": "zorg",
        "datum": "2026-12-01",
        "tekst": "Gecorrigeerd: het spreekuur stopt.",
        "versie": Voortgangsupdate.objects.get(pk=args[1]).version,
    },
    "opgaven:voortgang_toevoegen": lambda args: {
        "status": "aandacht",
        "datum": "2026-12-01",
        "tekst": "Minder bewoners op het spreekuur.",
    },
    "opgaven:belemmering_toevoegen": lambda args: {"titel": "Geen zaal", "ernst": "midden"},
    "opgaven:landing_toevoegen": lambda args: {
        "gebied": Gebied.objects.get(code="TA01").pk,
        "urgentie": "hoog",
    },
    "opgaven:landing_bewerken": lambda args: {
        "lokale_status": "afgerond",
        "urgentie": "laag",
        "notitie": "Klaar in deze buurt.",
        "versie": OpgaveGebied.objects.get(pk=args[1]).version,
    },
    "opgaven:landing_verwijderen": lambda args: {},
    "opgaven:overdragen": lambda args: {
        "team": Team.objects.get(slug="werk-zuidoost").pk,
        "bevestigd": "on",
        "versie": Opgave.objects.get(pk=args[0]).version,
    },
    "teams:create": lambda args: {"naam": "Buurtteam", "soort": "opgaveteam", "focuslimiet": 4},
    "teams:edit": lambda args: {
        "naam": "Armoede en schulden Osdorp",
        "slug": args[0],
        "soort": "opgaveteam",
        "focuslimiet": 4,
        "versie": Team.objects.get(slug=args[0]).version,
    },
    "teams:waardencheck": lambda args: (
        {"datum": "2026-12-01"} | {f"score_{w.pk}": 4 for w in Waarde.objects.filter(actief=True)}
    ),
    "teams:lid_toevoegen": lambda args: {"user": _buiten(), "rol": "lid", "organisatie": "GGD"},
    "teams:lid_verwijderen": lambda args: {"bevestigd": "on"},
    "teams:gast_uitnodigen": lambda args: {
        "opgave": Team.objects.get(slug=args[0]).opgaven.first().pk,
        "gast": _buiten(),
    },
    "teams:gast_intrekken": lambda args: {},
    "teams:bord_verplaats": _regiezet,
    "teams:peilmoment_vastleggen": lambda args: {},
    "teams:melding_afhandelen": _triage,
    "gebieden:lokale_status_bewerken": lambda args: {
        "lokale_status": "afgerond",
        "urgentie": "laag",
        "notitie": "Klaar in deze buurt.",
        "versie": OpgaveGebied.objects.get(pk=args[1]).version,
    },
    "melden": lambda args: {
        "soort": "kans",
        "titel": "Leegstaande winkel",
        "beschrijving": "Kan een buurtkamer worden.",
        "gebied": Gebied.objects.get(code="FK01").pk,
    },
    "belemmering_status": _belemmering,
    "belemmering_bewerken": _belemmering_bewerken,
}


def _eerst_archiveren(args) -> None:
    Opgave.objects.get(pk=args[0]).archiveer(door=None)


def _tweede_trekker(args) -> None:
    """The member taken out is the team's trekker: alice leads too, so one trekker stays."""
    Lidmaatschap.objects.filter(team__lidmaatschappen__pk=args[1], user__username="alice").update(
        rol="trekker"
    )


def _gearchiveerd_eerst(args) -> None:
    Actie.objects.get(pk=args[1]).archiveer(door=None)


def _elders_landen(args) -> None:
    """A second place to land, so the first one may go."""
    OpgaveGebied.objects.create(opgave_id=args[0], gebied=Gebied.objects.get(code="TA01"))


# What must be in place before a valid post can write.
VOORAF = {
    "teams:gast_intrekken": _gast_eerst,
    "opgaven:herstellen": _eerst_archiveren,
    "teams:lid_verwijderen": _tweede_trekker,
    "opgaven:actie_herstellen": _gearchiveerd_eerst,
    "opgaven:landing_verwijderen": _elders_landen,
}


def schrijf_urls():
    """Every write URL of the walk, with the first role that may write there."""
    for naam, (methode, soort, statussen) in EXPECTED.items():
        if methode == "POST":
            rol = next(r for r in ROLES[1:] if statussen[ROLES.index(r)] not in {403, 404})
            yield naam.removesuffix(" POST"), soort, rol


def schrijvers():
    """The write URLs that write to the database."""
    for url_name, soort, rol in schrijf_urls():
        if GELDIG.get(url_name, True) is not None:
            yield pytest.param(url_name, soort, rol, id=url_name)


def test_every_write_url_names_a_valid_post():
    assert {url_name for url_name, _soort, _rol in schrijf_urls()} == set(GELDIG)


def voorbereid(url_name, soort):
    """The URL and a valid post, with what must be in place made before the snapshot."""
    args = arguments(soort, lid="alice", buiten="charlie")
    if url_name in VOORAF:
        VOORAF[url_name](args)
    return reverse(url_name, args=args), GELDIG[url_name](args)


@pytest.mark.parametrize(("url_name", "soort", "rol"), list(schrijvers()))
def test_a_write_whose_answer_fails_leaves_the_database_exactly_as_before(
    client, wereld, monkeypatch, url_name, soort, rol
):
    gebruikersnaam = wereld.rol(rol).username
    client.raise_request_exception = False
    client.force_login(User.objects.get(username=gebruikersnaam))

    with transaction.atomic():  # as it is: the post writes (undone afterwards)
        url, gegevens = voorbereid(url_name, soort)
        voor = database()
        response = client.post(url, gegevens)
        assert response.status_code < 400, f"{url_name}: {response.status_code}"
        assert database() != voor, f"{url_name} wrote nothing: the test would prove nothing"
        transaction.set_rollback(True)
    client.force_login(User.objects.get(username=gebruikersnaam))
    url, gegevens = voorbereid(url_name, soort)
    voor = database()

    # The answer fails after the view and its rendering have run.
    with breek():
        response = client.post(url, gegevens)
    assert response.status_code == 500
    assert database() == voor

    # A template fails to render, in the htmx answer most write views render after writing.
    def kapot(*args, **kwargs):
        raise RuntimeError("de weergave mislukt")

    monkeypatch.setattr(loader, "render_to_string", kapot)
    response = client.post(url, gegevens, headers=HTMX)
    monkeypatch.undo()
    if response.status_code == 500:
        assert database() == voor
    else:  # answered without a template (a redirect): wrote, and said so
        assert response.status_code < 400


def test_a_database_error_in_the_board_version_bump_leaves_no_half_saved_update(
    client, monkeypatch
):
    lid = LidmaatschapFactory().user
    opgave = OpgaveFactory(team=lid.lidmaatschappen.get().team)
    client.raise_request_exception = False
    client.force_login(lid)

    def kapotte_update(opgave_id):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE bestaat_niet SET x = 1")  # a real database error

    monkeypatch.setattr("opgaven.bordversie.verhoog_opgavebord", kapotte_update)
    response = client.post(
        f"/opgaven/{opgave.pk}/voortgang/",
        {"status": "zorg", "datum": "2026-12-01", "tekst": "Het spreekuur stopt."},
        headers=HTMX,
    )
    assert response.status_code == 500
    assert not opgave.updates.exists()
    opgave.refresh_from_db()
    assert opgave.bord_versie == 0
