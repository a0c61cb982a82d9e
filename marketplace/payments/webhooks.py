"""Stripe's webhook events: verified, then handled once.

`verify` checks the Stripe-Signature header over the raw body with STRIPE_WEBHOOK_SECRET
(and refuses timestamps older than TOLERANCE_SECONDS, so a captured event cannot be replayed
later). `handle` stores the event's id (unique) in the same transaction as its effect: a
replayed or concurrent duplicate hits the unique index, is rolled back and does nothing.
Stripe delivers at least once and in any order; the services' transitions are idempotent and
refuse to go backwards (an `expired` after a `completed` does nothing).
"""
import json
import logging

import sqlalchemy as sa
import stripe

from marketplace import unitofwork
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.payments import card, refund_failures, refunds
from marketplace.payments.models import PaymentEvent

log = logging.getLogger(__name__)

TOLERANCE_SECONDS = 300  # Stripe's own default

HANDLERS = {
    "checkout.session.completed": card.session_paid,
    "checkout.session.async_payment_succeeded": card.session_paid,
    "checkout.session.expired": card.session_expired,
    "checkout.session.async_payment_failed": card.payment_failed,
    "charge.refunded": refunds.charge_refunded,
    "refund.failed": refund_failures.refund_failed,
    "charge.refund.updated": refund_failures.refund_failed,  # acts only when the refund failed
}


class BadEvent(Refusal):
    """Not a genuine, well-formed Stripe event: answer 400, change nothing."""


def verify(payload, signature, secret):
    """The event (a dict) when `payload` (the raw body, bytes) is signed with `secret` within the
    tolerance and is a well-formed event; BadEvent otherwise."""
    try:
        stripe.WebhookSignature.verify_header(payload, signature, secret, TOLERANCE_SECONDS)
        event = json.loads(payload)
    except (stripe.SignatureVerificationError, UnicodeDecodeError, ValueError) as error:
        raise BadEvent(str(error)) from None
    if not isinstance(event, dict):
        raise BadEvent("not a Stripe event")
    data = event.get("data")
    if not (isinstance(event.get("id"), str) and isinstance(event.get("type"), str)
            and isinstance(data, dict) and isinstance(data.get("object"), dict)
            and isinstance(data["object"].get("id"), str)):
        raise BadEvent("not a Stripe event")
    return event


def handle(event):
    """Act on a verified event once; returns what it did ("paid", "duplicate", "ignored", …)."""
    handler = HANDLERS.get(event["type"])
    if handler is None:
        log.info("Stripe event %s of type %s ignored", event["id"], event["type"])
        return "ignored"
    outcome = once(event["id"], event["type"], lambda: handler(event["data"]["object"]))
    if outcome in ("unknown_order", "unknown_session", "unknown_payment", "unknown_refund", "amount_mismatch"):
        log.error("Stripe event %s (%s): %s", event["id"], event["type"], outcome)
    return outcome


def once(event_id, event_type, work):
    """Run `work()` (which returns an Outcome, inside this transaction) once per `event_id`,
    whoever delivers it and however often: the id is stored (unique) in the same transaction
    as the effect, so a replayed or concurrent duplicate hits the unique index, is rolled back
    and does nothing ("duplicate"). Any gateway's events come through here (Stripe, payOS)."""
    record = PaymentEvent(event_id=event_id[:255], type=event_type[:100])
    try:
        db.session.add(record)
        db.session.flush()  # a duplicate stops here (or waits here for the first one's commit)
        result = work()
        record.order_id, record.outcome = result.order_id, result.outcome
        unitofwork.commit()  # then what the handler registered for after the commit (mails, notices)
    except sa.exc.IntegrityError:
        db.session.rollback()
        if db.session.scalar(sa.select(PaymentEvent.id).where(PaymentEvent.event_id == record.event_id)) is None:
            raise  # not a duplicate event: a real error, the gateway will retry
        log.info("Payment event %s received again: nothing done", event_id)
        return "duplicate"
    except Exception:
        db.session.rollback()
        raise
    return result.outcome
