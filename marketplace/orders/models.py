"""Carts, orders split into one shipment per cooperative, their status history, and reviews.

An order is what the shopper bought and pays for once; each cooperative ships its part as a
shipment with its own status. Order lines copy the product's name, unit, price and the
cooperative's name, so an order never changes after it was placed, whatever the catalogue does.

Statuses move along TRANSITIONS only, through ORDER_MACHINE and SHIPMENT_MACHINE
(`marketplace.statemachine`): a conditional UPDATE, so that two concurrent moves from the same
status cannot both succeed, and a `StatusChange` row, the order's timeline. The models refuse
any other assignment.
"""
import enum
import re

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from flask_babel import gettext as _, lazy_gettext as _l

from marketplace import clock
from marketplace.clock import utcnow
from marketplace.dbtypes import str_enum
from marketplace.extensions import db
from marketplace.statemachine import StateMachine


class PaymentMethod(enum.StrEnum):
    COD = "cod"  # cash on delivery: the order is placed at once
    CARD = "card"  # Stripe (payments issue): the order waits for the payment first
    VIETQR = "vietqr"  # bank transfer by VietQR through payOS: the order waits for the transfer


class Status(enum.StrEnum):
    """The statuses of orders and shipments (each has its own TRANSITIONS)."""

    AWAITING_PAYMENT = "awaiting_payment"  # card orders, until the payment arrives
    PAID = "paid"  # card orders (order only), before a cooperative confirms
    PLACED = "placed"
    CONFIRMED = "confirmed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"  # card orders (order only): the money went back


# Forward order of fulfilment, used to roll shipment statuses up into the order's.
FULFILMENT = (Status.AWAITING_PAYMENT, Status.PLACED, Status.CONFIRMED, Status.SHIPPED, Status.DELIVERED)

SHIPMENT_TRANSITIONS = {
    Status.AWAITING_PAYMENT: {Status.PLACED, Status.CANCELLED},
    Status.PLACED: {Status.CONFIRMED, Status.CANCELLED},
    Status.CONFIRMED: {Status.SHIPPED, Status.CANCELLED},
    Status.SHIPPED: {Status.DELIVERED},
    Status.DELIVERED: set(),
    Status.CANCELLED: set(),
}

# The order follows its shipments (the least advanced one that is not cancelled), so it may
# skip a step when a lagging shipment is cancelled.
ORDER_TRANSITIONS = {
    Status.AWAITING_PAYMENT: {Status.PAID, Status.CANCELLED},
    # Cancelled: its cooperatives cancelled their parts; the money is due back (payments lists it).
    Status.PAID: {Status.CONFIRMED, Status.SHIPPED, Status.DELIVERED, Status.CANCELLED, Status.REFUNDED},
    Status.PLACED: {Status.CONFIRMED, Status.SHIPPED, Status.DELIVERED, Status.CANCELLED},
    Status.CONFIRMED: {Status.SHIPPED, Status.DELIVERED, Status.CANCELLED},
    Status.SHIPPED: {Status.DELIVERED},
    Status.DELIVERED: {Status.REFUNDED},
    Status.CANCELLED: {Status.REFUNDED},
    Status.REFUNDED: set(),
}

# A booking (OCOP group 6) is confirmed by its cooperative, then "delivered": the stay or tour
# took place. Nothing is shipped.
BOOKING_TRANSITIONS = {
    Status.AWAITING_PAYMENT: {Status.PLACED, Status.CANCELLED},
    Status.PLACED: {Status.CONFIRMED, Status.CANCELLED},
    Status.CONFIRMED: {Status.DELIVERED, Status.CANCELLED},
    Status.DELIVERED: set(),
    Status.CANCELLED: set(),
}

# Statuses in which the goods have not left the cooperative: cancelling gives the stock back.
CANCELLABLE = frozenset({Status.AWAITING_PAYMENT, Status.PLACED, Status.CONFIRMED})


