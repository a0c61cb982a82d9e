"""A small per-process cache of catalogue pages for anonymous visitors.

Most traffic is anonymous browsing of the same few listing pages; rendering 24 product cards
costs ~10 ms while a bare Flask answer costs ~0.2 ms. Pages are cached for
CATALOGUE_CACHE_SECONDS (0 disables) per (URL, language, day), and dropped at once in the
process that commits a catalogue change; other processes see it within the TTL. Signed-in
visitors, and guests with anything of their own in the session (a cart, a flash message),
always get a freshly rendered page.
"""
import time
from collections import OrderedDict
from functools import wraps

import sqlalchemy as sa
from flask import current_app, request, session

from marketplace import clock
from marketplace.extensions import db
from marketplace.i18n import current_language

# Session keys that do not change what a catalogue page shows.
NEUTRAL_SESSION_KEYS = {"lang", "csrf_token", "_permanent"}
MAX_ENTRIES = 2000

_pages = OrderedDict()
_generation = 0


def invalidate():
    """Forget every cached page in this process (called after catalogue commits)."""
    global _generation
    _generation += 1
    _pages.clear()


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
        hit = _pages.get(key)
        if hit is not None and hit[0] == _generation and now - hit[1] < ttl:
            _pages.move_to_end(key)
            return hit[2]
        html = view(*args, **kwargs)
        if isinstance(html, str) and _cacheable():
            _pages[key] = (_generation, now, html)
            if len(_pages) > MAX_ENTRIES:
                _pages.popitem(last=False)
        return html

    return wrapper


def _catalogue_models():
    from marketplace.catalog.models import OcopCategory, OcopCertificate, Product, ProductImage
    from marketplace.producers.models import Cooperative

    return (Product, ProductImage, OcopCertificate, OcopCategory, Cooperative)


@sa.event.listens_for(db.session, "after_flush")
def _note_catalogue_change(session, flush_context):
    models = _catalogue_models()
    if any(isinstance(obj, models) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info["catalogue_changed"] = True


@sa.event.listens_for(db.session, "after_commit")
def _invalidate_after_commit(session):
    if session.info.pop("catalogue_changed", False):
        invalidate()


@sa.event.listens_for(db.session, "after_rollback")
def _forget_rolled_back_change(session):
    session.info.pop("catalogue_changed", None)
