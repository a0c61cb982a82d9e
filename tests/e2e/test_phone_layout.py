"""Every page of the journeys on a 390×844 phone: no page wider than the screen, the page's main
action on screen (or reached by scrolling, and not covered by a sticky bar), tap targets ≥ 44 px."""
import re

import pytest
from playwright.sync_api import expect

from marketplace.extensions import db
from tests.factories import PASSWORD, make_certificate, make_cooperative, make_cooperative_staff, make_distributor, make_product
from tests.orders.conftest import place
from tests.valuechain.helpers import make_request

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    yield context.new_page()
    context.close()


def assert_fits_the_screen(page):
    page_width, screen_width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert page_width <= screen_width, f"{page.url} is {page_width} px wide on a {screen_width} px screen"


def assert_on_screen(page, selector, scroll=False):
    """The element is visible inside the screen and nothing (a sticky bar, the menu) covers it."""
    action = page.locator(selector).first
    if scroll:
        action.scroll_into_view_if_needed()
    expect(action).to_be_visible()
    expect(action).to_be_in_viewport(ratio=1)
    uncovered = action.evaluate(
        """element => {
            const box = element.getBoundingClientRect();
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
            return element === hit || element.contains(hit);
        }"""
    )
    assert uncovered, f"{selector} is covered on {page.url}"


def small_tap_targets(page):
    """Visible controls under 44 px (a checkbox or radio counts its label, which toggles it too)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
              'header a, header button, header input:not([type=hidden]), header summary, '
            + 'main button, main .button, main select, main summary, main input:not([type=hidden])')]
          .filter(element => element.checkVisibility() && !element.closest('.visually-hidden'))
          .map(element => {
            const label = element.closest('label') || (element.labels && element.labels[0]);
            const target = ['checkbox', 'radio'].includes(element.type) && label ? label : element;
            const box = target.getBoundingClientRect();
            return [target.outerHTML.slice(0, 90), Math.round(box.width), Math.round(box.height)];
          })
          .filter(([, width, height]) => width < 44 || height < 44)"""
    )


def check(page, url, action, scroll=False):
    page.goto(url)
    assert_fits_the_screen(page)
    assert_on_screen(page, action, scroll=scroll)
    assert small_tap_targets(page) == []


@pytest.fixture
def two_cooperatives(app):
    thanh_thoi = make_cooperative(name="HTX Kẹo dừa Thành Thới (Mỏ Cày Nam, Bến Tre)", slug="thanh-thoi")
    my_long = make_cooperative(name="Cơ sở Bánh tráng Mỹ Lồng Út Thảo", slug="my-long", legacy_district="giong-trom")
    candy = make_product(thanh_thoi, slug="keo-dua-sau-rieng", name_vi="Kẹo dừa sầu riêng hộp quà Tết đặc biệt",
                         price_vnd=155000, stock=20)
    rice_paper = make_product(my_long, slug="banh-trang", name_vi="Bánh tráng Mỹ Lồng nước dừa", unit="xấp 10 cái",
                              price_vnd=35000, stock=20)
    for product in (candy, rice_paper):
        make_certificate(product, stars=4)
    db.session.commit()
    return candy, rice_paper


def sign_in(page, live_server, email):
    """The sign-in form (the phone's header keeps the account menu inside its closed menu)."""
    page.goto(live_server + "/sign-in")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.locator("#sign-in-submit").click()
    expect(page).not_to_have_url(re.compile(r"/sign-in"))


def fill_the_cart(page, live_server, *products):
    for product in products:
        page.goto(f"{live_server}/products/{product.slug}")
        page.locator("main form.add-to-cart button[type=submit]").first.click()
        expect(page.locator(".flash-success")).to_be_visible()


