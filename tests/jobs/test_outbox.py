"""The outbox without Redis (the embedded default): the same rows, sent inline after the commit."""
from datetime import timedelta

from marketplace import mail
from marketplace.extensions import db
from marketplace.jobs import outbox as jobs_outbox
from marketplace.jobs.models import PENDING, SENT, OutboxMessage
from tests.factories import make_user


def rows():
    return db.session.query(OutboxMessage).order_by(OutboxMessage.id).all()


def test_a_mail_written_with_a_change_is_sent_after_its_commit_and_the_row_marked_sent(app, outbox):
    user = make_user(email="an@example.com")
    user.display_name = "An"
    mail.send_mail(user.email, "Hello", "Body")
    assert outbox == [] and [r.status for r in rows()] == [PENDING]  # not before the commit
    db.session.commit()
    assert [m["To"] for m in outbox] == ["an@example.com"]
    [row] = rows()
    assert row.status == SENT and row.attempts == 1 and row.sent_at is not None
    assert outbox[0]["Message-ID"].startswith(f"<outbox-{row.id}-")


def test_a_rollback_leaves_no_row_and_sends_nothing(app, outbox):
    user = make_user(email="an@example.com")
    db.session.commit()
    user.display_name = "Changed"
    mail.send_mail(user.email, "Your name changed", "Body")
    db.session.rollback()
    assert outbox == [] and rows() == []


def test_a_mail_with_no_change_to_ride_with_is_committed_and_sent_at_once(app, outbox):
    make_user(email="an@example.com")
    db.session.commit()
    mail.send_mail("an@example.com", "Your sign-in link", "Body")  # e.g. after the change's own commit
    assert len(outbox) == 1 and [r.status for r in rows()] == [SENT]


def test_an_unsendable_mail_stays_pending_and_a_manual_sweep_sends_it(app, outbox, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", 1)  # nothing listens: connection refused
    mail.send_mail("an@example.com", "Hello", "Body")
    [row] = rows()
    assert row.status == PENDING and "Error" in row.last_error and row.attempts == 1
    monkeypatch.setitem(app.config, "MAIL_SERVER", "")
    outbox.clear()
    later = row.created_at.replace(year=row.created_at.year + 1)
    assert jobs_outbox.sweep(now=later) == [row.id]
    assert len(outbox) == 1
    db.session.expire_all()
    assert rows()[0].status == SENT


def test_the_worker_and_scheduler_need_redis_and_status_counts_the_rows(app, runner, outbox):
    for command in ("worker", "scheduler"):
        result = runner.invoke(args=["jobs", command])
        assert result.exit_code == 1 and "Set REDIS_URL" in result.output
    mail.send_mail("an@example.com", "Hello", "Body")
    result = runner.invoke(args=["jobs", "status"])
    assert result.exit_code == 0
    assert "Outbox: sent 1" in result.output and "mail is sent inline" in result.output


def test_sent_rows_are_forgotten_after_a_month_and_unsent_ones_never(app, outbox):
    mail.send_mail("an@example.com", "Sent", "Body")
    [sent] = rows()
    db.session.add(OutboxMessage(kind="mail", payload={}, status=PENDING))
    db.session.commit()
    assert jobs_outbox.purge_sent(now=sent.sent_at + timedelta(days=29)) == 0
    assert jobs_outbox.purge_sent(now=sent.sent_at + timedelta(days=31)) == 1
    assert [r.status for r in rows()] == [PENDING]
