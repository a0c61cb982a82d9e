"""One cache of what every shopper sees alike, shared by all processes: Redis when REDIS_URL is
set, this process's memory otherwise (`make run`, tests).

What is cached is never invalidated by deleting keys: every key carries the current
*generation* of what it was built from (`generation(name)`), and a change bumps it
(`bump(name)`) after its commit, so that the next request of every process builds new keys and
the old ones expire on their own (a TTL, and LRU eviction in Redis). A request reads each
generation once (it is kept on `g`), so one page sees one consistent state.

Values are JSON (never pickle: a value from Redis is data, not code) or HTML strings.
This module imports no domain package: the domains say what to cache and when to bump.
"""
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict

from flask import current_app, g, has_request_context

DEFAULT_TTL = 3600  # seconds; a generation bump makes old keys unreachable long before
MEMORY_ENTRIES = 20_000
LOCAL_SECONDS = 30  # without Redis: how late another process may show a change
PREFIX = "ocop:"

logger = logging.getLogger(__name__)


class MemoryStore:
    """The same interface as RedisStore, in this process: a bounded LRU whose entries live at
    most LOCAL_SECONDS, because other processes cannot bump this one's generations (run Redis
    when there are several)."""

    def __init__(self):
        self._values = OrderedDict()  # key -> (expires at, value)
        self._counters = {}
        self._lock = threading.Lock()

    def get_many(self, keys):
        now = time.monotonic()
        with self._lock:
            found = []
            for key in keys:
                entry = self._values.get(key)
                if entry is not None and entry[0] > now:
                    self._values.move_to_end(key)
                    found.append(entry[1])
                else:
                    found.append(None)
            return found

    def set_many(self, mapping, ttl):
        expires = time.monotonic() + min(ttl, LOCAL_SECONDS)
        with self._lock:
            self._values.update((key, (expires, value)) for key, value in mapping.items())
            while len(self._values) > MEMORY_ENTRIES:
                self._values.popitem(last=False)

    def counter(self, key):
        return self._counters.get(key, 0)

    def incr(self, key):
        with self._lock:
            self._counters[key] = self._counters.get(key, 0) + 1
            return self._counters[key]

    def clear(self):
        with self._lock:
            self._values.clear()
            self._counters.clear()


class RedisStore:
    """Redis, shared by every process. When Redis fails, pages are built without the cache (every
    read a miss, writes dropped) and Redis is left alone for DOWN_SECONDS, so that an outage costs
    one timeout now and then rather than one per request."""

    DOWN_SECONDS = 5

    def __init__(self, url):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        self._error = redis.RedisError
        self._down_until = 0.0

    def _call(self, action, fallback):
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return action()
        except self._error as error:
            self._down_until = time.monotonic() + self.DOWN_SECONDS
            logger.warning("shared cache unavailable for %s s: %s", self.DOWN_SECONDS, error)
            return fallback

    def get_many(self, keys):
        if not keys:
            return []
        values = self._call(lambda: self._redis.mget([PREFIX + key for key in keys]), [None] * len(keys))
        return [value.decode() if value is not None else None for value in values]

    def set_many(self, mapping, ttl):
        def store():
            pipe = self._redis.pipeline(transaction=False)
            for key, value in mapping.items():
                pipe.set(PREFIX + key, value, ex=ttl)
            pipe.execute()

        self._call(store, None)

    def counter(self, key):
        return int(self._call(lambda: self._redis.get(PREFIX + key), None) or 0)

    def incr(self, key):
        # A lost bump leaves shared lists stale until their TTL; what must be current (price,
        # stock, the badge) is in every card's key and read from the database.
        return self._call(lambda: self._redis.incr(PREFIX + key), 0)

    def clear(self):
        for key in self._redis.scan_iter(PREFIX + "*"):
            self._redis.delete(key)


def init_app(app):
    url = app.config.get("REDIS_URL")
    app.extensions["cache"] = RedisStore(url) if url else MemoryStore()


def store():
    return current_app.extensions["cache"]


def generation(name):
    """The current generation of `name` (e.g. "catalogue"), read once per request."""
    if not has_request_context():
        return store().counter("gen:" + name)
    seen = g.setdefault("cache_generations", {})
    if name not in seen:
        seen[name] = store().counter("gen:" + name)
    return seen[name]


def bump(name, app=None):
    """Make everything built from `name` unreachable in every process (call after the commit;
    `app` when there is no app context, e.g. in a background thread)."""
    (app.extensions["cache"] if app is not None else store()).incr("gen:" + name)
    if has_request_context():
        g.pop("cache_generations", None)


def digest(*parts):
    """A short key part naming `parts` (filters, a query…)."""
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=12).hexdigest()


def get_many(keys):
    return store().get_many(list(keys))


def set_many(mapping, ttl=DEFAULT_TTL):
    if mapping:
        store().set_many(mapping, ttl)


def remember_json(key, build, ttl=DEFAULT_TTL):
    """The JSON-able value cached under `key`, built (and stored) on a miss."""
    (hit,) = get_many([key])
    if hit is not None:
        return json.loads(hit)
    value = build()
    set_many({key: json.dumps(value)}, ttl)
    return value
