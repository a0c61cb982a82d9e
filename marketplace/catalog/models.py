"""The certified catalogue: OCOP categories, products, their photos and OCOP certificates."""
import enum
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.dbtypes import str_enum


class OcopCategory(db.Model):
    """A group (parent_id NULL) or sub-group of an OCOP classification decision."""

    __tablename__ = "ocop_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    # The group's code for both groups and sub-groups: one column to filter by group.
    group_code: Mapped[str] = mapped_column(sa.String(16), index=True)
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ocop_categories.id"))
    name_vi: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200))
    decision: Mapped[str] = mapped_column(sa.String(64))
    position: Mapped[int] = mapped_column(default=0)

    parent = relationship("OcopCategory", remote_side=[id], back_populates="children")
    children = relationship("OcopCategory", back_populates="parent", order_by="OcopCategory.position")

    def name(self, locale):
        return self.name_en if str(locale).startswith("en") else self.name_vi

    def __repr__(self):
        return f"<OcopCategory {self.code}>"


class ProductStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Product(db.Model):
    __tablename__ = "products"
    __table_args__ = (
        sa.CheckConstraint("stock >= 0", name="stock_not_negative"),
        sa.CheckConstraint("price_vnd >= 0", name="price_not_negative"),
        sa.Index("ix_products_status_created", "status", "created_at"),
        # The storefront's default order (stars shown, newest first), read backwards.
        sa.Index("ix_products_shown_order", "shown_stars", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    cooperative_id: Mapped[int] = mapped_column(sa.ForeignKey("cooperatives.id"), index=True)
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("ocop_categories.id"), index=True)
    name_vi: Mapped[str] = mapped_column(sa.String(200))
    name_en: Mapped[str] = mapped_column(sa.String(200), default="")
    description_vi: Mapped[str] = mapped_column(sa.Text, default="")
    description_en: Mapped[str] = mapped_column(sa.Text, default="")
    unit: Mapped[str] = mapped_column(sa.String(60))  # e.g. "hộp 400 g"
    price_vnd: Mapped[int] = mapped_column(sa.BigInteger)  # whole đồng
    stock: Mapped[int] = mapped_column(default=0)
    weight_g: Mapped[int | None]
    shelf_life_days: Mapped[int | None]
    status: Mapped[ProductStatus] = mapped_column(
        str_enum(ProductStatus, "product_status"), default=ProductStatus.DRAFT
    )
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)
    # The certificate the storefront shows and the last day that holds (catalog/shown.py). No
    # foreign key: certificates already point at products, and a cycle would tangle both tables.
    shown_certificate_id: Mapped[int | None]
    shown_through: Mapped[date | None]
    # Its stars (0: none), to order listings by an index; the badge itself is always joined.
    shown_stars: Mapped[int] = mapped_column(default=0, server_default="0")

    cooperative = relationship("Cooperative", back_populates="products")
    category = relationship("OcopCategory")
    images = relationship(
        "ProductImage",
        back_populates="product",
        order_by="ProductImage.position",
        cascade="all, delete-orphan",
    )
    certificates = relationship(
        "OcopCertificate",
        back_populates="product",
        order_by="OcopCertificate.issued_on.desc()",
        cascade="all, delete-orphan",
    )

    def name(self, locale):
        return (self.name_en or self.name_vi) if str(locale).startswith("en") else self.name_vi

    def description(self, locale):
        if str(locale).startswith("en"):
            return self.description_en or self.description_vi
        return self.description_vi

    @property
    def cover(self):
        return self.images[0] if self.images else None

    def __repr__(self):
        return f"<Product {self.slug}>"


class ProductImage(db.Model):
    """A product photo; its files are `<stem>-<size>.webp` under UPLOAD_DIR/products."""

    __tablename__ = "product_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)  # 0 is the cover
    stem: Mapped[str] = mapped_column(sa.String(64), unique=True)
    width: Mapped[int] = mapped_column(default=0)
    height: Mapped[int] = mapped_column(default=0)

    product = relationship("Product", back_populates="images")


