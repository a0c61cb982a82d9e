"""A guest searches "keo dua", buys from two cooperatives with cash on delivery and sees the
order; each cooperative confirms and ships its part; the guest then sees "Shipped"."""
import re

from playwright.sync_api import expect

from marketplace.extensions import db
from marketplace.search import service as search
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.factories import PASSWORD, make_certificate, make_cooperative, make_cooperative_staff, make_product


def test_guest_buys_from_two_cooperatives_and_sees_the_order_shipped(app, live_server, page, browser):
    thanh_long = make_cooperative(name="HTX Kẹo dừa Thanh Long", slug="thanh-long")
    cho_lach = make_cooperative(name="Cơ sở Kẹo dừa Chợ Lách", slug="cho-lach", legacy_district="cho-lach")
    durian = make_product(thanh_long, slug="keo-dua-sau-rieng", name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy",
                          price_vnd=60000, stock=20)
    pandan = make_product(cho_lach, slug="keo-dua-la-dua", name_vi="Kẹo dừa lá dứa", name_en="Pandan coconut candy",
                          price_vnd=55000, stock=20)
    for product in (durian, pandan):
        make_certificate(product, stars=4)
    staff = [make_cooperative_staff(coop, email=f"staff@{coop.slug}.vn", language="en") for coop in (thanh_long, cho_lach)]
    db.session.commit()
    search.reindex()  # the index holds what the database holds, before the browser searches

    # The guest searches from the header and adds one candy of each cooperative.
    page.goto(live_server + "/?lang=en")
    assert_accessible(page)
    page.fill("#header-q", "keo dua")
    page.locator("form.header-search button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"q=keo\+dua"))
    assert_accessible_in_vi_and_en(page)
    for name in ("Durian coconut candy", "Pandan coconut candy"):
        page.get_by_role("button", name=f"Add to cart: {name}").click()
        expect(page.locator(".flash-success")).to_contain_text(f"Added to your cart: {name}.")
        assert_accessible(page)
    expect(page.locator("#nav-cart .nav-badge")).to_have_text("2")

    page.locator("#nav-cart").click()
    expect(page.locator(".cart-group")).to_have_count(2)
    expect(page.locator("#cart-total")).to_have_text("₫175,000")  # 60.000 + 55.000 + 2 × 30.000 shipping
    assert_accessible_in_vi_and_en(page)
    page.locator("#checkout-link").click()

    # Delivery details: sent empty, every field says what is missing; choosing the province
    # loads its communes (checkout.js).
    expect(page).to_have_url(re.compile(r"/checkout$"))
    assert_accessible_in_vi_and_en(page)
    page.locator("#to-review").click()
    expect(page.locator("#name")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    page.fill("#name", "Nguyễn Thị Lan")
    page.fill("#phone", "+84 912 345 678")
    page.fill("#email", "lan@example.vn")
    expect(page.locator("#choose-province")).to_be_hidden()
    page.select_option("#province_code", "86")
    expect(page.locator("#ward_code option[value='28903']")).to_have_count(1)
    page.select_option("#ward_code", "28903")
    page.fill("#street", "12 Đường Nguyễn Đình Chiểu")
    page.locator("#to-review").click()

    expect(page).to_have_url(re.compile(r"/checkout/review$"))
    expect(page.locator("#review-address")).to_contain_text("0912345678")
    expect(page.locator("#review-address")).to_contain_text("Xã Mỏ Cày, Vĩnh Long")
    assert_accessible_in_vi_and_en(page)
    page.locator("#place-order").click()

    expect(page.locator("h1")).to_have_text(re.compile(r"^Order OCOP-\d{4}-\d{6}$"))
    number = page.locator("h1").inner_text().removeprefix("Order ")
    expect(page.locator(".order-meta .order-status")).to_have_text("Placed")
    expect(page.locator("section.shipment")).to_have_count(2)
    order_url = page.url
    assert_accessible_in_vi_and_en(page)

    # Each cooperative confirms and ships its part, in a browser of its own.
    for member, tracking in zip(staff, ("GHN0001", "GHN0002")):
        context = browser.new_context(locale="vi-VN")
        shop = context.new_page()
        shop.goto(live_server + "/sign-in?lang=en")
        assert_accessible(shop)
        shop.fill("#email", member.email)
        shop.fill("#password", PASSWORD)
        shop.locator("#sign-in-submit").click()
        shop.goto(live_server + "/portal/orders?lang=en")
        assert_accessible_in_vi_and_en(shop)
        shop.get_by_role("link", name=number).click()
        expect(shop.locator("#confirm-shipment")).to_be_visible()
        assert_accessible_in_vi_and_en(shop)
        shop.locator("#confirm-shipment").click()
        expect(shop.locator(".flash-success")).to_have_text("Order confirmed.")
        assert_accessible(shop)
        shop.select_option("#carrier", "ghn")
        shop.fill("#tracking_number", tracking)
        shop.locator("#ship-shipment").click()
        expect(shop.locator("h1 .order-status")).to_have_text("Shipped")
        assert_accessible(shop)
        context.close()

    page.goto(order_url)
    expect(page.locator(".order-meta .order-status")).to_have_text("Shipped")
    expect(page.locator(".tracking")).to_have_count(2)
    expect(page.locator(".tracking").first).to_contain_text("GHN")
    assert_accessible(page)
