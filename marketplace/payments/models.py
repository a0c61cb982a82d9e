"""Card payments, the Stripe events that moved them, refunds, and each cooperative's ledger.

A `Payment` is one attempt to pay a card order (one Stripe Checkout Session). A
`PaymentEvent` is a Stripe event we acted on, stored by Stripe's id (unique) in the same
transaction as its effect, so a replayed or concurrent duplicate finds the id taken and does
nothing. A `Refund` gives money back (through Stripe for cards, by hand for cash on delivery);
its `RefundPart`s say which shipments it was for.

The ledger: Stripe cannot pay out to Vietnamese bank accounts through Connect, so the
marketplace collects the money and owes each cooperative its share. Every change of what a
cooperative is owed is one `LedgerEntry` (signed đồng: positive = owed to the cooperative);
the balance is their sum, never a stored number. Each entry has a `posting_key` (unique) that
names what it posts, so nothing is ever posted twice.
"""
import enum
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.dbtypes import str_enum
from marketplace.extensions import db
from marketplace.orders.models import PaymentMethod
from marketplace.statemachine import StateMachine


class PaymentStatus(enum.StrEnum):
    CREATING = "creating"  # written before the call to Stripe, so that the attempt is never lost
    OPEN = "open"  # a Checkout Session waits for the buyer
    PAID = "paid"
    EXPIRED = "expired"  # the session expired (or was expired) unpaid
    FAILED = "failed"  # Stripe refused or could not be reached; or the payment failed later


# A payment that expired or failed may still be paid (a late webhook): the money is recorded.
PAYMENT_MACHINE = StateMachine("payment", {
    PaymentStatus.CREATING: {PaymentStatus.OPEN, PaymentStatus.PAID, PaymentStatus.EXPIRED, PaymentStatus.FAILED},
    PaymentStatus.OPEN: {PaymentStatus.PAID, PaymentStatus.EXPIRED, PaymentStatus.FAILED},
    PaymentStatus.EXPIRED: {PaymentStatus.PAID},
    PaymentStatus.FAILED: {PaymentStatus.PAID},
    PaymentStatus.PAID: set(),
})


class Payment(db.Model):
    __tablename__ = "payments"
    __table_args__ = (
        sa.UniqueConstraint("order_id", "attempt", name="uq_payments_order_attempt"),
        sa.CheckConstraint("amount_vnd > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    attempt: Mapped[int]  # 1, 2, … per order
    # Sent with the call that creates the session: a retried call cannot create a second one.
    idempotency_key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    session_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    checkout_url: Mapped[str] = mapped_column(sa.Text, default="")
    payment_intent_id: Mapped[str | None] = mapped_column(sa.String(255), index=True)
    amount_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    status: Mapped[PaymentStatus] = mapped_column(str_enum(PaymentStatus, "payment_status"))
    error: Mapped[str] = mapped_column(sa.String(500), default="")  # why it failed, for the admin
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    expires_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime)
    paid_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)

    order = relationship("Order")

    def __repr__(self):
        return f"<Payment {self.order_id}#{self.attempt} {self.status}>"


class PaymentEvent(db.Model):
    """A Stripe event that was handled (unknown event types are not stored)."""

    __tablename__ = "payment_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(sa.String(255), unique=True)  # Stripe's evt_…
    type: Mapped[str] = mapped_column(sa.String(100))
    order_id: Mapped[int | None] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    # What it did: "paid", "already_paid", "refund_due", "cancelled", "unknown_order", …
    outcome: Mapped[str] = mapped_column(sa.String(40), default="")
    received_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)


class RefundStatus(enum.StrEnum):
    PENDING = "pending"  # asked of Stripe, answer not known yet (retry with the same key)
    SUCCEEDED = "succeeded"
    FAILED = "failed"  # Stripe refused it: nothing was given back


class RefundSource(enum.StrEnum):
    ADMIN = "admin"  # an admin refunded an order, a shipment or a payment here
    STRIPE = "stripe"  # made in Stripe's dashboard; learnt from a charge.refunded event


REFUND_MACHINE = StateMachine("refund", {
    RefundStatus.PENDING: {RefundStatus.SUCCEEDED, RefundStatus.FAILED},
    RefundStatus.SUCCEEDED: {RefundStatus.FAILED},  # Stripe's refund.failed may follow a success
    RefundStatus.FAILED: set(),
})


