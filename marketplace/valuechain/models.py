"""Value chains: distributor companies, their sourcing requests (RFQs), the offers cooperatives
make on them, the question thread of each offer, and the partnerships that follow.

Requests, offers and partnerships are state machines: their status changes only through
`marketplace.valuechain.statuses`.
"""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.core import pagecache
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.dbtypes import str_enum


class ValueChainError(Refusal):
    """A value-chain rule refused something; `field` names the offending input, if any."""


# ---------------------------------------------------------------------------------------
# Vocabularies


class Certification(enum.StrEnum):
    """Certifications a buyer may require. OCOP is the product's star certificate (see
    catalog); the others are declared by the cooperative (`CooperativeCertification`)."""

    OCOP = "ocop"
    VIETGAP = "vietgap"
    GLOBALGAP = "globalgap"
    HACCP = "haccp"
    ISO_22000 = "iso22000"
    ORGANIC = "organic"
    FDA = "fda"


DECLARED_CERTIFICATIONS = tuple(c for c in Certification if c != Certification.OCOP)


class Unit(enum.StrEnum):
    KG = "kg"
    TONNE = "t"
    LITRE = "l"
    BOX = "box"
    BOTTLE = "bottle"
    BAG = "bag"
    PIECE = "piece"


# Units that convert into each other: unit -> (family, size in the family's base unit).
# Count units (box, bottle, …) only compare with themselves.
UNIT_SIZES = {Unit.KG: ("mass", 1), Unit.TONNE: ("mass", 1000), Unit.LITRE: ("volume", 1)}


def convert(quantity, from_unit, to_unit):
    """`quantity` of `from_unit` in `to_unit`, or None when they do not compare (kg vs box)."""
    if from_unit == to_unit:
        return quantity
    source, target = UNIT_SIZES.get(from_unit), UNIT_SIZES.get(to_unit)
    if source is None or target is None or source[0] != target[0]:
        return None
    return quantity * source[1] / target[1]


class Frequency(enum.StrEnum):
    ONE_OFF = "one_off"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEASONAL = "seasonal"


class DeliveryTerm(enum.StrEnum):
    """Incoterms 2020 for export; delivered to the buyer's warehouse for domestic supply."""

    WAREHOUSE = "warehouse"
    EXW = "EXW"
    FCA = "FCA"
    FAS = "FAS"
    FOB = "FOB"
    CFR = "CFR"
    CIF = "CIF"
    CPT = "CPT"
    CIP = "CIP"
    DAP = "DAP"
    DPU = "DPU"
    DDP = "DDP"


# ---------------------------------------------------------------------------------------
# What cooperatives declare for matching


class CooperativeCertification(db.Model):
    """A certification a cooperative holds besides OCOP (VietGAP, HACCP, ISO 22000, organic,
    FDA registration), as it declares it; matching counts it until `valid_until`."""

    __tablename__ = "cooperative_certifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id", ondelete="CASCADE"), index=True)
    kind: Mapped[Certification] = mapped_column(str_enum(Certification, "certification_kind"))
    reference: Mapped[str] = mapped_column(sa.String(100), default="")  # certificate number
    valid_until: Mapped[date]
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    def is_valid(self, today):
        return self.valid_until >= today


class ProductCapacity(db.Model):
    """How much of one product the cooperative can supply per month (declared by its staff)."""

    __tablename__ = "product_capacities"
    __table_args__ = (sa.CheckConstraint("monthly_quantity > 0", name="quantity_positive"),)

    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    monthly_quantity: Mapped[int] = mapped_column(sa.BigInteger)
    unit: Mapped[Unit] = mapped_column(str_enum(Unit, "supply_unit"))
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    product = relationship("Product")


# ---------------------------------------------------------------------------------------
# Sourcing requests


class RequestStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"  # the deadline passed, or the buyer closed it
    AWARDED = "awarded"  # at least one offer accepted


