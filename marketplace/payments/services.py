"""The rules of paying: starting a card payment, recording it once, cancelling orders left
unpaid, refunds, payouts, and the money a card order still owes back.

The flow of a card order: orders.services.place_order reserves the stock (awaiting payment)
→ `start` opens a Stripe Checkout Session (an idempotency key per order and attempt) → the
buyer pays on Stripe's page → the `checkout.session.completed` webhook, or the buyer's return
page, whichever comes first, calls the same idempotent path (`mark_paid`): the order becomes
paid, its shipments go to the cooperatives, each cooperative is credited in the ledger.
Transitions are guarded twice: the order's row lock (orders.services) and conditional UPDATEs
of payments and refunds; ledger postings are unique by posting key.

Plain functions; each one that writes owns its transaction. None reads the request.
"""
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, render_template, url_for
from flask_babel import force_locale, gettext as _, lazy_gettext as _l
from sqlalchemy.orm import selectinload

from marketplace import clock
from marketplace.accounts import services as accounts
from marketplace.accounts.models import Role, User
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.i18n import price
from marketplace.mail import send_mail
from marketplace.money import format_vnd, split_largest_remainder
from marketplace.notices import services as notices
from marketplace.orders import services as orders
from marketplace.orders.models import Order, PaymentMethod, Shipment, Status
from marketplace.payments import ledger
from marketplace.payments.gateway import PaymentError, gateway_for
from marketplace.payments.models import (
    Payment,
    PaymentStatus,
    Payout,
    Refund,
    RefundPart,
    RefundSource,
    RefundStatus,
)
from marketplace.producers.models import Cooperative

log = logging.getLogger(__name__)

# An unpaid card order is released this long after its last session expired: a payment made
# in the session's last second has time to be reported first.
RELEASE_GRACE = timedelta(minutes=5)
# An open session this close to its expiry is not offered again: a new one is made.
REUSE_MARGIN = timedelta(minutes=2)

notices.register_kind(
    "payments.refunded",
    _l("Refund for order %(number)s"),
    _l("%(amount)s was refunded to you."),
)
notices.register_kind(
    "payments.refund_due",
    _l("Order %(number)s needs a refund"),
    _l("%(amount)s was paid by card for an order that does not need it. Refund it from the payments page."),
)
notices.register_kind(
    "payments.payout",
    _l("Payout of %(amount)s"),
    _l("The marketplace sent %(amount)s to your bank account (reference %(reference)s)."),
)


class RefundRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


class PayoutRefused(RefundRefused):
    pass


@dataclass
class Outcome:
    """What handling a payment (or an event) did, and what to do once it is committed."""

    outcome: str
    order_id: int | None = None
    after_commit: list = field(default_factory=list)

    def done(self):
        for action in self.after_commit:
            action()


def _lock_order(order_id):
    """The order, its row locked until the commit (SQLite ignores FOR UPDATE; it serialises
    writers anyway)."""
    return db.session.scalars(
        sa.select(Order).where(Order.id == order_id).with_for_update().execution_options(populate_existing=True)
    ).one()


