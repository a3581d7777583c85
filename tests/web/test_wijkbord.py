import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gebieden.models import Niveau
from tests.factories import (
    BelemmeringFactory,
    GebiedFactory,
    LidmaatschapFactory,
    MijlpaalFactory,
    OpgaveFactory,
    OpgaveGebiedFactory,
    RegieteamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def test_regie_sees_every_opgave_landing_in_wildeman_with_its_local_side(wereld, login):
    response = login(wereld.bob).get("/gebieden/FK01/")
    html = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["landingen"]) == 2
    assert "Blomwijckerbuurt" in html
    assert "Veel huishoudens met huurachterstand." in html  # a local note
    assert "Aandacht nodig" in html  # a local status, in words
    assert len(response.context["teams"]) == 2


def test_the_wijk_board_shows_where_opgaven_touch_the_same_buurt(wereld, login):
    response = login(wereld.bob).get("/gebieden/FK/")
    verwevenheid = dict(response.context["verwevenheid"])
    assert len(verwevenheid[wereld.buurt]) == 2
    assert "Verwevenheid" in response.content.decode()


def test_an_outsider_sees_the_area_but_none_of_its_opgaven(wereld, login):
    response = login(wereld.charlie).get("/gebieden/F/")
    assert response.status_code == 200
    assert response.context["landingen"] == []
    assert response.context["belemmeringen"] == []


def test_the_tree_counts_the_opgaven_a_user_may_see(wereld, login):
    response = login(wereld.bob).get("/gebieden/")
    per_code = {g.code: g.aantal_opgaven for g in response.context["geldig"]}
    assert per_code["FK01"] == 2
    assert per_code["F"] == 2
    assert per_code["T"] == 0
    buiten = login(wereld.charlie).get("/gebieden/")
    assert {g.code: g.aantal_opgaven for g in buiten.context["geldig"]}["FK01"] == 0


def test_an_unknown_area_gets_404(wereld, login):
    assert login(wereld.bob).get("/gebieden/XX99/").status_code == 404


def test_regie_changes_the_local_status_in_place(wereld, login):
    landing = wereld.landing
    client = login(wereld.bob)
    form = client.get(f"/gebieden/FK01/opgaven/{landing.pk}/bewerken/", headers=HTMX)
    assert form.status_code == 200
    response = client.post(
        f"/gebieden/FK01/opgaven/{landing.pk}/bewerken/",
        {
            "lokale_status": "loopt",
            "urgentie": "hoog",
            "notitie": "Spreekuur nu ook 's avonds.",
            "versie": landing.version,
        },
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<tr class="utrecht-table__row"')
    landing.refresh_from_db()
    assert landing.lokale_status == "loopt"
    assert landing.history.first().history_user == wereld.bob


def test_a_stale_local_status_save_answers_409_and_keeps_the_other_change(wereld, login):
    landing = wereld.landing
    geladen = landing.version
    landing.notitie = "Door iemand anders"
    landing.save()
    response = login(wereld.bob).post(
        f"/gebieden/FK01/opgaven/{landing.pk}/bewerken/",
        {"lokale_status": "afgerond", "urgentie": "laag", "notitie": "", "versie": geladen},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "Door iemand anders" in response.content.decode()
    landing.refresh_from_db()
    assert landing.lokale_status != "afgerond"


def test_an_invalid_local_status_gets_422(wereld, login):
    landing = wereld.landing
    response = login(wereld.bob).post(
        f"/gebieden/FK01/opgaven/{landing.pk}/bewerken/",
        {"lokale_status": "prima", "urgentie": "hoog", "versie": landing.version},
        headers=HTMX,
    )
    assert response.status_code == 422


def test_a_landing_outside_the_area_is_not_found_through_it(wereld, login):
    buurt = GebiedFactory(code="FK02", niveau=Niveau.BUURT, ouder=wereld.wijk)
    landing = OpgaveGebiedFactory(opgave=wereld.opgave, gebied=buurt)
    response = login(wereld.bob).get(f"/gebieden/FK01/opgaven/{landing.pk}/bewerken/")
    assert response.status_code == 404


def test_the_wijk_board_costs_the_same_queries_at_two_sizes(client):
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    regieteam = RegieteamFactory(gebied=stadsdeel)
    client.force_login(LidmaatschapFactory(team=regieteam).user)

    def tel():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/gebieden/F/").status_code == 200
        with CaptureQueriesContext(connection) as boom:
            assert client.get("/gebieden/").status_code == 200
        return len(queries), len(boom)

    buurt = GebiedFactory(code="F01", niveau=Niveau.BUURT, ouder=stadsdeel)
    OpgaveGebiedFactory(opgave=OpgaveFactory(), gebied=buurt)
    klein = tel()
    for nummer in range(2, 12):
        buurt = GebiedFactory(code=f"F{nummer:02d}", niveau=Niveau.BUURT, ouder=stadsdeel)
        for opgave in OpgaveFactory.create_batch(4):
            OpgaveGebiedFactory(opgave=opgave, gebied=buurt)
    assert tel() == klein


def test_an_outsider_cannot_edit_a_local_status(wereld, client):
    landing = wereld.landing
    client.force_login(UserFactory())
    assert client.post(f"/gebieden/FK01/opgaven/{landing.pk}/bewerken/", {}).status_code == 404


def test_every_row_shows_the_progress_of_its_opgave_also_when_it_lands_twice(client):
    stadsdeel = GebiedFactory(code="F", niveau=Niveau.STADSDEEL)
    regieteam = RegieteamFactory(gebied=stadsdeel)
    client.force_login(LidmaatschapFactory(team=regieteam).user)
    opgave = OpgaveFactory(titel="Schuldhulp dichtbij")
    MijlpaalFactory.create_batch(3, opgave=opgave, gereed=True)
    MijlpaalFactory(opgave=opgave, gereed=False)
    BelemmeringFactory.create_batch(2, opgaven=[opgave])
    for code in ("F01", "F02"):
        buurt = GebiedFactory(code=code, niveau=Niveau.BUURT, ouder=stadsdeel)
        OpgaveGebiedFactory(opgave=opgave, gebied=buurt)
    OpgaveGebiedFactory(opgave=OpgaveFactory(titel="Zonder mijlpalen"), gebied=buurt)
    response = client.get("/gebieden/F/")
    rijen = {
        (landing.opgave.titel, landing.gebied.code): landing.opgave
        for landing in response.context["landingen"]
    }
    assert [(o.voortgang, o.aantal_belemmeringen_open) for o in rijen.values()] == [
        (75, 2),
        (75, 2),
        (0, 0),
    ]
    assert response.content.decode().count("75% · 2 open belemmeringen") == 2
