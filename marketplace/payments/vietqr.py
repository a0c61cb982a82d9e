"""Bank transfers by VietQR through payOS: starting one, recording it once, and the transfers
an admin must match by hand.

The flow: orders.checkout.place_order reserves the stock (awaiting payment) → `start` opens a
payOS payment link for a new attempt (payOS's orderCode is our payment's id) and keeps its QR
payload, account and memo (`BankTransfer`), which the buyer's page draws → the buyer's bank
app pays it → payOS's signed webhook reports the transfer → `handle` records it once per
payOS reference (`webhooks.once`): an exact, timely transfer pays the order exactly as a card
does (`card.record_payment`: the same ledger credit); too little, too much or too late goes to
`TransferToMatch` for an admin, who accepts it as the order's payment or records the refund
owed. Unpaid links run out after PAYOS_LINK_MINUTES and the card job releases their stock
(`card.release_expired`, through the rule registered below).
"""
import json
import logging
from datetime import UTC, datetime

import payos
import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l

from marketplace import clock, jobs, unitofwork
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.money import format_vnd
from marketplace.notices import services as notices
from marketplace.orders import fulfilment
from marketplace.orders.models import PaymentMethod, Status
from marketplace.payments import card, webhooks
from marketplace.payments.gateway import PaymentError, gateway_for
from marketplace.payments.models import (
    MATCH_MACHINE, BankTransfer, MatchReason, MatchStatus, Payment, PaymentStatus, TransferToMatch,
)

log = logging.getLogger(__name__)

# payOS writes a transaction's time in Vietnam's local time, without a zone.
TRANSACTION_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

notices.register_kind(
    "payments.transfer_to_match",
    _l("A bank transfer for order %(number)s needs matching"),
    _l("%(amount)s arrived by bank transfer for order %(number)s, which expected %(expected)s. "
       "Accept it or record the refund owed from the transfers page."),
)


class BadTransfer(Refusal):
    """Not a genuine payOS webhook (wrong checksum, not its shape): answer 400, change nothing."""


class MatchRefused(Refusal):
    pass


def vietqr_refusal(amount):
    """Why a bank transfer cannot pay `amount` đồng here (not offered), or None."""
    try:
        return gateway_for(PaymentMethod.VIETQR).refusal(amount)
    except PaymentError as error:
        return error.message


def start(order, success_url, cancel_url):
    """The open transfer attempt of an unpaid transfer order (its payment link made at payOS
    now if needed), or None when the order does not wait for a transfer. PaymentError when
    payOS refused or did not answer: the order stays awaiting payment and the buyer can retry."""
    if order.payment_method != PaymentMethod.VIETQR or order.status != Status.AWAITING_PAYMENT:
        return None
    gateway = gateway_for(PaymentMethod.VIETQR)
    payment = card._attempt(order.id, gateway)
    if payment is None or payment.status == PaymentStatus.OPEN:
        return payment
    order = fulfilment.get_order(order.number)
    try:
        link = gateway.start(order, payment, success_url, cancel_url)
    except PaymentError as error:
        card.move_payment(payment, PaymentStatus.FAILED, error=error.detail[:500])
        db.session.commit()
        raise
    db.session.add(BankTransfer(payment_id=payment.id, order_code=payment.id, qr_code=link.qr_code,
                                bank_bin=link.bank_bin[:20], account_number=link.account_number[:40],
                                account_name=link.account_name[:200], memo=link.memo[:100]))
    card.move_payment(payment, PaymentStatus.OPEN, session_id=link.link_id, checkout_url=link.url)
    db.session.commit()
    return payment


def open_transfer(order):
    """(payment, BankTransfer) of the order's payable attempt, or None."""
    payment = card.open_payment(order)
    if payment is None or order.payment_method != PaymentMethod.VIETQR:
        return None
    transfer = db.session.scalar(sa.select(BankTransfer).where(BankTransfer.payment_id == payment.id))
    return (payment, transfer) if transfer is not None else None


# ---------------------------------------------------------------------------------------
# payOS's webhook


def verify(payload):
    """payOS's webhook data (payos WebhookData) when its checksum (HMAC-SHA256 with
    PAYOS_CHECKSUM_KEY, checked by the SDK) is right; BadTransfer otherwise."""
    try:
        body = json.loads(payload)
        if not isinstance(body, dict):
            raise ValueError("not a payOS webhook")
        return gateway_for(PaymentMethod.VIETQR).verify(body)
    except (payos.PayOSError, PaymentError, ValueError) as error:  # ValueError: not JSON, not UTF-8
        raise BadTransfer(str(error)[:200]) from None


def handle(data):
    """Act on a verified transfer once per payOS reference; returns what it did ("paid",
    "to_match", "duplicate", "ignored", "unknown_payment", …)."""
    if data.code != "00" or data.amount <= 0 or not data.reference:
        return "ignored"  # payOS reports only successful transfers; anything else changes nothing
    outcome = webhooks.once(f"payos:{data.reference}", "payos.transfer", lambda: transfer_received(data))
    if outcome == "unknown_payment":
        log.error("payOS transfer %s for unknown order code %s", data.reference, data.order_code)
    return outcome


def _paid_at(text):
    """When the bank says the transfer was made (naive UTC), or now when it does not say clearly."""
    try:
        moment = datetime.strptime(text or "", TRANSACTION_TIME_FORMAT)
    except ValueError:
        return clock.utcnow()
    return moment.replace(tzinfo=clock.zone()).astimezone(UTC).replace(tzinfo=None)


