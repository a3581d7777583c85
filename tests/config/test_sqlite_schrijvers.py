"""The SQLite quick-start default holds a small team's concurrent writes: none is refused with
"database is locked". The scenarios run in a process of their own on a SQLite file (tests/
sqlite_schrijvers.py), so they run wherever the suite runs, PostgreSQL in CI included."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection

from config.middleware import SQLiteSchrijversOpVolgorde

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def uitkomst(tmp_path_factory, django_db_setup, django_db_blocker):
    """What tests/sqlite_schrijvers.py counted, on a fresh SQLite file. When the tests run on
    SQLite, the file starts as a copy of the test database, migrated and still empty, so the
    script's own `migrate` finds nothing left to do; on PostgreSQL it migrates the file."""
    database = tmp_path_factory.mktemp("sqlite") / "opgavebord.db"
    if connection.vendor == "sqlite":
        with django_db_blocker.unblock(), sqlite3.connect(database) as kopie:
            connection.ensure_connection()
            connection.connection.backup(kopie)
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    result = subprocess.run(
        [sys.executable, "-m", "tests.sqlite_schrijvers"],
        cwd=PROJECT,
        env={**omgeving, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_six_people_saving_at_once_on_sqlite_are_all_answered_and_stored(uitkomst):
    views = uitkomst["views"]
    assert views["fouten"] == []
    assert views["geweigerd"] == 0
    assert views["beantwoord"] == views["opgeslagen"] == views["rijen"] == 6 * 50


def test_two_transactions_that_read_then_write_on_sqlite_both_commit(uitkomst):
    assert uitkomst["transacties"] == {"gelukt": ["eerste", "tweede"], "fouten": []}


def test_postgresql_queues_writers_itself_and_leaves_the_sqlite_queue_out(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    with pytest.raises(MiddlewareNotUsed):
        SQLiteSchrijversOpVolgorde(lambda request: None)