class Carrier(enum.StrEnum):
    VIETTEL_POST = "viettel_post"
    VNPOST = "vnpost"
    GHN = "ghn"
    GHTK = "ghtk"
    JT_EXPRESS = "jt_express"
    OWN = "own"  # the cooperative delivers itself


CARRIER_LABELS = {
    Carrier.VIETTEL_POST: "Viettel Post",
    Carrier.VNPOST: "VNPost",
    Carrier.GHN: "GHN",
    Carrier.GHTK: "GHTK",
    Carrier.JT_EXPRESS: "J&T Express",
    Carrier.OWN: _l("Own delivery"),
}


STATUS_LABELS = {
    Status.AWAITING_PAYMENT: _l("Awaiting payment"),
    Status.PAID: _l("Paid"),
    Status.PLACED: _l("Placed"),
    Status.CONFIRMED: _l("Confirmed"),
    Status.SHIPPED: _l("Shipped"),
    Status.DELIVERED: _l("Delivered"),
    Status.CANCELLED: _l("Cancelled"),
    Status.REFUNDED: _l("Refunded"),
}


PAYMENT_LABELS = {
    PaymentMethod.COD: _l("Cash on delivery"),
    PaymentMethod.CARD: _l("Card"),
    PaymentMethod.VIETQR: _l("Bank transfer (VietQR)"),
}

# Methods paid before the goods leave: the order waits for the money (awaiting payment).
PREPAID = frozenset({PaymentMethod.CARD, PaymentMethod.VIETQR})


class Cart(db.Model):
    """The cart of a signed-in shopper (guests keep theirs in the session)."""

    __tablename__ = "carts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    lines = relationship("CartLine", back_populates="cart", cascade="all, delete-orphan", order_by="CartLine.id")


class CartLine(db.Model):
    __tablename__ = "cart_lines"
    __table_args__ = (
        sa.UniqueConstraint("cart_id", "product_id", name="uq_cart_lines_cart_product"),
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(sa.ForeignKey("carts.id", ondelete="CASCADE"))
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int]
    # The price when the shopper added it: a later change is shown in the cart, not hidden.
    price_seen_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    # A booking (OCOP group 6): its first day, and its nights (stays only); the quantity is
    # what is paid for (room-nights, guests).
    booking_date: Mapped[sa.Date | None] = mapped_column(sa.Date)
    nights: Mapped[int | None]

    cart = relationship("Cart", back_populates="lines")


NUMBER_PATTERN = re.compile(r"OCOP-(\d{4})-(\d{6,})")


def parse_order_number(text):
    """(year, order id) from "OCOP-2026-000123" (any case, spaces around), or None."""
    match = NUMBER_PATTERN.fullmatch((text or "").strip().upper())
    return (int(match.group(1)), int(match.group(2))) if match else None


