"""Stripe's webhook: signature on the raw body, events stored by id with their effect (replays
do nothing), out-of-order delivery, bad input answered 400 without changing anything, and the
return page recording the payment through the same path."""
import json
import logging
import time

import pytest
import sqlalchemy as sa

from marketplace.accounts.models import Role
from marketplace.extensions import db
from marketplace.notices.models import Notice
from marketplace.orders.models import Status
from marketplace.payments import refunds
from marketplace.payments.models import Payment, PaymentEvent, PaymentStatus
from tests.conftest import make_test_app
from tests.factories import make_cooperative_staff, make_user
from tests.payments.conftest import entries, place_card_order, reload, start, stock
from tests.payments.fake_stripe import make_event, post_event, signed


@pytest.fixture
def waiting(fake_stripe, shop):
    """A card order of 2 candies (170.000 ₫ + 30.000 ₫ shipping) with its open session."""
    order = place_card_order((shop["candy"], 2))
    start(order)
    db.session.commit()
    return order


def _completed(fake_stripe, session_id="cs_test_1", event_id=None):
    return make_event("checkout.session.completed", fake_stripe.pay(session_id), event_id)


def _events():
    return db.session.scalars(sa.select(PaymentEvent).order_by(PaymentEvent.id)).all()


def _buyer_mails(outbox, order):
    return [m for m in outbox if m["To"] == order.email and m["Subject"] == f"Your order {order.number}"]


def test_a_completed_session_pays_the_order_credits_the_cooperative_and_tells_everyone(
        client, fake_stripe, waiting, shop, outbox):
    staff = make_cooperative_staff(shop["coop_a"], email="staff@thanhlong.vn", language="en")
    db.session.commit()
    response = post_event(client, _completed(fake_stripe))
    assert response.status_code == 200 and response.get_json() == {"received": True, "outcome": "paid"}
    order = reload(waiting)
    assert order.status == Status.PAID and [s.status for s in order.shipments] == [Status.PLACED]
    payment = db.session.scalars(sa.select(Payment)).one()
    assert payment.status == PaymentStatus.PAID and payment.payment_intent_id == "pi_cs_test_1" and payment.paid_at
    # 170.000 goods − 5 % (8.500) + 30.000 shipping.
    assert entries(shop["coop_a"]) == [("sale_credit", 170000), ("commission_debit", -8500), ("shipping_credit", 30000)]
    assert len(_buyer_mails(outbox, order)) == 1
    assert "Your card payment was received" in _buyer_mails(outbox, order)[0].get_content()
    assert db.session.scalar(sa.select(sa.func.count(Notice.id)).where(Notice.user_id == staff.id)) == 1
    assert stock(shop["candy"]) == 8  # taken once, at placing


def test_the_same_event_three_times_has_one_effect(client, fake_stripe, waiting, shop, outbox):
    event = _completed(fake_stripe)
    outcomes = [post_event(client, event).get_json()["outcome"] for _ in range(3)]
    assert outcomes == ["paid", "duplicate", "duplicate"]
    assert len(entries()) == 3 and len(_buyer_mails(outbox, waiting)) == 1
    assert [(e.event_id, e.outcome) for e in _events()] == [(event["id"], "paid")]


def test_another_event_for_a_paid_session_changes_nothing(client, fake_stripe, waiting, outbox):
    post_event(client, _completed(fake_stripe))
    again = make_event("checkout.session.async_payment_succeeded", fake_stripe.sessions["cs_test_1"])
    assert post_event(client, again).get_json()["outcome"] == "already_paid"
    assert len(entries()) == 3 and len(_buyer_mails(outbox, waiting)) == 1


def test_an_unpaid_completion_waits_for_the_async_payment(client, fake_stripe, waiting):
    session = dict(fake_stripe.sessions["cs_test_1"], status="complete", payment_status="unpaid")
    assert post_event(client, make_event("checkout.session.completed", session)).get_json()["outcome"] == "not_paid_yet"
    assert reload(waiting).status == Status.AWAITING_PAYMENT
    paid = make_event("checkout.session.async_payment_succeeded", fake_stripe.pay("cs_test_1"))
    assert post_event(client, paid).get_json()["outcome"] == "paid"
    assert reload(waiting).status == Status.PAID


