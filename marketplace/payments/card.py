"""Card payments: starting one, recording it once, and cancelling card orders left unpaid.

The flow of a card order: orders.checkout.place_order reserves the stock (awaiting payment)
→ `start` opens a Stripe Checkout Session (an idempotency key per order and attempt) → the
buyer pays on Stripe's page → the `checkout.session.completed` webhook, or the buyer's return
page, whichever comes first, calls the same idempotent path (`mark_paid`): the order becomes
paid, its shipments go to the cooperatives, each cooperative is credited in the ledger.
Transitions are guarded twice: the order's row lock (orders.fulfilment.locked_order) and the
payment state machine's conditional UPDATE; ledger postings are unique by posting key.

The event handlers (session_paid, session_expired, payment_failed, and refunds'
charge_refunded) work inside the caller's transaction and return an Outcome; what must wait
for the commit they register with `unitofwork.after_commit` (the page cache), or defer as
outbox tasks (`jobs.defer`: mails and notices, written with the change).
"""
import logging
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale, gettext as _, lazy_gettext as _l

from marketplace import clock, jobs, unitofwork
from marketplace.accounts.models import Role, User
from marketplace.batch import Batch
from marketplace.extensions import db
from marketplace.money import format_vnd
from marketplace.notices import services as notices
from marketplace.orders import fulfilment, notifications as order_notifications
from marketplace.orders.models import Order, PaymentMethod, Status
from marketplace.payments import ledger
from marketplace.payments.gateway import PaymentError, gateway_for
from marketplace.payments.models import PAYMENT_MACHINE, Payment, PaymentStatus
from marketplace.statemachine import StatusConflict

log = logging.getLogger(__name__)

# An unpaid card order is released this long after its last session expired: a payment made
# in the session's last second has time to be reported first.
RELEASE_GRACE = timedelta(minutes=5)
# An open session this close to its expiry is not offered again: a new one is made.
REUSE_MARGIN = timedelta(minutes=2)


notices.register_kind(
    "payments.refund_due",
    _l("Order %(number)s needs a refund"),
    _l("%(amount)s was paid by card for an order that does not need it. Refund it from the payments page."),
)


@dataclass
class Outcome:
    """What handling a payment (or an event) did: stored with the Stripe event."""

    outcome: str
    order_id: int | None = None


def move_payment(payment, new, **values):
    """Move a payment to `new` if the table allows it from its status now: True if it moved.
    A late or repeated event (or a lost race) finds nothing to move: False."""
    db.session.refresh(payment, ["status"])  # its latest committed status
    if not PAYMENT_MACHINE.allows(payment.status, new):
        return False
    try:
        PAYMENT_MACHINE.move(payment, new, **values)
    except StatusConflict:
        return False
    return True


def payments_by_status():
    """{status: how many card payments} (the metrics' gauge)."""
    rows = db.session.execute(sa.select(Payment.status, sa.func.count()).group_by(Payment.status)).all()
    return {str(status): count for status, count in rows}


def payments_of(order_id):
    return db.session.scalars(sa.select(Payment).where(Payment.order_id == order_id).order_by(Payment.attempt)).all()


def _payment_by_session(session_id):
    if not session_id:
        return None
    return db.session.scalar(sa.select(Payment).where(Payment.session_id == session_id))


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
    order = fulfilment.locked_order(order_id)
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
    order = fulfilment.get_order(order.number)
    try:
        checkout = gateway.start(order, payment, success_url, cancel_url)
    except PaymentError as error:
        move_payment(payment, PaymentStatus.FAILED, error=error.detail[:500])
        db.session.commit()
        raise
    move_payment(payment, PaymentStatus.OPEN, session_id=checkout.session_id, checkout_url=checkout.url)
    db.session.commit()
    return checkout.url


def open_payment(order):
    """The order's open Checkout Session (to send the buyer to), or None."""
    now = clock.utcnow()
    for payment in reversed(payments_of(order.id)):
        if payment.status == PaymentStatus.OPEN and payment.expires_at > now and payment.checkout_url:
            return payment
    return None


