"""Saksgang settings, read from the environment (see ../shared/CONTRACTS.md).

SAKSGANG_ENV=production makes SECRET_KEY, DATABASE_URL, ALLOWED_HOSTS, CELERY_BROKER_URL and SAKSGANG_BASE_URL required;
anything else (the demo, the tests) gets safe local defaults: SQLite and tasks run in-process.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
ENVIRONMENT = os.environ.get("SAKSGANG_ENV", "development")
PRODUCTION = ENVIRONMENT == "production"


def _env(name: str, default: str | None = None, *, required_in_production: bool = False) -> str | None:
    value = os.environ.get(name)
    if value:
        return value
    if PRODUCTION and required_in_production:
        raise ImproperlyConfigured(
            f"Miljøvariabelen {name} mangler. Saksgang kan ikke starte i produksjon uten den "
            f"(se CONTRACTS.md / README.md)."
        )
    return default


SECRET_KEY = _env("SECRET_KEY", "dev-only-not-secret-saksgang", required_in_production=True)
DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"
ALLOWED_HOSTS = [
    h.strip()
    for h in (_env("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver", required_in_production=True) or "").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Each domain noun is one small app with the same shape (models, services, selectors, views, apis).
SAKSGANG_APPS = [
    "workflows",
    "secretariat.accounts",
    "secretariat.organizations",
    "secretariat.cases",
    "secretariat.meetings",
    "secretariat.followups",
    "secretariat.weddings",
    "secretariat.appointments",
    "secretariat.delegations",
    "secretariat.term",
    "secretariat.elections",
    "secretariat.innsyn",
    "secretariat.staff",
    "document_templates",
    "calendars",
    "secretariat.outbox",  # tasks wait in the database while the broker is down (issue 17, faults)
    "secretariat.archive",  # Noark 5 extract (issue 14)
    "secretariat.oparl",  # OParl 1.1 open-data API at /oparl/v1.1/ (read-only, public data only)
    "secretariat.members",  # the politikerportal at /folkevalgt/: notes, forfall, inhabilitet, permisjon (issues 15, 16)
    "secretariat.training",  # folkevalgtopplæring (issue 15, part 4)
    "secretariat.remuneration",  # godtgjøring: rates, claims from attendance, payroll export (issue 15, part 1)
    "secretariat.live",  # issue 16: talerliste and electronic votes from members' devices, live pages (Channels)
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "csp",  # Content-Security-Policy (issue 12, headers block at the end)
    "django_celery_beat",
    "axes",  # log-in lockout (issue 12): see the throttling block below
    *SAKSGANG_APPS,
]

MIDDLEWARE = [
    "secretariat.common.logs.RequestIdMiddleware",  # first: a request id on every log line and the response
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "secretariat.accounts.guard.CurrentRequestMiddleware",  # who acts, for the privilege guard
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Headers (issue 12): Content-Security-Policy (django-csp) and Permissions-Policy.
    *["secretariat.staff.headers.SaksgangCSPMiddleware", "secretariat.staff.headers.PermissionsPolicyMiddleware"],
    "secretariat.common.middleware.RefuseControlCharactersMiddleware",  # NUL in a query/form field: 400 (issue 12)
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out log-in into the lockout page / JSON
]

ROOT_URLCONF = "secretariat.urls"
WSGI_APPLICATION = "secretariat.wsgi.application"
# Issue 16: the live pages' websockets (Django Channels). The demo and tests without CHANNEL_LAYER_URL use the
# in-memory layer (one process: `bash scripts/run.sh` serves HTTP and websockets with uvicorn); production sets
# CHANNEL_LAYER_URL to Redis so that the web processes' changes reach the websocket service (docker-compose `live`).
ASGI_APPLICATION = "secretariat.asgi.application"
_channel_layer_url = os.environ.get("CHANNEL_LAYER_URL", "")
CHANNEL_LAYERS = {
    "default": (
        {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": [_channel_layer_url]}}
        if _channel_layer_url else {"BACKEND": "channels.layers.InMemoryChannelLayer"}
    )
}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "secretariat" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "secretariat.common.context_processors.saksgang",
                "csp.context_processors.nonce",  # {{ CSP_NONCE }} for the rare unavoidable inline script
            ],
        },
    },
]

# Without DATABASE_URL the service runs on an embedded SQLite database (the demo).
DATABASES = {
    "default": dj_database_url.parse(
        _env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'saksgang.sqlite3'}", required_in_production=True),
        # Reuse connections (issue 17: a new PostgreSQL connection per request halved the floor's throughput);
        # health checks drop a connection the database closed (a restart) before a request uses it.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600" if PRODUCTION else "0")),
        conn_health_checks=True,
    )
}
# A persistent connection that broke (PostgreSQL restarted) is noticed and replaced at the next request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's cost estimate for the public-case filter crossed the JIT threshold: 590 ms compiling a
    # 170 ms query (issue 17). Our queries are short OLTP reads; JIT never pays off for them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    (BASE_DIR / "var").mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
# The lockout check runs first and needs the request (see secretariat/accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "secretariat.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål"), ("nn", "Norsk nynorsk")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "secretariat" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads (issue 12, part 5). Form fields without files: at most 2.5 MB. A file over 5 MB goes to a temporary file on
# disk, not memory. Templates (5 MB) and attachments (25 MB) have their own caps on the file itself; the proxy in
# front should cap the request body a little above that (client_max_body_size 30m). Zip packages (.docx, .xlsx, .odt ...) are
# refused from their directory when they unpack to more than 50 MB, hold more than 2,000 parts, or a part over
# 1 MB unpacks to more than 100 times its packed size.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
SAKSGANG_TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
SAKSGANG_ATTACHMENT_MAX_BYTES = 25 * 1024 * 1024
SAKSGANG_ZIP_MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
SAKSGANG_ZIP_MAX_MEMBERS = 2000
SAKSGANG_ZIP_MAX_RATIO = 100

# The kommune's written standard for generated documents (nb or nn).
SAKSGANG_MAALFORM = os.environ.get("SAKSGANG_MAALFORM", "nb")
if SAKSGANG_MAALFORM not in ("nb", "nn"):
    raise ImproperlyConfigured("SAKSGANG_MAALFORM må være «nb» eller «nn».")
# The public address of the service, used for every absolute link that leaves it: e-mails, iCal/CalDAV, feeds and
# documents. Required in production: without it every link would point at the demo's 127.0.0.1.
SAKSGANG_BASE_URL = (_env("SAKSGANG_BASE_URL", "http://127.0.0.1:8000", required_in_production=True) or "").rstrip("/")


def base_url_problem(url: str, *, production: bool) -> str:
    """Why SAKSGANG_BASE_URL can't be used, or "" when it is fine."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "den må være en hel adresse med http:// eller https://, f.eks. https://politikk.kommune.no"
    if parts.query or parts.fragment:
        return "den kan ikke ha ? eller # i seg"
    if production and (parts.hostname in ("localhost", "0.0.0.0") or parts.hostname.startswith("127.")):
        return f"den peker på denne maskinen ({parts.hostname}), så lenkene i e-post og kalendere virker ikke for andre"
    return ""


