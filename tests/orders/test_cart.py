"""The cart: guests in the session, members in the database, merged at sign-in; grouped by
cooperative with shipping; bad quantities, stock limits, price changes and products no
longer for sale shown, never hidden."""
import pytest
import sqlalchemy as sa

from marketplace.catalog.models import ProductStatus
from marketplace.extensions import db
from marketplace.orders import carts
from marketplace.orders.models import CartLine
from tests.conftest import make_test_app
from tests.factories import PASSWORD, make_product, make_user, sign_in_as


def add(client, product, quantity="1", **headers):
    return client.post("/cart/add?lang=en", data={"product_id": product.id, "quantity": quantity}, headers=headers)


def cart_page(client):
    return client.get("/cart?lang=en").get_data(as_text=True)


def test_guest_adds_products_of_two_cooperatives_and_sees_groups_with_shipping(client, two_cooperatives):
    coop_a, product_a, coop_b, product_b = two_cooperatives
    assert add(client, product_a, "2").status_code == 302
    add(client, product_b)
    with client.session_transaction() as session:
        assert session["cart"] == {str(product_a.id): [2, 85000], str(product_b.id): [1, 120000]}
    html = cart_page(client)
    assert html.index("From HTX Dầu dừa Mỏ Cày") < html.index("From HTX Kẹo dừa Thanh Long")  # by name
    assert "₫170,000" in html and "₫120,000" in html
    assert "Add ₫130,000 more from this producer for free shipping." in html  # A: 300.000 threshold
    assert "₫345,000" in html  # 170.000 + 30.000 + 120.000 + 25.000
    assert 'id="nav-cart"' in html and '<span class="nav-badge" aria-label="3 items">3</span>' in html


