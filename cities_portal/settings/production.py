"""Production: every secret comes from the environment and has no default.

Start-up stops with a clear message when SECRET_KEY or ALLOWED_HOSTS is missing.
"""

from django.core.exceptions import ImproperlyConfigured

from cities_portal.env import env_bool, env_int, env_list, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY is too short or too simple: use at least 50 random characters "
        "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{h}" for h in ALLOWED_HOSTS])

# Persistent database connections: opening one per request cost every page a connection
# set-up (on PostgreSQL, a round trip and psycopg's start-up work). The health check
# replaces a connection the server closed instead of failing the request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer probes the health checks over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# Only `make serve` on a developer's machine (plain HTTP on 127.0.0.1) turns these off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
X_FRAME_OPTIONS = "DENY"  # the admin (live preview) is given SAMEORIGIN by its views
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Staff must confirm a TOTP code before the admin opens (STAFF_REQUIRE_2FA=false to opt out).
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", True)

WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)

# Compressed static files with content hashes in their names, cached for a year by browsers.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31_536_000

# --- Media in object storage (several app servers share no disk) -----------------------
# Set AWS_STORAGE_BUCKET_NAME to keep uploads and renditions in an S3-compatible bucket
# (AWS S3, MinIO, Ceph, Scaleway, OVH...) through django-storages; without it they stay in
# MEDIA_ROOT, which only a single server can use. Credentials come from AWS_ACCESS_KEY_ID /
# AWS_SECRET_ACCESS_KEY (or the instance's role), read by boto3 itself, never from here.
# Wagtail gives every upload and rendition a new file name, so a CDN in front of the bucket
# never needs purging; documents keep going through Wagtail's serve view (permissions).
MEDIA_BUCKET = env_str("AWS_STORAGE_BUCKET_NAME")
if MEDIA_BUCKET:
    # Served from the site's own host by default (the CDN or load balancer routes /media/
    # to the bucket), so the Content-Security-Policy's img-src 'self' keeps covering images.
    MEDIA_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN", ALLOWED_HOSTS[0])
    MEDIA_LOCATION = env_str("AWS_LOCATION", "media")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),  # empty: AWS itself
            "region_name": env_str("AWS_S3_REGION_NAME"),
            # Object keys start with the location, so URLs are https://<domain>/media/<name>.
            "custom_domain": MEDIA_DOMAIN,
            "location": MEDIA_LOCATION,
            "url_protocol": "https:",
            # Public images are addressed by stable URLs a cache can keep, not signed ones.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "default_acl": None,  # the bucket's policy decides, not each object
            "file_overwrite": False,
            "object_parameters": {"CacheControl": f"public, max-age={WHITENOISE_MAX_AGE}"},
        },
    }
    MEDIA_URL = f"https://{MEDIA_DOMAIN}/{MEDIA_LOCATION}/"
