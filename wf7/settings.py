"""Settings come from the environment (django-environ); every default runs the project locally."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# Variables already in the environment win over the file. ENV_FILE= (empty) reads no file.
ENV_FILE = env.str("ENV_FILE", default=str(BASE_DIR / ".env"))
if ENV_FILE:
    environ.Env.read_env(ENV_FILE, overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
DEV_SECRET_KEY = "django-insecure-wf7-development-only"
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Behind TLS in production (what ``manage.py check --deploy`` asks for); off by default so that a
# plain-HTTP local run works. SECURE_PROXY_SSL_HEADER is "HEADER,VALUE", e.g.
# "HTTP_X_FORWARDED_PROTO,https", set only when the proxy in front always sets that header.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=False)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=False)
_proxy_ssl_header = env.list("SECURE_PROXY_SSL_HEADER", default=[])
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise ImproperlyConfigured('SECURE_PROXY_SSL_HEADER is "HEADER,VALUE".')
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) or None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_q",
    "core",
    "jobs",
    "pages",
    "contacts",
    "extraction",
    "legacy",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # the admin's and the API docs' assets
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.AdminNulCharacterMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "wf7.urls"
WSGI_APPLICATION = "wf7.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The worker and the web server share the file: wait for the lock instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
# "transaction" when a transaction-mode pooler (PgBouncer, Supabase's Supavisor on 6543) stands
# between Django and PostgreSQL: no server-side cursors, which such a pooler cannot keep.
DATABASE_POOLER = env.str("DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "session", "transaction"):
    raise ImproperlyConfigured('DATABASE_POOLER is "transaction", "session" or empty.')
if DATABASE_POOLER == "transaction":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"httpx": {"level": "WARNING"}, "httpcore": {"level": "WARNING"}},
}

# The job (names and defaults kept from the original scheduler).
PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES = env.int("PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES", 1)
PAGE_CURATION_SCHEDULER_BATCH_SIZE = env.int("PAGE_CURATION_SCHEDULER_BATCH_SIZE", 10)
# How many drains may run at once across every cluster sharing the queue; by default the
# cluster's workers (with M machines of Q_WORKERS each, set it to M * Q_WORKERS).
Q_WORKERS = env.int("Q_WORKERS", 1)
PAGE_CURATION_SCHEDULER_MAX_INSTANCES = env.int("PAGE_CURATION_SCHEDULER_MAX_INSTANCES", Q_WORKERS)
PAGE_PROCESSING_LEASE_SECONDS = env.int("PAGE_PROCESSING_LEASE_SECONDS", 90)
# How often a worker renews the lease of the rows it holds; a few beats fit in one lease.
JOB_HEARTBEAT_SECONDS = env.float("JOB_HEARTBEAT_SECONDS", 15.0)
# Extraction of one page is stopped (and the page is Error) after this much wall time.
EXTRACT_TIMEOUT_SECONDS = env.float("EXTRACT_TIMEOUT_SECONDS", 10.0)
# Extraction processes per worker; 0 means one per core.
EXTRACT_WORKERS = env.int("EXTRACT_WORKERS", 0)
PAGE_PROCESSING_MAX_ATTEMPTS = env.int("PAGE_PROCESSING_MAX_ATTEMPTS", 3)

# Fetching.
SCRAPER_API_KEY = env.str("SCRAPER_API_KEY", default="")
SCRAPER_API_URL = env.str("SCRAPER_API_URL", default="https://api.scraperapi.com/")
FETCH_TIMEOUT_SECONDS = env.float("FETCH_TIMEOUT_SECONDS", 70.0)  # a page's whole fetch
FETCH_READ_TIMEOUT_SECONDS = env.float("FETCH_READ_TIMEOUT_SECONDS", 15.0)  # one connect or read
FETCH_RETRIES = env.int("FETCH_RETRIES", 2)
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", 5 * 1024 * 1024)
FETCH_MAX_COMPRESSION_RATIO = env.float("FETCH_MAX_COMPRESSION_RATIO", 100.0)
FETCH_CONCURRENCY = env.int("FETCH_CONCURRENCY", 32)
FETCH_PER_DOMAIN_CONCURRENCY = env.int("FETCH_PER_DOMAIN_CONCURRENCY", 4)
FETCH_USER_AGENT = env.str("FETCH_USER_AGENT", default="WF7ContactBot/1.0 (+contact extraction)")
FETCH_ALLOW_PRIVATE_ADDRESSES = env.bool("FETCH_ALLOW_PRIVATE_ADDRESSES", default=False)

# robots.txt: obeyed by every job unless the site owner allowed otherwise.
FETCH_OBEY_ROBOTS = env.bool("FETCH_OBEY_ROBOTS", default=True)
ROBOTS_MAX_AGE_HOURS = env.float("ROBOTS_MAX_AGE_HOURS", 24.0)
ROBOTS_MAX_CRAWL_DELAY_SECONDS = env.float("ROBOTS_MAX_CRAWL_DELAY_SECONDS", 30.0)
# A domain whose robots.txt did not answer is discovered again this long after.
ROBOTS_RETRY_MINUTES = env.int("ROBOTS_RETRY_MINUTES", 60)

# Discovery: from a domain to the pages worth extracting.
DISCOVERY_MAX_FETCHES = env.int("DISCOVERY_MAX_FETCHES", 6)  # robots.txt, sitemaps, homepage
DISCOVERY_MAX_CANDIDATES = env.int("DISCOVERY_MAX_CANDIDATES", 30)
DISCOVERY_AUTO_SELECT = env.int("DISCOVERY_AUTO_SELECT", 5)
DISCOVERY_LEASE_SECONDS = env.int("DISCOVERY_LEASE_SECONDS", 120)
DISCOVERY_MAX_ATTEMPTS = env.int("DISCOVERY_MAX_ATTEMPTS", 3)
DISCOVERY_BATCH_SIZE = env.int("DISCOVERY_BATCH_SIZE", 10)

# Rendering pages built by JavaScript in a local headless Chromium (extraction/render/).
# never | auto (only pages that need it) | always
FETCH_RENDER = env.str("FETCH_RENDER", default="auto")
if FETCH_RENDER not in ("never", "auto", "always"):
    raise ImproperlyConfigured(f"FETCH_RENDER is never, auto or always, not {FETCH_RENDER!r}")
# Empty: /usr/bin/chromium when present, else Playwright's own browser if installed, else none.
FETCH_BROWSER_PATH = env.str("FETCH_BROWSER_PATH", default="")
# After this long the DOM as it stands is read.
FETCH_RENDER_TIMEOUT_SECONDS = env.float("FETCH_RENDER_TIMEOUT_SECONDS", 20.0)
FETCH_RENDER_CONCURRENCY = env.int("FETCH_RENDER_CONCURRENCY", 4)  # pages at once per process
FETCH_RENDER_MAX_DOM_CHARS = env.int("FETCH_RENDER_MAX_DOM_CHARS", 5 * 1024 * 1024)
FETCH_RENDER_PAGES_PER_BROWSER = env.int("FETCH_RENDER_PAGES_PER_BROWSER", 100)
FETCH_RENDER_BROWSER_MEMORY_MB = env.int("FETCH_RENDER_BROWSER_MEMORY_MB", 1024)

# Extracting.
PHONE_DEFAULT_REGION = env.str("PHONE_DEFAULT_REGION", default="US")

# API.
API_MAX_BATCH = env.int("API_MAX_BATCH", 1000)
API_PAGE_SIZE = env.int("API_PAGE_SIZE", 50)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", 500)
REST_FRAMEWORK = {
    # Token first, so an anonymous request gets 401 with WWW-Authenticate rather than 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["core.api.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    # The token endpoint and the admin's login form share this rate, per client address.
    "DEFAULT_THROTTLE_RATES": {"login": env.str("LOGIN_THROTTLE_RATE", default="10/minute")},
    # How many proxies in front append to X-Forwarded-For; unset: the address is REMOTE_ADDR.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=None),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "WF7 contact extraction API",
    "DESCRIPTION": "Select pages for contact extraction, follow the pipeline, read the contacts.",
    "VERSION": "3",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PageCurationStatusEnum": "pages.models.PageCurationStatus",
        # A domain's discovery status has the same values: one enum for both in the schema.
        "PageProcessingStatusEnum": "pages.models.PageProcessingStatus",
        "V2PageCurationStatusEnum": "pages.api.serializers.V2_STATUS_CHOICES",
    },
}

REDIS_URL = env.str("REDIS_URL", default="")
# The login throttle counts attempts in the cache: in Redis it holds across processes and machines;
# without Redis, each process counts its own.
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
Q_CLUSTER = {
    "name": env.str("Q_CLUSTER_NAME", default="wf7"),
    "workers": Q_WORKERS,
    "timeout": PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES * 60 + 240,
    "retry": PAGE_CURATION_SCHEDULER_INTERVAL_MINUTES * 60 + 360,
    "bulk": 1,
    "queue_limit": Q_WORKERS,  # tasks waiting in a cluster: the rest stay for the others
    "catch_up": False,
    "max_attempts": 1,
    "ack_failures": True,
    "save_limit": 500,
    "label": "Background jobs",
    # The job extracts in worker processes of its own; daemonic processes may not have children.
    "daemonize_workers": False,
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"
