"""Refunds: an admin refunds a whole order, one shipment or a payment the order did not need,
through Stripe for cards and by hand for cash on delivery; stock comes back as chosen and
exactly once; the ledger takes back exactly what was credited; the buyer is told. Refunds made
in Stripe's dashboard are recorded from `charge.refunded`."""
import pytest
import sqlalchemy as sa

from marketplace.accounts.models import Role
from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.orders.models import Status
from marketplace.payments import card, ledger, refunds
from marketplace.payments.models import Payment, PaymentStatus, Refund, RefundSource, RefundStatus
from tests.factories import make_user, sign_in_as
from tests.orders.conftest import place
from tests.payments.conftest import entries, place_card_order, reload, start, stock
from tests.payments.fake_stripe import make_event, post_event


@pytest.fixture
def admin(app):
    user = make_user(role=Role.ADMIN, email="admin@ocop.vn")
    db.session.commit()
    return user


@pytest.fixture
def admin_client(client, admin):
    return sign_in_as(client, admin)


def paid(fake_stripe, *pairs, user=None):
    """A card order paid through its first session."""
    order = place_card_order(*pairs, user=user)
    start(order)
    session_id = db.session.scalars(sa.select(Payment.session_id).where(Payment.order_id == order.id)).all()[-1]
    card.mark_paid(fake_stripe.pay(session_id))
    return reload(order)


def refund_page(client, order):
    return client.get(f"/admin/payments/{order.number}?lang=en").get_data(as_text=True)


def post_refund(client, order, scope, restock=True, reason="Out of stock after all"):
    data = {"scope": scope, "reason": reason}
    if restock:
        data["restock"] = "y"
    return client.post(f"/admin/payments/{order.number}/refund?lang=en", data=data)


def balance(cooperative):
    return ledger.balance(cooperative.id)


def test_refunding_a_whole_card_order_through_stripe(app, admin_client, fake_stripe, shop, outbox):
    buyer = make_user(email="buyer@example.vn", language="en")
    db.session.commit()
    order = paid(fake_stripe, (shop["candy"], 2), (shop["oil"], 1), user=buyer)
    assert balance(shop["coop_a"]) == 170000 - 8500 + 30000 and balance(shop["coop_b"]) == 120000 - 6000 + 25000
    assert 'value="order"' in refund_page(admin_client, order)

    response = post_refund(admin_client, order, "order")
    assert response.status_code == 302
    (_, _, form, key), = fake_stripe.calls("/v1/refunds")
    assert (form["payment_intent"], form["amount"], key) == ("pi_cs_test_1", "345000", f"{order.number}-refund-1")
    refund = db.session.scalars(sa.select(Refund)).one()
    assert (refund.status, refund.amount_vnd, refund.stripe_refund_id) == (RefundStatus.SUCCEEDED, 345000, "re_test_2")
    order = reload(order)
    assert order.status == Status.REFUNDED and {s.status for s in order.shipments} == {Status.CANCELLED}
    assert stock(shop["candy"]) == 10 and stock(shop["oil"]) == 10
    assert balance(shop["coop_a"]) == 0 and balance(shop["coop_b"]) == 0  # exactly what was credited, taken back
    mail, = [m for m in outbox if m["Subject"] == f"Refund for order {order.number}"]
    assert "₫345,000" in mail.get_content() and "back to the card" in mail.get_content()  # in the order's language
    buyer_page = sign_in_as(app.test_client(), buyer).get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert "Refunds" in buyer_page and "₫345,000" in buyer_page and "Out of stock after all" in buyer_page
    # Nothing is left: a second refund is refused and Stripe is not asked again.
    post_refund(admin_client, order, "order")
    assert len(fake_stripe.calls("/v1/refunds")) == 1
    assert "Nothing can be refunded" in refund_page(admin_client, order)


