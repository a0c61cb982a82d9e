"""Fixtures and small helpers of the orders tests."""
import itertools

import pytest

from marketplace.extensions import db
from marketplace.mail import outbox as mail_outbox
from marketplace.orders import checkout
from tests.factories import make_cooperative, make_product

_tokens = itertools.count(1)

VINH_LONG, MO_CAY = 86, 28903  # a ward of Vĩnh Long (Bến Tre's province since 2025)
HA_NOI = 1


def delivery(**fields):
    values = {
        "name": "Nguyễn Thị Lan",
        "phone": "0912 345 678",
        "email": "lan@example.vn",
        "province_code": VINH_LONG,
        "ward_code": MO_CAY,
        "street": "12 Đường Nguyễn Đình Chiểu",
    }
    values.update(fields)
    return checkout.Delivery(**values)


def token():
    return f"test-token-{next(_tokens):08d}-abcdef"


def lines(*pairs):
    """LineRequests from (product, quantity) pairs, at the product's current price."""
    return [checkout.LineRequest(product.id, quantity, product.price_vnd) for product, quantity in pairs]


def place(*pairs, user=None, language="en", **delivery_fields):
    """Place an order of (product, quantity) pairs through the service (mails in `language`)."""
    return checkout.place_order(delivery(**delivery_fields), lines(*pairs), token(), user=user, language=language)


@pytest.fixture(autouse=True)
def _request_context(app):
    """Services mail links to pages: they run inside a request, as in the app (in English, so
    that tests read the msgids)."""
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture
def client(app):
    """A browser that reads the site in English (messages are translated when they are made,
    so tests read the English msgids whatever the Vietnamese catalogue holds)."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = "en"
    return client


@pytest.fixture
def outbox(app):
    messages = mail_outbox(app)
    messages.clear()
    yield messages
    messages.clear()


@pytest.fixture
def two_cooperatives(app):
    """Two approved cooperatives with a product each, committed: (coop_a, product_a, coop_b, product_b)."""
    coop_a = make_cooperative(name="HTX Kẹo dừa Thanh Long", shipping_fee_vnd=30000, free_shipping_from_vnd=300000)
    coop_b = make_cooperative(name="HTX Dầu dừa Mỏ Cày", shipping_fee_vnd=25000, free_shipping_from_vnd=None)
    product_a = make_product(coop_a, name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy", price_vnd=85000, stock=10)
    product_b = make_product(coop_b, name_vi="Dầu dừa tinh khiết", name_en="Virgin coconut oil", price_vnd=120000, stock=10)
    db.session.commit()
    return coop_a, product_a, coop_b, product_b
