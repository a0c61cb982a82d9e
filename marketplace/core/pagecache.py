"""A small per-process cache of catalogue pages for anonymous visitors.

Most traffic is anonymous browsing of the same few listing pages; rendering 24 product cards
costs ~10 ms while a bare Flask answer costs ~0.2 ms. Pages are cached for
CATALOGUE_CACHE_SECONDS (0 disables) per (URL, language, day) in each process's memory, and
are valid only for the catalogue generation they were rendered at: a commit that changes the
catalogue bumps that generation in the shared cache (`marketplace.cache`, Redis when REDIS_URL
is set), so every process renders afresh at its next request. The same generation keys the
shared parts that per-user pages are built from (product cards, facet counts). Which models
are "the catalogue" is said by the domains that own them (`watch`), so this shared module
imports none of them. Signed-in
visitors, and guests with anything of their own in the session (a cart, a flash message),
always get a freshly rendered page.
"""
import time
from collections import OrderedDict
from functools import wraps

import sqlalchemy as sa
from flask import current_app, request, session

from marketplace import cache, clock, unitofwork
from marketplace.extensions import db
from marketplace.i18n import current_language

# Session keys that do not change what a catalogue page shows.
NEUTRAL_SESSION_KEYS = {"lang", "csrf_token", "_permanent"}
MAX_ENTRIES = 2000

CATALOGUE = "catalogue"  # the shared generation of everything the storefront shows alike

_watched = ()  # the models whose changes the cached pages show


def watch(*models):
    """Drop the cached pages after every commit that adds, changes or deletes one of these."""
    global _watched
    _watched = tuple(dict.fromkeys((*_watched, *models)))


def invalidate():
    """Make every cached page, card and count stale in every process (called after catalogue
    commits)."""
    cache.bump(CATALOGUE)
    pages().clear()


PROBES = {"core.healthz", "core.readyz", "core.metrics"}


def pages():
    """This app's cached pages (an app is one process's worker; tests run two side by side)."""
    return current_app.extensions.setdefault("pagecache", OrderedDict())


def generation():
    """The catalogue generation this request sees (one shared-cache read per request)."""
    return cache.generation(CATALOGUE)


def init_app(app):
    # Read before any query: what a request caches under this generation is then at least as
    # new as it (the bump follows the commit).
    @app.before_request
    def _read_generation():
        if request.endpoint not in PROBES:  # /readyz must answer, and say so, when Redis is down
            generation()


def _cacheable():
    return (
        request.method == "GET"
        and "remember_token" not in request.cookies
        and set(session.keys()) <= NEUTRAL_SESSION_KEYS
    )


def cached_page(view):
    """Cache the HTML a view returns for anonymous GETs (the view must return a str)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        ttl = current_app.config.get("CATALOGUE_CACHE_SECONDS", 0)
        if not ttl or not _cacheable():
            return view(*args, **kwargs)
        key = (request.full_path, current_language(), clock.today())
        now = time.monotonic()
        current = generation()
        cached = pages()
        hit = cached.get(key)
        if hit is not None and hit[0] == current and now - hit[1] < ttl:
            cached.move_to_end(key)
            return hit[2]
        html = view(*args, **kwargs)
        if isinstance(html, str) and _cacheable():
            cached[key] = (current, now, html)
            if len(cached) > MAX_ENTRIES:
                cached.popitem(last=False)
        return html

    return wrapper


@sa.event.listens_for(db.session, "after_flush")
def _note_catalogue_change(session, flush_context):
    if any(isinstance(obj, _watched) for obj in (*session.new, *session.dirty, *session.deleted)):
        unitofwork.after_commit(invalidate)


@sa.event.listens_for(db.session, "do_orm_execute")
def _note_catalogue_statement(state):
    # Status moves are UPDATE statements (marketplace.statemachine), not flushed objects.
    if (state.is_update or state.is_delete) and state.bind_mapper is not None \
            and issubclass(state.bind_mapper.class_, _watched):
        unitofwork.after_commit(invalidate)