def test_refunding_one_shipment_cancels_it_and_leaves_the_rest(admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2), (shop["oil"], 1))
    oil_part = next(s for s in order.shipments if s.cooperative_id == shop["coop_b"].id)
    post_refund(admin_client, order, f"shipment:{oil_part.id}")
    (_, _, form, _), = fake_stripe.calls("/v1/refunds")
    assert form["amount"] == "145000"
    order = reload(order)
    assert order.status == Status.PAID
    assert {s.cooperative_id: s.status for s in order.shipments} == {
        shop["coop_a"].id: Status.PLACED, shop["coop_b"].id: Status.CANCELLED}
    assert balance(shop["coop_b"]) == 0 and balance(shop["coop_a"]) == 191500
    assert stock(shop["oil"]) == 10 and stock(shop["candy"]) == 8
    html = refund_page(admin_client, order)
    assert "The whole order: ₫200,000" in html and f"shipment:{oil_part.id}" not in html


def test_without_restocking_the_goods_stay_out_of_stock(admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2))
    post_refund(admin_client, order, "order", restock=False)
    assert reload(order).status == Status.REFUNDED and stock(shop["candy"]) == 8


def test_a_cash_on_delivery_refund_is_recorded_for_a_delivered_part_only_and_restocks_once(admin_client, shop, outbox):
    order = place((shop["candy"], 2), (shop["oil"], 1))
    candy_part = next(s for s in order.shipments if s.cooperative_id == shop["coop_a"].id)
    assert "Nothing can be refunded" in refund_page(admin_client, order)  # no money was collected yet
    for move in (fulfilment.confirm_shipment, lambda s, a: fulfilment.ship_shipment(s, a, "own"), fulfilment.deliver_shipment):
        move(candy_part, None)
    assert balance(shop["coop_a"]) == 191500 and balance(shop["coop_b"]) == 0  # credited on delivery

    post_refund(admin_client, order, "order", reason="Melted in the heat")
    refund = db.session.scalars(sa.select(Refund)).one()
    assert (refund.method, refund.status, refund.amount_vnd, refund.payment_id) == ("cod", RefundStatus.SUCCEEDED, 200000,
                                                                                     None)
    assert balance(shop["coop_a"]) == 0 and stock(shop["candy"]) == 10
    assert reload(order).status == Status.PLACED  # the oil has not been delivered: not refunded in full
    post_refund(admin_client, order, f"shipment:{candy_part.id}")  # again: nothing left, no second restock
    assert db.session.scalar(sa.select(sa.func.count(Refund.id))) == 1 and stock(shop["candy"]) == 10
    assert any("hands the money back" in m.get_content() for m in outbox)


def test_a_delivered_cash_order_refunded_in_full_ends_refunded(admin_client, shop):
    order = place((shop["candy"], 1))
    shipment = order.shipments[0]
    for move in (fulfilment.confirm_shipment, lambda s, a: fulfilment.ship_shipment(s, a, "own"), fulfilment.deliver_shipment):
        move(shipment, None)
    post_refund(admin_client, order, "order", restock=False)
    assert reload(order).status == Status.REFUNDED and stock(shop["candy"]) == 9


def test_a_refund_stripe_does_not_answer_stays_pending_and_a_retry_uses_the_same_key(admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2))
    fake_stripe.fail = "timeout"
    post_refund(admin_client, order, "order")
    refund = db.session.scalars(sa.select(Refund)).one()
    assert refund.status == RefundStatus.PENDING and refund.error
    assert reload(order).status == Status.PAID and balance(shop["coop_a"]) == 191500 and stock(shop["candy"]) == 8
    assert "Retry" in admin_client.get("/admin/payments?lang=en").get_data(as_text=True)
    post_refund(admin_client, order, "order")  # the pending refund already covers everything
    assert db.session.scalar(sa.select(sa.func.count(Refund.id))) == 1

    fake_stripe.fail = None
    admin_client.post(f"/admin/payments/refunds/{refund.id}/retry")
    keys = {key for _, _, _, key in fake_stripe.calls("/v1/refunds")}
    assert keys == {f"{order.number}-refund-1"}
    db.session.expire_all()
    assert db.session.get(Refund, refund.id).status == RefundStatus.SUCCEEDED
    assert reload(order).status == Status.REFUNDED and balance(shop["coop_a"]) == 0 and stock(shop["candy"]) == 10
    admin_client.post(f"/admin/payments/refunds/{refund.id}/retry")  # done: nothing more
    assert len(fake_stripe.calls("/v1/refunds")) == len([r for r in fake_stripe.requests if r[1] == "/v1/refunds"])
    assert len(fake_stripe.refunds) == 1


