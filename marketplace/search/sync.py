"""Keeping search in step with the database.

What changed is collected when the session flushes, handed to the app's one writer right
after the commit (`unitofwork.after_commit`), and forgotten on rollback: search never shows a change before its commit,
nor one that was rolled back. The writer re-reads the rows inside its lock, so the last write
always carries the latest committed state. When the index is locked past the timeout (another
process is writing or rebuilding), the change waits in memory and a background thread retries:
no lock error ever reaches the shopper or the producer who saved.

Several machines with Whoosh (one index folder each) keep in step through a change feed: the
same hook writes what changed to `search_changes` inside the transaction, and each machine
applies the rows the others wrote before it searches (`Feed.catch_up`, at most once every
SEARCH_FEED_SECONDS, which turns the feed on). With SEARCH_BACKEND=postgres the index is in the
database, shared, and no feed is written.
"""
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import chain
from pathlib import Path

import sqlalchemy as sa
from flask import current_app, has_app_context

from marketplace import unitofwork
from marketplace.catalog.models import OcopCategory, OcopCertificate, Product
from marketplace.extensions import db
from marketplace.producers.models import Cooperative
from marketplace.search.models import SearchChange, _now

log = logging.getLogger(__name__)

SESSION_KEY = "search_changes"
FED_KEY = "search_changes_fed"
MAX_RETRY_DELAY = 30  # seconds
FEED_KEEP = timedelta(days=1)  # a machine away longer rebuilds its index
# A transaction may commit a little after a later one: rows this recent are read again (each
# row is applied once, by id), so a late commit is not skipped by the position.
FEED_LATE = timedelta(seconds=30)
FEED_KINDS = (("product", "product_ids"), ("cooperative", "cooperative_ids"), ("category", "category_ids"))


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
    """Send `changes` to the index once the session's transaction commits (and, with Whoosh,
    write them to the feed in this transaction, for the other machines' indexes)."""
    noted = session.info.setdefault(SESSION_KEY, Changes())
    noted.update(changes)
    if noted:
        unitofwork.after_commit(noted.send)  # the same bound method: registered once
        _feed(session, changes)


def feed_wanted(app):
    """Several machines with Whoosh (SEARCH_FEED_SECONDS set); one machine, or the postgres
    backend's one shared index, needs no feed."""
    return app.config.get("SEARCH_BACKEND", "whoosh") == "whoosh" and app.config.get("SEARCH_FEED_SECONDS", 0) > 0


def _feed(session, changes):
    if not has_app_context() or not feed_wanted(current_app):
        return
    fed = session.info.setdefault(FED_KEY, set())
    origin, now = feed_origin(current_app), _now()
    rows = [{"kind": kind, "ref_id": ref_id, "origin": origin, "created_at": now}
            for kind, attribute in FEED_KINDS for ref_id in sorted(getattr(changes, attribute))
            if (kind, ref_id) not in fed]
    if rows:
        session.connection().execute(SearchChange.__table__.insert(), rows)
        fed.update((row["kind"], row["ref_id"]) for row in rows)


def feed_origin(app):
    """The name of this machine's index folder in the feed (kept in the folder, made once)."""
    found = app.extensions.get("search_feed_origin")
    if found is None:
        folder = Path(app.config["SEARCH_INDEX_DIR"])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "feed-origin"
        try:
            with open(path, "x") as created:  # the first process of the machine names it
                created.write(uuid.uuid4().hex)
        except FileExistsError:
            pass
        found = app.extensions["search_feed_origin"] = path.read_text().strip()
    return found


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
    session.info.pop(FED_KEY, None)


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


class Feed:
    """Applies to this machine's Whoosh index what other machines committed (`search_changes`).

    The position (the last row applied) is kept in the index folder, so a restarted process
    goes on from there; rows are applied once each, by id, and old rows are purged."""

    def __init__(self, engine, folder, origin, interval=1.0):
        self.engine = engine
        self.path = Path(folder) / "feed-position"
        self.origin = origin
        self.interval = interval
        self._next = 0.0
        self._next_purge = 0.0
        self._applied = {}  # id -> when written, for the FEED_LATE window
        self._lock = threading.Lock()

    def catch_up(self, writer, force=False):
        """Hand the other machines' new changes to `writer` (at most once per interval)."""
        now = time.monotonic()
        if not force and now < self._next:
            return
        if not self._lock.acquire(blocking=False):
            return  # another thread of this process is catching up
        try:
            self._next = now + self.interval
            changes = self._read()
            if changes:
                writer.submit(changes)
            if now >= self._next_purge:
                self._next_purge = now + 3600
                with self.engine.begin() as connection:
                    connection.execute(sa.delete(SearchChange).where(SearchChange.created_at < _now() - FEED_KEEP))
        except sa.exc.SQLAlchemyError as error:  # database away: the next search tries again
            log.warning("search feed unreadable (%r)", error)
        finally:
            self._lock.release()

    def _read(self):
        position, recent = self._position(), _now() - FEED_LATE
        table = SearchChange.__table__
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(table.c.id, table.c.kind, table.c.ref_id, table.c.origin, table.c.created_at)
                .where(sa.or_(table.c.id > position, table.c.created_at >= recent)).order_by(table.c.id)
            ).all()
        changes = Changes()
        for row in rows:
            if row.id in self._applied or (row.id <= position and row.created_at < recent):
                continue
            self._applied[row.id] = row.created_at
            if row.origin != self.origin:  # this machine's own commits reached its index already
                getattr(changes, dict(FEED_KINDS)[row.kind]).add(row.ref_id)
        self._applied = {key: at for key, at in self._applied.items() if at >= recent}
        if rows and rows[-1].id > position:
            self._save(rows[-1].id)
        return changes

    def _position(self):
        try:
            return int(self.path.read_text())
        except (OSError, ValueError):
            return 0  # a new folder: every row kept is applied

    def _save(self, position):
        temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.{threading.get_ident()}")
        temporary.write_text(str(position))
        os.replace(temporary, self.path)  # atomic: processes of the machine share the file