def transfer_received(data):
    """A transfer arrived for a payment link (inside the caller's transaction): the Outcome."""
    payment = db.session.scalar(
        sa.select(Payment).join(BankTransfer, BankTransfer.payment_id == Payment.id)
        .where(BankTransfer.order_code == data.order_code)
    )
    if payment is None or payment.session_id != data.payment_link_id:
        return card.Outcome("unknown_payment", payment.order_id if payment else None)
    order = fulfilment.locked_order(payment.order_id)  # one transfer of an order at a time
    db.session.refresh(payment, ["status"])
    late = (order.status != Status.AWAITING_PAYMENT or payment.status not in (PaymentStatus.OPEN, PaymentStatus.CREATING)
            or _paid_at(data.transaction_date_time) > payment.expires_at)
    if not late and data.amount == payment.amount_vnd:
        return card.record_payment(payment)
    if late:
        reason = MatchReason.LATE
    else:
        reason = MatchReason.UNDERPAID if data.amount < payment.amount_vnd else MatchReason.OVERPAID
    match = TransferToMatch(reference=data.reference[:100], order_id=order.id, payment_id=payment.id,
                            amount_vnd=data.amount, expected_vnd=payment.amount_vnd, reason=reason,
                            status=MatchStatus.OPEN)
    db.session.add(match)
    db.session.flush()
    jobs.defer(_tell_admins, match_id=match.id)
    return card.Outcome("to_match", order.id)


@jobs.task
def _tell_admins(match_id):
    match = db.session.get(TransferToMatch, match_id)
    notices.notify(card._admins(), "payments.transfer_to_match", link=url_for("payments.admin_transfers"),
                   params={"number": match.order.number, "amount": format_vnd(match.amount_vnd),
                           "expected": format_vnd(match.expected_vnd)},
                   email=True, dedupe_key=f"transfer-to-match:{match.id}")
    db.session.commit()


# ---------------------------------------------------------------------------------------
# Transfers to match (the admin)


def transfers_to_match(limit=200):
    """Open transfers first, then resolved ones, each oldest first; order and resolver loaded."""
    return db.session.scalars(
        sa.select(TransferToMatch).options(sa.orm.selectinload(TransferToMatch.order),
                                           sa.orm.selectinload(TransferToMatch.resolved_by))
        .order_by(TransferToMatch.status != MatchStatus.OPEN, TransferToMatch.id)
        .limit(limit)
    ).all()


def resolve(match_id, decision, note, actor):
    """Settle a transfer to match by hand: "accept" counts it as its order's payment (the
    order is paid and the ledger credited, as for an exact transfer; only while the order
    still waits for payment), "refund" records that the money is owed back to the buyer. The
    note says what was done; the move is in the status history with the admin's name."""
    note = (note or "").strip()[:500]
    if not note:
        raise MatchRefused(_l("Write what was done (e.g. the bank reference of the refund, or why it is accepted)."))
    with unitofwork.unit_of_work():
        match = db.session.get(TransferToMatch, match_id)
        if match is None:
            raise MatchRefused(_l("This transfer does not exist."))
        order = fulfilment.locked_order(match.order_id)
        db.session.refresh(match, ["status"])
        if match.status != MatchStatus.OPEN:
            raise MatchRefused(_l("This transfer was already resolved."))
        values = {"note": note, "resolved_at": clock.utcnow(), "resolved_by_id": getattr(actor, "id", None)}
        if decision == "accept":
            if order.status != Status.AWAITING_PAYMENT:
                raise MatchRefused(_l("This order no longer waits for payment: record the refund owed instead."))
            MATCH_MACHINE.move(match, MatchStatus.ACCEPTED, actor, note, **values)
            card.record_payment(match.payment)
        elif decision == "refund":
            MATCH_MACHINE.move(match, MatchStatus.REFUND_OWED, actor, note, **values)
        else:
            raise MatchRefused(_l("Choose to accept the transfer or to record the refund owed."))
    return match


def _held(order):
    """A transfer of the order waits for an admin: its stock stays held until they decide."""
    return db.session.scalar(
        sa.select(sa.func.count(TransferToMatch.id))
        .where(TransferToMatch.order_id == order.id, TransferToMatch.status == MatchStatus.OPEN)
    ) > 0


# ---------------------------------------------------------------------------------------
# Expiry and cancellation


def _as_webhook(link, transaction):
    return payos.types.WebhookData(
        order_code=link.order_code, amount=transaction.amount, description=transaction.description,
        account_number=transaction.account_number, reference=transaction.reference,
        transaction_date_time=transaction.transaction_date_time, currency="VND", payment_link_id=link.id,
        code="00", desc="success")


def _ask_payos(open_payments):
    """What payOS says of these links: ("paid", a function recording their transfers the same
    way the webhook does) when money arrived, else (None, None); still-open links are
    cancelled at payOS on the way, so that nobody pays them after the order is cancelled."""
    gateway = gateway_for(PaymentMethod.VIETQR) if open_payments else None
    for payment in open_payments:
        link = gateway.get_link(payment.session_id)
        if link.transactions:
            return "paid", lambda: [handle(_as_webhook(link, t)) for t in link.transactions]
        if link.status == "PENDING":
            gateway.cancel_link(payment.session_id, "Expired")
    return None, None


card.register_unpaid_rule(PaymentMethod.VIETQR, card.UnpaidRule(
    "PAYOS_LINK_MINUTES", _ask_payos, _l("The bank transfer was not received in time."), held=_held))


def close_link(order):
    """After the buyer cancelled an unpaid transfer order: cancel its open links at payOS so
    they cannot be paid any more (best effort: a transfer that still arrives goes to matching)."""
    for payment in card.payments_of(order.id):
        if payment.status != PaymentStatus.OPEN:
            continue
        try:
            gateway_for(PaymentMethod.VIETQR).cancel_link(payment.session_id, "Cancelled by the buyer")
        except PaymentError:
            continue
        card.move_payment(payment, PaymentStatus.EXPIRED)
        unitofwork.commit()

