"""What an order was paid and refunded, and refunds: of a whole order, one shipment or a card
payment the order did not need — through Stripe for cards, recorded as handed back for cash
on delivery — and those made in Stripe's dashboard, learnt from its events."""
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _, lazy_gettext as _l
from sqlalchemy.orm import selectinload

from marketplace import jobs, unitofwork
from marketplace.accounts.models import User
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.money import format_vnd, split_largest_remainder
from marketplace.notices import services as notices
from marketplace.orders import fulfilment, notifications as order_notifications
from marketplace.orders.models import PREPAID, Order, PaymentMethod, Shipment, Status
from marketplace.payments import ledger
from marketplace.payments.card import Outcome
from marketplace.payments.gateway import PaymentError, gateway_for
from marketplace.payments.models import (
    REFUND_MACHINE,
    Payment,
    PaymentStatus,
    Refund,
    RefundPart,
    RefundSource,
    RefundStatus,
)
from marketplace.statemachine import StatusConflict


notices.register_kind(
    "payments.refunded",
    _l("Refund for order %(number)s"),
    _l("%(amount)s was refunded to you."),
)


class RefundRefused(Refusal):
    pass


@dataclass
class OrderMoney:
    """An order's payments and refunds, and what is left to refund (refunds pending or done count)."""

    order: Order
    payments: list
    refunds: list

    def __post_init__(self):
        self.by_shipment, self.by_payment = defaultdict(int), defaultdict(int)
        for refund in self.active_refunds:
            self.by_payment[refund.payment_id] += refund.amount_vnd
            for part in refund.parts:
                self.by_shipment[part.shipment_id] += part.amount_vnd

    @property
    def active_refunds(self):
        return [r for r in self.refunds if r.status != RefundStatus.FAILED]

    @property
    def paid_payments(self):
        return sorted((p for p in self.payments if p.status == PaymentStatus.PAID), key=lambda p: (p.paid_at, p.id))

    @property
    def primary(self):
        """The card payment the order's goods are refunded from (the first that was paid)."""
        paid = self.paid_payments
        return paid[0] if paid else None

    @property
    def surplus(self):
        """Card payments beyond the first (a second session paid too), with money left on them."""
        return [p for p in self.paid_payments[1:] if self.payment_left(p) > 0]

    def payment_left(self, payment):
        return payment.amount_vnd - self.by_payment[payment.id]

    def refundable(self, shipment):
        """What can still be refunded for a shipment: all it cost, once paid (card: the order
        was paid; cash: that shipment was delivered), less what was refunded."""
        if self.order.payment_method in PREPAID:
            paid = self.primary is not None
        else:
            paid = shipment.status == Status.DELIVERED
        return max(0, shipment.total_vnd - self.by_shipment[shipment.id]) if paid else 0

    @property
    def refunded(self):
        return sum(r.amount_vnd for r in self.active_refunds)

    @property
    def in_full(self):
        """Every shipment refunded all it cost (cash orders: or cancelled before any money changed hands)."""
        cash = self.order.payment_method == PaymentMethod.COD
        return bool(self.active_refunds) and all(
            self.by_shipment[s.id] >= s.total_vnd or (cash and s.status == Status.CANCELLED) for s in self.order.shipments
        )

    @property
    def due_back(self):
        """Card money the order does not need: paid, less refunded, less what its shipments that
        were not cancelled still cost. Positive: an admin should refund it."""
        if self.order.payment_method not in PREPAID:
            return 0
        kept = sum(s.total_vnd - self.by_shipment[s.id] for s in self.order.shipments if s.status != Status.CANCELLED)
        return max(0, sum(p.amount_vnd for p in self.paid_payments) - self.refunded - kept)


def money_of(orders_):
    """OrderMoney of each order (shipments loaded), in four queries whatever their number."""
    ids = [o.id for o in orders_]
    payments, refunds = defaultdict(list), defaultdict(list)
    if ids:
        for payment in db.session.scalars(sa.select(Payment).where(Payment.order_id.in_(ids)).order_by(Payment.attempt)):
            payments[payment.order_id].append(payment)
        for refund in db.session.scalars(
            sa.select(Refund).where(Refund.order_id.in_(ids)).options(selectinload(Refund.parts), selectinload(Refund.actor))
            .order_by(Refund.id)
        ):
            refunds[refund.order_id].append(refund)
    return [OrderMoney(o, payments[o.id], refunds[o.id]) for o in orders_]


def refunds_due(limit=200):
    """Card orders with money to give back (paid after they were cancelled, a cooperative
    cancelled its part after payment, paid twice), oldest first."""
    paid = sa.select(Payment.order_id).where(Payment.status == PaymentStatus.PAID)
    paid_twice = paid.group_by(Payment.order_id).having(sa.func.count(Payment.id) > 1)
    cancelled_part = sa.select(Shipment.id).where(Shipment.order_id == Order.id, Shipment.status == Status.CANCELLED)
    candidates = db.session.scalars(
        sa.select(Order)
        .where(Order.payment_method.in_(PREPAID), Order.id.in_(paid),
               sa.or_(cancelled_part.exists(), Order.id.in_(paid_twice)))
        .options(selectinload(Order.shipments))
        .order_by(Order.id)
        .limit(limit)
    ).all()
    return [money for money in money_of(candidates) if money.due_back > 0]


