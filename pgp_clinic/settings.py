"""Settings for PGP Clinic: one module, read top to bottom, driven by the environment.

Every variable is documented in `.env.example`. A bad value stops start-up with one line
that names the variable and what was expected.
"""

import base64
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# --- Environment helpers ---------------------------------------------------------------

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}")


def env_int(name, default, minimum=None, maximum=None):
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}") from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise ImproperlyConfigured(f"{name} must be between {minimum} and {maximum}; got {value}")
    return value


def env_list(name, default=()):
    raw = os.environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


# --- Core ----------------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", default=False)
# The demo set-up (make run) may let the demo accounts skip stronger sign-in rules;
# production settings never do.
DEMO_MODE = env_bool("PGP_DEMO", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (see .env.example)"
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-on"  # noqa: S105
elif not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be at least 50 characters long")

# The key that encrypts CPR numbers in the database (a Fernet key: 32 random bytes, URL-safe
# base64). Keep it apart from the database backups, and keep it: without it no CPR number
# can be read back. Make one: python -c "import base64, os; print(base64.urlsafe_b64encode(
# os.urandom(32)).decode())"
CPR_ENCRYPTION_KEY = os.environ.get("PGP_CPR_KEY", "")
if not CPR_ENCRYPTION_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("PGP_CPR_KEY must be set when DJANGO_DEBUG is off (see .env.example)")
    CPR_ENCRYPTION_KEY = "ZGVtby1vbmx5LWNwci1rZXktbmV2ZXItZm9yLXByb2Q="  # noqa: S105 (demo only)
# Keys being rotated out: still read, never written (see `manage.py rotate_cpr_key`).
CPR_OLD_KEYS = env_list("PGP_CPR_OLD_KEYS")
for _name, _key in [("PGP_CPR_KEY", CPR_ENCRYPTION_KEY)] + [("PGP_CPR_OLD_KEYS", k) for k in CPR_OLD_KEYS]:
    try:
        if len(base64.urlsafe_b64decode(_key.encode())) != 32:
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(f"{_name} must be 32 random bytes in URL-safe base64") from None

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must list the host names when DEBUG is off")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "bootstrap",  # django-bootstrap-static: Bootstrap 5 CSS/JS served as our own static files
    "clinics",
    "consultations",
    "assessments",
    "education",
    "portal",
    "interop",
]

MIDDLEWARE = [
    "pgp_clinic.middleware.DatabaseUnavailableMiddleware",
    "pgp_clinic.middleware.ErrorPageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "pgp_clinic.middleware.AllowedMethodsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "pgp_clinic.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "pgp_clinic.middleware.NoStoreMiddleware",
    "pgp_clinic.middleware.RefusalLogMiddleware",
    "consultations.history.ActorMiddleware",
    "clinics.middleware.CurrentClinicMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "pgp_clinic.urls"
WSGI_APPLICATION = "pgp_clinic.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "clinics.context_processors.current_clinic",
            ],
        },
    },
]

# --- Database ------------------------------------------------------------------------
# No DATABASE_URL: a local SQLite file, so `make run` needs nothing else.
# DATABASE_URL=postgres://…: PostgreSQL (production and the test suite).

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    if not _database_url.startswith(("postgres://", "postgresql://", "sqlite://")):
        raise ImproperlyConfigured(
            f"DATABASE_URL must start with postgres:// or sqlite://; got {_database_url[:20]!r}"
        )
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": BASE_DIR / os.environ.get("PGP_SQLITE_FILE", "db.sqlite3"),
        }
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# PostgreSQL keeps the plans of the statements a connection runs often (psycopg prepares a
# statement on its fifth run; the connection lives CONN_MAX_AGE = 60 s, some hundreds of
# requests of a busy worker): server-side binding sends the values apart from the SQL, so the
# same SQL with other values is the same prepared statement. Planning was 60-85 % of what
# PostgreSQL spent on the reading pages' queries at 1M; with this its CPU a page about halved
# (docs/performance.md, "the page frame"). PostgreSQL keeps planning afresh the statements
# whose best plan depends on the values. A connection pooler in front of PostgreSQL would have
# to keep prepared statements per client (pgbouncer >= 1.21).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options = DATABASES["default"].setdefault("OPTIONS", {})
    _pg_options.update({"server_side_binding": True, "prepare_threshold": 5})
    # PostgreSQL's JIT off for the app's own connections, so every deployment has it (issue
    # 12, docs/performance.md "Database settings"): no page's query plan comes near
    # jit_above_cost, and a misestimated plan once paid ~250 ms of compiling a query. An
    # operator's own `options=-c jit=…` in DATABASE_URL wins.
    if "jit" not in _pg_options.get("options", ""):
        _pg_options["options"] = f"{_pg_options.get('options', '')} -c jit=off".strip()
# The patient list's covering index (Visibility, issue 12) carries columns PostgreSQL reads from
# the index alone; SQLite (`make run`) builds it without them, which is harmless: no warning.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

# --- Issue 14, part 1 (staff administration, secure defaults) -----------------------------
# Production refuses SQLite: its change-history triggers take the acting user from one shared
# row, which names the wrong user under several workers. SQLite stays the zero-set-up
# database of `make run`, which runs with DJANGO_DEBUG=1.
if not DEBUG and DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    raise ImproperlyConfigured(
        "SQLite is for DJANGO_DEBUG=1 only: set DATABASE_URL=postgres://… when DEBUG is off")
