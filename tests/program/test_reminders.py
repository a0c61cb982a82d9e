"""Expiry reminders 90, 30 and 7 days before, each once (the cron command is idempotent),
checked with a frozen clock."""
from datetime import date, timedelta

import sqlalchemy as sa

from marketplace.catalog.models import ProductStatus, ReviewStatus
from marketplace.catalog.rules import default_expiry
from marketplace.extensions import db
from marketplace.notices import services as notices
from marketplace.notices.models import Notice
from marketplace.program.services import remind_expiring, reminder_threshold
from tests.factories import make_certificate, make_cooperative_staff, make_product

ISSUED = date(2023, 9, 1)
EXPIRES = default_expiry(ISSUED)  # 2026-09-01


def _notices(user):
    return db.session.scalars(sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id)).all()


def test_threshold_is_the_nearest_reminder_due():
    assert [reminder_threshold(d) for d in (120, 91, 90, 31, 30, 8, 7, 1, 0)] == [None, None, 90, 90, 30, 30, 7, 7, 7]


def test_reminders_at_90_30_and_7_days_each_once(app, cooperative, product, staff, outbox, frozen_today):
    other_staff = make_cooperative_staff(cooperative, is_owner=False)
    certificate = make_certificate(product, stars=4, issued_on=ISSUED)
    db.session.commit()
    days = {}
    for day_offset in range(100, -3, -1):  # every day from 100 days before to 2 days after expiry
        today = frozen_today(EXPIRES - timedelta(days=day_offset))
        sent = remind_expiring()
        if sent:
            days[day_offset] = len(sent)
    assert days == {90: 2, 30: 2, 7: 2}  # two staff members, three reminders each, nothing after expiry
    assert today > EXPIRES
    notices = _notices(staff)
    assert [n.dedupe_key for n in notices] == [f"certificate-expiry:{certificate.id}:{t}" for t in (90, 30, 7)]
    assert [n.params["days"] for n in notices] == [90, 30, 7]
    assert notices[0].link == f"/portal/certificates/new?product={product.id}"
    assert len(_notices(other_staff)) == 3
    mails = [m for m in outbox if m["To"] == staff.email]
    assert [m["Subject"] for m in mails] == [
        f"The OCOP certificate of Kẹo dừa sáp expires in {d} days" for d in (90, 30, 7)]


def test_a_missed_run_sends_the_nearest_reminder_only_and_reruns_send_nothing(app, product, staff, frozen_today):
    make_certificate(product, stars=3, issued_on=ISSUED)
    db.session.commit()
    frozen_today(EXPIRES - timedelta(days=20))  # cron did not run at 90 or 30 days
    assert len(remind_expiring()) == 1
    assert remind_expiring() == [] and remind_expiring() == []
    (notice,) = _notices(staff)
    assert notice.dedupe_key.endswith(":30") and notice.params["days"] == 20


def test_no_reminders_for_potential_pending_superseded_archived_or_renewed(app, cooperative, staff, frozen_today):
    frozen_today(EXPIRES - timedelta(days=10))
    make_certificate(make_product(cooperative), stars=2, issued_on=ISSUED)  # potential: no badge to lose
    make_certificate(make_product(cooperative), stars=4, issued_on=ISSUED, review_status=ReviewStatus.PENDING)
    make_certificate(make_product(cooperative), stars=4, issued_on=ISSUED, review_status=ReviewStatus.SUPERSEDED)
    make_certificate(make_product(cooperative, status=ProductStatus.ARCHIVED), stars=4, issued_on=ISSUED)
    renewed = make_product(cooperative)
    make_certificate(renewed, stars=4, issued_on=ISSUED)
    make_certificate(renewed, stars=4, issued_on=date(2026, 8, 1), review_status=ReviewStatus.PENDING)
    db.session.commit()
    assert remind_expiring() == []


def test_the_cron_command_is_idempotent(app, runner, product, staff, frozen_today):
    make_certificate(product, stars=5, issued_on=ISSUED)
    db.session.commit()
    frozen_today(EXPIRES - timedelta(days=7))
    first = runner.invoke(args=["certificates", "remind"])
    second = runner.invoke(args=["certificates", "remind"])
    assert first.exit_code == 0 and "Reminders sent: 1." in first.output
    assert "Reminders sent: 0." in second.output
    assert len(_notices(staff)) == 1


def test_a_line_break_in_a_product_name_stops_no_reminder(app, runner, cooperative, product, staff, outbox, frozen_today):
    make_certificate(make_product(cooperative, name_vi="Kẹo\r\nBcc: x@evil.example"), stars=4, issued_on=ISSUED)
    make_certificate(product, stars=4, issued_on=ISSUED)
    db.session.commit()
    frozen_today(EXPIRES - timedelta(days=7))
    result = runner.invoke(args=["certificates", "remind"])
    assert result.exit_code == 0 and "Reminders sent: 2." in result.output
    assert sorted(m["Subject"] for m in outbox) == [
        "The OCOP certificate of Kẹo Bcc: x@evil.example expires in 7 days",
        "The OCOP certificate of Kẹo dừa sáp expires in 7 days"]


def test_one_failing_reminder_is_reported_after_the_others_are_sent(app, runner, cooperative, product, staff, outbox,
                                                                    frozen_today, monkeypatch):
    broken = make_certificate(make_product(cooperative, name_vi="Bánh phồng"), stars=4, issued_on=ISSUED)
    make_certificate(product, stars=4, issued_on=ISSUED)
    db.session.commit()
    frozen_today(EXPIRES - timedelta(days=7))
    real_send = notices.send_mail

    def send_or_fail(to, subject, body):
        if "Bánh phồng" in subject:
            raise OSError("the mail server hung up")
        return real_send(to, subject, body)

    monkeypatch.setattr(notices, "send_mail", send_or_fail)
    result = runner.invoke(args=["certificates", "remind"])
    assert result.exit_code == 1
    assert "Reminders sent: 1." in result.output and f"Failed: 1 (certificate {broken.id})" in result.output
    assert [m["Subject"] for m in outbox] == ["The OCOP certificate of Kẹo dừa sáp expires in 7 days"]
    assert [n.params["product"] for n in _notices(staff)] == ["Kẹo dừa sáp"]  # the failed one waits for the next run
