"""What search indexes, read from the database: buyable products and approved cooperatives.

A document has four text fields, from most to least important: name, category (sub-group
and group), cooperative (name and place), description. They are defined once, as SQL, here:
the Whoosh backend reads the rows, the PostgreSQL backend inserts them into its table.
"""
from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from marketplace import clock
from marketplace.catalog.models import CERTIFIED_MIN_STARS, OcopCategory, OcopCertificate, Product, ReviewStatus
from marketplace.catalog.services import buyable_products
from marketplace.catalog.shown import shows_certificate
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import ApprovalStatus, Cooperative

FIELDS = ("name", "category", "cooperative", "description")
KINDS = ("product", "cooperative")


@dataclass(frozen=True)
class SearchDocument:
    kind: str  # "product" | "cooperative" | "category" (Whoosh keeps categories as documents)
    id: int
    name: str
    category: str
    cooperative: str
    description: str
    # Orders suggestions among equally good matches: stars, then shorter names.
    hint: int = 0
    # What filters, facets and ordering need, kept beside the text (products only): the
    # results page counts thousands of matches without a per-product database query.
    category_id: int | None = None
    group_code: str | None = None
    cooperative_id: int | None = None
    district: str | None = None
    price: int = 0
    in_stock: bool = False
    created_at: datetime | None = None
    stars: int | None = None  # of the displayed certificate, as of `today` when indexed
    next_issue: date | None = None  # the displayed stars may change on this day…
    next_expiry: date | None = None  # …or on the day after this one


def _lines(*parts):
    text = parts[0]
    for part in parts[1:]:
        text = text + "\n" + part
    return text


def _place():
    district = sa.case(LEGACY_DISTRICTS, value=Cooperative.legacy_district, else_="")
    return _lines(district, Cooperative.ward_name, Cooperative.province_name, Cooperative.origin_label)


def _hint(stars, name):
    length = sa.func.length(name)
    return sa.func.coalesce(stars, 0) * 1000 + sa.case((length > 999, 0), else_=999 - length)


def _next_badge_change(product_id, today, column, condition):
    """The earliest issue (or expiry) date of this product's approved 3★+ certificates that
    lies ahead: the day its displayed stars may change. Written from the badge rule's dates."""
    cert = aliased(OcopCertificate)
    return (
        sa.select(sa.func.min(column(cert)))
        .where(cert.product_id == product_id, cert.review_status == ReviewStatus.APPROVED,
               cert.stars >= CERTIFIED_MIN_STARS, condition(cert, today))
        .scalar_subquery()
    )


def product_rows(product_ids=None, today=None):
    """SELECT of every SearchDocument column, for buyable products."""
    group = aliased(OcopCategory)
    today = today or clock.today()
    query = (
        buyable_products()
        .join(Product.category)
        .join(group, group.code == OcopCategory.group_code)
        .outerjoin(OcopCertificate, shows_certificate(today))
        .with_only_columns(
            sa.literal("product").label("kind"),
            Product.id.label("id"),
            _lines(Product.name_vi, Product.name_en).label("name"),
            _lines(OcopCategory.name_vi, OcopCategory.name_en, group.name_vi, group.name_en).label("category"),
            _lines(Cooperative.name, _place()).label("cooperative"),
            _lines(Product.description_vi, Product.description_en).label("description"),
            _hint(OcopCertificate.stars, Product.name_vi).label("hint"),
            Product.category_id.label("category_id"),
            OcopCategory.group_code.label("group_code"),
            Product.cooperative_id.label("cooperative_id"),
            Cooperative.legacy_district.label("district"),
            Product.price_vnd.label("price"),
            (Product.stock > 0).label("in_stock"),
            Product.created_at.label("created_at"),
            OcopCertificate.stars.label("stars"),
            _next_badge_change(Product.id, today, lambda c: c.issued_on, lambda c, d: c.issued_on > d).label("next_issue"),
            _next_badge_change(Product.id, today, lambda c: c.expires_on,
                               lambda c, d: sa.and_(c.issued_on <= d, c.expires_on >= d)).label("next_expiry"),
        )
        .order_by(Product.id)
    )
    if product_ids is not None:
        query = query.where(Product.id.in_(product_ids))
    return query


def category_rows(category_ids=None):
    """Categories as documents (Whoosh): products join them by category id."""
    group = aliased(OcopCategory)
    query = (
        sa.select(
            sa.literal("category").label("kind"),
            OcopCategory.id.label("id"),
            sa.literal("").label("name"),
            _lines(OcopCategory.name_vi, OcopCategory.name_en, group.name_vi, group.name_en).label("category"),
            sa.literal("").label("cooperative"),
            sa.literal("").label("description"),
        )
        .join(group, group.code == OcopCategory.group_code)
        .order_by(OcopCategory.id)
    )
    if category_ids is not None:
        query = query.where(OcopCategory.id.in_(category_ids))
    return query


def cooperative_rows(cooperative_ids=None):
    """Approved cooperatives: their name, their name and place, their story."""
    query = (
        sa.select(
            sa.literal("cooperative").label("kind"),
            Cooperative.id.label("id"),
            Cooperative.name.label("name"),
            sa.literal("").label("category"),
            _lines(Cooperative.name, _place()).label("cooperative"),
            _lines(Cooperative.story_vi, Cooperative.story_en).label("description"),
            _hint(None, Cooperative.name).label("hint"),
        )
        .where(Cooperative.status == ApprovalStatus.APPROVED)
        .order_by(Cooperative.id)
    )
    if cooperative_ids is not None:
        query = query.where(Cooperative.id.in_(cooperative_ids))
    return query


def documents(connection, product_ids=None, cooperative_ids=None, category_ids=(), today=None):
    """Search documents for the given ids (every one when None), read on `connection`."""
    for ids, rows in ((product_ids, lambda ids: product_rows(ids, today)), (cooperative_ids, cooperative_rows),
                      (category_ids, category_rows)):
        if ids is None or ids:
            for row in connection.execute(rows(ids)):
                yield SearchDocument(**row._mapping)


def affected(connection, changes, categories_in_products=True):
    """The product and cooperative ids whose documents a set of changes may have altered:
    a cooperative's change reaches every product under it, and so does a category's when
    product documents hold their category's names."""
    product_ids = set(changes.product_ids)
    if changes.cooperative_ids:
        product_ids.update(connection.scalars(
            sa.select(Product.id).where(Product.cooperative_id.in_(changes.cooperative_ids))
        ))
    if categories_in_products and changes.category_ids:
        product_ids.update(connection.scalars(
            sa.select(Product.id).join(Product.category).where(
                sa.or_(
                    OcopCategory.id.in_(changes.category_ids),
                    OcopCategory.group_code.in_(
                        sa.select(OcopCategory.code).where(OcopCategory.id.in_(changes.category_ids))
                    ),
                )
            )
        ))
    return sorted(product_ids), sorted(changes.cooperative_ids)


def counts(connection):
    """How many products and cooperatives search should hold, from the database."""
    products = connection.scalar(sa.select(sa.func.count()).select_from(buyable_products().subquery()))
    cooperatives = connection.scalar(
        sa.select(sa.func.count(Cooperative.id)).where(Cooperative.status == ApprovalStatus.APPROVED)
    )
    return {"product": products, "cooperative": cooperatives}
