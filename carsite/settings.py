"""carsite settings: one module, driven by environment variables with safe embedded defaults.

Every variable is listed, with its default, in .env.example and the README's settings table.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from carsite.middleware import static_file_headers

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
# Production runs behind a TLS proxy with DJANGO_HTTPS on (HSTS, secure cookies: see Security).
HTTPS = env_bool("DJANGO_HTTPS", False)
# With DJANGO_HTTPS on, the key is required: a missing one stops every process (manage.py, the
# worker, any WSGI server). Plain-http runs and the tests keep an embedded development key, because
# pytest-django imports this module before any conftest could supply one; `check --deploy` flags
# it (security.W009: the "django-insecure-" prefix) and carsite/gunicorn.py refuses to serve it.
INSECURE_DEFAULT_KEY = "django-insecure-local-development-only-never-use-this-in-production"
SECRET_KEY_MISSING = (
    "carsite: set DJANGO_SECRET_KEY. DJANGO_HTTPS is on (production), and the embedded "
    "development key would let anyone forge sessions and signed values."
)
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if HTTPS and not DEBUG:
        raise ImproperlyConfigured(SECRET_KEY_MISSING)
    SECRET_KEY = INSECURE_DEFAULT_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "carsite.apps.StaffAdminConfig",  # the admin, behind a second factor
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks_db",
    "simple_history",
    "django_prose_editor",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "programs",
    "inquiries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Straight after SecurityMiddleware so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # ETag / Last-Modified → 304 for a repeat visit (after GZip in the list: it runs first on the
    # way out, on the uncompressed page).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "carsite.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each change in the content history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "carsite.middleware.SecurityHeadersMiddleware",
    # Before any view reads the body: a form post in another charset gets a plain 400.
    "carsite.middleware.FormEncodingMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "carsite.urls"
WSGI_APPLICATION = "carsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "programs.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (psycopg 3), e.g. postgres://user@127.0.0.1:5432/carsite.
# Without it: a local SQLite file, set up so several gunicorn workers can write at once:
# WAL lets readers work during a write, IMMEDIATE takes the write lock at BEGIN (no upgrade
# deadlocks) and the busy timeout makes a writer wait instead of failing with "database is locked".
DATABASE_URL = env("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 600), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Keep each worker's connection: opening one (and its PRAGMAs) cost more than a query.
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 600),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("SQLITE_TIMEOUT", 20),
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "carsite",
    }
}
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }

# --- Email (Django 6.1 MAILERS) -------------------------------------------------------------
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "CAR T program <no-reply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env("EMAIL_HOST_USER"),
                "password": env("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- Background tasks ------------------------------------------------------------------------
# Jobs are rows in the database, written in the same transaction as the request they belong to;
# `manage.py db_worker` runs them. Nothing retries a failed job: `manage.py notify_sweep` does.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# --- Callback requests ----------------------------------------------------------------------
# The site's public origin, e.g. https://cart.example.org: every absolute link (canonical,
# hreflang, sitemap, robots.txt, staff emails) is built from it, never from the request's Host
# header, which any client sets and whole cached pages would then hand to everyone.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# First retry of an unsent staff notification after this many minutes, then doubling.
CALLBACK_NOTIFY_RETRY_MINUTES = env_int("CALLBACK_NOTIFY_RETRY_MINUTES", 5)
# Where notifications go when neither the coordinator nor the line has an email address.
CALLBACK_NOTIFY_FALLBACK_EMAIL = env("CALLBACK_NOTIFY_FALLBACK_EMAIL")
# --- The callback path (inquiries, issue 13): never a dead end, never a fake "thank you".
# A form sent sooner than this after it was shown (or without a time we signed) is shown again,
# answers kept, to send again; only a filled-in trap field is dropped quietly.
CALLBACK_MIN_FILL_SECONDS = env_int("CALLBACK_MIN_FILL_SECONDS", 3)
# Accepted requests allowed per address (mistakes never count). Sized for a shared network: a
# hospital's guest Wi-Fi or a family house puts many families behind one address.
CALLBACK_RATE_LIMITS = [
    (env_int("CALLBACK_RATE_PER_MINUTE", 10), 60),
    (env_int("CALLBACK_RATE_PER_DAY", 200), 24 * 3600),
]
# Site searches per address (each one is a full-text query): then a kind "please wait" (429).
SEARCH_RATE_LIMITS = [(env_int("SEARCH_RATE_PER_MINUTE", 30), 60)]
# A new request from the same phone (or the same browser) within this many days is added to
# the first one instead of making a second.
CALLBACK_DUPLICATE_DAYS = env_int("CALLBACK_DUPLICATE_DAYS", 7)
# The confirmation page (reference and state only) lives this many days after the request.
CALLBACK_CONFIRMATION_DAYS = env_int("CALLBACK_CONFIRMATION_DAYS", 30)
# Django's CSRF failure page is English, has no phone number, and loses the form: ours re-shows it.
CSRF_FAILURE_VIEW = "inquiries.views.csrf_failure"
# Closed requests older than this are deleted by `manage.py purge_callback_requests`.
CALLBACK_RETENTION_DAYS = env_int("CALLBACK_RETENTION_DAYS", 365)

# --- Client address -------------------------------------------------------------------------
# Proxies in front of the site that append to X-Forwarded-For (1 behind one TLS proxy). With 0
# the TCP peer (REMOTE_ADDR) is the client and X-Forwarded-For, which anyone can send, is ignored.
# Both the callback form's rate limit and the sign-in lockout count by this address.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# ... and X-Forwarded-For is read only when the TCP peer is one of these proxies (addresses or
# networks): a client that reaches gunicorn directly, past the proxy, is counted by its own
# address whatever header it sends.
TRUSTED_PROXY_ADDRESSES = env_list("TRUSTED_PROXY_ADDRESSES", "127.0.0.1,::1")

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# django-axes first: it counts failed sign-ins and refuses a locked username at an address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Policy, the same for every deployment (not environment settings): 5 failed sign-ins lock that
# username at that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
# Sign-in posts per address, counted before any password is hashed (about 1 s of CPU each with
# production's hasher, for made-up usernames too, which the lockout above never stops).
STAFF_SIGN_IN_RATE_LIMITS = [
    (env_int("STAFF_SIGN_IN_RATE_PER_MINUTE", 10), 60),
    (env_int("STAFF_SIGN_IN_RATE_PER_HOUR", 60), 3600),
]
# The lockout's address is the rate limit's (TRUSTED_PROXY_COUNT): never a client-sent header.
AXES_CLIENT_IP_CALLABLE = "inquiries.ratelimit.client_address"
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
AXES_VERBOSE = False
OTP_TOTP_ISSUER = "CAR T program site"
# An authenticator's key is shown once, at enrolment: not even a superuser reads it back later.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The admin's address; a less obvious one keeps scanners away (e.g. ADMIN_URL=staff-7f3k/).
ADMIN_URL = env("ADMIN_URL", "admin/").strip("/") + "/"

# Sessions exist only for staff. Policy, the same for every deployment: they end after 15 idle
# minutes (the cookie is renewed on each request) and 8 hours after signing in, whatever the
# activity (carsite.middleware).
SESSION_COOKIE_AGE = 15 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_MAX_LIFETIME = 8 * 3600
CSRF_COOKIE_HTTPONLY = True  # forms carry the token; no script needs to read the cookie

# Bounded request bodies: the admin's largest forms fit well inside these.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "en"
# English at /, Spanish at /es/: the language comes from the URL alone (cache-friendly, linkable).
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# build/static holds generated assets (the Bootstrap subset from `manage.py build_css`).
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600  # unhashed files; hashed ones get 10 years, immutable
# WhiteNoise answers before the middlewares that set CSP, X-Frame-Options, Permissions-Policy and
# CORP: it adds them itself, from the same values (carsite.middleware).
WHITENOISE_ADD_HEADERS_FUNCTION = static_file_headers

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- The site -------------------------------------------------------------------------------
# Which Program this deployment serves (its slug). Empty: the program marked "default".
CARSITE_PROGRAM = env("CARSITE_PROGRAM")

# --- Security -------------------------------------------------------------------------------
from django.utils.csp import CSP  # noqa: E402

# The admin's rich-text editor (django-prose-editor's Tiptap) injects its base stylesheet as a
# <style> element without a nonce; this hash allows exactly that text and nothing else. It changes
# when django-prose-editor does: tests/test_security_headers.py compares it with the bundle.
PROSE_EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE, PROSE_EDITOR_STYLE_HASH],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "manifest-src": [CSP.SELF],
}
# Every powerful browser feature off: no page of this site needs a camera, a location or a sensor
# (django-permissions-policy; static files get the same header, carsite.middleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "bluetooth", "camera",
        "display-capture", "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid",
        "idle-detection", "interest-cohort", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}  # fmt: skip
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# HTTPS settings (DJANGO_HTTPS, read at the top): set in production, off for local http runs.
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain http inside the network: answer, don't redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Ask to be preloaded: browsers then never try plain http (submit at hstspreload.org).
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix binds cookies to this exact origin (no Domain, Path=/, Secure).
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# --- Logging --------------------------------------------------------------------------------
# Plain console logging. Request bodies are never logged (they may hold health details).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"client_errors_on_one_line": {"()": "carsite.logs.ClientErrorsOnOneLine"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["client_errors_on_one_line"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
