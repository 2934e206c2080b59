"""The cache backends of the portal: Redis that fails soft, and a file cache without zlib.

Django's RedisCache raises when Redis is unreachable, so every page that touches the cache
would answer 500. FailSoftRedisCache logs the error and behaves like an empty cache instead
(get returns the default, set stores nothing), so pages are still served, only uncached.
After a failure it stops asking Redis for a few seconds, so that a dead server does not add
a connection timeout to every request. `ping()` is for /readyz, which wants the truth.

PlainFileCache is the file cache of one machine without Redis (CACHE_DIR, `make serve`).
"""

import logging
import pickle
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
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


class PlainFileCache(FileBasedCache):
    """Django's file cache, with each value pickled as it is instead of zlib-compressed.

    Why: what it mostly holds is whole pages for anonymous visitors (cities_portal/page_cache.py),
    read on every hit. Inflating a 36 KB library page took ~60 µs of the ~190 µs a hit costs
    in the worker, the largest single part of it; the files are ~4 times larger instead
    (MAX_ENTRIES still bounds their number). Another suffix than Django's keeps the two formats
    apart: a directory left by FileBasedCache is never read as plain pickles.
    """

    cache_suffix = ".pcache"

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "rb") as f:
                if not self._is_expired(f):
                    return pickle.load(f)
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        # FileBasedCache.touch reads the value back through zlib: read it the plain way here.
        value = self.get(key, self, version)
        if value is self:
            return False
        self.set(key, value, timeout, version)
        return True
