"""Backup and restore as README's "Backup and restore" describes it: `pg_dump -Fc` of the
database, `pg_restore` into a new, empty database. The demo world is dumped and restored, and
the copy must hold every row of every table, continue every sequence where the original was,
need no migration, and show the boards to the demo users.

The demo world is built by the commands users run (`migrate`, `demo`) in a database of its own,
not in the test database: pg_dump needs committed data, and a test that commits and then empties
the shared test database would leave the next live-server test without its seeded rows."""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection
from psycopg import sql

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore back up PostgreSQL"
)

ROOT = Path(__file__).resolve().parents[2]

# Run in a separate process against the restored database: the pages as the demo users see
# them, after checking that the restored database needs no migration.
BEKIJK = """
import json
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils.html import escape
from opgaven.models import Opgave
from teams.models import Team, TeamSoort

call_command("migrate", check_unapplied=True, verbosity=0)
eigen = Opgave.objects.get(team__leden__username="lid")
regieteam = Team.objects.get(soort=TeamSoort.REGIETEAM)
elders = Opgave.objects.get(team__leden__username="buiten")
paginas = [
    ("lid", "/", eigen.titel),
    ("lid", f"/opgaven/{eigen.pk}/", eigen.acties.first().titel),
    ("regie", f"/teams/{regieteam.slug}/bord/", eigen.titel),
    ("regie", "/gebieden/FK01/", "Wildeman"),
    ("coordinator", "/overzicht/", "Osdorp-Midden"),
    ("buiten", "/", elders.titel),
]
antwoorden = []
# No collectstatic here: static files as in development, as the tests serve them.
statisch = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
with override_settings(STORAGES={**settings.STORAGES, "staticfiles": statisch}):
    for gebruiker, url, verwacht in paginas:
        client = Client()
        client.force_login(get_user_model().objects.get(username=gebruiker))
        antwoord = client.get(url)
        antwoorden.append(
            [gebruiker, url, antwoord.status_code, escape(verwacht) in antwoord.content.decode()]
        )
print(json.dumps(antwoorden))
"""


def _programma(naam: str) -> str:
    pad = shutil.which(naam)
    assert pad, f"{naam} not found: install Debian's postgresql-client"
    return pad


def _server() -> dict:
    """The test database's server, as libpq's connection keywords."""
    instellingen = connection.settings_dict
    return {
        "host": instellingen["HOST"] or "localhost",
        "port": str(instellingen["PORT"] or 5432),
        "user": instellingen["USER"],
        "password": instellingen["PASSWORD"],
    }


def _server_opties() -> list[str]:
    server = _server()
    gebruiker = ["--username", server["user"]] if server["user"] else []
    return ["--host", server["host"], "--port", server["port"], *gebruiker]


def _omgeving() -> dict:
    wachtwoord = _server()["password"]
    return os.environ | ({"PGPASSWORD": wachtwoord} if wachtwoord else {})


def _beheer():
    return psycopg.connect(dbname="postgres", **_server(), autocommit=True)


def _inhoud(database: str) -> tuple[dict[str, int], dict[str, int]]:
    """The number of rows of every table and the last value of every sequence."""
    with psycopg.connect(dbname=database, **_server()) as verbinding:
        tabellen = [
            naam
            for (naam,) in verbinding.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        ]
        rijen = {
            tabel: verbinding.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(tabel))
            ).fetchone()[0]
            for tabel in tabellen
        }
        reeksen = dict(
            verbinding.execute(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()
        )
    return rijen, reeksen


def _database_url(database: str) -> str:
    server = _server()
    wachtwoord = f":{quote(server['password'], safe='')}" if server["password"] else ""
    return (
        f"postgres://{quote(server['user'] or '', safe='')}{wachtwoord}@"
        f"{server['host']}:{server['port']}/{database}"
    )


def _als_app(database: str, *opdracht: str) -> subprocess.CompletedProcess:
    """Run a Python command of the app against `database`, in a process of its own."""
    omgeving = _omgeving() | {
        "DATABASE_URL": _database_url(database),
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    uitkomst = subprocess.run(
        [sys.executable, *opdracht], cwd=ROOT, env=omgeving, capture_output=True, text=True
    )
    assert uitkomst.returncode == 0, uitkomst.stderr
    return uitkomst


@contextlib.contextmanager
def tijdelijke_database(soort: str):
    """A new, empty database; dropped afterwards, also when the test fails."""
    naam = f"{connection.settings_dict['NAME']}_{soort}_{uuid.uuid4().hex[:8]}"
    with _beheer() as beheer:
        beheer.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(naam))
        )
    try:
        yield naam
    finally:
        with _beheer() as beheer:
            beheer.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
            )


@pytest.fixture(scope="module")
def bron():
    """The demo world, built as a user would: `migrate`, then `demo`."""
    with tijdelijke_database("bron") as naam:
        _als_app(naam, "manage.py", "migrate", "--noinput", "--verbosity", "0")
        _als_app(naam, "manage.py", "demo")
        yield naam


@pytest.fixture(scope="module")
def teruggezet(bron, tmp_path_factory) -> str:
    """The demo world, backed up and restored into a new database, as README says."""
    dump = tmp_path_factory.mktemp("backup") / "opgavebord.dump"
    with tijdelijke_database("terug") as naam:
        subprocess.run(
            [_programma("pg_dump"), "-Fc", *_server_opties(), "--file", str(dump), bron],
            env=_omgeving(),
            check=True,
        )
        subprocess.run(
            [_programma("pg_restore"), "--no-owner", "--exit-on-error", *_server_opties(),
             "--dbname", naam, str(dump)],
            env=_omgeving(),
            check=True,
        )  # fmt: skip
        yield naam


def test_a_restored_backup_holds_every_row_of_every_table_and_every_sequence(bron, teruggezet):
    rijen, reeksen = _inhoud(bron)
    assert rijen["opgaven_actie"] > 0 and rijen["opgaven_historicalactie"] > 0
    assert _inhoud(teruggezet) == (rijen, reeksen)


def test_the_demo_users_see_their_boards_from_a_restored_backup(teruggezet):
    antwoorden = json.loads(_als_app(teruggezet, "-c", BEKIJK).stdout)
    assert len(antwoorden) == 6
    for gebruiker, url, status, gevonden in antwoorden:
        assert (status, gevonden) == (200, True), f"{url} as {gebruiker}"
