import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opgaven.models import Belemmering
from tests.factories import BelemmeringFactory, LidmaatschapFactory, OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def dagen_geleden(dagen: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=dagen)


def ingebracht(belemmering: Belemmering, *, dagen: int) -> Belemmering:
    Belemmering.objects.filter(pk=belemmering.pk).update(aangemaakt_op=dagen_geleden(dagen))
    belemmering.refresh_from_db()
    return belemmering


@pytest.fixture
def bord(wereld):
    """Next to the world's escalated belemmering (21 days old), one of every kind the board
    tells apart: new, taken up, critical and escalated, and resolved."""
    ingebracht(wereld.belemmering, dagen=21)
    ingebracht(
        BelemmeringFactory(
            titel="Handhaving niet zichtbaar in de avond",
            opgaven=[wereld.andere_opgave],
            gebied=wereld.buurt,
        ),
        dagen=4,
    )
    ingebracht(
        BelemmeringFactory(
            titel="Isolatieplanning botst met renovatie",
            opgaven=[wereld.opgave],
            gebied=wereld.buurt,
            status="opgepakt",
        ),
        dagen=35,
    )
    ingebracht(
        BelemmeringFactory(
            titel="Netverzwaring pas in 2028",
            opgaven=[wereld.opgave],
            gebied=wereld.wijk,
            ernst="kritiek",
            status="geescaleerd",
            escalatieniveau="regieteam",
            geescaleerd_op=dagen_geleden(7),
        ),
        dagen=10,
    )
    ingebracht(
        BelemmeringFactory(
            titel="Geen ruimte voor de huiswerkklas op woensdag",
            opgaven=[wereld.andere_opgave],
            gebied=wereld.buurt,
            ernst="laag",
            status="opgelost",
            oplossing="De bibliotheek stelt haar leeszaal op woensdag beschikbaar.",
            opgelost_op=dagen_geleden(51),
        ),
        dagen=60,
    )
    return wereld


def handhaving() -> Belemmering:
    return Belemmering.objects.get(titel="Handhaving niet zichtbaar in de avond")


def kolom(response, status: str) -> list[str]:
    return [b.titel for s, kaarten in response.context["kolommen"] if s == status for b in kaarten]


def post_status(client, belemmering, **velden):
    gegevens = {"status": velden.pop("status"), "versie": belemmering.version, **velden}
    return client.post(f"/belemmeringen/{belemmering.pk}/status/", gegevens, headers=HTMX)


