"""Notices leave the request as outbox tasks: an order placed writes one task row with the
order; the worker writes the notices and their mails once, however often the job is replayed."""
from rq import Queue
from rq.job import Job

from marketplace.extensions import db
from marketplace.jobs import outbox as jobs_outbox
from marketplace.jobs.models import MAIL, PENDING, SENT, OutboxMessage
from marketplace.jobs.queue import NAME
from marketplace.notices.models import Notice
from marketplace.orders import notifications
from tests.factories import make_cooperative, make_cooperative_staff, make_product
from tests.orders.conftest import place


def kinds():
    db.session.expire_all()
    return [(r.kind, r.status) for r in db.session.query(OutboxMessage).order_by(OutboxMessage.id)]


ANNOUNCE = f"{notifications.announce_order.__module__}.{notifications.announce_order.__qualname__}"


def test_placing_an_order_writes_its_announcement_as_a_task_sent_once_by_the_worker(
        app, outbox, redis_jobs, work):
    cooperative = make_cooperative()
    make_cooperative_staff(cooperative, email="owner@htx.example")
    product = make_product(cooperative, stock=10)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        place((product, 2))
    assert kinds() == [(ANNOUNCE, PENDING)]  # the request wrote one row and no notice
    assert db.session.query(Notice).count() == 0 and outbox == []
    work()  # the task writes the notice and two mail rows (buyer, cooperative); then they are sent
    assert db.session.query(Notice).count() == 1
    assert sorted(kinds()) == sorted([(ANNOUNCE, SENT), (MAIL, SENT), (MAIL, SENT)])
    assert sorted(m["To"] for m in outbox) == ["lan@example.vn", "owner@htx.example"]
    task = db.session.query(OutboxMessage).filter_by(kind=ANNOUNCE).one()
    queue = Queue(NAME, connection=redis_jobs)
    queue.enqueue_job(Job.fetch(f"outbox-{task.id}", connection=redis_jobs))  # replayed
    jobs_outbox.dispatch(task.id)
    work()
    assert db.session.query(Notice).count() == 1 and len(outbox) == 2


def test_a_task_that_fails_writes_nothing_and_is_retried(app, outbox, redis_jobs, work, monkeypatch):
    cooperative = make_cooperative()
    make_cooperative_staff(cooperative, email="owner@htx.example")
    product = make_product(cooperative, stock=10)
    db.session.commit()
    with app.test_request_context("/?lang=en"):
        place((product, 1))
    real = notifications.notices.notify

    def notify_then_fail(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patch:
        patch.setattr(notifications.notices, "notify", notify_then_fail)
        work()
    assert kinds() == [(ANNOUNCE, PENDING)]  # rolled back: no notice, no mail row
    assert db.session.query(Notice).count() == 0 and outbox == []
    queue = Queue(NAME, connection=redis_jobs)
    [job_id] = queue.scheduled_job_registry.get_job_ids()
    queue.scheduled_job_registry.remove(job_id)
    queue.enqueue_job(Job.fetch(job_id, connection=redis_jobs))
    work()
    assert db.session.query(Notice).count() == 1 and len(outbox) == 2