class Order(db.Model):
    __tablename__ = "orders"
    __table_args__ = (
        sa.CheckConstraint("total_vnd = goods_total_vnd + shipping_total_vnd", name="total_adds_up"),
        sa.Index("ix_orders_user_placed", "user_id", "placed_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # From the checkout form: a resubmitted form finds its order instead of placing another.
    idempotency_key: Mapped[str] = mapped_column(sa.String(64), unique=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))  # None: a guest
    status: Mapped[Status] = mapped_column(str_enum(Status, "order_status"), index=True)
    payment_method: Mapped[PaymentMethod] = mapped_column(str_enum(PaymentMethod, "payment_method"))
    language: Mapped[str] = mapped_column(sa.String(5), default="vi")  # of the buyer's emails
    # Delivery, copied at checkout.
    buyer_name: Mapped[str] = mapped_column(sa.String(100))
    phone: Mapped[str] = mapped_column(sa.String(10), index=True)  # normalised: 0 and 9 digits
    email: Mapped[str] = mapped_column(sa.String(254))
    # None, with empty names and street, when the order holds only bookings: nothing to deliver.
    province_code: Mapped[int | None]
    province_name: Mapped[str] = mapped_column(sa.String(100))
    ward_code: Mapped[int | None]
    ward_name: Mapped[str] = mapped_column(sa.String(100))
    street: Mapped[str] = mapped_column(sa.String(200))
    delivery_note: Mapped[str] = mapped_column(sa.String(500), default="")
    # VAT e-invoice, when asked for (empty strings otherwise).
    invoice_company: Mapped[str] = mapped_column(sa.String(200), default="")
    invoice_tax_code: Mapped[str] = mapped_column(sa.String(14), default="")
    invoice_address: Mapped[str] = mapped_column(sa.String(300), default="")
    goods_total_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    shipping_total_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    total_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    placed_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    user = relationship("User")
    shipments = relationship("Shipment", back_populates="order", order_by="Shipment.id")
    changes = relationship("StatusChange", back_populates="order", order_by="StatusChange.id")

    @validates("status")
    def _refuse_illegal_transition(self, key, new):
        if self.status is not None and self.status != new:
            ORDER_MACHINE.check(self.status, new, self)
        return new

    @property
    def number(self):
        """OCOP-<year placed, in Vietnam>-<id>: unique because the id is, and given out by the
        database's own key sequence, so that concurrent checkouts never wait for a counter."""
        return f"OCOP-{clock.local(self.placed_at).year}-{self.id:06d}"

    @property
    def wants_invoice(self):
        return bool(self.invoice_tax_code)

    @property
    def address(self):
        return ", ".join(part for part in (self.street, self.ward_name, self.province_name) if part)

    @property
    def lines(self):
        return [line for shipment in self.shipments for line in shipment.lines]

    @property
    def partly_shipped(self):
        """Some parts have left their cooperative, others not yet (cancelled parts aside)."""
        active = {s.status for s in self.shipments if s.status != Status.CANCELLED}
        return bool(active & {Status.SHIPPED, Status.DELIVERED}) and bool(active & CANCELLABLE)

    @property
    def can_be_cancelled(self):
        """The buyer may cancel while no part has left a cooperative."""
        return self.status in CANCELLABLE and all(
            s.status in CANCELLABLE or s.status == Status.CANCELLED for s in self.shipments
        )

    def __repr__(self):
        return f"<Order {self.number} {self.status}>"


class Shipment(db.Model):
    """One cooperative's part of an order, shipped and tracked on its own."""

    __tablename__ = "shipments"
    __table_args__ = (
        # A cooperative's goods and its bookings are two parts of an order.
        sa.UniqueConstraint("order_id", "cooperative_id", "is_booking", name="uq_shipments_order_cooperative"),
        sa.Index("ix_shipments_cooperative_status", "cooperative_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"))
    cooperative_name: Mapped[str] = mapped_column(sa.String(200))
    # Bookings (OCOP group 6): no shipping fee, confirmed then "delivered" when they took place.
    is_booking: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    status: Mapped[Status] = mapped_column(str_enum(Status, "shipment_status"))
    goods_subtotal_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    shipping_fee_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    carrier: Mapped[Carrier | None] = mapped_column(str_enum(Carrier, "carrier"))
    tracking_number: Mapped[str] = mapped_column(sa.String(64), default="")
    cancel_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    order = relationship("Order", back_populates="shipments")
    cooperative = relationship("Cooperative")
    lines = relationship("OrderLine", back_populates="shipment", order_by="OrderLine.id")

    @validates("status")
    def _refuse_illegal_transition(self, key, new):
        if self.status is not None and self.status != new:
            machine_of(self).check(self.status, new, self)
        return new

    @property
    def total_vnd(self):
        return self.goods_subtotal_vnd + self.shipping_fee_vnd

    @property
    def units(self):
        return sum(line.quantity for line in self.lines)

    @property
    def first_booking_date(self):
        """When the guests of a booking part come (its earliest booked day), else None."""
        return min((line.booking_date for line in self.lines if line.booking_date), default=None)

    def __repr__(self):
        return f"<Shipment {self.id} {self.status}>"


class OrderLine(db.Model):
    """What was bought, as it was when bought."""

    __tablename__ = "order_lines"
    __table_args__ = (
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        sa.CheckConstraint("unit_price_vnd >= 0", name="price_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(sa.ForeignKey("shipments.id"), index=True)
    product_id: Mapped[int | None] = mapped_column(sa.ForeignKey("products.id", ondelete="SET NULL"), index=True)
    product_name: Mapped[str] = mapped_column(sa.String(200))
    product_slug: Mapped[str] = mapped_column(sa.String(120))
    unit: Mapped[str] = mapped_column(sa.String(60))
    unit_price_vnd: Mapped[int] = mapped_column(sa.BigInteger)
    quantity: Mapped[int]
    cooperative_name: Mapped[str] = mapped_column(sa.String(200))
    # A booking: its first day and its nights (stays only); the quantity is what was paid for.
    booking_date: Mapped[sa.Date | None] = mapped_column(sa.Date)
    nights: Mapped[int | None]

    shipment = relationship("Shipment", back_populates="lines")
    product = relationship("Product")

    @property
    def total_vnd(self):
        return self.unit_price_vnd * self.quantity

    @property
    def places(self):
        """Rooms of a stay (on each night) or guests of a tour."""
        return self.quantity // (self.nights or 1)


class StatusChange(db.Model):
    """One move of an order (shipment_id NULL) or of one of its shipments: who, when, why."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(sa.ForeignKey("orders.id"), index=True)
    shipment_id: Mapped[int | None] = mapped_column(sa.ForeignKey("shipments.id"), index=True)
    from_status: Mapped[Status | None] = mapped_column(str_enum(Status, "from_status"))  # None: created
    to_status: Mapped[Status] = mapped_column(str_enum(Status, "to_status"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))  # None: a guest or the system
    reason: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    order = relationship("Order", back_populates="changes")
    shipment = relationship("Shipment")
    actor = relationship("User")


class ProductReview(db.Model):
    """A verified buyer's rating of a product they received: once per product and buyer."""

    __tablename__ = "product_reviews"
    __table_args__ = (
        sa.UniqueConstraint("product_id", "user_id", name="uq_product_reviews_product_user"),
        sa.CheckConstraint("rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    order_line_id: Mapped[int] = mapped_column(sa.ForeignKey("order_lines.id"))
    rating: Mapped[int]
    body: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    user = relationship("User")


def _record_status_change(machine, obj, old, new, actor, reason):
    """The order's timeline: one row per move of the order (shipment_id NULL) or a shipment."""
    is_shipment = isinstance(obj, Shipment)
    db.session.add(
        StatusChange(
            order_id=obj.order_id if is_shipment else obj.id,
            shipment_id=obj.id if is_shipment else None,
            from_status=old,
            to_status=new,
            actor_id=actor.id if actor is not None else None,
            reason=reason,
        )
    )


def _illegal(obj, old, new):
    return _("This order cannot go to that status from %(status)s.", status=STATUS_LABELS.get(old, old))


def _conflict(obj, old, new):
    return _("Somebody changed this order at the same moment; please look again.")


ORDER_MACHINE = StateMachine("order", ORDER_TRANSITIONS, record=_record_status_change, illegal=_illegal,
                             conflict=_conflict)
SHIPMENT_MACHINE = StateMachine("shipment", SHIPMENT_TRANSITIONS, record=_record_status_change, illegal=_illegal,
                                conflict=_conflict)
BOOKING_MACHINE = StateMachine("shipment", BOOKING_TRANSITIONS, record=_record_status_change, illegal=_illegal,
                               conflict=_conflict)


def machine_of(shipment):
    """The state machine of a shipment: bookings are confirmed and take place, goods ship."""
    return BOOKING_MACHINE if shipment.is_booking else SHIPMENT_MACHINE
