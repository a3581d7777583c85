import importlib
import io
import os

# pytest-playwright runs an event loop in the test thread; Django's ORM must still be usable.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from django.apps import apps as django_apps  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import override_settings  # noqa: E402

from tests.chromium import BROWSER_REQUIRED, CHROMIUM, HOW_TO_INSTALL, chromium_found  # noqa: E402
from tests.factories import KleineWereld, UserFactory, kleine_wereld  # noqa: E402


def pytest_report_header(config):
    return [
        f"database: {connection.vendor}",
        f"chromium: {CHROMIUM if chromium_found() else 'not found'}",
    ]


def pytest_collection_modifyitems(config, items):
    if chromium_found():
        return
    if BROWSER_REQUIRED:
        raise pytest.UsageError(
            f"Browser tests are required but Chromium is missing at {CHROMIUM}: {HOW_TO_INSTALL}"
        )
    skip = pytest.mark.skip(reason=f"Chromium not found: {HOW_TO_INSTALL} to run the browser tests")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


SNELLE_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Tests need no collectstatic run, and no deliberately slow password hashing."""
    settings.PASSWORD_HASHERS = SNELLE_HASHERS
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _lege_caches():
    """Every test starts with empty caches, so no test renders another test's cards."""
    for cache in caches.all():
        cache.clear()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def user(db):
    return UserFactory(username="alice")


@pytest.fixture(scope="module")
def _demo_per_module(django_db_setup, django_db_blocker):
    """The demo world loaded once for a module, inside a transaction that each test's own
    transaction nests in (as a savepoint) and that is rolled back after the module, the way
    Django's TestCase.setUpTestData works: every test still starts from the same world."""
    seeding = importlib.import_module("teams.migrations.0002_waarden_en_coordinatoren")
    buitenste = transaction.atomic()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=SNELLE_HASHERS):
        buitenste.__enter__()
        seeding.zaai(django_apps, None)
        call_command("demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        buitenste.__exit__(None, None, None)


@pytest.fixture
def demo_gedeeld(_demo_per_module, db):
    """The demo world, loaded once for the module (`_demo_per_module`): for tests that are not
    transactional. A module that uses it must use it in all its tests that touch the database,
    as the world stays loaded until the module ends."""


@pytest.fixture
def demo(db):
    """The demo world of DESIGN.md section 5, loaded by the same command users run.

    Live-server tests flush the database after each test, which also removes what data
    migrations seeded (the Waarden, the Coördinatoren group); seed it again first, with the
    migration's own idempotent function.
    """
    seeding = importlib.import_module("teams.migrations.0002_waarden_en_coordinatoren")
    seeding.zaai(django_apps, None)
    call_command("demo", stdout=io.StringIO())


@pytest.fixture
def wereld(db) -> KleineWereld:
    """The small world most tests stand on (tests/factories.py): alice, bob, charlie and their
    teams. Built in some 60 ms on SQLite (about 250 queries, most of them the history, audit and
    permission rows that every save writes), against some 350 ms for the whole demo."""
    return kleine_wereld()


@pytest.fixture
def login(client):
    """Sign the test client in as a user, or as one of the demo users by username."""

    def inloggen(gebruiker):
        if isinstance(gebruiker, str):
            gebruiker = get_user_model().objects.get(username=gebruiker)
        client.force_login(gebruiker)
        return client

    return inloggen


# Reports every Content Security Policy violation of the page to the console, where the
# fixture below collects it (Chromium also logs its own "Refused to ..." message there).
CSP_MELDER = """
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(
    `CSP-overtreding: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`
  );
});
"""


def _is_csp_overtreding(tekst: str) -> bool:
    return "CSP-overtreding" in tekst or "Content Security Policy" in tekst


@pytest.fixture(autouse=True)
def csp_overtredingen(request, monkeypatch):
    """In browser tests, every page of every browser context reports CSP violations, and a
    test with any violation fails. Yields the list, for tests that provoke one on purpose."""
    overtredingen: list[str] = []
    if request.node.get_closest_marker("e2e") is None:
        yield overtredingen
        return
    browser = request.getfixturevalue("browser")
    nieuwe_context = browser.new_context

    def bewaakte_context(*args, **kwargs):
        context = nieuwe_context(*args, **kwargs)
        context.add_init_script(CSP_MELDER)
        context.on(
            "console",
            lambda bericht: (
                overtredingen.append(bericht.text) if _is_csp_overtreding(bericht.text) else None
            ),
        )
        return context

    monkeypatch.setattr(browser, "new_context", bewaakte_context)
    yield overtredingen
    if not request.node.get_closest_marker("csp_overtreding_verwacht"):
        assert overtredingen == [], "CSP violations in the browser:\n" + "\n".join(overtredingen)