class WholesalePrice(db.Model):
    """A quantity break of a product's price for approved distributors: from `min_quantity`
    units in one order line, each unit costs `price_vnd`. Consumers never see or get it, so the
    storefront's shared caches never hold it (not watched by the page cache)."""

    __tablename__ = "wholesale_prices"
    __table_args__ = (
        sa.UniqueConstraint("product_id", "min_quantity"),
        sa.CheckConstraint("min_quantity >= 2", name="min_quantity_above_one"),
        sa.CheckConstraint("price_vnd > 0", name="price_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    min_quantity: Mapped[int]
    price_vnd: Mapped[int] = mapped_column(sa.BigInteger)  # whole đồng per unit


class AssessingLevel(enum.StrEnum):
    """Which council rated the product. The rules changed over time (1048/2019, 148/2023,
    1489/2025), so the level is stored on each certificate, never derived from the stars."""

    DISTRICT = "district"
    PROVINCE = "province"
    CENTRAL = "central"


class ReviewStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    # An approved certificate replaced by a renewal the council approved later: history only.
    SUPERSEDED = "superseded"


# Stars a certificate (and the OCOP mark) is granted for; 1–2★ are "potential products".
CERTIFIED_MIN_STARS = 3
CERTIFICATE_VALID_MONTHS = 36


class OcopCertificate(db.Model):
    """An OCOP rating of a product. 3★+ carry a certificate number and, while valid, the badge."""

    __tablename__ = "ocop_certificates"
    __table_args__ = (
        sa.CheckConstraint("stars BETWEEN 1 AND 5", name="stars_range"),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        sa.CheckConstraint("expires_on >= issued_on", name="expiry_after_issue"),
        sa.Index("ix_ocop_certificates_review_queue", "review_status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), index=True)
    stars: Mapped[int]
    score: Mapped[int]
    assessing_level: Mapped[AssessingLevel] = mapped_column(str_enum(AssessingLevel, "assessing_level"))
    issuing_body: Mapped[str] = mapped_column(sa.String(200))
    decision_number: Mapped[str] = mapped_column(sa.String(64), default="")
    decision_date: Mapped[date | None]
    certificate_number: Mapped[str | None] = mapped_column(sa.String(64))
    issued_on: Mapped[date]
    expires_on: Mapped[date]
    criteria_version: Mapped[str] = mapped_column(sa.String(64))
    review_status: Mapped[ReviewStatus] = mapped_column(
        str_enum(ReviewStatus, "review_status"), default=ReviewStatus.PENDING
    )
    review_reason: Mapped[str] = mapped_column(sa.Text, default="")
    reviewed_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    # The scan the cooperative sent: `<random>.pdf` or `<random>.webp` under
    # UPLOAD_DIR/certificates, served only to its staff and the council (never under /media).
    scan_file: Mapped[str | None] = mapped_column(sa.String(64))
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    reviewed_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # Set when an approved renewal superseded this certificate.
    replaced_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("ocop_certificates.id", ondelete="SET NULL"))

    product = relationship("Product", back_populates="certificates")
    submitted_by = relationship("User", foreign_keys=[submitted_by_id])
    reviewed_by = relationship("User", foreign_keys=[reviewed_by_id])
    replaced_by = relationship("OcopCertificate", remote_side=[id])

    @hybrid_method
    def grants_badge(self, today):
        """THE badge rule: approved, 3★ or more, and valid on `today` (issue to expiry)."""
        return (
            self.review_status == ReviewStatus.APPROVED
            and self.stars >= CERTIFIED_MIN_STARS
            and self.issued_on <= today <= self.expires_on
        )

    @grants_badge.expression
    def grants_badge(cls, today):
        return sa.and_(
            cls.review_status == ReviewStatus.APPROVED,
            cls.stars >= CERTIFIED_MIN_STARS,
            cls.issued_on <= today,
            cls.expires_on >= today,
        )

    @hybrid_property
    def rates_potential(self):
        """An approved 1–2★ assessment: shown as a potential product, never with the mark."""
        return self.review_status == ReviewStatus.APPROVED and self.stars < CERTIFIED_MIN_STARS

    @rates_potential.expression
    def rates_potential(cls):
        return sa.and_(cls.review_status == ReviewStatus.APPROVED, cls.stars < CERTIFIED_MIN_STARS)

    def __repr__(self):
        return f"<OcopCertificate {self.stars}★ {self.certificate_number}>"


# The storefront's cached pages show these: a commit that changes one drops them.
pagecache.watch(OcopCategory, Product, ProductImage, OcopCertificate)
