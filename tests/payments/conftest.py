"""Fixtures of the payments tests: Stripe and payOS played by a local server, card and transfer orders."""
import pytest
import sqlalchemy as sa

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders import checkout, fulfilment
from marketplace.orders.models import PaymentMethod
from marketplace.payments import card, vietqr
from marketplace.payments.models import LedgerEntry
from tests.factories import make_cooperative, make_product
from tests.orders.conftest import delivery, lines, token
from tests.payments.fake_payos import API_KEY, CHECKSUM_KEY, CLIENT_ID, FakePayOS
from tests.payments.fake_stripe import SECRET_KEY, WEBHOOK_SECRET, FakeStripe


@pytest.fixture
def fake_stripe(app, httpserver, monkeypatch):
    """Stripe's API on a local server, and the app configured for card payments against it."""
    fake = FakeStripe(httpserver)
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", SECRET_KEY)
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", fake.base)
    monkeypatch.setitem(app.config, "STRIPE_TIMEOUT_SECONDS", 0.3)
    fake.delay = 0.6
    return fake


@pytest.fixture(autouse=True)
def _request_context(app):
    """Services build links (url_for): they run in a request, in English, as in the app."""
    with app.test_request_context("/?lang=en"):
        yield


@pytest.fixture
def shop(app):
    """Two cooperatives with a product each (85.000 ₫ + 30.000 ₫ shipping; 120.000 ₫ + 25.000 ₫)."""
    coop_a = make_cooperative(name="HTX Kẹo dừa Thanh Long", shipping_fee_vnd=30000, free_shipping_from_vnd=None)
    coop_b = make_cooperative(name="HTX Dầu dừa Mỏ Cày", shipping_fee_vnd=25000, free_shipping_from_vnd=None)
    candy = make_product(coop_a, name_vi="Kẹo dừa sầu riêng", name_en="Durian coconut candy", price_vnd=85000, stock=10)
    oil = make_product(coop_b, name_vi="Dầu dừa tinh khiết", name_en="Virgin coconut oil", price_vnd=120000, stock=10)
    db.session.commit()
    return {"coop_a": coop_a, "coop_b": coop_b, "candy": candy, "oil": oil}


def place_card_order(*pairs, user=None):
    """A card order by an English-speaking buyer (the tests read the msgids)."""
    return checkout.place_order(delivery(), lines(*pairs), token(), user=user, payment_method=PaymentMethod.CARD,
                              language="en")


def start(order):
    return card.start(order, "http://localhost/orders/x/paid?session_id={CHECKOUT_SESSION_ID}",
                          "http://localhost/orders/x/payment-cancelled")


def stock(product):
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))


def entries(cooperative=None):
    query = sa.select(LedgerEntry.kind, LedgerEntry.amount_vnd).order_by(LedgerEntry.id)
    if cooperative is not None:
        query = query.where(LedgerEntry.cooperative_id == cooperative.id)
    return [(kind.value, amount) for kind, amount in db.session.execute(query)]


def reload(order):
    db.session.expire_all()
    return fulfilment.get_order(order.number)


@pytest.fixture
def fake_payos(app, httpserver, monkeypatch):
    """payOS's API on a local server, and the app configured for VietQR transfers against it."""
    fake = FakePayOS(httpserver)
    monkeypatch.setitem(app.config, "PAYOS_CLIENT_ID", CLIENT_ID)
    monkeypatch.setitem(app.config, "PAYOS_API_KEY", API_KEY)
    monkeypatch.setitem(app.config, "PAYOS_CHECKSUM_KEY", CHECKSUM_KEY)
    monkeypatch.setitem(app.config, "PAYOS_API_BASE", fake.base)
    monkeypatch.setitem(app.config, "PAYOS_TIMEOUT_SECONDS", 2)
    return fake


def place_transfer_order(*pairs, user=None):
    """A VietQR order by an English-speaking buyer (the tests read the msgids)."""
    return checkout.place_order(delivery(), lines(*pairs), token(), user=user, payment_method=PaymentMethod.VIETQR,
                                language="en")


def start_transfer(order):
    return vietqr.start(order, "http://localhost/orders/x/transfer", "http://localhost/orders/x")
