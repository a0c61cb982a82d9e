"""The order placed is the one reviewed (issue 12, item 10): lines that are not this cart's, or
a review page older than the cart, place nothing and show the review again; the card's limits
apply to what is placed. Add-to-cart refuses `Origin: null` and another scheme of this host."""
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.payments.models import Payment
from tests.orders.test_checkout import check_out, fill_cart, orders, review_form, submit_details


def test_a_review_page_older_than_the_cart_places_nothing_and_shows_the_review_again(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    fill_cart(client, (product_a, 1))
    submit_details(client)
    _, token, lines = review_form(client)
    fill_cart(client, (product_b, 1))  # in another tab
    response = client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})
    assert response.headers["Location"] == "/checkout/review" and orders() == []
    html = client.get("/checkout/review?lang=en").get_data(as_text=True)
    assert "Your cart changed since this page was shown" in html and "Virgin coconut oil" in html
    _, token, lines = review_form(client)
    client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})
    (order,) = orders()
    assert sorted(line.quantity for line in order.lines) == [1, 1]


def test_lines_other_than_the_carts_place_nothing(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    fill_cart(client, (product_a, 2))
    for lines in ([f"{product_a.id}:1:85000"], [f"{product_a.id}:2:85000", f"{product_b.id}:1:120000"],
                  [f"{product_a.id}:1:85000", f"{product_a.id}:1:85000"]):
        response = check_out(client, lines=lines)
        assert response.headers["Location"] == "/checkout/review"
    assert orders() == []


def test_the_card_limits_apply_to_the_lines_placed(client, app, two_cooperatives, monkeypatch):
    """A cart Stripe can take cannot carry posted lines it cannot (below its minimum here)."""
    from tests.payments.fake_stripe import SECRET_KEY

    _, product_a, _, product_b = two_cooperatives
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", SECRET_KEY)
    product_a.price_vnd = 500
    product_a.cooperative.shipping_fee_vnd = 0
    db.session.commit()
    fill_cart(client, (product_b, 1))  # ₫145,000
    submit_details(client)
    _, token, _ = review_form(client)
    response = client.post("/checkout/place", data={"token": token, "payment_method": "card",
                                                    "line": [f"{product_a.id}:1:500"]})
    assert response.headers["Location"] == "/checkout/review"
    assert orders() == [] and db.session.scalar(sa.select(sa.func.count(Payment.id))) == 0


def test_add_to_cart_refuses_origin_null_and_another_scheme(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    data = {"product_id": product_a.id, "quantity": "1"}
    assert client.post("/cart/add", data=data, headers={"Origin": "null"}).status_code == 400
    assert client.post("/cart/add", data=data, headers={"Origin": "https://localhost"}).status_code == 400
    assert client.post("/cart/add", data=data, headers={"Origin": "http://evil.example"}).status_code == 400
    assert client.post("/cart/add", data=data, headers={"Origin": "http://localhost"}).status_code == 302
    assert client.post("/cart/add", data=data).status_code == 302  # browsers that send no Origin
    with client.session_transaction() as session:
        assert session["cart"][str(product_a.id)][0] == 2