class SourcingRequest(db.Model):
    """A request for quotation posted by a distributor company."""

    __tablename__ = "sourcing_requests"
    __table_args__ = (
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        sa.CheckConstraint("min_stars BETWEEN 1 AND 5", name="min_stars_range"),
        sa.CheckConstraint(
            "target_price_min IS NULL OR target_price_max IS NULL OR target_price_min <= target_price_max",
            name="price_range_order",
        ),
        sa.CheckConstraint("target_price_min IS NULL OR target_price_min >= 0", name="price_min_not_negative"),
        sa.Index("ix_sourcing_requests_status_deadline", "status", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    distributor_id: Mapped[int] = mapped_column(sa.ForeignKey("distributor_companies.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(sa.String(200))
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("ocop_categories.id"), index=True)  # group or sub-group
    specification: Mapped[str] = mapped_column(sa.Text, default="")
    quantity: Mapped[int] = mapped_column(sa.BigInteger)  # per period (in total for one-off)
    unit: Mapped[Unit] = mapped_column(str_enum(Unit, "supply_unit"))
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, "supply_frequency"))
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    target_price_min: Mapped[int | None] = mapped_column(sa.BigInteger)  # đồng per unit
    target_price_max: Mapped[int | None] = mapped_column(sa.BigInteger)
    min_stars: Mapped[int] = mapped_column(default=3)
    certifications: Mapped[list] = mapped_column(sa.JSON, default=list)  # Certification values
    packaging: Mapped[str] = mapped_column(sa.String(200), default="")
    delivery_term: Mapped[DeliveryTerm] = mapped_column(str_enum(DeliveryTerm, "delivery_term"))
    delivery_province_code: Mapped[int]
    delivery_province_name: Mapped[str] = mapped_column(sa.String(100))
    # The commune/ward delivered to, when the buyer names one: distances start from there.
    delivery_ward_code: Mapped[int | None]
    delivery_ward_name: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    # What the product is (`kinds.KINDS`), finer than the category; None: read from the title.
    product_kind: Mapped[str | None] = mapped_column(sa.String(40))
    deadline: Mapped[date]  # offers are taken until the end of this day (Vietnam time)
    anonymous: Mapped[bool] = mapped_column(default=False)  # hide the company from producers
    status: Mapped[RequestStatus] = mapped_column(
        str_enum(RequestStatus, "request_status"), default=RequestStatus.DRAFT
    )
    published_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    closed_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    distributor = relationship("DistributorCompany")
    category = relationship("OcopCategory")
    offers = relationship("Offer", back_populates="request", order_by="Offer.created_at")

    def status_on(self, today):
        """The status as of `today`: an open request whose deadline has passed is closed,
        even before `close_past_deadlines()` has written it down."""
        if self.status == RequestStatus.OPEN and self.deadline < today:
            return RequestStatus.CLOSED
        return self.status

    @hybrid_method
    def takes_offers(self, today):
        return self.status == RequestStatus.OPEN and self.deadline >= today

    @takes_offers.expression
    def takes_offers(cls, today):
        return sa.and_(cls.status == RequestStatus.OPEN, cls.deadline >= today)

    def __repr__(self):
        return f"<SourcingRequest {self.id} {self.status}>"


# ---------------------------------------------------------------------------------------
# Offers


class OfferStatus(enum.StrEnum):
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


# A cooperative has at most one offer per request in these states (a unique partial index).
LIVE_OFFER_STATUSES = (OfferStatus.SUBMITTED, OfferStatus.SHORTLISTED, OfferStatus.ACCEPTED)
_LIVE_SQL = "status IN ('submitted', 'shortlisted', 'accepted')"

offer_products = sa.Table(
    "offer_products",
    db.metadata,
    sa.Column("offer_id", sa.ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("product_id", sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
)


class Offer(db.Model):
    """A cooperative's answer to a sourcing request."""

    __tablename__ = "offers"
    __table_args__ = (
        sa.CheckConstraint("unit_price > 0", name="price_positive"),
        sa.CheckConstraint("quantity_per_period > 0", name="quantity_positive"),
        sa.CheckConstraint("lead_time_days >= 0", name="lead_time_not_negative"),
        sa.Index(
            "uq_offers_live_per_cooperative", "request_id", "cooperative_id", unique=True,
            sqlite_where=sa.text(_LIVE_SQL), postgresql_where=sa.text(_LIVE_SQL),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("sourcing_requests.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    unit_price: Mapped[int] = mapped_column(sa.BigInteger)  # đồng per unit of the request
    quantity_per_period: Mapped[int] = mapped_column(sa.BigInteger)  # in the request's unit and period
    lead_time_days: Mapped[int] = mapped_column(default=7)
    sample_available: Mapped[bool] = mapped_column(default=False)
    valid_until: Mapped[date]
    message: Mapped[str] = mapped_column(sa.Text, default="")
    # Negotiated terms (the latest revision's; `revisions` keeps every round read-only).
    min_order_quantity: Mapped[int | None] = mapped_column(sa.BigInteger)  # per order, request unit
    price_tiers: Mapped[list] = mapped_column(sa.JSON, default=list, server_default="[]")  # [[from qty, price], …]
    delivery_term: Mapped[DeliveryTerm] = mapped_column(
        str_enum(DeliveryTerm, "delivery_term"), default=DeliveryTerm.WAREHOUSE, server_default="warehouse"
    )
    revision: Mapped[int] = mapped_column(default=1, server_default="1")
    # Whose turn it is: after a buyer's counter the cooperative answers (accepts or counters).
    awaiting_cooperative: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # The cooperative's consent, given with the offer, to show the partnership publicly if accepted.
    show_if_accepted: Mapped[bool] = mapped_column(default=False)
    status: Mapped[OfferStatus] = mapped_column(str_enum(OfferStatus, "offer_status"), default=OfferStatus.SUBMITTED)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    request = relationship("SourcingRequest", back_populates="offers")
    cooperative = relationship("Cooperative")
    products = relationship("Product", secondary=offer_products, order_by="Product.name_vi")
    messages = relationship("OfferMessage", back_populates="offer", order_by="OfferMessage.created_at")
    revisions = relationship("OfferRevision", back_populates="offer", order_by="OfferRevision.number")

    @property
    def is_live(self):
        return self.status in (OfferStatus.SUBMITTED, OfferStatus.SHORTLISTED)

    def price_for(self, quantity):
        """The unit price for an order of `quantity`: the deepest tier it reaches, else the base."""
        price = self.unit_price
        for from_quantity, tier_price in sorted(self.price_tiers or []):
            if quantity >= from_quantity:
                price = tier_price
        return price

    def is_expired(self, today):
        return self.valid_until < today

    def __repr__(self):
        return f"<Offer {self.id} {self.status}>"


class OfferMessage(db.Model):
    """One message of the question thread between the buyer and the offering cooperative."""

    __tablename__ = "offer_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(sa.ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    from_distributor: Mapped[bool]  # which side wrote it
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    offer = relationship("Offer", back_populates="messages")
    author = relationship("User")


class OfferRevision(db.Model):
    """One round of a negotiation: the terms one side put forward. Number 1 is the
    cooperative's offer; each counter adds the next. Never changed once written."""

    __tablename__ = "offer_revisions"
    __table_args__ = (
        sa.UniqueConstraint("offer_id", "number", name="uq_offer_revisions_number"),
        sa.CheckConstraint("unit_price > 0", name="price_positive"),
        sa.CheckConstraint("quantity_per_period > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(sa.ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    by_distributor: Mapped[bool]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    unit_price: Mapped[int] = mapped_column(sa.BigInteger)
    quantity_per_period: Mapped[int] = mapped_column(sa.BigInteger)
    min_order_quantity: Mapped[int | None] = mapped_column(sa.BigInteger)
    price_tiers: Mapped[list] = mapped_column(sa.JSON, default=list)
    delivery_term: Mapped[DeliveryTerm] = mapped_column(str_enum(DeliveryTerm, "delivery_term"))
    lead_time_days: Mapped[int]
    valid_until: Mapped[date]
    message: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    offer = relationship("Offer", back_populates="revisions")

    def price_for(self, quantity):
        return Offer.price_for(self, quantity)


# ---------------------------------------------------------------------------------------
# Partnerships


class PartnershipStatus(enum.StrEnum):
    PROPOSED = "proposed"  # a distributor proposed it from the cooperative's page
    ACTIVE = "active"
    DECLINED = "declined"
    ENDED = "ended"


partnership_products = sa.Table(
    "partnership_products",
    db.metadata,
    sa.Column("partnership_id", sa.ForeignKey("partnerships.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("product_id", sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True),
)


class Partnership(db.Model):
    """Who supplies whom, with what, how much and from when. From an accepted offer, or
    proposed directly by a distributor and accepted by the cooperative. Shown on the public
    value chain only while active and when both sides agreed to show it."""

    __tablename__ = "partnerships"
    __table_args__ = (
        sa.CheckConstraint("unit_price >= 0", name="price_not_negative"),
        sa.CheckConstraint("volume_per_period > 0", name="volume_positive"),
        sa.CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="end_after_start"),
        sa.Index("ix_partnerships_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    distributor_id: Mapped[int] = mapped_column(sa.ForeignKey("distributor_companies.id"), index=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"), index=True)
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offers.id"), unique=True)
    proposed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    unit_price: Mapped[int] = mapped_column(sa.BigInteger)  # agreed, đồng per unit
    unit: Mapped[Unit] = mapped_column(str_enum(Unit, "supply_unit"))
    volume_per_period: Mapped[int] = mapped_column(sa.BigInteger)
    frequency: Mapped[Frequency] = mapped_column(str_enum(Frequency, "supply_frequency"))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[PartnershipStatus] = mapped_column(
        str_enum(PartnershipStatus, "partnership_status"), default=PartnershipStatus.PROPOSED
    )
    # Consent to appear on the public value chain, one per side.
    shown_by_distributor: Mapped[bool] = mapped_column(default=False)
    shown_by_cooperative: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    activated_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    ended_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)

    distributor = relationship("DistributorCompany")
    cooperative = relationship("Cooperative")
    offer = relationship("Offer")
    products = relationship("Product", secondary=partnership_products, order_by="Product.name_vi")

    @property
    def is_public(self):
        return self.status == PartnershipStatus.ACTIVE and self.shown_by_distributor and self.shown_by_cooperative

    def __repr__(self):
        return f"<Partnership {self.id} {self.status}>"


# ---------------------------------------------------------------------------------------
# Notifications of matches


class MatchNotification(db.Model):
    """That a cooperative was told about a request it matches: in the app (`notified_at`),
    and in the mailed digest (`emailed_at`, None until the next digest). One row per pair:
    the reason each match is announced once."""

    __tablename__ = "match_notifications"
    __table_args__ = (sa.UniqueConstraint("request_id", "cooperative_id", name="uq_match_notifications_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("sourcing_requests.id", ondelete="CASCADE"))
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id", ondelete="CASCADE"), index=True)
    score: Mapped[int] = mapped_column(default=0)
    notified_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    emailed_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)


# ---------------------------------------------------------------------------------------
# Purchase orders


class PurchaseOrderStatus(enum.StrEnum):
    OPEN = "open"  # deliveries to come
    COMPLETED = "completed"  # every delivery received


class DeliveryStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    SHIPPED = "shipped"  # confirmed sent by the cooperative
    RECEIVED = "received"  # confirmed received by the distributor, with the quantity


class PurchaseOrder(db.Model):
    """A B2B order of a distributor to a cooperative: from an accepted offer, a renewal of
    the partnership, or a sample asked for during a negotiation. Its deliveries follow the
    request's frequency."""

    __tablename__ = "purchase_orders"
    __table_args__ = (
        sa.CheckConstraint("unit_price >= 0", name="price_not_negative"),
        sa.Index("ix_purchase_orders_distributor", "distributor_id", "created_at"),
        sa.Index("ix_purchase_orders_cooperative", "cooperative_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    distributor_id: Mapped[int] = mapped_column(sa.ForeignKey("distributor_companies.id"))
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"))
    partnership_id: Mapped[int | None] = mapped_column(sa.ForeignKey("partnerships.id"), index=True)
    offer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("offers.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    is_sample: Mapped[bool] = mapped_column(default=False)
    title: Mapped[str] = mapped_column(sa.String(200))  # what is ordered, copied
    unit: Mapped[Unit] = mapped_column(str_enum(Unit, "supply_unit"))
    unit_price: Mapped[int] = mapped_column(sa.BigInteger)  # đồng per unit, as agreed
    delivery_term: Mapped[DeliveryTerm] = mapped_column(str_enum(DeliveryTerm, "delivery_term"))
    status: Mapped[PurchaseOrderStatus] = mapped_column(
        str_enum(PurchaseOrderStatus, "purchase_order_status"), default=PurchaseOrderStatus.OPEN
    )
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    distributor = relationship("DistributorCompany")
    cooperative = relationship("Cooperative")
    partnership = relationship("Partnership")
    offer = relationship("Offer")
    deliveries = relationship("PurchaseDelivery", back_populates="purchase_order", order_by="PurchaseDelivery.number")

    @property
    def total_quantity(self):
        return sum(d.quantity for d in self.deliveries)

    def __repr__(self):
        return f"<PurchaseOrder {self.id} {self.status}>"


class PurchaseDelivery(db.Model):
    """One scheduled delivery of a purchase order."""

    __tablename__ = "purchase_deliveries"
    __table_args__ = (
        sa.UniqueConstraint("purchase_order_id", "number", name="uq_purchase_deliveries_number"),
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        sa.CheckConstraint("quantity_received IS NULL OR quantity_received >= 0", name="received_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purchase_order_id: Mapped[int] = mapped_column(sa.ForeignKey("purchase_orders.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    due_on: Mapped[date]
    quantity: Mapped[int] = mapped_column(sa.BigInteger)
    status: Mapped[DeliveryStatus] = mapped_column(
        str_enum(DeliveryStatus, "purchase_delivery_status"), default=DeliveryStatus.SCHEDULED
    )
    shipped_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    received_on: Mapped[date | None]  # Vietnam date of receipt
    quantity_received: Mapped[int | None] = mapped_column(sa.BigInteger)

    purchase_order = relationship("PurchaseOrder", back_populates="deliveries")

    @property
    def on_time_and_complete(self):
        return (self.status == DeliveryStatus.RECEIVED and self.received_on <= self.due_on
                and self.quantity_received >= self.quantity)


# /value-chain is rendered once and shared (valuechain.views): a commit that changes what it
# shows drops it with the storefront's other shared parts.
pagecache.watch(Partnership, SourcingRequest)