def pending_refunds():
    return db.session.scalars(
        sa.select(Refund).where(Refund.status == RefundStatus.PENDING).options(selectinload(Refund.parts)).order_by(Refund.id)
    ).all()


def recent_payments(limit=50):
    return db.session.scalars(
        sa.select(Payment).options(selectinload(Payment.order)).order_by(Payment.created_at.desc(), Payment.id.desc())
        .limit(limit)
    ).all()


def parse_scope(text):
    """("order", None), ("shipment", id) or ("payment", id) from the refund form's choice."""
    kind, _sep, number = (text or "").partition(":")
    if kind == "order" and not number:
        return "order", None
    if kind in ("shipment", "payment") and number.isascii() and number.isdigit() and len(number) <= 9:
        return kind, int(number)
    raise RefundRefused(_("Choose what to refund."))


def refund(order, scope, restock, reason, actor):
    """Refund a whole order, one shipment, or a card payment the order did not need — through
    Stripe for cards, recorded as handed back for cash on delivery. Shipments not yet shipped
    are cancelled; the goods go back to stock if `restock` (never twice); the ledger debits the
    cooperatives; the buyer is told. RefundRefused with a sentence otherwise. A card refund
    whose answer was lost stays pending: `retry_refund` asks again with the same key."""
    reason = (reason or "").strip()[:500]
    if not reason:
        raise RefundRefused(_("Say why the money is refunded; the buyer reads it."))
    kind, target = parse_scope(scope)
    with unitofwork.unit_of_work():
        made = _prepare_refund(order.id, kind, target, bool(restock), reason, actor)
    if made.status == RefundStatus.PENDING:
        return _send_refund(made.id)
    return made


def _prepare_refund(order_id, kind, target, restock, reason, actor):
    order = fulfilment.locked_order(order_id)
    money = money_of([order])[0]
    payment, parts = money.primary, []
    if kind == "payment":
        payment = next((p for p in money.surplus if p.id == target), None)
        if payment is None:
            raise RefundRefused(_("Nothing is left to refund here."))
        parts = [(None, money.payment_left(payment))]
    else:
        shipments = [s for s in order.shipments if kind == "order" or s.id == target]
        if kind == "shipment" and not shipments:
            raise RefundRefused(_("Choose what to refund."))
        parts = [(s, money.refundable(s)) for s in shipments if money.refundable(s) > 0]
    amount = sum(value for _shipment, value in parts)
    if amount <= 0:
        raise RefundRefused(_("Nothing is left to refund here."))
    card = order.payment_method == PaymentMethod.CARD
    prepaid = order.payment_method in PREPAID
    if prepaid and (payment is None or amount > money.payment_left(payment)):
        raise RefundRefused(_("The card payment does not cover this refund; refund in Stripe's dashboard.") if card
                            else _("The bank transfer does not cover this refund."))
    made = Refund(
        order_id=order.id, payment_id=payment.id if prepaid else None, method=order.payment_method,
        source=RefundSource.ADMIN, amount_vnd=amount,
        # Cash and bank transfers are handed back by hand: nothing to wait for.
        status=RefundStatus.PENDING if card else RefundStatus.SUCCEEDED,
        idempotency_key=f"{order.number}-refund-{len(money.refunds) + 1}", restock=restock, reason=reason,
        actor_id=actor.id if actor is not None else None,
    )
    made.parts = [RefundPart(shipment_id=s.id if s is not None else None, amount_vnd=value) for s, value in parts]
    db.session.add(made)
    db.session.flush()
    if not card:
        _apply_refund(made, order)
    return made


def _send_refund(refund_id):
    """Ask Stripe to refund a pending refund (same idempotency key every time), then apply it."""
    made = db.session.get(Refund, refund_id)
    payment = db.session.get(Payment, made.payment_id)
    try:
        result = gateway_for(PaymentMethod.CARD).refund(payment, made)
    except PaymentError as error:
        if error.certain:
            _finish_refund(made, RefundStatus.FAILED, error=error.detail[:500])
        else:
            made.error = error.detail[:500]  # still pending: the admin retries
        unitofwork.commit()
        if error.certain:
            raise RefundRefused(error.message) from None
        raise RefundRefused(_("%(problem)s The refund may have gone through: retry it from the payments page; it "
                              "cannot be refunded twice.", problem=error.message)) from None
    status = RefundStatus.SUCCEEDED if result.succeeded else RefundStatus.FAILED
    order = fulfilment.locked_order(made.order_id)
    if _finish_refund(made, status, stripe_refund_id=result.refund_id, error="") and result.succeeded:
        db.session.refresh(made)
        _apply_refund(made, order)
    unitofwork.commit()
    if not result.succeeded:
        raise RefundRefused(_("Stripe could not refund this payment; see the Stripe dashboard."))
    return made


