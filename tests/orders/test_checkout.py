"""Checkout through the pages: details (dependent province → ward without JavaScript), review,
place; bad input re-rendered with messages; double submits; tampered forms; no order on
any refusal."""
import re

import pytest
import sqlalchemy as sa

from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.orders.models import Order, Status
from tests.factories import make_user, sign_in_as
from tests.orders.conftest import HA_NOI, MO_CAY, VINH_LONG

DETAILS = {
    "name": "Trần Văn Minh",
    "phone": "+84 987 654 321",
    "email": "minh@example.vn",
    "province_code": str(VINH_LONG),
    "ward_code": str(MO_CAY),
    "street": "45 Ấp Phú Hữu",
    "note": "Gọi trước khi giao",
}


def fill_cart(client, *pairs):
    for product, quantity in pairs:
        client.post("/cart/add", data={"product_id": product.id, "quantity": str(quantity)})


def submit_details(client, **changes):
    return client.post("/checkout?lang=en", data={**DETAILS, **changes})


def review_form(client):
    html = client.get("/checkout/review?lang=en").get_data(as_text=True)
    token = re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1)
    lines = re.findall(r'name="line" value="([^"]+)"', html)
    return html, token, lines


def check_out(client, details=None, lines=None):
    """Details → review → place; returns the response of placing."""
    submit_details(client, **(details or {}))
    _, token, shown = review_form(client)
    return client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines or shown})


def orders():
    return db.session.scalars(sa.select(Order)).all()


def test_guest_checks_out_and_sees_the_confirmation(client, two_cooperatives, outbox):
    _, product_a, _, product_b = two_cooperatives
    fill_cart(client, (product_a, 2), (product_b, 1))
    response = submit_details(client)
    assert response.status_code == 302 and response.headers["Location"] == "/checkout/review"
    html, token, lines = review_form(client)
    assert "Trần Văn Minh · 0987654321" in html and "45 Ấp Phú Hữu, Xã Mỏ Cày, Vĩnh Long" in html
    assert "Place order" in html and "Cash on delivery" in html and "₫345,000" in html
    assert sorted(lines) == sorted([f"{product_a.id}:2:85000", f"{product_b.id}:1:120000"])
    response = client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})
    (order,) = orders()
    assert response.headers["Location"] == f"/orders/{order.number}"
    page = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert f"Order {order.number}" in page and "HTX Kẹo dừa Thanh Long" in page and "Placed" in page
    assert (order.phone, order.delivery_note, order.user_id) == ("0987654321", "Gọi trước khi giao", None)
    assert outbox[0]["To"] == "minh@example.vn"
    with client.session_transaction() as session:
        assert "cart" not in session and "checkout" not in session and session["orders"] == [order.number]


def test_a_double_submit_places_one_order(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 2))
    submit_details(client)
    _, token, lines = review_form(client)
    first = client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})
    second = client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})
    assert len(orders()) == 1
    assert first.headers["Location"] == second.headers["Location"]
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product_a.id)) == 8


def test_member_checkout_is_prefilled_and_the_order_is_theirs(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    member = make_user(display_name="Lê Thu", email="thu@example.vn")
    db.session.commit()
    sign_in_as(client, member)
    fill_cart(client, (product_a, 1))
    html = client.get("/checkout?lang=en").get_data(as_text=True)
    assert 'value="Lê Thu"' in html and 'value="thu@example.vn"' in html
    check_out(client)
    (order,) = orders()
    assert order.user_id == member.id
    assert order.number in client.get("/orders?lang=en").get_data(as_text=True)


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"phone": "12345"}, "Enter a Vietnamese mobile number"),
        ({"phone": "0212345678"}, "Enter a Vietnamese mobile number"),
        ({"ward_code": "99999999"}, "Choose a commune or ward of Vĩnh Long."),
        ({"province_code": str(HA_NOI)}, "Choose a commune or ward of Thành phố Hà Nội."),
        ({"province_code": "xyz"}, "Choose a province."),
        ({"email": "not-an-email"}, "Enter an email address like name@example.com."),
        ({"name": ""}, "This field is required."),
        ({"street": "x" * 201}, "Use at most 200 characters."),
        ({"want_invoice": "y", "invoice_company": "Công ty Dừa", "invoice_tax_code": "031234567",
          "invoice_address": "1 Lê Lợi"}, "Enter a valid tax code (MST)"),
        # Ten digits but a wrong check digit (python-stdnum): a typo is caught.
        ({"want_invoice": "y", "invoice_company": "Công ty Dừa", "invoice_tax_code": "0312345678",
          "invoice_address": "1 Lê Lợi"}, "check it for typos"),
        ({"want_invoice": "y", "invoice_tax_code": "0312345673-001"}, "This field is required."),
    ],
)
def test_bad_details_are_shown_again_with_a_message(client, two_cooperatives, changes, message):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 1))
    response = submit_details(client, **changes)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    with client.session_transaction() as session:
        assert "checkout" not in session


