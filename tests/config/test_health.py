import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import OperationalError, connection

PROJECT = Path(__file__).resolve().parents[2]


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


@pytest.mark.django_db
def test_health_answers_503_with_a_session_cookie_when_the_database_is_unreachable(
    client, user, monkeypatch
):
    client.force_login(user)

    def onbereikbaar():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", onbereikbaar)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.fixture(scope="module")
def hangende_database():
    """A 'database' on 127.0.0.1 that accepts connections and never answers: its port."""
    luisteraar = socket.create_server(("127.0.0.1", 0))
    verbindingen = []

    def aannemen():
        with contextlib.suppress(OSError):
            while True:
                verbindingen.append(luisteraar.accept()[0])

    threading.Thread(target=aannemen, daemon=True).start()
    yield luisteraar.getsockname()[1]
    luisteraar.shutdown(socket.SHUT_RDWR)
    luisteraar.close()
    for verbinding in verbindingen:
        verbinding.close()


@pytest.fixture(scope="module")
def app_met_hangende_database(hangende_database, tmp_path_factory):
    """The app behind gunicorn with production settings, its database the hanging one; two
    workers, so the requests below wait out the hang side by side instead of one after the
    other."""
    with socket.socket() as proef:
        proef.bind(("127.0.0.1", 0))
        poort = proef.getsockname()[1]
    # The default timeouts: none of the environment's own database settings.
    omgeving = {
        naam: waarde
        for naam, waarde in os.environ.items()
        if not naam.startswith(("DATABASE_", "OPGAVEBORD_"))
    }
    omgeving |= {
        "DEBUG": "0",
        "SECRET_KEY": "test-only-not-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://opgavebord@127.0.0.1:{hangende_database}/opgavebord",
    }
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with open(log, "w") as uitvoer:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{poort}"],
            cwd=PROJECT, env=omgeving, stdout=uitvoer, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    try:
        for _ in range(300):
            assert server.poll() is None, log.read_text()
            with socket.socket() as proef:
                if proef.connect_ex(("127.0.0.1", poort)) == 0:
                    break
            time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not start:\n" + log.read_text())
        yield f"http://127.0.0.1:{poort}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # a worker still hangs: end the whole group
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


ZONDER_EN_MET_SESSIE = [{}, {"Cookie": "sessionid=een-sessie-van-gisteren"}]


@dataclass
class Antwoord:
    seconden: float
    status: int | None = None
    inhoud: bytes = b""
    fout: Exception | None = None


@pytest.fixture(scope="module")
def antwoorden_bij_hangende_database(app_met_hangende_database):
    """Both requests sent at once, each timed from its own start: the hang is waited out once
    for the module, not once per test. One thread per request; joined here."""
    antwoorden: dict[int, Antwoord] = {}

    def vraag(nummer: int, headers: dict) -> None:
        begin = time.monotonic()
        request = urllib.request.Request(f"{app_met_hangende_database}/health/", headers=headers)
        try:
            urllib.request.urlopen(request, timeout=30)
            antwoorden[nummer] = Antwoord(time.monotonic() - begin, fout=AssertionError("200"))
        except urllib.error.HTTPError as antwoord:
            seconden = time.monotonic() - begin
            antwoorden[nummer] = Antwoord(seconden, antwoord.code, antwoord.read())
        except Exception as fout:  # reported by the test that asked for it
            antwoorden[nummer] = Antwoord(time.monotonic() - begin, fout=fout)

    threads = [
        threading.Thread(target=vraag, args=(nummer, headers))
        for nummer, headers in enumerate(ZONDER_EN_MET_SESSIE)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return antwoorden


@pytest.mark.parametrize("nummer", range(len(ZONDER_EN_MET_SESSIE)), ids=["headers0", "headers1"])
def test_health_answers_503_within_10_seconds_when_the_database_hangs(
    antwoorden_bij_hangende_database, nummer
):
    antwoord = antwoorden_bij_hangende_database[nummer]
    if antwoord.fout is not None:  # as before: anything but an HTTP error answer fails here
        raise antwoord.fout
    assert antwoord.seconden < 10
    assert antwoord.status == 503
    assert json.loads(antwoord.inhoud)["database"] == "unreachable"
