"""Opgavebord settings: one file, every deploy-time value from an environment variable.

Development defaults are safe for a laptop; with DEBUG off the app refuses to start
without SECRET_KEY and ALLOWED_HOSTS, so production can never run on the defaults.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
elif not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
elif not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials.apps.SimpleAppConfig",
    "guardian",
    "simple_history",
    "csp",
    "axes",
    "kern",
    "gebieden",
    "teams",
    "opgaven",
    "rechten",
    "audit",
    "web",
    "demo",
    "benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.PrivateCacheMiddleware",
    # Before the session: /health/ must answer without the database (a 503 when it is down).
    "config.middleware.HealthMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "audit.sessies.SessieVerlengenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # SQLite only: this process's write requests queue for the single write lock.
    "config.middleware.SQLiteSchrijversOpVolgorde",
    # Inside the messages (a failed write keeps no "saved" message), around everything that
    # writes: the view, history, the audit log, axes.
    "config.middleware.SchrijvenAllesOfNiets",
    "django_htmx.middleware.HtmxMiddleware",
    # Vary: HX-Request, and the messages an htmx fragment did not show, sent along with it.
    "kern.middleware.HtmxBerichtenMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "audit.middleware.GeweigerdeToegangMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Partials loader around the cached loader: `page.html#fragment` renders one partial.
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "web.context_processors.mijn_teams",
                "web.context_processors.beheer",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Form choice lists iterate their querysets; on PostgreSQL that would otherwise open a
# server-side cursor (three round trips) for a list of ten team members. Also required
# behind a transaction-pooling connection pooler.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

# PostgreSQL timeouts, in seconds (0: no limit). A database that accepts and never answers, a
# runaway query or a lock that is not released costs a web request seconds and an error page,
# not a worker. manage.py marks its commands (migrate, demo, importeer_gebieden, genereer_schaal,
# bench) with OPGAVEBORD_PROCESS=command: an operator waits for them, so they get values of
# their own. Web requests (gunicorn, runserver) get the short ones; the slowest page, the
# overview at city scale, needs well under a second.
DATABASE_CONNECT_TIMEOUT = int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
if os.environ.get("OPGAVEBORD_PROCESS") == "command":
    DATABASE_STATEMENT_TIMEOUT = int(os.environ.get("DATABASE_COMMAND_STATEMENT_TIMEOUT", "0"))
    DATABASE_LOCK_TIMEOUT = int(os.environ.get("DATABASE_COMMAND_LOCK_TIMEOUT", "60"))
else:
    DATABASE_STATEMENT_TIMEOUT = int(os.environ.get("DATABASE_STATEMENT_TIMEOUT", "15"))
    DATABASE_LOCK_TIMEOUT = int(os.environ.get("DATABASE_LOCK_TIMEOUT", "5"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    opties = DATABASES["default"].setdefault("OPTIONS", {})
    opties.setdefault("connect_timeout", DATABASE_CONNECT_TIMEOUT)
    # Sent with the connection request, so they cost no extra round trip; `options` given in
    # DATABASE_URL come after these and win.
    opties["options"] = " ".join(
        [
            f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT * 1000}",
            f"-c lock_timeout={DATABASE_LOCK_TIMEOUT * 1000}",
            opties.get("options", ""),
        ]
    ).strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The quick-start default holds a small team's concurrent writes. WAL: reading goes on
    # while someone writes. BEGIN IMMEDIATE: a write transaction takes the write lock when it
    # begins, so two transactions never both read and then both want to write, a deadlock that
    # SQLite answers at once with "database is locked". timeout: a writer waits up to 20 s for
    # its turn instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL", "timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username + IP before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user object; anonymous visitors log in.

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]  # English dates in the British style
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rendered board cards (opgaven/kaartcache.py), keyed by what they show: per process,
    # nothing to invalidate, so no shared cache server is needed.
    "kaarten": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "kaarten",
        "TIMEOUT": 60 * 60 * 24,
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    },
}

# Sessions end after SESSION_COOKIE_AGE seconds without activity (default 8 hours). Rather than
# SESSION_SAVE_EVERY_REQUEST, which would write the session row on every 4-second board poll,
# audit.sessies.SessieVerlengenMiddleware renews the expiry at most once per
# SESSION_RENEW_AFTER seconds (default 5 minutes): a sliding window for one write per 75 polls.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(8 * 60 * 60)))
SESSION_RENEW_AFTER = int(os.environ.get("SESSION_RENEW_AFTER", str(5 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Request bodies larger than this answer 413 (config.views.foute_aanvraag); no form of the app
# comes near it.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(512 * 1024)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = 400

# `importeer_gebieden` refuses a larger file before reading it (default 50 MB).
GEBIEDEN_IMPORT_MAX_BYTES = int(os.environ.get("GEBIEDEN_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))

# Strict Content Security Policy (django-csp): scripts and styles only from our own static
# files, no inline code, no eval. htmx is configured for it in base.html (meta htmx-config).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Permissions-Policy (django-permissions-policy): the powerful browser features Opgavebord never
# uses are switched off for its pages and anything they might embed. Only features Chromium
# knows: an unknown one costs a console warning on every page.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username
# from one IP address, that combination is locked out for AXES_COOLOFF_MINUTES. Besides, an IP
# address with LOGIN_IP_FAILURE_LIMIT failures across all usernames within LOGIN_IP_WINDOW is
# locked for every username (audit.aanmeldpogingen); the default leaves room for a town hall
# whose staff all sign in from one NAT address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "audit.aanmeldpogingen.AanmeldpogingenHandler"
LOGIN_IP_FAILURE_LIMIT = int(os.environ.get("LOGIN_IP_FAILURE_LIMIT", "50"))
LOGIN_IP_WINDOW = timedelta(minutes=int(os.environ.get("LOGIN_IP_WINDOW_MINUTES", "15")))
if LOGIN_IP_WINDOW > AXES_COOLOFF_TIME:
    # django-axes forgets a failure once its cool-off has passed, so the IP rule cannot look back
    # further than that.
    raise ImproperlyConfigured("LOGIN_IP_WINDOW_MINUTES may not exceed AXES_COOLOFF_MINUTES.")
AXES_LOCKOUT_CALLABLE = "config.views.aanmelden_geblokkeerd"
AXES_CLIENT_IP_CALLABLE = "audit.herkomst.client_ip"
AXES_VERBOSE = False

# Behind a TLS-terminating proxy: the header (as in request.META) that carries the original
# scheme (default HTTP_X_FORWARDED_PROTO). The proxy must always set or strip that header, or
# clients could claim HTTPS themselves; without a proxy, set PROXY_SSL_HEADER to empty.
# CLIENT_IP_HEADER (e.g. HTTP_X_FORWARDED_FOR) likewise names where the proxies put the client's
# address, for login throttling and the audit log. Each of the TRUSTED_PROXY_HOPS proxies in
# front of the app appends the address it was reached from, so the client's address is the
# entry that many places from the right (audit.herkomst.client_ip); entries further left are
# the client's own claim.
PROXY_SSL_HEADER = os.environ.get("PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO")
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", "1"))
if TRUSTED_PROXY_HOPS < 1:
    raise ImproperlyConfigured("TRUSTED_PROXY_HOPS must be 1 or more.")

if not DEBUG:
    if PROXY_SSL_HEADER:
        SECURE_PROXY_SSL_HEADER = (PROXY_SSL_HEADER, "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # load balancers probe over plain HTTP
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is hard to undo and a decision for the domain's owner, so it is opt-in
        # (SECURE_HSTS_PRELOAD=1); not having chosen it is not a deployment error.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# History can be seen in the admin, never reverted or edited (kern.admin.GeschiedenisAdmin).
SIMPLE_HISTORY_REVERT_DISABLED = True
SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
# A change's reason is a person's sentence ("omdat ..."), longer than the default 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Denied access and permission changes (audit app); also stored in audit.AuditRegel.
    "loggers": {"opgavebord.audit": {"level": "INFO"}},
}
