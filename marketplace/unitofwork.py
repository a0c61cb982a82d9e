"""One unit of work: commit, then run what must happen only if the commit succeeded.

A service registers side effects with `after_commit(fn)` while it works (search sync, page-cache
invalidation, calls to Stripe); the commit runs them, in order, once, right after it succeeds.
A rollback forgets them. This is saleor's `transaction.on_commit`. Mails and notices go one step
further: they are outbox rows written in the transaction itself (`marketplace.jobs`), which an
after-commit step hands to the job queue.

Every commit of the session runs them, `commit()` here as well as a direct
`db.session.commit()` (the session class in `extensions` calls `run_due`). Callbacks run outside
the transaction: they may open a new one (a notice, a mail row) and commit it themselves.
"""
import logging
from contextlib import contextmanager

import sqlalchemy as sa

from marketplace.extensions import db

log = logging.getLogger(__name__)

PENDING = "uow_pending"  # registered in the open transaction
DUE = "uow_due"  # their transaction committed; waiting to run


def after_commit(fn):
    """Run `fn()` once the current transaction commits; forget it if it rolls back. The same
    function registered twice in one transaction runs once (hooks note changes at every flush)."""
    session = db.session()
    if not session.in_transaction():
        session.begin()  # the side effect belongs to a transaction, even one with no SQL yet
    pending = session.info.setdefault(PENDING, [])
    if fn not in pending:
        pending.append(fn)


def commit():
    """Commit the session (which then runs the side effects registered for this transaction),
    or roll back and re-raise when the commit fails."""
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def rollback():
    db.session.rollback()


@contextmanager
def unit_of_work():
    """`with unit_of_work(): …` commits at the end (then runs the side effects), or rolls back
    everything when the block raises."""
    try:
        yield
    except BaseException:
        db.session.rollback()
        raise
    commit()


def run_due(session):
    """Run the callbacks whose transaction committed (called by the session after each
    commit). A failing side effect is logged; it cannot undo the commit, so it must not hide
    the success from the user."""
    due = session.info.pop(DUE, None)
    while due:
        fn = due.pop(0)
        try:
            fn()
        except Exception:  # noqa: BLE001 - logged; the change itself is committed
            log.exception("after-commit step %r failed", fn)


def _committed(session):
    pending = session.info.pop(PENDING, None)
    if pending:
        session.info.setdefault(DUE, []).extend(pending)


def _rolled_back(session):
    session.info.pop(PENDING, None)


def init_app(app):
    for name, hook in (("after_commit", _committed), ("after_rollback", _rolled_back)):
        if not sa.event.contains(db.session, name, hook):
            sa.event.listen(db.session, name, hook)
