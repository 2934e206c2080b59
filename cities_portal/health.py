"""Health checks for a load balancer, outside the language prefix and never cached.

- /healthz (liveness): the process answers; touches neither the database nor the cache, so a
  database outage does not get every worker restarted.
- /readyz (readiness): the database answers a query and the media storage accepts a write.
  The cache is reported too, but an unreachable cache leaves the site "degraded", not
  unready: pages are then served uncached (see cities_portal/cache.py), and taking every
  instance out of the pool because Redis is down would turn a slowdown into an outage.
"""

import logging
import uuid

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger("cities_portal.health")


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database():
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    cache = caches["default"]
    key = f"readyz:{uuid.uuid4().hex}"
    ping = getattr(cache, "ping", None)
    if ping is not None:  # the fail-soft Redis cache hides errors from get/set: ask it directly
        ping()
        return
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        raise RuntimeError("the cache did not return what was stored")
    cache.delete(key)


def _check_media():
    name = default_storage.save(f"readyz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


@never_cache
@require_safe
def readyz(request):
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache), ("media", _check_media)):
        try:
            check()
            checks[name] = "ok"
        except Exception as exc:  # every failure is reported, none is raised
            logger.warning("readiness check %s failed: %s", name, exc)
            checks[name] = "unavailable"
    ready = checks["database"] == "ok" and checks["media"] == "ok"
    status = "ok" if ready and checks["cache"] == "ok" else ("degraded" if ready else "unavailable")
    return JsonResponse({"status": status, "checks": checks}, status=200 if ready else 503)