def test_adding_redirects_back_to_the_page_it_came_from(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    response = add(client, product_a, Referer=f"http://localhost/products/{product_a.slug}?lang=en")
    assert response.headers["Location"] == f"/products/{product_a.slug}?lang=en"
    response = add(client, product_a, Referer="http://evil.example/products")
    assert response.headers["Location"] == "/cart"


def test_cart_summary_shipping_is_free_from_the_threshold(app, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    summary = carts.summarise_cart({product_a.id: carts.CartItem(product_a.id, 4, 85000)})
    assert (summary.goods_total, summary.shipping_total, summary.total) == (340000, 0, 340000)
    assert summary.groups[0].missing_for_free_shipping is None


@pytest.mark.parametrize(
    "quantity, message",
    [
        ("0", "The quantity must be at least 1."),
        ("-1", "The quantity must be at least 1."),
        ("1000000000", "You can buy at most 999 of one product in one order."),
        ("abc", "Enter the quantity as a whole number, e.g. 2."),
        ("", "Enter the quantity as a whole number, e.g. 2."),
        ("1.5", "Enter the quantity as a whole number, e.g. 2."),
        ("11", "Only 10 of Durian coconut candy are in stock."),
    ],
)
def test_bad_quantities_get_a_clear_message_and_change_nothing(client, two_cooperatives, quantity, message):
    _, product_a, _, _ = two_cooperatives
    response = add(client, product_a, quantity)
    assert response.status_code == 302
    html = cart_page(client)
    assert message in html
    with client.session_transaction() as session:
        assert "cart" not in session


def test_the_cart_holds_no_more_than_the_stock(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    add(client, product_a, "8")
    add(client, product_a, "3")
    assert "Only 10 of Durian coconut candy are in stock, and 8 are already in your cart." in cart_page(client)
    client.post(f"/cart/lines/{product_a.id}", data={"quantity": "10"})
    client.post(f"/cart/lines/{product_a.id}", data={"quantity": "0"})
    with client.session_transaction() as session:
        assert session["cart"][str(product_a.id)][0] == 10


def test_unknown_and_unpublished_products_cannot_be_added(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    draft = make_product(status=ProductStatus.DRAFT)
    db.session.commit()
    for product_id in (draft.id, 999999, "abc"):
        client.post("/cart/add", data={"product_id": product_id, "quantity": "1"})
    assert "This product is not for sale." in cart_page(client)
    with client.session_transaction() as session:
        assert "cart" not in session


def test_update_and_remove_lines(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    add(client, product_a)
    add(client, product_b)
    client.post(f"/cart/lines/{product_a.id}", data={"quantity": "3"})
    client.post(f"/cart/lines/{product_b.id}/remove")
    with client.session_transaction() as session:
        assert session["cart"] == {str(product_a.id): [3, 85000]}
    client.post(f"/cart/lines/{product_a.id}/remove")
    with client.session_transaction() as session:
        assert "cart" not in session
    assert "Your cart is empty." in cart_page(client)


def test_a_price_change_since_adding_is_shown(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    add(client, product_a, "2")
    product_a.price_vnd = 90000
    db.session.commit()
    html = cart_page(client)
    assert "Price changed: it was ₫85,000 when you added it." in html
    assert "₫180,000" in html
    client.post(f"/cart/lines/{product_a.id}", data={"quantity": "2"})  # seen: the notice goes
    assert "Price changed" not in cart_page(client)


def test_stock_drop_and_unpublished_products_block_checkout_with_a_message(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    add(client, product_a, "5")
    add(client, product_b)
    product_a.stock = 2
    product_b.status = ProductStatus.ARCHIVED
    db.session.commit()
    html = cart_page(client)
    assert "Only 2 left: lower the quantity." in html
    assert "These products are no longer for sale" in html and "Virgin coconut oil" in html
    assert 'id="checkout-link"' not in html
    client.post(f"/cart/lines/{product_b.id}/remove")
    client.post(f"/cart/lines/{product_a.id}", data={"quantity": "2"})
    assert 'id="checkout-link"' in cart_page(client)


def test_member_cart_lives_in_the_database(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    member = make_user()
    db.session.commit()
    sign_in_as(client, member)
    add(client, product_a, "2")
    rows = db.session.execute(sa.select(CartLine.product_id, CartLine.quantity, CartLine.price_seen_vnd)).all()
    assert rows == [(product_a.id, 2, 85000)]
    with client.session_transaction() as session:
        assert "cart" not in session
    assert '<span class="nav-badge" aria-label="2 items">2</span>' in cart_page(client)


def test_guest_cart_merges_into_the_member_cart_at_sign_in(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    member = make_user(email="lan@example.vn")
    db.session.commit()
    carts.save_user_cart_items(member, [carts.CartItem(product_a.id, 7, 80000)])
    add(client, product_a, "6")  # 7 + 6 > 10 in stock: capped at the stock
    add(client, product_b, "2")
    response = client.post("/sign-in", data={"email": "lan@example.vn", "password": PASSWORD})
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert "cart" not in session and "_user_id" in session
    assert carts.user_cart_items(member) == {
        product_a.id: carts.CartItem(product_a.id, 10, 80000),  # keeps the price the member saw
        product_b.id: carts.CartItem(product_b.id, 2, 120000),
    }


def test_merge_keeps_what_either_cart_held_when_stock_ran_out(app, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    member = make_user()
    carts.save_user_cart_items(member, [carts.CartItem(product_a.id, 3, 85000)])
    product_a.stock = 0
    db.session.commit()
    carts.merge_guest_cart(member, {product_a.id: carts.CartItem(product_a.id, 2, 85000), 424242: carts.CartItem(424242, 1, 1)})
    assert carts.user_cart_items(member) == {product_a.id: carts.CartItem(product_a.id, 3, 85000)}


def test_an_altered_session_cart_is_ignored_line_by_line(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    with client.session_transaction() as session:
        session["cart"] = {str(product_a.id): [2, 85000], "x": [1, 1], "5": "junk", "6": [-3, 1]}
    html = cart_page(client)
    assert "₫170,000" in html


def test_placed_order_empties_those_lines_only(client, two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    add(client, product_a, "2")
    add(client, product_b, "1")
    from tests.orders.test_checkout import check_out

    # Only the lines the review page listed can be placed (orders.reviewed): a product taken
    # off sale is not listed, not ordered, and stays in the cart.
    product_b.status = ProductStatus.DRAFT
    db.session.commit()
    check_out(client)
    with client.session_transaction() as session:
        assert session["cart"] == {str(product_b.id): [1, 120000]}


def test_a_guest_with_a_cart_is_never_served_a_cached_page(two_cooperatives):
    """The page cache serves only visitors whose session holds nothing of their own."""
    _, product_a, _, _ = two_cooperatives
    app = make_test_app(CATALOGUE_CACHE_SECONDS=60, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get(f"/products/{product_a.slug}?lang=en").get_data(as_text=True)  # cached now
    assert 'id="nav-cart">Cart</a>' in page
    add(client, product_a, "2")
    page = client.get(f"/products/{product_a.slug}?lang=en").get_data(as_text=True)
    assert '<span class="nav-badge" aria-label="2 items">2</span>' in page


def test_add_to_cart_works_from_a_cached_page_with_csrf_on(two_cooperatives):
    """Cached pages are shared between guests, so the add-to-cart form carries no CSRF token;
    cross-site posts are refused by their Origin / Sec-Fetch-Site headers instead."""
    _, product_a, _, _ = two_cooperatives
    app = make_test_app(CATALOGUE_CACHE_SECONDS=60, WTF_CSRF_ENABLED=True)
    first, second = app.test_client(), app.test_client()
    html = first.get(f"/products/{product_a.slug}").get_data(as_text=True)
    assert 'action="/cart/add"' in html and 'name="csrf_token"' not in html.split('action="/cart/add"')[1].split("</form>")[0]
    assert second.post("/cart/add", data={"product_id": product_a.id, "quantity": "1"},
                       headers={"Origin": "http://localhost"}).status_code == 302
    assert second.post("/cart/add", data={"product_id": product_a.id, "quantity": "1"},
                       headers={"Origin": "http://evil.example"}).status_code == 400
    assert second.post("/cart/add", data={"product_id": product_a.id, "quantity": "1"},
                       headers={"Sec-Fetch-Site": "cross-site"}).status_code == 400
    # Every other cart form keeps its CSRF token.
    assert second.post(f"/cart/lines/{product_a.id}", data={"quantity": "2"}).status_code == 400


def test_cart_page_queries_do_not_grow_with_lines(client, two_cooperatives, count_queries):
    _, product_a, _, product_b = two_cooperatives
    extra = [make_product(product_a.cooperative) for _ in range(4)]
    db.session.commit()
    add(client, product_a)
    with count_queries() as few:
        cart_page(client)
    for product in (product_b, *extra):
        add(client, product)
    with count_queries() as many:
        cart_page(client)
    assert len(many) == len(few) <= 3
