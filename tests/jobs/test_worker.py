"""The worker on Redis (RQ, db 10): each outbox row sent once, whatever is replayed, retried,
lost on the way to the queue or left behind by a worker that died."""
from datetime import timedelta

import pytest
from rq import Queue
from rq.job import Job

from marketplace import clock, mail
from marketplace.extensions import db
from marketplace.jobs import outbox as jobs_outbox
from marketplace.jobs.models import FAILED, PENDING, SENDING, SENT, OutboxMessage
from marketplace.jobs.queue import NAME
from marketplace.jobs.worker import run_delivery
from tests.jobs.conftest import REDIS_TEST_URL
from tests.factories import make_user


def the_row():
    db.session.expire_all()
    return db.session.query(OutboxMessage).one()


def queued_ids(connection):
    return Queue(NAME, connection=connection).job_ids


def write_mail_with_a_change():
    user = make_user(email="an@example.com")
    mail.send_mail(user.email, "Welcome", "Body")
    return user


def test_the_row_reaches_the_queue_only_after_the_commit_and_the_worker_sends_it_once(app, outbox, redis_jobs, work):
    write_mail_with_a_change()
    assert queued_ids(redis_jobs) == []
    db.session.commit()
    row = the_row()
    assert queued_ids(redis_jobs) == [f"outbox-{row.id}"] and row.queued_at is not None
    assert outbox == []  # not inside the request any more
    work()
    assert [m["Subject"] for m in outbox] == ["Welcome"]
    assert the_row().status == SENT


def test_a_rolled_back_change_queues_nothing(app, outbox, redis_jobs, work):
    write_mail_with_a_change()
    db.session.rollback()
    work()
    assert queued_ids(redis_jobs) == [] and outbox == [] and db.session.query(OutboxMessage).count() == 0


def test_replays_of_the_same_job_send_once(app, outbox, redis_jobs, work):
    write_mail_with_a_change()
    db.session.commit()
    row_id = the_row().id
    work()
    queue = Queue(NAME, connection=redis_jobs)
    queue.enqueue_job(Job.fetch(f"outbox-{row_id}", connection=redis_jobs))  # RQ delivers again
    jobs_outbox.dispatch(row_id)  # and the sweep hands it over again
    work()
    with app.test_request_context():
        assert run_delivery(row_id) is False
    assert len(outbox) == 1 and the_row().attempts == 1


class Killed(BaseException):
    """The worker process dying: nothing of ours catches it."""


def test_a_worker_killed_after_its_claim_and_before_sending_leaves_the_mail_to_the_sweep_sent_once(
        app, outbox, redis_jobs, work, monkeypatch):
    write_mail_with_a_change()
    db.session.commit()
    row_id = the_row().id

    def die(*args, **kwargs):
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(mail, "deliver", die)
        with pytest.raises(Killed), app.test_request_context():
            jobs_outbox.deliver(row_id, raise_errors=True)
    db.session.rollback()
    assert the_row().status == SENDING and outbox == []
    work()  # the queued job finds the row claimed by a (for all it knows) live worker
    assert outbox == [] and the_row().status == SENDING
    assert jobs_outbox.sweep() == []  # the claim is fresh
    later = clock.utcnow() + timedelta(seconds=app.config["JOBS_CLAIM_SECONDS"] + 1)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    assert jobs_outbox.sweep() == [row_id]
    work()
    assert len(outbox) == 1 and the_row().status == SENT and the_row().attempts == 2


def test_a_worker_killed_after_the_smtp_hand_off_and_before_marking_sends_twice_with_one_message_id(
        app, outbox, redis_jobs, work, monkeypatch):
    """The documented boundary: at least once across SMTP, recognisable by its Message-ID."""
    write_mail_with_a_change()
    db.session.commit()
    row_id = the_row().id

    def die(*args, **kwargs):
        raise Killed

    with monkeypatch.context() as patch:
        patch.setattr(jobs_outbox, "_mark_sent", die)
        with pytest.raises(Killed), app.test_request_context():
            jobs_outbox.deliver(row_id, raise_errors=True)
    db.session.rollback()
    assert len(outbox) == 1 and the_row().status == SENDING
    later = clock.utcnow() + timedelta(seconds=app.config["JOBS_CLAIM_SECONDS"] + 1)
    monkeypatch.setattr(clock, "utcnow", lambda: later)
    jobs_outbox.sweep()
    work()
    assert len(outbox) == 2 and outbox[0]["Message-ID"] == outbox[1]["Message-ID"]
    assert the_row().status == SENT


def test_a_row_whose_queueing_failed_is_swept_to_the_queue_later(app, outbox, redis_jobs, work, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", "redis://127.0.0.1:1/10")  # Redis down at commit
    app.extensions.pop("jobs.redis", None)
    write_mail_with_a_change()
    db.session.commit()  # the request still succeeds
    row = the_row()
    assert row.status == PENDING and row.queued_at is None and outbox == []
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", REDIS_TEST_URL)  # Redis is back
    app.extensions.pop("jobs.redis", None)
    assert jobs_outbox.sweep() == []  # younger than a minute: its commit may still be handing it over
    assert jobs_outbox.sweep(now=clock.utcnow() + timedelta(minutes=2)) == [row.id]
    work()
    assert len(outbox) == 1 and the_row().status == SENT


def test_smtp_errors_are_retried_with_exponential_backoff_then_the_row_fails(
        app, outbox, redis_jobs, work, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_RETRIES", 2)
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # connection refused
    write_mail_with_a_change()
    db.session.commit()
    row_id = the_row().id
    queue = Queue(NAME, connection=redis_jobs)
    waits = []
    for attempt in (1, 2):
        before = clock.utcnow()
        work()
        row = the_row()
        assert row.status == PENDING and row.attempts == attempt and "ConnectionRefused" in row.last_error
        job_id = f"outbox-{row_id}"
        assert job_id in queue.scheduled_job_registry.get_job_ids()
        due = queue.scheduled_job_registry.get_scheduled_time(job_id).replace(tzinfo=None)
        waits.append(round((due - before).total_seconds() / 10) * 10)
        queue.scheduled_job_registry.remove(job_id)  # its time has come (no sleeping in tests)
        queue.enqueue_job(Job.fetch(job_id, connection=redis_jobs))
    assert waits == [30, 60]
    work()  # the third and last attempt
    assert the_row().status == FAILED and the_row().attempts == 3
    assert f"outbox-{row_id}" in queue.failed_job_registry.get_job_ids()


def test_a_retry_that_succeeds_sends_once(app, outbox, redis_jobs, work, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)
    write_mail_with_a_change()
    db.session.commit()
    row_id = the_row().id
    work()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")  # the mail server is back
    queue = Queue(NAME, connection=redis_jobs)
    queue.scheduled_job_registry.remove(f"outbox-{row_id}")
    queue.enqueue_job(Job.fetch(f"outbox-{row_id}", connection=redis_jobs))
    outbox.clear()  # the failed attempt was captured before SMTP refused it
    work()
    assert len(outbox) == 1 and the_row().status == SENT and the_row().attempts == 2