_base_problem = base_url_problem(SAKSGANG_BASE_URL, production=PRODUCTION)
if _base_problem:
    raise ImproperlyConfigured(f"SAKSGANG_BASE_URL «{SAKSGANG_BASE_URL}» kan ikke brukes: {_base_problem}.")

# Celery. No broker configured: run tasks in-process (the demo). Tests that are about tasks start a
# real worker against the local Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL and not PRODUCTION
if PRODUCTION and not CELERY_BROKER_URL:
    _env("CELERY_BROKER_URL", required_in_production=True)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
# A task whose worker process dies mid-run goes back to the queue and runs again (tasks are idempotent). A whole
# worker that dies leaves its unacknowledged tasks to be redelivered after the visibility timeout.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600"))}
# The outbox relay (secretariat/outbox): what waited for the broker goes within a minute of its return.
CELERY_BEAT_SCHEDULE = {"utboks": {"task": "secretariat.outbox.relay", "schedule": 60.0}}
# Issue 14: messages to the kommune's archive that wait (archive down, receipt not come) are tried again.
CELERY_BEAT_SCHEDULE["arkiv"] = {"task": "secretariat.archive.deliver_pending", "schedule": 300.0}
# The folder exchange with the kommune's archive (secretariat/archive/transport.py); empty: no archive connection.
SAKSGANG_ARCHIVE_EXCHANGE_DIR = os.environ.get("SAKSGANG_ARCHIVE_EXCHANGE_DIR", "")
SAKSGANG_ARCHIVE_RETRY_BASE_SECONDS = 30  # delivery retries: 30 s, 1 min, 2 min … (secretariat/archive/tasks.py)
SAKSGANG_ARCHIVE_RETRY_MAX_SECONDS = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# E-mail: EMAIL_URL (e.g. smtp://user:pass@host:587?tls=True), else the console in development.
_email_url = os.environ.get("EMAIL_URL")
if _email_url:
    vars().update(dj_email_url.parse(_email_url))
else:
    EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "politisk.sekretariat@fjordvik.kommune.no")

