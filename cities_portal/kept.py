"""Values a worker keeps for one content generation (cities_portal/page_cache.py).

For pieces of pages that every visitor sees alike and that only content changes alter (the
home page's strip of partner logos): built once per worker after each publish, then read
from memory. Any save, publish, move or delete bumps the generation, which drops them all,
so they cannot go stale. Without a generation (the cache unreachable) each is built every
time, as before. The values are shared between requests: keep only immutable ones (strings).
"""

import threading

_lock = threading.Lock()
_kept = {}  # name -> (generation, {key: value})
_MAX_PER_NAME = 256  # keys per name (language x a few variants; junk keys are not kept long)


def kept(name, key, build):
    """build(), kept under (`name`, `key`) for this content generation. `key` must hold
    everything the value depends on besides content (the language, an address...)."""
    from cities_portal.page_cache import generation

    gen = generation()
    if gen is None:
        return build()
    held = _kept.get(name)
    if held is None or held[0] != gen:
        with _lock:
            held = _kept.get(name)
            if held is None or held[0] != gen:
                held = _kept[name] = (gen, {})
    values = held[1]
    try:
        return values[key]
    except KeyError:
        pass
    value = build()
    if len(values) >= _MAX_PER_NAME:
        values.clear()
    values[key] = value
    return value


def forget():
    _kept.clear()
