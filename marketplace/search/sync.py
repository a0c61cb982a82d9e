"""Keeping search in step with the database.

What changed is collected when the session flushes, handed to the app's one writer right
after the commit (`unitofwork.after_commit`), and forgotten on rollback: search never shows a change before its commit,
nor one that was rolled back. The writer re-reads the rows inside its lock, so the last write
always carries the latest committed state. When the index is locked past the timeout (another
process is writing or rebuilding), the change waits in memory and a background thread retries:
no lock error ever reaches the shopper or the producer who saved.
"""
import logging
import threading
import time
from dataclasses import dataclass, field
from itertools import chain

import sqlalchemy as sa
from flask import current_app, has_app_context

from marketplace import unitofwork
from marketplace.catalog.models import OcopCategory, OcopCertificate, Product
from marketplace.extensions import db
from marketplace.producers.models import Cooperative

log = logging.getLogger(__name__)

SESSION_KEY = "search_changes"
MAX_RETRY_DELAY = 30  # seconds


@dataclass
class Changes:
    product_ids: set = field(default_factory=set)
    cooperative_ids: set = field(default_factory=set)
    category_ids: set = field(default_factory=set)

    def __bool__(self):
        return bool(self.product_ids or self.cooperative_ids or self.category_ids)

    def update(self, other):
        self.product_ids |= other.product_ids
        self.cooperative_ids |= other.cooperative_ids
        self.category_ids |= other.category_ids

    def send(self):
        """Hand these changes to the app's one writer (after their commit)."""
        if self and has_app_context() and "search_writer" in current_app.extensions:
            current_app.extensions["search_writer"]().submit(self)


def changes_in(objects):
    changes = Changes()
    for obj in objects:
        if isinstance(obj, Product):
            changes.product_ids.add(obj.id)
        elif isinstance(obj, OcopCertificate):
            changes.product_ids.add(obj.product_id)  # stars order suggestions
        elif isinstance(obj, Cooperative):
            changes.cooperative_ids.add(obj.id)
        elif isinstance(obj, OcopCategory):
            changes.category_ids.add(obj.id)
    changes.product_ids.discard(None)
    return changes


def note(session, changes):
    """Send `changes` to the index once the session's transaction commits."""
    noted = session.info.setdefault(SESSION_KEY, Changes())
    noted.update(changes)
    if noted:
        unitofwork.after_commit(noted.send)  # the same bound method: registered once


def note_changed(product_ids=()):
    """Reindex these products after the open transaction commits (forgotten on rollback):
    for changes the flush hook cannot see, such as a bulk UPDATE of their stock that makes
    them sold out or back in stock (a search facet)."""
    note(db.session(), Changes(product_ids=set(product_ids)))


def _after_flush(session, flush_context):
    changes = changes_in(chain(session.new, session.dirty, session.deleted))
    if changes:
        note(session, changes)


def _transaction_ended(session):
    # The unit of work holds this transaction's changes (or forgot them on rollback); the
    # next transaction notes its own.
    session.info.pop(SESSION_KEY, None)


def listen(session):
    """Install the hooks on a session (or scoped session / sessionmaker), once."""
    hooks = (("after_flush", _after_flush), ("after_commit", _transaction_ended),
             ("after_rollback", _transaction_ended))
    for name, hook in hooks:
        if not sa.event.contains(session, name, hook):
            sa.event.listen(session, name, hook)


class Writer:
    """The app's one path to the index: `submit` applies at once when it can, else queues."""

    def __init__(self, backend, retry_delay=0.5, on_applied=None):
        self.backend = backend
        self.on_applied = on_applied  # told after each batch reaches the index
        self.retry_delay = retry_delay
        self._pending = Changes()
        self._lock = threading.Lock()
        self._retrying = None
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, changes):
        with self._lock:
            self._pending.update(changes)
            self._idle.clear()
        self.drain()

    def drain(self):
        """Apply what is pending. Never raises: on failure the changes wait for a retry."""
        with self._lock:
            batch, self._pending = self._pending, Changes()
        if not batch:
            self._settle()
            return True
        try:
            self.backend.apply(batch)
        except Exception as error:  # noqa: BLE001 - WriterBusy, a lost connection…: retried
            log.warning("search index update postponed (%r)", error)
            with self._lock:
                batch.update(self._pending)
                self._pending = batch
            self._retry_later()
            return False
        if self.on_applied is not None:
            self.on_applied()
        self._settle()
        return True

    def _settle(self):
        with self._lock:
            retrying = self._retrying is not None and self._retrying is not threading.current_thread()
            if not self._pending and not retrying:
                self._idle.set()

    def _retry_later(self):
        with self._lock:
            if self._retrying is None:
                self._retrying = threading.Thread(target=self._retry_loop, name="search-writer", daemon=True)
                self._retrying.start()

    def _retry_loop(self):
        delay = self.retry_delay
        while True:
            time.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_DELAY)  # a long outage is not hammered
            if self.drain():
                with self._lock:
                    if not self._pending:
                        self._retrying = None
                        self._idle.set()
                        return

    @property
    def pending(self):
        with self._lock:
            return bool(self._pending)

    def wait(self, timeout=None):
        """Block until nothing is pending (tests, the CLI). True when idle."""
        return self._idle.wait(timeout)