# CalDAV (calendars/): one calendar per organization on this server.
CALDAV_URL = os.environ.get("CALDAV_URL", "")
CALDAV_USERNAME = os.environ.get("CALDAV_USERNAME", "")
CALDAV_PASSWORD = os.environ.get("CALDAV_PASSWORD", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "secretariat.api.errors.exception_handler",
    # JSON bodies must be objects, nest shallowly and hold no control characters (issue 12).
    "DEFAULT_PARSER_CLASSES": ["secretariat.api.parsers.ObjectJSONParser", "rest_framework.parsers.FormParser",
                               "rest_framework.parsers.MultiPartParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Saksgang API",
    "DESCRIPTION": "Saker, behandlinger, møter og vedtak for politisk sekretariat.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "CaseStateEnum": "workflows.case.CaseState",
        "MeetingStateEnum": "workflows.meeting.MeetingState",
        "FollowUpStateEnum": "workflows.followup.FollowUpState",
        "WeddingStateEnum": "workflows.wedding.WeddingState",
        "AppointmentRoundStateEnum": "workflows.appointment.RoundState",
        "MeetingPlanStateEnum": "calendars.models.PlanState",
        "MaalformEnum": "secretariat.organizations.models.Maalform",
        "MembershipRoleEnum": "secretariat.organizations.models.MembershipRole",
        "AgendaItemKindEnum": "secretariat.meetings.models.AgendaItemKind",
        "VoteKindEnum": "secretariat.meetings.models.VoteKind",
        "QuestionKindEnum": "secretariat.meetings.models.QuestionKind",
        "TieVoteEnum": ["for", "mot"],  # casting_vote and lots_winner: the side that won the tie
        "AppointmentRoundKindEnum": "secretariat.appointments.models.RoundKind",
        "AppointmentPoolKindEnum": "secretariat.appointments.models.PoolKind",
    },
}

# Logs go to stdout (the container's log). LOG_FORMAT=json (the production default) writes one JSON object per
# line with the request id (secretariat/common/logs.py); ACCESS_LOG=1 (the production default) adds one line per
# request to the logger saksgang.request.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "secretariat.common.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "secretariat.common.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": "json" if LOG_FORMAT == "json" else "text"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "saksgang.request": {
            "level": "INFO" if os.environ.get("ACCESS_LOG", "1" if PRODUCTION else "0") == "1" else "WARNING",
        },
    },
}

# Optional error reports (Sentry or a compatible service such as GlitchTip) when SENTRY_DSN is set. No personal
# data is sent (send_default_pii=False): no user names, cookies or form bodies; the request id is a tag.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError as exc:  # pragma: no cover - the image installs the extra
        raise ImproperlyConfigured(
            "SENTRY_DSN er satt, men sentry-sdk er ikke installert: installer `saksgang[sentry]`."
        ) from exc

    def _tag_request_id(event, hint):
        from secretariat.common.logs import current_request_id

        if current_request_id():
            event.setdefault("tags", {})["request_id"] = current_request_id()
        return event

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        environment=ENVIRONMENT,
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
        before_send=_tag_request_id,
    )

# ---------------------------------------------------------------------------------------------------------------
# Headers and production hardening (issue 12, part 3). Kept in one block so parallel settings work merges cleanly.
# ---------------------------------------------------------------------------------------------------------------
from csp.constants import NONCE, NONE, SELF  # noqa: E402

# No inline scripts or styles anywhere: every page's JS and CSS is a static file. A template that truly needs a
# small inline script gives it nonce="{{ CSP_NONCE }}". Tests run with this policy (tests/security/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# What the browser may use at all: nothing of camera, microphone, location, payment, … (secretariat/staff/headers.py).
SAKSGANG_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# The OpenAPI schema and Swagger UI are open data by default (CONTRACTS.md); a kommune may put them behind log-in.
SAKSGANG_API_DOCS_PUBLIC = os.environ.get("SAKSGANG_API_DOCS_PUBLIC", "1") != "0"
SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] = ["secretariat.staff.headers.ApiDocsPermission"]
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [  # the default enum hook, then the documented JSON errors
    "drf_spectacular.hooks.postprocess_schema_enums",
    "secretariat.api.schema.document_error_responses",
    "secretariat.api.schema.document_local_times",
]
# Norwegian error pages, JSON under /api/ (handlers in secretariat/urls.py).
CSRF_FAILURE_VIEW = "secretariat.staff.errors.csrf_failure"

# Django's own deploy check counts these as weak (security.W009); production refuses them at start-up.
KNOWN_WEAK_SECRET_KEYS = frozenset({"dev-only-not-secret-saksgang", "changeme", "secret", "short", "django-insecure"})