# --- end of issue 14, part 1 ------------------------------------------------------------

# --- Authentication ------------------------------------------------------------------

AUTH_USER_MODEL = "clinics.User"
# Django's ModelBackend, loading the user with her clinics in one query (clinics/backends.py).
AUTHENTICATION_BACKENDS = ["clinics.backends.ClinicBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_ENGINE = "clinics.sessions"  # Django's database sessions, read by a prepared query
SESSION_COOKIE_AGE = 30 * 60  # idle timeout, from the session's last renewal
# A request renews the idle timer by saving the session only when its last renewal is this
# old (pgp_clinic.middleware.SessionMiddleware): saving it on every request made every page a
# database write and commit (issue 12). Idle sign-out so comes after 29-30 minutes, never later.
SESSION_RENEW_SECONDS = 60
# Absolute limit of one sign-in, however active (hours).
SESSION_MAX_SECONDS = env_int("PGP_SESSION_MAX_HOURS", 10, 1, 24) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# A consultation draft saves itself this often while it has unsaved changes (seconds).
AUTOSAVE_SECONDS = env_int("PGP_AUTOSAVE_SECONDS", 20, 1, 600)

# The load benchmark's floor (make bench-load): a bare view through the same middleware, served
# only when this is on, never in a deployment.
BENCH_FLOOR = env_bool("PGP_BENCH_FLOOR", default=False)

# --- Language and time ---------------------------------------------------------------

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["pgp_clinic.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

# --- PDF rendering (goal P-9; education/pdf.py) -------------------------------------

PDF_RENDER_LIMITS = {
    "seconds": 20,  # the child process is killed after this
    "total_seconds": 30,  # a document rendered in parts (her long record): all parts together
    "memory_mb": 512,  # address space it may add to what it inherited
    "concurrent": env_int("PGP_PDF_CONCURRENT", 2, 1, 16),  # renders at once on the machine
    "wait_seconds": 10,  # how long a request waits for a free slot before "busy"
    "lock_dir": os.environ.get("PGP_PDF_LOCK_DIR", "/tmp/pgp-clinic-pdf-slots"),  # nosec B108
}

# --- Static files --------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("PGP_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "pgp_clinic.storage.StaticFilesStorage"  # whitenoise's, URLs kept
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ------------------------------------------------------------------------

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "pgp_clinic.views.csrf_failure"

# Behind a TLS proxy in production: HTTPS everywhere, secure cookies, HSTS.
HTTPS = env_bool("PGP_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
# The __Host- prefix (ASVS 3.3.1): the browser keeps the cookie only if it is Secure, for "/",
# and set by this very host, so no sibling subdomain can plant or read it. HTTPS only.
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SECURE_HSTS_SECONDS = env_int("PGP_HSTS_SECONDS", 31536000 if HTTPS else 0, 0, 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("PGP_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging -------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PGP_LOG_LEVEL", "WARNING")},
    # Security events (clinics/security_log.py) are always written, successes included.
    "loggers": {"pgp.security": {"level": "INFO"}},
}

# --- Production server: reverse proxy, health check, JSON logs (issue 14.4-14.5) ---------
# Kept in one block; docs/deployment.md explains each variable.

# The proxies in front (addresses or CIDR blocks, comma-separated; empty: none, and
# X-Forwarded-For is ignored) and how many of them in a row may vouch for the client address.
from pgp_clinic.proxy import parse_networks  # noqa: E402 (kept inside this block)

try:
    TRUSTED_PROXIES = parse_networks(env_list("PGP_TRUSTED_PROXIES"))
except ValueError as error:
    raise ImproperlyConfigured(f"PGP_TRUSTED_PROXIES: {error}") from None
PROXY_HOPS = env_int("PGP_PROXY_HOPS", 1, 1, 5)
# First of all: every later layer (lockout, security log, gunicorn's access log) reads the
# client's address from REMOTE_ADDR.
MIDDLEWARE.insert(0, "pgp_clinic.proxy.ClientAddressMiddleware")
# A load balancer checks /healthz over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# One JSON object a line (journald, docker logs); PGP_LOG_FORMAT=text for people. On stdout
# under gunicorn (gunicorn.conf.py sets PGP_LOG_STREAM); on stderr for management commands, so
# that what a command prints stays clean.
LOG_FORMAT = os.environ.get("PGP_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"PGP_LOG_FORMAT must be json or text; got {LOG_FORMAT!r}")
LOGGING["formatters"] = {"json": {"()": "pgp_clinic.json_logging.JsonFormatter"}}
_LOG_STREAM = "stdout" if os.environ.get("PGP_LOG_STREAM") == "stdout" else "stderr"
LOGGING["handlers"]["console"] = {
    "class": "logging.StreamHandler",
    "stream": f"ext://sys.{_LOG_STREAM}",
    **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
}
# Source maps are two thirds of the static bytes and only developer tools ask for them: served,
# but not pre-compressed (brotli at its best level made collectstatic take minutes).
from whitenoise.compress import Compressor  # noqa: E402 (kept inside this block)

WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]
