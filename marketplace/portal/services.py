"""The rules of a cooperative running its shop: listings and the dashboard (photos:
`portal.photos`; the public profile: `producers.profile`; stock: `marketplace.stock`).

Every function takes objects the caller has already scoped to the signed-in cooperative
(`owned_by_current_cooperative`), except those that take the cooperative itself and scope
their own queries to it. Each owns its transaction.
"""
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from marketplace import clock
from marketplace.catalog.models import (
    OcopCategory,
    OcopCertificate,
    Product,
    ProductStatus,
    ReviewStatus,
)
from marketplace.catalog import publishing
from marketplace.catalog.publishing import missing_for_publication, missing_to_stay_published
from marketplace.catalog.shown import shows_certificate
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.money import MAX_PRICE
from marketplace.producers.organisations import check_can_publish
from marketplace.slugs import unique_slug
from marketplace.stock import services as stock_rules
from marketplace.text import nfc

LOW_STOCK = 5  # a published product with this many or fewer left shows on the dashboard
EXPIRY_WARNING_DAYS = 90


class PortalError(Refusal):
    """A request the rules refuse; `field` names the form field, when there is one."""


# ------------------------------------------------------------------------------------------
# Listings


@dataclass
class ListingDetails:
    """What staff enter about a product; `price_vnd` in whole đồng (0 while unknown)."""

    name_vi: str
    category_code: str
    unit: str
    price_vnd: int = 0
    name_en: str = ""
    description_vi: str = ""
    description_en: str = ""
    weight_g: int | None = None
    shelf_life_days: int | None = None


def subgroups():
    """The OCOP sub-groups a product can be filed under, by group (one query)."""
    return db.session.scalars(
        sa.select(OcopCategory)
        .where(OcopCategory.parent_id.is_not(None))
        .options(selectinload(OcopCategory.parent))
        .order_by(OcopCategory.position)
    ).all()


def _apply_listing(product, details):
    name_vi, unit = nfc(details.name_vi.strip()), nfc(details.unit.strip())
    if not name_vi:
        raise PortalError(_l("Enter the product's Vietnamese name."), "name_vi")
    if not unit:
        raise PortalError(_l("Enter the unit it is sold by, e.g. hộp 400 g."), "unit")
    if not 0 <= details.price_vnd <= MAX_PRICE:
        raise PortalError(_l("Enter a price from 0 to 1.000.000.000 ₫."), "price")
    category = db.session.scalar(
        sa.select(OcopCategory).where(OcopCategory.code == details.category_code, OcopCategory.parent_id.is_not(None))
    )
    if category is None:
        raise PortalError(_l("Choose the product's OCOP category."), "category")
    product.name_vi, product.unit = name_vi, unit
    product.name_en = nfc((details.name_en or "").strip())
    product.description_vi = nfc((details.description_vi or "").strip())
    product.description_en = nfc((details.description_en or "").strip())
    product.category = category
    product.price_vnd = details.price_vnd
    product.weight_g = details.weight_g
    product.shelf_life_days = details.shelf_life_days


def create_product(cooperative, details, stock, user):
    """A new draft listing of `cooperative`; its starting stock is the first stock change."""
    stock_rules.check(stock)
    product = Product(cooperative_id=cooperative.id, status=ProductStatus.DRAFT, stock=stock)
    _apply_listing(product, details)
    product.slug = unique_slug(Product, product.name_vi)
    db.session.add(product)
    db.session.flush()
    stock_rules.record_new_listing(product, user)
    db.session.commit()
    return product


def update_product(product, details):
    """Save the edited listing. A published product must keep what publishing required."""
    try:
        _apply_listing(product, details)
        if product.status == ProductStatus.PUBLISHED:
            missing = missing_to_stay_published(product)
            if missing:
                raise PortalError(_l("A published product needs %(what)s.", what=missing[0].message), missing[0].field)
    except PortalError:
        db.session.rollback()
        raise
    db.session.commit()
    return product


def publish(product, actor):
    """Show the product to shoppers. Refused with the list of what is missing."""
    check_can_publish(product.cooperative)
    if product.status == ProductStatus.PUBLISHED:
        return
    publishing.PUBLISHING.check(product, ProductStatus.PUBLISHED, product)  # archived: restore it first
    missing = missing_for_publication(product)
    if missing:
        raise PortalError(_l("Before publishing, add: %(what)s.", what=", ".join(str(m.message) for m in missing)))
    publishing.move(product, ProductStatus.PUBLISHED, actor)
    db.session.commit()