def test_vat_invoice_details_reach_the_order(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 1))
    check_out(client, {"want_invoice": "y", "invoice_company": "Công ty TNHH Dừa Xanh",
                       "invoice_tax_code": "0312345673-001", "invoice_address": "1 Lê Lợi, Vĩnh Long"})
    (order,) = orders()
    assert (order.invoice_company, order.invoice_tax_code) == ("Công ty TNHH Dừa Xanh", "0312345673-001")


def test_choosing_a_province_without_javascript_lists_its_wards(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 1))
    response = client.post("/checkout?lang=en", data={**DETAILS, "province_code": str(HA_NOI), "ward_code": "",
                                                       "choose_province": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Phường Ba Đình" in html and "Xã Mỏ Cày" not in html
    assert "field-error" not in html  # choosing is not submitting: no messages yet
    assert "Phường Ba Đình" in client.get(f"/checkout?province={HA_NOI}").get_data(as_text=True)


def test_wards_endpoint_for_the_script(client):
    wards = client.get(f"/checkout/wards?province={VINH_LONG}").get_json()
    assert {"code": MO_CAY, "name": "Xã Mỏ Cày"} in wards
    assert client.get("/checkout/wards?province=abc").get_json() == []


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(client, app):
    response = client.get("/checkout?lang=en")
    assert response.headers["Location"] == "/cart"
    assert client.get("/checkout/review").headers["Location"] == "/checkout"


def test_a_tampered_price_places_no_order(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 2))
    response = check_out(client, lines=[f"{product_a.id}:2:1000"])
    assert response.headers["Location"] == "/cart"
    assert orders() == []
    html = client.get("/cart?lang=en").get_data(as_text=True)
    assert "The price of Durian coconut candy changed from ₫1,000 to ₫85,000" in html
    assert "No order was placed." in html


@pytest.mark.parametrize("line", ["999999:1:1000", "abc:1:1", "1:2", "", "1:0:85000"])
def test_a_tampered_product_or_line_places_no_order(client, two_cooperatives, line):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 1))
    response = check_out(client, lines=[line])
    # Lines that are not the cart's place nothing: the review page is shown again (orders.reviewed).
    assert response.headers["Location"] == "/checkout/review"
    assert orders() == []
    html = client.get("/checkout/review?lang=en").get_data(as_text=True)
    assert "Your cart changed since this page was shown" in html or "The order form was changed" in html


def test_a_product_unpublished_between_cart_and_placing_places_no_order(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    fill_cart(client, (product_a, 1), (product_b, 1))
    submit_details(client)
    _, token, lines = review_form(client)
    product_b.status = ProductStatus.DRAFT
    db.session.commit()
    client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})
    assert orders() == []
    html = client.get("/cart?lang=en").get_data(as_text=True)
    assert "Virgin coconut oil is no longer for sale; remove it from your cart." in html
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product_a.id)) == 10


def test_sold_out_while_reviewing_places_no_order(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 3))
    submit_details(client)
    _, token, lines = review_form(client)
    product_a.stock = 2
    db.session.commit()
    client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})
    assert orders() == []
    assert "Only 2 of Durian coconut candy are left" in client.get("/cart?lang=en").get_data(as_text=True)


def test_placing_without_a_token_or_with_an_unknown_payment_method_is_refused(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 1))
    submit_details(client)
    _, token, lines = review_form(client)
    assert client.post("/checkout/place", data={"payment_method": "cod", "line": lines}).status_code == 302
    client.post("/checkout/place", data={"token": token, "payment_method": "bitcoin", "line": lines})
    assert orders() == []


def test_review_without_details_goes_to_the_details_form(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 1))
    with client.session_transaction() as session:
        session["checkout"] = {"name": "x", "unexpected": 1}
    assert client.get("/checkout/review").headers["Location"] == "/checkout"


def test_orders_are_placed_with_the_pages_language(client, two_cooperatives, outbox):
    _, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 1))
    check_out(client)  # the pages were read in English (?lang=en)
    (order,) = orders()
    assert order.language == "en" and order.status == Status.PLACED
    assert outbox[0]["Subject"] == f"Your order {order.number}"