def session_paid(session):
    """A Checkout Session was paid: the work of mark_paid inside the caller's transaction (the
    webhook's transaction also stores the event). Like the other event handlers below
    (session_expired, payment_failed, charge_refunded), it returns an Outcome and commits nothing."""
    payment = _payment_by_session(session.get("id"))
    if payment is None:
        order = fulfilment.get_order(session.get("client_reference_id") or "")
        log.error("Checkout Session %s is not one of ours (order %s)", session.get("id"), session.get("client_reference_id"))
        return Outcome("unknown_order" if order is None else "unknown_session", order.id if order else None)
    if session.get("payment_status") != "paid":
        return Outcome("not_paid_yet", payment.order_id)  # e.g. a bank debit: wait for async_payment_succeeded
    if session.get("amount_total") != payment.amount_vnd or str(session.get("currency", "")).lower() != "vnd":
        log.error("Checkout Session %s paid %s %s, expected %s vnd", session.get("id"), session.get("amount_total"),
                  session.get("currency"), payment.amount_vnd)
        return Outcome("amount_mismatch", payment.order_id)
    return record_payment(payment, payment_intent_id=session.get("payment_intent"))


def record_payment(payment, **values):
    """The money of `payment` arrived in full (a card session, an exact bank transfer), inside
    the caller's transaction: the order is paid, its shipments go to the cooperatives, which
    are credited in the ledger and told — or, for an order that no longer waited for it, the
    payment is recorded and an admin is asked to refund it. Idempotent; returns the Outcome."""
    released = fulfilment.release_paid_order(payment.order)  # locks the order: one of two concurrent calls waits here
    newly_paid = move_payment(payment, PaymentStatus.PAID, paid_at=clock.utcnow(), **values)
    if released is not None:
        for shipment in released.shipments:
            ledger.credit_shipment(shipment, released.number)
        order_notifications.announce(released)
        return Outcome("paid", released.id)
    if not newly_paid:
        return Outcome("already_paid", payment.order_id)
    # Money arrived for an order that no longer waited for it (cancelled meanwhile, or paid by
    # another session): nothing moves, no stock comes back twice; an admin refunds it.
    jobs.defer(_tell_admins_refund_due, payment_id=payment.id)
    return Outcome("refund_due", payment.order_id)


def mark_paid(session):
    """Record that a Checkout Session (a dict, as Stripe sends it) was paid: the order becomes
    paid, its shipments go to the cooperatives, which are credited and told. Idempotent: however
    often and however concurrently it is called, it happens once. Returns the Outcome."""
    result = session_paid(session)
    unitofwork.commit()
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
        return str(UNPAID_RULES[order.payment_method].reason)


def _cancel_unpaid(order):
    """Inside a transaction: expire the order's open attempts and cancel it (stock back once).
    The Outcome says what happened."""
    fulfilment.locked_order(order.id)
    for payment in payments_of(order.id):
        move_payment(payment, PaymentStatus.EXPIRED)  # the open attempts (the table moves no other)
    cancelled = fulfilment.cancel_unpaid_order(order, _unpaid_reason(order))
    if cancelled is None:
        return Outcome("ignored", order.id)  # paid or cancelled already: nothing to give back
    jobs.defer(_mail_unpaid_cancelled, order_id=cancelled.id)
    return Outcome("cancelled", order.id)


def _close(session, status):
    """A session expired, or its payment failed: that attempt is over; the order is cancelled
    unless another attempt may still be (or was) paid, or it was paid already."""
    payment = _payment_by_session(session.get("id"))
    if payment is None:
        order = fulfilment.get_order(session.get("client_reference_id") or "")
        return Outcome("unknown_order" if order is None else "unknown_session", order.id if order else None)
    fulfilment.locked_order(payment.order_id)
    move_payment(payment, status)
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
        move_payment(payment, PaymentStatus.EXPIRED)
        unitofwork.commit()


@dataclass(frozen=True)
class UnpaidRule:
    """How a prepaid method's unpaid orders run out of time: the setting of the minutes an
    attempt stays payable, `ask(open payments)` → ("paid", settle), ("paying", None) or
    (None, None) after asking the gateway, `held(order)` (True: leave it, someone decides),
    and the reason the buyer reads when the order is cancelled."""

    minutes_setting: str
    ask: callable
    reason: str
    held: callable = lambda order: False