def unpublish(product, actor):
    if product.status != ProductStatus.PUBLISHED:
        raise PortalError(_l("This product is not published."))
    publishing.move(product, ProductStatus.DRAFT, actor)
    db.session.commit()


def archive(product, actor):
    """Take the product off the shop and out of the working list; it can be restored."""
    if product.status == ProductStatus.ARCHIVED:
        return
    publishing.move(product, ProductStatus.ARCHIVED, actor)
    db.session.commit()


def restore(product, actor):
    if product.status != ProductStatus.ARCHIVED:
        raise PortalError(_l("This product is not archived."))
    publishing.move(product, ProductStatus.DRAFT, actor)
    db.session.commit()


@dataclass
class ListingRow:
    product: Product
    certificate: OcopCertificate | None  # the one the shop displays today
    pending_review: bool


def listings(cooperative, status=None, today=None):
    """The cooperative's products with the certificate each displays and whether one waits
    for review (2 queries: rows, then photos)."""
    today = today or clock.today()
    pending = (
        sa.select(OcopCertificate.id)
        .where(OcopCertificate.product_id == Product.id, OcopCertificate.review_status == ReviewStatus.PENDING)
        .correlate(Product)
        .exists()
    )
    query = (
        sa.select(Product, OcopCertificate, pending)
        .outerjoin(OcopCertificate, shows_certificate(today))
        .where(Product.cooperative_id == cooperative.id)
        .options(selectinload(Product.images))
        .order_by(Product.updated_at.desc(), Product.id.desc())
    )
    if status is None:
        query = query.where(Product.status != ProductStatus.ARCHIVED)
    else:
        query = query.where(Product.status == status)
    return [ListingRow(*row) for row in db.session.execute(query).all()]


def listing_counts(cooperative):
    """Status -> number of the cooperative's products."""
    rows = db.session.execute(
        sa.select(Product.status, sa.func.count()).where(Product.cooperative_id == cooperative.id).group_by(Product.status)
    )
    return {status: count for status, count in rows}


# ------------------------------------------------------------------------------------------
# Certificates and the dashboard


def certificates_of(cooperative):
    """Every certificate of the cooperative's products, newest first (one query)."""
    return db.session.scalars(
        sa.select(OcopCertificate)
        .join(OcopCertificate.product)
        .where(Product.cooperative_id == cooperative.id)
        .options(selectinload(OcopCertificate.product))
        .order_by(OcopCertificate.created_at.desc(), OcopCertificate.id.desc())
    ).all()


@dataclass
class Dashboard:
    """What needs doing."""

    to_confirm: int  # shipments placed (cash, or card once paid), waiting for the cooperative
    low_stock: list
    expiring: list  # approved certificates whose badge ends within 90 days
    expired: list  # approved certificates whose badge has ended, no renewal waiting
    rejected: list  # rejected submissions not yet followed by a new one
    pending: list  # submissions waiting for the council
    counts: dict  # product status -> count

    @property
    def nothing_to_do(self):
        return not (self.to_confirm or self.low_stock or self.expiring or self.expired or self.rejected)


def dashboard(cooperative, today=None):
    today = today or clock.today()
    low_stock = db.session.scalars(
        sa.select(Product)
        .where(Product.cooperative_id == cooperative.id, Product.status == ProductStatus.PUBLISHED,
               Product.stock <= LOW_STOCK)
        .order_by(Product.stock, Product.name_vi)
    ).all()
    certificates = [c for c in certificates_of(cooperative) if c.product.status != ProductStatus.ARCHIVED]
    newest_by_product = {}
    for certificate in certificates:  # newest first
        newest_by_product.setdefault(certificate.product_id, certificate)
    pending_products = {c.product_id for c in certificates if c.review_status == ReviewStatus.PENDING}
    approved = [c for c in certificates if c.review_status == ReviewStatus.APPROVED and c.stars >= 3]
    horizon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    from marketplace.orders.fulfilment import orders_to_confirm

    return Dashboard(
        to_confirm=orders_to_confirm(cooperative),
        low_stock=low_stock,
        expiring=sorted((c for c in approved if today <= c.expires_on <= horizon), key=lambda c: c.expires_on),
        expired=[c for c in approved if c.expires_on < today and c.product_id not in pending_products],
        rejected=[c for c in certificates if c.review_status == ReviewStatus.REJECTED
                  and newest_by_product[c.product_id] is c],
        pending=[c for c in certificates if c.review_status == ReviewStatus.PENDING],
        counts=listing_counts(cooperative),
    )
