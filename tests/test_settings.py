import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parent.parent


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
