"""Refunds that Stripe reports failed after the fact (`refund.failed`, or
`charge.refund.updated` with the status "failed"): the card could not take the money back,
e.g. the card was closed.

The refund is marked failed; what it posted to the ledger is reversed (ledger.reverse_refund:
the money stayed with the marketplace, so no cooperative is debited for it); the admins are
told by a notice and a mail. The money is then still owed to the buyer: the order counts it
as not refunded, so it appears again under "Money to give back" and "Refunds that failed" on
/admin/payments, and its refund form offers it again. What the refund did to the order
(shipments cancelled, goods restocked) stays: nothing moves backwards.

The handler runs inside the webhook's transaction, which stores the event id: a replayed
event does nothing; a second event about the same refund finds it failed already.
"""
import logging

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from marketplace import jobs
from marketplace.extensions import db
from marketplace.money import format_vnd
from marketplace.notices import services as notices
from marketplace.orders.models import Order
from marketplace.payments import ledger
from marketplace.payments.models import REFUND_MACHINE, Payment, Refund, RefundStatus
from marketplace.orders.fulfilment import locked_order
from marketplace.payments.card import Outcome, _admins
from marketplace.payments.refunds import money_of
from marketplace.statemachine import IllegalTransition, StatusConflict

log = logging.getLogger(__name__)

notices.register_kind(
    "payments.refund_failed",
    _l("A refund for order %(number)s failed"),
    _l("Stripe could not give back %(amount)s: %(reason)s. The money is still owed to the buyer; refund it again "
       "from the payments page."),
)


def _refund_of(stripe_refund):
    """Our refund that this Stripe refund object is: by Stripe's id; else (a refund whose
    answer was lost, or one made in Stripe's dashboard, whose id we never learnt) the oldest
    of the same payment and amount without a Stripe id that has not failed."""
    refund_id = stripe_refund.get("id")
    if isinstance(refund_id, str):
        made = db.session.scalar(sa.select(Refund).where(Refund.stripe_refund_id == refund_id))
        if made is not None:
            return made
    intent = stripe_refund.get("payment_intent")
    if not isinstance(intent, str):
        return None
    return db.session.scalar(
        sa.select(Refund).join(Payment, Payment.id == Refund.payment_id)
        .where(Payment.payment_intent_id == intent, Refund.stripe_refund_id.is_(None),
               Refund.amount_vnd == stripe_refund.get("amount"), Refund.status != RefundStatus.FAILED)
        .order_by(Refund.id).limit(1)
    )


def refund_failed(stripe_refund):
    """A Stripe refund object whose refund failed: the work of the event inside the caller's
    transaction; an Outcome, nothing committed. Other statuses are ignored."""
    if stripe_refund.get("status") != "failed":
        return Outcome("ignored")
    made = _refund_of(stripe_refund)
    if made is None:
        return Outcome("unknown_refund")
    order = locked_order(made.order_id)
    reason = str(stripe_refund.get("failure_reason") or "unknown")[:200]
    db.session.refresh(made, ["status"])  # its latest committed status
    try:
        REFUND_MACHINE.move(made, RefundStatus.FAILED, reason=reason, error=f"Stripe: {reason}"[:500],
                            stripe_refund_id=made.stripe_refund_id or stripe_refund.get("id"))
    except (IllegalTransition, StatusConflict):
        return Outcome("already_failed", order.id)
    ledger.reverse_refund(made.id, order.number)
    refund_id = made.id
    jobs.defer(_tell_admins, refund_id=refund_id, reason=str(reason))
    return Outcome("refund_failed", order.id)


@jobs.task
def _tell_admins(refund_id, reason):
    made = db.session.get(Refund, refund_id)
    order = db.session.get(Order, made.order_id)
    notices.notify(_admins(), "payments.refund_failed", link=url_for("payments.admin_order", number=order.number),
                   params={"number": order.number, "amount": format_vnd(made.amount_vnd), "reason": reason},
                   email=True, dedupe_key=f"refund-failed:{made.id}")
    db.session.commit()


def failed_refunds(limit=50):
    """The latest refunds that failed, each with its order's money (what is still owed)."""
    refunds = db.session.scalars(
        sa.select(Refund).where(Refund.status == RefundStatus.FAILED)
        .order_by(Refund.updated_at.desc(), Refund.id.desc()).limit(limit)
    ).all()
    orders = db.session.scalars(
        sa.select(Order).where(Order.id.in_({r.order_id for r in refunds})).options(selectinload(Order.shipments))
    ).all() if refunds else []
    money = {m.order.id: m for m in money_of(orders)}
    return [(refund, money[refund.order_id]) for refund in refunds]
