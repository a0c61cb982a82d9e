"""Concurrent duplicates do nothing twice — on PostgreSQL, where requests really run at once
(SQLite serialises writers and would hide every race). Each thread has its own app context,
database session and connection, as each request has in production."""
import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.extensions import db
from marketplace.mail import outbox as mail_outbox
from marketplace.orders import fulfilment
from marketplace.orders.models import Status
from marketplace.payments import card, ledger, payouts, refunds, webhooks
from marketplace.payments.models import LedgerEntry, PaymentEvent, Payout, Refund
from marketplace.producers.models import Cooperative
from tests.orders.conftest import place
from tests.orders.test_concurrency import run_together
from tests.payments.conftest import place_card_order, reload, start, stock
from tests.payments.fake_stripe import make_event

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers, which hides races: run with DATABASE_URL=postgresql+psycopg://…")


@pytest.fixture
def waiting(fake_stripe, shop):
    order = place_card_order((shop["candy"], 2))
    start(order)
    db.session.commit()
    return order


def _count(model):
    return db.session.scalar(sa.select(sa.func.count(model.id)))


def _placed_mails(app, order):
    return [m for m in mail_outbox(app) if m["Subject"] == f"Your order {order.number}"]


def test_the_same_event_delivered_eight_times_at_once_pays_once(app, fake_stripe, waiting):
    event = make_event("checkout.session.completed", fake_stripe.pay("cs_test_1"))
    outcomes = run_together(app, 8, lambda i: webhooks.handle(event))
    assert sorted(outcomes) == ["duplicate"] * 7 + ["paid"]
    assert _count(PaymentEvent) == 1 and _count(LedgerEntry) == 3
    assert reload(waiting).status == Status.PAID and len(_placed_mails(app, waiting)) == 1


def test_the_webhook_and_the_return_page_at_the_same_moment_pay_once(app, fake_stripe, waiting):
    session = fake_stripe.pay("cs_test_1")
    events = [make_event("checkout.session.completed", session) for _ in range(3)]

    def work(i):
        if i < 3:
            return webhooks.handle(events[i])
        return card.mark_paid(session).outcome

    outcomes = run_together(app, 6, work)
    assert outcomes.count("paid") == 1 and set(outcomes) <= {"paid", "already_paid"}
    assert _count(LedgerEntry) == 3 and len(_placed_mails(app, waiting)) == 1


def test_expiry_and_payment_racing_never_give_the_stock_back_to_a_paid_order(app, fake_stripe, waiting, shop):
    paid = make_event("checkout.session.completed", fake_stripe.pay("cs_test_1"))
    expired = make_event("checkout.session.expired", dict(fake_stripe.sessions["cs_test_1"], status="expired"))
    outcomes = run_together(app, 2, lambda i: webhooks.handle([paid, expired][i]))
    order = reload(waiting)
    if order.status == Status.PAID:
        assert outcomes == ["paid", "ignored"] and stock(shop["candy"]) == 8 and _count(LedgerEntry) == 3
    else:  # the expiry won: the late payment is flagged for a refund, nothing else moves
        assert outcomes == ["refund_due", "cancelled"] and order.status == Status.CANCELLED
        assert stock(shop["candy"]) == 10 and _count(LedgerEntry) == 0


def test_two_admins_refunding_the_same_order_at_once_refund_it_once(app, fake_stripe, waiting, shop):
    card.mark_paid(fake_stripe.pay("cs_test_1"))
    number = waiting.number

    def refund(i):
        try:
            return refunds.refund(fulfilment.get_order(number), "order", True, "Duplicate click", None).amount_vnd
        except refunds.RefundRefused as error:
            return error.message

    results = run_together(app, 2, refund)
    assert 200000 in results and _count(Refund) == 1
    assert stock(shop["candy"]) == 10 and ledger.balance(shop["coop_a"].id) == 0
    assert len(fake_stripe.refunds) == 1


def test_two_payouts_at_once_cannot_pay_more_than_is_owed(app, shop):
    shipment = place((shop["candy"], 2)).shipments[0]
    fulfilment.confirm_shipment(shipment, None)
    fulfilment.ship_shipment(shipment, None, "own")
    fulfilment.deliver_shipment(shipment, None)
    cooperative_id = shop["coop_a"].id

    def payout(i):
        try:
            return payouts.record_payout(db.session.get(Cooperative, cooperative_id), 150000, f"VCB-{i}",
                                          clock.today(), None).amount_vnd
        except payouts.PayoutRefused as error:
            return error.message

    results = run_together(app, 2, payout)
    assert results.count(150000) == 1 and _count(Payout) == 1 and ledger.balance(cooperative_id) == 41500


def _household(cooperative):
    from marketplace.producers.models import EntityKind

    cooperative.kind, cooperative.personal_id = EntityKind.HOUSEHOLD, "083095001234"
    db.session.commit()


def test_a_households_sale_paid_by_eight_deliveries_of_the_event_withholds_its_tax_once(app, fake_stripe, waiting, shop):
    _household(shop["coop_a"])
    event = make_event("checkout.session.completed", fake_stripe.pay("cs_test_1"))
    outcomes = run_together(app, 8, lambda i: webhooks.handle(event))
    assert sorted(outcomes) == ["duplicate"] * 7 + ["paid"]
    taxes = db.session.scalars(sa.select(LedgerEntry.amount_vnd).where(
        LedgerEntry.kind.in_(["vat_withheld", "pit_withheld"]))).all()
    assert sorted(taxes) == [-1700, -900, -850, -450]  # goods 1% + 0.5%, shipping 3% + 1.5%, once
    assert ledger.balance(shop["coop_a"].id) == 170000 - 8500 + 30000 - 3900


def test_two_admins_refunding_a_households_order_at_once_give_the_tax_back_once(app, fake_stripe, waiting, shop):
    _household(shop["coop_a"])
    card.mark_paid(fake_stripe.pay("cs_test_1"))
    number = waiting.number

    def refund(i):
        try:
            return refunds.refund(fulfilment.get_order(number), "order", True, "Duplicate click", None).amount_vnd
        except refunds.RefundRefused as error:
            return error.message

    results = run_together(app, 2, refund)
    assert 200000 in results and _count(Refund) == 1 and ledger.balance(shop["coop_a"].id) == 0
    returned = db.session.scalars(sa.select(LedgerEntry.amount_vnd).where(
        LedgerEntry.kind.in_(["vat_returned", "pit_returned"]))).all()
    assert sorted(returned) == [450, 850, 900, 1700]
