"""A guest books a homestay for a date and sees no shipping fee; the cooperative confirms the
booking; the buyer sees it confirmed, with its date."""
import re

from playwright.sync_api import expect

from marketplace.bookings.models import BookableService, BookingKind
from marketplace.extensions import db
from tests.bookings.conftest import in_days
from tests.e2e.accessibility import assert_accessible, assert_accessible_in_vi_and_en
from tests.e2e.helpers import sign_in
from tests.factories import make_cooperative, make_cooperative_staff, make_product


def test_a_guest_books_a_homestay_and_the_cooperative_confirms_it(app, live_server, page, browser):
    coop = make_cooperative(name="HTX Du lịch Thới Thuận", shipping_fee_vnd=30000, free_shipping_from_vnd=None)
    homestay = make_product(coop, category_code="6.1", name_vi="Homestay vườn dừa", name_en="Coconut homestay",
                            unit="phòng/đêm", price_vnd=450000, stock=0)
    db.session.add(BookableService(product=homestay, kind=BookingKind.STAY, daily_capacity=3))
    make_cooperative_staff(coop, email="staff@thoi-thuan.vn", language="en")
    db.session.commit()
    arrival = in_days(14)
    shown = arrival.strftime("%d/%m/%Y")

    page.goto(f"{live_server}/products/{homestay.slug}?lang=vi")
    assert_accessible_in_vi_and_en(page)
    page.fill("#booking-date", arrival.isoformat())
    page.fill("#booking-nights", "2")
    page.fill("#booking-places", "1")
    page.locator("#book-button").click()
    page.goto(live_server + "/cart")
    expect(page.locator(".booking-line")).to_contain_text(f"{shown} · 1 phòng · 2 đêm")
    expect(page.locator(".shipping-fee")).not_to_contain_text("30.000")
    expect(page.locator("#cart-total")).to_contain_text("900.000")
    assert_accessible(page)
    page.locator("#checkout-link").click()
    expect(page.locator("#street")).to_have_count(0)  # nothing to deliver: no address
    assert_accessible(page)
    page.fill("#name", "Nguyễn Thị Lan")
    page.fill("#phone", "0912 345 678")
    page.fill("#email", "lan@example.vn")
    page.locator("#to-review").click()
    expect(page.locator("#order-total")).to_contain_text("900.000")
    assert_accessible(page)
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/orders/OCOP-\d{4}-\d+$"))
    order_url = page.url
    number = order_url.rsplit("/", 1)[1]
    expect(page.locator(".booking-line")).to_contain_text(shown)
    assert_accessible(page)

    staff = browser.new_context(locale="en-US").new_page()
    sign_in(staff, live_server, "staff@thoi-thuan.vn")
    staff.goto(live_server + "/portal/orders?lang=en")
    staff.get_by_role("link", name=number).click()
    expect(staff.locator(".booking-line")).to_contain_text("1 room · 2 nights")
    assert_accessible(staff)
    staff.locator("#confirm-shipment").click()
    expect(staff.locator("#deliver-shipment")).to_be_visible()
    staff.context.close()

    page.goto(order_url)
    expect(page.locator(".shipment-status")).to_contain_text("Đã xác nhận đặt chỗ")
    expect(page.locator(".booking-line")).to_contain_text(shown)