def test_a_refund_stripe_refuses_changes_nothing_and_can_be_made_again(admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2))
    fake_stripe.fail = "refuse"
    response = post_refund(admin_client, order, "order")
    assert response.status_code == 302
    assert db.session.scalars(sa.select(Refund.status)).one() == RefundStatus.FAILED
    assert reload(order).status == Status.PAID and balance(shop["coop_a"]) == 191500
    fake_stripe.fail = None
    post_refund(admin_client, order, "order")
    assert fake_stripe.calls("/v1/refunds")[-1][3] == f"{order.number}-refund-2"
    assert reload(order).status == Status.REFUNDED


def test_refunding_a_payment_for_a_cancelled_order_touches_neither_stock_nor_ledger(client, admin_client, fake_stripe,
                                                                                   shop):
    order = place_card_order((shop["candy"], 2))
    start(order)
    post_event(client, make_event("checkout.session.expired", fake_stripe.expire("cs_test_1")))
    card.mark_paid(fake_stripe.pay("cs_test_1"))  # paid at the last second
    assert stock(shop["candy"]) == 10 and [m.order.id for m in refunds.refunds_due()] == [order.id]
    assert order.number in admin_client.get("/admin/payments?lang=en").get_data(as_text=True)

    post_refund(admin_client, order, "order")
    (_, _, form, _), = fake_stripe.calls("/v1/refunds")
    assert form["amount"] == "200000"
    assert reload(order).status == Status.REFUNDED and stock(shop["candy"]) == 10 and entries() == []
    assert refunds.refunds_due() == []


def test_a_second_payment_of_the_same_order_is_refunded_on_its_own(admin_client, fake_stripe, shop):
    order = place_card_order((shop["candy"], 2))
    start(order)
    db.session.execute(sa.update(Payment).values(status=PaymentStatus.FAILED))  # as if lost, then retried
    db.session.commit()
    start(order)
    card.mark_paid(fake_stripe.pay("cs_test_2"))
    card.mark_paid(fake_stripe.pay("cs_test_1"))  # the first one was paid too, in another tab
    due, = refunds.refunds_due()
    assert due.due_back == 200000 and len(due.surplus) == 1
    surplus = due.surplus[0]
    post_refund(admin_client, order, f"payment:{surplus.id}", restock=False)
    (_, _, form, _), = fake_stripe.calls("/v1/refunds")
    assert (form["payment_intent"], form["amount"]) == (f"pi_{surplus.session_id}", "200000")
    assert reload(order).status == Status.PAID and balance(shop["coop_a"]) == 191500 and refunds.refunds_due() == []


def test_a_part_a_cooperative_cancelled_after_payment_is_due_back_and_restocked_once(admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2), (shop["oil"], 1))
    oil_part = next(s for s in order.shipments if s.cooperative_id == shop["coop_b"].id)
    fulfilment.cancel_shipment(oil_part, None, "Out of oil")
    assert stock(shop["oil"]) == 10
    due, = refunds.refunds_due()
    assert due.due_back == 145000
    post_refund(admin_client, order, f"shipment:{oil_part.id}")
    assert stock(shop["oil"]) == 10 and balance(shop["coop_b"]) == 0 and refunds.refunds_due() == []


