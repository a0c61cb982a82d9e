"""Refunds that Stripe reports failed (`refund.failed`, `charge.refund.updated` with the status
failed): the refund is marked failed, its ledger entries are reversed, the admins are told, and
the money still owed to the buyer is shown on /admin/payments and can be refunded again. Once
per event, and once per refund (issue 12, item 12)."""
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.notices.models import Notice
from marketplace.payments.models import LedgerEntry, Refund, RefundSource, RefundStatus
from tests.payments.conftest import entries
from tests.payments.fake_stripe import make_event, post_event
from tests.payments.test_refunds import admin, admin_client, balance, paid, post_refund  # noqa: F401 (fixtures)


def _failed(refund, event_type="refund.failed", status="failed", **fields):
    obj = {"id": refund.stripe_refund_id, "object": "refund", "amount": refund.amount_vnd, "status": status,
           "payment_intent": "pi_cs_test_1", "failure_reason": "expired_or_canceled_card", **fields}
    return make_event(event_type, obj)


def _refund():
    db.session.expire_all()
    return db.session.scalars(sa.select(Refund).order_by(Refund.id.desc())).first()


def test_a_failed_refund_is_reversed_in_the_ledger_shown_as_owed_and_the_admins_are_told(
        client, admin_client, admin, fake_stripe, shop, outbox):
    order = paid(fake_stripe, (shop["candy"], 2), (shop["oil"], 1))
    post_refund(admin_client, order, "order")
    refund = _refund()
    assert refund.status == RefundStatus.SUCCEEDED and balance(shop["coop_a"]) == 0 and balance(shop["coop_b"]) == 0

    event = _failed(refund)
    assert post_event(client, event).get_json()["outcome"] == "refund_failed"
    refund = _refund()
    assert refund.status == RefundStatus.FAILED and "expired_or_canceled_card" in refund.error
    # The buyer did not get the money: the cooperatives are credited back what the refund took.
    assert balance(shop["coop_a"]) == 170000 - 8500 + 30000 and balance(shop["coop_b"]) == 120000 - 6000 + 25000
    kinds = [kind for kind, _amount in entries()]
    assert kinds.count("refund_reversal") == 2 and kinds.count("commission_reversal") == 2
    notice = db.session.scalars(sa.select(Notice).where(Notice.user_id == admin.id,
                                                        Notice.kind == "payments.refund_failed")).one()
    assert notice.params["number"] == order.number
    assert any(m["To"] == "admin@ocop.vn" and order.number in m["Subject"] for m in outbox)
    page = admin_client.get("/admin/payments?lang=en").get_data(as_text=True)
    assert "Refunds that failed" in page and 'id="failed-refunds"' in page and "expired_or_canceled_card" in page
    assert page.count(order.number) >= 2 and "₫345,000" in page  # owed: under "Money to give back" too

    # The same event again, or another event about the same refund: nothing twice.
    assert post_event(client, event).get_json()["outcome"] == "duplicate"
    assert post_event(client, _failed(refund, "charge.refund.updated")).get_json()["outcome"] == "already_failed"
    assert len(entries()) == len(kinds)
    assert db.session.scalar(sa.select(sa.func.count(Notice.id)).where(Notice.kind == "payments.refund_failed")) == 1

    # The money is refunded again from the order: the ledger ends exactly where a refund leaves it.
    post_refund(admin_client, order, "order")
    assert _refund().status == RefundStatus.SUCCEEDED
    assert balance(shop["coop_a"]) == 0 and balance(shop["coop_b"]) == 0
    assert "Nothing to give back." in admin_client.get("/admin/payments?lang=en").get_data(as_text=True)


def test_a_refund_update_that_is_not_a_failure_or_of_an_unknown_refund_changes_nothing(
        client, admin_client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 1))
    post_refund(admin_client, order, "order")
    refund = _refund()
    before = entries()
    assert post_event(client, _failed(refund, "charge.refund.updated", status="succeeded")).get_json()["outcome"] == \
        "ignored"
    unknown = _failed(refund, id="re_unknown", payment_intent="pi_unknown")
    assert post_event(client, unknown).get_json()["outcome"] == "unknown_refund"
    assert _refund().status == RefundStatus.SUCCEEDED and entries() == before


def test_a_dashboard_refund_that_failed_is_found_by_its_payment_and_amount(client, fake_stripe, shop):
    order = paid(fake_stripe, (shop["candy"], 2))
    charge = {"id": "ch_1", "object": "charge", "payment_intent": "pi_cs_test_1", "amount_refunded": 50000}
    assert post_event(client, make_event("charge.refunded", charge)).get_json()["outcome"] == "refund_recorded"
    refund = _refund()
    assert refund.source == RefundSource.STRIPE and refund.stripe_refund_id is None
    credited = 170000 - 8500 + 30000
    assert balance(shop["coop_a"]) < credited
    failed = make_event("refund.failed", {"id": "re_dashboard", "object": "refund", "amount": 50000, "status": "failed",
                                          "payment_intent": "pi_cs_test_1", "failure_reason": "lost_or_stolen_card"})
    assert post_event(client, failed).get_json()["outcome"] == "refund_failed"
    refund = _refund()
    assert (refund.status, refund.stripe_refund_id) == (RefundStatus.FAILED, "re_dashboard")
    assert balance(shop["coop_a"]) == credited and order.number
    assert db.session.scalar(sa.select(sa.func.count(LedgerEntry.id)).where(
        LedgerEntry.kind == "refund_reversal")) == 1
