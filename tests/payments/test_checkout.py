"""Paying by card at checkout: the exact Checkout Session asked of Stripe (VND in whole đồng),
idempotency keys per order and attempt, the offer only when Stripe is configured and the
amount is within its limits, and Stripe's refusals and timeouts leaving the order awaiting
payment with a retry button — never a 500 or a lost order."""
import re
import time
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.extensions import db
from marketplace.money import STRIPE_MAXIMUM_VND, STRIPE_MINIMUM_VND
from marketplace.orders.models import Order, Status
from marketplace.payments import card
from marketplace.payments.gateway import PaymentError
from marketplace.payments.models import Payment, PaymentStatus
from tests.factories import make_product
from tests.orders.test_checkout import fill_cart, review_form, submit_details
from tests.payments.conftest import place_card_order, reload, start, stock


def _payments(order):
    return db.session.scalars(sa.select(Payment).where(Payment.order_id == order.id).order_by(Payment.attempt)).all()


def test_the_session_asks_for_exact_vnd_amounts_one_line_per_order_line_plus_shipping(fake_stripe, shop, app):
    order = place_card_order((shop["candy"], 2), (shop["oil"], 1))
    before = int(time.time())
    url = start(order)

    (_, _, form, key), = fake_stripe.calls("/v1/checkout/sessions")
    assert url == fake_stripe.sessions["cs_test_1"]["url"]
    assert key == f"{order.number}-attempt-1"
    items = {}
    i = 0
    while f"line_items[{i}][quantity]" in form:
        assert form[f"line_items[{i}][price_data][currency]"] == "vnd"
        items[form[f"line_items[{i}][price_data][product_data][name]"]] = (
            int(form[f"line_items[{i}][price_data][unit_amount]"]), int(form[f"line_items[{i}][quantity]"]))
        i += 1
    # 85.000 ₫ is 85000 for a zero-decimal currency, never 8500000.
    assert items == {
        "Kẹo dừa sầu riêng (hộp 400 g)": (85000, 2),
        "Dầu dừa tinh khiết (hộp 400 g)": (120000, 1),
        "Shipping from HTX Kẹo dừa Thanh Long": (30000, 1),
        "Shipping from HTX Dầu dừa Mỏ Cày": (25000, 1),
    }
    assert sum(amount * quantity for amount, quantity in items.values()) == order.total_vnd == 345000
    assert form["mode"] == "payment"
    assert form["client_reference_id"] == order.number
    assert form["customer_email"] == "lan@example.vn"
    assert form["success_url"].endswith("?session_id={CHECKOUT_SESSION_ID}")
    assert form["cancel_url"].endswith("/payment-cancelled")
    minutes = app.config["STRIPE_SESSION_MINUTES"]
    assert before + minutes * 60 <= int(form["expires_at"]) <= int(time.time()) + (minutes + 1) * 60 + 1
    assert form["metadata[order_number]"] == order.number
    assert form["payment_intent_data[metadata][order_number]"] == order.number
    payment, = _payments(order)
    assert (payment.status, payment.session_id, payment.amount_vnd) == (PaymentStatus.OPEN, "cs_test_1", 345000)
    assert reload(order).status == Status.AWAITING_PAYMENT and stock(shop["candy"]) == 8  # held meanwhile


def test_free_shipping_adds_no_line_and_the_sum_still_matches(fake_stripe, shop):
    shop["coop_a"].free_shipping_from_vnd = 100000
    db.session.commit()
    order = place_card_order((shop["candy"], 2))
    start(order)
    (_, _, form, _), = fake_stripe.calls("/v1/checkout/sessions")
    assert "line_items[1][quantity]" not in form
    assert (form["line_items[0][price_data][unit_amount]"], form["line_items[0][quantity]"]) == ("85000", "2")
    assert order.total_vnd == 170000


def test_an_order_of_more_than_100_lines_is_sent_as_one_line_per_shipment(fake_stripe, shop):
    products = [make_product(shop["coop_a"], price_vnd=1000 + n, stock=5) for n in range(101)]
    db.session.commit()
    order = place_card_order(*[(p, 1) for p in products])
    start(order)
    (_, _, form, _), = fake_stripe.calls("/v1/checkout/sessions")
    assert form["line_items[0][price_data][unit_amount]"] == str(order.goods_total_vnd)
    assert form["line_items[1][price_data][unit_amount]"] == "30000"
    assert "line_items[2][quantity]" not in form