def _set_payment(payment_id, from_statuses, **values):
    """Update a payment only if it is still in one of `from_statuses`: True if it was."""
    result = db.session.execute(
        sa.update(Payment)
        .where(Payment.id == payment_id, Payment.status.in_(list(from_statuses)))
        .values(**values)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


def payments_of(order_id):
    return db.session.scalars(sa.select(Payment).where(Payment.order_id == order_id).order_by(Payment.attempt)).all()


def _payment_by_session(session_id):
    if not session_id:
        return None
    return db.session.scalar(sa.select(Payment).where(Payment.session_id == session_id))


# ---------------------------------------------------------------------------------------
# Starting a card payment


def card_refusal(amount):
    """Why a card cannot pay `amount` đồng here (not offered, or outside Stripe's limits), or None."""
    try:
        return gateway_for(PaymentMethod.CARD).refusal(amount)
    except PaymentError as error:
        return error.message


def _attempt(order_id, gateway):
    """The open payment to send the buyer to, or a new attempt written (status creating) and
    committed before Stripe is called, so that it is never lost. None when the order no longer
    awaits payment."""
    order = _lock_order(order_id)
    if order.status != Status.AWAITING_PAYMENT:
        db.session.commit()
        return None
    now = clock.utcnow()
    earlier = payments_of(order.id)
    for payment in reversed(earlier):
        if payment.status == PaymentStatus.OPEN and payment.expires_at > now + REUSE_MARGIN:
            db.session.commit()
            return payment
    number = max((p.attempt for p in earlier), default=0) + 1
    payment = Payment(order_id=order.id, attempt=number, idempotency_key=f"{order.number}-attempt-{number}",
                      amount_vnd=order.total_vnd, status=PaymentStatus.CREATING, expires_at=gateway.expires_at(now))
    db.session.add(payment)
    db.session.commit()
    return payment


def start(order, success_url, cancel_url):
    """Where to send the buyer of an unpaid card order: its open Checkout Session, or a new one.
    None when the order does not wait for a card payment. PaymentError when Stripe refused or
    did not answer: the order stays awaiting payment, and the buyer can try again."""
    if order.payment_method != PaymentMethod.CARD or order.status != Status.AWAITING_PAYMENT:
        return None
    gateway = gateway_for(PaymentMethod.CARD)
    refusal = gateway.refusal(order.total_vnd)
    if refusal:
        raise PaymentError(refusal)
    payment = _attempt(order.id, gateway)
    if payment is None:
        return None
    if payment.status == PaymentStatus.OPEN:
        return payment.checkout_url
    order = orders.get_order(order.number)
    try:
        checkout = gateway.start(order, payment, success_url, cancel_url)
    except PaymentError as error:
        _set_payment(payment.id, [PaymentStatus.CREATING], status=PaymentStatus.FAILED, error=error.detail[:500])
        db.session.commit()
        raise
    _set_payment(payment.id, [PaymentStatus.CREATING], status=PaymentStatus.OPEN,
                 session_id=checkout.session_id, checkout_url=checkout.url)
    db.session.commit()
    return checkout.url


def open_payment(order):
    """The order's open Checkout Session (to send the buyer to), or None."""
    now = clock.utcnow()
    for payment in reversed(payments_of(order.id)):
        if payment.status == PaymentStatus.OPEN and payment.expires_at > now and payment.checkout_url:
            return payment
    return None


# ---------------------------------------------------------------------------------------
# Recording a payment (the webhook and the return page)


def session_paid(session):
    """A Checkout Session was paid: the work of mark_paid inside the caller's transaction (the
    webhook's transaction also stores the event). Like the other event handlers below
    (session_expired, payment_failed, charge_refunded), it returns an Outcome and commits nothing."""
    payment = _payment_by_session(session.get("id"))
    if payment is None:
        order = orders.get_order(session.get("client_reference_id") or "")
        log.error("Checkout Session %s is not one of ours (order %s)", session.get("id"), session.get("client_reference_id"))
        return Outcome("unknown_order" if order is None else "unknown_session", order.id if order else None)
    if session.get("payment_status") != "paid":
        return Outcome("not_paid_yet", payment.order_id)  # e.g. a bank debit: wait for async_payment_succeeded
    if session.get("amount_total") != payment.amount_vnd or str(session.get("currency", "")).lower() != "vnd":
        log.error("Checkout Session %s paid %s %s, expected %s vnd", session.get("id"), session.get("amount_total"),
                  session.get("currency"), payment.amount_vnd)
        return Outcome("amount_mismatch", payment.order_id)
    released = orders.release_paid_order(payment.order)  # locks the order: one of two concurrent calls waits here
    newly_paid = _set_payment(
        payment.id, [PaymentStatus.CREATING, PaymentStatus.OPEN, PaymentStatus.EXPIRED, PaymentStatus.FAILED],
        status=PaymentStatus.PAID, paid_at=clock.utcnow(), payment_intent_id=session.get("payment_intent"),
    )
    if released is not None:
        for shipment in released.shipments:
            ledger.credit_shipment(shipment, released.number)
        return Outcome("paid", released.id, [lambda: orders.announce_order(released)])
    if not newly_paid:
        return Outcome("already_paid", payment.order_id)
    # Money arrived for an order that no longer waited for it (cancelled meanwhile, or paid by
    # another session): nothing moves, no stock comes back twice; an admin refunds it.
    return Outcome("refund_due", payment.order_id, [lambda: _tell_admins_refund_due(payment.id)])


def mark_paid(session):
    """Record that a Checkout Session (a dict, as Stripe sends it) was paid: the order becomes
    paid, its shipments go to the cooperatives, which are credited and told. Idempotent: however
    often and however concurrently it is called, it happens once. Returns the Outcome."""
    try:
        result = session_paid(session)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    result.done()
    return result


def confirm_return(order, session_id):
    """The buyer is back from Stripe's page before the webhook: ask Stripe about the session
    (only one of this order's) and record the payment the same way. Quietly does nothing when
    Stripe cannot be asked now: the webhook will come."""
    payment = _payment_by_session(session_id)
    if payment is None or payment.order_id != order.id or order.status != Status.AWAITING_PAYMENT:
        return None
    try:
        session = gateway_for(PaymentMethod.CARD).retrieve_session(session_id)
    except PaymentError:
        return None
    return mark_paid(session)


def _live_elsewhere(order_id, payment_id, now):
    """Another attempt of the order that may still be (or was) paid."""
    minutes = timedelta(minutes=current_app.config["STRIPE_SESSION_MINUTES"])
    return db.session.scalar(
        sa.select(sa.func.count(Payment.id)).where(
            Payment.order_id == order_id,
            Payment.id != payment_id,
            sa.or_(
                Payment.status == PaymentStatus.PAID,
                sa.and_(Payment.status == PaymentStatus.OPEN, Payment.expires_at > now),
                sa.and_(Payment.status == PaymentStatus.CREATING, Payment.created_at > now - minutes),
            ),
        )
    ) > 0


def _unpaid_reason(order):
    with force_locale(order.language):
        return _("The card payment was not completed in time.")


def _cancel_unpaid(order):
    """Inside a transaction: expire the order's open attempts and cancel it (stock back once).
    The Outcome says what happened."""
    _lock_order(order.id)
    db.session.execute(
        sa.update(Payment)
        .where(Payment.order_id == order.id, Payment.status.in_([PaymentStatus.CREATING, PaymentStatus.OPEN]))
        .values(status=PaymentStatus.EXPIRED)
        .execution_options(synchronize_session="fetch")
    )
    cancelled = orders.cancel_unpaid_order(order, _unpaid_reason(order))
    if cancelled is None:
        return Outcome("ignored", order.id)  # paid or cancelled already: nothing to give back
    return Outcome("cancelled", order.id, [pagecache.invalidate, lambda: _mail_unpaid_cancelled(cancelled)])


def _close(session, status):
    """A session expired, or its payment failed: that attempt is over; the order is cancelled
    unless another attempt may still be (or was) paid, or it was paid already."""
    payment = _payment_by_session(session.get("id"))
    if payment is None:
        order = orders.get_order(session.get("client_reference_id") or "")
        return Outcome("unknown_order" if order is None else "unknown_session", order.id if order else None)
    _lock_order(payment.order_id)
    _set_payment(payment.id, [PaymentStatus.CREATING, PaymentStatus.OPEN], status=status)
    if _live_elsewhere(payment.order_id, payment.id, clock.utcnow()):
        return Outcome("superseded", payment.order_id)
    return _cancel_unpaid(payment.order)


def session_expired(session):
    return _close(session, PaymentStatus.EXPIRED)


def payment_failed(session):
    return _close(session, PaymentStatus.FAILED)


def close_checkout(order):
    """After the buyer cancelled an unpaid card order: expire its open sessions at Stripe so
    they cannot be paid any more (best effort: a payment that still arrives is flagged for a
    refund)."""
    if order.payment_method != PaymentMethod.CARD:
        return
    for payment in payments_of(order.id):
        if payment.status != PaymentStatus.OPEN:
            continue
        try:
            gateway_for(PaymentMethod.CARD).expire_session(payment.session_id)
        except PaymentError:
            continue
        _set_payment(payment.id, [PaymentStatus.OPEN], status=PaymentStatus.EXPIRED)
        db.session.commit()


def release_expired(now=None):
    """Cancel the unpaid card orders whose time to pay ran out, giving their stock back (for
    cron: `flask --app wsgi payments release-expired`). Stripe is asked about each open
    session first: one paid without our hearing is recorded as paid instead. Returns
    {"cancelled": [...], "paid": [...], "skipped": [...]} order numbers (skipped: Stripe could
    not be asked; the next run tries again)."""
    now = now or clock.utcnow()
    cutoff = now - timedelta(minutes=current_app.config["STRIPE_SESSION_MINUTES"]) - RELEASE_GRACE
    waiting = db.session.scalars(
        sa.select(Order).where(Order.payment_method == PaymentMethod.CARD, Order.status == Status.AWAITING_PAYMENT,
                               Order.placed_at < cutoff).order_by(Order.id)
    ).all()
    report = {"cancelled": [], "paid": [], "skipped": []}
    for order in waiting:
        attempts = payments_of(order.id)
        if any(p.status in (PaymentStatus.OPEN, PaymentStatus.CREATING) and p.expires_at + RELEASE_GRACE > now
               for p in attempts):
            continue  # still payable
        try:
            verdict, session = _ask_stripe([p for p in attempts if p.status == PaymentStatus.OPEN and p.session_id])
        except PaymentError:
            report["skipped"].append(order.number)
            continue
        if verdict == "paid":
            mark_paid(session)
            report["paid"].append(order.number)
            continue
        if verdict == "paying":
            continue  # a delayed payment method is under way: its own event settles the order
        result = _cancel_unpaid(order)
        db.session.commit()
        result.done()
        if result.outcome == "cancelled":
            report["cancelled"].append(order.number)
    return report


def _ask_stripe(open_payments):
    """What Stripe says of these sessions: ("paid", the session), ("paying", session) for a
    completed session whose delayed payment is under way, or (None, None); open ones are
    expired at Stripe on the way, so that nobody pays them after the order is cancelled."""
    if not open_payments:
        return None, None
    gateway = gateway_for(PaymentMethod.CARD)
    for payment in open_payments:
        session = gateway.retrieve_session(payment.session_id)
        if session.get("payment_status") == "paid":
            return "paid", session
        if session.get("status") == "complete":
            return "paying", session
        if session.get("status") == "open":
            gateway.expire_session(payment.session_id)
    return None, None


# ---------------------------------------------------------------------------------------
# Mail and notices


def _mail_buyer(order, template, subject, **context):
    with force_locale(order.language):
        body = render_template(template, order=order, link=orders.order_link(order), **context)
        send_mail(order.email, str(subject), body)


def _mail_unpaid_cancelled(order):
    with force_locale(order.language):
        subject = _("Order %(number)s was cancelled", number=order.number)
    _mail_buyer(order, "payments/email/unpaid_cancelled.txt", subject)


def _tell_buyer_refunded(order_id, refund_id):
    order = db.session.get(Order, order_id)
    refund = db.session.get(Refund, refund_id)
    with force_locale(order.language):
        subject = _("Refund for order %(number)s", number=order.number)
        amount = format_vnd(refund.amount_vnd, order.language)
    _mail_buyer(order, "payments/email/refunded.txt", subject, refund=refund, amount=amount)
    if order.user_id is not None:
        notices.notify([order.user], "payments.refunded", link=url_for("orders.order_detail", number=order.number),
                       params={"number": order.number, "amount": format_vnd(refund.amount_vnd)},
                       dedupe_key=f"refunded:{refund.id}")
        db.session.commit()


def _admins():
    return db.session.scalars(sa.select(User).where(User.role == Role.ADMIN, User.deleted_at.is_(None))).all()


def _tell_admins_refund_due(payment_id):
    payment = db.session.get(Payment, payment_id)
    order = payment.order
    notices.notify(_admins(), "payments.refund_due", link=url_for("payments.admin_order", number=order.number),
                   params={"number": order.number, "amount": format_vnd(payment.amount_vnd)}, email=True,
                   dedupe_key=f"refund-due:{payment.id}")
    db.session.commit()


# ---------------------------------------------------------------------------------------
# What an order was paid and refunded


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
        if self.order.payment_method == PaymentMethod.CARD:
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
        if self.order.payment_method != PaymentMethod.CARD:
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
        .where(Order.payment_method == PaymentMethod.CARD, Order.id.in_(paid),
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


# ---------------------------------------------------------------------------------------
# Refunds


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
    try:
        made = _prepare_refund(order.id, kind, target, bool(restock), reason, actor)
        db.session.commit()
    except RefundRefused:
        db.session.rollback()
        raise
    if made.status == RefundStatus.PENDING:
        return _send_refund(made.id)
    _after_refund(made)
    return made


def _prepare_refund(order_id, kind, target, restock, reason, actor):
    order = _lock_order(order_id)
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
    if card and (payment is None or amount > money.payment_left(payment)):
        raise RefundRefused(_("The card payment does not cover this refund; refund in Stripe's dashboard."))
    made = Refund(
        order_id=order.id, payment_id=payment.id if card else None, method=order.payment_method,
        source=RefundSource.ADMIN, amount_vnd=amount, status=RefundStatus.PENDING,
        idempotency_key=f"{order.number}-refund-{len(money.refunds) + 1}", restock=restock, reason=reason,
        actor_id=actor.id if actor is not None else None,
    )
    made.parts = [RefundPart(shipment_id=s.id if s is not None else None, amount_vnd=value) for s, value in parts]
    db.session.add(made)
    db.session.flush()
    if not card:  # cash on delivery: handed back by hand, nothing to wait for
        made.status = RefundStatus.SUCCEEDED
        _apply_refund(made, order)
    return made


def _send_refund(refund_id):
    """Ask Stripe to refund a pending refund (same idempotency key every time), then apply it."""
    made = db.session.get(Refund, refund_id)
    payment = db.session.get(Payment, made.payment_id)
    try:
        result = gateway_for(PaymentMethod.CARD).refund(payment, made)
    except PaymentError as error:
        _finish_refund(made.id, RefundStatus.FAILED if error.certain else RefundStatus.PENDING, error=error.detail[:500])
        db.session.commit()
        if error.certain:
            raise RefundRefused(error.message) from None
        raise RefundRefused(_("%(problem)s The refund may have gone through: retry it from the payments page; it "
                              "cannot be refunded twice.", problem=error.message)) from None
    status = RefundStatus.SUCCEEDED if result.succeeded else RefundStatus.FAILED
    order = _lock_order(made.order_id)
    if _finish_refund(made.id, status, stripe_refund_id=result.refund_id, error="") and result.succeeded:
        db.session.refresh(made)
        _apply_refund(made, order)
    db.session.commit()
    if not result.succeeded:
        raise RefundRefused(_("Stripe could not refund this payment; see the Stripe dashboard."))
    _after_refund(made)
    return made


def retry_refund(refund_id):
    """Ask Stripe again about a refund whose answer was lost (the same idempotency key: Stripe
    answers with the first refund instead of making a second)."""
    made = db.session.get(Refund, refund_id)
    if made is None or made.status != RefundStatus.PENDING or made.method != PaymentMethod.CARD:
        raise RefundRefused(_("This refund is not waiting for an answer."))
    return _send_refund(made.id)


def _finish_refund(refund_id, status, **values):
    result = db.session.execute(
        sa.update(Refund).where(Refund.id == refund_id, Refund.status == RefundStatus.PENDING)
        .values(status=status, updated_at=clock.utcnow(), **values).execution_options(synchronize_session="fetch")
    )
    return result.rowcount == 1


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
        orders.settle_refund(order, cancel_ids, restock_ids, actor, made.reason, in_full)


def _after_refund(made):
    pagecache.invalidate()  # stock may have come back through UPDATE statements
    _tell_buyer_refunded(made.order_id, made.id)


def charge_refunded(charge):
    """A `charge.refunded` event: refunds made here are already recorded; money refunded in
    Stripe's dashboard is recorded now, spread over the shipments in proportion to what is
    left of each (the dashboard does not say which), and debited from their cooperatives."""
    payment = db.session.scalar(
        sa.select(Payment).where(Payment.payment_intent_id == charge.get("payment_intent"))
    ) if charge.get("payment_intent") else None
    if payment is None:
        return Outcome("unknown_payment")
    order = _lock_order(payment.order_id)
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
    return Outcome("refund_recorded", order.id, [lambda: _tell_buyer_refunded(order.id, made.id)])


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


# ---------------------------------------------------------------------------------------
# Payouts and balances


def record_payout(cooperative, amount, bank_reference, paid_on, actor, note=""):
    """An admin records a bank transfer to a cooperative: it debits its balance. At most what
    the cooperative is owed; a bank reference once per cooperative."""
    bank_reference = (bank_reference or "").strip()
    if not isinstance(amount, int) or amount <= 0:
        raise PayoutRefused(_("Enter the amount in đồng, e.g. 1.500.000."))
    if not bank_reference or len(bank_reference) > 100:
        raise PayoutRefused(_("Enter the bank transfer's reference (at most 100 characters)."))
    if paid_on is None or paid_on > clock.today():
        raise PayoutRefused(_("Enter the day the transfer was made (not in the future)."))
    try:
        db.session.scalars(sa.select(Cooperative.id).where(Cooperative.id == cooperative.id).with_for_update()).one()
        owed = ledger.balance(cooperative.id)
        if amount > owed:
            raise PayoutRefused(_("%(name)s is owed %(balance)s: a payout cannot be larger.",
                                  name=cooperative.name, balance=price(owed)))
        payout = Payout(cooperative_id=cooperative.id, amount_vnd=amount, bank_reference=bank_reference,
                        paid_on=paid_on, note=(note or "").strip()[:500], actor_id=actor.id if actor else None)
        db.session.add(payout)
        db.session.flush()
        ledger.debit_payout(payout)
        db.session.commit()
    except PayoutRefused:
        db.session.rollback()
        raise
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise PayoutRefused(_("This bank reference is already recorded for %(name)s.", name=cooperative.name)) from None
    staff = [member.user for member in accounts.members(cooperative)]
    notices.notify(staff, "payments.payout", link=url_for("payments.ledger_page"),
                   params={"amount": format_vnd(amount), "reference": bank_reference}, email=True,
                   dedupe_key=f"payout:{payout.id}")
    db.session.commit()
    return payout


def payouts_of(cooperative_id, limit=100):
    return db.session.scalars(
        sa.select(Payout).where(Payout.cooperative_id == cooperative_id)
        .order_by(Payout.paid_on.desc(), Payout.id.desc()).limit(limit)
    ).all()


@dataclass
class CooperativeBalance:
    cooperative: Cooperative
    balance: int


def cooperative_balances():
    """Every cooperative with ledger entries and what it is owed, largest first (two queries)."""
    owed = ledger.balances()
    cooperatives = db.session.scalars(sa.select(Cooperative).where(Cooperative.id.in_(list(owed)))).all() if owed else []
    rows = [CooperativeBalance(c, owed[c.id]) for c in cooperatives]
    return sorted(rows, key=lambda row: (-row.balance, row.cooperative.name))
