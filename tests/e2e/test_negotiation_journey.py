"""A distributor and a cooperative negotiate two rounds on an offer (offer → the buyer's
counter → the cooperative's counter → accepted), then a delivery of the purchase order is
shipped by the cooperative and received by the distributor."""
import re
from datetime import timedelta

from playwright.sync_api import expect

from marketplace import clock
from marketplace.extensions import db
from marketplace.valuechain import offers
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.e2e.helpers import sign_in, sign_out
from tests.factories import (
    make_certificate,
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_product,
)
from tests.valuechain.helpers import make_request


def test_two_rounds_of_negotiation_and_a_delivery_received(app, live_server, page):
    cooperative = make_cooperative(name="HTX Kẹo dừa Thành Thới", slug="thanh-thoi")
    candy = make_product(cooperative, name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy",
                         weight_g=400, price_vnd=55000)
    make_certificate(candy, stars=5)
    seller = make_cooperative_staff(cooperative, email="staff@thanh-thoi.example", language="en")
    company = make_distributor(name="Chuỗi Xanh Mart", slug="xanh-mart")
    make_distributor_staff(company, email="buyer@xanh-mart.example", language="en")
    request = make_request(company, title="Kẹo dừa hộp 400 g cho Xanh Mart", period_start=None, period_end=None)
    offer = offers.submit_offer(request, cooperative, seller, offers.OfferDetails(
        product_ids=[candy.id], unit_price=140000, quantity_per_period=1500, lead_time_days=0,
        valid_until=clock.today() + timedelta(days=30), min_order_quantity=300), clock.today())
    db.session.commit()  # the live server reads with its own sessions
    thread = f"{live_server}/sourcing/offers/{offer.id}"

    # Round 1: the buyer counters the offer with a lower price and a quantity break.
    sign_in(page, live_server, "buyer@xanh-mart.example")
    page.goto(thread)
    expect(page.locator("#offer-revision")).to_have_text("revision 1")
    assert_accessible_in_vi_and_en(page)
    page.fill("#unit_price", "125.000")
    page.fill("#tier1_quantity", "1.000")
    page.fill("#tier1_price", "120.000")
    page.select_option("#delivery_term", "warehouse")
    page.fill("#message", "Chúng tôi lấy đều mỗi tháng.")
    page.locator("#counter-submit").click()
    expect(page.locator(".flash-success")).to_contain_text("counter-offer is sent")
    expect(page.locator("#turn-note")).to_be_visible()
    expect(page.locator("#revision-2")).to_contain_text("125,000")
    assert_accessible(page)
    sign_out(page)

    # Round 2: the cooperative answers with its own terms.
    sign_in(page, live_server, "staff@thanh-thoi.example")
    page.goto(thread)
    expect(page.locator("#offer-revision")).to_have_text("revision 2")
    assert_accessible_in_vi_and_en(page)
    page.fill("#unit_price", "130.000")
    page.fill("#message", "Giá 130.000 ₫, từ 1 tấn còn 120.000 ₫.")
    page.locator("#counter-submit").click()
    expect(page.locator(".flash-success")).to_contain_text("counter-offer is sent")
    expect(page.locator("#revision-1")).to_contain_text("140,000")  # the first round, unchanged
    assert_accessible(page)
    sign_out(page)

    # The buyer accepts revision 3: a partnership and a purchase order.
    sign_in(page, live_server, "buyer@xanh-mart.example")
    page.goto(thread)
    expect(page.locator("#accept-terms")).to_have_text("Accept revision 3")
    assert_accessible(page)
    page.locator("#accept-terms").click()
    expect(page.locator(".flash-success")).to_contain_text("purchase order")
    assert_accessible(page)
    page.goto(live_server + "/value-chain/purchase-orders")
    expect(page.locator("#purchase-orders")).to_contain_text("0 of 12 deliveries received")
    assert_accessible_in_vi_and_en(page)
    sign_out(page)

    # The cooperative confirms the first delivery shipped, from its portal.
    sign_in(page, live_server, "staff@thanh-thoi.example")
    page.goto(live_server + "/value-chain/purchase-orders")
    assert_accessible_in_vi_and_en(page)
    page.locator("#purchase-orders h2 a").first.click()
    expect(page).to_have_url(re.compile(r"/value-chain/purchase-orders/\d+$"))
    assert_accessible(page)
    page.locator("#ship-1").click()
    expect(page.locator(".flash-success")).to_contain_text("confirmed shipped")
    assert_accessible(page)
    sign_out(page)

    # The distributor receives it, with the quantity that arrived.
    sign_in(page, live_server, "buyer@xanh-mart.example")
    page.goto(live_server + "/value-chain/purchase-orders")
    assert_accessible(page)
    page.locator("#purchase-orders h2 a").first.click()
    assert_accessible_in_vi_and_en(page)
    page.fill("#delivery1-quantity_received", "1.500")
    page.locator("#receive-1").click()
    expect(page.locator(".flash-success")).to_contain_text("confirmed received")
    expect(page.locator("#delivery-1-received")).to_contain_text("on time and complete")
    assert_accessible(page)
