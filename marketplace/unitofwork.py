"""One unit of work: commit, then run what must happen only if the commit succeeded.

A service registers side effects with `after_commit(fn)` while it works (search sync, page-cache
invalidation, mails and notices, calls to Stripe); `commit()` commits the session and then runs
them, in order, once. A rollback forgets them. This is saleor's `transaction.on_commit`.

Callbacks run outside the transaction: they may open a new one (a notice, a mail row) through
`commit()` themselves. When code commits the session directly (`db.session.commit()`), the
callbacks become due and run at the next `commit()` or when the app context ends, never before
the commit and never after a rollback.
"""
import logging
from contextlib import contextmanager

import sqlalchemy as sa

from marketplace.extensions import db

log = logging.getLogger(__name__)

PENDING = "uow_pending"  # registered in the open transaction
DUE = "uow_due"  # their transaction committed; waiting to run


def after_commit(fn):
    """Run `fn()` once the current transaction commits; forget it if it rolls back."""
    session = db.session()
    if not session.in_transaction():
        session.begin()  # the side effect belongs to a transaction, even one with no SQL yet
    session.info.setdefault(PENDING, []).append(fn)


def commit():
    """Commit the session, then run the side effects registered for this transaction."""
    try:
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    run_due()


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


def run_due():
    """Run the callbacks whose transaction committed. A failing side effect is logged; it
    cannot undo the commit, so it must not hide the success from the user."""
    due = db.session.info.pop(DUE, None)
    while due:
        fn = due.pop(0)
        try:
            fn()
        except Exception:  # noqa: BLE001 - logged; the change itself is committed
            log.exception("after-commit step %r failed", fn)
        due.extend(db.session.info.pop(DUE, ()))  # a callback that committed adds its own


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

    @app.teardown_appcontext
    def _run_leftovers(exception):
        if exception is None and db.session.info.get(DUE):
            run_due()
