import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_health_answers_200_when_the_database_is_reachable(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def onbereikbaar():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", onbereikbaar)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_health_needs_no_login(client):
    assert client.get("/health/").status_code == 200


@pytest.mark.django_db
def test_health_refuses_writes(client):
    assert client.post("/health/").status_code == 405