def test_the_board_shows_every_visible_belemmering_in_its_column(bord, login):
    response = login(bord.bob).get("/belemmeringen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Corporatie mag huurachterstanden niet delen" in kolom(response, "geescaleerd")
    assert "Geen ruimte voor de huiswerkklas op woensdag" in kolom(response, "opgelost")
    assert "21 dagen oud" in html
    assert "Eigenaar: Bob Brouwer" in html
    assert "Blokkeert:" in html


def test_an_outsider_sees_none_of_the_nieuw_west_belemmeringen(bord, login):
    response = login(bord.charlie).get("/belemmeringen/")
    assert all(kaarten == [] for _status, kaarten in response.context["kolommen"])


def test_filters_narrow_the_board(bord, login):
    client = login(bord.bob)
    response = client.get("/belemmeringen/?ernst=kritiek")
    assert [t for _s, kaarten in response.context["kolommen"] for t in kaarten] == [
        Belemmering.objects.get(ernst="kritiek")
    ]
    oud = client.get("/belemmeringen/?ouder_dan=30")
    titels = {b.titel for _s, kaarten in oud.context["kolommen"] for b in kaarten}
    assert titels == {
        "Isolatieplanning botst met renovatie",
        "Geen ruimte voor de huiswerkklas op woensdag",
    }
    onbekend = client.get("/belemmeringen/?ouder_dan=-1")
    assert onbekend.status_code == 200
    assert "staat nu op de standaard: Ouder dan (dagen)." in onbekend.content.decode()


def test_escalating_asks_which_decision_from_whom_and_by_when(bord, login):
    belemmering = handhaving()
    response = post_status(login(bord.bob), belemmering, status="geescaleerd")
    html = response.content.decode()
    assert response.status_code == 422
    assert "Schrijf op welk besluit nodig is." in html
    belemmering.refresh_from_db()
    assert belemmering.status == "nieuw"


def test_regie_escalates_and_the_board_shows_a_passed_date(bord, login):
    belemmering = handhaving()
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    response = post_status(
        login(bord.bob),
        belemmering,
        status="geescaleerd",
        escalatieniveau="bestuur",
        escalatie_besluit="Extra handhavers in de avond",
        escalatie_bij="Stadsdeelbestuur",
        escalatie_deadline=gisteren.isoformat(),
    )
    assert response.status_code == 200
    assert "Datum verstreken" in response.content.decode()
    belemmering.refresh_from_db()
    assert belemmering.status == "geescaleerd"
    assert belemmering.geescaleerd_op is not None
    assert belemmering.history.first().history_user == bord.bob


def test_resolving_keeps_the_resolution_on_the_record_when_reopened(wereld, login):
    client = login(wereld.bob)
    belemmering = wereld.belemmering
    assert post_status(client, belemmering, status="opgelost").status_code == 422
    post_status(
        client, belemmering, status="opgelost", oplossing="Toestemmingsformulier ingevoerd."
    )
    belemmering.refresh_from_db()
    assert (belemmering.status, belemmering.oplossing) == (
        "opgelost",
        "Toestemmingsformulier ingevoerd.",
    )
    post_status(client, belemmering, status="opgepakt")
    belemmering.refresh_from_db()
    assert belemmering.status == "opgepakt"
    assert belemmering.oplossing == "Toestemmingsformulier ingevoerd."
    assert belemmering.opgelost_op is None


def test_a_stale_status_change_answers_409(wereld, login):
    belemmering = wereld.belemmering
    geladen = belemmering.version
    belemmering.beschrijving = "Aangevuld door iemand anders"
    belemmering.save()
    response = login(wereld.bob).post(
        f"/belemmeringen/{belemmering.pk}/status/",
        {"status": "opgepakt", "versie": geladen},
        headers=HTMX,
    )
    assert response.status_code == 409
    assert "intussen gewijzigd" in response.content.decode()
    belemmering.refresh_from_db()
    assert belemmering.status == "geescaleerd"


def test_a_status_conflict_keeps_what_was_typed_next_to_the_other_change(wereld, login):
    belemmering = wereld.belemmering
    geladen = belemmering.version
    Belemmering.objects.filter(pk=belemmering.pk).update(status="opgepakt")
    belemmering.refresh_from_db()
    belemmering.save()  # someone else took it up: a newer version
    client = login(wereld.bob)
    prefix = f"b{belemmering.pk}"
    typed = "Wethouder besluit over de gegevensdeling"
    response = client.post(
        f"/belemmeringen/{belemmering.pk}/status/",
        {
            f"{prefix}-status": "geescaleerd",
            f"{prefix}-versie": geladen,
            f"{prefix}-escalatieniveau": "bestuur",
            f"{prefix}-escalatie_besluit": typed,
            f"{prefix}-escalatie_bij": "Wethouder",
            f"{prefix}-escalatie_deadline": "2027-01-15",
        },
        headers=HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft deze belemmering intussen gewijzigd." in html
    assert "<dt>Status</dt><dd>Opgepakt</dd>" in html  # what the other person changed
    assert typed in html  # what was typed is still in the form
    assert "Mijn wijziging toch opslaan" in html
    belemmering.refresh_from_db()
    assert belemmering.status == "opgepakt"

    # Keeping it: the form now carries the newest version, so saving it again goes through.
    nieuwste = re.search(rf'name="{prefix}-versie" value="(\d+)"', html)[1]
    assert int(nieuwste) == belemmering.version
    client.post(
        f"/belemmeringen/{belemmering.pk}/status/",
        {
            f"{prefix}-status": "geescaleerd",
            f"{prefix}-versie": nieuwste,
            f"{prefix}-escalatieniveau": "bestuur",
            f"{prefix}-escalatie_besluit": typed,
            f"{prefix}-escalatie_bij": "Wethouder",
            f"{prefix}-escalatie_deadline": "2027-01-15",
        },
        headers=HTMX,
    )
    belemmering.refresh_from_db()
    assert (belemmering.status, belemmering.escalatie_besluit) == ("geescaleerd", typed)


def test_a_member_of_a_blocked_opgave_may_take_it_up_a_coordinator_may_not(bord, login):
    belemmering = handhaving()
    response = post_status(login(bord.coordinator), belemmering, status="opgepakt")
    assert response.status_code == 403
    lid = LidmaatschapFactory(team=belemmering.opgaven.first().team).user
    client = login(lid)
    assert post_status(client, belemmering, status="opgepakt").status_code == 200


def test_a_card_form_without_javascript_redirects_back(bord, login):
    belemmering = handhaving()
    response = login(bord.bob).post(
        f"/belemmeringen/{belemmering.pk}/status/",
        {f"b{belemmering.pk}-status": "opgepakt", f"b{belemmering.pk}-versie": belemmering.version},
    )
    assert response.status_code == 302
    belemmering.refresh_from_db()
    assert belemmering.status == "opgepakt"


def test_the_status_form_opens_on_demand_in_place(bord, login):
    client = login(bord.bob)
    belemmering = bord.belemmering
    bord = client.get("/belemmeringen/").content.decode()
    assert f'name="b{belemmering.pk}-status"' not in bord
    assert f'href="/belemmeringen/{belemmering.pk}/status/?"' in bord
    kaart = client.get(f"/belemmeringen/{belemmering.pk}/status/", headers=HTMX)
    html = kaart.content.decode()
    assert kaart.status_code == 200
    assert html.lstrip().startswith(f'<li class="ob-card" id="belemmering-{belemmering.pk}"')
    assert f'name="b{belemmering.pk}-status"' in html
    assert "<html" not in html


def test_the_status_form_without_javascript_opens_on_the_whole_board(bord, login):
    belemmering = bord.belemmering
    response = login(bord.bob).get(f"/belemmeringen/{belemmering.pk}/status/?ernst=hoog")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert re.findall(r'name="b\d+-status"', html) == [f'name="b{belemmering.pk}-status"']
    assert response.context["filter_form"].cleaned_data["ernst"] == "hoog"


def test_a_coordinator_cannot_open_a_status_form(wereld, login):
    response = login(wereld.coordinator).get(f"/belemmeringen/{wereld.belemmering.pk}/status/")
    assert response.status_code == 403


def test_long_resolved_belemmeringen_leave_the_board_until_asked_for(bord, login):
    oud = BelemmeringFactory(
        titel="Lang geleden opgelost",
        opgaven=[bord.opgave],
        status="opgelost",
        oplossing="Afgesproken.",
        opgelost_op=timezone.now() - datetime.timedelta(days=200),
    )
    client = login(bord.bob)
    response = client.get("/belemmeringen/")
    assert oud.titel not in kolom(response, "opgelost")
    assert "Geen ruimte voor de huiswerkklas op woensdag" in kolom(response, "opgelost")
    html = response.content.decode()
    assert "1 belemmering die eerder is opgelost staat niet op het bord." in html
    assert 'href="?opgelost=alle"' in html
    alle = client.get("/belemmeringen/?opgelost=alle")
    assert oud.titel in kolom(alle, "opgelost")
    assert "eerder is opgelost" not in alle.content.decode()


def test_someone_who_raised_a_belemmering_sees_it_without_a_team(client):
    melder = UserFactory()
    BelemmeringFactory(
        titel="Lantaarnpaal kapot", ingebracht_door=melder, opgaven=[OpgaveFactory()]
    )
    client.force_login(melder)
    response = client.get("/belemmeringen/")
    assert kolom(response, "nieuw") == ["Lantaarnpaal kapot"]


def test_the_metrics_follow_the_belemmeringen_on_the_board(bord, login):
    client = login(bord.bob)
    kengetallen = client.get("/belemmeringen/").context["kengetallen"]
    assert kengetallen.open == 4
    assert kengetallen.oudste_open.titel == "Isolatieplanning botst met renovatie"
    assert kengetallen.mediaan_dagen_tot_oplossing == 9  # raised 60 days ago, solved 9 days later
    assert sum(aantal for _maand, aantal in kengetallen.escalaties_per_maand) == 2

    post_status(
        client,
        bord.belemmering,
        status="opgelost",
        oplossing="Toestemmingsformulier ingevoerd.",
    )
    response = client.get("/belemmeringen/")
    assert response.context["kengetallen"].open == 3
    assert "Escalaties per maand:" in response.content.decode()


def test_the_metrics_cost_the_same_queries_at_two_sizes(client):

    client.force_login(UserFactory(is_staff=True))

    def tel():
        with CaptureQueriesContext(connection) as queries:
            client.get("/belemmeringen/")
        return len(queries)

    BelemmeringFactory(opgaven=[OpgaveFactory()])
    klein = tel()
    for _ in range(30):
        BelemmeringFactory(opgaven=[OpgaveFactory(), OpgaveFactory()])
    assert tel() == klein