def weak_secret_key_reason(key: str) -> str:
    """Why a SECRET_KEY is too weak for production, or "" when it is fine."""
    if key in KNOWN_WEAK_SECRET_KEYS or key.startswith("django-insecure-"):
        return "den er en kjent standardverdi"
    if len(key) < 50:
        return f"den er {len(key)} tegn lang (minst 50)"
    if len(set(key)) < 5:
        return "den har for få ulike tegn (minst 5)"
    return ""


if PRODUCTION:
    _weak = weak_secret_key_reason(SECRET_KEY)
    if _weak:
        raise ImproperlyConfigured(
            f"SECRET_KEY er for svak for produksjon: {_weak}. Lag en ny med "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'` og sett den i miljøet."
        )
    # TLS ends at the proxy, which says so in X-Forwarded-Proto (it must overwrite a header sent by the client).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check talks plain HTTP on the inside
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1") == "1"
    SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    # Turning subdomains/preload off is the operator's deliberate choice: not a deploy-check warning then.
    SILENCED_SYSTEM_CHECKS = [
        *([] if SECURE_HSTS_INCLUDE_SUBDOMAINS else ["security.W005"]),
        *([] if SECURE_HSTS_PRELOAD else ["security.W021"]),
    ]


# --- Throttling and abuse (issue 12, part 2) --------------------------------------------------------------------
# The cache holds the counters of the API throttles and of the public forms' rate limit. Without CACHE_URL
# each process counts for itself (local memory), which is enough for one gunicorn worker and for the tests.
_cache_url = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
        if _cache_url else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "saksgang"}
    )
}


# Rendered public pages and feeds are cached under a version bumped on every write (common/public_cache.py).
# The counter must be shared by all processes: on by default with CACHE_URL (Redis) and in development (one
# process, local memory); off in production without a shared cache.
SAKSGANG_PUBLIC_CACHE_SECONDS = int(os.environ.get("SAKSGANG_PUBLIC_CACHE_SECONDS",
                                                   "300" if (_cache_url or not PRODUCTION) else "0"))


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Miljøvariabelen {name} må være et heltall.") from exc


# Log-in lockout (django-axes): per user name AND client address, so an attacker cannot lock a colleague out from
# elsewhere. Failures are kept in the database (axes' AccessAttempt), which the admin shows and the fagleder clears
# on /intern/roller/laaste/.
AXES_ENABLED = os.environ.get("AXES_ENABLED", "1") == "1"
AXES_FAILURE_LIMIT = _env_int("LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = dt.timedelta(minutes=_env_int("LOGIN_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True  # a right password (before the lockout) forgets the earlier typing errors
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the lockout ends when it says, whatever is tried meanwhile
AXES_DISABLE_ACCESS_LOG = True  # we keep failures, not a second log of every successful log-in
AXES_LOCKOUT_CALLABLE = "secretariat.accounts.lockout.lockout_response"
AXES_COOLOFF_MESSAGE = "For mange mislykkede innlogginger. Kontoen er midlertidig sperret."
AXES_PERMALOCK_MESSAGE = AXES_COOLOFF_MESSAGE
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "secretariat.common.ratelimit.client_ip"  # one idea of "the client" for all limits
# In production the service runs behind this many reverse proxies, which append to X-Forwarded-For.
PROXY_COUNT = _env_int("PROXY_COUNT", 1 if PRODUCTION else 0)

# API throttles (DRF): per client address for anonymous calls, per user otherwise.
REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
    "secretariat.api.throttling.AnonThrottle",
    "secretariat.api.throttling.UserThrottle",
]
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "anon": os.environ.get("API_THROTTLE_ANON", "300/min"),
    "user": os.environ.get("API_THROTTLE_USER", "1200/min"),
}

# Public forms (wedding booking, candidate form): at most this many posts per client address per window.
PUBLIC_FORM_RATE_LIMIT = _env_int("PUBLIC_FORM_RATE_LIMIT", 10)
PUBLIC_FORM_RATE_WINDOW_SECONDS = _env_int("PUBLIC_FORM_RATE_WINDOW_SECONDS", 600)
# A public wedding booking holds its slot this long until the couple confirms it from the e-mail.
WEDDING_HOLD_MINUTES = _env_int("WEDDING_HOLD_MINUTES", 30)

# benchmarks/run_all.py starts gunicorn with this on: a minimal view at /_benchmark/floor to divide by.
SAKSGANG_BENCHMARK_FLOOR = os.environ.get("SAKSGANG_BENCHMARK_FLOOR", "0") == "1"
