"""The ways to pay: a `PaymentGateway` per payment method.

`CashOnDelivery` needs nothing at checkout (the courier collects) and refunds by hand.
`Stripe` opens a Checkout Session in VND and refunds through Stripe's API; it is offered only
when STRIPE_SECRET_KEY is set, and talks to STRIPE_API_BASE (tests point it at a local
server). `PayOS` opens a VietQR payment link (bank transfer) with payOS's SDK; it is offered
only when the PAYOS_* keys are set, talks to PAYOS_API_BASE, and refunds by hand (a bank
transfer back). Gateways know nothing of the database: payments.card, payments.vietqr and
payments.refunds record what they did.
"""
import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import UTC, timedelta

import payos
import stripe
from flask import current_app
from flask_babel import force_locale, gettext as _

from marketplace.errors import Refusal
from marketplace.i18n import price
from marketplace.money import STRIPE_MAXIMUM_VND, STRIPE_MINIMUM_VND, to_stripe_amount
from marketplace.orders.models import PaymentMethod

log = logging.getLogger(__name__)

CURRENCY = "vnd"
# Stripe Checkout takes at most 100 line items; a larger order is sent as one line per shipment.
MAX_LINE_ITEMS = 100
# Stripe accepts a session expiry from 30 minutes to 24 hours after it receives the request:
# one extra minute keeps the request's travel time from making it shorter than 30.
EXPIRY_MARGIN = timedelta(minutes=1)


class PaymentError(Refusal):
    """The gateway did not do what was asked. `message` is for the person who asked, `detail`
    for the log; `certain` is False when the request may have worked (a timeout, a lost
    connection)."""

    def __init__(self, message, detail="", certain=True):
        super().__init__(str(message))
        self.detail, self.certain = detail, certain


@dataclass(frozen=True)
class Checkout:
    session_id: str
    url: str


@dataclass(frozen=True)
class TransferLink:
    """A payOS payment link: what the buyer's banking app needs (the QR payload encodes it)."""

    link_id: str
    url: str
    qr_code: str
    bank_bin: str
    account_number: str
    account_name: str
    memo: str
    amount: int


@dataclass(frozen=True)
class RefundResult:
    refund_id: str | None  # None for refunds made by hand
    succeeded: bool  # False: Stripe refused it (e.g. a failed card refund)


class PaymentGateway(ABC):
    method: PaymentMethod

    @abstractmethod
    def refusal(self, amount):
        """Why an order of `amount` đồng cannot be paid this way (a sentence), or None."""

    @abstractmethod
    def start(self, order, payment, success_url, cancel_url):
        """Begin paying `order` (attempt `payment`): a Checkout to send the buyer to, or None
        when there is nothing to do now. PaymentError when it could not begin."""

    @abstractmethod
    def refund(self, payment, refund):
        """Give `refund.amount_vnd` back; a RefundResult, or PaymentError."""


class CashOnDelivery(PaymentGateway):
    method = PaymentMethod.COD

    def refusal(self, amount):
        return None

    def start(self, order, payment, success_url, cancel_url):
        return None  # the courier collects the money at the door

    def refund(self, payment, refund):
        # The cooperative or the marketplace hands the money back by hand; recording it is all.
        return RefundResult(None, True)


