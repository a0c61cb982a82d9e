"""A guest pays by card: from the review page the browser is sent to the Checkout Session URL
Stripe returned (here a local stand-in for Stripe), and after Stripe's signed webhook the
return page and the order say it is paid."""
import json
import re

import requests
import sqlalchemy as sa
from playwright.sync_api import expect

from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.factories import make_cooperative, make_product
from tests.payments.conftest import fake_stripe  # noqa: F401 - the fixture: Stripe on a local server
from tests.payments.fake_stripe import make_event, signed


def test_guest_pays_by_card_on_stripes_page_and_sees_the_order_paid(app, live_server, page, fake_stripe):  # noqa: F811
    cooperative = make_cooperative(name="HTX Kẹo dừa Thanh Long", shipping_fee_vnd=30000, free_shipping_from_vnd=None)
    make_product(cooperative, slug="keo-dua-sau-rieng", name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy",
                 price_vnd=85000, stock=5)
    db.session.commit()

    page.goto(live_server + "/products/keo-dua-sau-rieng?lang=en")
    assert_accessible(page)
    page.get_by_role("button", name="Add to cart: Durian coconut candy").click()
    expect(page.locator(".flash-success")).to_contain_text("Added to your cart")
    assert_accessible(page)
    page.goto(live_server + "/checkout?lang=en")
    assert_accessible(page)
    page.fill("#name", "Nguyễn Thị Lan")
    page.fill("#phone", "0912 345 678")
    page.fill("#email", "lan@example.vn")
    page.select_option("#province_code", "86")
    expect(page.locator("#ward_code option[value='28903']")).to_have_count(1)
    page.select_option("#ward_code", "28903")
    page.fill("#street", "12 Đường Nguyễn Đình Chiểu")
    page.locator("#to-review").click()

    expect(page).to_have_url(re.compile(r"/checkout/review$"))
    expect(page.locator("#card-note")).to_contain_text("Stripe")
    assert_accessible(page)
    page.check("input[name=payment_method][value=card]")
    page.locator("#place-order").click()

    # On "Stripe": the session's URL, exactly as the fake Stripe returned it.
    expect(page.get_by_role("heading", name="Fake Stripe Checkout")).to_be_visible()
    session = fake_stripe.sessions["cs_test_1"]
    assert page.url == session["url"]
    order = db.session.scalars(sa.select(Order)).one()
    assert session["client_reference_id"] == order.number and session["amount_total"] == 115000

    # The buyer pays; Stripe sends the signed webhook, then the browser comes back.
    payload = json.dumps(make_event("checkout.session.completed", fake_stripe.pay("cs_test_1")))
    answer = requests.post(live_server + "/webhooks/stripe", data=payload, timeout=10,
                           headers={"Stripe-Signature": signed(payload), "Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.json()["outcome"] == "paid"
    page.goto(f"{live_server}/orders/{order.number}/paid?session_id=cs_test_1&lang=en")
    expect(page.locator("#payment-received")).to_have_text("Thank you! Your payment was received.")
    assert_accessible_in_vi_and_en(page)
    page.locator("#order-link").click()
    expect(page.locator(".order-meta .order-status")).to_have_text("Paid")
    expect(page.locator(".payment-paid")).to_contain_text("₫115,000")
    assert_accessible_in_vi_and_en(page)
