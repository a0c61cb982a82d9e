"""The transactional outbox: write a row with the change, send it once after the commit.

Once, and where the boundary lies:
- A row is written in the caller's transaction: a rollback leaves no row and sends nothing.
  A mail written outside any change (a sign-in link, or the mail that follows a committed
  change) is committed on its own at once.
- After the commit the row is handed to the queue (or, without Redis, sent inline). When the
  hand-over fails (Redis down) the row stays unqueued and `sweep` (every minute) hands it over.
- To send, a worker claims the row with a conditional UPDATE (pending → sending, committed):
  a replay of the job, a second worker or the sweep finds it claimed or sent and does nothing.
  A task (notices to write) marks itself sent in the same transaction as its effects: once.
- A mail is handed to SMTP, then marked sent. A worker that dies between the two leaves the
  row "sending"; once its claim is older than JOBS_CLAIM_SECONDS the sweep sends it again.
  That is the one window where a mail can arrive twice (at least once, not exactly once: no
  SMTP server takes part in our transaction); both copies carry the same Message-ID
  (<outbox-ID-…@domain>), which mail clients use to recognise a duplicate. A worker that dies
  before the SMTP hand-off leaves the same state, and the mail is sent once.
- A failed send is retried by RQ with exponential backoff (JOBS_RETRIES times, from
  JOBS_RETRY_SECONDS); after the last attempt the row is "failed", with its last error.
"""
import logging
import secrets
from datetime import timedelta
from functools import partial

import sqlalchemy as sa
from flask import current_app

from marketplace import clock, mail, unitofwork
from marketplace.extensions import db
from marketplace.jobs import queue as jobs_queue
from marketplace.jobs.models import FAILED, MAIL, PENDING, SENDING, SENT, OutboxMessage

log = logging.getLogger(__name__)

TASKS = {}  # kind (the function's dotted name) → function(**payload): notices and mails to write
WROTE = "outbox_wrote"  # session.info: the open transaction has written (a flush, or a guarded UPDATE)
GRACE_SECONDS = 60  # a row younger than this may still be on its way to the queue
KEEP_SENT_DAYS = 30  # sent rows are kept this long, to see what went out


def task(fn):
    """Decorator: `fn(**params)` may be deferred (`defer(fn, …)`); it runs after the commit, in
    the worker with Redis, and writes its notices and mails in its own transaction, once."""
    TASKS[f"{fn.__module__}.{fn.__qualname__}"] = fn
    return fn


def write_mail(to, subject, body_text):
    """The hand-over of `marketplace.mail.send_mail`: a mail row, sent after the commit."""
    _write(MAIL, {"to": to, "subject": str(subject), "body": body_text}, alone_commits=True)
    return True


def defer(fn, **params):
    """Run the task `fn` with `params` (plain JSON values: ids, not objects) once the current
    transaction commits, once. The row is part of the transaction: a rollback forgets it."""
    kind = f"{fn.__module__}.{fn.__qualname__}"
    if TASKS.get(kind) is not fn:
        raise ValueError(f"{kind} is not a task: decorate it with marketplace.jobs.task")
    _write(kind, params, alone_commits=False)  # always the caller's transaction: the caller commits


def _write(kind, payload, alone_commits):
    session = db.session()
    alone = alone_commits and not (session.new or session.dirty or session.deleted or session.info.get(WROTE))
    row = OutboxMessage(kind=kind, payload=payload, status=PENDING)
    session.add(row)
    session.flush()
    unitofwork.after_commit(partial(dispatch, row.id))
    if alone:  # no change to ride with (its change committed already, or there is none)
        unitofwork.commit()


def dispatch(outbox_id):
    """After the commit: hand the row to the queue, or send it now when there is no Redis."""
    q = jobs_queue.queue()
    if q is None:
        deliver(outbox_id)
        return
    try:
        jobs_queue.enqueue_delivery(q, outbox_id)
    except Exception:  # noqa: BLE001 - Redis down or refusing: the sweep hands the row over later
        log.warning("outbox %s: could not queue it; the sweep will", outbox_id, exc_info=True)
        return
    db.session.execute(sa.update(OutboxMessage).where(OutboxMessage.id == outbox_id)
                       .values(queued_at=clock.utcnow()))
    unitofwork.commit()