@pytest.mark.parametrize("event_type", ["checkout.session.expired", "checkout.session.async_payment_failed"])
def test_an_expired_or_failed_session_cancels_the_order_and_gives_the_stock_back_once(
        client, fake_stripe, waiting, shop, outbox, event_type):
    event = make_event(event_type, fake_stripe.expire("cs_test_1"))
    assert post_event(client, event).get_json()["outcome"] == "cancelled"
    assert post_event(client, event).get_json()["outcome"] == "duplicate"
    other = make_event(event_type, fake_stripe.sessions["cs_test_1"])  # a second event about the same session
    assert post_event(client, other).get_json()["outcome"] == "ignored"
    order = reload(waiting)
    assert order.status == Status.CANCELLED and stock(shop["candy"]) == 10
    assert db.session.scalars(sa.select(Payment.status)).one() in (PaymentStatus.EXPIRED, PaymentStatus.FAILED)
    mails = [m for m in outbox if m["Subject"] == f"Order {order.number} was cancelled"]
    assert len(mails) == 1 and "Nothing was charged" in mails[0].get_content()
    assert entries() == []


def test_expired_after_completed_does_nothing(client, fake_stripe, waiting, shop):
    post_event(client, _completed(fake_stripe))
    late = make_event("checkout.session.expired", dict(fake_stripe.sessions["cs_test_1"], status="expired"))
    assert post_event(client, late).get_json()["outcome"] == "ignored"
    assert reload(waiting).status == Status.PAID and stock(shop["candy"]) == 8
    assert db.session.scalars(sa.select(Payment.status)).one() == PaymentStatus.PAID


def test_a_payment_for_a_cancelled_order_is_recorded_and_flagged_for_refund_never_resurrected(
        client, fake_stripe, waiting, shop, outbox):
    admin = make_user(role=Role.ADMIN, email="admin@ocop.vn", language="en")
    db.session.commit()
    post_event(client, make_event("checkout.session.expired", dict(fake_stripe.sessions["cs_test_1"], status="expired")))
    assert stock(shop["candy"]) == 10
    response = post_event(client, _completed(fake_stripe))
    assert response.status_code == 200 and response.get_json()["outcome"] == "refund_due"
    order = reload(waiting)
    assert order.status == Status.CANCELLED and stock(shop["candy"]) == 10
    assert db.session.scalars(sa.select(Payment.status)).one() == PaymentStatus.PAID
    assert entries() == []  # nothing credited for goods that will not ship
    due, = refunds.refunds_due()
    assert due.order.id == order.id and due.due_back == 200000
    assert any(m["To"] == admin.email and "needs a refund" in m["Subject"] for m in outbox)


def test_an_old_attempt_expiring_does_not_cancel_the_order_paid_by_a_newer_one(client, fake_stripe, waiting, shop):
    db.session.execute(sa.update(Payment).values(status=PaymentStatus.FAILED))  # as if the buyer retried
    db.session.commit()
    start(waiting)  # attempt 2: cs_test_2
    old = make_event("checkout.session.expired", fake_stripe.expire("cs_test_1"))
    assert post_event(client, old).get_json()["outcome"] == "superseded"
    assert reload(waiting).status == Status.AWAITING_PAYMENT and stock(shop["candy"]) == 8
    assert post_event(client, _completed(fake_stripe, "cs_test_2")).get_json()["outcome"] == "paid"


def test_a_session_for_an_unknown_order_is_acknowledged_logged_and_changes_nothing(client, fake_stripe, waiting, caplog):
    session = {"id": "cs_someone_else", "object": "checkout.session", "client_reference_id": "OCOP-2026-999999",
               "payment_status": "paid", "amount_total": 200000, "currency": "vnd"}
    with caplog.at_level(logging.ERROR):
        response = post_event(client, make_event("checkout.session.completed", session))
    assert response.status_code == 200 and response.get_json()["outcome"] == "unknown_order"
    assert "cs_someone_else" in caplog.text
    assert reload(waiting).status == Status.AWAITING_PAYMENT and entries() == []


def test_a_paid_amount_that_does_not_match_is_not_taken_as_payment(client, fake_stripe, waiting):
    session = dict(fake_stripe.pay("cs_test_1"), amount_total=2000000)  # e.g. sent as if VND had cents
    assert post_event(client, make_event("checkout.session.completed", session)).get_json()["outcome"] == "amount_mismatch"
    assert reload(waiting).status == Status.AWAITING_PAYMENT