def test_home_products_and_a_product_fit_a_phone(live_server, phone, two_cooperatives):
    candy, _ = two_cooperatives
    check(phone, live_server + "/", "main .hero .button")
    # The header: one row with the menu button and the cart, the search below; the menu opens
    # over the page and its links are large enough to tap.
    expect(phone.locator("#nav-sourcing")).to_be_hidden()
    phone.locator("#site-menu > summary").click()
    expect(phone.locator("#nav-sourcing")).to_be_in_viewport()
    assert_fits_the_screen(phone)
    assert small_tap_targets(phone) == []

    # /products: the filters behind one button, the first product right under it.
    check(phone, live_server + "/products", ".product-card .add-to-cart-button")
    expect(phone.locator("form.filters")).to_be_hidden()
    phone.locator(".filters-panel > summary").click()
    expect(phone.locator("form.filters button[type=submit]")).to_be_visible()
    assert_fits_the_screen(phone)
    assert small_tap_targets(phone) == []
    phone.select_option("#f-sort", "price_asc")
    phone.locator("form.filters button[type=submit]").click()
    expect(phone).to_have_url(re.compile(r"sort=price_asc"))

    check(phone, f"{live_server}/products/{candy.slug}", "main form.add-to-cart button[type=submit]", scroll=True)


def test_the_cart_of_two_cooperatives_fits_a_phone_down_to_360_px(live_server, phone, two_cooperatives):
    fill_the_cart(phone, live_server, *two_cooperatives)
    check(phone, live_server + "/cart", "#checkout-link")  # on screen at once: the bottom bar
    expect(phone.locator(".cart-group")).to_have_count(2)
    expect(phone.locator("#cart-total")).to_be_in_viewport()
    # Each line's total and its remove button are on screen too, not cut off at the right.
    for selector in (".cart-line-total", ".cart-line-remove button", ".quantity-form button"):
        assert_on_screen(phone, selector, scroll=True)

    phone.set_viewport_size({"width": 360, "height": 740})
    phone.reload()
    assert_fits_the_screen(phone)
    assert_on_screen(phone, "#checkout-link")
    assert small_tap_targets(phone) == []


def test_checkout_and_the_order_fit_a_phone(live_server, phone, two_cooperatives):
    fill_the_cart(phone, live_server, *two_cooperatives)
    check(phone, live_server + "/checkout", "#to-review", scroll=True)
    phone.fill("#name", "Nguyễn Thị Lan")
    phone.fill("#phone", "0912 345 678")
    phone.fill("#email", "lan@example.vn")
    phone.select_option("#province_code", "86")
    expect(phone.locator("#ward_code option[value='28903']")).to_have_count(1)
    phone.select_option("#ward_code", "28903")
    phone.fill("#street", "12 Đường Nguyễn Đình Chiểu")
    phone.locator("#to-review").click()

    expect(phone).to_have_url(re.compile(r"/checkout/review$"))
    assert_fits_the_screen(phone)
    assert_on_screen(phone, "#place-order", scroll=True)
    assert small_tap_targets(phone) == []
    phone.locator("#place-order").click()

    expect(phone.locator("h1")).to_have_text(re.compile(r"OCOP-\d{4}-\d{6}"))
    assert_fits_the_screen(phone)
    assert_on_screen(phone, ".order-meta .order-status")
    assert_on_screen(phone, "#reorder", scroll=True)


def test_the_portal_and_a_sourcing_request_fit_a_phone(app, live_server, phone, two_cooperatives):
    candy, _ = two_cooperatives
    make_cooperative_staff(candy.cooperative, email="staff@thanh-thoi.example")
    rfq = make_request(make_distributor(), title="Kẹo dừa hộp 400 g cho chuỗi siêu thị miền Tây")
    with app.test_request_context("/"):
        order = place((candy, 2))
    db.session.commit()

    sign_in(phone, live_server, "staff@thanh-thoi.example")
    check(phone, live_server + "/portal/products", "main a[href$='/portal/products/new']")
    check(phone, live_server + "/portal/orders", f"main a:text-is('{order.number}')")
    check(phone, f"{live_server}/sourcing/{rfq.id}", "#make-offer", scroll=True)


def test_the_program_in_figures_fits_a_phone(live_server, phone, two_cooperatives):
    check(phone, live_server + "/program", "#stars svg.chart", scroll=True)
    phone.locator("#communes summary").click()
    assert_fits_the_screen(phone)
    assert small_tap_targets(phone) == []