def retry_refund(refund_id):
    """Ask Stripe again about a refund whose answer was lost (the same idempotency key: Stripe
    answers with the first refund instead of making a second)."""
    made = db.session.get(Refund, refund_id)
    if made is None or made.status != RefundStatus.PENDING or made.method != PaymentMethod.CARD:
        raise RefundRefused(_("This refund is not waiting for an answer."))
    return _send_refund(made.id)


def _finish_refund(made, status, **values):
    """Move a pending refund to its outcome: True if it moved (a concurrent retry may have)."""
    db.session.refresh(made, ["status"])
    if not REFUND_MACHINE.allows(made.status, status):
        return False
    try:
        REFUND_MACHINE.move(made, status, **values)
    except StatusConflict:
        return False
    return True


def _apply_refund(made, order):
    """What a refund that went through does, inside its transaction with the order locked:
    ledger debits; for admin refunds, shipments cancelled and goods restocked as chosen."""
    cancel_ids, restock_ids = set(), set()
    restocked_before = set(db.session.scalars(
        sa.select(RefundPart.shipment_id).join(Refund).where(Refund.order_id == order.id, RefundPart.restocked)
    ))
    shipments = {s.id: s for s in order.shipments}
    for part in made.parts:
        shipment = shipments.get(part.shipment_id)
        if shipment is None:
            continue
        ledger.debit_refund(part, shipment, order.number)
        if made.source != RefundSource.ADMIN:
            continue  # a refund made in Stripe's dashboard moves nothing here
        cancel_ids.add(shipment.id)
        if made.restock and shipment.status != Status.CANCELLED and shipment.id not in restocked_before:
            restock_ids.add(shipment.id)  # a cancelled shipment's stock came back when it was cancelled
            part.restocked = True
    if made.source == RefundSource.ADMIN:
        db.session.flush()
        in_full = money_of([order])[0].in_full
        actor = db.session.get(User, made.actor_id) if made.actor_id else None
        fulfilment.settle_refund(order, cancel_ids, restock_ids, actor, made.reason, in_full)
    jobs.defer(_tell_buyer_refunded, order_id=order.id, refund_id=made.id)


def charge_refunded(charge):
    """A `charge.refunded` event: refunds made here are already recorded; money refunded in
    Stripe's dashboard is recorded now, spread over the shipments in proportion to what is
    left of each (the dashboard does not say which), and debited from their cooperatives."""
    payment = db.session.scalar(
        sa.select(Payment).where(Payment.payment_intent_id == charge.get("payment_intent"))
    ) if charge.get("payment_intent") else None
    if payment is None:
        return Outcome("unknown_payment")
    order = fulfilment.locked_order(payment.order_id)
    money = money_of([order])[0]
    missing = int(charge.get("amount_refunded") or 0) - money.by_payment[payment.id]
    if missing <= 0:
        return Outcome("already_recorded", order.id)
    made = Refund(
        order_id=order.id, payment_id=payment.id, method=PaymentMethod.CARD, source=RefundSource.STRIPE,
        amount_vnd=missing, status=RefundStatus.SUCCEEDED,
        idempotency_key=f"stripe-{charge.get('id')}-{charge.get('amount_refunded')}"[:80],
        reason=_("Refunded in Stripe's dashboard."),
    )
    made.parts = [RefundPart(shipment_id=shipment_id, amount_vnd=value) for shipment_id, value in _spread(money, missing)]
    db.session.add(made)
    db.session.flush()
    _apply_refund(made, order)
    return Outcome("refund_recorded", order.id)


def _spread(money, amount):
    """(shipment id or None, amount) parts of a refund, in proportion to what is left to refund
    of each shipment (largest remainders), anything beyond that on a part of its own."""
    shipments = [s for s in money.order.shipments if money.refundable(s) > 0]
    left = [money.refundable(s) for s in shipments]
    covered = min(amount, sum(left))
    parts = [(s.id, value) for s, value in zip(shipments, split_largest_remainder(covered, left)) if value]
    if amount > covered:
        parts.append((None, amount - covered))
    return parts


@jobs.task
def _tell_buyer_refunded(order_id, refund_id):
    order = db.session.get(Order, order_id)
    refund = db.session.get(Refund, refund_id)
    order_notifications.mail_buyer(order, "payments/email/refunded.txt",
                                   lambda o: _("Refund for order %(number)s", number=o.number),
                                   refund=refund, amount=format_vnd(refund.amount_vnd, order.language))
    if order.user_id is not None:
        notices.notify([order.user], "payments.refunded", link=url_for("orders.order_detail", number=order.number),
                       params={"number": order.number, "amount": format_vnd(refund.amount_vnd)},
                       dedupe_key=f"refunded:{refund.id}")
        unitofwork.commit()