def test_unknown_event_types_are_acknowledged_logged_and_ignored(client, fake_stripe, waiting, caplog):
    with caplog.at_level(logging.INFO):
        response = post_event(client, make_event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200 and response.get_json()["outcome"] == "ignored"
    assert "customer.created" in caplog.text and _events() == []


# ---------------------------------------------------------------------------------------
# Bad input: 400, nothing changes


def _raw(client, body, signature):
    headers = {"Stripe-Signature": signature} if signature is not None else {}
    return client.post("/webhooks/stripe", data=body, content_type="application/json", headers=headers)


def _unchanged(order):
    assert reload(order).status == Status.AWAITING_PAYMENT and _events() == [] and entries() == []


def test_forged_missing_stale_tampered_and_malformed_events_are_refused(client, fake_stripe, waiting):
    payload = json.dumps(_completed(fake_stripe))
    cases = {
        "no signature": (payload, None),
        "empty signature": (payload, ""),
        "garbage header": (payload, "nonsense"),
        "another secret": (payload, signed(payload, "whsec_forged")),
        "stale timestamp": (payload, signed(payload, timestamp=int(time.time()) - 600)),
        "tampered body": (payload.replace("200000", "1"), signed(payload)),
        "not JSON": ("{not json", signed("{not json")),
        "not an event": ("[1, 2]", signed("[1, 2]")),
        "event without data": ('{"id": "evt_1", "type": "checkout.session.completed"}',
                               signed('{"id": "evt_1", "type": "checkout.session.completed"}')),
    }
    for name, (body, signature) in cases.items():
        response = _raw(client, body, signature)
        assert response.status_code == 400, name
    assert _raw(client, b"\xff\xfe", signed("x")).status_code == 400
    _unchanged(waiting)


def test_without_a_webhook_secret_every_event_is_refused(client, fake_stripe, waiting, app, monkeypatch):
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", "")
    payload = json.dumps(_completed(fake_stripe))
    assert _raw(client, payload, signed(payload, "")).status_code == 400
    _unchanged(waiting)


def test_the_webhook_needs_no_csrf_token_even_with_csrf_protection_on(fake_stripe, waiting, app):
    protected = make_test_app(WTF_CSRF_ENABLED=True, **{k: app.config[k] for k in (
        "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_BASE", "STRIPE_TIMEOUT_SECONDS")})
    with protected.test_request_context("/"):
        response = post_event(protected.test_client(), _completed(fake_stripe))
    assert response.status_code == 200 and response.get_json()["outcome"] == "paid"


# ---------------------------------------------------------------------------------------
# The return page


def test_the_success_page_records_the_payment_when_the_webhook_is_late(client, fake_stripe, shop, outbox):
    from tests.payments.test_checkout import _card_checkout

    _card_checkout(client, shop)
    order = reload_one()
    fake_stripe.pay("cs_test_1")
    html = client.get(f"/orders/{order.number}/paid?session_id=cs_test_1&lang=en").get_data(as_text=True)
    assert "Thank you! Your payment was received." in html
    assert reload(order).status == Status.PAID and len(entries()) == 3
    # The webhook arrives afterwards: nothing twice.
    late = make_event("checkout.session.completed", fake_stripe.sessions["cs_test_1"])
    assert post_event(client, late).get_json()["outcome"] == "already_paid"
    assert len(entries()) == 3 and len(_buyer_mails(outbox, order)) == 1


def test_the_success_page_with_stripe_unreachable_says_it_is_confirming(client, fake_stripe, shop):
    from tests.payments.test_checkout import _card_checkout

    _card_checkout(client, shop)
    order = reload_one()
    fake_stripe.pay("cs_test_1")
    fake_stripe.fail = "timeout"
    response = client.get(f"/orders/{order.number}/paid?session_id=cs_test_1&lang=en")
    assert response.status_code == 200 and "We are confirming your payment" in response.get_data(as_text=True)
    assert reload(order).status == Status.AWAITING_PAYMENT


def test_the_success_page_ignores_a_session_of_another_order(client, fake_stripe, shop):
    from tests.payments.test_checkout import _card_checkout

    other = place_card_order((shop["oil"], 1))
    start(other)  # cs_test_1, not this buyer's
    db.session.commit()
    _card_checkout(client, shop)  # cs_test_2
    mine = [o for o in [reload_one(number) for number in _numbers()] if o.id != other.id][0]
    fake_stripe.pay("cs_test_1")
    client.get(f"/orders/{mine.number}/paid?session_id=cs_test_1")
    assert reload(other).status == Status.AWAITING_PAYMENT and reload(mine).status == Status.AWAITING_PAYMENT


def _numbers():
    from marketplace.orders.models import Order

    return [o.number for o in db.session.scalars(sa.select(Order).order_by(Order.id))]


def reload_one(number=None):
    from marketplace.orders import fulfilment

    db.session.expire_all()
    return fulfilment.get_order(number or _numbers()[-1])
