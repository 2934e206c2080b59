"""A Redis cache that never takes the site down with it.

Django's RedisCache raises when Redis is unreachable, so every page that touches the cache
would answer 500. This backend logs the error and behaves like an empty cache instead
(get returns the default, set stores nothing), so pages are still served, only uncached.
After a failure it stops asking Redis for a few seconds, so that a dead server does not add
a connection timeout to every request. `ping()` is for /readyz, which wants the truth.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("cities_portal.cache")


class FailSoftRedisCache(RedisCache):
    #: Seconds during which Redis is not asked again after a failure.
    retry_after = 5.0

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        # A closed port fails at once; a host that does not answer must not hold a worker.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 0.5)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._down_until = 0.0

    def _soft(self, operation, fallback, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except ValueError:  # incr() of a missing key: part of the cache API, not an outage
            raise
        except Exception as exc:
            self._down_until = time.monotonic() + self.retry_after
            logger.warning("cache unavailable (%s): %s; serving without it", operation, exc)
            return fallback

    def ping(self):
        """Raises when Redis does not answer (used by /readyz)."""
        self._cache.get_client(write=True).ping()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("add", False, key, value, timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._soft("get", default, key, default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set", None, key, value, timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("touch", False, key, timeout, version=version)

    def delete(self, key, version=None):
        return self._soft("delete", False, key, version=version)

    def get_many(self, keys, version=None):
        return self._soft("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._soft("has_key", False, key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._soft("incr", None, key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._soft("set_many", list(data), data, timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._soft("delete_many", None, keys, version=version)

    def clear(self):
        return self._soft("clear", False)
