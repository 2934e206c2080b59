"""Local development: DEBUG on, e-mails printed to the console."""

from cities_portal.env import env_int, env_str

from .base import *  # noqa: F403

DEBUG = True
# A fixed key is acceptable here only: production.py has no default.
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Editors previewing their work on the dev server should see it at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
