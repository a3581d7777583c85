"""Every write request is all or nothing: when the answer cannot be produced, nothing was
stored, and no success message or audit log line claims otherwise."""

import logging

import pytest
from django.template import loader

import kern.htmx
from audit.models import AuditRegel
from opgaven.models import Voortgangsupdate
from tests.factories import LidmaatschapFactory, OpgaveFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kapotte_weergave(monkeypatch):
    """Rendering any template fails, after the view has written."""

    def kapot(*args, **kwargs):
        raise RuntimeError("weergave mislukt")

    monkeypatch.setattr(loader, "render_to_string", kapot)


@pytest.fixture
def lid(client):
    client.raise_request_exception = False
    user = LidmaatschapFactory(rol="trekker").user
    client.force_login(user)
    client.opgave = OpgaveFactory(team=user.lidmaatschappen.get().team)
    return client


def test_a_write_whose_answer_fails_is_not_stored(lid, kapotte_weergave):
    response = lid.post(
        f"/opgaven/{lid.opgave.pk}/voortgang/",
        {"status": "op_koers", "datum": "2026-12-01", "tekst": "Gesprek gevoerd"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 500
    assert not Voortgangsupdate.objects.exists()


def test_a_rolled_back_permission_change_leaves_no_audit_row_or_log_line(
    lid, kapotte_weergave, caplog, django_capture_on_commit_callbacks
):
    gast = UserFactory()
    team = lid.opgave.team
    with (
        caplog.at_level(logging.INFO, logger="opgavebord.audit"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = lid.post(
            f"/teams/{team.slug}/gasten/",
            {"opgave": lid.opgave.pk, "gast": gast.pk},
            headers={"HX-Request": "true"},
        )
    assert response.status_code == 500
    assert not AuditRegel.objects.filter(details__contains=gast.username).exists()
    assert callbacks == []
    assert not [r for r in caplog.records if gast.username in r.getMessage()]


def test_a_failed_write_keeps_no_success_message_for_the_next_page(lid, monkeypatch):
    def kapot(*args, **kwargs):
        raise RuntimeError("doorsturen mislukt")

    monkeypatch.setattr(kern.htmx, "redirect", kapot)  # after the save and its message
    team = lid.opgave.team
    response = lid.post(
        f"/teams/{team.slug}/bewerken/",
        {"naam": "Nieuwe naam", "focuslimiet": 3, "versie": team.version},
    )
    assert response.status_code == 500
    team.refresh_from_db()
    assert team.naam != "Nieuwe naam"
    volgende = lid.get(f"/teams/{team.slug}/").content.decode()
    assert "De gegevens van het team zijn opgeslagen." not in volgende
