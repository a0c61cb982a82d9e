"""A production lot of a product, its processing steps, the history of its corrections after it
was first scanned, and its scans counted per day (a number, nothing about who scanned)."""
from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.extensions import db


class Lot(db.Model):
    __tablename__ = "lots"
    __table_args__ = (
        sa.UniqueConstraint("product_id", "lot_code"),  # a lot number once per product
        sa.CheckConstraint("quantity > 0", name="quantity_positive"),
        sa.CheckConstraint("best_before >= produced_on", name="best_before_after_production"),
        sa.CheckConstraint("scans >= 0", name="scans_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The short code printed under the QR and read in /t/<code>: random, never derived from ids.
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    # The product's cooperative, kept here so that every portal query scopes lots by it.
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"), index=True)
    lot_code: Mapped[str] = mapped_column(sa.String(64))  # the cooperative's own lot number
    produced_on: Mapped[date]
    best_before: Mapped[date]
    quantity: Mapped[int]
    unit: Mapped[str] = mapped_column(sa.String(60), default="")
    # Where the raw material came from: a farm or place in words, a commune of the current
    # map (code and name as they were when chosen), and/or a partner cooperative of the site.
    origin_text: Mapped[str] = mapped_column(sa.String(300), default="")
    origin_province_code: Mapped[int | None]
    origin_ward_code: Mapped[int | None]
    origin_place_name: Mapped[str] = mapped_column(sa.String(200), default="")
    origin_cooperative_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cooperatives.id", ondelete="SET NULL"))
    scans: Mapped[int] = mapped_column(default=0, server_default="0")
    first_scanned_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    product = relationship("Product")
    cooperative = relationship("Cooperative", foreign_keys=[cooperative_id])
    origin_cooperative = relationship("Cooperative", foreign_keys=[origin_cooperative_id])
    steps = relationship("LotStep", order_by="(LotStep.done_on, LotStep.position)", cascade="all, delete-orphan",
                         back_populates="lot")
    revisions = relationship("LotRevision", order_by="LotRevision.id.desc()", cascade="all, delete-orphan",
                             back_populates="lot")

    def __repr__(self):
        return f"<Lot {self.code} {self.lot_code}>"


class LotStep(db.Model):
    """A processing step of a lot (harvest, drying, cooking, packing…) and the day it was done."""

    __tablename__ = "lot_steps"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(sa.ForeignKey("lots.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    done_on: Mapped[date]
    description: Mapped[str] = mapped_column(sa.String(200))

    lot = relationship("Lot", back_populates="steps")


class LotRevision(db.Model):
    """A correction of a lot made after its first scan: who, when, and each field's old and new
    value (`changes`: [[field, old, new], …] as text), shown on the trace page."""

    __tablename__ = "lot_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    lot_id: Mapped[int] = mapped_column(sa.ForeignKey("lots.id", ondelete="CASCADE"), index=True)
    changed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    changes: Mapped[list] = mapped_column(sa.JSON, default=list)

    lot = relationship("Lot", back_populates="revisions")


class LotScanDay(db.Model):
    """How many times a lot's trace page was opened on a day (Vietnam time)."""

    __tablename__ = "lot_scan_days"
    __table_args__ = (sa.CheckConstraint("scans > 0", name="scans_positive"),)

    lot_id: Mapped[int] = mapped_column(sa.ForeignKey("lots.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    scans: Mapped[int] = mapped_column(default=1)
