"""A guest pays by VietQR bank transfer: the order's page shows the QR we drew from payOS's
payload (here a local stand-in for payOS), the details to copy, and — once payOS's signed
webhook reports the transfer — turns to "paid" by itself, without a reload."""
import re

import requests
import sqlalchemy as sa
from playwright.sync_api import expect

from marketplace.extensions import db
from marketplace.orders.models import Order
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.factories import make_cooperative, make_product
from tests.payments import conftest as payments_fixtures
from tests.payments.fake_payos import ACCOUNT_NUMBER

fake_payos = payments_fixtures.fake_payos  # the fixture: payOS on a local server


def test_guest_pays_by_vietqr_and_sees_the_order_paid_without_reloading(app, live_server, page, fake_payos):
    cooperative = make_cooperative(name="HTX Kẹo dừa Thanh Long", shipping_fee_vnd=30000, free_shipping_from_vnd=None)
    make_product(cooperative, slug="keo-dua-sau-rieng", name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy",
                 price_vnd=85000, stock=5)
    db.session.commit()
    page.set_viewport_size({"width": 360, "height": 800})  # a phone
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)

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
    expect(page.locator("#transfer-note")).to_contain_text("VietQR")
    assert_accessible(page)
    page.get_by_label("Bank transfer (VietQR)").check()
    page.locator("#place-order").click()

    # Our own page: the QR drawn from payOS's payload, and the details with a copy button each.
    expect(page).to_have_url(re.compile(r"/orders/[^/]+/transfer$"))
    order = db.session.scalars(sa.select(Order)).one()
    expect(page.locator("#transfer-status")).to_have_text("Waiting for your transfer…")
    expect(page.locator(".vietqr svg")).to_be_visible()
    expect(page.locator("#value-amount")).to_have_text("₫115,000")
    expect(page.locator("#value-account")).to_have_text(ACCOUNT_NUMBER)
    expect(page.locator("#value-memo")).to_have_text(order.number.replace("-", ""))
    assert_accessible(page)
    page.locator("#copy-account").click()
    expect(page.locator("#copy-feedback")).to_have_text("Copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == ACCOUNT_NUMBER
    assert_accessible(page)

    # The buyer's bank pays; payOS sends its signed webhook; the page turns to "paid" by itself.
    link = next(iter(fake_payos.links))
    answer = requests.post(live_server + "/webhooks/payos", json=fake_payos.transfer(link), timeout=10)
    assert answer.status_code == 200 and answer.json()["outcome"] == "paid"
    loads = []
    page.on("load", lambda loaded: loads.append(loaded.url))
    expect(page.locator("#transfer-status")).to_have_text("Thank you! Your transfer was received: the order is paid.",
                                                          timeout=15000)
    assert loads == []  # no reload: the page asked our status endpoint
    expect(page.locator(".vietqr")).to_be_hidden()
    assert_accessible(page)

    page.locator("#order-link").click()
    expect(page.locator(".order-meta .order-status")).to_have_text("Paid")
    expect(page.locator(".payment-paid")).to_contain_text("₫115,000")
    assert_accessible_in_vi_and_en(page)