# PaymentMethod -> UnpaidRule; each prepaid method registers its own (payments.vietqr does).
UNPAID_RULES = {}


def register_unpaid_rule(method, rule):
    UNPAID_RULES[PaymentMethod(method)] = rule


def release_expired(now=None, batch=None):
    """Cancel the unpaid prepaid orders (card, bank transfer) whose time to pay ran out, giving
    their stock back (for cron: `flask --app wsgi payments release-expired`). The gateway is
    asked about each open attempt first: one paid without our hearing is recorded as paid
    instead. Returns {"cancelled": [...], "paid": [...], "skipped": [...]} order numbers
    (skipped: the gateway could not be asked; the next run tries again). Each order is its own
    transaction in `batch`: one that fails is rolled back and reported there, and the others go on."""
    now = now or clock.utcnow()
    report = {"cancelled": [], "paid": [], "skipped": []}
    batch = batch or Batch("payments release-expired")
    for method, rule in UNPAID_RULES.items():
        cutoff = now - timedelta(minutes=current_app.config[rule.minutes_setting]) - RELEASE_GRACE
        waiting = db.session.scalars(
            sa.select(Order).where(Order.payment_method == method, Order.status == Status.AWAITING_PAYMENT,
                                   Order.placed_at < cutoff).order_by(Order.id)
        ).all()
        for order in waiting:
            with batch.row(f"order {order.number}"):  # one order failing stops no other
                _release_if_unpaid(order, rule, now, report)
    return report


def _release_if_unpaid(order, rule, now, report):
    attempts = payments_of(order.id)
    if any(p.status in (PaymentStatus.OPEN, PaymentStatus.CREATING) and p.expires_at + RELEASE_GRACE > now
           for p in attempts):
        return  # still payable
    if rule.held(order):
        return
    try:
        verdict, settle = rule.ask([p for p in attempts if p.status == PaymentStatus.OPEN and p.session_id])
    except PaymentError:
        report["skipped"].append(order.number)
        return
    if verdict == "paid":
        settle()
        report["paid"].append(order.number)
        return
    if verdict == "paying":
        return  # a delayed payment is under way: its own event settles the order
    result = _cancel_unpaid(order)
    unitofwork.commit()
    if result.outcome == "cancelled":
        report["cancelled"].append(order.number)


def _ask_stripe(open_payments):
    """What Stripe says of these sessions: ("paid", a function recording it), ("paying", None)
    for a completed session whose delayed payment is under way, or (None, None); open ones are
    expired at Stripe on the way, so that nobody pays them after the order is cancelled."""
    if not open_payments:
        return None, None
    gateway = gateway_for(PaymentMethod.CARD)
    for payment in open_payments:
        session = gateway.retrieve_session(payment.session_id)
        if session.get("payment_status") == "paid":
            return "paid", lambda: mark_paid(session)
        if session.get("status") == "complete":
            return "paying", None
        if session.get("status") == "open":
            gateway.expire_session(payment.session_id)
    return None, None


register_unpaid_rule(PaymentMethod.CARD, UnpaidRule("STRIPE_SESSION_MINUTES", _ask_stripe,
                                                    _l("The card payment was not completed in time.")))


@jobs.task
def _mail_unpaid_cancelled(order_id):
    order = db.session.get(Order, order_id)
    order_notifications.mail_buyer(order, "payments/email/unpaid_cancelled.txt",
                                   lambda o: _("Order %(number)s was cancelled", number=o.number))


def _admins():
    return db.session.scalars(sa.select(User).where(User.role == Role.ADMIN, User.deleted_at.is_(None))).all()


@jobs.task
def _tell_admins_refund_due(payment_id):
    payment = db.session.get(Payment, payment_id)
    order = payment.order
    notices.notify(_admins(), "payments.refund_due", link=url_for("payments.admin_order", number=order.number),
                   params={"number": order.number, "amount": format_vnd(payment.amount_vnd)}, email=True,
                   dedupe_key=f"refund-due:{payment.id}")
    unitofwork.commit()
