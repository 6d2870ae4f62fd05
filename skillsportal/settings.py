"""skillsportal settings: one module, every value from the environment.

With nothing set, the portal runs on the embedded default: SQLite and Celery eager.
With DEBUG off, a missing SECRET_KEY or NATIONAL_ID_KEY is a configuration error.
Every variable is listed in README.md.
"""

import sys
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

# --- core -------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
# The national ID blind index and encryption key lives outside the database (PDPA).
NATIONAL_ID_KEY = env.str("NATIONAL_ID_KEY", default="")
# Commands that read only code (never data, never a key) run anywhere, e.g. the
# migrations check of CI or a build step: `manage.py makemigrations --check`.
KEYLESS_COMMANDS = {"makemigrations", "compilemessages", "help", "version"}
_command = (
    sys.argv[1] if len(sys.argv) > 1 and sys.argv[0].endswith("manage.py") else ""
)
if (
    not DEBUG
    and not (SECRET_KEY and NATIONAL_ID_KEY)
    and _command not in KEYLESS_COMMANDS
):
    raise ImproperlyConfigured(
        "SECRET_KEY and NATIONAL_ID_KEY are required with DEBUG off "
        "(for development, set DEBUG=1; see README.md, Configuration)"
    )
SECRET_KEY = SECRET_KEY or "django-insecure-development-only-key"
NATIONAL_ID_KEY = NATIONAL_ID_KEY or "development-only-national-id-key"
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "csp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "crispy_forms",
    "crispy_bootstrap5",
    "template_partials",
    "django_celery_beat",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "skillsportal",
    "agencies",
    "competencies",
    "reports",
    "xapi",
    "selfservice",
    "demo",
]

MIDDLEWARE = [
    "skillsportal.client_ip.ClientAddressMiddleware",  # first: every other reads it
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "skillsportal.language.LanguageMiddleware",  # Thai until the user switches
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "skillsportal.error_pages.MethodNotAllowedPage",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "agencies.middleware.ScopeMiddleware",
    "skillsportal.lib.counts.ForgetCountsOnWrite",  # writes refresh one's counts
    "agencies.mfa.middleware.MfaMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "skillsportal.urls"
WSGI_APPLICATION = "skillsportal.wsgi.application"
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
                "agencies.access.context",
            ],
        },
    }
]

# --- database ---------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail a request in seconds, not minutes, when PostgreSQL does not answer.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Optional streaming replica: dashboards read their figures there (db_router.py).
if replica_url := env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db_url_config(replica_url)
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    DATABASES["replica"].update(
        CONN_MAX_AGE=DATABASES["default"].get("CONN_MAX_AGE", 0),
        CONN_HEALTH_CHECKS=True,
        TEST={"MIRROR": "default"},
    )
    DATABASE_ROUTERS = ["skillsportal.db_router.FiguresReplicaRouter"]

# --- cache ------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {
            "BACKEND": "skillsportal.cache.PooledRedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- auth -------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "agencies.auth.UsernameOrEmailBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The client's address behind our proxies (skillsportal/client_ip.py); a failure
# during a lock-out does not extend it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "skillsportal.client_ip.client_ip"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A Thai lockout page (HTTP 429) and one counter per account, however it is typed.
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_USERNAME_CALLABLE = "skillsportal.views.lockout_username"
PASSWORD_RESET_TIMEOUT = 2 * 3600
# Administrators, HR officers and admin-site staff confirm every sign-in with a
# TOTP code (django-otp); failed codes back off exponentially per device.
MFA_REQUIRED = env.bool("MFA_REQUIRED", default=True)
OTP_TOTP_ISSUER = "skillsportal"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600
# Sessions read from Redis (written through to the database, so a Redis restart
# signs nobody out): one query less on every page (issue 17).
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): every script is a static file. Inline style
# attributes remain (progress bars, the admin), so styles allow 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# One limit on request bodies (files aside), the API's documented one: past it the
# API answers its JSON 413 (skillsportal.api), pages Django's 400.
API_MAX_BODY_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = API_MAX_BODY_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=20 * 1024 * 1024)
# Uploaded import files (full national IDs, names) are deleted after this many days.
IMPORT_FILES_KEEP_DAYS = env.int("IMPORT_FILES_KEEP_DAYS", default=30)
# Fiscal years a full recompute of every year computes at once (PostgreSQL).
COMPLIANCE_WORKERS = env.int("COMPLIANCE_WORKERS", default=2)

