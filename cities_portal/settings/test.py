"""Settings for the test suite: fast hashing, in-memory e-mail, isolated media."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cities-test-media-"))  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Off by default so tests see fresh pages; the page-cache tests turn it on.
PAGE_CACHE_SECONDS = 0
# Likewise the library's remembered counts and orderings (practices/library.py).
QUERY_CACHE_SECONDS = 0
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="cities-test-static-"))  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