def deliver(outbox_id, raise_errors=False):
    """Send one row, once: claim it, send, mark it sent. False when it was not ours to send
    (sent already, or claimed by a live worker) or failed; raises with `raise_errors` (the
    worker, so that RQ retries with backoff)."""
    config = current_app.config
    token = secrets.token_hex(8)
    now = clock.utcnow()
    stale = now - timedelta(seconds=config["JOBS_CLAIM_SECONDS"])
    claimed = db.session.execute(
        sa.update(OutboxMessage)
        .where(OutboxMessage.id == outbox_id,
               sa.or_(OutboxMessage.status == PENDING,
                      sa.and_(OutboxMessage.status == SENDING, OutboxMessage.claimed_at < stale)))
        .values(status=SENDING, claim=token, claimed_at=now, attempts=OutboxMessage.attempts + 1)
    ).rowcount
    unitofwork.commit()
    if not claimed:
        return False
    row = db.session.get(OutboxMessage, outbox_id)
    try:
        if row.kind == MAIL:
            _send_mail(row)
            _mark_sent(outbox_id, token)
        else:
            _mark_sent(outbox_id, token)  # committed with the task's own changes, or not at all
            TASKS[row.kind](**row.payload)
        unitofwork.commit()
    except Exception as error:  # noqa: BLE001 - recorded on the row; retried
        unitofwork.rollback()
        _give_back(outbox_id, token, error)
        if raise_errors:
            raise
        log.exception("outbox %s (%s) could not be sent; `flask --app wsgi jobs sweep` retries it",
                      outbox_id, row.kind)
        return False
    return True


def _send_mail(row):
    message = mail.compose(row.payload["to"], row.payload["subject"], row.payload["body"],
                           message_id=f"outbox-{row.id}-{row.created_at:%Y%m%d%H%M%S}")
    mail.deliver(message, raise_errors=True)


def _mark_sent(outbox_id, token):
    db.session.execute(
        sa.update(OutboxMessage).where(OutboxMessage.id == outbox_id, OutboxMessage.claim == token)
        .values(status=SENT, sent_at=clock.utcnow(), last_error="")
    )


def _give_back(outbox_id, token, error):
    """Release the claim for the next attempt, or mark the row failed after the last one."""
    last = 1 + current_app.config["JOBS_RETRIES"]
    row = OutboxMessage.__table__.c
    db.session.execute(
        sa.update(OutboxMessage).where(row.id == outbox_id, row.claim == token, row.status == SENDING)
        .values(status=sa.case((row.attempts >= last, FAILED), else_=PENDING), claim=None,
                last_error=f"{type(error).__name__}: {error}"[:2000])
    )
    unitofwork.commit()


def sweep(now=None, limit=500):
    """Hand over again what never reached the queue (older than a minute), what waited on it
    for more than JOBS_REQUEUE_SECONDS (Redis lost it), and what a dead worker left claimed.
    Without Redis this sends them inline (`flask --app wsgi jobs sweep` as a manual retry).
    Returns the ids handed over."""
    config = current_app.config
    now = now or clock.utcnow()
    row = OutboxMessage
    ids = db.session.scalars(
        sa.select(row.id).where(sa.or_(
            sa.and_(row.status == PENDING, row.queued_at.is_(None),
                    row.created_at < now - timedelta(seconds=GRACE_SECONDS)),
            sa.and_(row.status == PENDING, row.queued_at < now - timedelta(seconds=config["JOBS_REQUEUE_SECONDS"])),
            sa.and_(row.status == SENDING, row.claimed_at < now - timedelta(seconds=config["JOBS_CLAIM_SECONDS"])),
        )).order_by(row.id).limit(limit)
    ).all()
    unitofwork.commit()
    for outbox_id in ids:
        dispatch(outbox_id)
    return ids


def purge_sent(now=None):
    """Forget rows sent more than KEEP_SENT_DAYS ago (the sweep does, daily enough); returns how
    many. A replay of so old a job finds no row and sends nothing."""
    now = now or clock.utcnow()
    removed = db.session.execute(sa.delete(OutboxMessage).where(
        OutboxMessage.status == SENT, OutboxMessage.sent_at < now - timedelta(days=KEEP_SENT_DAYS))).rowcount
    unitofwork.commit()
    return removed


def counts():
    """{status: number of rows}, for `jobs status` and health checks."""
    return dict(db.session.execute(
        sa.select(OutboxMessage.status, sa.func.count()).group_by(OutboxMessage.status)).all())


def _flushed(session, flush_context):
    session.info[WROTE] = True


def _executed(state):
    if state.is_insert or state.is_update or state.is_delete:  # guarded UPDATEs write without a flush
        state.session.info[WROTE] = True


def _ended(session, transaction):
    if transaction.parent is None:
        session.info.pop(WROTE, None)


def init_app(app):
    for name, hook in (("after_flush", _flushed), ("do_orm_execute", _executed), ("after_transaction_end", _ended)):
        if not sa.event.contains(db.session, name, hook):
            sa.event.listen(db.session, name, hook)
