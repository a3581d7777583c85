import pytest

from opgaven.models import Mijlpaal, OnveranderlijkError, Peilmoment, PeilmomentOpgave
from teams.models import Team, TeamSoort

pytestmark = pytest.mark.django_db


def regieteam() -> Team:
    return Team.objects.get(soort=TeamSoort.REGIETEAM)


def test_regie_records_a_peilmoment_of_every_opgave_on_the_board(demo, login):
    response = login("regie").post(f"/teams/{regieteam().slug}/peilmomenten/")
    assert response.status_code == 302
    peilmoment = Peilmoment.objects.get()
    assert peilmoment.vastgelegd_door.username == "regie"
    regels = {regel.titel: regel for regel in peilmoment.regels.all()}
    assert len(regels) == 5
    energie = regels["Wildeman aardgasvrij en beter geïsoleerd"]
    assert (energie.voortgang, energie.voortgang_status, energie.belemmeringen_open) == (
        50,
        "aandacht",
        2,
    )


def test_coordinators_cannot_record_a_peilmoment(demo, login):
    assert login("coordinator").post(f"/teams/{regieteam().slug}/peilmomenten/").status_code == 403
    assert not Peilmoment.objects.exists()


def test_a_peilmoment_cannot_be_changed(demo, login):
    login("regie").post(f"/teams/{regieteam().slug}/peilmomenten/")
    peilmoment = Peilmoment.objects.get()
    regel = peilmoment.regels.first()
    regel.voortgang = 100
    with pytest.raises(OnveranderlijkError):
        regel.save()
    with pytest.raises(OnveranderlijkError):
        peilmoment.save()
    assert PeilmomentOpgave.objects.get(pk=regel.pk).voortgang != 100


def test_the_overview_shows_what_changed_since_a_peilmoment_with_a_progress_line(demo, login):
    client = login("regie")
    client.post(f"/teams/{regieteam().slug}/peilmomenten/")
    peilmoment = Peilmoment.objects.get()
    open_mijlpaal = Mijlpaal.objects.filter(
        opgave__titel="Wildeman aardgasvrij en beter geïsoleerd", gereed=False
    ).first()
    open_mijlpaal.gereed = True
    open_mijlpaal.save()

    response = client.get(f"/overzicht/?thema=energietransitie&peilmoment={peilmoment.pk}")
    html = response.content.decode()
    assert "voortgang +25 procentpunt" in html
    assert "Voortgang per peilmoment: 50% → 75%" in html


def test_recording_a_peilmoment_writes_history_for_it_and_each_opgave_in_the_users_name(
    demo, login
):
    login("regie").post(f"/teams/{regieteam().slug}/peilmomenten/")
    peilmoment = Peilmoment.objects.get()
    regie = peilmoment.vastgelegd_door
    assert [(h.history_type, h.history_user) for h in peilmoment.history.all()] == [("+", regie)]
    historie = PeilmomentOpgave.history.filter(peilmoment_id=peilmoment.pk)
    assert sorted(h.opgave_id for h in historie) == sorted(
        peilmoment.regels.values_list("opgave_id", flat=True)
    )
    assert {(h.history_type, h.history_user) for h in historie} == {("+", regie)}
