"""OCOP entities: the cooperatives, groups, enterprises and household businesses that produce."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.clock import utcnow
from marketplace.core import pagecache
from marketplace.dbtypes import str_enum
from marketplace.extensions import db
from marketplace.producers.constants import LEGACY_DISTRICTS, ORIGIN_BEN_TRE


class EntityKind(enum.StrEnum):
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative_group"
    ENTERPRISE = "enterprise"
    HOUSEHOLD = "household"
    INDIVIDUAL = "individual"  # a person selling alone, without a registered business


# Sellers whose tax the marketplace withholds (Decree 117/2025/NĐ-CP); the others declare
# their own. They also give their citizen ID (CCCD) in their tax profile.
WITHHELD_KINDS = frozenset({EntityKind.HOUSEHOLD, EntityKind.INDIVIDUAL})


class ApprovalStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Cooperative(db.Model):
    __tablename__ = "cooperatives"
    __table_args__ = (
        sa.CheckConstraint(
            "legacy_district IS NULL OR legacy_district IN ("
            + ", ".join(f"'{code}'" for code in LEGACY_DISTRICTS)
            + ")",
            name="legacy_district_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[EntityKind] = mapped_column(str_enum(EntityKind, "entity_kind"))
    story_vi: Mapped[str] = mapped_column(sa.Text, default="")
    story_en: Mapped[str] = mapped_column(sa.Text, default="")
    founded_year: Mapped[int | None]
    members: Mapped[int | None]
    phone: Mapped[str] = mapped_column(sa.String(20), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")
    # Address in today's two-level units (province, then commune/ward), codes from the
    # `vietnam-provinces` package, names copied so that pages need no lookup.
    street: Mapped[str] = mapped_column(sa.String(200), default="")
    province_code: Mapped[int | None]
    province_name: Mapped[str] = mapped_column(sa.String(100), default="")
    ward_code: Mapped[int | None]
    ward_name: Mapped[str] = mapped_column(sa.String(100), default="")
    # The pre-2025 district, kept for OCOP program statistics and filters.
    legacy_district: Mapped[str | None] = mapped_column(sa.String(32), index=True)
    origin_label: Mapped[str] = mapped_column(sa.String(100), default=ORIGIN_BEN_TRE)
    status: Mapped[ApprovalStatus] = mapped_column(
        str_enum(ApprovalStatus, "approval_status"), default=ApprovalStatus.PENDING, index=True
    )
    rejection_reason: Mapped[str] = mapped_column(sa.Text, default="")
    photo_stem: Mapped[str | None] = mapped_column(sa.String(64))
    # Shipping, set in the portal (orders): a flat fee per shipment in đồng, waived from a goods
    # subtotal of free_shipping_from_vnd (None: never free).
    shipping_fee_vnd: Mapped[int] = mapped_column(sa.BigInteger, default=30000, server_default="30000")
    free_shipping_from_vnd: Mapped[int | None] = mapped_column(sa.BigInteger)
    # Units of one product one order may take (orders.limits): nobody empties a product at once.
    max_units_per_order: Mapped[int] = mapped_column(default=20, server_default="20")
    # The tax profile (producers/tax.py), asked for before the first payout: the tax code
    # (MST, checked by python-stdnum) and, for households and individuals, the citizen ID.
    tax_code: Mapped[str] = mapped_column(sa.String(14), default="", server_default="")
    personal_id: Mapped[str] = mapped_column(sa.String(12), default="", server_default="")
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    products = relationship("Product", back_populates="cooperative")
    photos = relationship(
        "CooperativePhoto",
        back_populates="cooperative",
        order_by="CooperativePhoto.position",
        cascade="all, delete-orphan",
    )

    @property
    def district_name(self):
        return LEGACY_DISTRICTS.get(self.legacy_district or "", "")

    @property
    def tax_withheld(self):
        return self.kind in WITHHELD_KINDS

    @property
    def tax_profile_complete(self):
        """An individual may have no MST of their own (the citizen ID serves); everyone else
        needs one, and households and individuals their citizen ID too."""
        if self.tax_withheld and not self.personal_id:
            return False
        return bool(self.tax_code) or self.kind == EntityKind.INDIVIDUAL

    @property
    def is_approved(self):
        return self.status == ApprovalStatus.APPROVED

    def __repr__(self):
        return f"<Cooperative {self.slug}>"


class CooperativePhoto(db.Model):
    """A photo of a producer's public profile; its files are `<stem>-<size>.webp` under
    UPLOAD_DIR/cooperatives. Position 0 is the cover, also kept in Cooperative.photo_stem
    for the pages that show only the cover."""

    __tablename__ = "cooperative_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    stem: Mapped[str] = mapped_column(sa.String(64), unique=True)
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)

    cooperative = relationship("Cooperative", back_populates="photos")


class CooperativeMember(db.Model):
    """Staff of a cooperative (any OCOP entity). One cooperative per user."""

    __tablename__ = "cooperative_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"), index=True)
    is_owner: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    # The backref gives User its `cooperative_membership` without accounts knowing this package.
    user: Mapped[User] = relationship(backref=backref("cooperative_membership", uselist=False))
    cooperative = relationship("Cooperative")
# The storefront's cached pages show cooperatives: a commit that changes one drops them.
pagecache.watch(Cooperative)
