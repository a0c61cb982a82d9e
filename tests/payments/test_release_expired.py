"""`flask --app wsgi payments release-expired`: unpaid card orders past their session's expiry
are cancelled and their stock comes back once; Stripe is asked first, so an order paid without
our hearing is recorded as paid instead; when Stripe cannot be asked, the order waits."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.extensions import db
from marketplace.orders.models import Order, Status
from marketplace.payments import card
from marketplace.payments.gateway import PaymentError
from marketplace.payments.models import Payment, PaymentStatus
from tests.payments.conftest import place_card_order, reload, start, stock


def age(order, minutes=60):
    """As if the order was placed, and its session opened, `minutes` ago."""
    past = clock.utcnow() - timedelta(minutes=minutes)
    db.session.execute(sa.update(Order).where(Order.id == order.id).values(placed_at=past))
    db.session.execute(sa.update(Payment).where(Payment.order_id == order.id)
                       .values(created_at=past, expires_at=past + timedelta(minutes=31)))
    db.session.commit()


def release(runner):
    result = runner.invoke(args=["payments", "release-expired"])
    assert result.exit_code == 0, result.output
    return result.output


def test_an_unpaid_order_past_its_expiry_is_cancelled_once_and_its_session_closed(runner, fake_stripe, shop, outbox):
    order = place_card_order((shop["candy"], 3))
    start(order)
    age(order)
    output = release(runner)
    assert "Cancelled 1 unpaid order(s)" in output and order.number in output
    assert reload(order).status == Status.CANCELLED and stock(shop["candy"]) == 10
    assert fake_stripe.sessions["cs_test_1"]["status"] == "expired"  # nobody can pay it any more
    assert db.session.scalars(sa.select(Payment.status)).one() == PaymentStatus.EXPIRED
    assert [m["Subject"] for m in outbox] == [f"Order {order.number} was cancelled"]
    assert "Cancelled 0 unpaid order(s)" in release(runner) and stock(shop["candy"]) == 10


def test_orders_still_within_their_time_are_left_alone(runner, fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    start(order)
    age(order, minutes=20)
    assert "Cancelled 0" in release(runner)
    retried = place_card_order((shop["candy"], 1))
    start(retried)
    age(retried, minutes=90)
    db.session.execute(sa.update(Payment).where(Payment.order_id == retried.id)
                       .values(expires_at=clock.utcnow() + timedelta(minutes=10)))  # a recent retry
    db.session.commit()
    assert "Cancelled 0" in release(runner)
    assert reload(order).status == reload(retried).status == Status.AWAITING_PAYMENT


def test_an_order_paid_at_stripe_whose_webhook_was_lost_is_recorded_as_paid(runner, fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    start(order)
    fake_stripe.pay("cs_test_1")
    age(order)
    assert "recorded 1 paid one(s)" in release(runner)
    assert reload(order).status == Status.PAID and stock(shop["candy"]) == 9


def test_when_stripe_cannot_be_asked_the_order_waits_for_the_next_run(runner, fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    start(order)
    age(order)
    fake_stripe.fail = "timeout"
    assert "skipped 1" in release(runner)
    assert reload(order).status == Status.AWAITING_PAYMENT and stock(shop["candy"]) == 9
    fake_stripe.fail = None
    assert "Cancelled 1" in release(runner)


def test_an_order_whose_every_attempt_failed_is_cancelled_without_asking_stripe(runner, fake_stripe, shop):
    order = place_card_order((shop["candy"], 2))
    fake_stripe.fail = "refuse"
    with pytest.raises(PaymentError):
        start(order)
    fake_stripe.fail = None
    age(order)
    asked = len(fake_stripe.requests)
    assert "Cancelled 1" in release(runner)
    assert len(fake_stripe.requests) == asked and stock(shop["candy"]) == 10


def test_the_service_reports_what_it_did(fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    start(order)
    age(order)
    assert card.release_expired() == {"cancelled": [order.number], "paid": [], "skipped": []}


def test_an_order_whose_delayed_payment_is_under_way_is_left_to_its_event(runner, fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    start(order)
    fake_stripe.sessions["cs_test_1"].update(status="complete", payment_status="unpaid")
    age(order)
    assert "Cancelled 0" in release(runner)
    assert reload(order).status == Status.AWAITING_PAYMENT and stock(shop["candy"]) == 9


def test_one_order_that_fails_stops_no_other_and_is_reported(runner, fake_stripe, shop, monkeypatch):
    broken, fine = place_card_order((shop["candy"], 1)), place_card_order((shop["candy"], 2))
    for order in (broken, fine):
        start(order)
        age(order)
    real_payments_of = card.payments_of

    def payments_or_fail(order_id):
        if order_id == broken.id:
            raise RuntimeError("a row nobody expected")
        return real_payments_of(order_id)

    monkeypatch.setattr(card, "payments_of", payments_or_fail)
    result = runner.invoke(args=["payments", "release-expired"])
    assert result.exit_code == 1
    assert "Cancelled 1 unpaid order(s)" in result.output and f"Failed: 1 (order {broken.number})" in result.output
    assert reload(fine).status == Status.CANCELLED and reload(broken).status == Status.AWAITING_PAYMENT