class Stripe(PaymentGateway):
    method = PaymentMethod.CARD

    def __init__(self, config):
        self.client = stripe.StripeClient(
            config["STRIPE_SECRET_KEY"],
            base_addresses={"api": config["STRIPE_API_BASE"]},
            http_client=stripe.RequestsClient(timeout=config["STRIPE_TIMEOUT_SECONDS"]),
            # The library retries a lost connection once with the same idempotency key.
            max_network_retries=1,
        )
        self.session_minutes = config["STRIPE_SESSION_MINUTES"]

    def refusal(self, amount):
        if amount < STRIPE_MINIMUM_VND:
            return _("Card payment starts at %(minimum)s; please choose cash on delivery for this order.",
                     minimum=price(STRIPE_MINIMUM_VND))
        if amount > STRIPE_MAXIMUM_VND:
            return _("Card payment is limited to %(maximum)s per order; please choose cash on delivery "
                     "or split the order.", maximum=price(STRIPE_MAXIMUM_VND))
        return None

    def expires_at(self, now):
        return now + timedelta(minutes=self.session_minutes) + EXPIRY_MARGIN

    def session_params(self, order, payment, success_url, cancel_url):
        """What Stripe is asked for: VND amounts in whole đồng, one line per order line plus
        one per shipping fee, adding up to the order's total exactly."""
        with force_locale(order.language):
            line_items = [_line(f"{line.product_name} ({line.unit})", line.unit_price_vnd, line.quantity)
                          for line in order.lines if line.unit_price_vnd]
            if len(line_items) + len(order.shipments) > MAX_LINE_ITEMS:
                line_items = [_line(_("Goods from %(cooperative)s", cooperative=s.cooperative_name), s.goods_subtotal_vnd)
                              for s in order.shipments if s.goods_subtotal_vnd]
            line_items += [_line(_("Shipping from %(cooperative)s", cooperative=s.cooperative_name), s.shipping_fee_vnd)
                           for s in order.shipments if s.shipping_fee_vnd]
        charged = sum(item["price_data"]["unit_amount"] * item["quantity"] for item in line_items)
        if charged != order.total_vnd:
            raise ValueError(f"order {order.number}: lines add up to {charged}, not {order.total_vnd}")
        return {
            "mode": "payment",
            "line_items": line_items,
            "client_reference_id": order.number,
            "customer_email": order.email,
            "success_url": success_url,
            "cancel_url": cancel_url,
            "expires_at": int(payment.expires_at.replace(tzinfo=UTC).timestamp()),
            "locale": "vi" if order.language.startswith("vi") else "en",
            "metadata": {"order_number": order.number, "attempt": str(payment.attempt)},
            "payment_intent_data": {"metadata": {"order_number": order.number}},
        }

    def start(self, order, payment, success_url, cancel_url):
        params = self.session_params(order, payment, success_url, cancel_url)
        session = self._call(lambda: self.client.v1.checkout.sessions.create(
            params=params, options={"idempotency_key": payment.idempotency_key}))
        return Checkout(session["id"], session["url"])

    def retrieve_session(self, session_id):
        """The Checkout Session as a dict (as a webhook would carry it)."""
        return self._call(lambda: self.client.v1.checkout.sessions.retrieve(session_id))

    def expire_session(self, session_id):
        """Close an open session so that nobody can pay it any more; the session as a dict."""
        return self._call(lambda: self.client.v1.checkout.sessions.expire(session_id))

    def refund(self, payment, refund):
        if not payment.payment_intent_id:
            raise PaymentError(_("This payment has no Stripe payment to refund."), "no payment_intent")
        result = self._call(lambda: self.client.v1.refunds.create(
            params={"payment_intent": payment.payment_intent_id, "amount": to_stripe_amount(refund.amount_vnd),
                    "metadata": {"order_id": str(refund.order_id), "refund_id": str(refund.id)}},
            options={"idempotency_key": refund.idempotency_key}))
        return RefundResult(result["id"], result.get("status") not in ("failed", "canceled"))

    @staticmethod
    def _call(request):
        try:
            return request().to_dict()
        except stripe.APIConnectionError as error:  # timeouts and lost connections
            log.warning("Stripe unreachable: %s", error)
            raise PaymentError(_("The card payment service did not answer in time. Please try again in a moment."),
                               str(error)[:500], certain=False) from None
        except stripe.StripeError as error:
            log.error("Stripe refused a request: %s", error)
            # Stripe may have failed midway on its side (5xx): only then is the outcome unknown.
            certain = (error.http_status or 500) < 500
            raise PaymentError(_("The card payment service refused the request. Please try again, or choose "
                                 "cash on delivery."), str(error)[:500], certain=certain) from None


