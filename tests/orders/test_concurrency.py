"""No unit sold twice, no stock given back twice, one order per form — under real concurrency
(PostgreSQL only: see tests/concurrency.py)."""
import pytest
import sqlalchemy as sa

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders import checkout, fulfilment
from marketplace.orders.models import Order, OrderLine, Status
from marketplace.orders.errors import OrderRejected
from marketplace.statemachine import IllegalTransition, StatusConflict
from tests.concurrency import postgres_only, run_together  # noqa: F401 - a fixture
from tests.factories import make_product
from tests.orders.conftest import delivery, lines, place, token

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only(postgres_only):
    pass


def test_twenty_buyers_for_the_last_five_units(app):
    product = make_product(stock=5, price_vnd=85000)
    db.session.commit()
    buy = [checkout.LineRequest(product.id, 1, 85000)]
    results = run_together(app, 20, lambda i: checkout.place_order(delivery(), buy, token()).number)

    placed = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, OrderRejected)]
    assert len(placed) == 5 and len(set(placed)) == 5
    assert len(refused) == 15, [r for r in results if not isinstance(r, (str, OrderRejected))]
    assert {tuple(r.problems) for r in refused} == {(f"{product.name_en} is sold out.",)}
    db.session.expire_all()
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product.id)) == 0
    sold = db.session.execute(
        sa.select(sa.func.count(OrderLine.id), sa.func.sum(OrderLine.quantity)).where(OrderLine.product_id == product.id)
    ).one()
    assert tuple(sold) == (5, 5)


def test_buyers_of_overlapping_carts_never_deadlock_or_oversell(app):
    # Carts that list the same products in different orders: rows are locked in id order.
    first, second = make_product(stock=6), make_product(stock=6)
    db.session.commit()
    # Built before the threads start: the objects belong to this thread's session.
    carts = [lines((first, 1), (second, 1)), lines((second, 1), (first, 1))]

    def buy(i):
        return checkout.place_order(delivery(), carts[i % 2], token()).number

    results = run_together(app, 10, buy)
    assert sum(isinstance(r, str) for r in results) == 6
    assert all(isinstance(r, (str, OrderRejected)) for r in results), results
    db.session.expire_all()
    assert db.session.scalars(sa.select(Product.stock).where(Product.id.in_([first.id, second.id]))).all() == [0, 0]


def test_a_form_submitted_eight_times_at_once_places_one_order(app):
    product = make_product(stock=50)
    db.session.commit()
    same, cart = token(), lines((product, 2))
    results = run_together(app, 8, lambda i: checkout.place_order(delivery(), cart, same).id)
    assert len(set(results)) == 1 and isinstance(results[0], int), results
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 1
    db.session.expire_all()
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product.id)) == 48


def test_stock_comes_back_once_when_cancelled_many_times_at_once(app):
    product = make_product(stock=10)
    db.session.commit()
    order = place((product, 4))
    order_id, shipment_id = order.id, order.shipments[0].id

    def cancel(i):
        if i % 2:
            return fulfilment.cancel_order(db.session.get(Order, order_id), None, "đổi ý")
        shipment = fulfilment.get_shipment(shipment_id)
        return fulfilment.cancel_shipment(shipment, None, "hết hàng")

    results = run_together(app, 8, cancel)
    assert sum(not isinstance(r, Exception) for r in results) == 1, results
    assert all(isinstance(r, (IllegalTransition, StatusConflict)) for r in results if isinstance(r, Exception))
    db.session.expire_all()
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == product.id)) == 10
    assert db.session.get(Order, order_id).status == Status.CANCELLED
