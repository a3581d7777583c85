import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

PROJECT = Path(__file__).resolve().parents[2]


def import_settings(**env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=PROJECT,
        env={**clean, **env},
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "opgavebord.example"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "s3cret"}, "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without_its_secrets(env, message):
    result = import_settings(**env)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"TRUSTED_PROXY_HOPS": "0"}, "TRUSTED_PROXY_HOPS must be 1 or more"),
        (
            {"LOGIN_IP_WINDOW_MINUTES": "30", "AXES_COOLOFF_MINUTES": "15"},
            "LOGIN_IP_WINDOW_MINUTES may not exceed AXES_COOLOFF_MINUTES",
        ),
    ],
)
def test_the_app_refuses_a_throttling_setup_it_cannot_honour(env, message):
    result = import_settings(DEBUG="1", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_secret_key_and_allowed_hosts():
    assert import_settings(SECRET_KEY="s3cret", ALLOWED_HOSTS="opgavebord.example").returncode == 0


def test_development_starts_without_secrets():
    assert import_settings(DEBUG="1").returncode == 0


def test_the_app_speaks_dutch_in_amsterdam_time_with_english_available():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_I18N
    assert "en" in dict(settings.LANGUAGES)


PRINT_OPTIONS = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default']['OPTIONS']))"
)
WEB = ["-c", "import django; django.setup(); " + PRINT_OPTIONS]  # like config/wsgi.py
COMMAND = ["manage.py", "shell", "-v", "0", "-c", PRINT_OPTIONS]
POSTGRESQL = "postgres://opgavebord@db.example:5432/opgavebord"


def database_options(process: list[str], **env) -> dict:
    """The database OPTIONS that config/settings.py gives a web process or a command."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "OPGAVEBORD_"))}
    result = subprocess.run(
        [sys.executable, *process],
        cwd=PROJECT,
        env={**clean, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_web_requests_get_short_postgresql_timeouts():
    assert database_options(WEB, DATABASE_URL=POSTGRESQL) == {
        "connect_timeout": 5,
        "options": "-c statement_timeout=15000 -c lock_timeout=5000",
    }


def test_management_commands_get_their_own_postgresql_timeouts():
    assert database_options(COMMAND, DATABASE_URL=POSTGRESQL) == {
        "connect_timeout": 5,
        "options": "-c statement_timeout=0 -c lock_timeout=60000",
    }


def test_the_postgresql_timeouts_are_configurable():
    timeouts = {"DATABASE_CONNECT_TIMEOUT": "3", "DATABASE_LOCK_TIMEOUT": "2"}
    timeouts |= {"DATABASE_COMMAND_STATEMENT_TIMEOUT": "600"}
    assert database_options(WEB, DATABASE_URL=POSTGRESQL, **timeouts) == {
        "connect_timeout": 3,
        "options": "-c statement_timeout=15000 -c lock_timeout=2000",
    }
    assert database_options(COMMAND, DATABASE_URL=POSTGRESQL, **timeouts) == {
        "connect_timeout": 3,
        "options": "-c statement_timeout=600000 -c lock_timeout=60000",
    }


def test_options_in_the_database_url_come_after_the_timeouts_and_win():
    url = POSTGRESQL + "?options=-c%20lock_timeout%3D1000&sslmode=require"
    assert database_options(WEB, DATABASE_URL=url) == {
        "connect_timeout": 5,
        "options": "-c statement_timeout=15000 -c lock_timeout=5000 -c lock_timeout=1000",
        "sslmode": "require",
    }


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout_and_immediate_transactions():
    assert database_options(WEB, DATABASE_URL="sqlite:///opgavebord.db") == {
        "init_command": "PRAGMA journal_mode=WAL",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }


@pytest.mark.django_db
def test_a_web_request_runs_with_the_web_timeouts_on_postgresql(client):
    if connection.vendor != "postgresql":
        pytest.skip("statement and lock timeouts are PostgreSQL's; CI runs this test there")
    assert client.get("/health/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('statement_timeout'), current_setting('lock_timeout')"
        )
        assert cursor.fetchone() == ("15s", "5s")


@pytest.mark.django_db
def test_a_management_command_runs_with_its_own_timeouts_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("statement and lock timeouts are PostgreSQL's; CI runs this test there")
    database = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database)
    toon = (
        "from django.db import connection; cursor = connection.cursor(); cursor.execute("
        "\"SELECT current_setting('statement_timeout'), current_setting('lock_timeout')\"); "
        "print(*cursor.fetchone())"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "OPGAVEBORD_"))}
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", toon],
        cwd=PROJECT,
        env={**clean, "DEBUG": "1", "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["0", "1min"]