def test_starting_again_sends_the_buyer_to_the_same_open_session(fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    assert start(order) == start(order)
    assert len(fake_stripe.calls("/v1/checkout/sessions")) == 1


@pytest.mark.parametrize("trouble", ["refuse", "timeout"])
def test_stripe_refusing_or_not_answering_keeps_the_order_and_a_retry_makes_a_new_attempt(fake_stripe, shop, trouble):
    order = place_card_order((shop["candy"], 1))
    fake_stripe.fail = trouble
    started = time.monotonic()
    with pytest.raises(PaymentError) as raised:
        start(order)
    assert time.monotonic() - started < 5  # the buyer is not kept waiting for long
    assert raised.value.certain is (trouble == "refuse")
    assert reload(order).status == Status.AWAITING_PAYMENT and stock(shop["candy"]) == 9
    failed, = _payments(order)
    assert failed.status == PaymentStatus.FAILED and failed.error

    fake_stripe.fail = None
    url = start(order)
    failed, retried = _payments(order)
    assert retried.attempt == 2 and retried.status == PaymentStatus.OPEN and url == retried.checkout_url
    keys = [key for _, _, _, key in fake_stripe.calls("/v1/checkout/sessions")]
    assert keys[-1] == f"{order.number}-attempt-2" and f"{order.number}-attempt-1" in keys


def test_a_cash_order_or_a_paid_one_starts_nothing(fake_stripe, shop):
    from tests.orders.conftest import place

    assert start(place((shop["candy"], 1))) is None
    assert fake_stripe.requests == []


def test_the_limits_of_stripe_are_those_of_money(fake_stripe):
    assert card.card_refusal(STRIPE_MINIMUM_VND) is None
    assert card.card_refusal(STRIPE_MAXIMUM_VND) is None
    assert "cash on delivery" in card.card_refusal(STRIPE_MINIMUM_VND - 1)
    assert "cash on delivery" in card.card_refusal(STRIPE_MAXIMUM_VND + 1)


# ---------------------------------------------------------------------------------------
# Through the pages


def _card_checkout(client, shop, quantity=1):
    fill_cart(client, (shop["candy"], quantity))
    submit_details(client)
    html, token, lines = review_form(client)
    return html, client.post("/checkout/place", data={"token": token, "payment_method": "card", "line": lines})


def test_without_a_secret_key_only_cash_on_delivery_is_offered(client, shop):
    fill_cart(client, (shop["candy"], 1))
    submit_details(client)
    html, token, lines = review_form(client)
    assert 'value="card"' not in html and "card-note" not in html
    client.post("/checkout/place", data={"token": token, "payment_method": "card", "line": lines})
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0


def test_placing_a_card_order_sends_the_browser_to_stripe(client, fake_stripe, shop):
    html, response = _card_checkout(client, shop)
    assert 'value="card"' in html and "Card: you pay on Stripe" in html
    assert not re.search(r'<input[^>]*disabled[^>]*value="card"', html)  # offered, and can be chosen
    order = db.session.scalars(sa.select(Order)).one()
    assert response.status_code == 302 and response.headers["Location"] == f"/orders/{order.number}/pay"
    page = client.get(f"/orders/{order.number}/pay?lang=en")
    session_url = fake_stripe.sessions["cs_test_1"]["url"]
    assert page.status_code == 200 and page.headers["Refresh"] == f"0; url={session_url}"
    assert f'href="{session_url}"' in page.get_data(as_text=True)
    assert client.get("/cart?lang=en").get_data(as_text=True).count("Your cart is empty") == 1


def test_stripe_down_at_checkout_shows_the_order_with_a_retry_button_not_a_500(client, fake_stripe, shop):
    fake_stripe.fail = "timeout"
    _, response = _card_checkout(client, shop)
    order = db.session.scalars(sa.select(Order)).one()
    assert response.status_code == 302 and response.headers["Location"] == f"/orders/{order.number}"
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert "did not answer in time" in html and "nothing was charged" in html
    assert 'id="pay-by-card"' in html and "Awaiting payment" in html

    fake_stripe.fail = None
    retry = client.post(f"/orders/{order.number}/pay")
    assert retry.status_code == 302 and retry.headers["Location"] == f"/orders/{order.number}/pay"
    assert client.get(f"/orders/{order.number}/pay").headers["Refresh"].endswith(fake_stripe.sessions["cs_test_1"]["url"])


def test_a_card_order_below_stripes_minimum_is_refused_before_placing(client, fake_stripe, shop):
    shop["candy"].price_vnd = 5000
    shop["coop_a"].shipping_fee_vnd = 0
    db.session.commit()
    html, response = _card_checkout(client, shop)
    assert re.search(r'<input[^>]*disabled[^>]*value="card"', html)
    assert response.status_code == 302 and response.headers["Location"] == "/checkout/review"
    assert "choose cash on delivery" in client.get("/checkout/review?lang=en").get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0 and fake_stripe.requests == []


def test_the_pay_pages_are_the_buyers_only(client, app, fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    db.session.commit()
    stranger = app.test_client()
    assert stranger.post(f"/orders/{order.number}/pay").status_code == 404
    assert stranger.get(f"/orders/{order.number}/pay").status_code == 404
    assert stranger.get(f"/orders/{order.number}/paid").status_code == 404
    assert stranger.get("/orders/OCOP-2026-999999/payment-cancelled").status_code == 404


def test_the_cancel_page_offers_to_pay_and_the_pay_page_without_session_goes_back(client, fake_stripe, shop):
    _card_checkout(client, shop)
    order = db.session.scalars(sa.select(Order)).one()
    html = client.get(f"/orders/{order.number}/payment-cancelled?lang=en").get_data(as_text=True)
    assert "Your order is not paid yet" in html and 'id="pay-by-card"' in html
    db.session.execute(sa.update(Payment).values(status=PaymentStatus.EXPIRED))
    db.session.commit()
    assert client.get(f"/orders/{order.number}/pay").headers["Location"] == f"/orders/{order.number}"


def test_a_buyer_cancelling_an_unpaid_card_order_expires_its_session(client, fake_stripe, shop, outbox):
    _card_checkout(client, shop)
    order = db.session.scalars(sa.select(Order)).one()
    response = client.post(f"/orders/{order.number}/cancel", data={"reason": ""})
    assert response.status_code == 302
    assert fake_stripe.sessions["cs_test_1"]["status"] == "expired"
    assert reload(order).status == Status.CANCELLED and stock(shop["candy"]) == 10
    assert _payments(order)[0].status == PaymentStatus.EXPIRED
    assert outbox == []  # the cooperative never heard of the unpaid order: no "cancelled" notice


def test_expires_at_is_stored_naive_utc(fake_stripe, shop):
    order = place_card_order((shop["candy"], 1))
    start(order)
    payment, = _payments(order)
    sent = int(fake_stripe.calls("/v1/checkout/sessions")[0][2]["expires_at"])
    assert datetime.fromtimestamp(sent, UTC).replace(tzinfo=None) == payment.expires_at.replace(microsecond=0)
    assert payment.expires_at > clock.utcnow()