# The portal's address as learning systems name it in an xAPI actor's account
# (homePage); the account's name is then the person's national ID (SPEC §9).
XAPI_HOME_PAGE = env.str("XAPI_HOME_PAGE", default="https://skillsportal.ocsc.go.th")

# --- PDPA: controller contact and retention (privacy notice, section 39 record) -----
PDPA_CONTROLLER = env.str(
    "PDPA_CONTROLLER",
    default="สำนักงานคณะกรรมการข้าราชการพลเรือน (สำนักงาน ก.พ.)",
)
PDPA_DPO_CONTACT = env.str("PDPA_DPO_CONTACT", default="")
# Years after departure before `manage.py anonymise_leavers` erases a person's data.
RETENTION_YEARS = env.int("RETENTION_YEARS", default=10)

# --- i18n: Thai first, English available --------------------------------------
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ภาษาไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# --- static and media ---------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
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

# --- forms ------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- REST framework -----------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "skillsportal.api_auth.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["skillsportal.api_auth.KeyOrUserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api": env.str("API_THROTTLE_RATE", default="600/min"),
        # Learning systems send batches of statements (SPEC §9): per key.
        "xapi": env.str("XAPI_THROTTLE_RATE", default="3000/min"),
    },
    "EXCEPTION_HANDLER": "skillsportal.api.api_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "skillsportal.api_auth.IdCursorPagination",
    "DEFAULT_PARSER_CLASSES": [
        "skillsportal.api_auth.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "skillsportal API",
    "DESCRIPTION": "ระบบติดตามทักษะดิจิทัลของบุคลากรภาครัฐ (OCSC digital skills portal)",
    "VERSION": "1.0.0",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "skillsportal.api_schema.add_error_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "RecordStatusEnum": "competencies.models.RecordStatus",
        "PersonStatusEnum": "agencies.models.PersonStatus",
        "PersonnelCategoryEnum": "agencies.models.PersonnelCategory",
        "TargetGroupEnum": "agencies.models.TargetGroup",
    },
}

# --- Celery -----------------------------------------------------------------
# Without REDIS_URL tasks run eagerly in-process: the embedded demo needs no services.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 3600
CELERY_TASK_SOFT_TIME_LIMIT = 3300
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 7200}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# A write must not wait long for a broker that is down: the sweep catches up.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BEAT_SCHEDULE = {
    "refresh-current-person-facts": {
        "task": "agencies.tasks.person_refresh_current",
        "schedule": crontab(minute=5, hour=0),
    },
    "compliance-sweep-marks": {
        "task": "reports.tasks.compliance_refresh_marked",
        "schedule": 60.0,
    },
    "export-files-purge": {
        "task": "reports.tasks.export_job_purge",
        "schedule": crontab(minute=15, hour=2),
    },
    "import-files-purge": {
        "task": "competencies.tasks.import_job_purge",
        "schedule": crontab(minute=20, hour=2),
    },
    "compliance-nightly": {
        "task": "reports.tasks.compliance_nightly",
        "schedule": crontab(minute=30, hour=1),
    },
    "fy-end-reminders": {
        "task": "reports.tasks.reminders_send",
        "schedule": crontab(minute=0, hour=8),
    },
}
# Reminders to people behind their targets: daily from this month-day of the FY's
# last calendar year until 30 September, at most once every `every_days` each.
FY_END_REMINDERS = {
    "from": env.str("FY_END_REMINDERS_FROM", default="07-01"),
    "every_days": env.int("FY_END_REMINDERS_EVERY_DAYS", default=14),
}

# --- logging: ids and counts only, never personal data -------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="skillsportal@localhost")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# Covering indexes (INCLUDE) serve PostgreSQL's index-only scans; SQLite, the demo's
# database, builds them without the extra columns, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
CSRF_FAILURE_VIEW = "skillsportal.error_pages.csrf_failure"
