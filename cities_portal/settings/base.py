"""Settings shared by every environment. Safe by default: DEBUG is off here.

dev.py, test.py and production.py build on this file; environment variables are read
through cities_portal.env only.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cities_portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "cities_portal"

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # wagtail_modeltranslation must come first: it patches Page and replaces the
    # makemigrations/migrate commands so that the translated page columns are kept in sync.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "cities_portal",
    "services",
    "partners",
    "partners.space",
    "practices",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Security: log-in lock-out, second factor for staff (see the Security block below).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CSP with a nonce, CORP, Permissions-Policy; then the static 503 page when the database
    # is unreachable (cities_portal/security.py, cities_portal/faults.py).
    "cities_portal.security.SecurityHeadersMiddleware",
    "cities_portal.faults.DatabaseUnavailableMiddleware",
    "cities_portal.uploads.UploadErrorMiddleware",
    # Static files with hashed names and far-future cache headers, served by the app itself.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cities_portal.page_cache.AnonymousPageCacheMiddleware",
    # The request's Wagtail site, kept per content generation (cities_portal/sites.py).
    "cities_portal.sites.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cities_portal.twofactor.StaffTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out log-in into the lock-out page (status 429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cities_portal.urls"
WSGI_APPLICATION = "cities_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cities_portal.security.csp_nonce",
            ],
        },
    },
]

# SQLite by default so that a fresh machine needs nothing else; DATABASE_URL switches to
# PostgreSQL (postgres://user@host:5432/name) in production and CI.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis is optional. Without REDIS_URL, CACHE_DIR gives the worker processes of one machine a
# shared file cache (make serve uses it); otherwise each process keeps a small memory cache.
REDIS_URL = env_str("REDIS_URL")
CACHE_DIR = env_str("CACHE_DIR")
if REDIS_URL:
    CACHES = {
        "default": {
            # Fail-soft: Redis down means pages served uncached, not errors.
            "BACKEND": "cities_portal.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cities",
        }
    }
elif CACHE_DIR:
    CACHES = {
        "default": {
            # Django's file cache without zlib: a page-cache hit is read, not inflated.
            "BACKEND": "cities_portal.cache.PlainFileCache",
            "LOCATION": CACHE_DIR,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cities-portal",
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------
# French is the centre's working language: the source of every text and the fallback.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("ko", _("Korean")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "America/Montreal"

MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en", "es", "ko")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr",)
# Empty strings count as "not translated" so that the French text shows instead.
MODELTRANSLATION_ENABLE_FALLBACKS = True
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = True
# modeltranslation handles content languages; Wagtail's own per-locale page copies stay off.
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ------------------------------------------------------------------
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    # Removes a half-written file when the disk fills up (cities_portal/storage.py).
    "default": {"BACKEND": "cities_portal.storage.SafeFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Anonymous page views are cached this many seconds (0 turns the page cache off); any
# content change invalidates them at once (see cities_portal/page_cache.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# The library's facet counts and orderings, kept under the same content generation.
QUERY_CACHE_SECONDS = env_int("QUERY_CACHE_SECONDS", 600)
# The library's facets and listing orders from an in-memory index per content generation
# (practices/library_index.py); off, they are read from the database on every request.
LIBRARY_INDEX = env_bool("LIBRARY_INDEX", True)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail ---------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "C.I.T.I.E.S."
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail 8's autosave is off. On a create view, the first autosave creates the draft in the
# background, and the view only turns into that draft's edit view once the reply is back. A
# click on "Submit for moderation" or "Publish" in that window posts to the create view
# again: the editor got a "slug already in use" page (or a 500 when both requests raced past
# the uniqueness check), and the draft was saved but never submitted to moderation. Seen in
# the browser journeys; the form's own unsaved-changes warning still guards edits.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# Search: Wagtail's database backend (SQLite FTS5 / PostgreSQL full text) by default, which
# needs no other service. A large library moves to OpenSearch or Elasticsearch with
# SEARCH_BACKEND and SEARCH_URLS (README, "Search"), then `manage.py update_index`; the
# library's code uses only Wagtail's search API (practices/ranking.py speeds up SQLite only).
SEARCH_BACKENDS_SUPPORTED = ("database", "opensearch2", "opensearch3", "elasticsearch7", "elasticsearch8",
                             "elasticsearch9")
_SEARCH_BACKEND = env_str("SEARCH_BACKEND", "database")
if _SEARCH_BACKEND not in SEARCH_BACKENDS_SUPPORTED:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS_SUPPORTED)}, not {_SEARCH_BACKEND!r}."
    )
if _SEARCH_BACKEND == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": f"wagtail.search.backends.{_SEARCH_BACKEND}",
            "URLS": env_list("SEARCH_URLS", required=True),
            "INDEX": env_str("SEARCH_INDEX", "cities"),
            "TIMEOUT": env_int("SEARCH_TIMEOUT", 5),
            # Rebuild into a new index and swap it in: searches keep working during update_index.
            "ATOMIC_REBUILD": True,
        }
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Uploads are decoded in full before they are saved (corrupt files, SVG, bombs refused) and
# documents go through Wagtail's view (permissions, attachment, sandboxing CSP).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cities_portal.uploads.SafeImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cities_portal.uploads.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = True

# --- Practices library -----------------------------------------------------------------
# Background of the library's map. Empty (the default): country outlines from our own static
# files (practices/static/practices/vendor/world-atlas), so no public page loads anything
# from another host. A deployment with its own tile server sets a {z}/{x}/{y} template (and
# its attribution); the tiles then cover the outlines, which come back if the tiles fail,
# and the Content-Security-Policy allows that host in img-src. The markers never depend on
# either. "none" is read as empty.
_MAP_TILES = env_str("PRACTICES_MAP_TILES_URL", "")
PRACTICES_MAP_TILES_URL = "" if _MAP_TILES.lower() == "none" else _MAP_TILES
PRACTICES_MAP_TILES_ATTRIBUTION = env_str("PRACTICES_MAP_TILES_ATTRIBUTION", "")
PRACTICES_MAP_BASEMAP = "practices/vendor/world-atlas/countries-110m.geo.json"

# --- E-mail ----------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "C.I.T.I.E.S. <noreply@cities-ess.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Editors who receive transfer requests and partner submissions.
EDITORS_EMAILS = env_list("EDITORS_EMAILS", ["editors@cities-ess.org"])

# --- Security defaults (production.py tightens transport settings) ---------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

LOGIN_URL = "/admin/login/"

# --- Log-in protection and second factor (see README, Security) ------------------------
# django-axes counts failed log-ins (admin and partner space both call authenticate()) per
# username + address pair and locks that pair out for AXES_COOLOFF_TIME.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "cities_portal.lockout.lockout_response"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
# Behind N trusted reverse proxies, the client address is the N-th from the right of
# X-Forwarded-For; 0 means REMOTE_ADDR (no proxy).
AXES_CLIENT_IP_CALLABLE = "cities_portal.lockout.client_ip"
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Staff (anyone who can open the Wagtail admin) must confirm a TOTP code after the password.
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "C.I.T.I.E.S."

# --- Partner space ---------------------------------------------------------------------
# The admin keeps its own login (/admin/login/, above); the partner space has its own,
# translated login page and passes it explicitly. Invitation links expire after this many
# days (and work once); logo uploads are limited in bytes and in pixels.
PARTNER_SPACE_INVITATION_DAYS = env_int("PARTNER_SPACE_INVITATION_DAYS", 7)
PARTNER_SPACE_LOGO_MAX_BYTES = 2 * 1024 * 1024
PARTNER_SPACE_LOGO_MAX_PIXELS = 16_000_000

# Demo content loaders, called in this order by `manage.py load_demo_content` once the
# site and its home page exist. Each app keeps its own content files.
DEMO_CONTENT_LOADERS = [
    "services.demo.load",
    "partners.demo.load",
    "practices.demo.load",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