class Refund(db.Model):
    __tablename__ = "refunds"
    __table_args__ = (sa.CheckConstraint("amount_vnd > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payments.id"), index=True)  # None: cash
    method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "refund_method"))
    source: Mapped[RefundSource] = mapped_column(str_enum(RefundSource, "refund_source"))
    amount_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    status: Mapped[RefundStatus] = mapped_column(str_enum(RefundStatus, "refund_status"))
    idempotency_key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    stripe_refund_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    restock: Mapped[bool] = mapped_column(default=False)  # put the goods back in stock
    reason: Mapped[str] = mapped_column(sa.String(500), default="")
    error: Mapped[str] = mapped_column(sa.String(500), default="")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    parts = relationship("RefundPart", back_populates="refund", order_by="RefundPart.id")
    actor = relationship("User")


class RefundPart(db.Model):
    """The share of a refund that was for one shipment (shipment_id None: money paid beyond
    the order, e.g. a second payment)."""

    __tablename__ = "refund_parts"
    __table_args__ = (
        sa.UniqueConstraint("refund_id", "shipment_id", name="uq_refund_parts_refund_shipment"),
        sa.CheckConstraint("amount_vnd > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    refund_id: Mapped[int] = mapped_column(sa.ForeignKey("refunds.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("shipments.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    restocked: Mapped[bool] = mapped_column(default=False)  # this part put the goods back

    refund = relationship("Refund", back_populates="parts")
    shipment = relationship("Shipment")


class LedgerKind(enum.StrEnum):
    SALE_CREDIT = "sale_credit"  # + the goods of a paid (card) or delivered (cash) shipment
    COMMISSION_DEBIT = "commission_debit"  # − the marketplace's share of those goods
    SHIPPING_CREDIT = "shipping_credit"  # + the shipping fee the cooperative paid the courier
    REFUND_DEBIT = "refund_debit"  # − what was given back to the buyer
    COMMISSION_RETURN = "commission_return"  # + the commission on what was given back
    PAYOUT_DEBIT = "payout_debit"  # − a bank transfer to the cooperative
    # A refund that Stripe reported failed after it was posted: its entries are taken back.
    REFUND_REVERSAL = "refund_reversal"  # + the refund debit given back
    COMMISSION_REVERSAL = "commission_reversal"  # − the commission it returned, charged again
    # Tax withheld for a household or individual seller (Decree 117/2025/NĐ-CP, withholding.py):
    # − when its sale is credited (and when a failed refund's return is taken back),
    # + given back when the sale is refunded.
    VAT_WITHHELD = "vat_withheld"
    PIT_WITHHELD = "pit_withheld"
    VAT_RETURNED = "vat_returned"
    PIT_RETURNED = "pit_returned"


CREDIT_KINDS = (LedgerKind.SALE_CREDIT, LedgerKind.SHIPPING_CREDIT, LedgerKind.COMMISSION_RETURN,
                LedgerKind.REFUND_REVERSAL, LedgerKind.VAT_RETURNED, LedgerKind.PIT_RETURNED)


class TaxableKind(enum.StrEnum):
    """What a seller's revenue was for, as the decree's rates tell them apart."""

    GOODS = "goods"
    SERVICES = "services"  # OCOP group 6 bookings: stays and tours
    TRANSPORT = "transport"  # transport and goods-related services: the seller's shipping fee


class WithholdingRate(db.Model):
    """The VAT and PIT rates withheld on one kind of revenue from a day on, with the decree
    that set them. A change of law is a new row (a migration), never an edit: the rate of a
    sale is the row in force on its day."""

    __tablename__ = "withholding_rates"
    __table_args__ = (
        sa.UniqueConstraint("taxable_kind", "effective_from", name="uq_withholding_rates_kind_from"),
        sa.CheckConstraint("vat_rate >= 0 AND vat_rate < 1 AND pit_rate >= 0 AND pit_rate < 1", name="rates_fractions"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    taxable_kind: Mapped[TaxableKind] = mapped_column(str_enum(TaxableKind, "taxable_kind"))
    vat_rate: Mapped[Decimal] = mapped_column(sa.Numeric(6, 4))  # 0.0100 = 1 %
    pit_rate: Mapped[Decimal] = mapped_column(sa.Numeric(6, 4))
    effective_from: Mapped[sa.Date] = mapped_column(sa.Date)
    decree: Mapped[str] = mapped_column(sa.String(100))


class LedgerEntry(db.Model):
    __tablename__ = "ledger_entries"
    __table_args__ = (
        sa.CheckConstraint(
            "(kind IN ('sale_credit', 'shipping_credit', 'commission_return', 'refund_reversal', 'vat_returned',"
            " 'pit_returned') AND amount_vnd > 0)"
            " OR (kind IN ('commission_debit', 'refund_debit', 'payout_debit', 'commission_reversal', 'vat_withheld',"
            " 'pit_withheld') AND amount_vnd < 0)",
            name="sign_follows_kind",
        ),
        sa.Index("ix_ledger_entries_cooperative_created", "cooperative_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"))
    kind: Mapped[LedgerKind] = mapped_column(str_enum(LedgerKind, "ledger_kind"))
    amount_vnd: Mapped[int] = mapped_column(sa.BigInteger)  # signed: + owed to the cooperative
    # What this entry posts, e.g. "sale_credit:shipment:12", "refund_debit:refund_part:3".
    posting_key: Mapped[str] = mapped_column(sa.String(80), unique=True)
    shipment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("shipments.id"), index=True)
    refund_part_id: Mapped[int | None] = mapped_column(sa.ForeignKey("refund_parts.id"))
    payout_id: Mapped[int | None] = mapped_column(sa.ForeignKey("payouts.id"))
    reference: Mapped[str] = mapped_column(sa.String(100), default="")  # order number or bank reference
    # Tax entries only: the kind of revenue and the revenue (signed like a sale: − when given
    # back) the tax was computed on; the monthly withholding report adds them up.
    taxable_kind: Mapped[TaxableKind | None] = mapped_column(str_enum(TaxableKind, "taxable_kind"))
    taxable_vnd: Mapped[int | None] = mapped_column(sa.BigInteger)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)


class Payout(db.Model):
    """Money the marketplace sent to a cooperative's bank account (recorded by an admin)."""

    __tablename__ = "payouts"
    __table_args__ = (
        sa.UniqueConstraint("cooperative_id", "bank_reference", name="uq_payouts_cooperative_reference"),
        sa.CheckConstraint("amount_vnd > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    bank_reference: Mapped[str] = mapped_column(sa.String(100))
    paid_on: Mapped[sa.Date] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    cooperative = relationship("Cooperative")
    actor = relationship("User")


class BankTransfer(db.Model):
    """What the buyer needs to pay one VietQR attempt (a payOS payment link): the QR payload
    and the account, amount and memo it encodes, copied from payOS's answer so that our page
    draws the QR itself and never asks payOS again."""

    __tablename__ = "bank_transfers"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"), unique=True)
    order_code: Mapped[int] = mapped_column(sa.BigInteger, unique=True)  # payOS's orderCode (our payment id)
    qr_code: Mapped[str] = mapped_column(sa.Text)  # the EMVCo (VietQR) payload, drawn by segno
    bank_bin: Mapped[str] = mapped_column(sa.String(20))
    account_number: Mapped[str] = mapped_column(sa.String(40))
    account_name: Mapped[str] = mapped_column(sa.String(200))
    memo: Mapped[str] = mapped_column(sa.String(100))  # the transfer description payOS matches on

    payment = relationship("Payment")


class MatchReason(enum.StrEnum):
    UNDERPAID = "underpaid"
    OVERPAID = "overpaid"
    LATE = "late"  # the link had expired or the order no longer waited for the money


class MatchStatus(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"  # the admin counted it as the order's payment
    REFUND_OWED = "refund_owed"  # the money is owed back to the buyer


MATCH_MACHINE = StateMachine("transfer_to_match", {
    MatchStatus.OPEN: {MatchStatus.ACCEPTED, MatchStatus.REFUND_OWED},
    MatchStatus.ACCEPTED: set(),
    MatchStatus.REFUND_OWED: set(),
})


class TransferToMatch(db.Model):
    """A bank transfer that did not pay its order exactly (too little, too much, too late):
    nothing is decided for it until an admin accepts it or records the refund owed."""

    __tablename__ = "transfers_to_match"
    __table_args__ = (sa.CheckConstraint("amount_vnd > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(sa.String(100), unique=True)  # payOS's transaction reference
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    payment_id: Mapped[int] = mapped_column(sa.ForeignKey("payments.id"), index=True)
    amount_vnd: Mapped[int] = mapped_column(sa.BigInteger)  # what arrived
    expected_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    reason: Mapped[MatchReason] = mapped_column(str_enum(MatchReason, "match_reason"))
    status: Mapped[MatchStatus] = mapped_column(str_enum(MatchStatus, "match_status"), index=True)
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    received_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    resolved_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    order = relationship("Order")
    payment = relationship("Payment")
    resolved_by = relationship("User")
