import threading

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property

from web.home import health


class LanguageMiddleware:
    """Dutch unless the user chose otherwise.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: civil
    servants often run an English browser, and the team's shared board should read the same
    for everyone at the table. A choice made through `set_language` (its cookie) is honoured.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        gekozen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        taal = gekozen if gekozen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(taal)
        request.LANGUAGE_CODE = taal
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", taal)
        translation.deactivate()
        return response


class HealthMiddleware:
    """Answers /health/ before the session and authentication middleware run.

    With a session cookie those would load the session and the user from the database before
    the view: with the database down, the load balancer would get a 500 after the connect
    timeout instead of the 503 that the check is for. Nothing in front of this middleware
    touches the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def pad(self) -> str:
        return reverse("health")

    def __call__(self, request):
        if request.path == self.pad:
            return health(request)
        return self.get_response(request)


class PrivateCacheMiddleware:
    """`Cache-Control: private` on every response whose view did not choose its own.

    Every page depends on who asks: the session, the CSRF token in its forms (the login page
    too), the language cookie. A shared cache (a proxy, a CDN) must therefore never store one,
    but the browser may: `no-store` would also keep the page out of the back/forward cache,
    which is what brings back what was typed when someone presses Back. Static files never
    get here (WhiteNoise answers them with its own headers); exports set `no-store`
    themselves (kern.export) and /health/ uses never_cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response


class SchrijvenAllesOfNiets:
    """Every write request (any method but GET, HEAD, OPTIONS, TRACE) is all or nothing.

    The view, the signals it sets off, the board-version bump, the audit rows and the rendering
    of the answer run in one transaction, which is rolled back when the answer is a server
    error. An exception in a view or a template has become a 500 response by the time it gets
    here (Django converts it inside), so a write is never stored while its author sees a 500
    and retries. The success messages the view queued go with it: nobody reads "saved" about
    something that was not. Side effects outside the database wait for the commit
    (`transaction.on_commit`).

    Reads need no transaction of their own; on SQLite every write transaction starts with
    BEGIN IMMEDIATE, so concurrent writers queue instead of failing (config/settings.py)."""

    LEZEN = {"GET", "HEAD", "OPTIONS", "TRACE"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.LEZEN:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
                for _bericht in messages.get_messages(request):
                    pass  # read, so the message storage keeps none of them
        return response


class SQLiteSchrijversOpVolgorde:
    """On SQLite, the write requests of one process take turns.

    SQLite has a single write lock, and a writer that finds it taken polls for it (the busy
    timeout), sleeping up to 100 ms between tries: one that has waited long keeps losing it to
    writers that have just arrived, and with six people saving at once some waited 15 s. A
    lock here queues them instead. Between processes (a command next to runserver) the busy
    timeout still decides (config/settings.py). PostgreSQL queues writers itself, so there
    this middleware is left out."""

    beurt = threading.Lock()

    def __init__(self, get_response):
        if connection.vendor != "sqlite":
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if request.method in SchrijvenAllesOfNiets.LEZEN:
            return self.get_response(request)
        with self.beurt:
            return self.get_response(request)