def test_refunds_made_in_stripes_dashboard_are_recorded_and_spread_over_the_shipments(client, fake_stripe, shop, outbox):
    order = paid(fake_stripe, (shop["candy"], 2), (shop["oil"], 1))
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_cs_test_1", "amount": 345000,
              "amount_refunded": 50000}
    event = make_event("charge.refunded", charge)
    assert post_event(client, event).get_json()["outcome"] == "refund_recorded"
    assert post_event(client, event).get_json()["outcome"] == "duplicate"
    again = make_event("charge.refunded", charge)  # another event, same state
    assert post_event(client, again).get_json()["outcome"] == "already_recorded"
    refund = db.session.scalars(sa.select(Refund)).one()
    assert (refund.source, refund.amount_vnd) == (RefundSource.STRIPE, 50000)
    # 50.000 in proportion to 200.000 and 145.000, in whole đồng adding up exactly.
    assert sorted(p.amount_vnd for p in refund.parts) == [21014, 28986]
    assert balance(shop["coop_a"]) == 191500 - 28986 + 1232 and balance(shop["coop_b"]) == 139000 - 21014 + 870
    assert reload(order).status == Status.PAID and stock(shop["candy"]) == 8  # the dashboard moves nothing here
    assert any(m["Subject"] == f"Refund for order {order.number}" for m in outbox)


def test_the_webhook_of_our_own_refund_records_nothing_twice(client, admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2))
    post_refund(admin_client, order, "order")
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_cs_test_1", "amount_refunded": 200000}
    assert post_event(client, make_event("charge.refunded", charge)).get_json()["outcome"] == "already_recorded"
    assert db.session.scalar(sa.select(sa.func.count(Refund.id))) == 1 and balance(shop["coop_a"]) == 0


def test_a_refund_of_an_unknown_payment_is_acknowledged(client, fake_stripe):
    charge = {"id": "ch_x", "object": "charge", "payment_intent": "pi_unknown", "amount_refunded": 1000}
    assert post_event(client, make_event("charge.refunded", charge)).get_json()["outcome"] == "unknown_payment"


@pytest.mark.parametrize("data, message", [
    ({"scope": "order", "reason": ""}, "This field is required."),
    ({"scope": "shipment:999999", "reason": "x"}, "Choose what to refund."),
    ({"scope": "everything", "reason": "x"}, "Choose what to refund."),
    ({"scope": "payment:1", "reason": "x"}, "Nothing is left to refund here."),
])
def test_bad_refund_requests_are_refused_with_a_message(admin_client, fake_stripe, shop, data, message):
    order = paid(fake_stripe, (shop["candy"], 1))
    response = admin_client.post(f"/admin/payments/{order.number}/refund?lang=en", data=data, follow_redirects=True)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Refund.id))) == 0 and fake_stripe.calls("/v1/refunds") == []


def test_the_admin_pages_do_not_grow_in_queries_with_the_orders(admin_client, fake_stripe, shop, count_queries):
    def cancelled_after_payment():
        order = paid(fake_stripe, (shop["candy"], 1))
        fulfilment.cancel_shipment(order.shipments[0], None, "Gone")

    cancelled_after_payment()
    with count_queries() as few:
        admin_client.get("/admin/payments")
    for _ in range(3):
        cancelled_after_payment()
    with count_queries() as many:
        html = admin_client.get("/admin/payments?lang=en").get_data(as_text=True)
    assert html.count("/admin/payments/OCOP-") >= 8 and len(many) == len(few)
    assert admin_client.get("/admin/payments/OCOP-2026-999999").status_code == 404


def test_a_cooperative_may_cancel_its_only_part_of_a_paid_order_and_the_money_is_then_due_back(
        admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2))
    fulfilment.cancel_shipment(order.shipments[0], None, "Burnt batch")
    assert reload(order).status == Status.CANCELLED and stock(shop["candy"]) == 10
    due, = refunds.refunds_due()
    assert due.due_back == 200000 and balance(shop["coop_a"]) == 191500  # owed until the refund
    post_refund(admin_client, order, "order")
    assert reload(order).status == Status.REFUNDED and stock(shop["candy"]) == 10 and balance(shop["coop_a"]) == 0
