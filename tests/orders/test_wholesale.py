"""Wholesale prices: quantity breaks set in the portal, seen and paid only by staff of approved
distributor companies (product page, cart, order), never by consumers or guests, and never
kept in a shared cache."""
import pytest

from marketplace.catalog import wholesale
from marketplace.catalog.wholesale import Tier, WholesaleError
from marketplace.extensions import db
from marketplace.orders import carts, checkout
from marketplace.orders.carts import CartItem
from marketplace.orders.errors import OrderRejected
from marketplace.producers.models import ApprovalStatus
from tests.factories import (
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_product,
    make_user,
    sign_in_as,
)
from tests.orders.conftest import delivery, place, token

TIERS = [Tier(10, 70000), Tier(50, 60000)]


@pytest.fixture
def product():
    cooperative = make_cooperative(max_units_per_order=100)
    product = make_product(cooperative, price_vnd=85000, stock=200)
    wholesale.set_tiers(product, [(t.min_quantity, t.price_vnd) for t in TIERS])
    return product


# --- the money rules ---------------------------------------------------------------------


def test_a_line_costs_the_highest_break_it_reaches():
    assert wholesale.unit_price(85000, TIERS, 1) == 85000
    assert wholesale.unit_price(85000, TIERS, 9) == 85000
    assert wholesale.unit_price(85000, TIERS, 10) == 70000
    assert wholesale.unit_price(85000, TIERS, 49) == 70000
    assert wholesale.unit_price(85000, TIERS, 50) == 60000
    assert wholesale.unit_price(85000, [], 500) == 85000


def test_a_listing_made_cheaper_than_a_break_wins():
    assert wholesale.unit_price(65000, TIERS, 10) == 65000


@pytest.mark.parametrize("rows, message", [
    ([(1, 70000)], "from 2"),
    ([(10, 0)], "above 0"),
    ([(10, 85000)], "below the listed price"),
    ([(10, 70000), (20, 70000)], "lower price"),
    ([(10, 70000), (10, 60000)], "its own quantity"),
    ([(200, 70000)], "cannot start above 100"),
    ([(n, 80000 - n) for n in range(2, 8)], "At most 5"),
    ([(10, "70000")], "above 0"),
    ([(True, 70000)], "from 2"),
])
def test_bad_breaks_are_refused(rows, message):
    with pytest.raises(WholesaleError, match=message):
        wholesale.checked_tiers(85000, rows, 100)


def test_breaks_are_kept_in_order_and_empty_rows_left_out():
    tiers = wholesale.checked_tiers(85000, [(50, 60000), (None, None), (10, 70000)], 100)
    assert tiers == TIERS


# --- who sees them -------------------------------------------------------------------------


def _page(client, product):
    return client.get(f"/products/{product.slug}?lang=en").get_data(as_text=True)


def test_only_staff_of_approved_distributors_see_the_breaks(app, client, product):
    approved = make_distributor_staff()
    pending = make_distributor_staff(make_distributor(status=ApprovalStatus.PENDING))
    consumer, producer = make_user(), make_cooperative_staff()
    db.session.commit()
    assert "Wholesale prices for distributors" not in _page(client, product)  # a guest
    for user in (consumer, producer, pending):
        assert "70,000" not in _page(sign_in_as(app.test_client(), user), product)
    response = sign_in_as(app.test_client(), approved).get(f"/products/{product.slug}?lang=en")
    html = response.get_data(as_text=True)
    assert "Wholesale prices for distributors" in html and "70,000" in html and "60,000" in html
    assert "no-store" in response.headers["Cache-Control"]


def test_the_page_cache_never_serves_the_breaks_to_a_guest(app, client, product):
    approved = make_distributor_staff()
    db.session.commit()
    app.config["CATALOGUE_CACHE_SECONDS"] = 60
    try:
        assert "70,000" in _page(sign_in_as(app.test_client(), approved), product)
        assert "70,000" not in _page(client, product)
        assert "70,000" not in _page(client, product)  # the cached copy
        assert "70,000" in _page(sign_in_as(app.test_client(), approved), product)
    finally:
        app.config["CATALOGUE_CACHE_SECONDS"] = 0


# --- the cart and the order --------------------------------------------------------------


def test_the_cart_applies_the_break_for_a_wholesale_buyer_only(product):
    items = {product.id: CartItem(product.id, 12, product.price_vnd)}
    entry = carts.summarise_cart(items, wholesale_buyer=True).entries[0]
    assert (entry.price, entry.total, entry.is_wholesale, entry.price_changed) == (70000, 840000, True, False)
    entry = carts.summarise_cart(items).entries[0]
    assert (entry.price, entry.total, entry.is_wholesale) == (85000, 1020000, False)


def test_the_cart_page_of_a_distributor_shows_the_break(app, product):
    client = sign_in_as(app.test_client(), make_distributor_staff())
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "50"},
                headers={"Referer": "http://localhost/cart", "Origin": "http://localhost"})
    html = client.get("/cart?lang=en").get_data(as_text=True)
    assert "Wholesale price for this quantity" in html and "3,000,000" in html  # 50 × 60.000


def test_an_order_of_a_wholesale_buyer_is_written_at_the_break(product):
    buyer = make_distributor_staff()
    db.session.commit()
    order = place((product, 1), user=buyer)  # below the first break: the listed price
    assert order.lines[0].unit_price_vnd == 85000
    order = checkout.place_order(delivery(), [checkout.LineRequest(product.id, 10, 70000)], token(), user=buyer)
    line = order.lines[0]
    assert (line.unit_price_vnd, line.quantity) == (70000, 10)
    assert order.goods_total_vnd == 700000 and order.shipments[0].goods_subtotal_vnd == 700000


def test_a_consumer_cannot_order_at_the_break(product):
    consumer = make_user()
    db.session.commit()
    with pytest.raises(OrderRejected, match="changed from"):
        checkout.place_order(delivery(), [checkout.LineRequest(product.id, 10, 70000)], token(), user=consumer)
    with pytest.raises(OrderRejected, match="changed from"):  # nor a guest
        checkout.place_order(delivery(), [checkout.LineRequest(product.id, 10, 70000)], token())
    order = place((product, 10), user=consumer)
    assert order.lines[0].unit_price_vnd == 85000


# --- the portal ---------------------------------------------------------------------------


def test_the_cooperative_sets_breaks_in_the_portal(app, product):
    staff = make_cooperative_staff(product.cooperative)
    other = make_cooperative_staff()
    db.session.commit()
    client = sign_in_as(app.test_client(), staff)
    url = f"/portal/products/{product.id}/wholesale?lang=en"
    assert "70.000" in client.get(url).get_data(as_text=True)
    response = client.post(url, data={"quantity_1": "20", "price_1": "75.000"})
    assert response.status_code == 302
    assert wholesale.tiers_of([product.id])[product.id] == [Tier(20, 75000)]
    response = client.post(url, data={"quantity_1": "20", "price_1": "90.000"})
    assert response.status_code == 200 and "below the listed price" in response.get_data(as_text=True)
    response = client.post(url, data={"quantity_1": "20", "price_1": "abc"})
    assert response.status_code == 200 and "whole đồng" in response.get_data(as_text=True)
    assert wholesale.tiers_of([product.id])[product.id] == [Tier(20, 75000)]
    assert sign_in_as(app.test_client(), other).get(url).status_code == 404