class PayOS(PaymentGateway):
    """VietQR bank transfers through payOS's official SDK (`payos`)."""

    method = PaymentMethod.VIETQR
    # payOS shows at most 25 characters of memo for accounts it does not link by name.
    MEMO_LENGTH = 25

    def __init__(self, config):
        self.client = payos.PayOS(
            config["PAYOS_CLIENT_ID"], config["PAYOS_API_KEY"], config["PAYOS_CHECKSUM_KEY"],
            base_url=config["PAYOS_API_BASE"], timeout=config["PAYOS_TIMEOUT_SECONDS"],
            # The SDK sleeps between retries: the buyer's request would hang; the buyer retries instead.
            max_retries=0,
        )
        self.link_minutes = config["PAYOS_LINK_MINUTES"]

    def refusal(self, amount):
        return None  # NAPAS 247 carries any amount a shop order reaches

    def expires_at(self, now):
        return now + timedelta(minutes=self.link_minutes)

    @classmethod
    def memo(cls, order):
        # Banks drop punctuation from memos: letters and digits only, so payOS can match it.
        return "".join(ch for ch in order.number if ch.isalnum())[:cls.MEMO_LENGTH]

    def start(self, order, payment, success_url, cancel_url):
        request = payos.types.CreatePaymentLinkRequest(
            order_code=payment.id, amount=payment.amount_vnd, description=self.memo(order),
            return_url=success_url, cancel_url=cancel_url,
            expired_at=int(payment.expires_at.replace(tzinfo=UTC).timestamp()),
            buyer_name=order.buyer_name[:100], buyer_email=order.email or None, buyer_phone=order.phone or None,
        )
        link = self._call(lambda: self.client.payment_requests.create(request))
        return TransferLink(link.payment_link_id, link.checkout_url, link.qr_code, link.bin, link.account_number,
                            link.account_name, link.description, link.amount)

    def get_link(self, link_id):
        """The payment link as payOS knows it (status, amount paid, its transactions)."""
        return self._call(lambda: self.client.payment_requests.get(link_id))

    def cancel_link(self, link_id, reason):
        return self._call(lambda: self.client.payment_requests.cancel(link_id, reason[:100]))

    def verify(self, payload):
        """The webhook's data when payOS's checksum over it is right; payos.WebhookError otherwise."""
        return self.client.webhooks.verify(payload)

    def refund(self, payment, refund):
        # payOS has no refunds: the marketplace transfers the money back by hand; recording it is all.
        return RefundResult(None, True)

    @staticmethod
    def _call(request):
        try:
            return request()
        except (payos.ConnectionError, payos.ConnectionTimeoutError) as error:
            log.warning("payOS unreachable: %s", error)
            raise PaymentError(_("The bank transfer service did not answer in time. Please try again in a moment."),
                               str(error)[:500], certain=False) from None
        except payos.PayOSError as error:
            log.error("payOS refused a request: %s", error)
            status = getattr(error, "status_code", None) or 500
            raise PaymentError(_("The bank transfer service refused the request. Please try again, or choose "
                                 "cash on delivery."), str(error)[:500], certain=status < 500) from None


def _line(name, unit_amount, quantity=1):
    return {"price_data": {"currency": CURRENCY, "unit_amount": to_stripe_amount(unit_amount),
                           "product_data": {"name": name[:250]}},
            "quantity": quantity}


def card_enabled(config=None):
    return bool((config or current_app.config)["STRIPE_SECRET_KEY"])


def vietqr_enabled(config=None):
    config = config or current_app.config
    return all(config[key] for key in ("PAYOS_CLIENT_ID", "PAYOS_API_KEY", "PAYOS_CHECKSUM_KEY"))


def gateway_for(method):
    if PaymentMethod(method) == PaymentMethod.VIETQR:
        if not vietqr_enabled():
            raise PaymentError(_("Bank transfer is not available at the moment; please choose cash on delivery."),
                               "PAYOS_CLIENT_ID, PAYOS_API_KEY or PAYOS_CHECKSUM_KEY is not set")
        return PayOS(current_app.config)
    if PaymentMethod(method) == PaymentMethod.CARD:
        if not card_enabled():
            raise PaymentError(_("Card payment is not available at the moment; please choose cash on delivery."),
                               "STRIPE_SECRET_KEY is not set")
        return Stripe(current_app.config)
    return CashOnDelivery()
