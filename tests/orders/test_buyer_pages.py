"""The buyer's side: my orders, order pages only for their buyer, guest lookup by number and
phone, cancelling, buying again, and reviews by verified buyers only."""
import re

import pytest
import sqlalchemy as sa

from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.orders import fulfilment, reviews
from marketplace.orders.models import ProductReview
from tests.factories import make_user, sign_in_as
from tests.orders.conftest import place


def _remember(client, order):
    with client.session_transaction() as session:
        session["orders"] = [order.number]


def _deliver(order):
    for shipment in order.shipments:
        fulfilment.confirm_shipment(shipment, None)
        fulfilment.ship_shipment(shipment, None, "ghtk", "S12345.GHTK")
        fulfilment.deliver_shipment(shipment, None)


def test_my_orders_lists_only_mine_with_shipment_status_and_tracking(client, two_cooperatives, count_queries):
    _, product_a, _, product_b = two_cooperatives
    me, other = make_user(), make_user()
    mine = place((product_a, 1), (product_b, 1), user=me)
    theirs = place((product_a, 1), user=other)
    fulfilment.confirm_shipment(mine.shipments[0], None)
    fulfilment.ship_shipment(mine.shipments[0], None, "ghn", "GHN777")
    for _ in range(3):
        place((product_b, 1), user=me)
    db.session.commit()
    sign_in_as(client, me)
    with count_queries() as queries:
        html = client.get("/orders?lang=en").get_data(as_text=True)
    assert mine.number in html and theirs.number not in html
    assert "Shipped" in html and "GHN GHN777" in html
    assert len(queries) <= 6  # user, orders, shipments, lines, cart count, notices count


def test_my_orders_needs_signing_in(client, app):
    assert client.get("/orders").headers["Location"].startswith("/sign-in")


def test_an_order_page_is_only_for_its_buyer(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    owner, stranger = make_user(), make_user()
    order = place((product_a, 1), user=owner)
    guest_order = place((product_a, 1))
    db.session.commit()
    assert client.get(f"/orders/{order.number}").status_code == 404
    assert client.get(f"/orders/{guest_order.number}").status_code == 404
    sign_in_as(client, stranger)
    assert client.get(f"/orders/{order.number}").status_code == 404
    sign_in_as(client, owner)
    assert client.get(f"/orders/{order.number}").status_code == 200
    assert client.get("/orders/OCOP-2099-999999").status_code == 404


def test_guest_finds_an_order_by_number_and_phone(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 1), phone="0912345678")
    response = client.post("/orders/lookup?lang=en", data={"number": order.number.lower(), "phone": "+84 912 345 678"})
    assert response.headers["Location"] == f"/orders/{order.number}"
    assert client.get(f"/orders/{order.number}").status_code == 200


@pytest.mark.parametrize("number, phone", [("right", "0987654321"), ("OCOP-2099-000001", "0912345678"), ("", ""),
                                           ("right", "not a phone")])
def test_guest_lookup_with_wrong_details_finds_nothing(client, two_cooperatives, number, phone):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 1), phone="0912345678")
    response = client.post("/orders/lookup?lang=en", data={"number": order.number if number == "right" else number,
                                                           "phone": phone})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "No order has this number and phone number." in html or "This field is required." in html
    assert client.get(f"/orders/{order.number}").status_code == 404


def test_lookup_form_is_prefilled_from_the_mail_link(client, app):
    assert 'value="OCOP-2026-000042"' in client.get("/orders/lookup?number=OCOP-2026-000042").get_data(as_text=True)


def test_guest_cancels_before_shipping_and_stock_comes_back(client, two_cooperatives, outbox):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 4))
    _remember(client, order)
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert 'id="cancel-order"' in html
    client.post(f"/orders/{order.number}/cancel", data={"reason": "Đổi ý"})
    client.post(f"/orders/{order.number}/cancel", data={"reason": "again"})
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product_a.id)) == 10
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert "Cancelled" in html and 'id="cancel-order"' not in html
    assert "This order is already cancelled." in html


def test_no_cancel_button_once_shipped(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 1))
    fulfilment.confirm_shipment(order.shipments[0], None)
    fulfilment.ship_shipment(order.shipments[0], None, "vnpost", "EB123456789VN")
    _remember(client, order)
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert 'id="cancel-order"' not in html and "EB123456789VN" in html and "VNPost" in html
    client.post(f"/orders/{order.number}/cancel", data={})
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product_a.id)) == 9
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert "This order has shipped: it can no longer be cancelled." in html


