import pytest

from opgaven.models import Mijlpaal, OnveranderlijkError, Peilmoment, PeilmomentOpgave

pytestmark = pytest.mark.django_db


def peilmoment_url(wereld) -> str:
    return f"/teams/{wereld.regieteam.slug}/peilmomenten/"


def test_regie_records_a_peilmoment_of_every_opgave_on_the_board(wereld, login):
    response = login(wereld.bob).post(peilmoment_url(wereld))
    assert response.status_code == 302
    peilmoment = Peilmoment.objects.get()
    assert peilmoment.vastgelegd_door == wereld.bob
    regels = {regel.titel: regel for regel in peilmoment.regels.all()}
    assert set(regels) == {"Schuldhulp dichtbij", "Veilig opgroeien"}
    schuldhulp = regels["Schuldhulp dichtbij"]
    assert (schuldhulp.voortgang, schuldhulp.voortgang_status, schuldhulp.belemmeringen_open) == (
        50,
        "aandacht",
        1,
    )


def test_coordinators_cannot_record_a_peilmoment(wereld, login):
    assert login(wereld.coordinator).post(peilmoment_url(wereld)).status_code == 403
    assert not Peilmoment.objects.exists()


def test_a_peilmoment_cannot_be_changed(wereld, login):
    login(wereld.bob).post(peilmoment_url(wereld))
    peilmoment = Peilmoment.objects.get()
    regel = peilmoment.regels.first()
    regel.voortgang = 100
    with pytest.raises(OnveranderlijkError):
        regel.save()
    with pytest.raises(OnveranderlijkError):
        peilmoment.save()
    assert PeilmomentOpgave.objects.get(pk=regel.pk).voortgang != 100


def test_the_overview_shows_what_changed_since_a_peilmoment_with_a_progress_line(wereld, login):
    client = login(wereld.bob)
    client.post(peilmoment_url(wereld))
    peilmoment = Peilmoment.objects.get()
    open_mijlpaal = Mijlpaal.objects.get(opgave=wereld.opgave, gereed=False)
    open_mijlpaal.gereed = True
    open_mijlpaal.save()

    response = client.get(f"/overzicht/?thema=armoede&peilmoment={peilmoment.pk}")
    html = response.content.decode()
    assert "voortgang +50 procentpunt" in html
    assert "Voortgang per peilmoment: 50% → 100%" in html


def test_recording_a_peilmoment_writes_history_for_it_and_each_opgave_in_the_users_name(
    wereld, login
):
    login(wereld.bob).post(peilmoment_url(wereld))
    peilmoment = Peilmoment.objects.get()
    regie = peilmoment.vastgelegd_door
    assert [(h.history_type, h.history_user) for h in peilmoment.history.all()] == [("+", regie)]
    historie = PeilmomentOpgave.history.filter(peilmoment_id=peilmoment.pk)
    assert sorted(h.opgave_id for h in historie) == sorted(
        peilmoment.regels.values_list("opgave_id", flat=True)
    )
    assert {(h.history_type, h.history_user) for h in historie} == {("+", regie)}
