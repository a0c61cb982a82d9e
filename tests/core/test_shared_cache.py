"""The shared cache (marketplace.cache) seen from two app instances, as two gunicorn workers or
two machines see it: both use the same Redis, a change committed by one is on the other's
next page. Stock, price and the OCOP badge are never stale, on product pages, cards and in
the cart, for guests with a cart (cards, counts from the cache) and anonymous visitors (whole
pages from the page cache)."""
import os
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.extensions import db
from marketplace.money import format_vnd
from marketplace.stock import services as stock
from tests.conftest import make_test_app, skip_or_fail
from tests.factories import PASSWORD, make_certificate, make_cooperative, make_product, make_user

# A database number of its own: the tests flush it.
REDIS_TEST_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


@pytest.fixture
def workers(app):
    """Two app instances sharing the test database and one Redis database (flushed)."""
    import redis

    connection = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        connection.ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis unreachable at {REDIS_TEST_URL}: {error}")
    connection.flushdb()
    settings = {"REDIS_URL": REDIS_TEST_URL, "CATALOGUE_CACHE_SECONDS": 300}
    yield make_test_app(**settings), make_test_app(**settings)
    connection.flushdb()
    connection.close()


def shopper_with_cart(worker, product_id):
    """A guest of `worker` with one thing in the cart (nothing of the page is cached for them)."""
    client = worker.test_client()
    with client.session_transaction() as session:
        session["cart"] = {str(product_id): [1, 85000]}
    return client


def listed(worker, *product_fields, certificate=True):
    with worker.app_context():
        product = make_product(make_cooperative(), **dict(product_fields))
        if certificate:
            make_certificate(product, stars=4)
        db.session.commit()
        return product.id, product.slug


def change_product(worker, product_id, **values):
    from marketplace.catalog.models import Product

    with worker.app_context():
        product = db.session.get(Product, product_id)
        for name, value in values.items():
            setattr(product, name, value)
        db.session.commit()


def price(amount):
    return format_vnd(amount, "vi")


def test_a_price_changed_on_one_worker_shows_on_the_others_cards_and_pages(workers):
    one, two = workers
    product_id, slug = listed(one)
    other_id, _ = listed(one, ("price_vnd", 50000))
    guest = shopper_with_cart(two, other_id)
    anonymous = two.test_client()
    for client in (guest, anonymous):  # cards, counts and whole pages cached on worker two
        assert price(85000) in client.get("/products").get_data(as_text=True)
        assert price(85000) in client.get(f"/products/{slug}").get_data(as_text=True)

    change_product(one, product_id, price_vnd=99000)

    for client in (guest, anonymous):
        for url in ("/products", f"/products/{slug}", "/"):
            html = client.get(url).get_data(as_text=True)
            assert price(99000) in html and price(85000) not in html.split("<main")[-1], url


def test_stock_sold_out_through_an_order_on_one_worker_shows_on_the_other(workers):
    one, two = workers
    product_id, slug = listed(one, ("stock", 1))
    guest = shopper_with_cart(two, product_id)
    anonymous = two.test_client()
    for client in (guest, anonymous):
        assert "Out of stock" not in client.get("/products?lang=en").get_data(as_text=True)
        assert "In stock: 1" in client.get(f"/products/{slug}?lang=en").get_data(as_text=True)

    with one.app_context():  # the guarded UPDATE of a sale, past the ORM
        stock.take({product_id: 1})
        db.session.commit()

    for client in (guest, anonymous):
        card = client.get("/products?rating=all&lang=en").get_data(as_text=True)
        assert "Out of stock" in card and f'name="product_id" value="{product_id}"' not in card
        page = client.get(f"/products/{slug}?lang=en").get_data(as_text=True)
        assert "Out of stock" in page and "In stock: 1" not in page
    assert "1 product" in guest.get("/products?in_stock=0&lang=en").get_data(as_text=True)


def test_an_expired_certificate_loses_its_badge_on_every_worker(workers):
    one, two = workers
    product_id, slug = listed(one)
    guest = shopper_with_cart(two, product_id)
    assert "1 product" in guest.get("/products?lang=en").get_data(as_text=True)
    assert "ocop-badge" in guest.get("/products?rating=all").get_data(as_text=True)
    assert "ocop-badge" in guest.get(f"/products/{slug}").get_data(as_text=True)

    from marketplace.catalog.models import OcopCertificate

    with one.app_context():
        certificate = db.session.query(OcopCertificate).filter_by(product_id=product_id).one()
        certificate.expires_on = clock.today() - timedelta(days=1)
        db.session.commit()

    assert "ocop-badge" not in guest.get("/products?rating=all").get_data(as_text=True)
    assert "ocop-badge" not in guest.get(f"/products/{slug}").get_data(as_text=True).split('id="desc-title"')[0]
    assert "0 products" in guest.get("/products?lang=en").get_data(as_text=True)  # the counts too


def test_the_cart_on_the_other_worker_shows_the_current_price_and_stock(workers):
    one, two = workers
    product_id, _ = listed(one, ("stock", 5))
    guest = shopper_with_cart(two, product_id)
    assert price(85000) in guest.get("/cart").get_data(as_text=True)
    change_product(one, product_id, price_vnd=77000, stock=0)
    html = guest.get("/cart?lang=en").get_data(as_text=True)
    line = html.split('class="cart-line"')[1].split("</li>")[0]
    assert f'<span class="cart-label">Price</span> {format_vnd(77000, "en")}' in line
    assert "Out of stock." in line and f"it was {format_vnd(85000, 'en')}" in line


def test_the_shared_cards_carry_nothing_of_one_shopper(workers):
    one, two = workers
    product_id, _ = listed(one)
    guest = shopper_with_cart(one, product_id)
    first = guest.get("/products?lang=en").get_data(as_text=True)
    assert 'class="nav-badge"' in first  # the cart count, rendered around the shared cards
    stranger = two.test_client().get("/products?lang=en").get_data(as_text=True)
    assert 'class="nav-badge"' not in stranger
    card = first.split('<article class="product-card">')[1].split("</article>")[0]
    assert card in stranger  # the same card, from the shared cache
    assert "csrf" not in card.lower()


def test_cards_follow_the_language(workers):
    one, _ = workers
    product_id, _ = listed(one)
    guest = shopper_with_cart(one, product_id)
    assert "Coconut candy" in guest.get("/products?lang=en").get_data(as_text=True).split("<main")[-1]
    assert "Coconut candy" not in guest.get("/products?lang=vi").get_data(as_text=True).split("<main")[-1]


def test_pages_and_sign_in_work_while_redis_is_down(app):
    """Nothing listens on port 1: every cache read is a miss, limits fall back to memory."""
    down = make_test_app(REDIS_URL="redis://127.0.0.1:1/0", RATELIMIT_STORAGE_URI="redis://127.0.0.1:1/0",
                         RATELIMIT_ENABLED=True)
    product_id, slug = listed(down)
    client = shopper_with_cart(down, product_id)
    for path in ("/products", f"/products/{slug}", "/", "/search?q=keo+dua"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert price(85000) in response.get_data(as_text=True)
    with down.app_context():
        make_user(email="an@example.com")
        db.session.commit()
    response = client.post("/sign-in", data={"email": "an@example.com", "password": PASSWORD})
    assert response.status_code == 302
    with down.app_context():
        assert down.extensions["cache"].counter("gen:catalogue") == 0