def test_the_header_says_partly_shipped_while_some_parts_have_not_left(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    order = place((product_a, 1), (product_b, 1))
    first, second = order.shipments
    for shipment in (first, second):
        fulfilment.confirm_shipment(shipment, None)
    fulfilment.ship_shipment(first, None, "ghn", "GYKHFAN7")
    _remember(client, order)
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert re.search(r'class="order-meta"><span class="order-status[^"]*">Partly shipped</span>', html)
    client.post(f"/orders/{order.number}/cancel", data={})
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert "This order can no longer be cancelled: part of it has left the cooperative." in html
    fulfilment.ship_shipment(second, None, "ghtk", "S22894753.MB2")
    html = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert "Partly shipped" not in html and re.search(r'class="order-meta"><span class="order-status[^"]*">Shipped</span>', html)


def test_buy_again_fills_the_cart_at_todays_prices(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    order = place((product_a, 2), (product_b, 1))
    product_a.price_vnd = 90000
    product_b.status = ProductStatus.ARCHIVED
    db.session.commit()
    _remember(client, order)
    client.post(f"/orders/{order.number}/reorder")
    with client.session_transaction() as session:
        assert session["cart"] == {str(product_a.id): [2, 90000]}
    assert "Not added: Dầu dừa tinh khiết" in client.get("/cart?lang=en").get_data(as_text=True)


def test_only_a_buyer_with_a_delivered_line_reviews_once(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    buyer, other = make_user(display_name="Chị Hoa"), make_user()
    order = place((product_a, 1), user=buyer)
    db.session.commit()
    sign_in_as(client, buyer)
    client.post(f"/products/{product_a.slug}/reviews", data={"rating": "5", "body": "Ngon!"})
    assert db.session.scalar(sa.select(sa.func.count(ProductReview.id))) == 0  # not delivered yet
    _deliver(order)
    page = client.get(f"/products/{product_a.slug}?lang=en").get_data(as_text=True)
    assert 'id="review-form"' in page
    client.post(f"/products/{product_a.slug}/reviews", data={"rating": "5", "body": "Ngon!"})
    client.post(f"/products/{product_a.slug}/reviews", data={"rating": "1", "body": "twice"})
    reviews = db.session.scalars(sa.select(ProductReview)).all()
    assert [(r.rating, r.body, r.user_id) for r in reviews] == [(5, "Ngon!", buyer.id)]
    page = client.get(f"/products/{product_a.slug}?lang=en").get_data(as_text=True)
    assert "Ngon!" in page and "Chị Hoa" in page and "1 review by verified buyers" in page
    assert 'id="review-form"' not in page
    sign_in_as(client, other)
    client.post(f"/products/{product_a.slug}/reviews", data={"rating": "4"})
    assert db.session.scalar(sa.select(sa.func.count(ProductReview.id))) == 1


@pytest.mark.parametrize("rating", ["0", "6", "abc", ""])
def test_review_needs_one_to_five_stars(client, two_cooperatives, rating):
    _, product_a, _, _ = two_cooperatives
    buyer = make_user()
    _deliver(place((product_a, 1), user=buyer))
    sign_in_as(client, buyer)
    response = client.post(f"/products/{product_a.slug}/reviews?lang=en", data={"rating": rating})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(ProductReview.id))) == 0


def test_product_page_shows_the_average_of_reviews(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    for rating in (5, 4, 4):
        buyer = make_user()
        order = place((product_a, 1), user=buyer)
        _deliver(order)
        reviews.add_review(buyer, product_a.id, rating, "")
    summary = reviews.product_reviews(product_a.id)
    assert (summary.count, summary.average) == (3, 4.3)
    page = client.get(f"/products/{product_a.slug}?lang=en").get_data(as_text=True)
    assert "<strong>4.3</strong>/5" in page and "3 reviews by verified buyers" in page


def test_reviews_of_an_unknown_product_are_404(client, app):
    member = make_user()
    db.session.commit()
    sign_in_as(client, member)
    assert client.post("/products/no-such-product/reviews", data={"rating": "5"}).status_code == 404


def test_order_status_shown_to_the_buyer_follows_the_cooperative(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 1))
    _remember(client, order)
    fulfilment.confirm_shipment(order.shipments[0], None)
    assert "Confirmed" in client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
