"""payOS delivering at once (PostgreSQL, where requests really run together): one effect per
transfer reference, one payment per order, and no stock given back to a paid order."""
import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.extensions import db
from marketplace.orders.models import Status
from marketplace.payments import card, vietqr
from marketplace.payments.models import LedgerEntry, PaymentEvent, TransferToMatch
from tests import concurrency
from tests.concurrency import run_together
from tests.payments.conftest import place_transfer_order, reload, start_transfer, stock

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("postgres_only")]
postgres_only = concurrency.postgres_only  # the fixture, here where pytest looks for it


@pytest.fixture
def waiting(fake_payos, shop):
    order = place_transfer_order((shop["candy"], 2))
    start_transfer(order)
    return order


def _deliver(body):
    """What the webhook view does with a delivery: verify the checksum, then handle it."""
    return vietqr.handle(vietqr.verify(json.dumps(body).encode()))


def _count(model):
    return db.session.scalar(sa.select(sa.func.count(model.id)))


def test_the_same_transfer_delivered_eight_times_at_once_pays_once(app, fake_payos, waiting):
    body = fake_payos.transfer(next(iter(fake_payos.links)))
    outcomes = run_together(app, 8, lambda i: _deliver(body))
    assert sorted(outcomes) == ["duplicate"] * 7 + ["paid"]
    assert _count(PaymentEvent) == 1 and _count(LedgerEntry) == 3 and _count(TransferToMatch) == 0
    assert reload(waiting).status == Status.PAID


def test_two_exact_transfers_at_once_pay_once_and_queue_the_other(app, fake_payos, waiting):
    link = next(iter(fake_payos.links))
    bodies = [fake_payos.transfer(link), fake_payos.transfer(link)]
    outcomes = run_together(app, 2, lambda i: _deliver(bodies[i]))
    assert sorted(outcomes) == ["paid", "to_match"]
    assert _count(LedgerEntry) == 3 and _count(TransferToMatch) == 1


def test_the_expiry_job_and_a_transfer_at_once_never_give_a_paid_orders_stock_back(app, fake_payos, waiting, shop):
    body = fake_payos.transfer(next(iter(fake_payos.links)))
    fake_payos.links[next(iter(fake_payos.links))]["transactions"].clear()  # payOS has not told the job yet
    later = clock.utcnow() + timedelta(minutes=30)

    def work(i):
        return _deliver(body) if i == 0 else card.release_expired(now=later)

    delivered, _report = run_together(app, 2, work)
    order = reload(waiting)
    if order.status == Status.PAID:
        assert delivered == "paid" and stock(shop["candy"]) == 8 and _count(LedgerEntry) == 3
    else:  # the job cancelled first: the transfer waits for an admin, the stock came back once
        assert delivered == "to_match" and order.status == Status.CANCELLED
        assert stock(shop["candy"]) == 10 and _count(LedgerEntry) == 0
