"""A distributor posts a request for coconut candy, a cooperative sees it recommended and
offers, the distributor accepts, and the partnership appears on /value-chain."""
import re
from datetime import timedelta

from playwright.sync_api import expect

from marketplace import clock
from marketplace.extensions import db
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.e2e.helpers import sign_in, sign_out
from tests.factories import (
    category,
    make_certificate,
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_product,
)


def test_a_request_becomes_a_public_partnership(app, live_server, page):
    cooperative = make_cooperative(name="HTX Kẹo dừa Thành Thới", slug="thanh-thoi")
    candy = make_product(cooperative, name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy",
                         weight_g=400, price_vnd=55000)
    make_certificate(candy, stars=5)
    make_cooperative_staff(cooperative, email="staff@thanh-thoi.example", language="en")
    company = make_distributor(name="Chuỗi Xanh Mart", slug="xanh-mart")
    make_distributor_staff(company, email="buyer@xanh-mart.example", language="en")
    food_candy = category("1.3").id
    db.session.commit()  # the live server reads with its own sessions
    deadline = (clock.today() + timedelta(days=14)).isoformat()

    # The distributor posts a request for coconut candy.
    sign_in(page, live_server, "buyer@xanh-mart.example")
    page.locator("#nav-sourcing").click()
    expect(page.locator("#post-request")).to_be_visible()
    assert_accessible_in_vi_and_en(page)
    page.locator("#post-request").click()
    expect(page).to_have_url(re.compile(r"/sourcing/new$"))
    assert_accessible_in_vi_and_en(page)
    page.fill("#title", "Kẹo dừa hộp 400 g cho Xanh Mart")
    page.select_option("#category_id", str(food_candy))
    page.fill("#quantity", "1.500")
    page.select_option("#unit", "kg")
    page.select_option("#frequency", "monthly")
    page.fill("#target_price_min", "120.000")
    page.fill("#target_price_max", "150.000")
    page.select_option("#min_stars", "4")
    page.locator("#certifications input[value='ocop']").check()
    page.select_option("#delivery_province_code", "79")
    page.fill("#deadline", deadline)
    page.locator("#publish-submit").click()
    expect(page).to_have_url(re.compile(r"/sourcing/\d+$"))
    expect(page.locator("h1")).to_have_text("Kẹo dừa hộp 400 g cho Xanh Mart")
    expect(page.locator("#matches li")).to_have_count(1)
    expect(page.locator("#matches")).to_contain_text("HTX Kẹo dừa Thành Thới")
    expect(page.locator("#matches")).to_contain_text("5★ valid to")
    assert_accessible_in_vi_and_en(page)
    sign_out(page)

    # The cooperative sees it recommended, with a notice, and offers.
    sign_in(page, live_server, "staff@thanh-thoi.example")
    expect(page.locator("#nav-notices .nav-badge")).to_have_text("1")
    page.locator("#account-menu summary").click()
    page.locator("#nav-cooperative").click()
    expect(page.locator("#link-recommended")).to_be_visible()
    assert_accessible_in_vi_and_en(page)
    page.locator("#link-recommended").click()
    expect(page).to_have_url(re.compile(r"/sourcing/recommended$"))
    assert_accessible_in_vi_and_en(page)
    card = page.locator("#recommended .request-card")
    expect(card).to_have_count(1)
    expect(card.locator(".match-reasons")).to_contain_text("5★ valid to")
    card.locator("h2 a").click()
    expect(page.locator("#make-offer")).to_be_visible()
    assert_accessible(page)
    page.locator("#make-offer").click()
    expect(page.locator("#offer-submit")).to_be_visible()
    assert_accessible_in_vi_and_en(page)
    page.locator("#product_ids input").first.check()
    page.fill("#unit_price", "135.000")
    page.fill("#quantity_per_period", "1.500")
    page.fill("#lead_time_days", "7")
    page.fill("#message", "Giao hằng tháng từ Mỏ Cày Nam.")
    page.locator("#show_if_accepted").check()
    page.locator("#offer-submit").click()
    expect(page).to_have_url(re.compile(r"/sourcing/offers/\d+$"))
    expect(page.locator("#offer-facts")).to_contain_text("Durian coconut candy")
    assert_accessible_in_vi_and_en(page)
    for supplier_page in ("/value-chain/supply", "/value-chain/company", "/value-chain/partnerships"):
        page.goto(live_server + supplier_page)
        assert_accessible_in_vi_and_en(page)
    sign_out(page)

    # The distributor compares the offers and accepts, agreeing to show the partnership.
    sign_in(page, live_server, "buyer@xanh-mart.example")
    page.locator("#account-menu summary").click()
    page.locator("#nav-company").click()
    expect(page.locator("#link-my-requests")).to_be_visible()
    assert_accessible_in_vi_and_en(page)
    page.locator("#link-my-requests").click()
    expect(page.locator("#my-requests")).to_be_visible()
    assert_accessible_in_vi_and_en(page)
    page.locator("#my-requests a", has_text="Kẹo dừa hộp 400 g cho Xanh Mart").click()
    expect(page.locator("#compare-offers")).to_be_visible()
    assert_accessible(page)
    page.locator("#compare-offers").click()
    expect(page.locator("#offers")).to_contain_text("HTX Kẹo dừa Thành Thới")
    assert_accessible_in_vi_and_en(page)
    expect(page.locator("#offers")).to_contain_text("The producer agrees to be shown.")
    page.locator("#offers input[name='shown']").check()
    page.locator("#offers button[id^='accept-']").click()
    expect(page.locator(".flash-success")).to_contain_text("Offer accepted")
    assert_accessible(page)

    # The partnership is on the public value chain, in the drawing and in its table.
    page.locator("#nav-value-chain").click()
    expect(page).to_have_url(re.compile(r"/value-chain$"))
    coconut = page.locator("#chain-coconut")
    expect(coconut.locator("svg.network-svg")).to_be_visible()
    expect(coconut.locator("svg .network-edge")).to_have_count(1)
    expect(coconut.locator(".network-table")).to_contain_text("HTX Kẹo dừa Thành Thới")
    expect(coconut.locator(".network-table")).to_contain_text("Chuỗi Xanh Mart")
    assert_accessible_in_vi_and_en(page)
    for public_page in ("/distributors", "/cooperatives"):
        page.goto(live_server + public_page)
        assert_accessible_in_vi_and_en(page)
    page.goto(live_server + "/value-chain")
    coconut.locator("svg a[href='/distributors/xanh-mart']").click()
    expect(page).to_have_url(re.compile(r"/distributors/xanh-mart$"))
    expect(page.locator("#company-partners")).to_contain_text("HTX Kẹo dừa Thành Thới")
    assert_accessible_in_vi_and_en(page)
