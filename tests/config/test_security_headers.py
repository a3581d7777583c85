"""Every page carries the security headers and a strict Content Security Policy, and no page
holds code that the policy would refuse (inline scripts, style attributes, event handlers)."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.rechten.test_authorization import EXPECTED, ROLES, arguments

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[2]

INLINE_CODE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),  # a script without src
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle\s*=", re.I),
    re.compile(r"\son[a-z]+\s*=", re.I),
    re.compile(r"javascript:", re.I),
    re.compile(r"\shx-on", re.I),
]


def pages_for(client, wereld, role):
    """Every GET page of the URL walk that this role may open, with its response."""
    client.force_login(wereld.rol(role))
    for name, (method, kind, statuses) in EXPECTED.items():
        if method != "GET" or statuses[ROLES.index(role)] != 200:
            continue
        url = reverse(name, args=arguments(kind, lid="alice", buiten="charlie"))
        yield url, client.get(url)


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("role", ["lid", "regie", "coordinator", "beheer"])
def test_every_page_has_a_strict_content_security_policy(client, wereld, role):
    checked = 0
    for url, response in pages_for(client, wereld, role):
        assert "Content-Security-Policy" in response, url
        directives = csp_directives(response)
        header = response["Content-Security-Policy"]
        assert "unsafe-inline" not in header, url
        assert "unsafe-eval" not in header, url
        assert directives["script-src"] == ["'self'"], url
        assert directives["style-src"] == ["'self'"], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["frame-ancestors"] == ["'none'"], url
        assert directives["object-src"] == ["'none'"], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        checked += 1
    assert checked >= 10


def test_the_login_page_and_error_pages_have_the_policy_too(client):
    for response in (
        client.get("/accounts/login/"),
        client.get("/bestaat-niet/"),
        client.post("/melden/", {}),
    ):
        assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("role", ["lid", "regie", "beheer"])
def test_no_page_holds_inline_script_style_or_event_handlers(client, wereld, role):
    for url, response in pages_for(client, wereld, role):
        if not response["Content-Type"].startswith("text/html") or url.startswith("/admin/"):
            continue
        html = response.content.decode()
        for pattern in INLINE_CODE:
            match = pattern.search(html)
            assert match is None, f"{url}: {match.group(0) if match else ''}"


def test_htmx_is_configured_for_the_policy(client, wereld, login):
    html = login(wereld.alice).get("/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'>', html).group(1)
    assert '"allowEval": false' in config
    assert '"includeIndicatorStyles": false' in config
    assert '"allowScriptTags": false' in config
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js" defer>', html)


def production_env(**extra):
    unset = {"DEBUG", "SECURE_SSL_REDIRECT", "SECURE_COOKIES", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    env |= {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "opgavebord.example.nl",
        "DEBUG": "0",
    }
    return env | extra


def test_check_deploy_with_production_settings_reports_no_issues():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=PROJECT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def settings_value(expression: str, **env) -> str:
    """A setting as a fresh process with `env` reads it: the settings module alone, without
    loading the apps (django.setup()), which settings never depend on."""
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print({expression})"],
        cwd=PROJECT,
        env=production_env(DJANGO_SETTINGS_MODULE="config.settings", **env),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_proxy_ssl_header_comes_from_the_environment():
    assert settings_value("settings.SECURE_PROXY_SSL_HEADER") == str(
        ("HTTP_X_FORWARDED_PROTO", "https")
    )
    assert settings_value(
        "settings.SECURE_PROXY_SSL_HEADER", PROXY_SSL_HEADER="HTTP_X_SCHEME"
    ) == str(("HTTP_X_SCHEME", "https"))
    assert settings_value("settings.SECURE_PROXY_SSL_HEADER", PROXY_SSL_HEADER="") == "None"


def test_production_cookies_are_secure_and_hsts_is_on():
    waarden = settings_value(
        "settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT,"
        " settings.SECURE_HSTS_SECONDS >= 31536000, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS"
    )
    assert waarden == "True True True True True"


# --- Permissions-Policy and Cache-Control ------------------------------------------------------

UNUSED_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb", "display-capture"]


def permissions_policy(response) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))


@pytest.fixture
def alice_client(client):
    client.force_login(UserFactory(username="alice"))
    return client


def test_a_page_denies_the_powerful_browser_features_the_app_never_uses(alice_client):
    policy = permissions_policy(alice_client.get("/"))
    for feature in UNUSED_FEATURES:
        assert policy[feature] == "()", feature


def test_the_login_page_denies_them_too(client):
    policy = permissions_policy(client.get("/accounts/login/"))
    assert all(policy[feature] == "()" for feature in UNUSED_FEATURES)


def test_a_static_file_carries_the_permissions_policy_and_keeps_its_own_caching(client, settings):
    settings.WHITENOISE_USE_FINDERS = True  # serve from static/ without collectstatic
    response = client.get("/static/js/opgavebord.js")
    assert response.status_code == 200
    assert permissions_policy(response)["camera"] == "()"
    assert "public" in response["Cache-Control"]


def test_a_signed_in_page_is_private_but_not_kept_out_of_the_back_button_cache(alice_client):
    for url in ("/", "/opgaven/", "/bestaat-niet/"):
        assert alice_client.get(url)["Cache-Control"] == "private", url


@pytest.mark.parametrize("url", ["/accounts/login/", "/bestaat-niet/"])
def test_an_anonymous_page_with_a_csrf_token_is_kept_from_shared_caches(client, url):
    response = client.get(url)
    assert "csrfmiddlewaretoken" in response.content.decode()  # the login or language form
    assert "private" in response["Cache-Control"].split(", ")


def test_a_view_that_chose_its_own_caching_keeps_it(client):
    response = client.get("/health/")
    assert "no-store" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
